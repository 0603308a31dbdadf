"""Find a sale to return when the customer has no receipt number: a day of this till's
sales, narrowed by the amount paid and/or the member. Keyboard first: the fields (Tab
between them, Alt+D/A/M to jump), Enter searches, ↓ goes to the results, Enter (or a
double-click) on a row takes its receipt, Esc closes.

The dialog holds no queries: the caller gives what it needs as callables (the store's day
as an instant range, a member's id from a phone or code, the search itself, a stored time
as the store's clock shows it)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.clock import StoreClock
from pos_app.core.errors import PosError
from pos_app.core.money import Money, format_money
from pos_app.ui.date_entry import DateEntry
from pos_app.ui.messages import error_text

translate = QCoreApplication.translate


class SaleRow(Protocol):
    """A found sale as the list shows it (the return service's ``SaleSummary``)."""

    @property
    def receipt_no(self) -> str: ...
    @property
    def closed_at(self) -> str: ...
    @property
    def total_fen(self) -> int: ...
    @property
    def item_count(self) -> int: ...
    @property
    def member_id(self) -> str | None: ...
    @property
    def cashier(self) -> str: ...


DayRange = Callable[[date], tuple[datetime, datetime]]
MemberOf = Callable[[str], str | None]
Search = Callable[[datetime, datetime, Money | None, str | None], Sequence[SaleRow]]
LocalTime = Callable[[str], str]
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def parse_amount(text: str) -> Money | None:
    """A typed amount (``12.50``, ``12,50``, ``¥12.5``; full-width digits too) as Money,
    None when empty; ``money.invalid`` when it is not an amount of zero or more."""
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    if not compact:
        return None
    if "." not in compact and compact.count(",") == 1:
        compact = compact.replace(",", ".")  # a decimal comma, as many keyboards type it
    money = Money.parse(compact)
    if money.fen < 0:
        raise PosError("money.invalid", text=text)
    return money


def store_day_range(clock: StoreClock) -> DayRange:
    """The ``day_range`` of a store: from its midnight to the next, in its zone."""
    def day_range(day: date) -> tuple[datetime, datetime]:
        return (datetime.combine(day, time(), clock.zone),
                datetime.combine(day + timedelta(days=1), time(), clock.zone))
    return day_range


def store_time(clock: StoreClock) -> LocalTime:
    """The ``local_time`` of a store: a stored ISO moment as HH:MM on its clock."""
    def local_time(iso: str) -> str:
        try:
            return clock.local(datetime.fromisoformat(iso)).strftime("%H:%M")
        except ValueError:
            return iso
    return local_time


class FindSaleDialog(QDialog):
    """Accepted with ``chosen_receipt_no`` set to the receipt of the row the cashier took."""

    COLUMNS = 6

    def __init__(self, *, today: date, day_range: DayRange, search: Search,
                 member_of: MemberOf, local_time: LocalTime, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("returns", "Find the sale"))
        self._day_range, self._search, self._member_of = day_range, search, member_of
        self._local_time, self.lang = local_time, lang
        self.chosen_receipt_no: str | None = None
        self.sales: list[SaleRow] = []
        self.day = DateEntry(today, self)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText(translate("returns", "Optional, e.g. 12.50"))
        self.member = QLineEdit(self)
        # Scanned member codes must reach the field as typed, past any input method.
        self.member.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.member.setPlaceholderText(
            translate("returns", "Optional: mobile number or member code"))
        fields = QGridLayout()
        for row, (text, field) in enumerate((
                (translate("returns", "&Day"), self.day),
                (translate("returns", "&Amount paid"), self.amount),
                (translate("returns", "&Member"), self.member))):
            label = QLabel(text, self)
            label.setBuddy(field)
            fields.addWidget(label, row, 0)
            fields.addWidget(field, row, 1)
            field.installEventFilter(self)
        fields.setColumnStretch(1, 1)
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setHorizontalHeaderLabels([
            translate("returns", "Receipt"), translate("returns", "Time"),
            translate("returns", "Total"), translate("returns", "Items"),
            translate("returns", "Member"), translate("returns", "Cashier")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.installEventFilter(self)
        self.table.cellDoubleClicked.connect(self.on_double_clicked)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8a1c12;")
        hint = QLabel(translate(
            "returns", "Tab: next field, Enter: search, ↓: to the results, Enter on a sale: "
                       "return from it. Esc closes."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        lay = QVBoxLayout(self)
        lay.addLayout(fields)
        lay.addWidget(self.status)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.error)
        lay.addWidget(hint)
        self.resize(820, 520)
        self._last_field: QWidget = self.day
        self.day.setFocus()

    # ---- searching ---------------------------------------------------------------------------

    def on_search(self) -> None:
        """Search the day typed, of the amount and member when given; a field that cannot be
        read is told and nothing is searched."""
        self.error.clear()
        try:
            total = parse_amount(self.amount.text())
        except PosError as exc:
            self._refuse(error_text(exc, self.lang), self.amount)
            return
        member_id: str | None = None
        code = self.member.text().strip()
        if code:
            try:
                member_id = self._member_of(code)
            except PosError as exc:
                self._refuse(error_text(exc, self.lang), self.member)
                return
            if member_id is None:
                self._refuse(translate(
                    "returns", "No member has the mobile number or member code {code}. Check "
                               "it, or leave the member empty.").format(code=code), self.member)
                return
        qday = self.day.date()
        since, until = self._day_range(date(qday.year(), qday.month(), qday.day()))
        try:
            found = self._search(since, until, total, member_id)
        except PosError as exc:
            self._refuse(error_text(exc, self.lang), self.day)
            return
        self._show(list(found))

    def scan(self, code: str) -> None:
        """A member code from a scanner that does not type into the fields (serial,
        camera): it becomes the member, and the day is searched for it."""
        self.member.setText(code.strip())
        self.on_search()

    def _refuse(self, text: str, field: QWidget) -> None:
        self.error.setText(text)
        field.setFocus()
        if isinstance(field, QLineEdit):
            field.selectAll()

    def _show(self, sales: Sequence[SaleRow]) -> None:
        self.sales = list(sales)
        self.table.setRowCount(len(self.sales))
        yes, no = translate("returns", "yes"), translate("returns", "no")
        for row, s in enumerate(self.sales):
            cells = (s.receipt_no, self._local_time(s.closed_at),
                     format_money(Money(s.total_fen), self.lang), str(s.item_count),
                     yes if s.member_id else no, s.cashier)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        if self.sales:
            self.table.selectRow(0)
            self.status.setText(translate(
                "returns", "Sales found: {count}. ↓ and Enter to take one.").format(
                    count=len(self.sales)))
        else:
            self.status.setText(translate(
                "returns", "No sale of this till matches. Check the day, the amount and the "
                           "member, or leave the amount and member empty."))

    # ---- choosing ----------------------------------------------------------------------------

    def choose(self, row: int) -> None:
        """Take the sale of ``row`` and close."""
        if 0 <= row < len(self.sales):
            self.chosen_receipt_no = self.sales[row].receipt_no
            self.accept()

    def on_double_clicked(self, row: int, _column: int) -> None:
        self.choose(row)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if obj is self.table:
            if key in _ENTER:
                self.choose(self.table.currentRow())
                return True
            if key == Qt.Key.Key_Up and self.table.currentRow() <= 0:
                self._last_field.setFocus()  # above the first sale: back to the fields
                return True
            return False
        if isinstance(obj, QWidget) and obj in (self.day, self.amount, self.member):
            self._last_field = obj
            if key in _ENTER:
                self.on_search()
                return True
            if key == Qt.Key.Key_Down and self.sales:
                self.table.setFocus()
                self.table.selectRow(max(self.table.currentRow(), 0))
                return True
        return False
