from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.cart import Cart, Discount
from pos_app.core.modes import CASH_ROUNDINGS, TAX_MODES, CashRounding, TaxMode
from pos_app.core.money import Money
from pos_app.core.pricing import cash_rounding_adjustment, line_tax, price_cart

from .helpers import product
from .strategies import carts

SNACK = product(1, 333, rate=1300)
RICE = product(2, 500, rate=900)
APPLE = product(3, 1280, rate=0, weighed=True)


def mixed_cart() -> Cart:
    """999 fen at 13 %, 500 at 9 %, 448 at 0 % (12.80/kg × 350 g): 1947 fen."""
    return Cart().add(SNACK, 3).add(RICE).add(APPLE, 350)


def fen(items: Iterable[Money]) -> list[int]:
    return [m.fen for m in items]


@pytest.mark.parametrize(
    ("tax_mode", "tax", "total"),
    [("inclusive", 81, 700), ("exclusive", 91, 791)],
)
def test_single_line_tax_inclusive_and_exclusive(tax_mode: TaxMode, tax: int, total: int) -> None:
    priced = price_cart(Cart().add(product(1, 350), 2), tax_mode=tax_mode)
    t = priced.totals
    assert (t.subtotal, t.net, t.tax, t.total) == (Money(700), Money(700), Money(tax), Money(total))
    assert priced.lines[0].tax == Money(tax)


@pytest.mark.parametrize(
    ("net", "rate", "mode", "tax"),
    [
        (700, 1300, "inclusive", 81),  # 80.53
        (113, 1300, "inclusive", 13),
        (1000, 600, "inclusive", 57),  # 56.60
        (1000, 600, "exclusive", 60),
        (5, 1300, "exclusive", 1),  # 0.65
        (3, 1300, "exclusive", 0),  # 0.39
        (1000, 0, "inclusive", 0),
    ],
)
def test_line_tax_is_half_up_to_the_fen(net: int, rate: int, mode: TaxMode, tax: int) -> None:
    assert line_tax(Money(net), rate, mode) == Money(tax)


@pytest.mark.parametrize(
    ("discount", "shares", "nets", "taxes", "by_rate"),
    [
        (
            Discount("amount", 100),
            [51, 26, 23],
            [948, 474, 425],
            [109, 39, 0],
            ((0, 0), (900, 39), (1300, 109)),
        ),
        (
            Discount("percent", 1000),  # 10 % of 1947 = 194.7 → 195
            [100, 50, 45],
            [899, 450, 403],
            [103, 37, 0],
            ((0, 0), (900, 37), (1300, 103)),
        ),
    ],
)
def test_sale_discount_allocation_sums_exactly_across_mixed_tax_rates(
    discount: Discount,
    shares: list[int],
    nets: list[int],
    taxes: list[int],
    by_rate: tuple[tuple[int, int], ...],
) -> None:
    priced = price_cart(mixed_cart().discount_sale(discount))
    assert fen(pl.gross for pl in priced.lines) == [999, 500, 448]
    assert fen(pl.sale_discount for pl in priced.lines) == shares
    assert fen(pl.net for pl in priced.lines) == nets
    assert fen(pl.tax for pl in priced.lines) == taxes
    t = priced.totals
    assert t.sale_discount == Money(sum(shares)) == t.discount
    assert t.net == Money(sum(nets)) == t.total
    assert t.tax_by_rate == tuple((rate, Money(v)) for rate, v in by_rate)
    assert (t.item_count, t.line_count, t.subtotal) == (5, 3, Money(1947))


def test_line_discount_then_sale_discount_on_what_is_left() -> None:
    cart = mixed_cart().discount_line(1, Discount("percent", 1000))  # 99.9 → 100 off 999
    cart = cart.discount_sale(Discount("amount", 200))
    priced = price_cart(cart)
    assert fen(pl.line_discount for pl in priced.lines) == [100, 0, 0]
    # allocate(200, [899, 500, 448]) = 97.35, 54.14, 48.51 → [97, 54, 49]
    assert fen(pl.sale_discount for pl in priced.lines) == [97, 54, 49]
    assert fen(pl.discount for pl in priced.lines) == [197, 54, 49]
    t = priced.totals
    assert (t.line_discount, t.sale_discount, t.discount) == (Money(100), Money(200), Money(300))
    assert t.net == Money(1647) == t.subtotal - t.discount


@pytest.mark.parametrize(
    ("mode", "rounding", "total"),
    [("none", 0, 1847), ("jiao_down", -7, 1840), ("jiao_half_up", 3, 1850)],
)
def test_cash_rounding_moling_adjusts_the_amount_due(
    mode: CashRounding, rounding: int, total: int
) -> None:
    t = price_cart(mixed_cart().discount_sale(Discount("amount", 100)), cash_rounding=mode).totals
    assert (t.net, t.rounding, t.total) == (Money(1847), Money(rounding), Money(total))


@pytest.mark.parametrize(
    ("amount", "mode", "adj"),
    [
        (1844, "jiao_half_up", -4),
        (1845, "jiao_half_up", 5),
        (1840, "jiao_half_up", 0),
        (1849, "jiao_down", -9),
        (1840, "jiao_down", 0),
        (-1849, "jiao_down", 9),
        (1849, "none", 0),
    ],
)
def test_cash_rounding_adjustment_table(amount: int, mode: CashRounding, adj: int) -> None:
    assert cash_rounding_adjustment(Money(amount), mode) == Money(adj)


def test_exclusive_tax_is_added_before_cash_rounding() -> None:
    t = price_cart(
        Cart().add(product(1, 350), 2), tax_mode="exclusive", cash_rounding="jiao_down"
    ).totals
    assert (t.net, t.tax, t.rounding, t.total) == (Money(700), Money(91), Money(-1), Money(790))


def test_fixed_amount_label_line_is_priced_exactly_at_the_label() -> None:
    priced = price_cart(Cart().add(APPLE, fixed_amount=Money(1250)))
    assert (priced.lines[0].gross, priced.totals.total, priced.totals.item_count) == (
        Money(1250),
        Money(1250),
        1,
    )


def test_sale_discount_is_capped_when_a_line_is_voided_after_it() -> None:
    cart = Cart().add(product(1, 700)).add(product(2, 500))
    cart = cart.discount_sale(Discount("amount", 1000)).void_line(1)
    priced = price_cart(cart)
    assert (priced.totals.sale_discount, priced.totals.net, priced.totals.total) == (
        Money(500),
        Money(0),
        Money(0),
    )


def test_empty_cart_prices_to_zero() -> None:
    t = price_cart(Cart().discount_sale(Discount("percent", 5000))).totals
    assert (t.subtotal, t.net, t.tax, t.total, t.item_count, t.tax_by_rate) == (
        Money(0),
        Money(0),
        Money(0),
        Money(0),
        0,
        (),
    )


def test_priced_cart_line_lookup() -> None:
    priced = price_cart(mixed_cart())
    assert priced.line(2).gross == Money(500)
    with pytest.raises(KeyError):
        priced.line(99)


@given(carts(), st.sampled_from(TAX_MODES), st.sampled_from(CASH_ROUNDINGS))
def test_pricing_invariants_hold_for_any_basket(
    cart: Cart, tax_mode: TaxMode, cash_rounding: CashRounding
) -> None:
    priced = price_cart(cart, tax_mode=tax_mode, cash_rounding=cash_rounding)
    t = priced.totals
    lines = priced.lines
    # Σ line net == totals.net, and every amount adds up exactly.
    assert Money.sum(pl.net for pl in lines) == t.net
    assert Money.sum(pl.sale_discount for pl in lines) == t.sale_discount
    assert Money.sum(pl.line_discount for pl in lines) == t.line_discount
    assert t.subtotal - t.discount == t.net
    assert Money.sum(m for _, m in t.tax_by_rate) == t.tax == Money.sum(pl.tax for pl in lines)
    # No line ends below zero; no discount exceeds what it applies to.
    for pl in lines:
        assert pl.net.fen >= 0
        assert pl.gross - pl.line_discount - pl.sale_discount == pl.net
        assert pl.tax.fen >= 0
    before = t.net + t.tax if tax_mode == "exclusive" else t.net
    assert t.total == before + t.rounding
    assert t.total.fen >= 0
    if cash_rounding == "jiao_down":
        assert -9 <= t.rounding.fen <= 0 and t.total.fen % 10 == 0
    elif cash_rounding == "jiao_half_up":
        assert -4 <= t.rounding.fen <= 5 and t.total.fen % 10 == 0
    else:
        assert t.rounding == Money(0)
