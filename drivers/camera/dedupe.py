"""Ignore the same code shown again within a few seconds (a phone held up to the camera)."""

from __future__ import annotations

import time
from collections.abc import Callable


class RepeatFilter:
    """``accept(code)`` is True for a new code, False for a repeat within ``window_s``.

    A code held in view keeps being seen; each sighting extends the quiet period, so it
    is reported again only after it has been out of view for ``window_s``.
    """

    def __init__(self, window_s: float = 3.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._window = window_s
        self._clock = clock
        self._last_seen: dict[str, float] = {}

    def accept(self, code: str) -> bool:
        now = self._clock()
        last = self._last_seen.get(code)
        self._last_seen[code] = now
        self._forget_older_than(now - self._window)
        return last is None or now - last >= self._window

    def reset(self) -> None:
        """Forget everything: the next sighting of any code is reported."""
        self._last_seen.clear()

    def _forget_older_than(self, limit: float) -> None:
        if len(self._last_seen) > 64:  # keep memory bounded; only recent codes matter
            self._last_seen = {c: t for c, t in self._last_seen.items() if t >= limit}
