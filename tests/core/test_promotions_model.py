"""Rule parameters are checked per kind; the book indexes rules and refuses duplicates;
weighed and label-priced lines, and discounts spread over lines of different tax rates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from pos_app.core.cart import Cart
from pos_app.core.money import Money
from pos_app.core.pricing import price_cart
from pos_app.core.product import ProductInfo
from pos_app.core.promotions import (
    PromoContext,
    Promotion,
    PromotionBook,
    Target,
    apply_promotions,
)

AT = datetime(2024, 11, 11, 12, 0)


def item(pid: int, price: int, *, cat: str = "饮料", weighed: bool = False,
         rate: int = 1300) -> ProductInfo:
    return ProductInfo(product_id=pid, sku=f"SKU{pid}", name=f"商品{pid}", name_en=f"Item {pid}",
                       unit="kg" if weighed else "件", price=Money(price), tax_rate_bp=rate,
                       is_weighed=weighed, category=cat)


# -- parameter checks -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "kwargs"),
    [
        ("percent_off", {}),
        ("percent_off", dict(percent_bp=10_001)),
        ("amount_off", {}),
        ("member_price", {}),
        ("member_price", dict(tier_prices=(("gold", Money(1)), ("gold", Money(2))))),
        ("member_price", dict(tier_prices=(("", Money(1)),))),
        ("flash_price", dict(price=Money(-1))),
        ("flash_price", dict(limit_per_member=-1)),
        ("buy_x_get_y", dict(qty=2)),
        ("buy_x_get_y", dict(qty=0, get_qty=1)),
        ("nth_item", dict(qty=1, percent_bp=5000)),
        ("nth_item", dict(qty=2)),
        ("n_for_price", dict(qty=1, price=Money(100))),
        ("threshold_off", dict(threshold=Money(10_000))),
        ("threshold_off", dict(threshold=Money(10_000), amount=Money(100), cap=Money(500))),
        ("threshold_off", dict(threshold=Money(10_000), amount=Money(100), repeat=True,
                               cap=Money(0))),
        ("threshold_gift", dict(threshold=Money(100))),
        ("threshold_gift", dict(gift_sku="SKU1")),
        ("points_multiplier", dict(multiplier_bp=5_000)),
        ("percent_off", dict(percent_bp=1000, channels=frozenset())),
        ("percent_off", dict(percent_bp=1000, channels=frozenset({"wechat"}))),
        ("percent_off", dict(percent_bp=1000, stacking="sometimes")),
        ("free_lunch", {}),
    ],
)
def test_wrong_parameters_for_the_kind_are_refused(kind: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Promotion("P", "错误", kind, **kwargs)  # type: ignore[arg-type]  # "free_lunch", on purpose


@pytest.mark.parametrize(
    "kwargs",
    [dict(percent_bp=True), dict(percent_bp=1000, amount=100), dict(percent_bp=1000,
                                                                    priority="1")],
)
def test_wrong_types_are_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(TypeError):
        Promotion("P", "错误", "percent_off", **kwargs)


def test_empty_promo_id_is_refused() -> None:
    with pytest.raises(ValueError):
        Promotion("", "九折", "percent_off", percent_bp=1000)


# -- the book ---------------------------------------------------------------------------


def test_book_refuses_duplicate_promo_ids() -> None:
    rule = Promotion("P", "九折", "percent_off", percent_bp=1000)
    with pytest.raises(ValueError, match="duplicate"):
        PromotionBook([rule, rule])


def test_book_orders_by_priority_then_promo_id_and_indexes_by_target() -> None:
    rules = [
        Promotion("B", "b", "percent_off", Target(skus=frozenset({"SKU1"})), percent_bp=100),
        Promotion("A", "a", "percent_off", Target(categories=frozenset({"零食"})),
                  percent_bp=100),
        Promotion("C", "c", "percent_off", percent_bp=100, priority=3),
        Promotion("E", "e", "points_multiplier", multiplier_bp=20_000),
    ]
    book = PromotionBook(rules)
    assert len(book) == 4
    assert [p.promo_id for p in book.promotions] == ["C", "A", "B", "E"]
    assert [r.promo_id for r in book.rules_for(item(1, 100))] == ["B"]
    assert [r.promo_id for r in book.rules_for(item(2, 100, cat="零食"))] == ["A"]
    assert [r.promo_id for r in book.everywhere] == ["C"]
    assert [r.promo_id for r in book.events] == ["E"]


# -- weighed and label-priced lines -----------------------------------------------------


def test_weighed_and_label_lines_get_unit_rules_but_not_count_rules() -> None:
    apples = item(4, 1280, cat="生鲜", weighed=True)
    pork = item(5, 3000, cat="生鲜", weighed=True)
    cart = Cart().add(apples, 500).add(pork, fixed_amount=Money(1500)).add(apples, 250)
    promos = [
        Promotion("N", "第二件半价", "nth_item", qty=2, percent_bp=5000),
        Promotion("B", "买一送一", "buy_x_get_y", qty=1, get_qty=1),
        Promotion("F", "3件10元", "n_for_price", qty=3, price=Money(1000)),
        Promotion("P", "九五折", "percent_off", Target(categories=frozenset({"生鲜"})),
                  percent_bp=500),
    ]
    result = apply_promotions(cart.lines, PromotionBook(promos), PromoContext(at=AT))
    # 640 → 32, 1500 → 75, 320 → 16: only the percentage applies.
    assert [(a.promo_id, a.discount.fen) for a in result.applied] == [("P", 123)]
    assert {k: v.fen for k, v in result.line_discounts.items()} == {1: 32, 2: 75, 3: 16}


def test_flash_price_per_kg_counts_a_weighed_line_as_one_unit() -> None:
    apples = item(4, 1280, cat="生鲜", weighed=True)
    promo = Promotion("F", "苹果秒杀", "flash_price", price=Money(800), limit_per_member=1)
    cart = Cart().add(apples, 500).add(apples, 1000)
    result = apply_promotions(cart.lines, PromotionBook([promo]), PromoContext(at=AT))
    # One line at 8.00/kg: the dearer one (1000 g: 1280 → 800) saves most.
    assert {k: v.fen for k, v in result.line_discounts.items()} == {2: 480}


# -- mixed tax rates --------------------------------------------------------------------


def test_basket_discount_is_allocated_per_line_across_tax_rates() -> None:
    snack = item(1, 3_333, rate=1300)
    rice = item(2, 5_000, rate=900, cat="粮油")
    veg = item(3, 1_667, rate=0, cat="生鲜")
    cart = Cart().add(snack).add(rice).add(veg)  # 100.00 yuan
    promo = Promotion("T", "满100减20", "threshold_off", threshold=Money(10_000),
                      amount=Money(2_000))
    result = apply_promotions(cart.lines, PromotionBook([promo]), PromoContext(at=AT))
    shares = {k: v.fen for k, v in result.line_discounts.items()}
    # 2000 × 3333/10000 = 666.6, × 5000 = 1000, × 1667 = 333.4 → 667, 1000, 333.
    assert shares == {1: 667, 2: 1_000, 3: 333}
    assert sum(shares.values()) == 2_000
    # Each line keeps its own tax rate; what pricing will tax is gross − share per line.
    priced = price_cart(cart)
    nets = {pl.line.line_id: pl.gross.fen - shares[pl.line.line_id] for pl in priced.lines}
    assert nets == {1: 2_666, 2: 4_000, 3: 1_334}
