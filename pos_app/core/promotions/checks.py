"""Parameter checks for a Promotion, per kind.

Rules come from the cloud and are validated at the edge, so a bad one here is a programming
error: ValueError (or TypeError for a wrong type), never a PosError for the cashier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pos_app.core.money import Money
from pos_app.core.promotions.kinds import BP, CHANNELS, RULE_KINDS, STACKINGS

if TYPE_CHECKING:
    from pos_app.core.promotions.model import Promotion


def _int(p: Promotion, name: str) -> int:
    value = getattr(p, name)
    # Exact type: bool is an int subclass and True units is a bug.
    if type(value) is not int:
        raise TypeError(f"Promotion {p.promo_id}: {name} must be int")
    return int(value)


def _fen(p: Promotion, name: str) -> int:
    value = getattr(p, name)
    if not isinstance(value, Money):
        raise TypeError(f"Promotion {p.promo_id}: {name} must be Money")
    return value.fen


def _require(ok: bool, p: Promotion, what: str) -> None:
    if not ok:
        raise ValueError(f"Promotion {p.promo_id} ({p.kind}): {what}")


def _check_common(p: Promotion) -> None:
    if not isinstance(p.promo_id, str) or not p.promo_id:
        raise ValueError("Promotion.promo_id must be a non-empty string")
    _require(isinstance(p.name, str), p, "name must be a string")
    _require(p.kind in RULE_KINDS, p, f"unknown kind {p.kind!r}")
    _require(p.stacking in STACKINGS, p, f"unknown stacking {p.stacking!r}")
    _int(p, "priority")
    for name in ("stores", "tiers", "channels"):
        _require(isinstance(getattr(p, name), frozenset), p, f"{name} must be a frozenset")
    _require(bool(p.channels), p, "channels is empty (the rule could never run)")
    _require(p.channels <= frozenset(CHANNELS), p, f"unknown channel in {sorted(p.channels)}")
    _require(type(p.coupon_only) is bool and type(p.repeat) is bool, p, "flags must be bool")
    for name in ("percent_bp", "qty", "get_qty", "limit_per_member", "multiplier_bp"):
        _require(_int(p, name) >= 0, p, f"{name} must not be negative")
    for name in ("amount", "price", "threshold"):
        _require(_fen(p, name) >= 0, p, f"{name} must not be negative")


def check_promotion(p: Promotion) -> None:
    """Raise ValueError/TypeError when ``p`` cannot be evaluated as its kind says."""
    _check_common(p)
    kind = p.kind
    if kind == "percent_off":
        _require(0 < p.percent_bp <= BP, p, "percent_bp must be 1..10000")
    elif kind == "amount_off":
        _require(p.amount.fen > 0, p, "amount must be > 0")
    elif kind == "member_price":
        _require(bool(p.tier_prices), p, "tier_prices is empty")
        tiers = [t for t, _ in p.tier_prices]
        _require(len(set(tiers)) == len(tiers), p, "a tier is priced twice")
        for tier, price in p.tier_prices:
            _require(isinstance(tier, str) and bool(tier), p, "tier codes must be non-empty")
            _require(isinstance(price, Money) and price.fen >= 0, p, "tier prices must be ≥ 0")
    elif kind == "flash_price":
        pass  # any price ≥ 0 and limit ≥ 0, both checked above
    elif kind == "buy_x_get_y":
        _require(p.qty >= 1 and p.get_qty >= 1, p, "qty (X) and get_qty (Y) must be ≥ 1")
        _require(p.percent_bp <= BP, p, "percent_bp must be 0..10000 (0 = free)")
    elif kind == "nth_item":
        _require(p.qty >= 2, p, "qty (N) must be ≥ 2")
        _require(0 < p.percent_bp <= BP, p, "percent_bp must be 1..10000")
    elif kind == "n_for_price":
        _require(p.qty >= 2, p, "qty (N) must be ≥ 2")
    elif kind == "threshold_off":
        _require(p.threshold.fen > 0 and p.amount.fen > 0, p, "threshold and amount must be > 0")
        if p.cap is not None:
            _require(p.repeat, p, "cap only makes sense with repeat")
            _require(_fen(p, "cap") > 0, p, "cap must be > 0")
    elif kind == "threshold_gift":
        _require(p.threshold.fen > 0, p, "threshold must be > 0")
        _require(isinstance(p.gift_sku, str) and bool(p.gift_sku), p, "gift_sku is empty")
    elif kind == "points_multiplier":
        _require(p.multiplier_bp >= BP, p, "multiplier_bp must be ≥ 10000 (×1)")
