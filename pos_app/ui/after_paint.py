"""Work that may wait until the frame showing a change is painted.

Qt paints a window on a posted ``UpdateRequest`` of low priority, so a zero-timer or queued
call made while handling a scan runs *before* the paint and delays it. ``AfterPaint`` posts
its own event one priority step lower: it is delivered after that repaint (events are
delivered by priority, then in order), in the same pass of the event loop, so the cashier
sees the new line and totals first and the deferred work follows at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal

_RUN = QEvent.Type(QEvent.registerEventType())
_PRIORITY = Qt.EventPriority.LowEventPriority.value - 1  # below the repaint's UpdateRequest


class AfterPaint(QObject):
    """Runs keyed jobs right after the next repaint; a later job replaces an earlier one
    under the same key (two scans in one pass of the event loop: only the last is shown).

    ``sig_painted`` fires when the posted event arrives, i.e. once the frame is painted,
    before the jobs run (the scan benchmark stops its clock there).
    """

    sig_painted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[str, Callable[[], None]] = {}
        self._posted = False

    @property
    def pending(self) -> bool:
        """True while jobs wait for the paint."""
        return bool(self._jobs)

    def defer(self, key: str, job: Callable[[], None]) -> None:
        """Run ``job`` after the next paint (replacing a pending job under ``key``)."""
        self._jobs.pop(key, None)  # re-inserted last: jobs run in the order last deferred
        self._jobs[key] = job
        if not self._posted:
            self._posted = True
            QCoreApplication.postEvent(self, QEvent(_RUN), _PRIORITY)

    def flush(self) -> None:
        """Run the pending jobs now: before anything that must come after them (a completed
        sale is announced after the cart change that preceded it)."""
        while self._jobs:
            jobs, self._jobs = self._jobs, {}
            for job in jobs.values():
                job()

    def event(self, event: QEvent) -> bool:
        if event.type() == _RUN:
            self._posted = False
            self.sig_painted.emit()
            self.flush()
            return True
        return super().event(event)
