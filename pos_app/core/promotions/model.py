"""Promotion rules, the pricing context, and what the engine returns (values only)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.core.promotions.checks import check_promotion
from pos_app.core.promotions.kinds import Channel, RuleKind, Stacking
from pos_app.core.promotions.validity import Validity

# Immutable defaults shared by every Promotion.
_ZERO = Money(0)
_ALWAYS = Validity()


@dataclass(frozen=True, slots=True)
class Target:
    """Products a rule covers: sku OR category OR brand listed; all empty = every product."""

    skus: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    brands: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for name in ("skus", "categories", "brands"):
            values = getattr(self, name)
            if not isinstance(values, frozenset):
                raise TypeError(f"Target.{name} must be a frozenset")
            # "" would match every product without a category/brand: never what was meant.
            if any(not isinstance(v, str) or not v for v in values):
                raise ValueError(f"Target.{name} must hold non-empty strings")

    @property
    def is_everything(self) -> bool:
        """True when the target lists nothing, i.e. covers every product."""
        return not (self.skus or self.categories or self.brands)

    def matches(self, product: ProductInfo) -> bool:
        """True when ``product`` is covered by this target."""
        if not (self.skus or self.categories or self.brands):
            return True
        return (
            product.sku in self.skus
            or product.category in self.categories
            or product.brand in self.brands
        )


@dataclass(frozen=True, slots=True)
class Promotion:
    """One rule from the cloud; parameters are checked per kind (ValueError when wrong)."""

    promo_id: str
    name: str  # shown to cashier and customer, e.g. "第二件半价"
    kind: RuleKind
    target: Target = Target()
    validity: Validity = _ALWAYS
    stacking: Stacking = "best_of"
    priority: int = 0  # higher first; ties by promo_id
    stores: frozenset[str] = frozenset()  # store codes; empty = all stores
    tiers: frozenset[str] = frozenset()  # member tier codes; empty = everyone
    channels: frozenset[Channel] = frozenset({"store", "online"})
    coupon_only: bool = False  # only active when the context's coupon_promo_ids names it
    percent_bp: int = 0  # percent_off, nth_item, buy_x_get_y (0 there = free)
    amount: Money = _ZERO  # amount_off (per unit), threshold_off (per step)
    price: Money = _ZERO  # flash_price (unit price, per kg when weighed), n_for_price
    tier_prices: tuple[tuple[str, Money], ...] = ()  # member_price: tier → unit price
    qty: int = 0  # n_for_price N; nth_item N; buy_x_get_y X
    get_qty: int = 0  # buy_x_get_y Y
    get_target: Target | None = None  # buy_x_get_y "get" items; None = same target
    threshold: Money = _ZERO  # threshold_off / threshold_gift: minimum eligible spend
    repeat: bool = False  # threshold_off: "each full ¥100"
    cap: Money | None = None  # threshold_off with repeat: maximum total off
    gift_sku: str = ""  # threshold_gift: the SKU given free (one unit)
    limit_per_member: int = 0  # flash_price: max units per member (0 = no limit)
    multiplier_bp: int = 0  # points_multiplier: 20000 = double points

    def __post_init__(self) -> None:
        check_promotion(self)


@dataclass(frozen=True, slots=True)
class PromoContext:
    """Who buys, where and when: everything besides the basket that decides what is active."""

    at: datetime  # store wall-clock time (weekdays and hours are read from it)
    store_code: str = ""
    channel: Channel = "store"
    tier: str | None = None  # None = no member identified
    coupon_promo_ids: frozenset[str] = frozenset()
    # promo_id → units this member already bought at the flash price (known offline).
    flash_bought: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Explanation:
    """A message key (``promo.nth_item``) and its format fields, translated by the UI."""

    key: str
    data: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class AppliedPromotion:
    """One rule that took effect: its total discount and the lines it touched."""

    promo_id: str
    name: str
    kind: RuleKind
    discount: Money  # total off, > 0 (0 for points_multiplier)
    line_ids: tuple[int, ...]
    explanation: Explanation


@dataclass(frozen=True, slots=True)
class PromoResult:
    """Promotion discounts per line, the rules applied, the points multiplier and hints."""

    line_discounts: Mapping[int, Money]  # line_id → promotion discount (only lines with > 0)
    line_promos: Mapping[int, tuple[str, ...]]  # line_id → promo_ids, in application order
    applied: tuple[AppliedPromotion, ...]
    points_multiplier_bp: int  # 10000 without an event; else the highest active one
    hints: tuple[Explanation, ...]

    @property
    def total_discount(self) -> Money:
        """Sum of every line's promotion discount."""
        return Money(sum(m.fen for m in self.line_discounts.values()))

    @staticmethod
    def empty() -> PromoResult:
        """No promotion at all (normal points)."""
        return PromoResult({}, {}, (), 10_000, ())
