"""Adapters between core values and the store's plain records and payloads."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pos_app.core.cart import Cart, CartLine
from pos_app.core.coupons import Coupon, parse_coupon_code
from pos_app.core.errors import PosError
from pos_app.core.members import Member
from pos_app.core.pricing import PricedCart
from pos_app.core.receipt import ReceiptMember
from pos_app.core.sale import Sale
from pos_app.core.store_info import StoreInfo
from pos_app.core.tenders import payment_state
from pos_app.store.audit import AuditRecord
from pos_app.store.sales import SaleLineRecord, SaleMemberRecord, SaleRecord, TenderRecord

if TYPE_CHECKING:
    from pos_app.services.loyalty import LoyaltyService, SaleLoyalty

log = logging.getLogger(__name__)

PAYLOAD_VERSION = 1


def _override_fen(line: CartLine) -> int:
    """What a price override took off the line (negative when it raised the price)."""
    if not line.price_overridden:
        return 0
    return (replace(line, unit_price=line.product.price).gross - line.gross).fen


def sale_record(
    *, sale: Sale, priced: PricedCart, store: StoreInfo, cashier: str, closed_at: datetime,
    loyalty: SaleLoyalty | None = None, member: ReceiptMember | None = None,
    audit: tuple[AuditRecord, ...] = (), shift_id: int | None = None, cashier_id: str = "",
) -> SaleRecord:
    """The store record of a completed or voided sale (fen and grams as plain ints);
    ``member`` is the receipt's member block, kept for reprints."""
    totals = priced.totals
    state = payment_state(totals.total, sale.tenders)
    lines = tuple(
        SaleLineRecord(
            product_id=pl.line.product.product_id,
            sku=pl.line.product.sku,
            name=pl.line.product.name,
            name_en=pl.line.product.name_en,
            qty=pl.line.qty,
            unit_price_fen=pl.line.unit_price.fen,
            gross_fen=pl.gross.fen,
            net_fen=pl.net.fen,
            discount_fen=pl.discount.fen,
            tax_fen=pl.tax.fen,
            tax_rate_bp=pl.line.product.tax_rate_bp,
            is_weighed=pl.line.product.is_weighed,
            price_overridden=pl.line.price_overridden,
            scanned_code=pl.line.scanned_code,
            promo_discount_fen=pl.promo_discount.fen,
            promo_ids=pl.promo_ids,
            override_fen=_override_fen(pl.line),
        )
        for pl in priced.lines
    )
    tenders = tuple(
        TenderRecord(kind=t.kind, amount_fen=t.amount.fen, tendered_fen=t.tendered.fen,
                     reference=t.reference)
        for t in sale.tenders
    )
    return SaleRecord(
        sale_uuid=sale.sale_uuid,
        store_code=store.store_code,
        terminal_code=store.terminal_code,
        opened_at=sale.opened_at,
        closed_at=closed_at,
        lines=lines,
        tenders=tenders,
        cashier=cashier,
        cashier_id=cashier_id,
        shift_id=shift_id,
        sale_discount_fen=totals.sale_discount.fen,
        item_count=totals.item_count,
        subtotal_fen=totals.subtotal.fen,
        discount_fen=totals.discount.fen,
        tax_fen=totals.tax.fen,
        rounding_fen=totals.rounding.fen,
        total_fen=totals.total.fen,
        paid_fen=state.tendered.fen,
        change_fen=state.change.fen,
        member_id=sale.member.member_id if sale.member else None,
        promotions=loyalty.promotions if loyalty else (),
        coupons=loyalty.coupons if loyalty else (),
        points=loyalty.points if loyalty else (),
        promo_usage=loyalty.promo_usage if loyalty else (),
        member_receipt=None if member is None else SaleMemberRecord(
            masked_phone=member.masked_phone, masked_name=member.masked_name,
            tier_name=member.tier_name, points_balance=member.points_balance),
        audit=audit,
    )


def receipt_member(member: Member | None, loyalty: SaleLoyalty,
                   service: LoyaltyService, *, locale: str = "zh_CN") -> ReceiptMember | None:
    """The receipt's member block: masked, with this sale's points and the balance after it."""
    if member is None:
        return None
    tier = service.tier(member.tier)
    return ReceiptMember(
        masked_phone=member.phone_masked, masked_name=member.name_masked,
        tier_name=tier.name_en if locale.startswith("en") else tier.name_zh,
        points_earned=loyalty.earned, points_redeemed=loyalty.redeemed,
        points_balance=member.points_available + loyalty.earned - loyalty.redeemed,
    )


def suspend_payload(sale: Sale, *, coupon_codes: Sequence[str] = ()) -> dict[str, Any]:
    """JSON-safe snapshot of a sale to park it (the member by id, coupons as scanned)."""
    return {
        "member_id": sale.member.member_id if sale.member else None,
        "coupons": list(coupon_codes),
        "version": PAYLOAD_VERSION,
        "sale_uuid": sale.sale_uuid,
        "opened_at": sale.opened_at.isoformat(),
        "tax_mode": sale.tax_mode,
        "cash_rounding": sale.cash_rounding,
        "cart": sale.cart.to_dict(),
    }


def sale_from_payload(payload: dict[str, Any]) -> Sale:
    """The open sale back from ``suspend_payload`` output (``cart.payload_invalid`` if bad)."""
    try:
        cart = Cart.from_dict(payload["cart"])
        opened_at = datetime.fromisoformat(str(payload["opened_at"]))
        sale = Sale.new(
            sale_uuid=str(payload["sale_uuid"]), opened_at=opened_at,
            tax_mode=payload.get("tax_mode", "inclusive"),
            cash_rounding=payload.get("cash_rounding", "none"),
        )
    except PosError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise PosError("cart.payload_invalid", reason=str(exc)) from exc
    return sale.with_cart(cart)


def loyalty_from_payload(payload: dict[str, Any], service: LoyaltyService
                         ) -> tuple[Member | None, list[tuple[Coupon, str]]]:
    """The member and coupons of a parked sale, read again; any that no longer verify are
    left out (logged): the cashier sees the sale without them and can scan again."""
    member = None
    member_id = payload.get("member_id")
    if isinstance(member_id, str):
        member = service.member_by_id(member_id)
        if member is None:
            log.warning("suspended sale's member %s is gone", member_id)
    coupons: list[tuple[Coupon, str]] = []
    for code in payload.get("coupons") or ():
        try:
            coupons.append((parse_coupon_code(str(code), public_keys=service.keys), str(code)))
        except PosError as exc:
            log.warning("suspended sale's coupon left out: %s", exc)
    return member, coupons

