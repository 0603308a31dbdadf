"""When and for whom a promotion is active: validity windows, store, tier, channel, coupons."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

import pytest

from pos_app.core.cart import Cart
from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.core.promotions import (
    Channel,
    PromoContext,
    Promotion,
    PromotionBook,
    Target,
    Validity,
    apply_promotions,
)

COLA = ProductInfo(product_id=1, sku="SKU1", name="可口可乐", name_en="Coca-Cola", unit="瓶",
                   price=Money(350), tax_rate_bp=1300, category="饮料", brand="可口可乐")
CART = Cart().add(COLA)
MONDAY_NOON = datetime(2024, 11, 11, 12, 0)


def off(promo: Promotion, **ctx: Any) -> int:
    context = PromoContext(**{"at": MONDAY_NOON, **ctx})
    return apply_promotions(CART.lines, PromotionBook([promo]), context).total_discount.fen


def ten_percent(**kw: Any) -> Promotion:
    return Promotion("P", "九折", "percent_off", percent_bp=1000, **kw)


# -- validity ---------------------------------------------------------------------------

NOV_11 = Validity(starts=datetime(2024, 11, 11), ends=datetime(2024, 11, 12))
WEEKEND = Validity(weekdays=frozenset({5, 6}))
LUNCH = Validity(hours=(time(11, 30), time(13, 30)))
LATE_FRIDAY = Validity(weekdays=frozenset({4}), hours=(time(22, 0), time(2, 0)))


@pytest.mark.parametrize(
    ("validity", "at", "covered"),
    [
        (Validity(), MONDAY_NOON, True),
        (NOV_11, datetime(2024, 11, 11, 0, 0), True),  # starts is inclusive
        (NOV_11, datetime(2024, 11, 11, 23, 59, 59), True),
        (NOV_11, datetime(2024, 11, 12, 0, 0), False),  # ends is exclusive
        (NOV_11, datetime(2024, 11, 10, 23, 59), False),
        (WEEKEND, datetime(2024, 11, 16, 9, 0), True),  # Saturday
        (WEEKEND, datetime(2024, 11, 17, 23, 0), True),  # Sunday
        (WEEKEND, datetime(2024, 11, 15, 23, 0), False),  # Friday
        (LUNCH, datetime(2024, 11, 11, 11, 30), True),
        (LUNCH, datetime(2024, 11, 11, 13, 30), False),
        (LUNCH, datetime(2024, 11, 11, 11, 29, 59), False),
        # Friday 22:00–02:00: the hours after midnight belong to Friday's window.
        (LATE_FRIDAY, datetime(2024, 11, 15, 22, 0), True),  # Friday 22:00
        (LATE_FRIDAY, datetime(2024, 11, 16, 1, 59), True),  # Saturday 01:59
        (LATE_FRIDAY, datetime(2024, 11, 16, 2, 0), False),  # Saturday 02:00
        (LATE_FRIDAY, datetime(2024, 11, 15, 1, 0), False),  # Friday 01:00 is Thursday's
        (LATE_FRIDAY, datetime(2024, 11, 15, 21, 59), False),
        (LATE_FRIDAY, datetime(2024, 11, 16, 23, 0), False),  # Saturday night
    ],
)
def test_validity_window_covers(validity: Validity, at: datetime, covered: bool) -> None:
    assert validity.covers(at) is covered
    assert (off(ten_percent(validity=validity), at=at) == 35) is covered


def test_hours_wrapping_midnight_without_weekdays_runs_every_night() -> None:
    night = Validity(hours=(time(22, 0), time(6, 0)))
    assert [night.covers(datetime(2024, 11, 11, h)) for h in (21, 22, 23, 0, 5, 6, 12)] == [
        False, True, True, True, True, False, False]


def test_aware_times_compare_across_zones_and_read_hours_from_wall_clock() -> None:
    shanghai = timezone(timedelta(hours=8))
    v = Validity(starts=datetime(2024, 11, 11, tzinfo=shanghai), hours=(time(9), time(21)))
    assert v.covers(datetime(2024, 11, 11, 10, tzinfo=shanghai))
    assert not v.covers(datetime(2024, 11, 10, 15, 59, tzinfo=UTC))  # 23:59 in Shanghai


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(starts=datetime(2024, 11, 12), ends=datetime(2024, 11, 11)),
        dict(starts=datetime(2024, 11, 11), ends=datetime(2024, 11, 11)),
        dict(weekdays=frozenset({7})),
        dict(hours=(time(9), time(9))),
        dict(hours=(time(9, tzinfo=UTC), time(10))),
        dict(starts=datetime(2024, 11, 11, tzinfo=UTC), ends=datetime(2024, 11, 12)),
    ],
)
def test_invalid_validity_is_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Validity(**kwargs)


# -- store, tier, channel, coupon -------------------------------------------------------


@pytest.mark.parametrize(
    ("stores", "store_code", "active"),
    [(frozenset(), "S001", True), (frozenset({"S001", "S002"}), "S002", True),
     (frozenset({"S001"}), "S009", False), (frozenset({"S001"}), "", False)],
)
def test_store_scope(stores: frozenset[str], store_code: str, active: bool) -> None:
    assert (off(ten_percent(stores=stores), store_code=store_code) == 35) is active


@pytest.mark.parametrize(
    ("tiers", "tier", "active"),
    [(frozenset(), None, True), (frozenset(), "gold", True),
     (frozenset({"gold", "platinum"}), "gold", True), (frozenset({"gold"}), "silver", False),
     (frozenset({"gold"}), None, False)],
)
def test_member_tier_scope(tiers: frozenset[str], tier: str | None, active: bool) -> None:
    assert (off(ten_percent(tiers=tiers), tier=tier) == 35) is active


@pytest.mark.parametrize(
    ("channels", "channel", "active"),
    [(frozenset({"store", "online"}), "online", True), (frozenset({"online"}), "store", False),
     (frozenset({"store"}), "store", True)],
)
def test_channel_scope(channels: frozenset[Channel], channel: Channel, active: bool) -> None:
    assert (off(ten_percent(channels=channels), channel=channel) == 35) is active


def test_coupon_only_promotion_needs_its_coupon() -> None:
    promo = ten_percent(coupon_only=True)
    assert off(promo) == 0
    assert off(promo, coupon_promo_ids=frozenset({"OTHER"})) == 0
    assert off(promo, coupon_promo_ids=frozenset({"P"})) == 35


# -- targets ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "matches"),
    [
        (Target(), True),
        (Target(skus=frozenset({"SKU1"})), True),
        (Target(categories=frozenset({"饮料"})), True),
        (Target(brands=frozenset({"可口可乐"})), True),
        (Target(skus=frozenset({"SKU2"}), brands=frozenset({"可口可乐"})), True),  # OR
        (Target(skus=frozenset({"SKU2"}), categories=frozenset({"零食"})), False),
    ],
)
def test_target_matches_sku_or_category_or_brand(target: Target, matches: bool) -> None:
    assert target.matches(COLA) is matches
    assert (off(ten_percent(target=target)) == 35) is matches


def test_a_product_without_brand_is_not_matched_by_a_brand_target() -> None:
    plain = ProductInfo(product_id=2, sku="SKU2", name="水", name_en="Water", unit="瓶",
                        price=Money(200), tax_rate_bp=1300)
    assert plain.brand == "" and not Target(brands=frozenset({"可口可乐"})).matches(plain)
    with pytest.raises(ValueError):
        Target(brands=frozenset({""}))
