"""The active rule set, compiled and indexed once so pricing looks only at rules that can apply."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pos_app.core.product import ProductInfo
from pos_app.core.promotions.kinds import BP, COUNT_KINDS, RuleKind
from pos_app.core.promotions.model import AppliedPromotion, PromoContext, Promotion, Target
from pos_app.core.promotions.validity import Validity
from pos_app.core.promotions.values import SharedValues

_ALWAYS = Validity()
# Distinct (sku, category, brand) keys remembered; a store sells a few thousand a day.
_MEMO_LIMIT = 8192
# Contexts (store, channel, member tier, coupons) remembered; a till sees a handful a day.
_SCOPE_LIMIT = 64


class Rule:
    """A promotion compiled for pricing: int fen fields and its rank in application order.

    ``rank`` orders rules by priority (higher first), then promo_id, and is the one tie-break
    used everywhere, so results never depend on the order the rules were given in.
    """

    __slots__ = (
        "always",
        "amount",
        "bp",
        "cap",
        "channels",
        "competing",
        "counted",
        "coupon_only",
        "exclusive",
        "explain_key",
        "explain_static",
        "get_qty",
        "get_target",
        "gift_sku",
        "kind",
        "last_applied",
        "limit",
        "multiplier",
        "name",
        "price",
        "priority",
        "promo",
        "promo_id",
        "qty",
        "rank",
        "repeat",
        "stores",
        "target",
        "threshold",
        "tier_prices",
        "tiers",
        "validity",
        "validity_slot",
    )

    def __init__(self, promo: Promotion, rank: int) -> None:
        self.promo = promo
        self.rank = rank
        self.promo_id = promo.promo_id
        self.name = promo.name
        self.kind: RuleKind = promo.kind
        self.counted = promo.kind in COUNT_KINDS  # counts units: skips weighed/label lines
        self.priority = promo.priority
        self.competing = promo.stacking != "stackable"
        self.exclusive = promo.stacking == "exclusive"
        self.target = promo.target
        self.get_target: Target = promo.get_target or promo.target
        # buy_x_get_y: 0 means the "get" units are free.
        self.bp = promo.percent_bp or (BP if promo.kind == "buy_x_get_y" else 0)
        self.amount = promo.amount.fen
        self.price = promo.price.fen
        self.tier_prices = {tier: price.fen for tier, price in promo.tier_prices}
        self.qty = promo.qty
        self.get_qty = promo.get_qty
        self.threshold = promo.threshold.fen
        self.repeat = promo.repeat
        self.cap = None if promo.cap is None else promo.cap.fen
        self.gift_sku = promo.gift_sku
        self.limit = promo.limit_per_member
        self.multiplier = promo.multiplier_bp
        self.validity = promo.validity
        self.always = promo.validity == _ALWAYS
        self.validity_slot = 0  # index of this validity among the book's distinct ones
        self.stores = promo.stores
        self.tiers = promo.tiers
        self.channels = promo.channels
        self.coupon_only = promo.coupon_only
        self.explain_key = f"promo.{promo.kind}"
        # The explanation's fields that depend on the rule alone, filled on first use.
        self.explain_static: dict[str, object] | None = None
        # (its inputs, the AppliedPromotion) of the last run that applied this rule.
        self.last_applied: tuple[tuple[object, ...], AppliedPromotion] | None = None

    def is_active(self, ctx: PromoContext) -> bool:
        """True when the rule runs for this store, channel, member, coupons and time."""
        return self.in_scope(ctx) and (self.always or self.validity.covers(ctx.at))

    def in_scope(self, ctx: PromoContext) -> bool:
        """True when the rule runs for this store, channel, member and coupons (any time)."""
        if self.stores and ctx.store_code not in self.stores:
            return False
        if self.tiers and ctx.tier not in self.tiers:
            return False
        if ctx.channel not in self.channels:
            return False
        if self.coupon_only and self.promo_id not in ctx.coupon_promo_ids:
            return False
        if self.kind == "member_price" and (ctx.tier is None or ctx.tier not in self.tier_prices):
            return False
        return not (self.kind == "flash_price" and self.limit and self.flash_left(ctx) <= 0)

    def flash_left(self, ctx: PromoContext) -> int:
        """Units still allowed at the flash price (limit 0 = no limit: -1)."""
        if not self.limit:
            return -1
        # Without a member the limit applies to this sale only.
        bought = ctx.flash_bought.get(self.promo_id, 0) if ctx.tier is not None else 0
        return self.limit - bought

    def unit_price(self, ctx: PromoContext) -> int:
        """The price a member_price / flash_price rule sets (per unit, or per kg)."""
        if self.kind == "member_price":
            return self.tier_prices[ctx.tier] if ctx.tier is not None else 0
        return self.price


class Activity:
    """Rule activity for one run: scope from the book's memo, each validity checked once."""

    __slots__ = ("_at", "_covers", "_scope", "_validities")

    def __init__(self, scope: bytearray, validities: tuple[Validity, ...], at: datetime) -> None:
        self._scope = scope
        self._validities = validities
        self._at = at
        self._covers: list[bool | None] = [None] * len(validities)

    def __call__(self, rule: Rule) -> bool:
        """True when ``rule`` is active."""
        if not self._scope[rule.rank]:
            return False
        if rule.always:
            return True
        slot = rule.validity_slot
        covered = self._covers[slot]
        if covered is None:
            covered = self._covers[slot] = self._validities[slot].covers(self._at)
        return covered


def _keys(target: Target) -> Iterable[tuple[int, str]]:
    yield from ((0, s) for s in target.skus)
    yield from ((1, c) for c in target.categories)
    yield from ((2, b) for b in target.brands)


class PromotionBook:
    """Active rule set, indexed once (by sku, category, brand, and 'all products') so pricing
    a basket only looks at rules that can touch it."""

    __slots__ = (
        "_events",
        "_everything",
        "_index",
        "_memo",
        "_rules",
        "_scopes",
        "_validities",
        "values",
    )

    def __init__(self, promotions: Iterable[Promotion]) -> None:
        promos = list(promotions)
        seen: set[str] = set()
        for p in promos:
            if not isinstance(p, Promotion):
                raise TypeError(f"PromotionBook takes Promotion values, got {type(p).__name__}")
            if p.promo_id in seen:
                raise ValueError(f"duplicate promo_id {p.promo_id!r}")
            seen.add(p.promo_id)
        ordered = sorted(promos, key=lambda p: (-p.priority, p.promo_id))
        self._rules = tuple(Rule(p, rank) for rank, p in enumerate(ordered))
        # Rules share a handful of windows ("双11", evenings): check each once per run.
        slots: dict[Validity, int] = {}
        for r in self._rules:
            r.validity_slot = slots.setdefault(r.validity, len(slots))
        self._validities = tuple(slots)
        self._events = tuple(r for r in self._rules if r.kind == "points_multiplier")
        self._index: dict[tuple[int, str], list[Rule]] = {}
        everything: list[Rule] = []
        for r in self._rules:
            if r.kind == "points_multiplier":
                continue
            targets = [r.target] if r.kind != "buy_x_get_y" else [r.target, r.get_target]
            if any(t.is_everything for t in targets):
                everything.append(r)
                continue
            for t in targets:
                for key in _keys(t):
                    bucket = self._index.setdefault(key, [])
                    if not bucket or bucket[-1] is not r:
                        bucket.append(r)
        self._everything = tuple(everything)
        self._memo: dict[tuple[str, str, str], tuple[Rule, ...]] = {}
        self._scopes: dict[tuple[object, ...], bytearray] = {}
        self.values = SharedValues()  # amounts and id tuples its runs share

    def __len__(self) -> int:
        return len(self._rules)

    @property
    def promotions(self) -> tuple[Promotion, ...]:
        """Every promotion, in application order (priority, then promo_id)."""
        return tuple(r.promo for r in self._rules)

    @property
    def events(self) -> tuple[Rule, ...]:
        """The points_multiplier rules, in rank order."""
        return self._events

    @property
    def everywhere(self) -> tuple[Rule, ...]:
        """Item and basket rules that cover every product, by rank."""
        return self._everything

    def in_scope(self, ctx: PromoContext) -> bytearray:
        """Per rank, 1 when the rule is in scope for ``ctx`` (see ``Rule.in_scope``).

        Remembered per store/channel/member/coupons: they stay put for a whole sale while
        the time moves, so only validity is checked on each scan.
        """
        flash = tuple(sorted(ctx.flash_bought.items())) if ctx.tier is not None else ()
        key = (ctx.store_code, ctx.channel, ctx.tier, ctx.coupon_promo_ids, flash)
        mask = self._scopes.get(key)
        if mask is None:
            mask = bytearray(r.in_scope(ctx) for r in self._rules)
            if len(self._scopes) >= _SCOPE_LIMIT:
                self._scopes.clear()
            self._scopes[key] = mask
        return mask

    def active(self, ctx: PromoContext) -> Activity:
        """A check of "is this rule active for ``ctx``" for one run."""
        return Activity(self.in_scope(ctx), self._validities, ctx.at)

    def rules_for(self, product: ProductInfo) -> tuple[Rule, ...]:
        """Targeted item and basket rules (or "get" targets) that list ``product``, by rank.

        Rules covering every product are not repeated here: see ``everywhere``.
        """
        key = (product.sku, product.category, product.brand)
        found = self._memo.get(key)
        if found is not None:
            return found
        hits: dict[int, Rule] = {}
        for k in ((0, product.sku), (1, product.category), (2, product.brand)):
            for r in self._index.get(k, ()):
                hits[r.rank] = r
        found = tuple(hits[rank] for rank in sorted(hits))
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = found
        return found
