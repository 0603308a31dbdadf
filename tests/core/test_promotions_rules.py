"""Each promotion kind on its own: exact fen off per line and what the explanation says."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from pos_app.core.cart import Cart
from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.core.promotions import (
    PromoContext,
    PromoResult,
    Promotion,
    PromotionBook,
    Target,
    apply_promotions,
)

AT = datetime(2024, 11, 11, 12, 0)  # a Monday


def item(pid: int, price: int, *, cat: str = "饮料", brand: str = "", weighed: bool = False,
         rate: int = 1300) -> ProductInfo:
    return ProductInfo(product_id=pid, sku=f"SKU{pid}", name=f"商品{pid}", name_en=f"Item {pid}",
                       unit="kg" if weighed else "瓶", price=Money(price), tax_rate_bp=rate,
                       is_weighed=weighed, category=cat, brand=brand)


def skus(*pids: int) -> Target:
    return Target(skus=frozenset(f"SKU{p}" for p in pids))


def price(cart: Cart, *promos: Promotion, tier: str | None = None,
          bought: dict[str, int] | None = None) -> PromoResult:
    ctx = PromoContext(at=AT, store_code="S001", tier=tier, flash_bought=bought or {})
    return apply_promotions(cart.lines, PromotionBook(promos), ctx)


def offs(result: PromoResult) -> dict[int, int]:
    return {line_id: m.fen for line_id, m in result.line_discounts.items()}


COLA = item(1, 350)
JUICE = item(2, 500)
SNACK = item(3, 333, cat="零食")
APPLES = item(4, 1280, cat="生鲜", weighed=True)  # per kg


# -- unit rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cart", "bp", "expected"),
    [
        (Cart().add(SNACK, 3), 1000, {1: 99}),  # 33.3 per unit rounds to 33, three times
        (Cart().add(COLA, 2), 1500, {1: 106}),  # 52.5 → 53 per unit
        (Cart().add(APPLES, 350), 1000, {1: 45}),  # 448 fen of apples, one weighed unit
        (Cart().add(COLA), 10_000, {1: 350}),  # free, not below zero
    ],
)
def test_percent_off_is_rounded_half_up_per_unit(
    cart: Cart, bp: int, expected: dict[int, int]
) -> None:
    result = price(cart, Promotion("P", "九折", "percent_off", percent_bp=bp))
    assert offs(result) == expected
    data = result.applied[0].explanation.data
    assert result.applied[0].explanation.key == "promo.percent_off"
    assert data["percent_bp"] == bp and data["discount_fen"] == sum(expected.values())


def test_percent_off_explains_percent_and_zhe() -> None:
    result = price(Cart().add(COLA), Promotion("P", "八五折", "percent_off", percent_bp=1500))
    data = result.applied[0].explanation.data
    assert (data["percent"], data["zhe"], data["units"], data["name"]) == ("15", "8.5", 1, "八五折")


@pytest.mark.parametrize(
    ("cart", "amount", "expected"),
    [
        (Cart().add(COLA, 2), 100, {1: 200}),  # per unit
        (Cart().add(APPLES, 350), 100, {1: 100}),  # once for the weighed line
        (Cart().add(COLA), 500, {1: 350}),  # never more than the unit
    ],
)
def test_amount_off_per_unit_and_once_per_weighed_line(
    cart: Cart, amount: int, expected: dict[int, int]
) -> None:
    result = price(cart, Promotion("A", "立减", "amount_off", amount=Money(amount)))
    assert offs(result) == expected


MEMBER = Promotion("M", "会员价", "member_price", tier_prices=(
    ("gold", Money(280)), ("silver", Money(300))))


@pytest.mark.parametrize(
    ("tier", "expected"),
    [("gold", {1: 140}), ("silver", {1: 100}), ("bronze", {}), (None, {})],
)
def test_member_price_needs_a_member_whose_tier_has_a_price(
    tier: str | None, expected: dict[int, int]
) -> None:
    assert offs(price(Cart().add(COLA, 2), MEMBER, tier=tier)) == expected


def test_member_price_explains_tier_and_price() -> None:
    data = price(Cart().add(COLA, 2), MEMBER, tier="gold").applied[0].explanation.data
    assert (data["tier"], data["price_fen"], data["units"], data["discount_fen"]) == (
        "gold", 280, 2, 140)


def test_member_price_on_weighed_item_is_per_kg() -> None:
    promo = Promotion("M", "会员价", "member_price", tier_prices=(("gold", Money(1000)),))
    # 350 g: 448 fen at 12.80/kg, 350 fen at 10.00/kg.
    assert offs(price(Cart().add(APPLES, 350), promo, tier="gold")) == {1: 98}


def test_member_price_on_scale_label_scales_the_printed_amount() -> None:
    promo = Promotion("M", "会员价", "member_price", tier_prices=(("gold", Money(960)),))
    cart = Cart().add(APPLES, fixed_amount=Money(601))  # 601 × 960 / 1280 = 450.75 → 451
    assert offs(price(cart, promo, tier="gold")) == {1: 150}


def test_price_rule_never_raises_a_price() -> None:
    promo = Promotion("M", "会员价", "member_price", tier_prices=(("gold", Money(400)),))
    result = price(Cart().add(COLA), promo, tier="gold")
    assert result == PromoResult.empty()


@pytest.mark.parametrize(
    ("tier", "bought", "limit", "expected_units", "left"),
    [
        ("gold", {"F": 1}, 2, 1, 0),  # one left for this member
        ("gold", {}, 2, 2, 0),
        (None, {"F": 2}, 2, 2, 0),  # no member: the limit is per sale
        ("gold", {}, 0, 3, 0),  # no limit
        ("gold", {"F": 1}, 5, 3, 1),
    ],
)
def test_flash_price_respects_member_limit(
    tier: str | None, bought: dict[str, int], limit: int, expected_units: int, left: int
) -> None:
    promo = Promotion("F", "秒杀", "flash_price", price=Money(199), limit_per_member=limit)
    result = price(Cart().add(COLA, 3), promo, tier=tier, bought=bought)
    assert offs(result) == {1: 151 * expected_units}
    data = result.applied[0].explanation.data
    assert (data["limit"], data["units"], data["left"], data["price_fen"]) == (
        limit, expected_units, left, 199)


def test_flash_price_is_off_when_member_used_the_limit() -> None:
    promo = Promotion("F", "秒杀", "flash_price", price=Money(199), limit_per_member=2)
    assert price(Cart().add(COLA, 3), promo, tier="gold", bought={"F": 2}) == PromoResult.empty()


# -- count rules ------------------------------------------------------------------------


def test_second_item_half_price_applies_to_cheaper_item() -> None:
    promo = Promotion("N", "第二件半价", "nth_item", qty=2, percent_bp=5000)
    result = price(Cart().add(JUICE).add(COLA), promo)
    assert offs(result) == {2: 175}
    # Both lines took part: the juice was the full-price one.
    assert result.applied[0].line_ids == (1, 2)
    assert result.line_promos == {1: ("N",), 2: ("N",)}
    data = result.applied[0].explanation.data
    assert (data["n"], data["units"], data["percent"]) == (2, 1, "50")


@pytest.mark.parametrize(
    ("cart", "n", "expected"),
    [
        (Cart().add(COLA, 3), 2, {1: 175}),  # the third cola has no partner
        (Cart().add(COLA, 4), 2, {1: 350}),
        (Cart().add(JUICE, 2).add(COLA, 2), 2, {1: 250, 2: 175}),  # 500 500 | 350 350
        (Cart().add(JUICE, 2).add(COLA, 1), 3, {2: 175}),  # every third, dearest first
        (Cart().add(COLA).add(APPLES, 500), 2, {}),  # a weighed item is not counted
    ],
)
def test_nth_item_sorts_dearest_first_and_discounts_every_nth(
    cart: Cart, n: int, expected: dict[int, int]
) -> None:
    promo = Promotion("N", "第N件半价", "nth_item", Target(), qty=n, percent_bp=5000)
    assert offs(price(cart, promo)) == expected


@pytest.mark.parametrize(
    ("cart", "promo", "expected"),
    [
        # Buy 2 get 1 free, three colas: one free.
        (Cart().add(COLA, 3), dict(qty=2, get_qty=1), {1: 350}),
        # Seven colas: two sets, two free; the seventh is just bought.
        (Cart().add(COLA, 7), dict(qty=2, get_qty=1), {1: 700}),
        # Mixed prices: the cheapest unit is the free one.
        (Cart().add(JUICE, 2).add(COLA), dict(qty=2, get_qty=1), {2: 350}),
        # Buy 1 get 1 at half price over 10, 8, 5, 3: the two cheapest are the "get" units.
        (Cart().add(item(5, 1000)).add(item(6, 800)).add(item(7, 500)).add(item(8, 300)),
         dict(qty=1, get_qty=1, percent_bp=5000), {3: 250, 4: 150}),
        # Not enough bought yet.
        (Cart().add(COLA, 2), dict(qty=2, get_qty=1), {}),
    ],
)
def test_buy_x_get_y_gives_the_cheapest_units(
    cart: Cart, promo: dict[str, Any], expected: dict[int, int]
) -> None:
    rule = Promotion("B", "买二送一", "buy_x_get_y", Target(), **promo)
    assert offs(price(cart, rule)) == expected


def test_buy_shampoo_get_conditioner_half_price() -> None:
    shampoo, conditioner = item(10, 2000, cat="洗护"), item(11, 1500, cat="洗护")
    promo = Promotion("B", "买洗发水送护发素半价", "buy_x_get_y", skus(10), qty=1, get_qty=1,
                      get_target=skus(11), percent_bp=5000)
    result = price(Cart().add(shampoo, 1).add(conditioner, 2), promo)
    assert offs(result) == {2: 750}  # one bought, one got; the second conditioner pays full
    assert result.applied[0].line_ids == (1, 2)
    assert result.applied[0].explanation.data["units"] == 1


def test_buy_x_get_y_does_not_count_a_unit_as_bought_and_got() -> None:
    promo = Promotion("B", "买一送一", "buy_x_get_y", skus(1), qty=1, get_qty=1,
                      get_target=skus(1, 2))
    # One cola only: it cannot pay for itself.
    assert offs(price(Cart().add(COLA), promo)) == {}
    # A cola and a juice: the cola must be the bought one, so the juice is the "get" unit.
    assert offs(price(Cart().add(COLA).add(JUICE), promo)) == {2: 500}


@pytest.mark.parametrize(
    ("cart", "expected", "bundles"),
    [
        (Cart().add(COLA, 3), {1: 50}, 1),  # 1050 for 1000
        (Cart().add(COLA, 7), {1: 100}, 2),  # two bundles, one cola left over
        # Mix and match, dearest first: 500 500 350 for 1000 → 350 spread by price.
        (Cart().add(COLA, 2).add(JUICE, 2), {1: 91, 2: 259}, 1),
        (Cart().add(item(5, 300), 3), {}, 0),  # 900 < 1000: no saving, no bundle
    ],
)
def test_three_for_ten_yuan_bundles_the_dearest_units(
    cart: Cart, expected: dict[int, int], bundles: int
) -> None:
    promo = Promotion("N", "3件10元", "n_for_price", Target(), qty=3, price=Money(1000))
    result = price(cart, promo)
    assert offs(result) == expected
    assert [a.explanation.data["bundles"] for a in result.applied] == ([bundles] if bundles
                                                                       else [])


# -- basket rules -----------------------------------------------------------------------


def test_full_100_off_20_once() -> None:
    promo = Promotion("T", "满100减20", "threshold_off", threshold=Money(10_000),
                      amount=Money(2_000))
    cart = Cart().add(item(5, 6_000)).add(item(6, 9_000))  # 150 yuan: one step only
    result = price(cart, promo)
    assert offs(result) == {1: 800, 2: 1_200}  # by line net: 60:90
    assert result.applied[0].explanation.data["steps"] == 1


@pytest.mark.parametrize(
    ("gross", "cap", "expected", "steps"),
    [
        (35_000, None, 6_000, 3),
        (35_000, 5_000, 5_000, 3),
        (9_999, 5_000, 0, 0),
        (10_000, 5_000, 2_000, 1),
    ],
)
def test_each_full_100_off_20_capped(gross: int, cap: int | None, expected: int,
                                     steps: int) -> None:
    promo = Promotion("T", "每满100减20", "threshold_off", threshold=Money(10_000),
                      amount=Money(2_000), repeat=True,
                      cap=None if cap is None else Money(cap))
    result = price(Cart().add(item(5, gross)), promo)
    assert result.total_discount == Money(expected)
    if expected:
        data = result.applied[0].explanation.data
        assert (data["steps"], data["cap_fen"]) == (steps, cap or 0)


def test_threshold_gift_makes_one_gift_unit_free_and_does_not_count_it() -> None:
    gift = item(9, 800, cat="赠品")
    promo = Promotion("G", "满50送杯子", "threshold_gift", threshold=Money(5_000), gift_sku="SKU9")
    # 50.00 of goods plus two cups: one cup free.
    result = price(Cart().add(item(5, 5_000)).add(gift, 2), promo)
    assert offs(result) == {2: 800}
    assert result.applied[0].line_ids == (2,)
    data = result.applied[0].explanation.data
    assert (data["gift_sku"], data["gift_name"], data["threshold_fen"]) == ("SKU9", "商品9", 5000)
    # 42.00 of goods and a cup: the cup does not pay for itself.
    near = price(Cart().add(item(5, 4_200)).add(gift), promo)
    assert offs(near) == {}
    assert near.hints[0].key == "promo.gift_near"
    assert near.hints[0].data["missing_fen"] == 800


def test_threshold_gift_not_in_basket_gives_a_hint() -> None:
    promo = Promotion("G", "满50送杯子", "threshold_gift", threshold=Money(5_000), gift_sku="SKU9")
    result = price(Cart().add(item(5, 6_000)), promo)
    assert result.line_discounts == {} and result.applied == ()
    assert [h.key for h in result.hints] == ["promo.gift_available"]
    assert result.hints[0].data == {"name": "满50送杯子", "threshold_fen": 5000, "gift_sku": "SKU9"}


@pytest.mark.parametrize(("gross", "hint"), [(8_800, 1_200), (5_000, 5_000), (4_999, None)])
def test_threshold_near_hint_from_half_the_threshold(gross: int, hint: int | None) -> None:
    promo = Promotion("T", "满100减20", "threshold_off", threshold=Money(10_000),
                      amount=Money(2_000))
    result = price(Cart().add(item(5, gross)), promo)
    if hint is None:
        assert result.hints == ()
    else:
        assert result.hints[0].key == "promo.threshold_near"
        assert result.hints[0].data == {"name": "满100减20", "threshold_fen": 10_000,
                                        "missing_fen": hint, "amount_fen": 2_000}


# -- points -----------------------------------------------------------------------------


def test_points_multiplier_takes_the_highest_event_without_discount() -> None:
    double = Promotion("X2", "双倍积分", "points_multiplier", multiplier_bp=20_000)
    triple = Promotion("X3", "三倍积分", "points_multiplier", multiplier_bp=30_000)
    result = price(Cart().add(COLA), double, triple)
    assert result.points_multiplier_bp == 30_000
    assert result.line_discounts == {}
    [applied] = result.applied
    assert (applied.promo_id, applied.discount, applied.line_ids) == ("X3", Money(0), ())
    assert applied.explanation.data["multiplier"] == "3"


def test_targeted_points_event_needs_its_product_in_the_basket() -> None:
    event = Promotion("X", "零食1.5倍积分", "points_multiplier",
                      Target(categories=frozenset({"零食"})), multiplier_bp=15_000)
    assert price(Cart().add(COLA), event).points_multiplier_bp == 10_000
    result = price(Cart().add(COLA).add(SNACK), event)
    assert result.points_multiplier_bp == 15_000
    assert result.applied[0].explanation.data["multiplier"] == "1.5"


# -- lines that get nothing -------------------------------------------------------------


def test_price_overridden_line_gets_no_promotion_and_no_threshold_credit() -> None:
    cart = Cart().add(COLA, 2).add(JUICE)
    cart = cart.override_price(2, Money(9_900))
    promos = (Promotion("P", "九折", "percent_off", percent_bp=1000),
              Promotion("T", "满100减20", "threshold_off", threshold=Money(10_000),
                        amount=Money(2_000)))
    result = price(cart, *promos)
    assert offs(result) == {1: 70}
    assert 2 not in result.line_promos


def test_empty_basket_gives_the_empty_result() -> None:
    assert price(Cart(), Promotion("P", "九折", "percent_off", percent_bp=1000)) == (
        PromoResult.empty())
    assert PromoResult.empty().total_discount == Money(0)
