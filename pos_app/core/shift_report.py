"""The X and Z shift reports: expected takings per tender, and at close counted against
expected with the over/short.

X is a look during the shift (nothing counted, nothing closed); Z closes it with a blind
cash count (the cashier never sees the expected figure first) and the card terminal's and the
mobile wallets' settlement figures, or those accepted as expected. Every figure is a sum or
difference of integer fen: nothing here divides, so nothing rounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pos_app.core.cash import CashCount
from pos_app.core.money import Money
from pos_app.core.shift_facts import ShiftFacts
from pos_app.core.tenders import TenderKind

ReportKind = Literal["X", "Z"]
# The tenders that end up somewhere a person can count or a provider settles. Points are a
# ledger the till keeps itself: nothing to count them against.
COUNTED_KINDS: tuple[TenderKind, ...] = ("cash", "card", "mobile")


@dataclass(frozen=True, slots=True)
class CashDrawer:
    """How the cash that should be in the drawer is made up."""

    opening_float: Money
    cash_sales: Money
    cash_refunds: Money
    paid_in: Money
    paid_out: Money
    drops: Money

    @property
    def expected(self) -> Money:
        """Float + cash sales − cash refunds + paid-in − paid-out − drops to the safe."""
        fen = (self.opening_float.fen + self.cash_sales.fen - self.cash_refunds.fen
               + self.paid_in.fen - self.paid_out.fen - self.drops.fen)
        return Money(fen)


@dataclass(frozen=True, slots=True)
class ShiftCount:
    """What was counted at close: the cash, blind, by denomination; the card terminal's and
    the wallets' settlement totals as typed (``None``: accepted as expected, not checked)."""

    cash: CashCount
    card: Money | None = None
    mobile: Money | None = None
    counted_by: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.cash, CashCount):
            raise TypeError(f"ShiftCount.cash must be a CashCount, got {type(self.cash).__name__}")
        for name in ("card", "mobile"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Money):
                raise TypeError(f"ShiftCount.{name} must be Money or None")

    def typed(self, kind: TenderKind) -> Money | None:
        """The figure entered for ``kind`` (cash: the count's total; points: never)."""
        if kind == "cash":
            return self.cash.total
        if kind == "card":
            return self.card
        if kind == "mobile":
            return self.mobile
        return None


def over_short(*, expected: Money, counted: Money) -> Money:
    """Counted − expected: positive is over (more than expected), negative short."""
    return Money(counted.fen - expected.fen)


@dataclass(frozen=True, slots=True)
class TenderCheck:
    """One tender at the report: what should be there, and on a Z what was there.
    ``accepted``: no figure was entered, the expected one was taken as counted."""

    kind: TenderKind
    expected: Money
    counted: Money | None = None
    accepted: bool = False

    @property
    def over_short(self) -> Money | None:
        """Counted − expected (``None`` on an X report: nothing counted)."""
        if self.counted is None:
            return None
        return over_short(expected=self.expected, counted=self.counted)

    @property
    def state(self) -> Literal["over", "short", "balanced", "not_counted"]:
        """How the count came out, for the words and the marks that print beside it."""
        diff = self.over_short
        if diff is None:
            return "not_counted"
        return "over" if diff.fen > 0 else "short" if diff.fen < 0 else "balanced"


@dataclass(frozen=True, slots=True)
class ShiftReport:
    """A shift report: the facts it was computed from plus what they add up to. ``at`` is
    when an X was taken or a Z closed the shift; ``count`` is the Z's count."""

    kind: ReportKind
    facts: ShiftFacts
    at: datetime
    drawer: CashDrawer
    checks: tuple[TenderCheck, ...]
    count: ShiftCount | None = None

    @property
    def gross_sales(self) -> Money:
        """Everything applied to sales, all tenders."""
        return Money.sum(t.sales for t in self.facts.tenders)

    @property
    def refunds(self) -> Money:
        """Everything paid back on returns, all tenders."""
        return Money.sum(t.refunds for t in self.facts.tenders)

    @property
    def net_sales(self) -> Money:
        """Sales minus refunds."""
        return self.gross_sales - self.refunds

    @property
    def discount_total(self) -> Money:
        """Every kind of discount together (promotions include the coupons)."""
        return Money.sum(d.amount for d in self.facts.discounts)

    @property
    def paid_in(self) -> Money:
        """Cash put into the drawer other than by sales (float top-ups, …)."""
        return self.drawer.paid_in

    @property
    def paid_out(self) -> Money:
        """Cash taken from the drawer other than refunds and drops (petty expenses, …)."""
        return self.drawer.paid_out

    def check(self, kind: TenderKind) -> TenderCheck:
        """The check of ``kind`` (one of ``COUNTED_KINDS``)."""
        for c in self.checks:
            if c.kind == kind:
                return c
        raise KeyError(kind)

    @property
    def over_short_total(self) -> Money | None:
        """All tenders' over/short together (``None`` on an X report)."""
        diffs = [c.over_short for c in self.checks]
        if self.kind == "X" or any(d is None for d in diffs):
            return None
        return Money.sum(d for d in diffs if d is not None)


def cash_drawer(facts: ShiftFacts) -> CashDrawer:
    """The cash movements of the shift, from its facts."""
    cash = facts.tender("cash")
    return CashDrawer(
        opening_float=facts.opening_float,
        cash_sales=cash.sales,
        cash_refunds=cash.refunds,
        paid_in=Money.sum(r.amount for r in facts.paid_in),
        paid_out=Money.sum(r.amount for r in facts.paid_out),
        drops=facts.drops,
    )


def expected_cash(facts: ShiftFacts) -> Money:
    """The cash that should be in the drawer now."""
    return cash_drawer(facts).expected


def expected(facts: ShiftFacts, kind: TenderKind) -> Money:
    """What ``kind`` should come to: the drawer for cash, sales − refunds for the others."""
    return expected_cash(facts) if kind == "cash" else facts.tender(kind).net


def x_report(facts: ShiftFacts, *, at: datetime) -> ShiftReport:
    """A look at the open shift at ``at``: expected figures, nothing counted."""
    checks = tuple(TenderCheck(kind, expected(facts, kind)) for kind in COUNTED_KINDS)
    return ShiftReport("X", facts, at, cash_drawer(facts), checks)


def z_report(facts: ShiftFacts, count: ShiftCount, *, closed_at: datetime) -> ShiftReport:
    """The closing report: ``count`` against what each tender should come to."""
    checks: list[TenderCheck] = []
    for kind in COUNTED_KINDS:
        want = expected(facts, kind)
        typed = count.typed(kind)
        checks.append(TenderCheck(kind, want, want if typed is None else typed,
                                  accepted=typed is None))
    return ShiftReport("Z", facts, closed_at, cash_drawer(facts), tuple(checks), count)
