"""Returns at the cashier window: Ctrl+R or a scanned receipt opens the sale it names (asking
the cloud for another till's), the return screen plans the refund, a supervisor approves
what the cashier's role may not do, and the return is written and its receipt printed. F9
on the return screen makes it an exchange: its credit pays the next sale (one slip).

A receipt of another till while the cloud cannot be asked, and goods without any receipt,
go through the unbound return (priced at the lowest price of 30 days, paid in cash).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from pos_app.core.clock import StoreClock
from pos_app.core.errors import PosError
from pos_app.core.money import Money, format_money
from pos_app.core.product import ProductInfo
from pos_app.core.refunds import RefundPlan
from pos_app.core.returns import REASON_CODES, ReturnReceipt
from pos_app.core.roles import Permission
from pos_app.services.checkout import CheckoutService
from pos_app.services.printing import return_text
from pos_app.services.return_sale import FoundSale
from pos_app.services.return_writes import ReturnDone, ReturnDraft
from pos_app.services.returns import ReturnService
from pos_app.services.staff import Approval
from pos_app.ui.dialog_host import DialogHost
from pos_app.ui.payment_dialog import tender_name
from pos_app.ui.receipt_number_dialog import ReceiptNumberDialog
from pos_app.ui.return_dialog import LineView, RefundView, ReturnDialog
from pos_app.ui.return_find_dialog import FindSaleDialog, store_day_range, store_time
from pos_app.ui.shift_dialogs import ChoiceDialog
from pos_app.ui.unbound_return_dialog import UnboundReturnDialog
from pos_app.ui.widgets import Level

if TYPE_CHECKING:
    from pos_app.services.results import CartChange
    from pos_app.ui.staff_gate import StaffGate

translate = QCoreApplication.translate
Approvals = dict[Permission, Approval]


def reason_choices() -> list[tuple[str, str]]:
    """The reason codes with their translated words, in the order of ``REASON_CODES``."""
    words = {
        "defective": translate("returns", "Defective"),
        "wrong_item": translate("returns", "Wrong item"),
        "not_as_described": translate("returns", "Not as described"),
        "changed_mind": translate("returns", "Changed mind"),
        "expired": translate("returns", "Expired"),
        "other": translate("returns", "Other"),
    }
    return [(code, words[code]) for code in REASON_CODES]


def refund_view(plan: RefundPlan) -> RefundView:
    """A plan in the words of the screen: one row per way of paying back."""
    rows: dict[str, int] = {}
    for t in plan.tenders:
        rows[t.payout] = rows.get(t.payout, 0) + t.amount_fen
    return RefundView(plan.total_fen, tuple((tender_name(k), fen) for k, fen in rows.items()))


def line_views(found: FoundSale, lang: str) -> list[LineView]:
    """The sale's lines as the return screen shows them, in the screen's language."""
    paid = {ln.line_no: found.original.line_paid_fen(ln) for ln in found.original.lines}
    return [LineView(ln.line_no, ln.name_en if lang.startswith("en") and ln.name_en
                     else ln.name, ln.qty, ln.returned_qty, ln.is_weighed, paid[ln.line_no])
            for ln in found.lines]


def _approval(approvals: Approvals, draft: ReturnDraft) -> Approval | None:
    return approvals.get(Permission.RETURN_WITHOUT_RECEIPT if draft.kind == "no_receipt"
                         else Permission.RETURN)


class ReturnActions:
    """The window's returns; writes go through ``run_pending``; a written return's receipt
    is shown with ``show_copy(text, title)`` and printed with ``print_return(doc)``."""

    def __init__(self, *, returns: ReturnService, checkout: CheckoutService, gate: StaffGate,
                 dialogs: DialogHost, run_pending: Callable[..., None], lang: str,
                 parent: QWidget, show_message: Callable[[str, Level], None],
                 show_error: Callable[[BaseException], None],
                 redraw: Callable[[CartChange], None],
                 show_copy: Callable[[str, str], None],
                 print_return: Callable[[ReturnReceipt], None],
                 find_product: Callable[[str], ProductInfo | None],
                 clock: StoreClock) -> None:
        self.returns, self.checkout, self.gate, self.dialogs = returns, checkout, gate, dialogs
        self._run_pending, self._lang, self._parent = run_pending, lang, parent
        self._show_message, self._show_error = show_message, show_error
        self._redraw, self._show_copy, self._print_return = redraw, show_copy, print_return
        self._find_product, self._clock = find_product, clock

    # ---- finding the sale ----------------------------------------------------------------

    def _between_sales(self) -> bool:
        """Returns start between sales (an exchange's new goods come after the return)."""
        if self.checkout.sale.cart.is_empty and not self.checkout.sale.tenders \
                and self.checkout.exchange is None:
            return True
        self._show_message(translate("returns", "Finish or suspend (F8) the sale first, then "
                                                "start the return (Ctrl+R)."), "warning")
        return False

    def on_returns(self) -> None:
        """Ctrl+R: the receipt's number (scanned or typed), or find the sale, or none."""
        if not self._between_sales():
            return

        def chosen(d: ReceiptNumberDialog) -> None:
            if d.mode == "receipt":
                self.open_receipt(str(d.value))
            elif d.mode == "find":
                self.on_find()
            else:
                self.unbound()

        self.dialogs.open(ReceiptNumberDialog(parent=self._parent), chosen)

    def open_receipt(self, text: str) -> None:
        """A scanned or typed receipt: its sale (the cloud may be asked), then the return
        screen; offline, another till's receipt goes on as an approved unbound return."""
        if not self._between_sales():
            return
        try:
            pending = self.returns.begin_find(text)
        except PosError as exc:
            self._show_error(exc)
            return
        self._show_message(translate("returns", "Looking up the sale…"), "info")
        self._run_pending(pending, self.show_sale, self._not_found)

    def _not_found(self, exc: BaseException) -> None:
        self._show_error(exc)
        if isinstance(exc, PosError) and exc.key == "return.other_till_offline":
            self.unbound(str(exc.data.get("receipt_no", "")))

    def on_find(self) -> None:
        """F2: a sale of this till found by its day, amount or member."""
        returns, clock = self.returns, self._clock
        dialog = FindSaleDialog(
            today=clock.today(), day_range=store_day_range(clock), member_of=self._member_of,
            search=lambda since, until, total, member: returns.search(
                since=since, until=until, total=total, member_id=member),
            local_time=store_time(clock), lang=self._lang, parent=self._parent)
        self.dialogs.open(dialog, lambda d: self.open_receipt(d.chosen_receipt_no)
                          if d.chosen_receipt_no else None)

    def _member_of(self, text: str) -> str | None:
        """The member of a typed phone number, a member card or a member QR (None: none)."""
        loyalty, text = self.checkout.loyalty, text.strip()
        try:
            if text.upper().startswith("O2OM"):
                return loyalty.member_from_code(text).member_id
            card = loyalty.find_by_card(text)
            return card.member_id if card else loyalty.find_by_phone(text)[0].member_id
        except PosError:
            return None

    # ---- without the sale: no receipt, or another till's while offline -------------------

    def unbound(self, receipt_no: str = "") -> None:
        """Goods back without their sale: scanned, priced at their lowest price of the last
        30 days, paid back in cash, approved (another till's receipt: flagged for HQ)."""
        if receipt_no:
            title = translate("returns", "Receipt {no} of another till (offline)").format(
                no=receipt_no)
            intro = translate("returns", "The cloud cannot be asked about this receipt: each "
                                         "item is refunded at its lowest price of the last 30 "
                                         "days, in cash, with a supervisor's approval, and "
                                         "head office checks it.")
        else:
            title = translate("returns", "Return without a receipt")
            intro = translate("returns", "No receipt: each item is refunded at its lowest "
                                         "price of the last 30 days, in cash, with a "
                                         "manager's approval.")
        dialog = UnboundReturnDialog(
            title=title, intro=intro, find_product=self._find_product,
            reasons=reason_choices(), lang=self._lang, parent=self._parent,
            price=lambda p, qty: Money(p.price.fen * qty // (1000 if p.is_weighed else 1)))
        returns = self.returns

        def scanned(d: UnboundReturnDialog) -> None:
            self._run_pending(returns.begin_draft_unbound(
                d.items, reason=d.reason_code, receipt_no=receipt_no,
                kind="other_till_offline" if receipt_no else "no_receipt"), self._priced)

        self.dialogs.open(dialog, scanned)

    def _priced(self, draft: ReturnDraft) -> None:
        """The refund as priced from the till's sales: refund it, or exchange it."""
        total = format_money(Money(draft.plan.total_fen), self._lang)
        dialog = ChoiceDialog(
            title=translate("returns", "Refund {total} in cash").format(total=total),
            entries=[("refund", translate("returns", "Refund {total} in cash").format(
                total=total)), ("exchange", translate(
                    "returns", "Exchange: {total} pays for other goods").format(total=total))],
            parent=self._parent)
        self.dialogs.open(dialog, lambda d: self.start_exchange(draft)
                          if d.chosen == "exchange" else self.commit(draft))

    # ---- the return screen ---------------------------------------------------------------

    def show_sale(self, found: FoundSale) -> None:
        """The return screen for ``found``; its answer becomes a return or an exchange."""
        returns = self.returns
        self._show_message(translate("returns", "Receipt {no}: choose what comes back.").format(
            no=found.receipt_no), "info")
        dialog = ReturnDialog(
            title=translate("returns", "Return from receipt {no} ({at})").format(
                no=found.receipt_no, at=found.closed_at[:16].replace("T", " ")),
            lines=line_views(found, self._lang), reasons=reason_choices(), lang=self._lang,
            plan=lambda request, to_cash: refund_view(
                returns.plan(found, request, to_cash=to_cash)), parent=self._parent)

        def confirmed(d: ReturnDialog) -> None:
            draft = returns.draft(found, d.request, reason=d.reason_code, damaged=d.damaged,
                                  to_cash=d.to_cash)
            if d.exchange:
                self.start_exchange(draft)
            else:
                self.commit(draft)

        self.dialogs.open(dialog, confirmed)

    def commit(self, draft: ReturnDraft) -> None:
        """Write ``draft`` once the cashier's role or a supervisor allows it (the cash
        refund may need its own approval)."""
        returns = self.returns
        self.gate.attempt_all(
            lambda ap: returns.begin_commit(draft, _approval(ap, draft),
                                            ap.get(Permission.REFUND_TO_CASH)),
            lambda pending: self._run_pending(pending, self._returned),
            subject=draft.return_uuid)

    def _returned(self, done: ReturnDone) -> None:
        doc = done.receipt
        self._show_copy(return_text(doc, lang=self._lang), translate(
            "returns", "Return {no} · refunded {total}. Scan the next item.").format(
            no=doc.return_no, total=format_money(doc.total, self._lang)))
        self._print_return(doc)
        how = "  ".join(f"{tender_name(r.kind)} {format_money(r.amount, self._lang)}"
                        + (f" ({r.reference})" if r.kind == "card" and r.reference else "")
                        for r in doc.refunds)
        text = translate("returns", "Return {no}: {total} refunded — {how}.").format(
            no=doc.return_no, total=format_money(doc.total, self._lang), how=how)
        if any(r.kind == "card" for r in doc.refunds):
            text += " " + translate("returns", "Refund the card part on the card terminal.")
        self._show_message(text, "ok")

    def start_exchange(self, draft: ReturnDraft) -> None:
        """Checked like a return now; its credit pays the next sale (F12 as usual)."""
        returns, checkout = self.returns, self.checkout
        self.gate.attempt_all(
            lambda ap: returns.exchange(draft, _approval(ap, draft),
                                        ap.get(Permission.REFUND_TO_CASH)),
            lambda exchange: self._exchanging(checkout.start_exchange(exchange),
                                              exchange.credit.fen),
            subject=draft.return_uuid)

    def _exchanging(self, change: CartChange, credit_fen: int) -> None:
        self._redraw(change)
        self.on_cart_changed()

    def on_cart_changed(self, _change: object = None) -> None:
        """While a sale is an exchange, the sale screen keeps saying so."""
        exchange = self.checkout.exchange
        if exchange is None:
            return
        credit_fen = exchange.credit.fen
        self._show_message(translate(
            "returns", "Exchange: {credit} of returned goods pays for the new ones. Scan "
                       "them, then F12. F10 cancels the exchange.").format(
            credit=format_money(Money(credit_fen), self._lang)), "ok")
