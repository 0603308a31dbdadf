"""Phase 2: basket rules (threshold_off, threshold_gift) on the amounts left after phase 1.

A rule's base is the current net of the units it covers, leaving out units an exclusive
rule took (and, for a gift rule, the gift unit itself: the gift does not pay for itself).
Exclusive and best_of basket rules compete for units like item rules: rules that share a
unit cannot both apply and the set with the largest total wins (ties: higher summed
priority, then smaller promo_ids; greedy above 10 rules sharing units). Stackable ones then
apply in rank order, each on the base left after the rules before it. threshold_off is
spread over its lines in proportion to their net, exactly to the fen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pos_app.core.cart import CartLine
from pos_app.core.money import allocate
from pos_app.core.promotions.book import Rule
from pos_app.core.promotions.explain import gift_available, threshold_near
from pos_app.core.promotions.ledger import Acc
from pos_app.core.promotions.model import Explanation
from pos_app.core.promotions.rules import split, threshold_off_amount
from pos_app.core.promotions.search import EXHAUSTIVE_MAX
from pos_app.core.promotions.units import Units


class _View:
    """Per line, the units a basket rule may use now and their net sum."""

    __slots__ = ("free", "open_lines", "open_total", "total")

    def __init__(self, units: Units, skip: bytearray, skipped: set[int]) -> None:
        net, blocked = units.net, units.blocked
        self.free: list[Sequence[int]] = []
        self.total = list(units.line_net)
        for i, (s, n) in enumerate(zip(units.start, units.count, strict=True)):
            if not units.blocked_n[i] and i not in skipped:
                self.free.append(range(s, s + n))
            else:
                free = [u for u in range(s, s + n) if not (blocked[u] or skip[u])]
                self.free.append(free)
                self.total[i] = sum(net[u] for u in free)
        # For rules that cover every product: the lines with usable units, and their sum.
        self.open_lines = [i for i, free in enumerate(self.free) if free]
        self.open_total = sum(self.total)

    def refreshed(self, units: Units) -> _View:
        """This view with current amounts, when no unit was set aside since it was made."""
        view = object.__new__(_View)
        view.free = self.free
        view.open_lines = self.open_lines
        net, line_net = units.net, units.line_net
        view.total = [line_net[i] if isinstance(free, range) else sum(net[u] for u in free)
                      for i, free in enumerate(self.free)]
        view.open_total = sum(view.total)
        return view


class _Cand:
    """A basket rule measured on the current amounts."""

    __slots__ = ("base", "gift", "lines", "off", "rule", "steps")

    def __init__(
        self, rule: Rule, units: Units, lines: Sequence[int], gift_lines: Sequence[int],
        view: _View,
    ) -> None:
        self.rule = rule
        net = units.net
        self.gift: int | None = None
        if rule.kind == "threshold_gift":
            for i in gift_lines:
                if not units.countable[i]:
                    continue  # a weighed or label-priced line is not "one unit"
                for u in view.free[i]:
                    # The dearest free unit: the customer gets the most out of the gift.
                    if net[u] > 0 and (self.gift is None or net[u] > net[self.gift]):
                        self.gift = u
        if len(lines) == len(view.free):  # every line
            self.lines = view.open_lines
            self.base = view.open_total
        else:
            self.lines = [i for i in lines if view.free[i]]  # lines with units in the base
            self.base = sum(map(view.total.__getitem__, self.lines))
        if self.gift is not None and units.line_of[self.gift] in self.lines:
            self.base -= net[self.gift]  # the gift does not pay for itself
        self.off = self.steps = 0
        if self.base >= rule.threshold:
            if rule.kind == "threshold_off":
                self.off, self.steps = threshold_off_amount(rule, self.base)
            elif self.gift is not None:
                self.off = net[self.gift]

    def base_units(self, view: _View) -> list[tuple[int, Sequence[int]]]:
        """(line, its units in the base), in line order."""
        gift = self.gift
        if gift is None:
            return [(i, view.free[i]) for i in self.lines]
        return [(i, [u for u in view.free[i] if u != gift]) for i in self.lines]

    def claimed(self, units: Units) -> set[int]:
        """Lines this rule holds when it applies (its base lines and its gift's line).

        Every basket rule sees the same free units of a line, so sharing a line with free
        units is sharing units.
        """
        out = set(self.lines)
        if self.gift is not None:
            out.add(units.line_of[self.gift])
        return out


def apply_basket_rules(
    units: Units,
    cands: Sequence[tuple[Rule, Sequence[int]]],
    sku_lines: Mapping[str, Sequence[int]],
) -> tuple[list[Acc], list[Explanation]]:
    """Apply the active basket rules (in rank order); returns their effects and the hints."""
    skip = bytearray(len(units))  # units held by an exclusive basket rule
    skipped: set[int] = set()  # their lines
    view = _View(units, skip, skipped)
    measured = [
        _Cand(rule, units, lines, sku_lines.get(rule.gift_sku, ()), view) for rule, lines in cands
    ]
    competing = [c for c in measured if c.rule.competing and c.off > 0]
    applied: list[Acc] = []  # in application order: the competition's winners, then stackables
    for cand in sorted(_best_set(competing, units), key=lambda c: c.rule.rank):
        applied.append(_apply(units, cand, view))
        if cand.rule.exclusive:
            for i in cand.lines:
                skipped.add(i)
                for u in view.free[i]:
                    skip[u] = 1
            if cand.gift is not None:
                skip[cand.gift] = 1
                skipped.add(units.line_of[cand.gift])
    for rule, lines in cands:
        if not rule.competing:
            view = _View(units, skip, skipped) if skipped else view.refreshed(units)
            cand = _Cand(rule, units, lines, sku_lines.get(rule.gift_sku, ()), view)
            if cand.off > 0:
                applied.append(_apply(units, cand, view))
    done = {acc.rule.rank for acc in applied}
    hints = []
    for cand in measured:
        if cand.rule.rank in done:
            continue
        rule, base = cand.rule, cand.base
        if base < rule.threshold:
            if 2 * base >= rule.threshold:
                hints.append(threshold_near(rule, base))
        elif rule.kind == "threshold_gift" and cand.gift is None:
            hints.append(gift_available(rule))
    return applied, hints


def _apply(units: Units, cand: _Cand, view: _View) -> Acc:
    acc = Acc(cand.rule)
    if cand.gift is not None:
        acc.take(units, [(cand.gift, cand.off)])
        line: CartLine = units.lines[units.line_of[cand.gift]]
        acc.gift_name = line.product.name
        acc.count = 1
    else:
        by_line = cand.base_units(view)
        acc.take(units, _spread(units, by_line, cand.off))
        for i, _ in by_line:
            acc.off.setdefault(i, 0)
        acc.count = cand.steps
    return acc


def _spread(
    units: Units, by_line: Sequence[tuple[int, Sequence[int]]], off: int
) -> list[tuple[int, int]]:
    """``off`` over lines by their net, then over each line's units by theirs, exactly."""
    net, line_net = units.net, units.line_net
    # A whole line (a range of units) is worth its line_net; a partial one is summed.
    weights = [line_net[i] if isinstance(members, range) else sum(net[u] for u in members)
               for i, members in by_line]
    offs: list[tuple[int, int]] = []
    for (_, members), share in zip(by_line, allocate(off, weights), strict=True):
        if not share:
            continue
        if len(members) == 1:
            offs.append((members[0], share))
            continue
        parts = split(share, [net[u] for u in members])
        offs.extend((u, part) for u, part in zip(members, parts, strict=True) if part)
    return offs


def _best_set(cands: list[_Cand], units: Units) -> list[_Cand]:
    """The non-overlapping competing basket rules with the largest total off."""
    claims = [c.claimed(units) for c in cands]
    chosen: list[_Cand] = []
    for component in _components(claims):
        members = [cands[k] for k in component]
        member_claims = [claims[k] for k in component]
        if len(members) <= EXHAUSTIVE_MAX:
            chosen.extend(_exhaustive(members, member_claims))
        else:
            chosen.extend(_greedy(members, member_claims))
    return chosen


def _key(cands: Sequence[_Cand]) -> tuple[int, int, tuple[str, ...]]:
    return (
        sum(c.off for c in cands),
        sum(c.rule.priority for c in cands),
        tuple(sorted(c.rule.promo_id for c in cands)),
    )


def _better(a: tuple[int, int, tuple[str, ...]], b: tuple[int, int, tuple[str, ...]]) -> bool:
    return (a[0], a[1]) > (b[0], b[1]) or ((a[0], a[1]) == (b[0], b[1]) and a[2] < b[2])


def _exhaustive(members: list[_Cand], claims: list[set[int]]) -> list[_Cand]:
    best: list[_Cand] = []
    best_key = _key(best)

    def walk(i: int, picked: list[_Cand], held: set[int]) -> None:
        nonlocal best, best_key
        if i == len(members):
            key = _key(picked)
            if _better(key, best_key):
                best, best_key = list(picked), key
            return
        if not claims[i] & held:
            picked.append(members[i])
            walk(i + 1, picked, held | claims[i])
            picked.pop()
        walk(i + 1, picked, held)

    walk(0, [], set())
    return best


def _greedy(members: list[_Cand], claims: list[set[int]]) -> list[_Cand]:
    order = sorted(range(len(members)), key=lambda k: (-members[k].off, members[k].rule.rank))
    held: set[int] = set()
    picked = []
    for k in order:
        if not claims[k] & held:
            picked.append(members[k])
            held |= claims[k]
    return picked


def _components(claims: list[set[int]]) -> list[list[int]]:
    """Indices grouped by shared units (transitively), each group in input order."""
    groups: list[tuple[set[int], list[int]]] = []
    for k, claim in enumerate(claims):
        merged_units, merged_ids = set(claim), [k]
        rest = []
        for g_units, g_ids in groups:
            if g_units & merged_units:
                merged_units |= g_units
                merged_ids.extend(g_ids)
            else:
                rest.append((g_units, g_ids))
        groups = [*rest, (merged_units, sorted(merged_ids))]
    return sorted((ids for _, ids in groups), key=lambda ids: ids[0])
