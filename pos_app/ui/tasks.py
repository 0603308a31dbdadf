"""The one task runner: database writes on one worker thread, results back on the UI thread.

Long writes that give way to sales by themselves (a products import, written in chunks)
run on a second thread (``submit(..., own_thread=True)``): on the writer thread a sale's
commit would queue behind the whole import."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from pos_app.core.errors import PosError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class _Callbacks:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Callable[[int, int], None] | None
    background: bool = False


class _Worker(QObject):
    """Lives on the writer thread; runs one job at a time in submission order."""

    sig_done = Signal(int, object)
    sig_failed = Signal(int, object)
    sig_progress = Signal(int, int, int)

    @Slot(int, object, bool)
    def on_job(self, task_id: int, fn: Callable[..., Any], wants_progress: bool) -> None:
        try:
            if wants_progress:
                result = fn(lambda done, total: self.sig_progress.emit(task_id, done, total))
            else:
                result = fn()
        except BaseException as exc:  # reported to the UI thread, never lost
            if isinstance(exc, PosError):  # a refusal a person acts on (a wrong PIN...)
                log.info("task %s refused: %s", task_id, exc)
            else:
                log.exception("task %s failed", task_id)
            self.sig_failed.emit(task_id, exc)
        else:
            self.sig_done.emit(task_id, result)


class TaskRunner(QObject):
    """Runs callables on one writer thread; callbacks run on the UI thread.

    ``sig_busy_changed(bool)`` tells the window when writes are in flight.
    """

    sig_busy_changed = Signal(bool)
    sig_idle = Signal()
    _sig_job = Signal(int, object, bool)
    _sig_long_job = Signal(int, object, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}
        self._thread = QThread()
        self._thread.setObjectName("pos-db-writer")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._sig_job.connect(self._worker.on_job)
        self._connect(self._worker)
        self._thread.start()
        self._long_thread: QThread | None = None  # started with the first long job
        self._long_worker: _Worker | None = None

    def _connect(self, worker: _Worker) -> None:
        worker.sig_done.connect(self.on_done)
        worker.sig_failed.connect(self.on_failed)
        worker.sig_progress.connect(self.on_progress)

    def _start_long_thread(self) -> None:
        thread = QThread()
        thread.setObjectName("pos-db-long")
        worker = _Worker()
        worker.moveToThread(thread)
        self._sig_long_job.connect(worker.on_job)
        self._connect(worker)
        thread.start()
        self._long_thread, self._long_worker = thread, worker

    @property
    def busy(self) -> bool:
        """True while a submitted (non-background) task has not reported back yet."""
        return any(not cb.background for cb in self._pending.values())

    def submit(
        self,
        fn: Callable[..., Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        background: bool = False,
        own_thread: bool = False,
    ) -> int:
        """Queue ``fn`` for the writer thread. With ``on_progress``, fn gets a progress callable.

        ``background`` tasks (print jobs, previews) do not make the runner ``busy``: scans
        and sale edits need not wait for them. ``own_thread`` tasks (long writes in chunks
        that give way to sales: imports) run one after another on a second thread, so the
        writer thread stays free for sales; they are ``background`` too.
        """
        background = background or own_thread
        task_id = next(self._ids)
        was_busy = self.busy
        self._pending[task_id] = _Callbacks(on_done, on_error, on_progress, background)
        if not was_busy and not background:
            self.sig_busy_changed.emit(True)
        if own_thread:
            if self._long_thread is None:
                self._start_long_thread()
            self._sig_long_job.emit(task_id, fn, on_progress is not None)
        else:
            self._sig_job.emit(task_id, fn, on_progress is not None)
        return task_id

    @Slot(int, object)
    def on_done(self, task_id: int, result: object) -> None:
        cb = self._pending.pop(task_id, None)
        try:
            if cb is not None and cb.on_done is not None:
                cb.on_done(result)
        finally:
            self._after(task_id, cb is not None and cb.background)

    @Slot(int, object)
    def on_failed(self, task_id: int, exc: object) -> None:
        cb = self._pending.pop(task_id, None)
        try:
            if cb is not None and cb.on_error is not None and isinstance(exc, BaseException):
                cb.on_error(exc)
            elif isinstance(exc, BaseException):
                raise exc
        finally:
            self._after(task_id, cb is not None and cb.background)

    @Slot(int, int, int)
    def on_progress(self, task_id: int, done: int, total: int) -> None:
        cb = self._pending.get(task_id)
        if cb is not None and cb.on_progress is not None:
            cb.on_progress(done, total)

    def _after(self, task_id: int, background: bool) -> None:
        if not background and not self.busy:
            self.sig_busy_changed.emit(False)
            self.sig_idle.emit()

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Finish queued writes, then stop the threads (call on application exit)."""
        for thread in (self._thread, self._long_thread):
            if thread is not None:
                thread.quit()
        self._thread.wait(timeout_ms)
        if self._long_thread is not None:
            self._long_thread.wait(timeout_ms)
