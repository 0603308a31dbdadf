"""How many push transactions one worker process runs at once.

A push is CPU in this process (one GIL) and row locks in the database. With every request
of a 50-till burst in its own transaction, dozens of batches held member and stock rows at
once and queued behind each other's locks while their own threads waited for the GIL: the
cores sat half idle. A few transactions per worker keep the cores busy (while one waits for
a round trip, another runs); the other requests wait here, holding no lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Slots:
    """At most ``n`` holders at once; ``waiting`` counts the callers blocked in ``held``."""

    def __init__(self, n: int) -> None:
        self._free = threading.Semaphore(n)
        self._lock = threading.Lock()
        self.waiting = 0

    @contextmanager
    def held(self) -> Iterator[None]:
        if not self._free.acquire(blocking=False):
            with self._lock:
                self.waiting += 1
            try:
                self._free.acquire()
            finally:
                with self._lock:
                    self.waiting -= 1
        try:
            yield
        finally:
            self._free.release()
