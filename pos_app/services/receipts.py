"""Rebuild the receipt of an earlier sale from what the store kept (for reprints)."""

from __future__ import annotations

from collections import defaultdict

from pos_app.core.money import Money
from pos_app.core.quantity import format_quantity
from pos_app.core.receipt import ReceiptDocument, ReceiptLine
from pos_app.core.store_info import StoreInfo
from pos_app.core.tenders import TENDER_KINDS, Tender
from pos_app.store.sales import StoredSale


def receipt_from_stored(stored: StoredSale, *, store: StoreInfo) -> ReceiptDocument:
    """The ``ReceiptDocument`` of a committed sale; ``store`` gives name, address, footer."""
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
    return ReceiptDocument(
        store_name=store.store_name,
        store_address=store.store_address,
        receipt_no=receipt_no,
        terminal_code=r.terminal_code,
        cashier=r.cashier,
        completed_at=r.closed_at,
        lines=tuple(
            ReceiptLine(
                name=line.name,
                qty_text=format_quantity(line.qty, weighed=line.is_weighed),
                unit_price=Money(line.unit_price_fen),
                gross=Money(line.gross_fen),
                discount=Money(line.discount_fen),
                net=Money(line.net_fen),
                tax_rate_bp=line.tax_rate_bp,
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
    )
