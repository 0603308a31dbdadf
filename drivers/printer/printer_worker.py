"""The printer's device worker: prints persisted jobs in order, retried until printed.

Jobs come from a ``JobQueue`` (the app backs it with the ``print_job`` table). Out of paper,
offline and unknown status are states reported through ``on_status``; nothing here raises
into the app. A job is marked ``printing`` before it is sent, so a crash mid-send prints it
again on restart: a duplicate receipt is better than a lost one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypedDict

from drivers.device import DeviceState, DeviceStatus, DeviceUnavailable, DeviceWorker
from drivers.printer.transports import STATUS_PAPER, Transport, paper_state
from pos_app.core.clock import default_now

log = logging.getLogger(__name__)
WAKE = "wake"


@dataclass(frozen=True, slots=True)
class QueuedJob:
    """A job to send: ESC/POS ``data``."""

    job_id: int
    kind: str
    data: bytes
    created_at: datetime


class JobQueue(Protocol):
    """The persisted queue, as the worker sees it."""

    def pending(self) -> list[QueuedJob]:
        """Jobs still to print, oldest first."""
        ...

    def printing(self, job_id: int) -> None: ...

    def done(self, job_id: int) -> None: ...

    def failed(self, job_id: int, key: str) -> None:
        """Count a failed try; the job stays queued."""
        ...

    def abandon(self, job_id: int, key: str) -> None:
        """Give the job up (a stale drawer kick)."""
        ...



class WorkerTimings(TypedDict, total=False):
    """The worker's timings (seconds) that its builder may set."""

    reconnect_s: float
    poll_s: float
    retry_s: float
    drawer_max_age_s: float


class PrinterWorker(DeviceWorker):
    """Receipt printer (and the drawer behind it) on its own thread."""

    name = "printer"

    def __init__(
        self,
        *,
        transport_factory: Callable[[], Transport],
        jobs: JobQueue,
        on_status: Callable[[DeviceStatus], None] | None = None,
        on_job: Callable[[int, str], None] | None = None,
        clock: Callable[[], datetime] = default_now,
        reconnect_s: float = 2.0,
        poll_s: float = 0.05,
        retry_s: float = 3.0,
        drawer_max_age_s: float = 30.0,
    ) -> None:
        super().__init__(on_status=on_status, reconnect_s=reconnect_s, poll_s=poll_s)
        self._factory = transport_factory
        self._jobs = jobs
        self._on_job = on_job or (lambda _id, _state: None)
        self._clock = clock
        self._retry_s = retry_s
        self._drawer_max_age_s = drawer_max_age_s
        self._transport: Transport | None = None
        self._next_check = 0.0

    def wake(self) -> None:
        """New jobs were queued: print them now rather than at the next retry."""
        self.submit(WAKE)

    # ---- DeviceWorker -------------------------------------------------------------------

    def open(self) -> None:
        transport = self._factory()
        transport.open()
        self._transport = transport
        self._next_check = 0.0  # back online: print what waited at once

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def poll(self) -> None:
        if time.monotonic() >= self._next_check:
            self._print_pending()

    def handle(self, command: Any) -> None:
        if command == WAKE:
            self._print_pending()

    # ---- printing -----------------------------------------------------------------------

    def _print_pending(self) -> None:
        self._next_check = time.monotonic() + self._retry_s
        transport = self._transport
        if transport is None:
            raise DeviceUnavailable("printer not open")
        paper = paper_state(transport.query(STATUS_PAPER))
        self._report_paper(paper)
        if paper == "out":
            return  # keep everything queued; the next check retries
        for job in self._jobs.pending():
            if job.kind == "drawer" and self._stale(job):
                self._jobs.abandon(job.job_id, "printer.drawer_expired")
                self._on_job(job.job_id, "failed")
                continue
            self._jobs.printing(job.job_id)
            try:
                transport.write(job.data)
            except OSError:
                self._jobs.failed(job.job_id, "printer.offline")
                self._on_job(job.job_id, "queued")
                raise  # the base class goes offline and reconnects
            self._jobs.done(job.job_id)
            self._on_job(job.job_id, "done")

    def _stale(self, job: QueuedJob) -> bool:
        # A drawer that pops open minutes after the sale is a security problem, not a help.
        return (self._clock() - job.created_at).total_seconds() > self._drawer_max_age_s

    def _report_paper(self, paper: str) -> None:
        if paper == "out":
            self.report(DeviceState.ERROR, "printer.no_paper")
        elif paper == "unknown":
            self.report(DeviceState.UNKNOWN, "printer.status_unknown")
        elif paper == "low":
            self.report(DeviceState.READY, "printer.paper_low")
        else:
            self.report(DeviceState.READY)
