"""The words of the rule language: channels, stacking modes, rule kinds and their families."""

from __future__ import annotations

from typing import Literal, get_args

Channel = Literal["store", "online"]
Stacking = Literal["exclusive", "best_of", "stackable"]
RuleKind = Literal[
    "percent_off",
    "amount_off",
    "member_price",
    "flash_price",
    "buy_x_get_y",
    "nth_item",
    "n_for_price",
    "threshold_off",
    "threshold_gift",
    "points_multiplier",
]
CHANNELS: tuple[Channel, ...] = get_args(Channel)
STACKINGS: tuple[Stacking, ...] = get_args(Stacking)
RULE_KINDS: tuple[RuleKind, ...] = get_args(RuleKind)

# Rules that price each unit on its own (they also apply to weighed and label-priced lines).
UNIT_KINDS: frozenset[RuleKind] = frozenset(
    {"percent_off", "amount_off", "member_price", "flash_price"}
)
# Rules that count units: weighed and label-priced lines (one indivisible unit) are skipped.
COUNT_KINDS: frozenset[RuleKind] = frozenset({"buy_x_get_y", "nth_item", "n_for_price"})
BASKET_KINDS: frozenset[RuleKind] = frozenset({"threshold_off", "threshold_gift"})

BP = 10_000  # basis points in a whole: 10000 = 100 %, and the ×1 points multiplier
