"""Invariants of the promotion engine over random baskets and rule sets."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.cart import Cart
from pos_app.core.errors import PosError
from pos_app.core.money import Money, allocate
from pos_app.core.product import ProductInfo
from pos_app.core.promotions import (
    PromoContext,
    PromoResult,
    Promotion,
    PromotionBook,
    Target,
    apply_promotions,
    kinds,
)
from pos_app.core.promotions.rules import split

AT = datetime(2024, 11, 11, 12, 0)
CATEGORIES = ("饮料", "零食")
BRANDS = ("", "康师傅", "乐事")


@st.composite
def products(draw: st.DrawFn) -> ProductInfo:
    pid = draw(st.integers(1, 6))
    weighed = pid == 6
    return ProductInfo(
        product_id=pid, sku=f"SKU{pid}", name=f"商品{pid}", name_en=f"Item {pid}",
        unit="kg" if weighed else "件", price=Money(draw(st.integers(0, 3_000))),
        tax_rate_bp=draw(st.sampled_from((0, 900, 1300))), is_weighed=weighed,
        category=CATEGORIES[pid % 2], brand=BRANDS[pid % 3])


@st.composite
def carts(draw: st.DrawFn) -> Cart:
    cart = Cart()
    for _ in range(draw(st.integers(0, 8))):
        product = draw(products())
        try:
            if product.is_weighed and draw(st.booleans()):
                cart = cart.add(product, fixed_amount=Money(draw(st.integers(0, 5_000))))
            else:
                cart = cart.add(product, draw(st.integers(1, 2_000 if product.is_weighed else 6)))
            if draw(st.integers(0, 6)) == 0:
                cart = cart.override_price(cart.lines[-1].line_id,
                                           Money(draw(st.integers(0, 3_000))))
        except PosError:
            pass
    return cart


# Built once: hypothesis strategies are costly to construct, cheap to draw from.
TARGETS = st.one_of(
    st.just(Target()),
    st.builds(Target, skus=st.frozensets(st.sampled_from([f"SKU{i}" for i in range(1, 7)]),
                                         min_size=1, max_size=3)),
    st.builds(Target, categories=st.frozensets(st.sampled_from(CATEGORIES), min_size=1)),
    st.builds(Target, brands=st.frozensets(st.sampled_from(BRANDS[1:]), min_size=1)),
)
KINDS = st.sampled_from(kinds.RULE_KINDS)
FEN = st.integers(0, 3_000).map(Money)
STACKINGS = st.sampled_from(kinds.STACKINGS)


@st.composite
def promotions(draw: st.DrawFn, promo_id: str) -> Promotion:
    kind = draw(KINDS)
    fen = FEN
    params: dict[str, Any] = {}  # the kind's own fields
    if kind == "percent_off":
        params = dict(percent_bp=draw(st.integers(1, 10_000)))
    elif kind == "amount_off":
        params = dict(amount=Money(draw(st.integers(1, 1_000))))
    elif kind == "member_price":
        params = dict(tier_prices=(("gold", draw(fen)),))
    elif kind == "flash_price":
        params = dict(price=draw(fen), limit_per_member=draw(st.integers(0, 3)))
    elif kind == "buy_x_get_y":
        params = dict(qty=draw(st.integers(1, 3)), get_qty=draw(st.integers(1, 2)),
                      percent_bp=draw(st.integers(0, 10_000)),
                      get_target=draw(st.none() | TARGETS))
    elif kind == "nth_item":
        params = dict(qty=draw(st.integers(2, 3)), percent_bp=draw(st.integers(1, 10_000)))
    elif kind == "n_for_price":
        params = dict(qty=draw(st.integers(2, 3)), price=draw(fen))
    elif kind == "threshold_off":
        repeat = draw(st.booleans())
        params = dict(threshold=Money(draw(st.integers(1, 5_000))),
                      amount=Money(draw(st.integers(1, 2_000))), repeat=repeat,
                      cap=draw(st.none() | st.integers(1, 3_000).map(Money)) if repeat else None)
    elif kind == "threshold_gift":
        params = dict(threshold=Money(draw(st.integers(1, 5_000))),
                      gift_sku=f"SKU{draw(st.integers(1, 6))}")
    else:
        params = dict(multiplier_bp=draw(st.integers(10_000, 30_000)))
    return Promotion(
        promo_id, f"促销{promo_id}", kind, draw(TARGETS),
        stacking=draw(STACKINGS),
        priority=draw(st.integers(0, 2)), **params)


@st.composite
def rule_sets(draw: st.DrawFn) -> list[Promotion]:
    n = draw(st.integers(0, 14))
    return [draw(promotions(f"P{k:02d}")) for k in range(n)]


contexts = st.builds(
    PromoContext, at=st.just(AT), tier=st.sampled_from([None, "gold"]),
    flash_bought=st.dictionaries(st.sampled_from([f"P{k:02d}" for k in range(14)]),
                                 st.integers(0, 3), max_size=3))


def check_invariants(cart: Cart, result: PromoResult) -> None:
    gross = {ln.line_id: ln.gross.fen for ln in cart.lines}
    overridden = {ln.line_id for ln in cart.lines if ln.price_overridden}
    for line_id, off in result.line_discounts.items():
        assert 0 < off.fen <= gross[line_id]
        assert line_id not in overridden
    assert 0 <= result.total_discount.fen <= sum(gross.values())
    # The rules' totals are exactly what the lines carry.
    assert sum(a.discount.fen for a in result.applied) == result.total_discount.fen
    for a in result.applied:
        assert a.discount.fen > 0 or a.kind == "points_multiplier"
        assert set(a.line_ids) <= set(gross) - overridden
        assert all(a.promo_id in result.line_promos[i] for i in a.line_ids)
        assert a.explanation.key == f"promo.{a.kind}"
    assert result.points_multiplier_bp >= 10_000


@settings(max_examples=300, deadline=None)
@given(carts(), rule_sets(), contexts)
def test_no_line_below_zero_and_totals_add_up(
    cart: Cart, rules: list[Promotion], ctx: PromoContext
) -> None:
    check_invariants(cart, apply_promotions(cart.lines, PromotionBook(rules), ctx))


@settings(max_examples=200, deadline=None)
@given(carts(), rule_sets(), contexts, st.randoms(use_true_random=False))
def test_result_does_not_depend_on_the_order_rules_are_given_in(
    cart: Cart, rules: list[Promotion], ctx: PromoContext, rnd: random.Random
) -> None:
    shuffled = list(rules)
    rnd.shuffle(shuffled)
    first = apply_promotions(cart.lines, PromotionBook(rules), ctx)
    assert apply_promotions(cart.lines, PromotionBook(shuffled), ctx) == first


@settings(max_examples=200, deadline=None)
@given(carts(), rule_sets(), contexts)
def test_repricing_is_idempotent(cart: Cart, rules: list[Promotion], ctx: PromoContext) -> None:
    book = PromotionBook(rules)
    first = apply_promotions(cart.lines, book, ctx)
    assert apply_promotions(cart.lines, book, ctx) == first
    assert apply_promotions(tuple(cart.lines), PromotionBook(rules), ctx) == first


@settings(max_examples=100, deadline=None)
@given(carts(), rule_sets(), contexts)
def test_a_scan_between_two_pricings_does_not_leak_into_the_second(
    cart: Cart, rules: list[Promotion], ctx: PromoContext
) -> None:
    # The engine reuses values between runs: pricing another basket in between must not
    # change what this basket gets.
    book = PromotionBook(rules)
    first = apply_promotions(cart.lines, book, ctx)
    other = cart.add(ProductInfo(product_id=7, sku="SKU1", name="x", name_en="x", unit="件",
                                 price=Money(999), tax_rate_bp=0, category="饮料"), 3)
    apply_promotions(other.lines, book, ctx)
    assert apply_promotions(cart.lines, book, ctx) == first


ITEM_RULES = st.lists(
    st.sampled_from(range(30)).flatmap(lambda k: promotions(f"P{k:02d}")).filter(
        lambda p: p.kind in {"percent_off", "amount_off", "member_price", "flash_price",
                             "buy_x_get_y", "nth_item", "n_for_price"}
        and p.stacking != "stackable"),
    max_size=8, unique_by=lambda p: p.promo_id)


@settings(max_examples=150, deadline=None)
@given(carts(), ITEM_RULES, contexts)
def test_competing_rules_together_never_give_less_than_any_one_alone(
    cart: Cart, rules: list[Promotion], ctx: PromoContext
) -> None:
    together = apply_promotions(cart.lines, PromotionBook(rules), ctx).total_discount
    for rule in rules:
        assert apply_promotions(cart.lines, PromotionBook([rule]), ctx).total_discount <= together


@given(st.integers(0, 10**6), st.lists(st.integers(0, 10**4), min_size=1, max_size=12))
def test_split_is_allocate(amount: int, weights: list[int]) -> None:
    assert split(amount, weights) == allocate(amount, weights)
    assert split(amount, [weights[0]] * len(weights)) == allocate(amount,
                                                                  [weights[0]] * len(weights))
