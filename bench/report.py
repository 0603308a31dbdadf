"""Progress to stderr; the result as one JSON object, the last line on stdout."""

from __future__ import annotations

import json
import sys
import time

_T0 = time.monotonic()


def log(message: str) -> None:
    print(f"[bench {time.monotonic() - _T0:7.1f}s] {message}", file=sys.stderr, flush=True)


def emit(result: dict[str, object], *, json_only: bool) -> None:
    """Print the result: a readable table unless ``json_only``, then the JSON line, last."""
    if not json_only:
        for key, value in result.items():
            print(f"  {key:28} {value}")
    print(json.dumps(result, ensure_ascii=False, sort_keys=False), flush=True)
