"""From a return draft to what is written and printed: the payouts (the provider's refund
for mobile payments, the card slip's reference for the external terminal), the store
record, and the return receipt.

Mobile refunds run before the return is written, each with a refund number made from the
return's uuid and the payout's place: retrying the same draft after a failure (the provider
refused one payout, the write failed) never refunds a payout twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.payment import PaymentProvider, refund
from pos_app.core.quantity import format_quantity
from pos_app.core.refunds import RefundPlan, TenderRefund
from pos_app.core.returns import ReasonCode, ReturnReceipt, ReturnReceiptLine, ReturnRefund
from pos_app.core.store_info import StoreInfo
from pos_app.core.tenders import TENDER_KINDS, TenderKind
from pos_app.services.return_sale import FoundSale
from pos_app.store.audit import AuditRecord
from pos_app.store.returns import (
    CommittedReturn,
    ReturnLineRecord,
    ReturnRecord,
    ReturnTenderRecord,
)


@dataclass(frozen=True, slots=True)
class ReturnDraft:
    """A return worked out and shown, not written yet: ``commit`` it as it is (its uuid
    makes the write safe to retry). ``kind``: ``sale``, ``no_receipt``,
    ``other_till_offline``; ``sale`` is the original (None without one)."""

    return_uuid: str
    kind: str
    plan: RefundPlan
    lines: tuple[ReturnLineRecord, ...]
    reason: ReasonCode
    sale: FoundSale | None = None
    original_receipt_no: str = ""
    to_cash: bool = False
    coupons_reinstated: tuple[str, ...] = ()

    @property
    def total(self) -> Money:
        """What the customer gets back (points at their value included)."""
        return Money(self.plan.total_fen)

    @property
    def points_back(self) -> int:
        return sum(t.points for t in self.plan.tenders)


@dataclass(frozen=True, slots=True)
class ReturnDone:
    """A written return and its receipt."""

    receipt: ReturnReceipt
    committed: CommittedReturn
    record: ReturnRecord


def _reference(draft: ReturnDraft, t: TenderRefund) -> str:
    refs = draft.sale.tender_refs if draft.sale is not None else ()
    return refs[t.index] if draft.kind == "sale" and t.index < len(refs) else ""


def pay_out(draft: ReturnDraft, tenders: Sequence[TenderRefund],
            provider: PaymentProvider | None,
            sleep_ms: Callable[[int], None]) -> tuple[ReturnTenderRecord, ...]:
    """The payouts as written: mobile ones refunded through ``provider`` now (raises
    ``payment.refund_declined`` / ``payment.refund_failed``: nothing is written then)."""
    out = []
    for n, t in enumerate(tenders):
        reference = _reference(draft, t)
        if t.payout == "mobile" and t.amount_fen > 0:
            if provider is None:
                raise PosError("payment.refund_failed", amount_fen=t.amount_fen)
            result = refund(provider, reference=reference, amount=Money(t.amount_fen),
                            refund_no=f"{draft.return_uuid.replace('-', '')[:26]}{n:02d}",
                            sleep_ms=sleep_ms)
            if result.status != "approved":
                raise PosError(result.message_key or "payment.refund_declined",
                               amount_fen=t.amount_fen)
            reference = result.provider_ref or result.trade_no
        index = t.index if draft.kind == "sale" else None
        out.append(ReturnTenderRecord(index, t.kind, t.payout, t.amount_fen, t.points,
                                      reference))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Who:
    """Where and by whom a return is written."""

    store: StoreInfo
    at: datetime
    staff_id: str = ""
    staff_name: str = ""
    approver_id: str | None = None
    approver_name: str | None = None
    shift_id: int | None = None
    shift_uuid: str | None = None


def return_record(draft: ReturnDraft, who: Who, tenders: Sequence[ReturnTenderRecord], *,
                  audit: Sequence[AuditRecord] = ()) -> ReturnRecord:
    """The store record of ``draft`` paid out as ``tenders``."""
    sale = draft.sale
    flags = ("other_till_offline",) if draft.kind == "other_till_offline" else ()
    return ReturnRecord(
        return_uuid=draft.return_uuid, store_code=who.store.store_code,
        terminal_code=who.store.terminal_code, kind=draft.kind, at=who.at,
        business_date=who.at.date().isoformat(), reason=draft.reason, lines=draft.lines,
        tenders=tuple(tenders), original_sale_uuid=sale.sale_uuid if sale else None,
        original_receipt_no=sale.receipt_no if sale else draft.original_receipt_no,
        original_terminal_code=sale.terminal_code if sale else "",
        counted=sale.counted if sale else frozenset(), shift_id=who.shift_id,
        shift_uuid=who.shift_uuid, staff_id=who.staff_id, staff_name=who.staff_name,
        approver_id=who.approver_id, approver_name=who.approver_name,
        refund_fen=draft.plan.total_fen, rounding_fen=draft.plan.rounding_fen,
        tax_fen=sum(ln.tax_fen for ln in draft.lines),
        member_id=sale.member_id if sale else None, points_back=draft.points_back,
        points_clawback=draft.plan.points_clawback if sale and sale.member_id else 0,
        to_cash=draft.to_cash, flags=flags, coupons_reinstated=draft.coupons_reinstated,
        audit=tuple(audit))


def return_receipt(record: ReturnRecord, committed: CommittedReturn, *, store: StoreInfo,
                   exchange_receipt_no: str = "") -> ReturnReceipt:
    """The printed return receipt of a written return."""
    return ReturnReceipt(
        store_name=store.store_name, store_address=store.store_address,
        store_code=store.store_code, terminal_code=store.terminal_code,
        return_no=committed.return_no, original_receipt_no=record.original_receipt_no,
        cashier=record.staff_name, completed_at=record.at, reason=record.reason,
        lines=tuple(ReturnReceiptLine(
            ln.name, format_quantity(ln.qty, weighed=ln.is_weighed), Money(ln.refund_fen),
            ln.name_en, ln.disposition == "damaged") for ln in record.lines),
        refunds=tuple(ReturnRefund(_kind(t.payout), Money(t.amount_fen), t.points,
                                   t.reference) for t in record.tenders),
        total=Money(record.refund_fen), rounding=Money(record.rounding_fen),
        approver=record.approver_name or "", points_back=record.points_back,
        points_clawed_back=committed.points_clawback,
        exchange_receipt_no=exchange_receipt_no, footer=store.footer)


def _kind(payout: str) -> TenderKind:
    for kind in TENDER_KINDS:
        if kind == payout:
            return kind
    raise ValueError(f"unknown payout {payout!r}")
