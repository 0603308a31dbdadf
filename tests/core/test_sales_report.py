"""The sales report's arithmetic: periods of store days, average ticket, quarter hours into
store hours and days (summer time included), the best sellers and the categories."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.sales_report import (
    MAX_PERIOD_DAYS,
    QUARTER_S,
    Figures,
    MemberSplit,
    ProductTotal,
    QuarterTotal,
    ReportPeriod,
    ReturnsTotal,
    SalesReport,
    categories,
    fold_quarters,
    share_bp,
    top_products,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")


def _quarter(moment: datetime) -> int:
    return int(moment.timestamp()) // QUARTER_S


@pytest.mark.parametrize(("amount", "count", "average"), [
    (0, 0, 0), (1000, 4, 250), (3915, 4, 979), (1001, 2, 501), (1, 3, 0), (2, 3, 1)])
def test_average_ticket_rounds_half_up(amount: int, count: int, average: int) -> None:
    assert Figures(Money(amount), count).average == Money(average)


def test_figures_refuse_a_negative_count() -> None:
    with pytest.raises(ValueError):
        Figures(Money(1), -1)


def test_store_day_bounds_are_local_midnights() -> None:
    start, end = ReportPeriod.day(date(2024, 11, 22)).bounds(SHANGHAI)
    assert start == datetime(2024, 11, 21, 16, tzinfo=UTC)
    assert end == datetime(2024, 11, 22, 16, tzinfo=UTC)


def test_a_summer_time_day_has_23_hours() -> None:
    start, end = ReportPeriod.day(date(2025, 3, 30)).bounds(BERLIN)
    assert end - start == timedelta(hours=23)


def test_period_length_is_capped() -> None:
    first = date(2025, 1, 1)
    assert ReportPeriod(first, first + timedelta(days=MAX_PERIOD_DAYS - 1)).days == 366
    with pytest.raises(PosError) as err:
        ReportPeriod(first, first + timedelta(days=MAX_PERIOD_DAYS))
    assert err.value.key == "report.period_too_long"


def test_quarters_fold_into_store_hours_and_days() -> None:
    period = ReportPeriod(date(2024, 11, 22), date(2024, 11, 23))
    quarters = [
        QuarterTotal(_quarter(datetime(2024, 11, 21, 23, 30, tzinfo=UTC)), Figures(Money(100), 1)),
        QuarterTotal(_quarter(datetime(2024, 11, 21, 23, 45, tzinfo=UTC)), Figures(Money(50), 2)),
        QuarterTotal(_quarter(datetime(2024, 11, 22, 16, 0, tzinfo=UTC)), Figures(Money(7), 1)),
    ]
    hours, days = fold_quarters(quarters, SHANGHAI, period)
    assert len(hours) == 24
    assert hours[7].figures == Figures(Money(150), 3)
    assert hours[0].figures == Figures(Money(7), 1)
    assert [(d.day.day, d.figures) for d in days] == [(22, Figures(Money(150), 3)),
                                                      (23, Figures(Money(7), 1))]


def test_summer_time_change_puts_each_sale_in_its_local_hour() -> None:
    # 2025-03-30 in Berlin: 01:59 CET is 00:59 UTC; 03:00 CEST is 01:00 UTC.
    period = ReportPeriod.day(date(2025, 3, 30))
    quarters = [QuarterTotal(_quarter(datetime(2025, 3, 30, 0, 45, tzinfo=UTC)),
                             Figures(Money(1), 1)),
                QuarterTotal(_quarter(datetime(2025, 3, 30, 1, 0, tzinfo=UTC)),
                             Figures(Money(2), 1))]
    hours, _ = fold_quarters(quarters, BERLIN, period)
    assert {h.hour: h.figures.amount.fen for h in hours if h.figures.count} == {1: 1, 3: 2}


def test_a_quarter_outside_the_period_is_a_bug() -> None:
    with pytest.raises(ValueError):
        fold_quarters([QuarterTotal(0, Figures(Money(1), 1))], SHANGHAI,
                      ReportPeriod.day(date(2024, 1, 1)))


# 2025-03-29..31 in Berlin: 71 hours (the clocks go forward on the 30th), 284 quarters.
@given(st.lists(st.tuples(st.integers(0, 4 * 71 - 1), st.integers(0, 10**7),
                          st.integers(0, 500)), max_size=60))
def test_folding_keeps_every_fen_and_sale(raw: list[tuple[int, int, int]]) -> None:
    period = ReportPeriod(date(2025, 3, 29), date(2025, 3, 31))
    start, _ = period.bounds(BERLIN)
    base = int(start.timestamp()) // QUARTER_S
    quarters = [QuarterTotal(base + q, Figures(Money(fen), n)) for q, fen, n in raw]
    hours, days = fold_quarters(quarters, BERLIN, period)
    whole = sum((q.figures for q in quarters), Figures())
    assert sum((h.figures for h in hours), Figures()) == whole
    assert sum((d.figures for d in days), Figures()) == whole


def _product(sku: str, fen: int, qty: int, *, weighed: bool = False,
             category: str = "饮料") -> ProductTotal:
    return ProductTotal(sku=sku, name=sku, name_en="", category=category, qty=qty,
                        is_weighed=weighed, amount=Money(fen), lines=1)


def test_top_products_rank_weighed_goods_by_amount_only() -> None:
    products = [_product("A", 500, 5), _product("B", 900, 2), _product("C", 900, 3),
                _product("KG", 2000, 1500, weighed=True)]
    by_amount, by_qty = top_products(products, 3)
    assert [p.sku for p in by_amount] == ["KG", "C", "B"]
    assert [p.sku for p in by_qty] == ["A", "C", "B"]


def test_categories_sum_their_products() -> None:
    products = [_product("A", 500, 5), _product("B", 900, 2, category="零食"),
                _product("C", 300, 1), _product("X", 50, 1, category="")]
    assert [(c.category, c.amount.fen, c.lines, c.products) for c in categories(products)] == [
        ("零食", 900, 1, 1), ("饮料", 800, 2, 2), ("", 50, 1, 1)]


def test_shares_and_net_of_returns() -> None:
    assert share_bp(Money(1), Money(3)) == 3333
    assert share_bp(Money(5), Money(0)) == 0
    split = MemberSplit(members=Figures(Money(2260), 2), others=Figures(Money(1655), 2))
    assert split.member_share_bp == 5773
    report = SalesReport(period=ReportPeriod.day(date(2025, 1, 1)), zone="Asia/Shanghai",
                         sales=Figures(Money(1000), 3), by_hour=(), by_day=(),
                         returns=ReturnsTotal(1, Money(300)))
    assert report.net == Money(700)
