"""Staff code and PIN, typed or tapped on a PIN pad, or a staff badge scanned into the code
field: the form of the sign-in screen and of the supervisor's override prompt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.scan_router import ScanKind, ScanRules, classify_scan

translate = QCoreApplication.translate
_RULES = ScanRules()


class PinForm(QWidget):
    """Enter in the code field goes to the PIN (a badge scanned there is ``sig_badge``);
    Enter in the PIN field is ``sig_submit(code, pin)``. The PIN pad types into the field
    that has the keyboard (the PIN when neither has)."""

    sig_submit = Signal(str, str)
    sig_badge = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(translate("staff", "Staff number or badge"))
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setPlaceholderText(translate("staff", "PIN (4 to 8 digits)"))
        for field in (self.code, self.pin):
            font = field.font()
            font.setPointSize(font.pointSize() + 6)
            field.setFont(font)
        self.code.returnPressed.connect(self._code_entered)
        self.pin.returnPressed.connect(self._submit)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("staff", "Staff number"), self.code)
        form.addRow(translate("staff", "PIN"), self.pin)
        pad = QGridLayout()
        self.pad_buttons: dict[str, QPushButton] = {}
        keys = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK")
        for i, key in enumerate(keys):
            button = QPushButton(key, self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(64, 48)
            button.clicked.connect(lambda _c=False, k=key: self._pad(k))
            pad.addWidget(button, i // 3, i % 3)
            self.pad_buttons[key] = button
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(form)
        lay.addLayout(pad)
        lay.addWidget(self.state)

    def start(self) -> None:
        """Empty fields, keyboard in the code field."""
        self.code.clear()
        self.pin.clear()
        self.set_busy(False)
        self.code.setFocus()

    def set_busy(self, busy: bool, text: str = "") -> None:
        """While a PIN is checked (on the writer thread) the form waits."""
        for w in (self.code, self.pin, *self.pad_buttons.values()):
            w.setEnabled(not busy)
        self.state.setStyleSheet("color: #555;")
        self.state.setText(text)

    def show_error(self, text: str) -> None:
        """Tell why, empty the PIN and give it the keyboard again."""
        self.set_busy(False)
        self.state.setStyleSheet("color: #8a1c12; font-weight: bold;")
        self.state.setText(text)
        self.pin.clear()
        (self.pin if self.code.text().strip() else self.code).setFocus()

    def enter_typed(self, text: str) -> None:
        """``text`` then Enter in the field that has the keyboard (the code field when
        neither has): what fast typing caught as a scan meant."""
        if self.pin.hasFocus() and self.pin.isEnabled():
            self.pin.setText(text)
            self._submit()
        elif self.code.isEnabled():
            self.code.setText(text)
            self._code_entered()

    def _code_entered(self) -> None:
        text = self.code.text().strip()
        if classify_scan(text, _RULES).kind == ScanKind.STAFF_BADGE:
            self.code.clear()
            self.sig_badge.emit(text)
        elif text:
            self.pin.setFocus()

    def _submit(self) -> None:
        code, pin = self.code.text().strip(), self.pin.text()
        if not code:
            self.code.setFocus()
            return
        self.sig_submit.emit(code, pin)

    def _pad(self, key: str) -> None:
        field = self.code if self.code.hasFocus() else self.pin
        if key == "OK":
            (self._code_entered if field is self.code else self._submit)()
        elif key == "⌫":
            field.backspace()
        else:
            field.insert(key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.start()
            return
        super().keyPressEvent(event)
