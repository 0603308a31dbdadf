"""One run's effects as the public PromoResult.

A till re-prices the whole basket on every scan, and most of what it finds is what it found
one scan earlier. Values that recur are reused (each rule keeps the AppliedPromotion it last
produced; amounts and promo-id tuples come from the book's ``SharedValues``): they are
immutable, so sharing them changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from pos_app.core.cart import CartLine
from pos_app.core.money import Money
from pos_app.core.promotions.book import PromotionBook, Rule
from pos_app.core.promotions.explain import explain
from pos_app.core.promotions.kinds import BP
from pos_app.core.promotions.ledger import Acc
from pos_app.core.promotions.model import (
    AppliedPromotion,
    Explanation,
    PromoContext,
    PromoResult,
)
from pos_app.core.promotions.units import Units
from pos_app.core.promotions.values import SharedValues


def _applied(acc: Acc, line_ids: tuple[int, ...], ctx: PromoContext,
             values: SharedValues) -> AppliedPromotion:
    rule, total, count = acc.rule, acc.total, acc.count
    price, tier, left = 0, "", 0
    if rule.kind == "member_price":
        price, tier = rule.unit_price(ctx), ctx.tier or ""
    elif rule.kind == "flash_price":
        price, left = rule.price, rule.flash_left(ctx)
        left = max(0, left - count) if left >= 0 else 0
    key = (total, count, line_ids, price, tier, left, acc.gift_name)
    last = rule.last_applied
    if last is not None and last[0] == key:
        return last[1]
    explanation = explain(
        rule, total, count, price=price, tier=tier, left=left, gift_name=acc.gift_name
    )
    applied = AppliedPromotion(
        rule.promo_id, rule.name, rule.kind, values.money(total), line_ids, explanation
    )
    rule.last_applied = (key, applied)
    return applied


def build_result(
    values: SharedValues,
    units: Units,
    applied: Sequence[Acc],
    ctx: PromoContext,
    event: Rule | None,
    hints: Sequence[Explanation],
) -> PromoResult:
    """The PromoResult of a run: per-line totals, rules in application order, hints."""
    lines = units.lines
    promo_ids: list[list[str]] = [[] for _ in lines]
    out: list[AppliedPromotion] = []
    for acc in applied:
        touched = sorted(acc.off)
        promo_id = acc.rule.promo_id
        for i in touched:
            promo_ids[i].append(promo_id)
        out.append(_applied(acc, tuple(lines[i].line_id for i in touched), ctx, values))
    # What left each line: its units' amount before promotions less what they are worth now.
    line_off = [u * n - left for u, n, left in zip(
        units.unit_base, units.count, units.line_net, strict=True)]
    multiplier = BP
    if event is not None:
        multiplier = event.multiplier
        out.append(_event_applied(event))
    line_discounts = {
        ln.line_id: values.money(off) for ln, off in zip(lines, line_off, strict=True) if off > 0
    }
    line_promos = {
        ln.line_id: values.ids(tuple(ids))
        for ln, ids in zip(lines, promo_ids, strict=True)
        if ids
    }
    return PromoResult(line_discounts, line_promos, tuple(out), multiplier, tuple(hints))


def _event_applied(event: Rule) -> AppliedPromotion:
    last = event.last_applied
    if last is not None:
        return last[1]
    applied = AppliedPromotion(
        event.promo_id, event.name, event.kind, Money(0), (), explain(event, 0, 0)
    )
    event.last_applied = ((), applied)
    return applied


def points_event(book: PromotionBook, ctx: PromoContext, lines: Sequence[CartLine]) -> Rule | None:
    """The active points event with the highest multiplier (events do not multiply)."""
    best: Rule | None = None
    for rule in book.events:  # rank order: on equal multipliers the earlier rule wins
        if best is not None and rule.multiplier <= best.multiplier:
            continue
        if not rule.is_active(ctx):
            continue
        # A targeted event needs one of its products in the basket.
        if rule.target.is_everything or any(rule.target.matches(ln.product) for ln in lines):
            best = rule
    return best
