"""The cashier's actions on the sale: search, quantity, void, discounts, price, suspend and
resume, member and coupons, payment, import, quit (the F-keys of ``keys.ACTIONS``).

``SaleActions`` works on the checkout service and opens its dialogs through the window's
``DialogHost``; what else it needs of the window (redraw, messages, focus, the selected line,
running a write, what follows a completed sale) comes in as plain callables, so it can be
built and driven alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from pos_app.core.clock import StoreClock
from pos_app.core.errors import PosError
from pos_app.core.members import Member
from pos_app.core.money import Money, format_money
from pos_app.core.plausible import line_amount, unusual_price, unusual_quantity
from pos_app.core.product import ProductInfo
from pos_app.core.quantity import format_quantity, parse_quantity
from pos_app.services.chain_stock import ChainStockView
from pos_app.services.checkout import CheckoutService
from pos_app.services.products import ProductService
from pos_app.services.results import CartChange, CompletedSale
from pos_app.services.staff import Approval
from pos_app.ui.dialog_host import DialogHost
from pos_app.ui.edit_dialogs import ConfirmDialog, DiscountDialog, ValueDialog
from pos_app.ui.import_dialog import ImportDialog
from pos_app.ui.loyalty_widgets import tier_name
from pos_app.ui.member_dialog import MemberDialog
from pos_app.ui.payment_dialog import PaymentDialog, RunPending
from pos_app.ui.resume_dialog import ResumeDialog
from pos_app.ui.search_dialog import ProductSearchDialog
from pos_app.ui.tasks import TaskRunner
from pos_app.ui.widgets import Level

translate = QCoreApplication.translate
# (action taking an approval or None, what to do with its result): ``StaffGate.attempt``.
Attempt = Callable[[Callable[[Approval | None], Any], Callable[[Any], None]], None]


class SaleActions:
    """``on_<action>`` for the sale's entries of ``keys.ACTIONS``.

    ``ask_weight(product)`` gets a weighed product's weight (the scale, else
    ``ask_weight_typed``); ``sale_completed(done)`` shows a committed sale; ``quit()`` ends
    the till.
    """

    def __init__(
        self, *, checkout: CheckoutService, products: ProductService, clock: StoreClock,
        lang: str, runner: TaskRunner, dialogs: DialogHost, parent: QWidget,
        search_debounce_ms: int, quick_cash_fen: tuple[int, ...],
        redraw: Callable[[CartChange], None], show_message: Callable[[str, Level], None],
        hide_message: Callable[[], None], show_error: Callable[[BaseException], None],
        focus_entry: Callable[[], None], selected_line_id: Callable[[], int | None],
        run_pending: RunPending, ask_weight: Callable[[ProductInfo], None],
        sale_completed: Callable[[CompletedSale], None], quit: Callable[[], None],
        attempt: Attempt | None = None,
    ) -> None:
        self.checkout, self.products, self.clock = checkout, products, clock
        self.lang, self.runner, self.dialogs, self.parent = lang, runner, dialogs, parent
        self.search_debounce_ms, self.quick_cash_fen = search_debounce_ms, quick_cash_fen
        self.redraw, self.show_message, self.hide_message = redraw, show_message, hide_message
        self.show_error, self.focus_entry = show_error, focus_entry
        self.selected_line_id, self.run_pending = selected_line_id, run_pending
        self.ask_weight, self.sale_completed, self.quit = ask_weight, sale_completed, quit
        # Runs an action the cashier's role may refuse: then a supervisor approves it once.
        self.attempt: Attempt = attempt or (lambda action, done: done(action(None)))

    def edit(self, fn: Callable[[], CartChange]) -> None:
        """Apply one edit of the sale and show it (or why it cannot be)."""
        try:
            self.redraw(fn())
        except PosError as exc:
            self.show_error(exc)
        self.focus_entry()

    def edit_approved(self, fn: Callable[[Approval | None], CartChange]) -> None:
        """An edit the role may refuse: a supervisor's approval lets it through once."""
        def done(change: CartChange) -> None:
            self.redraw(change)
            self.focus_entry()

        try:
            self.attempt(fn, done)
        except PosError as exc:
            self.show_error(exc)
            self.focus_entry()

    def _line(self) -> Any:
        line_id = self.selected_line_id()
        if line_id is None:
            raise PosError("cart.no_line_selected")
        return self.checkout.sale.cart.line(line_id)

    # ---- actions ---------------------------------------------------------------------

    def on_search(self) -> None:
        def run() -> None:
            dialog = ProductSearchDialog(
                search=self.products.search, lang=self.lang,
                debounce_ms=self.search_debounce_ms, parent=self.parent,
                info=lambda product: self._show_stock(dialog, product),
            )
            self.dialogs.open(dialog, lambda d: self._add_chosen(d.chosen))

        self.dialogs.guarded(run)

    def _show_stock(self, dialog: ProductSearchDialog, product: ProductInfo) -> None:
        """This store's stock of the selected product at once, the chain's other stores'
        as last known, then as the cloud answers (its own thread: a slow network never
        holds up a sale's write)."""
        chain, panel, now = self.products.chain, dialog.info_panel, self.clock.now
        here = self.products.on_hand(product.product_id)
        panel.show_product(product, here, chain.cached(product.sku) if chain else None,
                           now(), looking=chain is not None)
        if chain is None:
            return

        def answered(view: ChainStockView) -> None:
            if self.dialogs.active is dialog and panel.sku == product.sku:
                panel.show_product(product, here, view, now(), looking=False)

        self.runner.submit(lambda: chain.lookup(product.sku), on_done=answered,
                           on_error=lambda _e: None, own_thread=True)

    def _add_chosen(self, product: ProductInfo | None) -> None:
        if product is None:
            return
        if product.is_weighed:
            self.ask_weight(product)
        else:
            self.edit(lambda: self.checkout.add_product(product))

    def ask_weight_typed(self, product: ProductInfo) -> None:
        """Weighed product without a scale label: ask the weight in kg, then add it."""
        dialog = ValueDialog(
            title=translate("cashier", "Weight"),
            prompt=translate("cashier", "{name}: weight in kg").format(
                name=product.display_name(self.lang)),
            hint=translate("cashier", "For example 0.350 for 350 g. Enter adds, Esc cancels."),
            parse=lambda t: parse_quantity(t, weighed=True), parent=self.parent,
        )
        self.dialogs.open(dialog, lambda d: self.edit(
            lambda: self.checkout.add_product(product, d.value)))

    def on_quantity(self) -> None:
        def run() -> None:
            line = self._line()
            weighed = line.product.is_weighed
            dialog = ValueDialog(
                title=(translate("cashier", "Weight") if weighed
                       else translate("cashier", "Quantity")),
                prompt=(translate("cashier", "{name}: weight in kg") if weighed
                        else translate("cashier", "{name}: pieces"))
                .format(name=line.product.display_name(self.lang)),
                hint=translate("cashier", "Enter sets it, Esc cancels."),
                parse=lambda t: parse_quantity(t, weighed=weighed),
                initial=format_quantity(line.qty, weighed=weighed).removesuffix("kg"),
                parent=self.parent,
            )
            self.dialogs.open(dialog, lambda d: self._set_qty(line, d.value))

        self.dialogs.guarded(run)

    def _set_qty(self, line: Any, qty: int) -> None:
        weighed = line.product.is_weighed
        unusual = unusual_quantity(qty, weighed=weighed, unit_price=line.unit_price)
        text = translate("cashier", "{name}: {qty} × {price} = {amount}. That is far more than "
                         "usual: press F3 again to set it, Esc keeps {old}.")
        self._confirm_if(unusual, text.format(
            name=line.product.display_name(self.lang),
            qty=format_quantity(qty, weighed=weighed),
            price=format_money(line.unit_price, self.lang),
            amount=format_money(line_amount(line.unit_price, qty, weighed=weighed), self.lang),
            old=format_quantity(line.qty, weighed=weighed)),
            "F3", lambda _approval: self.checkout.set_qty(line.line_id, qty))

    def _confirm_if(self, unusual: bool, text: str, key: str,
                    apply: Callable[[Approval | None], CartChange]) -> None:
        """Apply an edit; when its value is far from the usual, only once ``key`` confirms."""
        if not unusual:
            self.edit_approved(apply)
            return
        dialog = ConfirmDialog(title=translate("cashier", "Please check"), text=text,
                               confirm_key=key, parent=self.parent)
        self.dialogs.open(dialog, lambda _d: self.edit_approved(apply))

    def on_void_line(self) -> None:
        def run() -> None:
            line = self._line()
            self.edit_approved(lambda a: self.checkout.void_line(line.line_id, a))
            self.show_message(translate("cashier", "Line voided: {name}").format(
                name=line.product.display_name(self.lang)), "info")

        self.dialogs.guarded(run)

    def on_line_discount(self) -> None:
        def run() -> None:
            line = self._line()
            dialog = DiscountDialog(
                title=line.product.display_name(self.lang), current=line.discount,
                parent=self.parent)
            self.dialogs.open(dialog, lambda d: self.edit_approved(
                lambda a: self.checkout.discount_line(line.line_id, d.discount, a)))

        self.dialogs.guarded(run)

    def on_sale_discount(self) -> None:
        def run() -> None:
            if self.checkout.sale.cart.is_empty:
                raise PosError("sale.empty")
            dialog = DiscountDialog(
                title=translate("cashier", "Whole sale"),
                current=self.checkout.sale.cart.sale_discount, parent=self.parent,
            )
            self.dialogs.open(dialog, lambda d: self.edit_approved(
                lambda a: self.checkout.discount_sale(d.discount, a)))

        self.dialogs.guarded(run)

    def on_price_override(self) -> None:
        def run() -> None:
            line = self._line()
            dialog = ValueDialog(
                title=translate("cashier", "Price override"),
                prompt=translate("cashier", "{name}: new unit price (¥)").format(
                    name=line.product.display_name(self.lang)),
                hint=translate("cashier", "Enter sets it, Esc cancels."),
                parse=Money.parse, initial=line.unit_price.yuan_text(), parent=self.parent,
            )
            self.dialogs.open(dialog, lambda d: self._override_price(line, d.value))

        self.dialogs.guarded(run)

    def _override_price(self, line: Any, price: Money) -> None:
        weighed = line.product.is_weighed
        unusual = unusual_price(price, list_price=line.product.price, qty=line.qty,
                                weighed=weighed)
        text = translate("cashier", "{name}: new price {price} (list price {list}), line "
                         "{amount}. That is far more than usual: press F7 again to set it, "
                         "Esc keeps {old}.")
        self._confirm_if(unusual, text.format(
            name=line.product.display_name(self.lang), price=format_money(price, self.lang),
            list=format_money(line.product.price, self.lang),
            amount=format_money(line_amount(price, line.qty, weighed=weighed), self.lang),
            old=format_money(line.unit_price, self.lang)),
            "F7", lambda a: self.checkout.override_price(line.line_id, price, a))

    def on_suspend(self) -> None:
        def run() -> None:
            pending = self.checkout.begin_suspend()
            self.run_pending(pending, self._suspended)

        self.dialogs.guarded(run)

    def _suspended(self, change: CartChange) -> None:
        self.redraw(change)
        self.show_message(translate("cashier", "Sale suspended. F9 resumes it."), "ok")
        self.focus_entry()

    def on_resume(self) -> None:
        def run() -> None:
            if not self.checkout.sale.cart.is_empty:
                raise PosError("sale.not_empty")
            sales = self.checkout.list_suspended()
            if not sales:
                raise PosError("sale.no_suspended")
            dialog = ResumeDialog(sales=sales, lang=self.lang, clock=self.clock,
                                  parent=self.parent)
            self.dialogs.open(dialog, lambda d: self.run_pending(
                self.checkout.begin_resume(d.chosen_id), self._resumed))

        self.dialogs.guarded(run)

    def _resumed(self, change: CartChange) -> None:
        self.hide_message()
        self.redraw(change)
        self.focus_entry()

    def on_void_sale(self) -> None:
        def run() -> None:
            if self.checkout.sale.cart.is_empty:
                raise PosError("sale.empty")
            dialog = ConfirmDialog(
                title=translate("cashier", "Void sale"),
                text=translate(
                    "cashier", "Void the whole sale? Press F10 again to void it; Esc keeps it."),
                confirm_key="F10", parent=self.parent,
            )
            self.dialogs.open(dialog, lambda _d: self.attempt(
                self.checkout.begin_void, lambda pending: self.run_pending(pending, self._voided)))

        self.dialogs.guarded(run)

    def on_quit(self) -> None:
        """Ctrl+Q: close the till; an open sale is not kept, so ask first."""
        sale = self.checkout.sale
        if sale.cart.is_empty and not sale.tenders:
            self.quit()
            return
        dialog = ConfirmDialog(
            title=translate("cashier", "Quit"),
            text=translate(
                "cashier", "A sale is open and will not be kept (F8 suspends it). Press "
                "Ctrl+Q again to quit; Esc keeps selling."),
            confirm_key="Ctrl+Q", parent=self.parent,
        )
        self.dialogs.open(dialog, lambda _d: self.quit())

    def _voided(self, change: CartChange) -> None:
        self.redraw(change)
        self.show_message(translate("cashier", "Sale voided."), "info")
        self.focus_entry()

    def on_member(self) -> None:
        def run() -> None:
            dialog = MemberDialog(loyalty=self.checkout.loyalty, run_pending=self.run_pending,
                                  lang=self.lang, current=self.checkout.sale.member,
                                  parent=self.parent)
            self.dialogs.open(dialog, lambda d: self.set_member(d.chosen))

        self.dialogs.guarded(run)

    def set_member(self, member: Member | None) -> None:
        """Put ``member`` on the sale (None takes it off) and say so."""
        self.edit(lambda: self.checkout.set_member(member))
        if self.checkout.sale.member is member:
            self.show_message(self.member_text(), "ok")

    def member_text(self) -> str:
        """"Member: 张* · 金卡" for the sale's member, or "Member removed"."""
        member = self.checkout.sale.member
        if member is None:
            return translate("cashier", "Member removed; the sale is priced without it.")
        tier = self.checkout.loyalty.tier(member.tier)
        return translate("cashier", "Member: {name} · {tier} · points {points}").format(
            name=member.name_masked or member.phone_masked,
            tier=tier_name(tier, self.lang), points=f"{member.points_available:,}")

    def on_use_coupon(self, code: str) -> None:
        self.dialogs.guarded(lambda: self.edit(lambda: self.checkout.add_coupon(code)))

    def on_remove_coupon(self, coupon_id: str) -> None:
        self.dialogs.guarded(lambda: self.edit(lambda: self.checkout.remove_coupon(coupon_id)))

    def on_pay(self) -> None:
        def run() -> None:
            if self.checkout.sale.cart.is_empty:
                raise PosError("sale.empty")
            if self.checkout.exchange is not None:  # the returned goods pay first
                self.redraw(self.checkout.take_exchange_credit())
            dialog = PaymentDialog(
                checkout=self.checkout, run_pending=self.run_pending, lang=self.lang,
                quick_cash_fen=self.quick_cash_fen, parent=self.parent,
            )
            dialog.sig_tenders_changed.connect(self.redraw)
            dialog.rejected.connect(self._payment_left_open)
            self.dialogs.open(dialog, lambda _d: self.complete_sale())

        self.dialogs.guarded(run)

    def _payment_left_open(self) -> None:
        p = self.checkout.current().payment
        if p.paid:
            text = translate("cashier", "Paid {paid}, {remaining} remaining. F12 continues.")
            self.show_message(text.format(
                paid=format_money(p.paid, self.lang),
                remaining=format_money(p.remaining, self.lang)), "warning")

    def complete_sale(self) -> None:
        """Commit the paid sale on the writer thread, then show its receipt."""
        self.run_pending(self.checkout.begin_complete(), self.sale_completed)

    def on_import_products(self) -> None:
        runner, products = self.runner, self.products

        def submit(path: Any, on_done: Any, on_error: Any, on_progress: Any) -> None:
            # Its own thread: the import gives way to sales chunk by chunk, and a sale's
            # commit must not queue behind it on the writer thread.
            runner.submit(lambda progress: products.import_csv(path, progress),
                          on_done=on_done, on_error=on_error, on_progress=on_progress,
                          own_thread=True)

        self.dialogs.guarded(lambda: self.dialogs.open(
            ImportDialog(submit=submit, unfinished=products.unfinished_import(),
                         parent=self.parent), lambda _d: None))
