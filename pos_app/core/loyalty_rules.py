"""Member benefits and coupons as pricing rules, so one engine prices everything.

A member's tier discount (and birthday discount) competes with item promotions as a
``best_of`` rule: the customer gets whichever is better on each item, never both. A coupon
applies on top of promotions (``stackable``, ``coupon_only``), last, as a coupon should.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pos_app.core.coupons import Coupon
from pos_app.core.members import Member, Tier
from pos_app.core.money import Money
from pos_app.core.promotions import Promotion, Target, Validity

TIER_PROMO_PREFIX = "tier:"
BIRTHDAY_PROMO_PREFIX = "birthday:"
COUPON_PROMO_PREFIX = "coupon:"
_COUPON_PRIORITY = -1000  # after every promotion of the chain


def member_promotions(member: Member, tier: Tier, *, today: date,
                      excluded_categories: frozenset[str] = frozenset()) -> tuple[Promotion, ...]:
    """The tier discount and, on the member's birthday, the birthday discount (the better of
    the two wins per item, like any competing rule)."""
    del excluded_categories  # tier discounts apply to every item; kept for a later policy
    rules: list[Promotion] = []
    if tier.discount_bp:
        rules.append(Promotion(
            promo_id=TIER_PROMO_PREFIX + tier.code, name=tier.name_zh, kind="percent_off",
            percent_bp=tier.discount_bp, tiers=frozenset({tier.code}),
        ))
    if tier.birthday_discount_bp and member.is_birthday(today):
        rules.append(Promotion(
            promo_id=BIRTHDAY_PROMO_PREFIX + tier.code, name="生日优惠", kind="percent_off",
            percent_bp=tier.birthday_discount_bp, tiers=frozenset({tier.code}),
        ))
    return tuple(rules)


def coupon_promotion(coupon: Coupon, *, free_sku: str = "") -> Promotion:
    """The pricing rule a scanned coupon switches on (``free_sku``: for a free-item coupon,
    the listed item in the basket that is given free)."""
    threshold = Money(max(coupon.min_spend.fen, 1))
    if coupon.kind == "percent_off":
        return _coupon_rule(coupon, kind="percent_off", percent_bp=coupon.value)
    if coupon.kind == "free_item":
        return _coupon_rule(coupon, kind="threshold_gift", gift_sku=free_sku,
                            threshold=threshold)
    target = Target(categories=coupon.categories) if coupon.kind == "category" else Target()
    # amount_off, threshold_off (满减) and category coupons: an amount off the basket (or the
    # category's part of it, never more than it) once the minimum spend is met.
    return _coupon_rule(coupon, kind="threshold_off", amount=Money(coupon.value),
                        threshold=threshold, target=target)


def _coupon_rule(coupon: Coupon, **rule: Any) -> Promotion:
    return Promotion(
        promo_id=COUPON_PROMO_PREFIX + coupon.coupon_id, name=coupon.name, stacking="stackable",
        priority=_COUPON_PRIORITY, coupon_only=True,
        validity=Validity(starts=coupon.valid_from, ends=coupon.valid_to), **rule,
    )
