"""Rules that meet on the same units: competition, stacking, exclusivity, ties, basket phase."""

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

AT = datetime(2024, 11, 11, 12, 0)


def item(pid: int, price: int, *, cat: str = "饮料", brand: str = "", weighed: bool = False,
         rate: int = 1300) -> ProductInfo:
    return ProductInfo(product_id=pid, sku=f"SKU{pid}", name=f"商品{pid}", name_en=f"Item {pid}",
                       unit="kg" if weighed else "瓶", price=Money(price), tax_rate_bp=rate,
                       is_weighed=weighed, category=cat, brand=brand)


def price(cart: Cart, *promos: Promotion, tier: str | None = None) -> PromoResult:
    ctx = PromoContext(at=AT, tier=tier)
    return apply_promotions(cart.lines, PromotionBook(promos), ctx)


def offs(result: PromoResult) -> dict[int, int]:
    return {line_id: m.fen for line_id, m in result.line_discounts.items()}


def applied(result: PromoResult) -> list[tuple[str, int]]:
    return [(a.promo_id, a.discount.fen) for a in result.applied]


COLA = item(1, 350, brand="可口可乐")
JUICE = item(2, 500, brand="汇源")
CHIPS = item(3, 700, cat="零食", brand="乐事")
DRINKS = Target(categories=frozenset({"饮料"}))
EVERYTHING = Target()


def percent(pid: str, bp: int, target: Target = EVERYTHING, **kw: Any) -> Promotion:
    return Promotion(pid, f"{pid} {bp / 100:g}%", "percent_off", target, percent_bp=bp,
                     **kw)


def member(pid: str, fen: int, target: Target, **kw: Any) -> Promotion:
    return Promotion(pid, "会员价", "member_price", target, tier_prices=(("gold", Money(fen)),),
                     **kw)


def test_best_of_picks_member_price_over_ten_percent_off() -> None:
    result = price(Cart().add(COLA, 2), percent("P10", 1000), member("M", 280, Target()),
                   tier="gold")
    assert applied(result) == [("M", 140)]


def test_best_of_decides_unit_by_unit() -> None:
    # 10 % off all drinks, member price on cola only: the cola takes the member price
    # (70 off > 35 off), the juice still gets its 10 %.
    result = price(Cart().add(COLA).add(JUICE), percent("A", 1000, DRINKS),
                   member("Z", 280, Target(skus=frozenset({"SKU1"}))), tier="gold")
    assert offs(result) == {1: 70, 2: 50}
    assert result.line_promos == {1: ("Z",), 2: ("A",)}


def test_second_half_price_beats_ten_percent_and_the_rest_keeps_ten_percent() -> None:
    nth = Promotion("N", "第二件半价", "nth_item", DRINKS, qty=2, percent_bp=5000)
    # Three colas: the pair gives 175, the odd one 10 % (35): better than 10 % on all (105).
    result = price(Cart().add(COLA, 3), nth, percent("P", 1000, DRINKS))
    assert applied(result) == [("N", 175), ("P", 35)]
    assert offs(result) == {1: 210}


def test_ten_percent_beats_second_half_price_when_it_saves_more() -> None:
    nth = Promotion("N", "第二件八折", "nth_item", DRINKS, qty=2, percent_bp=2000)
    # 500 + 500: nth takes 100; 15 % off both takes 150.
    result = price(Cart().add(JUICE, 2), nth, percent("P", 1500, DRINKS))
    assert applied(result) == [("P", 150)]


def test_exclusive_rule_blocks_stackable_on_its_units() -> None:
    exclusive = percent("X", 2000, Target(skus=frozenset({"SKU1"})), stacking="exclusive")
    stackable = percent("S", 1000, DRINKS, stacking="stackable")
    result = price(Cart().add(COLA).add(JUICE), exclusive, stackable)
    assert offs(result) == {1: 70, 2: 50}
    assert result.line_promos == {1: ("X",), 2: ("S",)}


def test_stackable_applies_on_top_of_best_of_on_the_reduced_amount() -> None:
    best = percent("B", 2000, Target(skus=frozenset({"SKU1"})))
    stackable = percent("S", 1000, DRINKS, stacking="stackable")
    result = price(Cart().add(COLA), best, stackable)
    # 350 − 70 = 280, then 10 % of 280.
    assert applied(result) == [("B", 70), ("S", 28)]
    assert result.line_promos == {1: ("B", "S")}


def test_stackable_rules_apply_in_priority_order() -> None:
    low = Promotion("L", "立减1元", "amount_off", amount=Money(100), stacking="stackable")
    high = percent("H", 5000, stacking="stackable", priority=5)
    # Half off first (175), then 1 yuan off the 175 left.
    assert applied(price(Cart().add(COLA), low, high)) == [("H", 175), ("L", 100)]


@pytest.mark.parametrize(
    ("a", "b", "winner"),
    [
        (dict(promo_id="A", priority=0), dict(promo_id="B", priority=1), "B"),
        (dict(promo_id="B", priority=0), dict(promo_id="A", priority=0), "A"),
    ],
)
def test_equal_discounts_go_to_higher_priority_then_smaller_promo_id(
    a: dict[str, Any], b: dict[str, Any], winner: str
) -> None:
    rules = [Promotion(name="十元", kind="amount_off", amount=Money(100), **kw)
             for kw in (a, b)]
    assert applied(price(Cart().add(COLA), *rules)) == [(winner, 100)]


def test_competing_count_rules_choose_the_best_combination() -> None:
    mixed = Promotion("MIX", "任选2件7元", "n_for_price", DRINKS, qty=2, price=Money(700))
    juice = Promotion("J2", "果汁2件8元", "n_for_price", Target(skus=frozenset({"SKU2"})),
                      qty=2, price=Money(800))
    cola = Promotion("C2", "可乐2件6元", "n_for_price", Target(skus=frozenset({"SKU1"})),
                     qty=2, price=Money(600))
    cart = Cart().add(COLA, 2).add(JUICE, 2)
    # Mixed deal alone: (500 + 500) − 700 = 300, then colas 700 − 700 = 0: 300.
    # Juice deal and cola deal: 200 + 100 = 300.
    # Cola deal, then the mixed deal on the juices: 100 + 300 = 400, the best.
    result = price(cart, mixed, juice, cola)
    assert applied(result) == [("C2", 100), ("MIX", 300)]
    assert offs(result) == {1: 100, 2: 300}


@pytest.mark.parametrize(("priority_b", "winner"), [(0, "A2"), (1, "B2")])
def test_equal_count_rule_combinations_go_to_priority_then_promo_id(
    priority_b: int, winner: str
) -> None:
    rules = [Promotion(pid, "2件6元", "n_for_price", DRINKS, qty=2, price=Money(600),
                       priority=prio) for pid, prio in (("A2", 0), ("B2", priority_b))]
    assert applied(price(Cart().add(COLA, 2), *rules)) == [(winner, 100)]


def test_more_than_ten_count_rules_in_one_group_are_settled_greedily() -> None:
    # Eleven nth_item rules over the same colas: the greedy pass takes the best first.
    rules = [Promotion(f"N{k:02d}", "第二件折扣", "nth_item", DRINKS, qty=2,
                       percent_bp=900 * (k + 1) + 100) for k in range(11)]
    result = price(Cart().add(COLA, 4), *rules)
    # 4 colas = two pairs; only the best rule (N10, free second) takes them: 2 × 350.
    assert applied(result) == [("N10", 700)]


def test_exclusive_item_rule_keeps_its_units_out_of_the_basket_threshold() -> None:
    exclusive = percent("X", 1000, Target(skus=frozenset({"SKU3"})), stacking="exclusive")
    threshold = Promotion("T", "满10减1", "threshold_off", threshold=Money(1_000),
                          amount=Money(100))
    cart = Cart().add(CHIPS, 2).add(JUICE)  # chips 1400 exclusive, juice 500
    result = price(cart, exclusive, threshold)
    assert applied(result) == [("X", 140)]
    assert result.hints[0].data["missing_fen"] == 500


def test_basket_threshold_counts_the_net_after_item_promotions() -> None:
    best = percent("B", 5000, Target(skus=frozenset({"SKU3"})))
    threshold = Promotion("T", "满10减1", "threshold_off", threshold=Money(1_000),
                          amount=Money(100))
    # Chips 700 → 350 after half off; 350 + 500 = 850 < 1000: not reached.
    result = price(Cart().add(CHIPS).add(JUICE), best, threshold)
    assert applied(result) == [("B", 350)]
    assert result.hints[0].data["missing_fen"] == 150


def test_competing_basket_rules_the_best_one_wins_and_stackable_applies_on_what_is_left() -> None:
    cart = Cart().add(item(5, 6_000)).add(item(6, 6_000))
    small = Promotion("T1", "满100减10", "threshold_off", threshold=Money(10_000),
                      amount=Money(1_000))
    big = Promotion("T2", "满100减15", "threshold_off", threshold=Money(10_000),
                    amount=Money(1_500))
    on_top = Promotion("T3", "满100再减5", "threshold_off", threshold=Money(10_000),
                       amount=Money(500), stacking="stackable")
    result = price(cart, small, big, on_top)
    # 12000 → 15 off by T2 (750 each), then 10500 is still ≥ 10000: 5 more (250 each).
    assert applied(result) == [("T2", 1_500), ("T3", 500)]
    assert offs(result) == {1: 1_000, 2: 1_000}


def test_basket_rules_on_different_categories_both_apply() -> None:
    drinks = Promotion("D", "饮料满5减1", "threshold_off", DRINKS, threshold=Money(500),
                       amount=Money(100))
    snacks = Promotion("S", "零食满5减1", "threshold_off", Target(categories=frozenset({"零食"})),
                       threshold=Money(500), amount=Money(100))
    result = price(Cart().add(JUICE).add(CHIPS), drinks, snacks)
    assert applied(result) == [("D", 100), ("S", 100)]


def test_exclusive_basket_rule_blocks_a_stackable_basket_rule() -> None:
    exclusive = Promotion("X", "满10减2", "threshold_off", threshold=Money(1_000),
                          amount=Money(200), stacking="exclusive")
    stackable = Promotion("S", "满5减1", "threshold_off", threshold=Money(500),
                          amount=Money(100), stacking="stackable")
    result = price(Cart().add(JUICE, 3), exclusive, stackable)
    assert applied(result) == [("X", 200)]


def test_applied_order_is_competing_then_stackable_then_basket() -> None:
    promos = [
        Promotion("Z-basket", "满3减1", "threshold_off", threshold=Money(300),
                  amount=Money(100), priority=9),
        percent("Y-stack", 1000, stacking="stackable", priority=9),
        percent("X-best", 2000),
    ]
    result = price(Cart().add(JUICE), *promos)
    assert [a.promo_id for a in result.applied] == ["X-best", "Y-stack", "Z-basket"]
    assert result.line_promos == {1: ("X-best", "Y-stack", "Z-basket")}
    # 500 → 400 → 360 → 260.
    assert offs(result) == {1: 240}


def test_points_event_is_listed_last_and_does_not_change_discounts() -> None:
    event = Promotion("E", "双倍积分", "points_multiplier", multiplier_bp=20_000)
    result = price(Cart().add(JUICE), percent("P", 1000), event)
    assert [a.promo_id for a in result.applied] == ["P", "E"]
    assert result.total_discount == Money(50)


def test_more_than_ten_competing_basket_rules_are_settled_greedily() -> None:
    rules = [Promotion(f"T{k:02d}", "满减", "threshold_off", threshold=Money(1_000),
                       amount=Money(100 + 10 * k)) for k in range(11)]
    result = price(Cart().add(JUICE, 3), *rules)
    assert applied(result) == [("T10", 200)]
