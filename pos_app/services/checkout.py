"""Checkout use cases: the sale in progress, scans, edits, tenders, complete/suspend/void."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import Engine

from pos_app.core.barcode import DEFAULT_SCALE_RULES, ScaleRule
from pos_app.core.cart import Cart, Discount, changed_line
from pos_app.core.clock import default_now
from pos_app.core.coupons import Coupon
from pos_app.core.errors import PosError
from pos_app.core.members import Member
from pos_app.core.money import Money
from pos_app.core.payment import PaymentProvider, PaymentResult
from pos_app.core.pricing import PricedCart, price_cart
from pos_app.core.product import ProductInfo
from pos_app.core.receipt import build_receipt
from pos_app.core.roles import Permission, discount_bp
from pos_app.core.sale import Sale
from pos_app.core.scan_router import ScanRules
from pos_app.core.store_info import StoreInfo
from pos_app.core.tenders import TenderKind, add_tender, payment_state
from pos_app.core.text import require_clean
from pos_app.services import records
from pos_app.services.checkout_loyalty import LoyaltyEdits
from pos_app.services.exchange import Exchange
from pos_app.services.guard import Guard
from pos_app.services.loyalty import LoyaltyService
from pos_app.services.mobile_payments import MobilePayments
from pos_app.services.permissions import PermissionCheck
from pos_app.services.results import CartChange, CompletedSale, Pending, ScanOutcome
from pos_app.services.sale_loyalty import SaleLoyalty
from pos_app.services.sale_scanner import SaleScanner
from pos_app.services.shifts import ShiftService
from pos_app.services.staff import Approval, StaffService
from pos_app.store import catalog, suspended
from pos_app.store import sales as sales_store
from pos_app.store.audit import AuditRecord
from pos_app.store.sales import CommittedSale, SaleRecord
from pos_app.store.suspended import SuspendedSummary

SaleWriter = Callable[[Engine, SaleRecord], CommittedSale]


class CheckoutService(LoyaltyEdits):
    """Holds the sale in progress and runs checkout use cases against the store.

    Edits return a ``CartChange``; writes come as ``Pending`` (run on the writer thread,
    finish on the UI thread) with synchronous wrappers for tests and scripts.
    """

    def __init__(
        self,
        *,
        engine: Engine,
        store_info: StoreInfo,
        cashier: str = "",
        clock: Callable[[], datetime] = default_now,
        new_uuid: Callable[[], str] = lambda: str(uuid.uuid4()),
        permissions: PermissionCheck | None = None,
        payment_provider: PaymentProvider | None = None,
        sleep: Callable[[float], None] = time.sleep,
        scale_rules: tuple[ScaleRule, ...] = DEFAULT_SCALE_RULES,
        scan_rules: ScanRules | None = None,
        min_scan_length: int = 3,
        receipt_locale: str = "zh_CN",
        loyalty: LoyaltyService | None = None,
        staff: StaffService | None = None,
        shifts: ShiftService | None = None,
    ) -> None:
        self._engine = engine
        self.store_info = store_info
        self._cashier = cashier
        self._staff = staff
        self._shifts = shifts
        self._clock = clock
        self._new_uuid = new_uuid
        self.guard = Guard(permissions, staff)
        self._mobile = MobilePayments(payment_provider, sleep=sleep)
        self.scan_rules = scan_rules or ScanRules(scale_rules=scale_rules)
        self._scanner = SaleScanner(self, engine=engine, min_length=min_scan_length)
        self.receipt_locale = receipt_locale
        self.loyalty = loyalty or LoyaltyService(engine=engine, store_info=store_info,
                                                 clock=clock, new_uuid=new_uuid)
        self._members = SaleLoyalty(self.loyalty)
        self._coupon_codes: dict[str, str] = {}  # coupon id → scanned text (to suspend)
        self._busy: str | None = None
        self._exchange: Exchange | None = None
        self._sale = self._new_sale()
        self._priced = self._price(self._sale.cart)

    # ---- state -------------------------------------------------------------------------

    @property
    def sale(self) -> Sale:
        """The sale in progress."""
        return self._sale

    @property
    def cashier(self) -> str:
        """Who sells: the signed-in staff member ("" while nobody is; the configured name
        for a checkout without staff: scripts, benchmarks)."""
        if self._staff is None:
            return self._cashier
        session = self._staff.session
        return session.name if session is not None else ""

    @property
    def cashier_id(self) -> str:
        """The signed-in staff member's id ("" without staff)."""
        session = self._staff.session if self._staff is not None else None
        return session.staff_id if session is not None else ""

    @property
    def busy(self) -> bool:
        """True while a write of this sale is on its way to the database."""
        return self._busy is not None

    def current(self, line_id: int | None = None) -> CartChange:
        """The sale as it stands (for a full redraw)."""
        return CartChange(
            sale=self._sale,
            priced=self._priced,
            payment=payment_state(self._priced.totals.total, self._sale.tenders),
            line_id=line_id,
        )

    def _new_sale(self) -> Sale:
        info = self.store_info
        sale = Sale.new(
            sale_uuid=self._new_uuid(), opened_at=self._clock(), tax_mode=info.tax_mode,
            cash_rounding=info.cash_rounding,
        )
        self._coupon_codes = {}
        return self._with_loyalty(sale, sale.cart, member=None, coupons=())

    def _with_loyalty(self, sale: Sale, cart: Cart, *, member: Member | None,
                      coupons: tuple[Coupon, ...]) -> Sale:
        setup = self.loyalty.setup(member=member, coupons=coupons,
                                   cart_skus=[ln.product.sku for ln in cart.lines],
                                   opened_at=sale.opened_at)
        return sale.with_loyalty(member=member, coupons=coupons, promotions=setup)

    def _price(self, cart: Cart, sale: Sale | None = None) -> PricedCart:
        info = self.store_info
        return price_cart(cart, tax_mode=info.tax_mode, cash_rounding=info.cash_rounding,
                          promotions=(sale or self._sale).promotions)

    def _check_idle(self) -> None:
        if self._busy is not None:
            raise PosError("sale.busy", action=self._busy)

    def _set_cart(self, cart: Cart, line_id: int | None) -> CartChange:
        self._check_idle()
        sale = self._sale.with_cart(cart)
        if any(c.kind == "free_item" for c in sale.coupons):  # the free item may have changed
            sale = self._with_loyalty(sale, cart, member=sale.member, coupons=sale.coupons)
        priced = self._price(cart, sale)
        self._sale = sale
        self._priced = priced
        return self.current(line_id)

    # ---- scanning and adding -----------------------------------------------------------

    def scan(self, code: str) -> ScanOutcome:
        """Route a scanned or typed code (``SaleScanner``); products are added."""
        return self._scanner.scan(code)

    def add_scanned(
        self, product: ProductInfo, code: str, add: Callable[[Cart], Cart]
    ) -> ScanOutcome:
        data: dict[str, object] = {"code": code, "name": product.name, "sku": product.sku}
        if not product.active:
            return ScanOutcome("inactive", code, key="scan.inactive_product", data=data,
                               product=product)
        try:
            cart = add(self._sale.cart)
        except PosError as exc:
            if exc.key == "cart.weight_required":
                return ScanOutcome("needs_weight", code, key="scan.weight_required", data=data,
                                   product=product)
            return ScanOutcome("invalid", code, key=exc.key, data=exc.data, product=product)
        change = self._set_cart(cart, changed_line(self._sale.cart, cart))
        return ScanOutcome("added", code, change=change, product=product)

    def add_product(self, product: ProductInfo, qty: int | None = None) -> CartChange:
        """Add a product chosen in search (qty: pieces, or grams — required when weighed)."""
        before = self._sale.cart
        cart = before.add(product, qty)
        return self._set_cart(cart, changed_line(before, cart))

    def search(self, query: str, *, limit: int = 50) -> list[ProductInfo]:
        """A page of products matching barcode, SKU, name or pinyin initials."""
        require_clean(query, key="search.text_invalid")
        return catalog.search_products(engine=self._engine, query=query, limit=limit)

    # ---- line and sale edits -----------------------------------------------------------

    def set_qty(self, line_id: int, qty: int) -> CartChange:
        """Set a line's quantity (pieces, or grams when weighed)."""
        return self._set_cart(self._sale.cart.set_qty(line_id, qty), line_id)

    def void_line(self, line_id: int, approval: Approval | None = None) -> CartChange:
        """Remove a line (``line_void``: the role's, or a supervisor's approval)."""
        line = self._sale.cart.line(line_id)
        cart = self._sale.cart.void_line(line_id)
        used = self.guard.authorize(Permission.LINE_VOID, approval)
        change = self._set_cart(cart, None)
        self.guard.note(Permission.LINE_VOID, subject=self._sale.sale_uuid, approval=used,
                        sku=line.product.sku, qty=line.qty, amount_fen=line.gross.fen)
        return change

    def discount_line(self, line_id: int, discount: Discount | None,
                      approval: Approval | None = None) -> CartChange:
        """Set or clear a line discount, within the role's limit or a supervisor's."""
        cart = self._sale.cart.discount_line(line_id, discount)
        line = cart.line(line_id)
        return self._discounted(cart, line_id, discount, line.gross.fen, approval)

    def discount_sale(self, discount: Discount | None,
                      approval: Approval | None = None) -> CartChange:
        """Set or clear the whole-sale discount, within the role's limit or a supervisor's."""
        cart = self._sale.cart.discount_sale(discount)
        base = sum(ln.gross.fen - ln.line_discount.fen for ln in cart.lines)
        return self._discounted(cart, None, discount, base, approval)

    def _discounted(self, cart: Cart, line_id: int | None, discount: Discount | None,
                    base_fen: int, approval: Approval | None) -> CartChange:
        off = discount.amount_off(Money(base_fen)).fen if discount is not None else 0
        used = None
        if discount is not None:
            used = self.guard.authorize(Permission.DISCOUNT, approval,
                                        discount_bp=discount_bp(off, base_fen))
        change = self._set_cart(cart, line_id)
        self.guard.note(Permission.DISCOUNT, subject=self._sale.sale_uuid, approval=used,
                        line=line_id, kind=discount.kind if discount else None,
                        value=discount.value if discount else 0, amount_fen=off)
        return change

    def override_price(self, line_id: int, price: Money,
                       approval: Approval | None = None) -> CartChange:
        """Set a line's unit price (``price_override``: the role's, or an approval)."""
        before = self._sale.cart.line(line_id)
        cart = self._sale.cart.override_price(line_id, price)
        used = self.guard.authorize(Permission.PRICE_OVERRIDE, approval)
        change = self._set_cart(cart, line_id)
        self.guard.note(Permission.PRICE_OVERRIDE, subject=self._sale.sale_uuid, approval=used,
                        sku=before.product.sku, from_fen=before.unit_price.fen,
                        to_fen=price.fen)
        return change

    # ---- tenders -----------------------------------------------------------------------

    def add_tender(self, kind: TenderKind, tendered: Money, reference: str = "") -> CartChange:
        """Take a cash or card tender (mobile goes through ``pay_mobile``)."""
        self._check_idle()
        if kind == "mobile":
            raise ValueError("mobile tenders go through pay_mobile")
        return self._apply_tender(kind, tendered, reference)

    def _apply_tender(self, kind: TenderKind, tendered: Money, reference: str) -> CartChange:
        if self._sale.cart.is_empty:
            raise PosError("sale.empty")
        require_clean(reference, key="tender.reference_invalid")
        tenders = add_tender(
            self._sale.tenders, due=self._priced.totals.total, kind=kind, tendered=tendered,
            reference=reference,
        )
        self._sale = self._sale.with_tenders(tenders)
        return self.current()

    def remove_tender(self, index: int) -> CartChange:
        """Remove a cash or card tender (mobile payments need a refund instead)."""
        self._check_idle()
        tenders = self._sale.tenders
        if not 0 <= index < len(tenders):
            raise PosError("tender.no_such_tender", index=index)
        if tenders[index].kind == "mobile":
            raise PosError("tender.not_removable", kind="mobile")
        self._sale = self._sale.with_tenders(tenders[:index] + tenders[index + 1 :])
        return self.current()

    def begin_pay_mobile(self, code: str, amount: Money) -> Pending[PaymentResult, CartChange]:
        """Charge a customer's payment code: the provider call runs on the worker thread."""
        self._check_idle()
        remaining = payment_state(self._priced.totals.total, self._sale.tenders).remaining
        code = self._mobile.check(code, amount, sale_empty=self._sale.cart.is_empty,
                                  remaining=remaining)
        run = self._mobile.job(code, amount, self._new_uuid().replace("-", "")[:32])
        self._busy = "pay_mobile"

        def finish(result: PaymentResult) -> CartChange:
            self._busy = None
            if result.status != "approved":
                raise PosError(result.message_key or "payment.declined", code=code)
            return self._apply_tender("mobile", amount, result.provider_ref or result.trade_no)

        return Pending(run, finish, self._release)

    def pay_mobile(self, code: str, amount: Money) -> CartChange:
        """Charge a payment code synchronously and add the mobile tender when approved."""
        return self.begin_pay_mobile(code, amount).run_now()

    # ---- an exchange: goods came back, the credit pays this sale (``services.exchange``) --

    @property
    def exchange(self) -> Exchange | None:
        """The exchange this sale completes (None for a plain sale)."""
        return self._exchange

    def start_exchange(self, exchange: Exchange) -> CartChange:
        """Let ``exchange``'s credit pay this sale; it ends with the sale (completed, voided)."""
        self._check_idle()
        if self._sale.tenders or self._exchange is not None:
            raise PosError("sale.not_empty")
        self._exchange = exchange
        return self.current()

    def take_exchange_credit(self) -> CartChange:
        """At payment: the exchange's credit as the sale's first tender (once)."""
        ex, tenders = self._exchange, self._sale.tenders
        if ex is None or self._sale.cart.is_empty or any(t.kind == "exchange" for t in tenders):
            return self.current()
        remaining = payment_state(self._priced.totals.total, tenders).remaining
        return self._apply_tender("exchange", ex.tender_for(remaining), ex.reference)

    # ---- writes: complete, suspend, resume, void ---------------------------------------

    def _release(self) -> None:
        self._busy = None

    def _keeping(self, audit: Sequence[AuditRecord]) -> Callable[[], None]:
        """The abort of a write that took the sale's audit entries: they stay the sale's."""
        def abort() -> None:
            self._busy = None
            self.guard.give_back(audit)
        return abort

    def _start_next_sale(self) -> CartChange:
        self._busy = None
        self._exchange = None
        self._sale = self._new_sale()
        self._priced = self._price(self._sale.cart)
        return self.current()

    def begin_complete(self, commit: SaleWriter | None = None
                       ) -> Pending[CommittedSale, CompletedSale]:
        """Check the sale is paid and build its record; ``run`` commits it in one transaction
        (``commit``: an exchange's, which writes its return in the same one)."""
        self._check_idle()
        exchange = self._exchange
        commit = commit or (exchange.commit if exchange is not None else None)
        if commit is None and any(t.kind == "exchange" for t in self._sale.tenders):
            raise PosError("return.exchange_mismatch")
        self.guard.authorize(Permission.SELL)
        shift = self._shifts.current if self._shifts is not None else None
        if self._shifts is not None and shift is None:
            raise PosError("shift.not_open")
        done = self._sale.complete()
        priced, closed_at = self._priced, self._clock()
        loyalty = self.loyalty.for_sale(sale=done, priced=priced, closed_at=closed_at)
        member = records.receipt_member(done.member, loyalty, self.loyalty,
                                        locale=self.receipt_locale)
        record = records.sale_record(
            sale=done, priced=priced, store=self.store_info, cashier=self.cashier,
            closed_at=closed_at, loyalty=loyalty, member=member, audit=self.guard.take(),
            shift_id=shift.shift_id if shift else None, cashier_id=self.cashier_id,
        )
        self._busy = "complete"
        engine = self._engine

        def run() -> CommittedSale:
            if commit is not None:
                return commit(engine, record)
            return sales_store.commit_sale(engine=engine, record=record)

        def finish(committed: CommittedSale) -> CompletedSale:
            receipt = build_receipt(
                priced=priced, tenders=done.tenders, receipt_no=committed.receipt_no,
                completed_at=closed_at, store=self.store_info, cashier=self.cashier,
                member=member,
            )
            return CompletedSale(receipt=receipt, sale_id=committed.sale_id,
                                 change=self._start_next_sale(),
                                 exchange=exchange.done if exchange is not None else None)

        return Pending(run, finish, self._keeping(record.audit))

    def complete(self) -> CompletedSale:
        """Commit the paid sale and start the next one; returns the receipt."""
        return self.begin_complete().run_now()

    def begin_suspend(self, label: str = "") -> Pending[object, CartChange]:
        """Park the sale (no tenders taken) to serve another customer."""
        self._check_idle()
        if self._exchange is not None:
            raise PosError("return.exchange_open")
        require_clean(label, key="suspend.label_invalid")
        sale = self._sale
        sale.suspend()  # state check only: open, not empty, no tenders
        payload = records.suspend_payload(sale, coupon_codes=tuple(self._coupon_codes.values()))
        totals = self._priced.totals
        self._busy = "suspend"
        engine, at, info, audit = self._engine, self._clock(), self.store_info, self.guard.take()

        def run() -> object:
            return suspended.suspend_sale(
                engine=engine, sale_uuid=sale.sale_uuid, label=label, payload=payload,
                total_fen=totals.total.fen, line_count=totals.line_count, created_at=at,
                audit=audit, store_code=info.store_code, terminal_code=info.terminal_code,
            )

        return Pending(run, lambda _r: self._start_next_sale(), self._keeping(audit))

    def suspend(self, label: str = "") -> CartChange:
        """Suspend synchronously."""
        return self.begin_suspend(label).run_now()

    def list_suspended(self) -> list[SuspendedSummary]:
        """Suspended sales on this till, oldest first (a small table; fine on the UI thread)."""
        return suspended.list_suspended(engine=self._engine)

    def begin_resume(self, suspended_id: int) -> Pending[dict[str, object], CartChange]:
        """Bring a suspended sale back; the current sale must be empty."""
        self._check_idle()
        if not self._sale.cart.is_empty or self._sale.tenders:
            raise PosError("sale.not_empty")
        self._busy = "resume"
        engine = self._engine

        def run() -> dict[str, object]:
            return suspended.take_suspended(engine=engine, suspended_id=suspended_id)

        def finish(payload: dict[str, object]) -> CartChange:
            self._busy = None
            sale = records.sale_from_payload(payload)
            member, coupons = records.loyalty_from_payload(payload, self.loyalty)
            self._sale = self._with_loyalty(sale, sale.cart, member=member,
                                            coupons=tuple(c for c, _ in coupons))
            self._coupon_codes = {c.coupon_id: code for c, code in coupons}
            self._priced = self._price(sale.cart)
            return self.current()

        return Pending(run, finish, self._release)

    def resume(self, suspended_id: int) -> CartChange:
        """Resume synchronously."""
        return self.begin_resume(suspended_id).run_now()

    def begin_void(self, approval: Approval | None = None) -> Pending[object, CartChange]:
        """Cancel the sale; a sale with lines is recorded as voided (audit), never deleted
        (``sale_void``: the role's, or a supervisor's approval)."""
        self._check_idle()
        sale = self._sale
        voided = sale.void()  # refuses card/mobile tenders; cash goes back to the customer
        if sale.cart.is_empty:
            self.guard.take()  # nothing to keep of an empty sale
            return Pending(lambda: None, lambda _r: self._start_next_sale(), self._release)
        used = self.guard.authorize(Permission.SALE_VOID, approval)
        self.guard.note(Permission.SALE_VOID, subject=sale.sale_uuid, approval=used,
                        amount_fen=self._priced.totals.total.fen)
        record = records.sale_record(
            sale=voided, priced=self._priced, store=self.store_info, cashier=self.cashier,
            closed_at=self._clock(), audit=self.guard.take(), cashier_id=self.cashier_id,
            shift_id=self._shifts.current.shift_id if self._shifts and self._shifts.current
            else None,
        )
        self._busy = "void"
        engine = self._engine

        def run() -> object:
            return sales_store.record_voided_sale(engine=engine, record=record)

        return Pending(run, lambda _r: self._start_next_sale(), self._keeping(record.audit))

    def void(self, approval: Approval | None = None) -> CartChange:
        """Void synchronously."""
        return self.begin_void(approval).run_now()
