"""The sales report of a period of store days: what supervisors and managers read at the
till (totals, average ticket, by hour and day, by category, tender, cashier, the top
products, discounts and promotions, members, voided sales).

A period is whole business days in the store's time zone; the store turns its bounds into
instants. Sales are summed in the store per quarter hour since the epoch (every time zone's
offset is a multiple of 15 minutes), and ``fold_quarters`` puts the quarters into the store's
hours and days here, so a day that changes its clock (summer time) is still exact.

Returns count in the period they were taken (by the return's time, in store days like the
sales), whatever day their sale was made: ``SalesReport.returns`` (how many, what they paid
back), the ``refunds`` of each tender they were paid out as (``exchange``: the credit that
paid an exchange's new sale) and the ``returns_*`` of the staff member who took them.
``SalesReport.net`` subtracts them; the hours, days, categories, products, discounts and
members are of the sales only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pos_app.core.errors import PosError
from pos_app.core.money import Money, div_half_up
from pos_app.core.shift_facts import CashierTotal, DiscountTotal, PromotionTotal, TenderTotal

QUARTER_S = 15 * 60
MAX_PERIOD_DAYS = 366  # a year, leap or not: beyond it a report is a cloud job
_ZERO = Money(0)


def _count(what: str, value: int) -> None:
    if type(value) is not int or value < 0:
        raise ValueError(f"{what} must be a non-negative int, got {value!r}")


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """Store days ``first`` to ``last``, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PosError("report.period_reversed", first=self.first.isoformat(),
                           last=self.last.isoformat())
        if self.days > MAX_PERIOD_DAYS:
            raise PosError("report.period_too_long", days=self.days, max=MAX_PERIOD_DAYS)

    @staticmethod
    def day(day: date) -> ReportPeriod:
        """One store day."""
        return ReportPeriod(day, day)

    @property
    def days(self) -> int:
        """How many store days the period has."""
        return (self.last - self.first).days + 1

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """The instants (UTC) the period starts at and ends before: local midnights."""
        start = datetime.combine(self.first, time(0), zone)
        end = datetime.combine(self.last + timedelta(days=1), time(0), zone)
        return start.astimezone(UTC), end.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Figures:
    """Sales ``count`` that took ``amount``; the average ticket (客单价) is their quotient."""

    amount: Money = _ZERO
    count: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Money):
            raise TypeError(f"amount must be Money, got {type(self.amount).__name__}")
        _count("count", self.count)

    @property
    def average(self) -> Money:
        """Amount per sale, to the fen (half up); zero without sales."""
        if self.count == 0:
            return _ZERO
        return Money(div_half_up(self.amount.fen, self.count))

    def __add__(self, other: Figures) -> Figures:
        return Figures(self.amount + other.amount, self.count + other.count)


@dataclass(frozen=True, slots=True)
class QuarterTotal:
    """The completed sales of one quarter hour: ``quarter`` counts 15 minutes since the
    epoch (UTC)."""

    quarter: int
    figures: Figures


@dataclass(frozen=True, slots=True)
class HourFigures:
    """The sales rung up in hour ``hour`` (0-23, store time) of the period's days."""

    hour: int
    figures: Figures


@dataclass(frozen=True, slots=True)
class DayFigures:
    """The sales of one store day."""

    day: date
    figures: Figures


@dataclass(frozen=True, slots=True)
class CategoryTotal:
    """What one product category sold: line amounts (after discounts), the lines that had
    it (a product on a receipt) and how many of its products sold. The category is the
    product's today ("" when it has none, is gone, or the line had no product)."""

    category: str
    amount: Money
    lines: int
    products: int

    def __post_init__(self) -> None:
        _count(f"{self.category} lines", self.lines)
        _count(f"{self.category} products", self.products)


@dataclass(frozen=True, slots=True)
class ProductTotal:
    """One product over the period: ``qty`` in pieces, or grams when ``is_weighed``;
    ``lines`` the receipts' lines it was on."""

    sku: str
    name: str
    name_en: str
    category: str
    qty: int
    is_weighed: bool
    amount: Money
    lines: int

    def __post_init__(self) -> None:
        _count(f"{self.sku} lines", self.lines)


@dataclass(frozen=True, slots=True)
class MemberSplit:
    """Sales to signed-in members and to everyone else."""

    members: Figures = Figures()
    others: Figures = Figures()

    @property
    def member_share_bp(self) -> int:
        """Members' part of the amount in basis points (0 without sales)."""
        return share_bp(self.members.amount, self.members.amount + self.others.amount)


@dataclass(frozen=True, slots=True)
class ReturnsTotal:
    """Returns taken in the period: how many, and what they paid back (every payout, points
    at their fen value, the exchange credit included)."""

    count: int = 0
    amount: Money = _ZERO

    def __post_init__(self) -> None:
        _count("returns count", self.count)


@dataclass(frozen=True, slots=True)
class SalesReport:
    """Everything the reports screen and its exports show for ``period``."""

    period: ReportPeriod
    zone: str
    sales: Figures
    by_hour: tuple[HourFigures, ...]
    by_day: tuple[DayFigures, ...]
    categories: tuple[CategoryTotal, ...] = ()
    tenders: tuple[TenderTotal, ...] = ()
    cashiers: tuple[CashierTotal, ...] = ()
    top_by_amount: tuple[ProductTotal, ...] = ()
    top_by_qty: tuple[ProductTotal, ...] = ()
    discounts: tuple[DiscountTotal, ...] = ()
    promotions: tuple[PromotionTotal, ...] = ()
    members: MemberSplit = MemberSplit()
    voided: Figures = Figures()
    returns: ReturnsTotal = ReturnsTotal()

    @property
    def net(self) -> Money:
        """Sales less returns."""
        return self.sales.amount - self.returns.amount

    @property
    def discount_total(self) -> Money:
        """Everything taken off list prices (a raised price counts against it)."""
        return Money.sum(d.amount for d in self.discounts)


def share_bp(part: Money, whole: Money) -> int:
    """``part`` of ``whole`` in basis points, half up (0 when ``whole`` is zero)."""
    if whole.fen == 0:
        return 0
    return div_half_up(part.fen * 10_000, whole.fen)


def fold_quarters(quarters: Iterable[QuarterTotal], zone: ZoneInfo,
                  period: ReportPeriod) -> tuple[tuple[HourFigures, ...], tuple[DayFigures, ...]]:
    """Quarter-hour totals into the 24 store hours and the period's store days (every day
    of the period, zero where nothing sold)."""
    hours = [Figures()] * 24
    days = {period.first + timedelta(days=i): Figures() for i in range(period.days)}
    for q in quarters:
        local = datetime.fromtimestamp(q.quarter * QUARTER_S, zone)
        hours[local.hour] = hours[local.hour] + q.figures
        day = local.date()
        if day not in days:
            raise ValueError(f"quarter {q.quarter} ({local.isoformat()}) is outside {period}")
        days[day] = days[day] + q.figures
    return (tuple(HourFigures(h, f) for h, f in enumerate(hours)),
            tuple(DayFigures(d, f) for d, f in days.items()))


def top_products(products: Iterable[ProductTotal], limit: int,
                 ) -> tuple[tuple[ProductTotal, ...], tuple[ProductTotal, ...]]:
    """The ``limit`` best sellers by amount, and by pieces: grams and pieces do not compare,
    so weighed goods are ranked by amount only. Ties go to the higher amount, then the SKU."""
    every = list(products)
    by_amount = sorted(every, key=lambda p: (-p.amount.fen, -p.qty, p.sku))[:limit]
    by_qty = sorted((p for p in every if not p.is_weighed),
                    key=lambda p: (-p.qty, -p.amount.fen, p.sku))[:limit]
    return tuple(by_amount), tuple(by_qty)


def categories(products: Iterable[ProductTotal]) -> tuple[CategoryTotal, ...]:
    """The products' sales summed per category, the largest amount first."""
    sums: dict[str, tuple[int, int, int]] = {}
    for p in products:
        fen, lines, n = sums.get(p.category, (0, 0, 0))
        sums[p.category] = (fen + p.amount.fen, lines + p.lines, n + 1)
    ranked = sorted(sums.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return tuple(CategoryTotal(name, Money(fen), lines, n) for name, (fen, lines, n) in ranked)
