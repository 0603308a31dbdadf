"""The keyboard-wedge capture: an application event filter feeding the wedge detector.

Install it on the application with the sale screen as ``target``. While a key goes to a widget
inside ``target`` and no modal dialog or popup is open, text keys are held by the detector: a
scanner burst is swallowed and emitted once as ``sig_scan(code)`` (whichever widget has
focus), and human typing is delivered, in order and unchanged, to the widget it was meant for.
Typing into dialogs is never touched.

Each physical key is handled once: Qt shows an application filter the same event again for
every parent it propagates to (and first for the ``QWindow``), so the filter only takes the
event at its first widget receiver — the focus widget of its window, which is where Qt
delivers a key first. (Comparing timestamps instead would drop a real repeated key: a scanner
types "00" within one millisecond.) Keys the filter gives back are re-sent while a flag makes
the filter let them through.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.services.devices import (
    ENTER,
    TAB,
    Decision,
    GiveBack,
    WedgeDetector,
    WedgeSettings,
)

_LINEFEED = 0x0A  # X's Linefeed keysym, sent by scanners with an LF suffix (and xdotool)
_MODIFIER_KEYS = {
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock,
}
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


@dataclass
class _Held:
    receiver: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


def key_text(event: QKeyEvent) -> str | None:
    """The detector's key for ``event``: a character, ENTER or TAB; None for other keys."""
    key = event.key()
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, _LINEFEED):
        return ENTER
    if key == Qt.Key.Key_Tab:
        return TAB
    text = event.text()
    if event.modifiers() & _COMMAND_MODIFIERS or len(text) != 1 or not text.isprintable():
        return None
    return text


class WedgeFilter(QObject):
    """Turns keyboard-wedge bursts aimed at ``target`` into ``sig_scan(code)``.

    ``clock`` (seconds) replaces the events' own timestamps, for tests.
    """

    sig_scan = Signal(str)

    def __init__(
        self,
        target: QWidget,
        settings: WedgeSettings | None = None,
        *,
        clock: Callable[[], float] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.target = target
        self.detector = WedgeDetector(settings)
        self._clock = clock
        self._held: list[_Held] = []
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(math.ceil(self.detector.settings.max_gap_s * 1000) + 5)
        self._timer.timeout.connect(self.on_timeout)

    def install(self) -> None:
        """Start filtering the application's key events."""
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        """Stop filtering; keys still held are delivered."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.on_timeout()

    # ---- filtering ------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or self._replaying:
            return False
        if not isinstance(obj, QWidget) or not self._first_receiver(obj):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() in _MODIFIER_KEYS:
            return False
        text = key_text(event)
        if text is None or not self._active(obj):
            self._apply(self.detector.expire(), current=False)  # typing order is kept
            return False
        self._held.append(_Held(obj, event.key(), event.modifiers(), text))
        swallow = self._apply(self.detector.feed(text, self._now(event)), current=True)
        if self.detector.held:
            self._timer.start()
        return swallow

    def on_timeout(self) -> None:
        """The burst ended: resolve held keys (a scan, or typing delivered late)."""
        self._timer.stop()
        self._apply(self.detector.expire(), current=False)

    def _now(self, event: QKeyEvent) -> float:
        if self._clock is not None:
            return self._clock()
        stamp = event.timestamp()
        return stamp / 1000 if stamp else time.monotonic()

    def _first_receiver(self, widget: QWidget) -> bool:
        window = widget.window()
        return widget is (window.focusWidget() or window)

    def _active(self, widget: QWidget) -> bool:
        if QApplication.activeModalWidget() is not None:
            return False
        if QApplication.activePopupWidget() is not None:
            return False
        return widget is self.target or self.target.isAncestorOf(widget)

    def _apply(self, decisions: tuple[Decision, ...], *, current: bool) -> bool:
        """Act on decisions; True when the current event (the newest held key) is swallowed."""
        swallow = current
        for decision in decisions:
            count = len(decision.keys) if isinstance(decision, GiveBack) else decision.keys
            taken, self._held = self._held[:count], self._held[count:]
            if isinstance(decision, GiveBack):
                if current and not self._held and taken:
                    # The current key is the last one given back: let Qt deliver it itself.
                    self._deliver(taken[:-1])
                    swallow = False
                else:
                    self._deliver(taken)
            else:
                code = decision.code
                QTimer.singleShot(0, lambda code=code: self.sig_scan.emit(code))
        if not self.detector.held:
            self._timer.stop()
        return swallow

    def _deliver(self, keys: list[_Held]) -> None:
        self._replaying = True
        try:
            for held in keys:
                alive = shiboken6.isValid(held.receiver)
                receiver = held.receiver if alive else QApplication.focusWidget()
                if receiver is None:
                    continue
                text = "\r" if held.text == ENTER else held.text
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(receiver, QKeyEvent(kind, held.key, held.modifiers,
                                                               text))
        finally:
            self._replaying = False
