"""The store's idle worker: WAL checkpoints off the sale path, and retention.

One daemon thread (``pos-db-maintenance``), owned by the store layer and started with the
app's services (``services.factory``), stopped when they close. Commits never checkpoint
(``db`` sets the automatic checkpoint to a far backstop); this worker runs a PASSIVE
checkpoint once the writers have been idle for ``idle_s`` (or ``max_wait_s`` passed with
writes pending), so a sale's commit never copies the WAL into the database file, and the WAL
stays small (the next writer starts it again, cut down to ``db.JOURNAL_SIZE_LIMIT``).
Retention (``retention.apply_retention``) runs when idle too, ``first_retention_s`` after the
start and then every ``retention_every_s``; its steps are short background transactions.
So do the search index's merges after a large catalog load (``search_index.merge_step``):
step after step while there is work, then looked at again every ``merge_every_s``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from pos_app.core.clock import default_now
from pos_app.store import search_index
from pos_app.store.db import write_activity
from pos_app.store.retention import RetentionPolicy, RetentionReport, apply_retention

log = logging.getLogger(__name__)



@dataclass(frozen=True, slots=True)
class Checkpoint:
    """What ``PRAGMA wal_checkpoint(PASSIVE)`` answered."""

    busy: bool
    wal_frames: int
    checkpointed: int


def checkpoint(engine: Engine) -> Checkpoint:
    """One PASSIVE checkpoint now (never waits for a writer or a reader)."""
    raw = engine.raw_connection()
    try:
        con = raw.driver_connection
        assert con is not None  # autocommit (``db._on_connect``): no transaction around it
        busy, frames, done = con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        raw.close()
    return Checkpoint(busy=bool(busy), wal_frames=int(frames), checkpointed=int(done))


class StoreMaintenance:
    """``start()`` the idle worker; ``stop()`` it. ``checkpoints`` counts its checkpoints,
    ``last_retention`` is the report of its last retention run (for tests and the log)."""

    def __init__(
        self, *, engine: Engine, policy: RetentionPolicy | None = None,
        clock: Callable[[], datetime] = default_now, poll_s: float = 0.25, idle_s: float = 0.5,
        max_wait_s: float = 30.0, first_retention_s: float = 120.0,
        retention_every_s: float = 6 * 3600.0, merge_every_s: float = 60.0,
    ) -> None:
        self._engine = engine
        self.policy = policy or RetentionPolicy()
        self._clock = clock
        self._poll_s = poll_s
        self._idle_s = idle_s
        self._max_wait_s = max_wait_s
        self._retention_every_s = retention_every_s
        self._stop = threading.Event()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._seen_writes = -1
        self._last_checkpoint = time.monotonic()
        self._next_retention = time.monotonic() + first_retention_s
        self._merge_every_s = merge_every_s
        self._next_merge = time.monotonic()
        self.merges = 0  # merge steps that found work
        self.checkpoints = 0
        self.last_retention: RetentionReport | None = None

    def start(self) -> None:
        """Start the worker (once)."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="pos-db-maintenance",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop the worker (a retention step in flight finishes first)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout_s)

    def wait_for_checkpoints(self, count: int, timeout_s: float) -> bool:
        """Wait until the worker has run ``count`` checkpoints (tests)."""
        with self._cond:
            return self._cond.wait_for(lambda: self.checkpoints >= count, timeout_s)

    def wait_for_retention(self, timeout_s: float) -> RetentionReport | None:
        """Wait until the worker has run retention once; its report (tests)."""
        with self._cond:
            self._cond.wait_for(lambda: self.last_retention is not None, timeout_s)
            return self.last_retention

    def _loop(self) -> None:
        while not self._stop.wait(self._poll_s):
            try:
                self._tick()
            except Exception:  # never let the worker die; the next tick tries again
                log.exception("store maintenance")

    def _tick(self) -> None:
        activity = write_activity(self._engine)
        if activity.busy:
            return
        now = time.monotonic()
        written = activity.writes != self._seen_writes
        if written and (activity.idle_s >= self._idle_s
                        or now - self._last_checkpoint >= self._max_wait_s):
            self._checkpoint(activity.writes)
        if now >= self._next_merge and activity.idle_s >= self._idle_s:
            worked = search_index.merge_step(self._engine)
            self.merges += worked
            self._next_merge = now if worked else now + self._merge_every_s
        if now >= self._next_retention and activity.idle_s >= self._idle_s:
            self._next_retention = now + self._retention_every_s
            report = apply_retention(engine=self._engine, policy=self.policy,
                                     now=self._clock())
            log.info("retention: %s", report)
            with self._cond:
                self.last_retention = report
                self._cond.notify_all()
            self._checkpoint(write_activity(self._engine).writes)

    def _checkpoint(self, writes: int) -> None:
        result = checkpoint(self._engine)
        self._last_checkpoint = time.monotonic()
        if not result.busy and result.checkpointed >= result.wal_frames:
            self._seen_writes = writes  # all of it is in the file; else try again next tick
        with self._cond:
            self.checkpoints += 1
            self._cond.notify_all()
