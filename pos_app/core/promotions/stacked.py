"""Phase 1, on top: a stackable item rule applies to the already-reduced unit amounts of every
unit it covers that no exclusive rule took (stackable rules do not compete with each other)."""

from __future__ import annotations

from collections.abc import Sequence

from pos_app.core.promotions.book import Rule
from pos_app.core.promotions.kinds import UNIT_KINDS
from pos_app.core.promotions.ledger import Acc
from pos_app.core.promotions.rules import (
    Take,
    take_buy_x_get_y,
    take_n_for_price,
    take_nth,
    unit_off,
)
from pos_app.core.promotions.units import Units


def apply_stackable(
    units: Units,
    acc: Acc,
    lines: Sequence[int],
    buy: Sequence[int],
    get: Sequence[int],
    price: int,
    left: int,
) -> None:
    """Apply one stackable item rule; ``left`` is a flash unit limit (-1 = none)."""
    rule = acc.rule
    net, blocked = units.net, units.blocked
    if rule.kind in UNIT_KINDS:
        cart_lines, start, count = units.lines, units.start, units.count
        offs = []
        for i in lines:
            line = cart_lines[i]
            amount = off = -1
            for u in range(start[i], start[i] + count[i]):
                if blocked[u]:
                    continue
                if net[u] != amount:  # a line's units are mostly worth the same
                    amount = net[u]
                    off = unit_off(rule, line, amount, price)
                if off > 0:
                    offs.append((u, off))
        if left >= 0 and len(offs) > left:
            # Limited flash price: the units it saves most on, then in cart order.
            offs = sorted(sorted(offs, key=lambda o: (-o[1], o[0]))[:left])
        acc.take(units, offs)
        acc.count += len(offs)
        return
    take = _take_count(units, rule, lines, buy, get)
    acc.take(units, take.offs)
    acc.touch(units, take.taken)
    acc.count += take.count


def _take_count(
    units: Units, rule: Rule, lines: Sequence[int], buy: Sequence[int], get: Sequence[int]
) -> Take:
    net, blocked = units.net, units.blocked
    if rule.kind == "buy_x_get_y":
        is_buy = bytearray(len(units))
        buy_units = units.of_lines(buy)
        for u in buy_units:
            is_buy[u] = 1
        buy_asc = sorted(buy_units, key=lambda u: (net[u], u))
        get_asc = sorted(units.of_lines(get), key=lambda u: (net[u], u))
        return take_buy_x_get_y(buy_asc, get_asc, is_buy, net, blocked, rule)
    order = sorted(units.of_lines(lines), key=lambda u: (-net[u], u))
    if rule.kind == "nth_item":
        return take_nth(order, net, blocked, rule)
    return take_n_for_price(order, net, blocked, rule)
