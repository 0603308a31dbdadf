"""The scan entry: where a scanner's or the cashier's code is typed, keys for the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

_LINEFEED = 0x0A  # Qt has no Key_ constant for X's Linefeed keysym


class ScanEntry(QLineEdit):
    """The scanner's target: no input method (an IME must not swallow scanner keys)."""

    sig_move = Signal(int)
    sig_pay = Signal()
    sig_action = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setObjectName("scanEntry")
        # Combined key → action name; used when the window's shortcuts cannot fire
        # (no window manager on a kiosk, so the window is never "active").
        self.key_actions: dict[int, str] = {}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        action = self.key_actions.get(event.keyCombination().toCombined())
        if action is not None:
            self.sig_action.emit(action)
            return
        if key == _LINEFEED or event.text() == "\n":
            # Scanners configured with an LF suffix (and xdotool) send Linefeed, not Return.
            self.returnPressed.emit()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.sig_move.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        if key == Qt.Key.Key_Plus and not self.text().strip():  # a stray space is not a code
            self.clear()
            self.sig_pay.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)
