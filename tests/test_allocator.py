"""The till's malloc settings: freed large blocks go back to the system, not into heap holes.

Each case runs in a fresh interpreter, since glibc's settings are per process. The control
case (no settings) shows the pattern the till's camera and receipts produce really does leave
a heap full of free space on this glibc, so the tuned case is a real check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")

# A 4 MB block freed (glibc raises its mmap threshold to 4 MB), then 40 frames of 900 KB
# held at once and all freed but the newest: what a burst of camera frames does.
SCRIPT = """
import ctypes, json, sys
if sys.argv[1] == "tuned":
    from pos_app.allocator import tune_allocator
    applied = tune_allocator()
else:
    applied = {}
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = (ctypes.c_size_t,)
libc.free.argtypes = (ctypes.c_void_p,)
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks",
        "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
libc.mallinfo2.restype = Info
def touch(p, n):
    ctypes.memset(p, 1, n)
    return p
libc.free(touch(libc.malloc(4 << 20), 4 << 20))
frames = [touch(libc.malloc(900 << 10), 900 << 10) for _ in range(40)]
for p in frames[:-1]:
    libc.free(p)
print(json.dumps({"free_in_heap_mb": libc.mallinfo2().fordblks / 2**20, "applied": applied}))
"""


def _run(mode: str, **env: str) -> dict[str, Any]:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_ARENA_MAX")} | env
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True,
                          text=True, check=True, env=environ, timeout=60,
                          cwd=Path(__file__).resolve().parent.parent)
    result: dict[str, Any] = json.loads(done.stdout)  # the script's JSON line
    return result


def test_freed_frames_leave_the_heap_with_the_settings() -> None:
    control = _run("plain")
    tuned = _run("tuned")
    assert float(control["free_in_heap_mb"]) > 20
    assert float(tuned["free_in_heap_mb"]) < 2
    assert tuned["applied"] == {"MALLOC_MMAP_THRESHOLD_": 131072, "MALLOC_ARENA_MAX": 2}


def test_settings_from_the_environment_win() -> None:
    tuned = _run("tuned", MALLOC_ARENA_MAX="4")
    assert tuned["applied"] == {"MALLOC_MMAP_THRESHOLD_": 131072}
