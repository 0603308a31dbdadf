"""What each rule kind takes off, on unit amounts in int fen (no choosing between rules here).

Count rules (nth_item, buy_x_get_y, n_for_price) get their candidate units already sorted
and a ``skip`` mask of units they may not use; they return a ``Take``: the units they use
(the "bought" ones too) and the fen off each discounted unit.
"""

from __future__ import annotations

from collections.abc import Sequence

from pos_app.core.cart import CartLine
from pos_app.core.money import _div_half_up, allocate
from pos_app.core.promotions.book import Rule
from pos_app.core.promotions.kinds import BP


class Take:
    """Units a count rule uses, the discount on each, the total, and a count to explain it."""

    __slots__ = ("count", "offs", "taken", "total")

    def __init__(self, taken: list[int], offs: list[tuple[int, int]], count: int) -> None:
        self.taken = taken
        self.offs = offs  # (unit, fen off) for units with a discount
        self.total = sum(off for _, off in offs)
        self.count = count  # discounted units (nth, buy_x_get_y) or bundles (n_for_price)


NOTHING = Take([], [], 0)


def split(amount: int, weights: Sequence[int]) -> list[int]:
    """``money.allocate`` (largest remainder, ties to the earlier index), with the common
    case of equal weights done directly: the remainder goes one fen each to the first."""
    if weights and min(weights) == max(weights) and weights[0] > 0:
        q, r = divmod(amount, len(weights))
        return [q + 1] * r + [q] * (len(weights) - r)
    return allocate(amount, weights)


def price_amount(line: CartLine, price: int) -> int | None:
    """A line unit's amount at ``price`` (per piece, per kg, or scaled from a scale label).

    None when a label's amount cannot be scaled (product price 0).
    """
    if line.fixed_amount is not None:
        list_price = line.product.price.fen
        if list_price <= 0:
            return None
        return _div_half_up(line.fixed_amount.fen * price, list_price)
    if line.product.is_weighed:
        return _div_half_up(line.qty * price, 1000)
    return price


def unit_off(rule: Rule, line: CartLine, amount: int, price: int) -> int:
    """Fen a unit rule takes off one unit now worth ``amount`` (never more than ``amount``).

    ``price`` is the rule's resolved price (member tier price or flash price).
    """
    kind = rule.kind
    if kind == "percent_off":
        return _div_half_up(amount * rule.bp, BP)
    if kind == "amount_off":
        return rule.amount if rule.amount < amount else amount
    new = price_amount(line, price)
    # A price rule never raises the price.
    return amount - new if new is not None and amount > new else 0


def take_nth(order: Sequence[int], amounts: Sequence[int], skip: bytearray, rule: Rule) -> Take:
    """Every Nth unit by amount, highest first, gets ``bp`` off: the cheaper one of each pair."""
    free = [u for u in order if not skip[u]]
    n = rule.qty
    used = len(free) // n * n
    if used == 0:
        return NOTHING
    bp = rule.bp
    offs = []
    for j in range(n - 1, used, n):
        u = free[j]
        off = _div_half_up(amounts[u] * bp, BP)
        if off:
            offs.append((u, off))
    return Take(free[:used], offs, used // n)


def take_n_for_price(
    order: Sequence[int], amounts: Sequence[int], skip: bytearray, rule: Rule
) -> Take:
    """Bundles of N units, most expensive first, cost ``price`` each while that saves money."""
    free = [u for u in order if not skip[u]]
    n, price = rule.qty, rule.price
    taken: list[int] = []
    offs: list[tuple[int, int]] = []
    bundles = 0
    for i in range(0, len(free) - n + 1, n):
        group = free[i : i + n]
        weights = [amounts[u] for u in group]
        saving = sum(weights) - price
        if saving <= 0:
            break  # later bundles are cheaper still
        bundles += 1
        taken.extend(group)
        shares = split(saving, weights)
        offs.extend((u, off) for u, off in zip(group, shares, strict=True) if off)
    return Take(taken, offs, bundles)


def take_buy_x_get_y(
    buy_asc: Sequence[int],
    get_asc: Sequence[int],
    is_buy: bytearray,
    amounts: Sequence[int],
    skip: bytearray,
    rule: Rule,
) -> Take:
    """Every X bought gives Y "get" units at ``bp`` off, cheapest "get" units first.

    A unit is bought or got, never both; the bought units are the cheapest left, so the
    dearer units stay free for other rules. ``is_buy`` marks units in the "buy" target.
    """
    x, y = rule.qty, rule.get_qty
    # A zero-amount unit gains nothing as a "get" unit; do not spend the entitlement on it.
    gets_free = [u for u in get_asc if not skip[u] and amounts[u] > 0]
    buyable = sum(1 for u in buy_asc if not skip[u])
    gets: list[int] = []
    for u in gets_free:
        left = buyable - 1 if is_buy[u] else buyable
        if y * (left // x) < len(gets) + 1:
            if is_buy[u]:
                continue  # it must stay bought; a dearer unit outside the "buy" pool may do
            break  # no later unit can be got either: the entitlement is used up
        gets.append(u)
        buyable = left
    if not gets:
        return NOTHING
    k = len(gets)
    got = set(gets)
    need = -(-k // y) * x
    bought = [u for u in buy_asc if not skip[u] and u not in got][:need]
    bp = rule.bp
    offs = []
    for u in gets:
        off = _div_half_up(amounts[u] * bp, BP)
        if off:
            offs.append((u, off))
    return Take(bought + gets, offs, len(offs))


def buy_x_get_y_bound(
    get_asc: Sequence[int], n_buy: int, amounts: Sequence[int], rule: Rule
) -> int:
    """An upper bound of what buy_x_get_y can take off any subset of its units.

    (Cheapest-first makes it non-monotone, so its own total on all units is no bound.)
    """
    k = min(len(get_asc), rule.get_qty * (n_buy // rule.qty))
    dearest = sorted((amounts[u] for u in get_asc), reverse=True)[:k]
    return sum(_div_half_up(a * rule.bp, BP) for a in dearest)


def threshold_off_amount(rule: Rule, base: int) -> tuple[int, int]:
    """(fen off, steps reached) for threshold_off on an eligible spend of ``base``."""
    steps = base // rule.threshold
    if not rule.repeat:
        steps = min(steps, 1)
    off = rule.amount * steps
    if rule.cap is not None:
        off = min(off, rule.cap)
    return min(off, base), steps
