"""The printer worker: offline, out of paper and mute printers are states; jobs wait and print."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from drivers.device import DeviceState
from drivers.printer.printer_worker import PrinterWorker, QueuedJob
from drivers.sim.printer_sim import SimPrinter
from tests.waiting import wait_until

T0 = datetime(2024, 11, 25, 10, 0, tzinfo=UTC)


class MemoryQueue:
    def __init__(self) -> None:
        self.jobs: dict[int, QueuedJob] = {}
        self.state: dict[int, str] = {}
        self.attempts: dict[int, int] = {}

    def add(self, job_id: int, data: bytes, kind: str = "receipt", at: datetime = T0) -> None:
        self.jobs[job_id] = QueuedJob(job_id, kind, data, at)
        self.state[job_id] = "queued"
        self.attempts[job_id] = 0

    def pending(self) -> list[QueuedJob]:
        return [j for i, j in sorted(self.jobs.items()) if self.state[i] in ("queued", "printing")]

    def printing(self, job_id: int) -> None:
        self.state[job_id] = "printing"

    def done(self, job_id: int) -> None:
        self.state[job_id] = "done"

    def failed(self, job_id: int, key: str) -> None:
        self.state[job_id] = "queued"
        self.attempts[job_id] += 1

    def abandon(self, job_id: int, key: str) -> None:
        self.state[job_id] = "failed"


def _worker(sim: SimPrinter, queue: MemoryQueue) -> PrinterWorker:
    return PrinterWorker(transport_factory=lambda: sim, jobs=queue, reconnect_s=0.01,
                         poll_s=0.005, retry_s=0.02, clock=lambda: T0)


def test_offline_printer_keeps_jobs_and_prints_them_when_it_returns() -> None:
    sim, queue = SimPrinter(), MemoryQueue()
    sim.online = False
    queue.add(1, b"one\n")
    worker = _worker(sim, queue)
    worker.start()
    try:
        wait_until(lambda: worker.status.state == DeviceState.OFFLINE)
        assert sim.output() == b"" and queue.state[1] == "queued"
        sim.online = True
        wait_until(lambda: queue.state[1] == "done")
        assert sim.output() == b"one\n"
    finally:
        worker.stop()


def test_printer_switched_off_mid_job_retries_it() -> None:
    sim, queue = SimPrinter(), MemoryQueue()
    worker = _worker(sim, queue)
    worker.start()
    try:
        wait_until(lambda: worker.status.state == DeviceState.READY)
        sim.online = False
        queue.add(1, b"one\n")
        worker.wake()
        wait_until(lambda: queue.attempts[1] >= 1)
        assert worker.status.state == DeviceState.OFFLINE and queue.state[1] == "queued"
        sim.online = True
        wait_until(lambda: queue.state[1] == "done")
    finally:
        worker.stop()


def test_out_of_paper_is_an_error_state_and_nothing_is_sent() -> None:
    sim, queue = SimPrinter(), MemoryQueue()
    sim.paper = "out"
    queue.add(1, b"one\n")
    worker = _worker(sim, queue)
    worker.start()
    try:
        wait_until(lambda: worker.status.key == "printer.no_paper")
        assert worker.status.state == DeviceState.ERROR and sim.output() == b""
        sim.paper = "ok"
        wait_until(lambda: queue.state[1] == "done")
        wait_until(lambda: worker.status.state == DeviceState.READY)
    finally:
        worker.stop()


def test_status_query_without_reply_is_unknown_not_no_paper_and_still_prints() -> None:
    sim, queue = SimPrinter(), MemoryQueue()
    sim.answers_status = False
    queue.add(1, b"one\n")
    worker = _worker(sim, queue)
    worker.start()
    try:
        wait_until(lambda: queue.state[1] == "done")
        assert worker.status.state == DeviceState.UNKNOWN
        assert worker.status.key == "printer.status_unknown"
    finally:
        worker.stop()


def test_stale_drawer_kick_is_dropped_not_fired_late() -> None:
    sim, queue = SimPrinter(), MemoryQueue()
    queue.add(1, b"\x1bp\x00\x32\x32", kind="drawer", at=T0 - timedelta(minutes=5))
    queue.add(2, b"receipt\n")
    worker = _worker(sim, queue)
    worker.start()
    try:
        wait_until(lambda: queue.state[2] == "done")
        assert queue.state[1] == "failed" and sim.output() == b"receipt\n"
    finally:
        worker.stop()
