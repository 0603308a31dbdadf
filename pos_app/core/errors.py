"""Domain errors: a message key plus the data for its format fields."""

from __future__ import annotations

import re

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


class PosError(Exception):
    """A domain error a person can act on: a message key plus data for its format fields."""

    key: str
    data: dict[str, object]

    def __init__(self, key: str, **data: object) -> None:
        # A malformed key would never find its translation; fail loudly in development.
        if not _KEY_RE.match(key):
            raise ValueError(f"PosError key must be dotted lower case, got {key!r}")
        super().__init__(key, data)
        self.key = key
        self.data = dict(data)

    def __str__(self) -> str:
        if not self.data:
            return self.key
        fields = ", ".join(f"{k}={v!r}" for k, v in sorted(self.data.items()))
        return f"{self.key} ({fields})"

    def __repr__(self) -> str:
        fields = "".join(f", {k}={v!r}" for k, v in sorted(self.data.items()))
        return f"PosError({self.key!r}{fields})"

    def __reduce__(self) -> tuple[object, ...]:
        # Exception pickling replays positional args; keyword data needs its own path
        # (errors cross process boundaries in worker pools and test subprocesses).
        return (_rebuild, (self.key, self.data))


def _rebuild(key: str, data: dict[str, object]) -> PosError:
    return PosError(key, **data)
