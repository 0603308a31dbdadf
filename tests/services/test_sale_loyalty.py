"""The sale's member, coupon and points rules alone: a sale and a loyalty service, no checkout."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine

from pos_app.core.coupons import Coupon
from pos_app.core.errors import PosError
from pos_app.core.members import Member
from pos_app.core.money import Money
from pos_app.core.pricing import price_cart
from pos_app.core.sale import Sale
from pos_app.services.loyalty import LoyaltyService
from pos_app.services.sale_loyalty import SaleLoyalty
from pos_app.store import terminal

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def member(member_id: str, points: int = 0) -> Member:
    return Member(member_id=member_id, phone_masked="138****0000", name_masked="张*",
                  tier="gold", birthday=None, points_confirmed=points, points_pending=0)


def coupon(coupon_id: str, *, member_id: str | None = None, tier: str | None = None) -> Coupon:
    return Coupon(coupon_id=coupon_id, kind="threshold_off", name=coupon_id, value=500,
                  min_spend=Money(5_000), categories=frozenset(), skus=frozenset(), tier=tier,
                  valid_from=NOW - timedelta(days=1), valid_to=NOW + timedelta(days=1),
                  member_id=member_id)


def sale_with(who: Member | None, coupons: tuple[Coupon, ...]) -> Sale:
    return replace(Sale.new(sale_uuid="s-1", opened_at=NOW), member=who, coupons=coupons)


def test_coupons_bound_to_a_member_leave_with_that_member() -> None:
    anyone, hers, gold = coupon("C-ANY"), coupon("C-HERS", member_id="M-1"), coupon(
        "C-GOLD", tier="gold")
    sale = sale_with(member("M-1"), (anyone, hers, gold))
    assert SaleLoyalty.coupons_kept(sale, None) == (anyone,)
    assert SaleLoyalty.coupons_kept(sale, member("M-2")) == (anyone, gold)
    assert SaleLoyalty.coupons_kept(sale, member("M-1")) == (anyone, hers, gold)


def test_points_need_a_member_a_cart_and_only_one_points_tender(engine: Engine) -> None:
    info = terminal.get_store_info(engine=engine)
    rules = SaleLoyalty(LoyaltyService(engine=engine, store_info=info, clock=lambda: NOW))
    empty = sale_with(None, ())
    priced = price_cart(empty.cart, tax_mode="inclusive", cash_rounding="none")
    assert rules.max_points(empty, priced) == 0
    assert rules.wallet(empty) == []
    with pytest.raises(PosError) as no_member:
        rules.points_value(empty, priced, 100)
    assert no_member.value.key == "points.no_member"
    with pytest.raises(PosError) as no_items:
        rules.points_value(sale_with(member("M-1", 5_000), ()), priced, 100)
    assert no_items.value.key == "sale.empty"
