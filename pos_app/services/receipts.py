"""Rebuild the receipt of an earlier sale from what the store kept (for reprints)."""

from __future__ import annotations

from collections import defaultdict
from datetime import tzinfo

from pos_app.core.money import Money
from pos_app.core.quantity import format_quantity
from pos_app.core.receipt import ReceiptDocument, ReceiptLine, ReceiptMember, ReceiptPromotion
from pos_app.core.store_info import StoreInfo
from pos_app.core.tenders import TENDER_KINDS, Tender
from pos_app.store.sales import SaleRecord, StoredSale


def _member(r: SaleRecord) -> ReceiptMember | None:
    # Sales from before the member block was kept have no snapshot; without the masked
    # identity and the balance at the time, no member block is printed rather than a guess.
    m = r.member_receipt
    if m is None:
        return None
    return ReceiptMember(masked_phone=m.masked_phone, masked_name=m.masked_name,
                         tier_name=m.tier_name, points_earned=r.points_earned,
                         points_redeemed=r.points_redeemed, points_balance=m.points_balance)


def receipt_from_stored(stored: StoredSale, *, store: StoreInfo, zone: tzinfo) -> ReceiptDocument:
    """The ``ReceiptDocument`` of a committed sale; ``store`` gives name, address, footer,
    ``zone`` the store's time zone (the sale's time is printed in it, whatever offset it
    was stored with)."""
    r = stored.record
    tax_by_rate: dict[int, int] = defaultdict(int)
    for line in r.lines:
        tax_by_rate[line.tax_rate_bp] += line.tax_fen
    tenders = tuple(
        Tender(kind=t.kind if t.kind in TENDER_KINDS else "card",
               amount=Money(t.amount_fen), tendered=Money(t.tendered_fen),
               reference=t.reference)
        for t in r.tenders
    )
    receipt_no = stored.receipt_no or ""
    names = {p.promo_id: p.name for p in r.promotions}
    return ReceiptDocument(
        store_name=store.store_name,
        store_address=store.store_address,
        receipt_no=receipt_no,
        terminal_code=r.terminal_code,
        cashier=r.cashier,
        completed_at=r.closed_at.astimezone(zone),
        lines=tuple(
            ReceiptLine(
                name=line.name,
                name_en=line.name_en,
                qty_text=format_quantity(line.qty, weighed=line.is_weighed),
                unit_price=Money(line.unit_price_fen),
                gross=Money(line.gross_fen),
                discount=Money(line.discount_fen),
                net=Money(line.net_fen),
                tax_rate_bp=line.tax_rate_bp,
                promo_names=tuple(names[p] for p in line.promo_ids if p in names),
            )
            for line in r.lines
        ),
        subtotal=Money(r.subtotal_fen),
        discount=Money(r.discount_fen),
        tax=Money(r.tax_fen),
        tax_by_rate=tuple((rate, Money(fen)) for rate, fen in sorted(tax_by_rate.items())),
        rounding=Money(r.rounding_fen),
        total=Money(r.total_fen),
        tenders=tenders,
        paid=Money(r.paid_fen),
        change=Money(r.change_fen),
        footer=store.footer,
        barcode_value=receipt_no,
        store_code=r.store_code,
        tax_mode=store.tax_mode,
        # As ``build_receipt``: every rule applied names its lines, those that took money off
        # are listed with the amount.
        promotions=tuple(ReceiptPromotion(p.name, Money(p.discount_fen)) for p in r.promotions
                         if p.discount_fen > 0),
        member=_member(r),
        # Not kept apart: what the promotions did not take off was the cashier's discount.
        manual_discount=Money(r.discount_fen - sum(p.discount_fen for p in r.promotions)),
    )
