"""X and Z shift reports: expected takings per tender, counted against expected at close."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.cash import CashCount
from pos_app.core.money import Money
from pos_app.core.shift_facts import (
    DiscountTotal,
    ReasonTotal,
    ShiftFacts,
    TenderTotal,
)
from pos_app.core.shift_report import (
    COUNTED_KINDS,
    ShiftCount,
    expected,
    expected_cash,
    x_report,
    z_report,
)
from pos_app.core.tenders import TENDER_KINDS, TenderKind
from tests.core.shift_samples import CLOSED_AT, EXPECTED_CASH, sample_facts, short_count


def test_a_blind_count_two_yuan_short_is_reported_short_by_two_yuan() -> None:
    report = z_report(sample_facts(), short_count(), closed_at=CLOSED_AT)
    cash = report.check("cash")
    assert (cash.expected, cash.counted) == (Money(73_000), Money(72_800))
    assert cash.over_short == Money(-200)
    assert cash.state == "short" and not cash.accepted
    assert report.over_short_total == Money(-200)  # card typed equal, mobile accepted


def test_z_report_takes_card_as_typed_and_mobile_as_expected() -> None:
    report = z_report(sample_facts(), short_count(), closed_at=CLOSED_AT)
    card, mobile = report.check("card"), report.check("mobile")
    assert (card.expected, card.counted, card.state, card.accepted) == (
        Money(234_560), Money(234_560), "balanced", False)
    assert (mobile.expected, mobile.counted, mobile.over_short, mobile.accepted) == (
        Money(343_080), Money(343_080), Money(0), True)
    with pytest.raises(KeyError):
        report.check("points")  # a ledger, nothing to count


def test_a_card_slip_over_the_till_is_over() -> None:
    count = dataclasses.replace(short_count(), card=Money(234_660))
    report = z_report(sample_facts(), count, closed_at=CLOSED_AT)
    assert (report.check("card").over_short, report.check("card").state) == (Money(100), "over")
    assert report.over_short_total == Money(-100)


def test_drawer_breakdown_of_the_sample_shift() -> None:
    drawer = x_report(sample_facts(), at=CLOSED_AT).drawer
    assert (drawer.opening_float, drawer.cash_sales, drawer.cash_refunds, drawer.paid_in,
            drawer.paid_out, drawer.drops) == (
        Money(50_000), Money(123_450), Money(1_250), Money(5_000), Money(4_200), Money(100_000))
    assert drawer.expected == EXPECTED_CASH


def test_x_report_shows_expected_figures_and_counts_nothing() -> None:
    report = x_report(sample_facts(), at=CLOSED_AT)
    assert report.kind == "X" and report.count is None
    assert [c.kind for c in report.checks] == list(COUNTED_KINDS)
    assert [c.expected for c in report.checks] == [EXPECTED_CASH, Money(234_560), Money(343_080)]
    assert all(c.counted is None and c.over_short is None and c.state == "not_counted"
               for c in report.checks)
    assert report.over_short_total is None


def test_sales_refunds_and_discount_totals() -> None:
    report = x_report(sample_facts(), at=CLOSED_AT)
    assert report.gross_sales == Money(123_450 + 234_560 + 345_670 + 1_500)
    assert report.refunds == Money(1_250 + 2_590)
    assert report.net_sales == Money(705_180 - 3_840)
    assert report.discount_total == Money(8_620 + 1_200 + 2_000 + 550)
    assert (report.paid_in, report.paid_out) == (Money(5_000), Money(4_200))


def test_a_tender_that_took_nothing_expects_nothing() -> None:
    facts = dataclasses.replace(sample_facts(), tenders=(TenderTotal("cash", Money(100)),),
                                discounts=(DiscountTotal("promotion", Money(300), 1),))
    assert facts.tender("card") == TenderTotal("card", Money(0))
    assert expected(facts, "mobile") == Money(0)
    assert facts.discount("price_override").amount == Money(0)
    assert facts.discount("promotion").amount == Money(300)


@pytest.mark.parametrize(
    "change",
    [
        {"opening_float": Money(-1)},
        {"drops": Money(-100)},
        {"tenders": (TenderTotal("cash", Money(1)), TenderTotal("cash", Money(2)))},
        {"discounts": (DiscountTotal("promotion", Money(1)), DiscountTotal("promotion", Money(2)))},
        {"shift_no": -1},
        {"drop_count": 1.5},
    ],
)
def test_facts_a_store_bug_would_misreport_are_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        dataclasses.replace(sample_facts(), **change)


@pytest.mark.parametrize(
    "build",
    [
        lambda: TenderTotal("cash", Money(100), Money(-1)),
        lambda: TenderTotal("cheque", Money(100)),  # type: ignore[arg-type]  # bad on purpose
        lambda: ReasonTotal("快递费", Money(-500)),
        lambda: DiscountTotal("promotion", Money(-1)),
        lambda: TenderTotal("cash", Money(100), sales_count=-1),
    ],
)
def test_rows_with_a_wrong_sign_or_kind_are_refused(build: object) -> None:
    with pytest.raises(ValueError):
        build()  # type: ignore[operator]  # the parametrised builders are callables


def test_a_raised_price_is_a_negative_override_discount() -> None:
    assert DiscountTotal("price_override", Money(-300), 1).amount == Money(-300)


def test_money_fields_must_be_money() -> None:
    with pytest.raises(TypeError):
        TenderTotal("cash", 100)  # type: ignore[arg-type]  # fen without Money, on purpose
    with pytest.raises(TypeError):
        ShiftCount(cash=CashCount(), card=500)  # type: ignore[arg-type]  # on purpose


# ---- invariants over any shift ---------------------------------------------------------

@dataclass(frozen=True)
class Event:
    """One thing that happened at the till, as the store records it."""

    what: str  # sale, refund, paid_in, paid_out, drop
    amount: int
    kind: TenderKind = "cash"
    reason: str = ""


AMOUNTS = st.integers(1, 500_000)
EVENTS = st.one_of(
    st.builds(Event, st.sampled_from(["sale", "refund"]), AMOUNTS, st.sampled_from(TENDER_KINDS)),
    st.builds(Event, st.sampled_from(["paid_in", "paid_out"]), AMOUNTS,
              reason=st.sampled_from(["备用金", "快递费", "清洁"])),
    st.builds(Event, st.just("drop"), AMOUNTS),
)


def aggregate(float_fen: int, events: Sequence[Event]) -> ShiftFacts:
    """What a store's GROUP BY over these events would fill in."""
    sales = {k: 0 for k in TENDER_KINDS}
    refunds = {k: 0 for k in TENDER_KINDS}
    reasons: dict[str, dict[str, int]] = {"paid_in": {}, "paid_out": {}}
    drops = 0
    for e in events:
        if e.what == "sale":
            sales[e.kind] += e.amount
        elif e.what == "refund":
            refunds[e.kind] += e.amount
        elif e.what == "drop":
            drops += e.amount
        else:
            by = reasons[e.what]
            by[e.reason] = by.get(e.reason, 0) + e.amount
    tenders = tuple(TenderTotal(k, Money(sales[k]), Money(refunds[k])) for k in TENDER_KINDS
                    if sales[k] or refunds[k])
    return dataclasses.replace(
        sample_facts(), opening_float=Money(float_fen), tenders=tenders, drops=Money(drops),
        paid_in=tuple(ReasonTotal(r, Money(a)) for r, a in reasons["paid_in"].items()),
        paid_out=tuple(ReasonTotal(r, Money(a)) for r, a in reasons["paid_out"].items()))


def replay_drawer(float_fen: int, events: Sequence[Event]) -> int:
    """The drawer's cash followed event by event, as a person watching it would."""
    drawer = float_fen
    for e in events:
        if e.what in ("sale", "refund") and e.kind != "cash":
            continue
        drawer += e.amount if e.what in ("sale", "paid_in") else -e.amount
    return drawer


@given(st.integers(0, 200_000), st.lists(EVENTS, max_size=40))
def test_expected_cash_is_the_drawer_followed_event_by_event(
        float_fen: int, events: list[Event]) -> None:
    facts = aggregate(float_fen, events)
    assert expected_cash(facts).fen == replay_drawer(float_fen, events)
    for kind in ("card", "mobile"):
        want = sum(e.amount if e.what == "sale" else -e.amount for e in events
                   if e.kind == kind and e.what in ("sale", "refund"))
        assert expected(facts, kind).fen == want


@given(st.integers(0, 200_000), st.lists(EVENTS, max_size=20), EVENTS)
def test_one_more_event_moves_expected_cash_by_exactly_its_amount(
        float_fen: int, events: list[Event], extra: Event) -> None:
    before = expected_cash(aggregate(float_fen, events)).fen
    after = expected_cash(aggregate(float_fen, [*events, extra])).fen
    if extra.what in ("sale", "refund") and extra.kind != "cash":
        assert after == before  # card, mobile and points never touch the drawer
    elif extra.what in ("sale", "paid_in"):
        assert after == before + extra.amount
    else:
        assert after == before - extra.amount


COUNTS = st.dictionaries(
    st.sampled_from(["note_100", "note_20", "note_1", "coin_1", "coin_0_5", "coin_0_1"]),
    st.integers(0, 2_000)).map(CashCount.of)


@given(st.integers(0, 200_000), st.lists(EVENTS, max_size=20), COUNTS,
       st.none() | st.integers(-100_000, 1_000_000).map(Money))
def test_over_short_is_counted_minus_expected_with_its_sign(
        float_fen: int, events: list[Event], cash: CashCount, card: Money | None) -> None:
    facts = aggregate(float_fen, events)
    z = z_report(facts, ShiftCount(cash=cash, card=card), closed_at=CLOSED_AT)
    check = z.check("cash")
    diff = check.over_short
    assert diff is not None and check.counted == cash.total
    assert check.expected + diff == cash.total
    if cash.total > expected_cash(facts):
        assert diff.fen > 0 and check.state == "over"
    elif cash.total < expected_cash(facts):
        assert diff.fen < 0 and check.state == "short"
    else:
        assert diff.fen == 0 and check.state == "balanced"
    card_check = z.check("card")
    assert card_check.accepted == (card is None)
    assert card_check.counted == (expected(facts, "card") if card is None else card)
    assert z.over_short_total == Money.sum(c.over_short or Money(0) for c in z.checks)


@given(st.integers(0, 200_000), st.lists(EVENTS, max_size=20), COUNTS)
def test_x_and_z_expect_the_same_from_the_same_facts(
        float_fen: int, events: list[Event], cash: CashCount) -> None:
    facts = aggregate(float_fen, events)
    x = x_report(facts, at=CLOSED_AT)
    z = z_report(facts, ShiftCount(cash=cash), closed_at=CLOSED_AT)
    assert x.drawer == z.drawer
    assert [c.expected for c in x.checks] == [c.expected for c in z.checks]
    assert (x.net_sales, x.gross_sales, x.refunds) == (z.net_sales, z.gross_sales, z.refunds)

