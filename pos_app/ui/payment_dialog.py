"""Payment: cash (quick amounts, exact), card (reference), mobile code; split tenders; change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.core.money import Money, format_money
from pos_app.services.checkout import CheckoutService
from pos_app.services.results import CartChange, Pending
from pos_app.ui.messages import error_text


class RunPending(Protocol):
    """The window's ``run_pending``: a write on the writer thread, finished on the UI
    thread with ``on_done``, or ``on_error`` (default: the window's error message)."""

    def __call__(self, pending: Pending[Any, Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None = None) -> None: ...


def tender_name(kind: str) -> str:
    """Translated name of a tender kind."""
    names = {
        "cash": QCoreApplication.translate("tenders", "Cash"),
        "card": QCoreApplication.translate("tenders", "Card"),
        "mobile": QCoreApplication.translate("tenders", "Mobile payment"),
        "points": QCoreApplication.translate("tenders", "Points"),
        "exchange": QCoreApplication.translate("tenders", "Exchange credit"),
    }
    return names.get(kind, kind)


def _big(widget: QWidget, extra: int, bold: bool = True) -> None:
    font = QFont(widget.font())
    font.setPointSize(font.pointSize() + extra)
    font.setBold(bold)
    widget.setFont(font)


class PaymentDialog(QDialog):
    """Take tenders until the sale is paid, then accept (the window completes the sale)."""

    sig_tenders_changed = Signal(object)

    def __init__(
        self, *, checkout: CheckoutService, run_pending: RunPending, lang: str,
        quick_cash_fen: Sequence[int] = (5000, 10000), parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment"))
        self._checkout = checkout
        self._run_pending = run_pending
        self._lang = lang
        self.charging = False

        self.due_label, self.remaining_label, self.change_label = QLabel(), QLabel(), QLabel()
        _big(self.due_label, 8)
        _big(self.remaining_label, 14)
        _big(self.change_label, 14)
        self.change_label.setStyleSheet("color: #135c2a;")
        top = QGridLayout()
        top.addWidget(QLabel(self.tr("Total due")), 0, 0)
        top.addWidget(self.due_label, 0, 1)
        top.addWidget(QLabel(self.tr("Remaining")), 1, 0)
        top.addWidget(self.remaining_label, 1, 1)
        top.addWidget(QLabel(self.tr("Change")), 2, 0)
        top.addWidget(self.change_label, 2, 1)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._cash_tab(quick_cash_fen), self.tr("Cash (F5)"))
        self.tabs.addTab(self._card_tab(), self.tr("Card (F6)"))
        self.tabs.addTab(self._mobile_tab(), self.tr("Mobile (F7)"))
        self.tabs.addTab(self._points_tab(), self.tr("Points (F8)"))
        self.tabs.currentChanged.connect(self.on_tab_changed)

        self.tender_list = QListWidget(self)  # Tab reaches it; Del removes the selected one
        self.tender_list.installEventFilter(self)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Payments (Del removes the selected one)")))
        right.addWidget(self.tender_list, 1)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8a1c12;")
        body = QHBoxLayout()
        body.addWidget(self.tabs, 3)
        body.addLayout(right, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(body, 1)
        lay.addWidget(self.error)
        hint = QLabel(self.tr("Enter adds the payment · F5–F8 switch · Tab goes to the payments, "
                              "Del removes one · Esc closes"))
        hint.setWordWrap(True)
        lay.addWidget(hint)

        for key, index in (("F5", 0), ("F6", 1), ("F7", 2), ("F8", 3)):
            QShortcut(QKeySequence(key), self, lambda i=index: self.tabs.setCurrentIndex(i))
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self, self.on_remove_tender)
        for entry in self.findChildren(QLineEdit):
            entry.installEventFilter(self)
        self.resize(820, 480)
        self.refresh(checkout.current())
        self.on_tab_changed(0)

    # ---- tabs ------------------------------------------------------------------------

    def _amount_entry(self) -> QLineEdit:
        entry = QLineEdit(self)
        _big(entry, 6, bold=False)
        return entry

    def _cash_tab(self, quick: Sequence[int]) -> QWidget:
        page = QWidget(self)
        self.cash_entry = self._amount_entry()
        form = QFormLayout(page)
        form.addRow(self.tr("Cash received"), self.cash_entry)
        row = QHBoxLayout()
        self.quick_buttons: list[QPushButton] = []
        for i, fen in enumerate(quick):
            key = f"F{i + 2}"
            b = QPushButton(f"{format_money(Money(fen), self._lang)} ({key})", page)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _c=False, f=fen: self.on_quick_cash(f))
            QShortcut(QKeySequence(key), self, lambda f=fen: self.on_quick_cash(f))
            row.addWidget(b)
            self.quick_buttons.append(b)
        exact_key = f"F{len(quick) + 2}"
        exact = QPushButton(self.tr("Exact ({key})").format(key=exact_key), page)
        exact.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        exact.clicked.connect(self.on_exact_cash)
        QShortcut(QKeySequence(exact_key), self, self.on_exact_cash)
        row.addWidget(exact)
        form.addRow(row)
        form.addRow(QLabel(self.tr("Empty entry + Enter = exact amount")))
        return page

    def _card_tab(self) -> QWidget:
        page = QWidget(self)
        self.card_amount = self._amount_entry()
        self.card_reference = QLineEdit(page)
        self.card_reference.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        form = QFormLayout(page)
        form.addRow(self.tr("Amount"), self.card_amount)
        form.addRow(self.tr("Terminal reference no."), self.card_reference)
        return page

    def _mobile_tab(self) -> QWidget:
        page = QWidget(self)
        self.mobile_amount = self._amount_entry()
        self.mobile_code = QLineEdit(page)
        self.mobile_code.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.mobile_code.setPlaceholderText(self.tr("Scan the customer's payment code"))
        self.mobile_status = QLabel(page)
        form = QFormLayout(page)
        form.addRow(self.tr("Amount"), self.mobile_amount)
        form.addRow(self.tr("Payment code"), self.mobile_code)
        form.addRow(self.mobile_status)
        return page

    def _points_tab(self) -> QWidget:
        page = QWidget(self)
        self.points_entry = self._amount_entry()
        self.points_entry.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.points_info = QLabel(page)
        self.points_info.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(self.points_info)
        form.addRow(self.tr("Points to use"), self.points_entry)
        return page

    def _show_points(self) -> None:
        member = self._checkout.sale.member
        if member is None:
            self.points_info.setText(self.tr(
                "No member on this sale: scan the member code first (F11 on the sale screen)."))
            self.points_entry.clear()
            self.points_entry.setEnabled(False)
            return
        used = next((t for t in self._checkout.sale.tenders if t.kind == "points"), None)
        if used is not None:
            self.points_info.setText(self.tr(
                "{points} points already pay {amount} of this sale (Del removes them)."
            ).format(points=used.reference, amount=format_money(used.amount, self._lang)))
            self.points_entry.clear()
            self.points_entry.setEnabled(False)
            return
        policy = self._checkout.loyalty.policy
        most = self._checkout.max_points()
        self.points_info.setText(self.tr(
            "Balance {balance} points · {rate} points = {unit} · up to {most} points now"
        ).format(balance=f"{member.points_available:,}", rate=policy.redeem_points_per_yuan,
                 unit=format_money(Money(100), self._lang), most=f"{most:,}"))
        self.points_entry.setEnabled(most > 0)
        self.points_entry.setText(str(most) if most > 0 else "")
        self.points_entry.selectAll()
        self.points_entry.setFocus()

    def on_tab_changed(self, index: int) -> None:
        if index == 3:
            self._show_points()
            return
        remaining = self._checkout.current().payment.remaining.yuan_text()
        if index == 0:
            self.cash_entry.clear()
            self.cash_entry.setPlaceholderText(remaining)
            self.cash_entry.setFocus()
        elif index == 1:
            self.card_amount.setText(remaining)
            self.card_reference.clear()
            self.card_reference.setFocus()
        else:
            self.mobile_amount.setText(remaining)
            self.mobile_code.clear()
            self.mobile_code.setFocus()

    # ---- actions ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Del in a field with nothing after the cursor goes to the Del shortcut (a field
        takes Delete for itself otherwise); the tender list selects its newest row on focus."""
        kind = event.type()
        if (kind == QEvent.Type.ShortcutOverride and isinstance(watched, QLineEdit)
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete
                and not watched.hasSelectedText()
                and watched.cursorPosition() == len(watched.text())):
            return True  # not accepted: the shortcut map gets the key
        if (kind == QEvent.Type.FocusIn and watched is self.tender_list
                and self.tender_list.currentRow() < 0):
            self.tender_list.setCurrentRow(self.tender_list.count() - 1)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.on_enter()
            return
        super().keyPressEvent(event)

    def on_enter(self) -> None:
        if self.charging:
            return
        index = self.tabs.currentIndex()
        try:
            if index == 0:
                text = self.cash_entry.text().strip()
                if not text:
                    self.on_exact_cash()
                    return
                self._apply(self._checkout.add_tender("cash", Money.parse(text)))
            elif index == 1:
                amount = Money.parse(self.card_amount.text())
                self._apply(self._checkout.add_tender(
                    "card", amount, self.card_reference.text()))
            elif index == 2:
                self._charge_mobile()
            else:
                self._pay_points()
        except PosError as exc:
            self.show_error(exc)

    def _pay_points(self) -> None:
        text = self.points_entry.text().strip().replace(",", "")
        if not text.isdigit():
            raise PosError("points.not_a_number", text=text)
        self._apply(self._checkout.pay_points(int(text)))

    def on_quick_cash(self, fen: int) -> None:
        self._try(lambda: self._checkout.add_tender("cash", Money(fen)))

    def on_exact_cash(self) -> None:
        remaining = self._checkout.current().payment.remaining
        self._try(lambda: self._checkout.add_tender("cash", remaining))

    def on_remove_tender(self) -> None:
        row = self.tender_list.currentRow()
        if row < 0:
            row = self.tender_list.count() - 1
        if row >= 0:
            self._try(lambda: self._checkout.remove_tender(row))

    def _charge_mobile(self) -> None:
        amount = Money.parse(self.mobile_amount.text())
        pending = self._checkout.begin_pay_mobile(self.mobile_code.text(), amount)
        self.charging = True
        self.mobile_status.setText(self.tr("Waiting for the payment service…"))
        self._run_pending(pending, self.on_mobile_done, self.on_mobile_failed)

    def on_mobile_done(self, change: CartChange) -> None:
        self.charging = False
        self.mobile_status.setText(self.tr("Approved"))
        self._apply(change)

    def on_mobile_failed(self, exc: BaseException) -> None:
        self.charging = False
        self.mobile_status.clear()
        self.error.setText(error_text(exc, self._lang))
        self.mobile_code.clear()
        self.mobile_code.setFocus()

    def _try(self, fn: Callable[[], CartChange]) -> None:
        if self.charging:
            return
        try:
            self._apply(fn())
        except PosError as exc:
            self.show_error(exc)

    def _apply(self, change: CartChange) -> None:
        self.error.clear()
        self.refresh(change)
        self.sig_tenders_changed.emit(change)
        if change.payment.is_paid:
            self.accept()
        else:
            self.on_tab_changed(self.tabs.currentIndex())

    def show_error(self, exc: PosError) -> None:
        """Show a translated error inline; the dialog stays open."""
        self.error.setText(error_text(exc, self._lang))

    def refresh(self, change: CartChange) -> None:
        """Redraw amounts and the tender list."""
        p = change.payment

        def m(x: Money) -> str:
            return format_money(x, self._lang)

        self.due_label.setText(m(p.due))
        self.remaining_label.setText(m(p.remaining))
        self.change_label.setText(m(p.change))
        self.tender_list.clear()
        for t in change.sale.tenders:
            text = f"{tender_name(t.kind)}  {m(t.tendered)}"
            if t.kind == "points":
                text += "  " + self.tr("({points} points)").format(points=t.reference)
            elif t.reference:
                text += f"  #{t.reference}"
            self.tender_list.addItem(text)

    def reject(self) -> None:
        if self.charging:  # a mobile charge is in flight; its result must be seen
            return
        super().reject()
