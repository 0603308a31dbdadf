"""The customer-facing window: lines, total, paid, change and a promotional message.

It goes full screen on a second screen when there is one; otherwise it is an ordinary
window the cashier can hide. Connect ``on_cart_changed`` to ``CashierWindow.sig_cart_changed``
and ``on_sale_completed`` to ``sig_sale_completed``; or call ``show_sale`` directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.members import Member
from pos_app.core.money import Money, format_money
from pos_app.core.pricing import PricedCart
from pos_app.core.quantity import format_quantity
from pos_app.core.tenders import PaymentState
from pos_app.services.results import CartChange, CompletedSale
from pos_app.ui.i18n import ui_font

# priced sale → (what promotions did, hints), translated (see CashierWindow).
Describe = Callable[[PricedCart], tuple[list[str], list[str]]]

_STYLE = """
#customerDisplay { background: #ffffff; }
#cdHeader { background: #b71c1c; color: #ffffff; padding: 8px 16px; }
#cdTotals { background: #fafafa; border-top: 2px solid #dddddd; }
#cdTotal { color: #b71c1c; }
#cdChange { color: #1b5e20; }
#cdPromo { background: #fff3e0; color: #7a4a00; padding: 8px 16px; }
#cdLines { border: none; }
QHeaderView::section { padding: 4px 12px; }
#cdLines::item { padding: 0px 12px; }
#cdLines::item:selected { background: #fdecea; color: #000000; }
"""


class CustomerDisplay(QWidget):
    """The shopper's view of the sale, in large type."""

    def __init__(
        self, *, lang: str, font_families: Sequence[str], promo_message: str = "",
        describe: Describe | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.lang = lang
        self._completed = False
        self._store_message = promo_message
        self._describe = describe
        self.setObjectName("customerDisplay")
        self.setWindowTitle(self.tr("Customer display"))
        self.setStyleSheet(_STYLE)
        self.setMinimumSize(640, 480)
        fam = list(font_families)

        self.header = QLabel(self.tr("Welcome"), self)
        self.header.setObjectName("cdHeader")
        self.header.setFont(ui_font(fam, 22))

        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("cdLines")
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Qty"), self.tr("Amount")])
        self.table.setFont(ui_font(fam, 18))
        self.table.horizontalHeader().setFont(ui_font(fam, 14))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        head = self.table.horizontalHeader()
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(40)

        totals = QFrame(self)
        totals.setObjectName("cdTotals")
        grid = QGridLayout(totals)
        grid.setContentsMargins(16, 8, 16, 8)
        self.count_label = QLabel(totals)
        self.count_label.setFont(ui_font(fam, 16))
        self.total_caption = QLabel(self.tr("Total"), totals)
        self.total_caption.setFont(ui_font(fam, 24))
        self.total_value = QLabel(totals)
        self.total_value.setObjectName("cdTotal")
        self.total_value.setFont(ui_font(fam, 40))
        self.paid_caption = QLabel(self.tr("Paid"), totals)
        self.paid_value = QLabel(totals)
        self.change_caption = QLabel(self.tr("Change"), totals)
        self.change_value = QLabel(totals)
        self.change_value.setObjectName("cdChange")
        for w in (self.paid_caption, self.paid_value, self.change_caption):
            w.setFont(ui_font(fam, 22))
        self.change_value.setFont(ui_font(fam, 30))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for value in (self.total_value, self.paid_value, self.change_value):
            value.setAlignment(right)
        grid.addWidget(self.count_label, 0, 0, 1, 2)
        grid.addWidget(self.total_caption, 1, 0)
        grid.addWidget(self.total_value, 1, 1)
        grid.addWidget(self.paid_caption, 2, 0)
        grid.addWidget(self.paid_value, 2, 1)
        grid.addWidget(self.change_caption, 3, 0)
        grid.addWidget(self.change_value, 3, 1)
        grid.setColumnStretch(1, 1)

        self.promo = QLabel(promo_message, self)
        self.promo.setObjectName("cdPromo")
        self.promo.setFont(ui_font(fam, 18))
        self.promo.setWordWrap(True)
        self.promo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.promo.setVisible(bool(promo_message))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.header)
        lay.addWidget(self.table, 1)
        lay.addWidget(totals)
        lay.addWidget(self.promo)
        self.clear()

    # ---- showing a sale -----------------------------------------------------------------

    def _m(self, m: Money) -> str:
        return format_money(m, self.lang)

    def clear(self) -> None:
        """The idle screen: no lines, zero total, welcome."""
        self._completed = False
        self.table.setRowCount(0)
        self.header.setText(self.tr("Welcome"))
        self.count_label.setText("")
        self.total_value.setText(self._m(Money.zero()))
        self._show_payment(None, None)

    def _show_promo(self, text: str) -> None:
        self.promo.setText(text)
        self.promo.setVisible(bool(text))

    def show_sale(
        self, priced: PricedCart, payment: PaymentState,
        last_completed: CompletedSale | None = None, *, line_id: int | None = None,
        member: Member | None = None,
    ) -> None:
        """Show a sale in progress, or (``last_completed``) the sale just paid with change."""
        if last_completed is not None:
            receipt = last_completed.receipt
            self.header.setText(self.tr("Thank you, see you again!"))
            self.total_value.setText(self._m(receipt.total))
            self._show_payment(receipt.paid, receipt.change)
            if receipt.member is not None:
                self._show_promo(self.tr("You earned {earned} points · balance {balance}").format(
                    earned=f"{receipt.member.points_earned:,}",
                    balance=f"{receipt.member.points_balance:,}"))
            if not self.table.rowCount():  # opened mid-sale: show what was bought
                self._set_rows([(ln.display_name(self.lang), ln.qty_text, self._m(ln.net))
                                for ln in receipt.lines], len(receipt.lines) - 1)
            self._completed = True
            return  # the paid lines stay on screen until the next sale starts
        if self._completed and not priced.lines:
            return  # the empty next sale must not wipe the change before the shopper saw it
        self._completed = False
        self._fill(priced, line_id)
        count = priced.totals.item_count
        if member is not None:
            self.header.setText(self.tr("Welcome, member {name}").format(
                name=member.name_masked or member.phone_masked))
        else:
            self.header.setText(self.tr("Welcome") if not priced.lines
                                else self.tr("Your items"))
        texts: list[str] = []
        if self._describe is not None and priced.lines:
            applied, hints = self._describe(priced)
            texts = applied + [f"› {h}" for h in hints]
        self._show_promo("\n".join(texts) or self._store_message)
        self.count_label.setText(self.tr("Items: {count}").format(count=count)
                                 if priced.lines else "")
        self.total_value.setText(self._m(priced.totals.total))
        paid = payment.tendered if payment.paid else None
        self._show_payment(paid, payment.change if payment.paid else None)

    @Slot(object)
    def on_cart_changed(self, change: CartChange) -> None:
        """For ``CashierWindow.sig_cart_changed``."""
        self.show_sale(change.priced, change.payment, line_id=change.line_id,
                       member=change.sale.member)

    @Slot(object)
    def on_sale_completed(self, done: CompletedSale) -> None:
        """For ``CashierWindow.sig_sale_completed``."""
        self.show_sale(done.change.priced, done.change.payment, last_completed=done)

    def _fill(self, priced: PricedCart, line_id: int | None) -> None:
        rows: list[tuple[str, str, str]] = []
        current = len(priced.lines) - 1
        for row, pl in enumerate(priced.lines):
            product = pl.line.product
            qty = format_quantity(pl.line.qty, weighed=product.is_weighed)
            if not product.is_weighed and product.unit:
                qty = f"{qty} {product.unit}"
            rows.append((product.display_name(self.lang), qty, self._m(pl.net)))
            if pl.line.line_id == line_id:
                current = row
        self._set_rows(rows, current)

    def _set_rows(self, rows: list[tuple[str, str, str]], current: int) -> None:
        self.table.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, cells in enumerate(rows):
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(right)
                self.table.setItem(row, col, item)
        first = self.table.item(current, 0) if current >= 0 else None
        if first is not None:
            self.table.selectRow(current)
            self.table.scrollToItem(first)

    def _show_payment(self, paid: Money | None, change: Money | None) -> None:
        for w in (self.paid_caption, self.paid_value):
            w.setVisible(paid is not None)
        for w in (self.change_caption, self.change_value):
            w.setVisible(change is not None)
        self.paid_value.setText(self._m(paid) if paid is not None else "")
        self.change_value.setText(self._m(change) if change is not None else "")

    # ---- where it appears -----------------------------------------------------------------

    def present(self, screen_index: int = -1) -> None:
        """Full screen on a second screen when there is one, else a normal window."""
        screen = pick_screen(QGuiApplication.screens(), QGuiApplication.primaryScreen(),
                             screen_index)
        if screen is None:
            self.resize(1024, 768)
            self.show()
            return
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()


def pick_screen(
    screens: Sequence[QScreen], primary: QScreen | None, index: int
) -> QScreen | None:
    """The customer's screen: ``index`` when valid, else the first that is not primary;
    None when there is only one screen (the window then shares the cashier's)."""
    if len(screens) < 2:
        return None
    if 0 <= index < len(screens):
        return screens[index]
    return next((s for s in screens if s is not primary), None)
