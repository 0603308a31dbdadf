"""The receipt as pure data; layout and printing live in the drivers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pos_app.core.modes import TaxMode
from pos_app.core.money import Money
from pos_app.core.pricing import PricedCart, PricedLine
from pos_app.core.product import localized_name
from pos_app.core.quantity import format_quantity
from pos_app.core.store_info import StoreInfo
from pos_app.core.tenders import Tender, payment_state

_NO_FEN = Money(0)


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """One printed line; ``unit_price`` is per kg for weighed goods. The product's names in
    both languages: the receipt's language picks one (or both) when it is laid out."""

    name: str
    qty_text: str
    unit_price: Money
    gross: Money
    discount: Money
    net: Money
    tax_rate_bp: int
    promo_names: tuple[str, ...] = ()
    name_en: str = ""

    def display_name(self, locale: str) -> str:
        """The product's name in ``locale`` (English when asked for and known, else Chinese)."""
        return localized_name(self.name, self.name_en, locale)


@dataclass(frozen=True, slots=True)
class ReceiptPromotion:
    """A promotion or coupon applied to the sale and what it took off."""

    name: str
    discount: Money


@dataclass(frozen=True, slots=True)
class ReceiptMember:
    """The member block: masked identity, tier, and the points of this sale."""

    masked_phone: str
    masked_name: str
    tier_name: str
    points_earned: int
    points_redeemed: int
    points_balance: int


@dataclass(frozen=True, slots=True)
class ReceiptDocument:
    """Everything a receipt shows; ``paid`` is what was handed over, ``change`` given back."""

    store_name: str
    store_address: str
    receipt_no: str
    terminal_code: str
    cashier: str
    completed_at: datetime
    lines: tuple[ReceiptLine, ...]
    subtotal: Money
    discount: Money
    tax: Money
    tax_by_rate: tuple[tuple[int, Money], ...]
    rounding: Money
    total: Money
    tenders: tuple[Tender, ...]
    paid: Money
    change: Money
    footer: str
    barcode_value: str
    store_code: str = ""
    tax_mode: TaxMode = "inclusive"
    promotions: tuple[ReceiptPromotion, ...] = ()
    member: ReceiptMember | None = None
    # The cashier's line discounts plus the sale discount: with ``promotions`` it names every
    # fen of ``discount``.
    manual_discount: Money = _NO_FEN


def _receipt_line(pl: PricedLine, names: dict[str, str]) -> ReceiptLine:
    product = pl.line.product
    return ReceiptLine(
        name=product.name,
        name_en=product.name_en,
        qty_text=format_quantity(pl.line.qty, weighed=product.is_weighed),
        unit_price=pl.line.unit_price,
        gross=pl.gross,
        discount=pl.discount,
        net=pl.net,
        tax_rate_bp=product.tax_rate_bp,
        promo_names=tuple(names[p] for p in pl.promo_ids if p in names),
    )


def build_receipt(
    *,
    priced: PricedCart,
    tenders: tuple[Tender, ...],
    receipt_no: str,
    completed_at: datetime,
    store: StoreInfo,
    cashier: str,
    member: ReceiptMember | None = None,
) -> ReceiptDocument:
    """Assemble the receipt of a completed (or reprinted) sale (names in both languages)."""
    totals = priced.totals
    state = payment_state(totals.total, tenders)
    applied = priced.promotions.applied
    names = {a.promo_id: a.name for a in applied}
    return ReceiptDocument(
        store_name=store.store_name,
        store_address=store.store_address,
        receipt_no=receipt_no,
        terminal_code=store.terminal_code,
        cashier=cashier,
        completed_at=completed_at,
        lines=tuple(_receipt_line(pl, names) for pl in priced.lines),
        subtotal=totals.subtotal,
        discount=totals.discount,
        tax=totals.tax,
        tax_by_rate=totals.tax_by_rate,
        rounding=totals.rounding,
        total=totals.total,
        tenders=tenders,
        paid=state.tendered,
        change=state.change,
        footer=store.footer,
        barcode_value=receipt_no,
        store_code=store.store_code,
        tax_mode=priced.tax_mode,
        promotions=tuple(ReceiptPromotion(a.name, a.discount) for a in applied
                         if a.discount.fen > 0),
        member=member,
        manual_discount=totals.line_discount + totals.sale_discount,
    )
