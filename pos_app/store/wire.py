"""Domain records → event payloads (the wire formats declared in ``contract.protocol``).

The only place that maps an internal field to a wire field: renaming a field of a record
changes this module, never the format a cloud receives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from contract.protocol import (
    CouponRedeemedPayload,
    CouponUsePayload,
    MemberSignedUpPayload,
    PointsEntryPayload,
    SaleLinePayload,
    SaleMemberPayload,
    SalePayload,
    SalePointsPayload,
    SalePromotionPayload,
    TenderPayload,
    payload_json,
)

if TYPE_CHECKING:
    from contract.members import MemberRecord
    from pos_app.store.members import PointsRecord
    from pos_app.store.promotions import CouponUseRecord
    from pos_app.store.sales import SaleLineRecord, SaleRecord


def _line(line: SaleLineRecord) -> SaleLinePayload:
    return SaleLinePayload(
        product_id=line.product_id, sku=line.sku, name=line.name, qty=line.qty,
        unit_price_fen=line.unit_price_fen, gross_fen=line.gross_fen, net_fen=line.net_fen,
        discount_fen=line.discount_fen, tax_fen=line.tax_fen, tax_rate_bp=line.tax_rate_bp,
        is_weighed=line.is_weighed, price_overridden=line.price_overridden,
        scanned_code=line.scanned_code, promo_discount_fen=line.promo_discount_fen,
        promo_ids=list(line.promo_ids))


def _sale_points(entries: Sequence[PointsRecord]) -> list[SalePointsPayload]:
    return [SalePointsPayload(entry_uuid=e.entry_uuid, member_id=e.member_id, kind=e.kind,
                              points=e.points, business_date=e.business_date,
                              reason=e.reason) for e in entries]


def sale_payload(record: SaleRecord, *, receipt_no: str | None, seq: int | None
                 ) -> dict[str, Any]:
    """``sale.completed`` / ``sale.voided``: the whole sale."""
    r = record
    member = r.member_receipt
    return payload_json(SalePayload(
        sale_uuid=r.sale_uuid, store_code=r.store_code, terminal_code=r.terminal_code,
        opened_at=r.opened_at.isoformat(), closed_at=r.closed_at.isoformat(),
        lines=[_line(line) for line in r.lines],
        tenders=[TenderPayload(kind=t.kind, amount_fen=t.amount_fen,
                               tendered_fen=t.tendered_fen, reference=t.reference)
                 for t in r.tenders],
        cashier=r.cashier, item_count=r.item_count, subtotal_fen=r.subtotal_fen,
        discount_fen=r.discount_fen, tax_fen=r.tax_fen, rounding_fen=r.rounding_fen,
        total_fen=r.total_fen, paid_fen=r.paid_fen, change_fen=r.change_fen,
        member_id=r.member_id,
        promotions=[SalePromotionPayload(promo_id=p.promo_id, name=p.name, kind=p.kind,
                                         discount_fen=p.discount_fen,
                                         explanation=dict(p.explanation))
                    for p in r.promotions],
        coupons=[CouponUsePayload(coupon_id=c.coupon_id, discount_fen=c.discount_fen,
                                  member_id=c.member_id) for c in r.coupons],
        points=_sale_points(r.points),
        promo_usage=[(m, p, units) for m, p, units in r.promo_usage],
        member_receipt=None if member is None else SaleMemberPayload(
            masked_phone=member.masked_phone, masked_name=member.masked_name,
            tier_name=member.tier_name, points_balance=member.points_balance),
        receipt_no=receipt_no, receipt_seq=seq))


def points_payload(entry: PointsRecord, *, sale_uuid: str | None) -> dict[str, Any]:
    """``points.transaction``."""
    return payload_json(PointsEntryPayload(
        entry_uuid=entry.entry_uuid, member_id=entry.member_id, kind=entry.kind,
        points=entry.points, sale_uuid=sale_uuid, business_date=entry.business_date,
        reason=entry.reason))


def coupon_payload(use: CouponUseRecord, *, sale_uuid: str, store_code: str,
                   terminal_code: str, at: str) -> dict[str, Any]:
    """``coupon.redeemed``."""
    return payload_json(CouponRedeemedPayload(
        coupon_id=use.coupon_id, sale_uuid=sale_uuid, member_id=use.member_id,
        discount_fen=use.discount_fen, store_code=store_code, terminal_code=terminal_code,
        redeemed_at=at))


def signup_payload(member: MemberRecord, *, store_code: str) -> dict[str, Any]:
    """``member.signed_up``."""
    return payload_json(MemberSignedUpPayload(
        member_id=member.member_id, phone=member.phone, name=member.name, tier=member.tier,
        card_no=member.card_no, birthday=member.birthday, consent_at=member.consent_at,
        store_code=store_code))
