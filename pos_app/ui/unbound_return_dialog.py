"""A return without its sale (no receipt at all, or a receipt of another till while the
cloud cannot be asked): the cashier scans or types the codes of what comes back, weighed
goods ask their weight in kg, each becomes a row. Keyboard first, the entry always the
scanner's target: ↑/↓ choose a row, Space toggles damaged, Del removes it, F5/F6 the
reason, F12 takes the items, Esc clears the entry (or closes when it is empty).

What a row is worth is the return service's to say (its lowest price of the last days);
the optional ``price`` callable gives an estimate to show meanwhile."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.core.money import Money, format_money
from pos_app.core.product import ProductInfo
from pos_app.core.quantity import check_qty, format_quantity, parse_quantity
from pos_app.services.returns import UnboundItem
from pos_app.ui.messages import error_text

translate = QCoreApplication.translate

FindProduct = Callable[[str], ProductInfo | None]
Price = Callable[[ProductInfo, int], Money]
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_LINEFEED = 0x0A  # scanners set to end codes with LF (see scan_entry)


class UnboundReturnDialog(QDialog):
    """Accepted with ``items`` (at least one) and ``reason_code`` set."""

    def __init__(self, *, title: str, intro: str, find_product: FindProduct,
                 reasons: Sequence[tuple[str, str]], lang: str, price: Price | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._find, self._price, self.lang = find_product, price, lang
        self.items: list[UnboundItem] = []
        self.weighing: ProductInfo | None = None  # a weighed product waiting for its weight
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(
            "background: #fff4e5; color: #7a4a00; padding: 8px; border-radius: 4px;")
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.entry = QLineEdit(self)
        # The scanner's target: an input method must not swallow its keys.
        self.entry.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        font = self.entry.font()
        font.setPointSize(font.pointSize() + 4)
        self.entry.setFont(font)
        self.entry.installEventFilter(self)
        columns = [translate("returns", "Item"), translate("returns", "Quantity"),
                   translate("returns", "Condition")]
        if price is not None:
            columns.append(translate("returns", "Estimate"))
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay in the entry
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.reason = QComboBox(self)
        self.reason.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for code, text in reasons:
            self.reason.addItem(text, code)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8a1c12;")
        hint = QLabel(translate(
            "returns", "Scan or type each item's code, Enter adds it. ↑/↓ a row, Space: "
                       "damaged (not back on the shelf), Del: remove the row, F5/F6: reason, "
                       "F12: take the items. Esc closes."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.prompt)
        lay.addWidget(self.entry)
        lay.addWidget(self.table, 1)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(translate("returns", "Reason (F5/F6):"), self))
        reason_row.addWidget(self.reason, 1)
        lay.addLayout(reason_row)
        lay.addWidget(self.summary)
        lay.addWidget(self.error)
        lay.addWidget(hint)
        self.resize(820, 560)
        self._ask_code()
        self._fill()
        self.entry.setFocus()

    # ---- the entry ---------------------------------------------------------------------------

    def _ask_code(self) -> None:
        self.weighing = None
        self.prompt.setText(translate("returns", "Product code (scan or type):"))
        self.entry.clear()

    def on_enter(self) -> None:
        """The entry's text: a product code, or the weight of the product being weighed."""
        text = self.entry.text().strip()
        if self.weighing is not None:
            self._add_weighed(self.weighing, text)
        elif text:
            self._add_code(text)

    def scan(self, code: str) -> None:
        """A code from a scanner that does not type into the entry (serial, camera): added
        as if typed; a weighed product still waiting for its weight is dropped."""
        if code.strip():
            self._ask_code()
            self._add_code(code.strip())

    def _add_code(self, code: str) -> None:
        self.error.clear()
        try:
            product = self._find(code)
        except PosError as exc:
            self._refuse(error_text(exc, self.lang))
            return
        if product is None:
            self._refuse(translate(
                "returns", "No product has the code {code}. Check it and scan or type it "
                           "again.").format(code=code))
            return
        if product.is_weighed:
            self.weighing = product
            self.prompt.setText(translate(
                "returns", "{name}: weight in kg (for example 0.350 for 350 g), Enter adds "
                           "it, Esc drops it.").format(name=product.display_name(self.lang)))
            self.entry.clear()
            return
        self._add(UnboundItem(product, 1))

    def _add_weighed(self, product: ProductInfo, text: str) -> None:
        try:
            grams = parse_quantity(text, weighed=True)
        except PosError as exc:
            self._refuse(error_text(exc, self.lang))
            return
        self.error.clear()
        self._add(UnboundItem(product, grams))

    def _add(self, item: UnboundItem) -> None:
        """A new row, or one more piece on the row of the same product still for the
        shelf (weighed goods are a row per weighing)."""
        row = next((i for i, it in enumerate(self.items)
                    if not item.product.is_weighed
                    and it.product.product_id == item.product.product_id
                    and it.disposition == item.disposition), None)
        if row is None:
            self.items.append(item)
            row = len(self.items) - 1
        else:
            old = self.items[row]
            try:
                qty = check_qty(old.qty + item.qty, weighed=False)
            except PosError as exc:
                self._refuse(error_text(exc, self.lang))
                return
            self.items[row] = replace(old, qty=qty)
        self._ask_code()
        self._fill(row)

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.entry.selectAll()

    # ---- the rows ----------------------------------------------------------------------------

    def _fill(self, select: int | None = None) -> None:
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            p = item.product
            cells = [p.display_name(self.lang), format_quantity(item.qty, weighed=p.is_weighed),
                     translate("returns", "damaged") if item.disposition == "damaged"
                     else translate("returns", "back to shelf")]
            if self._price is not None:
                cells.append(self._estimate_text(item))
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col in (1, 3):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, cell)
        if self.items:
            self.table.selectRow(min(select if select is not None else 0, len(self.items) - 1))
        self._summarize()

    def _estimate_text(self, item: UnboundItem) -> str:
        assert self._price is not None
        try:
            return format_money(self._price(item.product, item.qty), self.lang)
        except PosError:
            return "–"

    def _summarize(self) -> None:
        if not self.items:
            self.summary.setText(translate("returns", "No item scanned yet."))
            return
        count = translate("returns", "Rows: {rows}").format(rows=len(self.items))
        if self._price is None:
            self.summary.setText(count)
            return
        try:
            total = Money.sum(self._price(it.product, it.qty) for it in self.items)
        except PosError as exc:
            self.summary.setText(f"{count}. {error_text(exc, self.lang)}")
            return
        self.summary.setText(translate(
            "returns", "{count}. Refund estimate {total} (the exact amount is worked out when "
                       "the refund is made).").format(
                count=count, total=format_money(total, self.lang)))

    def _row(self) -> int | None:
        row = self.table.currentRow()
        return row if 0 <= row < len(self.items) else None

    def toggle_damaged(self) -> None:
        """The selected row: back to the shelf ↔ damaged."""
        row = self._row()
        if row is not None:
            item = self.items[row]
            self.items[row] = replace(
                item, disposition="restock" if item.disposition == "damaged" else "damaged")
            self._fill(row)

    def remove_row(self) -> None:
        """Drop the selected row."""
        row = self._row()
        if row is not None:
            del self.items[row]
            self._fill(row)

    def take(self) -> None:
        """Accept with the rows scanned; refused (told) while there is none, or while a
        weighed product waits for its weight."""
        if self.weighing is not None:
            self._refuse(translate(
                "returns", "Enter the weight of {name} first, or Esc to drop it.").format(
                    name=self.weighing.display_name(self.lang)))
            return
        if not self.items:
            self._refuse(translate(
                "returns", "Scan the items that come back first; F12 then takes them."))
            return
        self.accept()

    # ---- keys --------------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.entry and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            return self._key(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _ENTER or key == _LINEFEED or event.text() == "\n":
            self.on_enter()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.items:
            row = self._row() or 0
            step = -1 if key == Qt.Key.Key_Up else 1
            self.table.selectRow(max(0, min(row + step, len(self.items) - 1)))
            return True
        if key == Qt.Key.Key_Space:
            self.toggle_damaged()
            return True
        if key == Qt.Key.Key_Delete:
            self.remove_row()
            return True
        if key in (Qt.Key.Key_F5, Qt.Key.Key_F6) and self.reason.count():
            step = 1 if key == Qt.Key.Key_F6 else -1
            self.reason.setCurrentIndex((self.reason.currentIndex() + step) % self.reason.count())
            return True
        if key == Qt.Key.Key_F12:
            self.take()
            return True
        if key == Qt.Key.Key_Escape and (self.weighing is not None or self.entry.text()):
            self.error.clear()
            self._ask_code()
            return True
        return False

    @property
    def reason_code(self) -> str:
        return str(self.reason.currentData() or "")
