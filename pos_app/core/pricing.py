"""Price a cart: line gross, promotions, manual discounts (allocated exactly), tax, rounding.

Order: gross → promotions (``promotions.apply_promotions``: item rules, then basket rules and
coupons, each allocated to lines to the fen) → the cashier's line discount on what is left →
the cashier's sale discount allocated over lines → tax per line → cash rounding.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.core.cart import Cart, CartLine
from pos_app.core.modes import CASH_ROUNDINGS, TAX_MODES, CashRounding, TaxMode
from pos_app.core.money import Money, _div_half_up, allocate, div_half_up
from pos_app.core.promotions import PromoContext, PromoResult, PromotionBook, apply_promotions

__all__ = [
    "CashRounding",
    "PricedCart",
    "PricedLine",
    "PromoSetup",
    "TaxMode",
    "Totals",
    "cash_rounding_adjustment",
    "line_tax",
    "price_cart",
]

_BP = 10_000
_NO_FEN = Money(0)
_NO_PROMOTIONS = PromoResult.empty()


@dataclass(frozen=True, slots=True)
class PromoSetup:
    """The rules a sale is priced with: the active book and who/where/when it is priced for."""

    book: PromotionBook
    context: PromoContext


@dataclass(frozen=True, slots=True)
class PricedLine:
    """A cart line with its amounts; ``net`` = gross − promotions − line discount − sale
    discount share."""

    line: CartLine
    gross: Money
    line_discount: Money
    sale_discount: Money
    net: Money
    tax: Money
    promo_discount: Money = _NO_FEN
    promo_ids: tuple[str, ...] = ()

    @property
    def discount(self) -> Money:
        """Every discount on this line."""
        return self.promo_discount + self.line_discount + self.sale_discount


@dataclass(frozen=True, slots=True)
class Totals:
    """Sale totals; ``total`` is the amount due after tax (exclusive mode) and rounding."""

    item_count: int
    line_count: int
    subtotal: Money
    promo_discount: Money
    line_discount: Money
    sale_discount: Money
    discount: Money
    tax: Money
    net: Money
    rounding: Money
    total: Money
    tax_by_rate: tuple[tuple[int, Money], ...]


@dataclass(frozen=True, slots=True)
class PricedCart:
    """A cart with every amount worked out, plus the modes used."""

    cart: Cart
    lines: tuple[PricedLine, ...]
    totals: Totals
    tax_mode: TaxMode
    cash_rounding: CashRounding
    promotions: PromoResult = _NO_PROMOTIONS

    def line(self, line_id: int) -> PricedLine:
        """The priced line for ``line_id`` (KeyError if absent: a programming error)."""
        for pl in self.lines:
            if pl.line.line_id == line_id:
                return pl
        raise KeyError(line_id)


def _tax_fen(net_fen: int, rate_bp: int, tax_mode: TaxMode) -> int:
    if tax_mode == "inclusive":
        return _div_half_up(net_fen * rate_bp, _BP + rate_bp)
    return _div_half_up(net_fen * rate_bp, _BP)


def line_tax(net: Money, rate_bp: int, tax_mode: TaxMode) -> Money:
    """VAT in a net amount (inclusive) or on top of it (exclusive), half-up to the fen."""
    return Money(_tax_fen(net.fen, rate_bp, tax_mode))


def cash_rounding_adjustment(amount: Money, mode: CashRounding) -> Money:
    """Fen to add to ``amount`` for 抹零: drop the fen, or round to the nearest jiao."""
    if mode == "none":
        return Money.zero()
    if mode == "jiao_down":
        # Toward zero, so a refund is never rounded up either.
        sign = -1 if amount.fen < 0 else 1
        return Money(-sign * (abs(amount.fen) % 10))
    return Money(div_half_up(amount.fen, 10) * 10 - amount.fen)


def price_cart(
    cart: Cart, *, tax_mode: TaxMode = "inclusive", cash_rounding: CashRounding = "none",
    promotions: PromoSetup | None = None,
) -> PricedCart:
    """Work out every line and total of ``cart``; Σ line net equals totals.net exactly."""
    if tax_mode not in TAX_MODES:
        raise ValueError(f"unknown tax_mode {tax_mode!r}")
    if cash_rounding not in CASH_ROUNDINGS:
        raise ValueError(f"unknown cash_rounding {cash_rounding!r}")
    # Work in int fen and wrap in Money once: pricing runs on every scan.
    gross = [ln.gross.fen for ln in cart.lines]
    promo = _NO_PROMOTIONS
    if promotions is not None and cart.lines:
        promo = apply_promotions(cart.lines, promotions.book, promotions.context)
    promo_disc = [promo.line_discounts[ln.line_id].fen if ln.line_id in promo.line_discounts
                  else 0 for ln in cart.lines]
    base = [g - p for g, p in zip(gross, promo_disc, strict=True)]
    # Clamp: a later qty change or price override must never push a line below zero.
    line_disc = [
        min(ln.discount.amount_off(Money(b)).fen, b) if ln.discount else 0
        for ln, b in zip(cart.lines, base, strict=True)
    ]
    after = [b - d for b, d in zip(base, line_disc, strict=True)]
    left = sum(after)
    sale_total = 0
    if cart.sale_discount is not None and left > 0:
        sale_total = min(cart.sale_discount.amount_off(Money(left)).fen, left)
    shares = allocate(sale_total, after) if cart.lines else []

    lines: list[PricedLine] = []
    by_rate: dict[int, int] = {}
    net_total = tax_total = 0
    rows = zip(cart.lines, gross, promo_disc, line_disc, after, shares, strict=True)
    for ln, g, p, d, a, s in rows:
        rate = ln.product.tax_rate_bp
        net = a - s
        tax = _tax_fen(net, rate, tax_mode)
        net_total += net
        tax_total += tax
        by_rate[rate] = by_rate.get(rate, 0) + tax
        lines.append(PricedLine(ln, Money(g), Money(d), Money(s), Money(net), Money(tax),
                                Money(p), promo.line_promos.get(ln.line_id, ())))

    before_rounding = Money(net_total + tax_total if tax_mode == "exclusive" else net_total)
    rounding = cash_rounding_adjustment(before_rounding, cash_rounding)
    line_discount = sum(line_disc)
    promo_total = sum(promo_disc)
    totals = Totals(
        item_count=sum(1 if ln.product.is_weighed else ln.qty for ln in cart.lines),
        line_count=len(cart.lines),
        subtotal=Money(sum(gross)),
        promo_discount=Money(promo_total),
        line_discount=Money(line_discount),
        sale_discount=Money(sale_total),
        discount=Money(promo_total + line_discount + sale_total),
        tax=Money(tax_total),
        net=Money(net_total),
        rounding=rounding,
        total=before_rounding + rounding,
        tax_by_rate=tuple((rate, Money(fen)) for rate, fen in sorted(by_rate.items())),
    )
    return PricedCart(cart, tuple(lines), totals, tax_mode, cash_rounding, promo)
