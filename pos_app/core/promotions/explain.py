"""Explanations the UI translates: key ``promo.<kind>`` (or a hint key) and format fields.

Amounts are int fen under keys ending ``_fen``; percentages come as ``percent_bp`` plus
ready-made text (``percent`` "12.5" for "12.5 % off", ``zhe`` "8.75" for "8.75折").
"""

from __future__ import annotations

from pos_app.core.promotions.book import Rule
from pos_app.core.promotions.kinds import BP
from pos_app.core.promotions.model import Explanation

HINT_THRESHOLD_NEAR = "promo.threshold_near"
HINT_GIFT_NEAR = "promo.gift_near"
HINT_GIFT_AVAILABLE = "promo.gift_available"


def _decimal_text(value: int, scale: int) -> str:
    # value / scale without floats: 1250 / 100 → "12.5", 20000 / 10000 → "2".
    whole, frac = divmod(value, scale)
    if not frac:
        return str(whole)
    digits = len(str(scale)) - 1
    return f"{whole}.{frac:0{digits}d}".rstrip("0")


def _percent(bp: int) -> dict[str, object]:
    return {
        "percent_bp": bp,
        "percent": _decimal_text(bp, 100),
        "zhe": _decimal_text(BP - bp, 1000),
    }


# What the per-sale count is called in each kind's data.
_COUNT_FIELD = {
    "buy_x_get_y": "units",
    "n_for_price": "bundles",
    "threshold_off": "steps",
}


def _static(rule: Rule) -> dict[str, object]:
    """The data fields that depend on the rule alone (built once per rule)."""
    data: dict[str, object] = {"name": rule.name}
    kind = rule.kind
    if kind == "percent_off":
        data.update(_percent(rule.bp))
    elif kind == "amount_off":
        data.update(amount_fen=rule.amount)
    elif kind == "flash_price":
        data.update(limit=rule.limit)
    elif kind == "buy_x_get_y":
        data.update(_percent(rule.bp), buy=rule.qty, get=rule.get_qty)
    elif kind == "nth_item":
        data.update(_percent(rule.bp), n=rule.qty)
    elif kind == "n_for_price":
        data.update(n=rule.qty, price_fen=rule.price)
    elif kind == "threshold_off":
        data.update(threshold_fen=rule.threshold, amount_fen=rule.amount, cap_fen=rule.cap or 0)
    elif kind == "threshold_gift":
        data.update(threshold_fen=rule.threshold, gift_sku=rule.gift_sku)
    elif kind == "points_multiplier":
        data.update(multiplier_bp=rule.multiplier, multiplier=_decimal_text(rule.multiplier, BP))
    return data


def explain(
    rule: Rule,
    discount: int,
    count: int,
    *,
    price: int = 0,
    tier: str = "",
    left: int = 0,
    gift_name: str = "",
) -> Explanation:
    """The explanation of one applied rule (``count``: units, bundles or steps by kind).

    ``price``/``tier``: the member or flash price used; ``left``: flash units the member may
    still buy at that price after this sale (0 without a limit); ``gift_name``: the gift.
    """
    static = rule.explain_static
    if static is None:
        static = rule.explain_static = _static(rule)
    data = dict(static)
    data["discount_fen"] = discount
    kind = rule.kind
    if kind == "points_multiplier":
        pass
    elif kind == "threshold_gift":
        data["gift_name"] = gift_name
    else:
        data[_COUNT_FIELD.get(kind, "units")] = count
        if kind == "member_price":
            data["price_fen"] = price
            data["tier"] = tier
        elif kind == "flash_price":
            data["price_fen"] = price
            data["left"] = left
    return Explanation(rule.explain_key, data)


def threshold_near(rule: Rule, base: int) -> Explanation:
    """"Spend ¥12.00 more for 满100减20" (or for the gift)."""
    data: dict[str, object] = {
        "name": rule.name,
        "threshold_fen": rule.threshold,
        "missing_fen": rule.threshold - base,
    }
    if rule.kind == "threshold_off":
        data["amount_fen"] = rule.amount
        return Explanation(HINT_THRESHOLD_NEAR, data)
    data["gift_sku"] = rule.gift_sku
    return Explanation(HINT_GIFT_NEAR, data)


def gift_available(rule: Rule) -> Explanation:
    """The customer has earned a gift that is not in the basket yet."""
    return Explanation(
        HINT_GIFT_AVAILABLE,
        {"name": rule.name, "threshold_fen": rule.threshold, "gift_sku": rule.gift_sku},
    )
