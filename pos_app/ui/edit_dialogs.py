"""Small keyboard dialogs: a typed value (quantity, weight, price) and a discount."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.cart import Discount
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.ui.messages import error_text

_PERCENT_RE = re.compile(r"^(\d{1,3})(?:\.(\d{1,2}))?%?$", re.ASCII)


def parse_percent_bp(text: str) -> int:
    """``10`` / ``12.5`` / ``12.5%`` → basis points (1000 / 1250); ``cart.discount_invalid``."""
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    m = _PERCENT_RE.match(compact)
    if m is None:
        raise PosError("cart.discount_invalid", kind="percent", value=text)
    bp = int(m.group(1)) * 100 + int((m.group(2) or "").ljust(2, "0"))
    if not 0 < bp <= 10000:
        raise PosError("cart.discount_invalid", kind="percent", value=text)
    return bp


class _EnterDialog(QDialog):
    """Enter runs ``_submit``; errors show inline; Esc closes."""

    def _base_layout(self, prompt: str) -> QVBoxLayout:
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        self.entry = QLineEdit(self)
        font = self.entry.font()
        font.setPointSize(font.pointSize() + 6)
        self.entry.setFont(font)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #8a1c12;")
        self.error.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #666;")
        self.hint.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.prompt)
        lay.addWidget(self.entry)
        lay.addWidget(self.error)
        lay.addWidget(self.hint)
        self.setMinimumWidth(420)
        return lay

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
            return
        super().keyPressEvent(event)

    def _submit(self) -> None:
        raise NotImplementedError

    def show_error(self, exc: PosError) -> None:
        """Show a translated error under the entry and keep the dialog open."""
        self.error.setText(error_text(exc))
        self.entry.selectAll()


class ValueDialog(_EnterDialog):
    """Ask for one typed value; ``parse`` turns the text into the value or raises PosError."""

    def __init__(
        self, *, title: str, prompt: str, hint: str, parse: Callable[[str], Any],
        initial: str = "", parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._parse = parse
        self.value: Any = None
        self._base_layout(prompt)
        self.hint.setText(hint)
        self.entry.setText(initial)
        self.entry.selectAll()

    def _submit(self) -> None:
        try:
            self.value = self._parse(self.entry.text())
        except PosError as exc:
            self.show_error(exc)
            return
        self.accept()


class DiscountDialog(_EnterDialog):
    """Percent or amount off; an empty entry removes the discount. ``/`` toggles the kind."""

    def __init__(
        self, *, title: str, current: Discount | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.discount: Discount | None = current
        lay = self._base_layout(self.tr("Discount for: {what}").format(what=title))
        self.percent = QRadioButton(self.tr("Percent off (%)"), self)
        self.amount = QRadioButton(self.tr("Amount off (¥)"), self)
        for b in (self.percent, self.amount):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        group = QButtonGroup(self)
        group.addButton(self.percent)
        group.addButton(self.amount)
        row = QHBoxLayout()
        row.addWidget(self.percent)
        row.addWidget(self.amount)
        lay.insertLayout(1, row)
        self.hint.setText(
            self.tr("Type 10 for 10 % or switch with / to an amount. Empty entry removes it.")
        )
        if current is not None and current.kind == "amount":
            self.amount.setChecked(True)
            self.entry.setText(Money(current.value).yuan_text())
        else:
            self.percent.setChecked(True)
            if current is not None:
                whole, frac = divmod(current.value, 100)
                self.entry.setText(str(whole) if not frac else f"{whole}.{frac:02d}")
        self.entry.selectAll()
        self.entry.textEdited.connect(self.on_text_edited)

    def on_text_edited(self, text: str) -> None:
        # "/" switches between percent and amount without leaving the keyboard.
        if "/" in text:
            self.entry.setText(text.replace("/", ""))
            (self.amount if self.percent.isChecked() else self.percent).setChecked(True)

    def _submit(self) -> None:
        text = self.entry.text().strip()
        try:
            if not text:
                self.discount = None
            elif self.percent.isChecked():
                self.discount = Discount("percent", parse_percent_bp(text))
            else:
                self.discount = Discount("amount", Money.parse(text).fen)
        except PosError as exc:
            self.show_error(exc)
            return
        self.accept()


class ConfirmDialog(QDialog):
    """Confirm a destructive action with a deliberate key; Enter and Esc both keep things.

    A scanner ends every code with Enter, so Enter must never confirm.
    """

    def __init__(
        self, *, title: str, text: str, confirm_key: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._confirm_key = confirm_key
        label = QLabel(text, self)
        label.setWordWrap(True)
        font = label.font()
        font.setPointSize(font.pointSize() + 3)
        label.setFont(font)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        self.setMinimumWidth(420)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if QKeySequence(event.keyCombination()).toString() == self._confirm_key:
            self.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.reject()
            return
        super().keyPressEvent(event)
