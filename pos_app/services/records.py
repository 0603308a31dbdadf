"""Adapters between core values and the store's plain records and payloads."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pos_app.core.cart import Cart
from pos_app.core.errors import PosError
from pos_app.core.pricing import PricedCart
from pos_app.core.sale import Sale
from pos_app.core.store_info import StoreInfo
from pos_app.core.tenders import payment_state
from pos_app.store.sales import SaleLineRecord, SaleRecord, TenderRecord

PAYLOAD_VERSION = 1


def sale_record(
    *, sale: Sale, priced: PricedCart, store: StoreInfo, cashier: str, closed_at: datetime
) -> SaleRecord:
    """The store record of a completed or voided sale (fen and grams as plain ints)."""
    totals = priced.totals
    state = payment_state(totals.total, sale.tenders)
    lines = tuple(
        SaleLineRecord(
            product_id=pl.line.product.product_id,
            sku=pl.line.product.sku,
            name=pl.line.product.name,
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
        item_count=totals.item_count,
        subtotal_fen=totals.subtotal.fen,
        discount_fen=totals.discount.fen,
        tax_fen=totals.tax.fen,
        rounding_fen=totals.rounding.fen,
        total_fen=totals.total.fen,
        paid_fen=state.tendered.fen,
        change_fen=state.change.fen,
    )


def suspend_payload(sale: Sale) -> dict[str, Any]:
    """JSON-safe snapshot of a sale to park it."""
    return {
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

