"""The return screen: the original sale's lines with what was sold and already returned,
a quantity to bring back per line (grams for weighed goods), restock or damaged, a reason,
and the refund it gives before anything is written. Keyboard first: ↑/↓ choose a line,
digits type its quantity, Space toggles damaged, F5/F6 the reason, F12 refunds, F9 makes it
an exchange (the refund pays for new goods), Esc closes.

What it shows comes from the return service through two callables, so the screen holds no
refund arithmetic: ``plan(request, to_cash)`` answers the refund of a request (or raises the
refusal, shown under the table)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.core.money import Money, format_money
from pos_app.core.quantity import format_quantity, parse_quantity
from pos_app.ui.messages import error_text

translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class LineView:
    """A line of the original sale as the return screen shows it."""

    line_no: int
    name: str
    sold: int  # pieces, or grams when weighed
    returned: int
    weighed: bool
    paid_fen: int  # what the customer paid for the whole line


@dataclass(frozen=True, slots=True)
class RefundView:
    """A refund plan in words: the total and one row per way it is paid back."""

    total_fen: int
    rows: tuple[tuple[str, int], ...]  # (how it is paid back, amount in fen)


Plan = Callable[[dict[int, int], bool], RefundView]


class ReturnDialog(QDialog):
    """Accepted with ``request`` ({line_no: qty}), ``damaged`` (line numbers), ``reason``
    and ``to_cash`` set, once the plan shown is the one the cashier confirmed; ``exchange``
    when the customer takes other goods for it instead of the refund."""

    COLUMNS = 6

    def __init__(self, *, title: str, lines: Sequence[LineView], plan: Plan,
                 reasons: Sequence[tuple[str, str]], lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.lines, self._plan, self.lang = list(lines), plan, lang
        self.request: dict[int, int] = {}
        self.damaged: set[int] = set()
        self.to_cash = False
        self.exchange = False
        self.refund: RefundView | None = None
        self.table = QTableWidget(len(self.lines), self.COLUMNS, self)
        self.table.setHorizontalHeaderLabels([
            translate("returns", "Item"), translate("returns", "Sold"),
            translate("returns", "Returned before"), translate("returns", "Paid"),
            translate("returns", "Return now"), translate("returns", "Condition")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.installEventFilter(self)
        self.reason = QComboBox(self)
        for code, text in reasons:
            self.reason.addItem(text, code)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8a1c12;")
        hint = QLabel(translate(
            "returns", "↑/↓ a line, digits: how many come back (kg for weighed goods), "
                       "Space: damaged (not back on the shelf), F5/F6: reason, F7: refund in "
                       "cash, F9: exchange for other goods, F12: refund. Esc closes."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.reason)
        lay.addWidget(self.summary)
        lay.addWidget(self.error)
        lay.addWidget(hint)
        self.resize(900, 560)
        self._typed = ""
        self._fill()
        self.table.selectRow(0)
        self.table.setFocus()

    def _fill(self) -> None:
        for row, line in enumerate(self.lines):
            asked = self.request.get(line.line_no, 0)
            cells = (line.name, format_quantity(line.sold, weighed=line.weighed),
                     format_quantity(line.returned, weighed=line.weighed),
                     format_money(Money(line.paid_fen), self.lang),
                     format_quantity(asked, weighed=line.weighed) if asked else "",
                     translate("returns", "damaged") if line.line_no in self.damaged
                     else translate("returns", "back to shelf"))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._replan()

    def _replan(self) -> None:
        self.refund = None
        self.error.clear()
        if not self.request:
            self.summary.setText(translate("returns", "Nothing to return yet."))
            return
        try:
            self.refund = self._plan(dict(self.request), self.to_cash)
        except PosError as exc:
            self.summary.clear()
            self.error.setText(error_text(exc, self.lang))
            return
        rows = "   ".join(f"{how} {format_money(Money(fen), self.lang)}"
                          for how, fen in self.refund.rows)
        self.summary.setText(translate("returns", "Refund {total}: {rows}").format(
            total=format_money(Money(self.refund.total_fen), self.lang), rows=rows))

    def _line(self) -> LineView | None:
        row = self.table.currentRow()
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def set_quantity(self, text: str) -> None:
        """The selected line's quantity to return, as typed ("" or 0: none)."""
        line = self._line()
        if line is None:
            return
        try:
            qty = parse_quantity(text, weighed=line.weighed) if text.strip() else 0
        except PosError as exc:
            self.error.setText(error_text(exc, self.lang))
            return
        if qty:
            self.request[line.line_no] = qty
        else:
            self.request.pop(line.line_no, None)
        row = self.table.currentRow()
        self._fill()
        self.table.selectRow(row)

    def eventFilter(self, obj: object, event: object) -> bool:
        if obj is self.table and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress:
            return self._key(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key, text = event.key(), event.text()
        if text and (text.isdigit() or text in ".,"):
            self._typed += text
            self.set_quantity(self._typed)
            return True
        if key == Qt.Key.Key_Backspace:
            self._typed = self._typed[:-1]
            self.set_quantity(self._typed)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._typed = ""
            return False  # the table moves the selection
        if key == Qt.Key.Key_Space and (line := self._line()) is not None:
            self.damaged ^= {line.line_no}
            row = self.table.currentRow()
            self._fill()
            self.table.selectRow(row)
            return True
        if key in (Qt.Key.Key_F5, Qt.Key.Key_F6):
            step = 1 if key == Qt.Key.Key_F6 else -1
            self.reason.setCurrentIndex((self.reason.currentIndex() + step) % self.reason.count())
            return True
        if key == Qt.Key.Key_F7:
            self.to_cash = not self.to_cash
            self._replan()
            return True
        if key in (Qt.Key.Key_F12, Qt.Key.Key_F9):
            if self.refund is not None:
                self.exchange = key == Qt.Key.Key_F9
                self.accept()
            return True
        return False

    @property
    def reason_code(self) -> str:
        return str(self.reason.currentData() or "")
