"""The cashier's key buttons: one per entry of ``keys.ACTIONS`` but quitting."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from pos_app.ui.keys import ACTIONS


class KeyPad(QWidget):
    """4 × 4 buttons, each labelled with its keys; a click is ``sig_action(name)``. Quitting
    is a key (Ctrl+Q, in F1), not a button a stray tap could hit."""

    sig_action = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, action in enumerate(a for a in ACTIONS if a.name != "quit"):
            button = QPushButton(f"{action.key_text()}\n{action.text()}", self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(42)
            small = button.font()
            small.setPointSize(small.pointSize() - 1)
            button.setFont(small)
            button.clicked.connect(lambda _checked=False, name=action.name:
                                   self.sig_action.emit(name))
            grid.addWidget(button, i // 4, i % 4)
            self.buttons[action.name] = button
