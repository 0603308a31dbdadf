"""Price a basket's promotions: find the rules that can touch it, run the phases, explain."""

from __future__ import annotations

from collections.abc import Sequence

from pos_app.core.cart import CartLine
from pos_app.core.promotions.basket import apply_basket_rules
from pos_app.core.promotions.book import PromotionBook, Rule
from pos_app.core.promotions.candidates import CountCand
from pos_app.core.promotions.competition import compete
from pos_app.core.promotions.kinds import BASKET_KINDS, COUNT_KINDS
from pos_app.core.promotions.ledger import Acc
from pos_app.core.promotions.model import PromoContext, PromoResult
from pos_app.core.promotions.result import build_result, points_event
from pos_app.core.promotions.stacked import apply_stackable
from pos_app.core.promotions.units import Units


class _Found:
    """The active rules that can touch the basket, with the lines each covers."""

    __slots__ = ("buy", "get", "lines", "rules", "sku_lines")

    def __init__(self, units: Units, book: PromotionBook, ctx: PromoContext) -> None:
        self.rules: dict[int, Rule] = {}
        self.lines: dict[int, list[int]] = {}
        self.buy: dict[int, list[int]] = {}
        self.get: dict[int, list[int]] = {}
        self.sku_lines: dict[str, list[int]] = {}
        lines_of = self.lines
        countable = units.countable
        n = len(units.lines)
        active = book.active(ctx)
        for rule in book.everywhere:
            if active(rule):
                # Every line, but a count rule cannot count a weighed or label-priced line.
                covered = [i for i in range(n) if countable[i]] if rule.counted else list(
                    range(n))
                if covered:
                    self.rules[rule.rank] = rule
                    lines_of[rule.rank] = covered
        inactive: set[int] = set()  # checked once, whatever the number of lines
        for i, ln in enumerate(units.lines):
            can_count = countable[i]
            for rule in book.rules_for(ln.product):
                rank = rule.rank
                found = lines_of.get(rank)
                if found is None:
                    if rank in inactive:
                        continue
                    if not active(rule):
                        inactive.add(rank)
                        continue
                    self.rules[rank] = rule
                    found = lines_of[rank] = []
                if rule.counted and not can_count:
                    continue  # one indivisible unit: nothing to count
                found.append(i)
        gifts = {r.gift_sku for r in self.rules.values() if r.kind == "threshold_gift"}
        for rank, rule in self.rules.items():
            if rule.kind == "buy_x_get_y":
                self._split_buy_get(units, rule, lines_of[rank])
        if gifts:
            for i, ln in enumerate(units.lines):
                if ln.product.sku in gifts:
                    self.sku_lines.setdefault(ln.product.sku, []).append(i)

    def _split_buy_get(self, units: Units, rule: Rule, covered: list[int]) -> None:
        # Indexed under both targets: find out which each line is in (it may be both).
        lines = units.lines
        self.buy[rule.rank] = [i for i in covered if rule.target.matches(lines[i].product)]
        self.get[rule.rank] = [i for i in covered if rule.get_target.matches(lines[i].product)]


def apply_promotions(
    lines: Sequence[CartLine], book: PromotionBook, ctx: PromoContext
) -> PromoResult:
    """Every promotion discount on ``lines`` for ``ctx``; deterministic and idempotent."""
    eligible = [ln for ln in lines if not ln.price_overridden]  # the cashier's price wins
    units = Units(eligible)
    found = _Found(units, book, ctx)

    unit_rules: list[tuple[Rule, list[int], int]] = []
    flashes: list[tuple[Rule, list[int], int, int]] = []
    counts: list[CountCand] = []
    stackable: list[Rule] = []
    basket: list[tuple[Rule, list[int]]] = []
    for rank in sorted(found.rules):
        rule, rule_lines = found.rules[rank], found.lines[rank]
        if not rule_lines:
            continue
        kind = rule.kind
        if kind in BASKET_KINDS:
            basket.append((rule, rule_lines))
        elif not rule.competing:
            stackable.append(rule)
        elif kind in COUNT_KINDS:
            buy, get = found.buy.get(rank, []), found.get.get(rank, [])
            if kind != "buy_x_get_y" or (buy and get):
                counts.append(CountCand(units, rule, rule_lines, buy, get))
        elif kind == "flash_price" and rule.limit:
            flashes.append((rule, rule_lines, rule.price, rule.flash_left(ctx)))
        else:
            unit_rules.append((rule, rule_lines, rule.unit_price(ctx)))

    accs: dict[int, Acc] = {}
    compete(units, unit_rules, counts, flashes, accs)
    applied = [accs[rank] for rank in sorted(accs)]
    for rule in stackable:
        acc = Acc(rule)
        rank = rule.rank
        apply_stackable(
            units,
            acc,
            found.lines[rank],
            found.buy.get(rank, []),
            found.get.get(rank, []),
            rule.unit_price(ctx),
            rule.flash_left(ctx),
        )
        applied.append(acc)
    basket_accs, hints = apply_basket_rules(units, basket, found.sku_lines)
    applied.extend(basket_accs)
    event = points_event(book, ctx, units.lines)
    return build_result(book.values, units, [a for a in applied if a.total > 0], ctx, event,
                        hints)
