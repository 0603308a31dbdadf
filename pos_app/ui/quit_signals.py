"""SIGTERM and SIGINT end the till like a normal quit: the event loop ends and the app
closes its window, devices, sync and database as after Ctrl+Q (no question asked: an open
sale is not kept, as on Ctrl+Q).

Python runs a signal handler only when the interpreter gets control, which it may not
while Qt waits in its event loop; so the signal number is also written to a socket
(``signal.set_wakeup_fd``) that a ``QSocketNotifier`` watches, and the loop wakes at once.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, Slot

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class QuitOnSignals(QObject):
    """While installed, SIGTERM/SIGINT call ``quit`` from the event loop (once)."""

    def __init__(self, quit: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quit = quit
        self.received: list[int] = []
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._old_handlers = {s: signal.signal(s, self._on_signal) for s in QUIT_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self.on_wakeup)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        # Runs between two Python steps on the main thread; the notifier does the quitting.
        pass

    @Slot()
    def on_wakeup(self) -> None:
        """Signal numbers arrived on the socket: end the event loop (the first time)."""
        try:
            data = self._reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        first = not self.received
        self.received += [n for n in data if n in QUIT_SIGNALS]
        if first and self.received:
            self._quit()

    def uninstall(self) -> None:
        """Give the signals back to what handled them before (the loop has ended)."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._old_fd)
        for s, handler in self._old_handlers.items():
            signal.signal(s, handler)
        self._reader.close()
        self._writer.close()


def quit_on_signals(app: QCoreApplication) -> QuitOnSignals:
    """Make SIGTERM and SIGINT quit ``app``'s event loop like Ctrl+Q does."""
    return QuitOnSignals(app.quit, app)
