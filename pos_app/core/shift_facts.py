"""What a shift's records add up to: the plain values a shift report is computed from.

Each group is one aggregation over the shift's rows (a ``GROUP BY`` in the store), so the
store fills these with sums and counts and never with objects it has to rebuild. Amounts are
``Money`` in fen and never negative unless a field says so: a refund, a paid-out or a drop is
a positive amount that the report subtracts, so a sign is never stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from pos_app.core.money import Money
from pos_app.core.tenders import TENDER_KINDS, TenderKind

# "markdown": markdown labels sold below list price (the sales report; a Z may add it).
DiscountKind = Literal["promotion", "line_discount", "sale_discount", "price_override",
                       "markdown"]
DISCOUNT_KINDS: tuple[DiscountKind, ...] = get_args(DiscountKind)
_ZERO = Money(0)


def _amount(what: str, value: Money, *, signed: bool = False) -> None:
    # The store is trusted but not infallible: a wrong sign here would print a wrong
    # over/short, so refuse it loudly rather than report it.
    if not isinstance(value, Money):
        raise TypeError(f"{what} must be Money, got {type(value).__name__}")
    if not signed and value.fen < 0:
        raise ValueError(f"{what} must not be negative, got {value.fen} fen")


def _count(what: str, value: int) -> None:
    if type(value) is not int or value < 0:
        raise ValueError(f"{what} must be a non-negative int, got {value!r}")


@dataclass(frozen=True, slots=True)
class TenderTotal:
    """One tender kind over the shift: ``sales`` is what was applied to sales (cash change
    already netted out), ``refunds`` what was paid back on returns; counts are tender rows."""

    kind: TenderKind
    sales: Money
    refunds: Money = _ZERO
    sales_count: int = 0
    refunds_count: int = 0

    def __post_init__(self) -> None:
        if self.kind not in TENDER_KINDS:
            raise ValueError(f"unknown tender kind {self.kind!r}")
        _amount(f"{self.kind} sales", self.sales)
        _amount(f"{self.kind} refunds", self.refunds)
        _count(f"{self.kind} sales_count", self.sales_count)
        _count(f"{self.kind} refunds_count", self.refunds_count)

    @property
    def net(self) -> Money:
        """Taken minus paid back."""
        return self.sales - self.refunds


@dataclass(frozen=True, slots=True)
class ReasonTotal:
    """Paid-in or paid-out cash of one reason (as typed or picked at the till)."""

    reason: str
    amount: Money
    count: int = 1

    def __post_init__(self) -> None:
        _amount(f"paid in/out {self.reason!r}", self.amount)
        _count(f"paid in/out {self.reason!r} count", self.count)


@dataclass(frozen=True, slots=True)
class DiscountTotal:
    """What one kind of discount took off over the shift, and on how many lines or sales.
    A manual price override is the listed price minus the price charged, so it is negative
    when a price was raised."""

    kind: DiscountKind
    amount: Money
    count: int = 0

    def __post_init__(self) -> None:
        if self.kind not in DISCOUNT_KINDS:
            raise ValueError(f"unknown discount kind {self.kind!r}")
        _amount(f"{self.kind} discount", self.amount, signed=self.kind == "price_override")
        _count(f"{self.kind} count", self.count)


@dataclass(frozen=True, slots=True)
class PromotionTotal:
    """What one promotion gave away over the shift, and on how many sales."""

    promo_id: str
    name: str
    amount: Money
    count: int = 0

    def __post_init__(self) -> None:
        _amount(f"promotion {self.promo_id}", self.amount)
        _count(f"promotion {self.promo_id} count", self.count)


@dataclass(frozen=True, slots=True)
class TaxTotal:
    """Sales at one VAT rate, net of returns: the amount taxed and the tax in it."""

    rate_bp: int
    taxable: Money
    tax: Money

    def __post_init__(self) -> None:
        _count("rate_bp", self.rate_bp)
        # Returns taken in this shift of sales made in an earlier one may outweigh its sales.
        _amount(f"taxable at {self.rate_bp}", self.taxable, signed=True)
        _amount(f"tax at {self.rate_bp}", self.tax, signed=True)


@dataclass(frozen=True, slots=True)
class CashierTotal:
    """One staff member's sales and returns in the shift (``staff_code`` from sign-in)."""

    staff_code: str
    name: str
    sales_count: int
    sales_amount: Money
    returns_count: int = 0
    returns_amount: Money = _ZERO

    def __post_init__(self) -> None:
        _count(f"{self.staff_code} sales_count", self.sales_count)
        _count(f"{self.staff_code} returns_count", self.returns_count)
        _amount(f"{self.staff_code} sales", self.sales_amount)
        _amount(f"{self.staff_code} returns", self.returns_amount)


@dataclass(frozen=True, slots=True)
class ShiftActivity:
    """How many of each thing happened: completed sales, returns, voided sales and lines
    (with what they were worth), drawer openings without a sale."""

    sales_count: int = 0
    returns_count: int = 0
    voided_sales_count: int = 0
    voided_sales_amount: Money = _ZERO
    line_voids_count: int = 0
    line_voids_amount: Money = _ZERO
    no_sale_count: int = 0

    def __post_init__(self) -> None:
        for name in ("sales_count", "returns_count", "voided_sales_count", "line_voids_count",
                     "no_sale_count"):
            _count(name, getattr(self, name))
        _amount("voided_sales_amount", self.voided_sales_amount)
        _amount("line_voids_amount", self.line_voids_amount)


@dataclass(frozen=True, slots=True)
class LoyaltyTotals:
    """Points and coupons over the shift. Points are the ledger's sums for the shift's sales
    and returns (a return's reversal nets out); the coupon discount is already part of the
    promotions (the promotion engine applies coupons) and is shown, not added again."""

    points_earned: int = 0
    points_redeemed: int = 0
    coupons_used: int = 0
    coupon_discount: Money = _ZERO

    def __post_init__(self) -> None:
        for name in ("points_earned", "points_redeemed", "coupons_used"):
            _count(name, getattr(self, name))
        _amount("coupon_discount", self.coupon_discount)


@dataclass(frozen=True, slots=True)
class ShiftFacts:
    """Everything a shift report is computed from. ``tenders`` holds at most one row per
    kind (a missing kind took nothing); cash ``drops`` went from the drawer to the safe."""

    shift_no: int
    store_name: str
    terminal_code: str
    opened_at: datetime
    opened_by: str
    opening_float: Money
    tenders: tuple[TenderTotal, ...] = ()
    paid_in: tuple[ReasonTotal, ...] = ()
    paid_out: tuple[ReasonTotal, ...] = ()
    drops: Money = _ZERO
    drop_count: int = 0
    activity: ShiftActivity = ShiftActivity()
    discounts: tuple[DiscountTotal, ...] = ()
    promotions: tuple[PromotionTotal, ...] = ()
    loyalty: LoyaltyTotals = LoyaltyTotals()
    taxes: tuple[TaxTotal, ...] = ()
    cashiers: tuple[CashierTotal, ...] = ()

    def __post_init__(self) -> None:
        _count("shift_no", self.shift_no)
        _amount("opening_float", self.opening_float)
        _amount("drops", self.drops)
        _count("drop_count", self.drop_count)
        kinds = [t.kind for t in self.tenders]
        if len(set(kinds)) != len(kinds):
            raise ValueError(f"one row per tender kind, got {kinds}")
        discount_kinds = [d.kind for d in self.discounts]
        if len(set(discount_kinds)) != len(discount_kinds):
            raise ValueError(f"one row per discount kind, got {discount_kinds}")

    def tender(self, kind: TenderKind) -> TenderTotal:
        """The row of ``kind`` (all zero when that tender took nothing this shift)."""
        for t in self.tenders:
            if t.kind == kind:
                return t
        return TenderTotal(kind, _ZERO)

    def discount(self, kind: DiscountKind) -> DiscountTotal:
        """The row of ``kind`` (zero when that discount was never given)."""
        for d in self.discounts:
            if d.kind == kind:
                return d
        return DiscountTotal(kind, _ZERO)
