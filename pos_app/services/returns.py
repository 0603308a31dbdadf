"""Returns at the till: find the sale (scanned or typed receipt, or a search), show its
lines with what already came back, plan the refund, and write it (the writer thread).

    found = returns.begin_find(text).run()          # worker: may ask the cloud
    draft = returns.draft(found, {1: 2}, reason="defective", damaged={1})
    done = returns.begin_commit(draft, approval).run_now()   # → ReturnDone (receipt)

A receipt of another till is looked up in the cloud (``CloudSaleLookup``); when the cloud
cannot be asked, ``begin_find`` raises ``return.other_till_offline`` and the screen goes on
with ``begin_draft_unbound(kind="other_till_offline", ...)``: priced like a return without
a receipt, approved by a supervisor, flagged for HQ. An exchange: ``exchange(draft)``
(``services.exchange``).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine

from contract.sale_lookup import SaleLookup
from pos_app.core.clock import default_now
from pos_app.core.coupons import parse_coupon_code
from pos_app.core.errors import PosError
from pos_app.core.money import Money, div_half_up
from pos_app.core.payment import PaymentProvider
from pos_app.core.product import ProductInfo
from pos_app.core.quantity import check_qty
from pos_app.core.refunds import RefundLine, RefundPlan, TenderRefund, plan_refund
from pos_app.core.returns import check_disposition, check_reason
from pos_app.core.roles import Permission
from pos_app.core.store_info import StoreInfo
from pos_app.services.exchange import Exchange
from pos_app.services.guard import Guard
from pos_app.services.results import Pending
from pos_app.services.return_sale import (
    FoundSale,
    found_in_cloud,
    found_local,
    receipt_number_of,
)
from pos_app.services.return_writes import (
    ReturnDone,
    ReturnDraft,
    Who,
    pay_out,
    return_receipt,
    return_record,
)
from pos_app.services.shifts import ShiftService
from pos_app.services.staff import Approval, StaffService
from pos_app.store import catalog, promotions
from pos_app.store import return_queries as queries
from pos_app.store import sales as sales_store
from pos_app.store.return_queries import SaleSummary
from pos_app.store.returns import ReturnLineRecord, commit_return, returns_of_sale

LOWEST_PRICE_DAYS = 30
SaleLookupFn = Callable[[str], SaleLookup]


@dataclass(frozen=True, slots=True)
class ReturnLimits:
    """Returns without a receipt per till and day: how many, and how much in all (fen)."""

    no_receipt_count: int = 5
    no_receipt_fen: int = 50_000


@dataclass(frozen=True, slots=True)
class UnboundItem:
    """A product brought back without its sale: qty in pieces (grams when weighed)."""

    product: ProductInfo
    qty: int
    disposition: str = "restock"


class ReturnService:
    """The till's returns (see the module docstring)."""

    def __init__(self, *, engine: Engine, store_info: StoreInfo,
                 staff: StaffService | None = None, shifts: ShiftService | None = None,
                 clock: Callable[[], datetime] = default_now,
                 new_uuid: Callable[[], str] = lambda: str(uuid.uuid4()),
                 lookup: SaleLookupFn | None = None,
                 payment_provider: PaymentProvider | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 limits: ReturnLimits | None = None, reinstate_coupons: bool = False,
                 coupon_keys: Callable[[], Sequence[Ed25519PublicKey]] | None = None) -> None:
        self._engine = engine
        self.store_info = store_info
        self._staff = staff
        self._shifts = shifts
        self._clock = clock
        self._new_uuid = new_uuid
        self._lookup = lookup
        self.provider = payment_provider
        self._sleep = sleep
        self.limits = limits or ReturnLimits()
        self._reinstate = reinstate_coupons
        self._coupon_keys = coupon_keys

    # ---- finding the sale ----------------------------------------------------------------

    def begin_find(self, text: str) -> Pending[FoundSale, FoundSale]:
        """The sale of a scanned or typed receipt number (or a receipt QR's text) with
        every return known of it; ``run`` may ask the cloud (off the UI thread)."""
        receipt_no = receipt_number_of(text)
        store_code, terminal_code, _ = receipt_no.split("-")
        if store_code != self.store_info.store_code:
            raise PosError("return.other_store", receipt_no=receipt_no)
        return Pending(lambda: self._find(receipt_no, terminal_code), lambda f: f, lambda: None)

    def find(self, text: str) -> FoundSale:
        """``begin_find`` synchronously (tests, scripts)."""
        return self.begin_find(text).run_now()

    def _find(self, receipt_no: str, terminal_code: str) -> FoundSale:
        if terminal_code == self.store_info.terminal_code:
            stored = sales_store.get_sale(engine=self._engine, receipt_no=receipt_no)
            if stored is None or stored.state != "completed":
                raise PosError("return.receipt_not_found", receipt_no=receipt_no)
            local = returns_of_sale(engine=self._engine, sale_uuid=stored.record.sale_uuid)
            cloud = []
            if self._lookup is not None:
                try:  # returns of this sale taken at other tills
                    cloud = list(self._lookup(receipt_no).returns)
                except PosError:
                    cloud = []  # offline, or not pushed yet: this till's returns are all
            return found_local(stored, local, cloud)
        if self._lookup is None:
            raise PosError("return.other_till_offline", receipt_no=receipt_no,
                           terminal=terminal_code)
        try:
            answer = self._lookup(receipt_no)
        except PosError as exc:
            if exc.key == "return.cloud_unreachable":
                raise PosError("return.other_till_offline", receipt_no=receipt_no,
                               terminal=terminal_code) from None
            raise
        local = returns_of_sale(engine=self._engine, sale_uuid=answer.sale_uuid)
        products: dict[str, tuple[int | None, str]] = {}
        for line in answer.lines:
            p = catalog.get_product_by_sku(engine=self._engine, sku=line.sku)
            products[line.sku] = (p.product_id, p.name_en) if p else (None, "")
        return found_in_cloud(answer, local, products)

    def search(self, *, since: datetime, until: datetime, total: Money | None = None,
               member_id: str | None = None, limit: int = 50) -> list[SaleSummary]:
        """This till's sales of a period (at most a month), of a total and/or a member,
        newest first; open one with ``begin_find(receipt_no)``."""
        return queries.find_sales(engine=self._engine, since=since, until=until,
                                  total_fen=total.fen if total is not None else None,
                                  member_id=member_id, limit=limit)

    # ---- planning --------------------------------------------------------------------------

    def _require_shift(self) -> None:
        if self._shifts is not None and self._shifts.current is None:
            raise PosError("shift.not_open")

    def plan(self, sale: FoundSale, quantities: Mapping[int, int], *,
             to_cash: bool = False) -> RefundPlan:
        """What returning ``quantities`` ({line_no: qty}, grams when weighed) gives back,
        per line and per tender (``return.*`` when it asks for what is not there)."""
        return plan_refund(sale.original, sale.history, quantities, to_cash=to_cash)

    def draft(self, sale: FoundSale, quantities: Mapping[int, int], *, reason: str,
              damaged: Collection[int] = (), to_cash: bool = False) -> ReturnDraft:
        """The return of ``quantities`` of ``sale``, ready to commit; lines in ``damaged``
        are written off instead of going back to stock."""
        self._require_shift()
        code = check_reason(reason)
        plan = self.plan(sale, quantities, to_cash=to_cash)
        lines = tuple(self._line(sale, r, "damaged" if r.line_no in damaged else "restock")
                      for r in plan.lines)
        return ReturnDraft(self._new_uuid(), "sale", plan, lines, code, sale=sale,
                           to_cash=to_cash, coupons_reinstated=self._coupons_back(sale, plan))

    @staticmethod
    def _line(sale: FoundSale, r: RefundLine, disposition: str) -> ReturnLineRecord:
        ln = sale.line(r.line_no)
        return ReturnLineRecord(r.line_no, ln.product_id, ln.sku, ln.name, r.qty, r.net_fen,
                                r.refund_fen, disposition, r.tax_fen, ln.tax_rate_bp,
                                ln.is_weighed, ln.name_en)

    def _coupons_back(self, sale: FoundSale, plan: RefundPlan) -> tuple[str, ...]:
        """Coupons given back: only when the rule says so, the whole sale comes back, and
        the coupon is neither revoked nor past its validity."""
        if not (self._reinstate and plan.completes_sale and sale.coupons):
            return ()
        now, keys = self._clock(), list(self._coupon_keys() if self._coupon_keys else ())
        back = []
        for coupon_id in sale.coupons:
            code = queries.wallet_code(engine=self._engine, coupon_id=coupon_id)
            if code is None or promotions.is_revoked(engine=self._engine, coupon_id=coupon_id):
                continue
            try:
                coupon = parse_coupon_code(code, public_keys=keys)
            except PosError:
                continue
            if coupon.valid_from <= now < coupon.valid_to:
                back.append(coupon_id)
        return tuple(back)

    def begin_draft_unbound(self, items: Sequence[UnboundItem], *, reason: str,
                            kind: str = "no_receipt",
                            receipt_no: str = "") -> Pending[ReturnDraft, ReturnDraft]:
        """A return without its sale (``no_receipt``, or ``other_till_offline`` with the
        receipt's number): each item at the lowest price it sold at here in the last
        ``LOWEST_PRICE_DAYS`` days (its current price if lower or if it did not sell),
        paid back in cash. ``run`` reads the period's sales (off the UI thread)."""
        if kind not in ("no_receipt", "other_till_offline"):
            raise ValueError(f"unknown unbound return {kind!r}")
        self._require_shift()
        code = check_reason(reason)
        if not items:
            raise PosError("return.empty")
        for item in items:
            check_qty(item.qty, weighed=item.product.is_weighed)
            check_disposition(item.disposition)
        since = self._clock() - timedelta(days=LOWEST_PRICE_DAYS)

        def run() -> ReturnDraft:
            lines = tuple(self._priced(n, item, since) for n, item in enumerate(items, 1))
            total = sum(ln.refund_fen for ln in lines)
            plan = RefundPlan(
                tuple(RefundLine(ln.line_no or 0, ln.qty, ln.net_fen, ln.tax_fen,
                                 ln.refund_fen) for ln in lines),
                (TenderRefund(0, "cash", "cash", total),), 0, total, 0, False)
            return ReturnDraft(self._new_uuid(), kind, plan,
                               tuple(_unnumbered(ln) for ln in lines), code,
                               original_receipt_no=receipt_no, to_cash=True)

        return Pending(run, lambda d: d, lambda: None)

    def _priced(self, n: int, item: UnboundItem, since: datetime) -> ReturnLineRecord:
        p, qty = item.product, item.qty
        per = 1000 if p.is_weighed else 1  # price per kg, qty in grams
        fen = p.price.fen * qty // per
        lowest = queries.lowest_unit_price(engine=self._engine, product_id=p.product_id,
                                           since=since)
        if lowest is not None:
            fen = min(fen, lowest[0] * qty // lowest[1])
        rate = p.tax_rate_bp
        if self.store_info.tax_mode == "inclusive":
            net, tax = fen, div_half_up(fen * rate, 10_000 + rate)
            refund = net
        else:
            net, tax = fen, div_half_up(fen * rate, 10_000)
            refund = net + tax
        return ReturnLineRecord(n, p.product_id, p.sku, p.name, qty, net, refund,
                                item.disposition, tax, rate, p.is_weighed, p.name_en)

    # ---- writing -------------------------------------------------------------------------

    def authorize(self, draft: ReturnDraft, approval: Approval | None = None,
                  cash_approval: Approval | None = None) -> tuple[Guard, Who]:
        """The checks of a return about to be written (permissions, the shift, the day's
        limits) and its audit entries; the guard holds them for the write."""
        self._require_shift()
        session = self._staff.session if self._staff is not None else None
        if self._staff is not None and session is None:
            raise PosError("staff.not_signed_in")
        guard = Guard(staff=self._staff, buffered=True)
        permission = (Permission.RETURN_WITHOUT_RECEIPT if draft.kind == "no_receipt"
                      else Permission.RETURN)
        used = guard.authorize(permission, approval)
        if draft.kind == "other_till_offline" and used is None and approval is None and (
                session is not None and not session.allows(Permission.RETURN)):
            raise PosError("permission.denied", action=Permission.RETURN.value)
        if draft.kind == "no_receipt":
            self._check_limits(draft)
        subject = draft.return_uuid
        guard.note(permission, subject=subject, approval=used, kind=draft.kind,
                   receipt_no=draft.sale.receipt_no if draft.sale else draft.original_receipt_no,
                   refund_fen=draft.plan.total_fen, reason=draft.reason)
        cash_used = None
        if draft.to_cash and draft.kind == "sale":
            cash_used = guard.authorize(Permission.REFUND_TO_CASH, cash_approval)
            guard.note(Permission.REFUND_TO_CASH, subject=subject, approval=cash_used,
                       refund_fen=draft.plan.total_fen)
        shift = self._shifts.current if self._shifts is not None else None
        approver = used or cash_used
        who = Who(store=self.store_info, at=self._clock(),
                  staff_id=session.staff_id if session else "",
                  staff_name=session.name if session else "",
                  approver_id=approver.approver_id if approver else None,
                  approver_name=approver.approver_name if approver else None,
                  shift_id=shift.shift_id if shift else None,
                  shift_uuid=shift.shift_uuid if shift else None)
        return guard, who

    def _check_limits(self, draft: ReturnDraft) -> None:
        now = self._clock()
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        n, fen = queries.returns_since(engine=self._engine, kind="no_receipt", since=start,
                                       terminal_code=self.store_info.terminal_code)
        lim = self.limits
        if n + 1 > lim.no_receipt_count or fen + draft.plan.total_fen > lim.no_receipt_fen:
            raise PosError("return.no_receipt_limit", count=n, max_count=lim.no_receipt_count,
                           amount_fen=fen, max_fen=lim.no_receipt_fen)

    def begin_commit(self, draft: ReturnDraft, approval: Approval | None = None,
                     cash_approval: Approval | None = None
                     ) -> Pending[ReturnDone, ReturnDone]:
        """Write ``draft`` (the writer thread): mobile payouts refunded through the provider
        first, then the return, its stock, points, audit entries and event in one
        transaction. ``approval``: a supervisor's for the return (``RETURN``, or
        ``RETURN_WITHOUT_RECEIPT``); ``cash_approval``: for a refund in cash instead of the
        original tenders (``REFUND_TO_CASH``)."""
        guard, who = self.authorize(draft, approval, cash_approval)
        audit = guard.take()

        def run() -> ReturnDone:
            tenders = pay_out(draft, draft.plan.tenders, self.provider,
                              lambda ms: self._sleep(ms / 1000))
            record = return_record(draft, who, tenders, audit=audit)
            committed = commit_return(engine=self._engine, record=record)
            return ReturnDone(return_receipt(record, committed, store=self.store_info),
                              committed, record)

        return Pending(run, lambda done: done, lambda: None)

    def commit(self, draft: ReturnDraft, approval: Approval | None = None,
               cash_approval: Approval | None = None) -> ReturnDone:
        """``begin_commit`` synchronously (tests, scripts)."""
        return self.begin_commit(draft, approval, cash_approval).run_now()

    def exchange(self, draft: ReturnDraft, approval: Approval | None = None,
                 cash_approval: Approval | None = None) -> Exchange:
        """Start an exchange of ``draft`` (checked like a return now): its credit pays the
        checkout's next sale (``services.exchange``)."""
        guard, who = self.authorize(draft, approval, cash_approval)
        return Exchange(draft, who, guard.take(), self.store_info, self.provider,
                        lambda ms: self._sleep(ms / 1000))


def _unnumbered(line: ReturnLineRecord) -> ReturnLineRecord:
    """A line of a return without its sale: no original line number."""
    return ReturnLineRecord(None, line.product_id, line.sku, line.name, line.qty,
                            line.net_fen, line.refund_fen, line.disposition, line.tax_fen,
                            line.tax_rate_bp, line.is_weighed, line.name_en)
