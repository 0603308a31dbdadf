"""Phase 1: exclusive and best_of item rules compete for units; the customer gets the best mix.

Unit rules (percent_off, amount_off, member_price, flash_price) are settled unit by unit:
each unit goes to the one that takes most off it. Count rules (nth_item, buy_x_get_y,
n_for_price) and flash prices with a unit limit couple units, so they are grouped by the
lines they share and each group is searched: every subset of its count rules (≤ 10, by
branch and bound), applied in rank order, each taking the units it gains most from, the
units left going to the unit rules. The best total wins; ties go to the higher summed
priority of the rules used, then to the smaller sorted promo_ids. Above 10 count rules a
group is settled greedily (the rule that adds most, until none adds anything).
"""

from __future__ import annotations

from collections.abc import Sequence

from pos_app.core.promotions.book import Rule
from pos_app.core.promotions.candidates import CountCand, FlashCand
from pos_app.core.promotions.kinds import BP
from pos_app.core.promotions.ledger import Acc
from pos_app.core.promotions.rules import unit_off
from pos_app.core.promotions.search import Board, Chosen, Group, groups
from pos_app.core.promotions.units import Units


def compete(
    units: Units,
    unit_rules: Sequence[tuple[Rule, Sequence[int], int]],
    counts: list[CountCand],
    flashes: Sequence[tuple[Rule, Sequence[int], int, int]],
    accs: dict[int, Acc],
) -> None:
    """Settle the competing item rules; reduce unit amounts, block exclusive units.

    ``unit_rules``: (rule, lines, resolved price) without a unit limit; ``flashes``: (rule,
    lines, price, units left) for limited flash prices. Effects are booked in ``accs``.
    """
    lines = units.lines
    n_lines = len(lines)
    best_off = [0] * n_lines
    best_rule: list[Rule | None] = [None] * n_lines
    for rule, rule_lines, price in unit_rules:  # rank order: a tie keeps the earlier rule
        for i, off in zip(rule_lines, _offs(units, rule, rule_lines, price), strict=True):
            if off > best_off[i]:
                best_off[i] = off
                best_rule[i] = rule
    unit_base = units.unit_base
    flash_cands = []
    for rule, rule_lines, price, left in flashes:
        offs = {i: unit_off(rule, lines[i], unit_base[i], price) for i in rule_lines}
        offs = {i: off for i, off in offs.items() if off > 0}
        if offs:
            flash_cands.append(FlashCand(rule, offs, left))

    board = Board(units)
    for group_counts, group_flashes in groups(counts, flash_cands):
        takes = None
        if len(group_counts) == 1 and not group_flashes:
            takes = _obvious(group_counts[0], units, best_off, board)
        group: Group | None = None
        if takes is None:
            group = Group(units, group_counts, group_flashes, best_off, best_rule, board)
            takes = group.search()
        for cand, take in takes:
            acc = _acc(accs, cand.rule)
            acc.take(units, take.offs)
            acc.touch(units, take.taken)
            acc.count += take.count
            if cand.rule.exclusive:
                units.block(take.taken)
        if group is None:
            for _, take in takes:
                board.mark(take.taken)
        else:
            for f, i, n in group.flash_plan_after(takes):
                _line_offs(units, _acc(accs, f.rule), i, n, f.off[i], board)

    # Every unit still free goes to the unit rule that takes most off its line's units.
    start, count, taken_n, taken = units.start, units.count, board.taken_n, board.taken
    for i in range(n_lines):
        best = best_rule[i]
        if best is None:
            continue
        s = start[i]
        if taken_n[i]:
            free: Sequence[int] = [u for u in range(s, s + count[i]) if not taken[u]]
            if not free:
                continue
        else:
            free = range(s, s + count[i])
        booked = accs.get(best.rank)
        if booked is None:
            booked = accs[best.rank] = Acc(best)
        booked.take_line(units, i, free, best_off[i])
        booked.count += len(free)
        if best.exclusive:
            units.block(free)


def _offs(units: Units, rule: Rule, lines: Sequence[int], price: int) -> list[int]:
    """Fen off one unit of each of ``lines`` at its base amount (the common kinds inlined:
    this runs for every rule on every line it covers)."""
    unit_base = units.unit_base
    kind = rule.kind
    if kind == "percent_off":
        bp2 = 2 * rule.bp
        return [(unit_base[i] * bp2 + BP) // (2 * BP) for i in lines]  # half-up, amounts ≥ 0
    if kind == "amount_off":
        amount = rule.amount
        return [min(amount, unit_base[i]) for i in lines]
    countable, cart_lines = units.countable, units.lines
    return [
        max(unit_base[i] - price, 0) if countable[i]
        else unit_off(rule, cart_lines[i], unit_base[i], price)
        for i in lines
    ]


def _obvious(
    cand: CountCand, units: Units, best_off: list[int], board: Board
) -> list[Chosen] | None:
    """A lone count rule either adds to or loses against the unit rules it displaces; None
    when it is a tie, which the full search settles."""
    take = cand.take(units.base, board.taken)
    if take.total <= 0:
        return []
    line_of = units.line_of
    gain = take.total - sum(best_off[line_of[u]] for u in take.taken)
    if gain == 0:
        return None
    return [(cand, take)] if gain > 0 else []


def _line_offs(units: Units, acc: Acc, i: int, n: int, off: int, board: Board) -> None:
    """Give up to ``n`` free units of line ``i`` to a unit rule at ``off`` each."""
    s, count = units.start[i], units.count[i]
    if board.taken_n[i] == 0 and n >= count:
        free: Sequence[int] = range(s, s + count)
    else:
        taken = board.taken
        free = [u for u in range(s, s + count) if not taken[u]][:n]
        if not free:
            return
    board.mark(free)
    acc.take_line(units, i, free, off)
    acc.count += len(free)
    if acc.rule.exclusive:
        units.block(free)


def _acc(accs: dict[int, Acc], rule: Rule) -> Acc:
    acc = accs.get(rule.rank)
    if acc is None:
        acc = accs[rule.rank] = Acc(rule)
    return acc
