"""Phase-1 candidates that need more than a per-unit comparison: count rules with their units
sorted once, and flash prices with a unit limit."""

from __future__ import annotations

from collections.abc import Sequence

from pos_app.core.promotions.book import Rule
from pos_app.core.promotions.rules import (
    Take,
    buy_x_get_y_bound,
    take_buy_x_get_y,
    take_n_for_price,
    take_nth,
)
from pos_app.core.promotions.units import Units


def units_by_amount(
    units: Units, lines: Sequence[int], amount: Sequence[int], *, desc: bool
) -> list[int]:
    """Units of ``lines`` by their line's unit amount (dearest or cheapest first), then index.

    All units of a line are worth the same at the start of phase 1, so sort lines, not units.
    """
    sign = -1 if desc else 1
    out: list[int] = []
    start, count = units.start, units.count
    for i in sorted(lines, key=lambda i: (sign * amount[i], i)):
        s = start[i]
        out.extend(range(s, s + count[i]))
    return out


class CountCand:
    """A count rule with its candidate units pre-sorted on their base amounts."""

    __slots__ = ("_bound", "buy_asc", "get_asc", "is_buy", "lines", "order", "rule")

    def __init__(
        self, units: Units, rule: Rule, lines: list[int], buy: list[int], get: list[int]
    ) -> None:
        self.rule = rule
        self.lines = lines
        unit_base = units.unit_base
        self.order: list[int] = []
        self.buy_asc: list[int] = []
        self.get_asc: list[int] = []
        self.is_buy = bytearray()
        if rule.kind == "buy_x_get_y":
            self.buy_asc = units_by_amount(units, buy, unit_base, desc=False)
            self.get_asc = units_by_amount(units, get, unit_base, desc=False)
            self.is_buy = bytearray(len(units))
            for u in self.buy_asc:
                self.is_buy[u] = 1
        else:
            self.order = units_by_amount(units, lines, unit_base, desc=True)
        self._bound = -1

    def bound(self, base: Sequence[int]) -> int:
        """Most this rule can take off any subset of its units (computed when first needed)."""
        if self._bound < 0:
            if self.rule.kind == "buy_x_get_y":
                self._bound = buy_x_get_y_bound(self.get_asc, len(self.buy_asc), base, self.rule)
            else:
                # nth_item and n_for_price never gain from losing units: their total is a bound.
                self._bound = self.take(base, bytearray(len(base))).total
        return self._bound

    def take(self, amounts: Sequence[int], skip: bytearray) -> Take:
        """What the rule takes with ``skip`` units unavailable."""
        kind = self.rule.kind
        if kind == "nth_item":
            return take_nth(self.order, amounts, skip, self.rule)
        if kind == "n_for_price":
            return take_n_for_price(self.order, amounts, skip, self.rule)
        return take_buy_x_get_y(self.buy_asc, self.get_asc, self.is_buy, amounts, skip, self.rule)


class FlashCand:
    """A flash price limited to ``left`` units; ``off`` is the fen off one unit per line."""

    __slots__ = ("left", "lines", "off", "rule")

    def __init__(self, rule: Rule, off: dict[int, int], left: int) -> None:
        self.rule = rule
        self.off = off
        self.lines = sorted(off)
        self.left = left
