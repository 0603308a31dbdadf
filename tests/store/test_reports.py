"""The sales report's figures against sales computed by hand, on a real SQLite file.

Store day D is 2024-11-22 in Asia/Shanghai (UTC+8). Five sales fall in it, one of them
written at 23:30 UTC the day before (07:30 store time), and one voided sale; one sale at
16:30 UTC on D belongs to D+1 (00:30 store time) and one at 15:59:59 UTC on D-1 to D-1
(``tests.report_sales``). The returns of ``return_around_d`` fall the same way: three in D
(one written at 23:30 UTC the day before), one in D+1, one in D-1.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.sales_report import Figures, ReportPeriod, SalesReport
from pos_app.store.reports import sales_report
from tests.report_sales import ANN, SHANGHAI, D, Shop, return_around_d, sell_around_d


@pytest.fixture
def shop(empty_engine: Engine) -> Shop:
    return sell_around_d(empty_engine)


@pytest.fixture
def returned(shop: Shop) -> Shop:
    return return_around_d(shop)


def _day(shop: Shop, day: date = D) -> SalesReport:
    return sales_report(shop.engine, ReportPeriod.day(day), SHANGHAI)


def test_day_totals_count_and_average_ticket(shop: Shop) -> None:
    report = _day(shop)
    assert report.sales == Figures(Money(1250 + 1355 + 1010 + 300), 4)
    assert report.sales.average == Money(979)  # 3915 / 4 = 978.75
    assert report.net == Money(3915)
    assert report.returns.count == 0 and report.returns.amount == Money(0)


def test_sale_at_2330_utc_counts_in_the_next_store_day(shop: Shop) -> None:
    hours = {h.hour: h.figures for h in _day(shop).by_hour if h.figures.count}
    assert hours == {7: Figures(Money(1010), 1), 9: Figures(Money(2605), 2),
                     23: Figures(Money(300), 1)}


def test_neighbour_days_get_the_sales_across_midnight(shop: Shop) -> None:
    assert _day(shop, D - timedelta(days=1)).sales == Figures(Money(2100), 1)
    after = _day(shop, D + timedelta(days=1))
    assert after.sales == Figures(Money(3750), 1)
    assert [h.hour for h in after.by_hour if h.figures.count] == [0]


def test_range_by_day_has_every_day(shop: Shop) -> None:
    report = sales_report(shop.engine, ReportPeriod(D - timedelta(days=1),
                                                    D + timedelta(days=2)), SHANGHAI)
    assert [(d.day.day, d.figures.amount.fen, d.figures.count) for d in report.by_day] == [
        (21, 2100, 1), (22, 3915, 4), (23, 3750, 1), (24, 0, 0)]
    assert report.sales == Figures(Money(2100 + 3915 + 3750), 6)


def test_another_zone_moves_the_day(shop: Shop) -> None:
    # In UTC, D holds the sales of 01:15, 01:45, 15:59:59 and 16:30 (and the void at 02:00).
    report = sales_report(shop.engine, ReportPeriod.day(D), ZoneInfo("UTC"))
    assert report.sales == Figures(Money(1250 + 1355 + 300 + 3750), 4)
    assert report.voided.count == 1


def test_by_tender(shop: Shop) -> None:
    tenders = {t.kind: (t.sales.fen, t.sales_count) for t in _day(shop).tenders}
    assert tenders == {"cash": (1250 + 355 + 300, 3), "card": (1000, 1), "mobile": (1010, 1)}


def test_by_cashier_with_staff_code_when_known(shop: Shop) -> None:
    rows = [(c.staff_code, c.name, c.sales_count, c.sales_amount.fen)
            for c in _day(shop).cashiers]
    assert rows == [("1001", "安妮", 2, 2260), ("st-bob", "Bob", 1, 1355), ("-", "", 1, 300)]


def test_by_category(shop: Shop) -> None:
    rows = [(c.category, c.amount.fen, c.lines, c.products) for c in _day(shop).categories]
    assert rows == [("饮料", 500 + 810 + 300, 3, 1), ("零食", 750 + 700, 2, 1),
                    ("生鲜", 655, 1, 1), ("", 200, 1, 1)]


def test_top_products_by_amount_and_by_pieces(shop: Shop) -> None:
    report = _day(shop)
    assert [(p.sku, p.amount.fen, p.qty, p.lines) for p in report.top_by_amount] == [
        ("DRINK", 1610, 6, 3), ("SNACK", 1450, 2, 2), ("APPLE", 655, 512, 1), ("OPEN", 200, 1, 1)]
    assert report.top_by_amount[2].is_weighed
    assert [p.category for p in report.top_by_amount] == ["饮料", "零食", "生鲜", ""]
    # Grams are not pieces: the apples are not in the quantity list.
    assert [(p.sku, p.qty) for p in report.top_by_qty] == [("DRINK", 6), ("SNACK", 2),
                                                           ("OPEN", 1)]


def test_top_is_limited(shop: Shop) -> None:
    report = sales_report(shop.engine, ReportPeriod.day(D), SHANGHAI, top=2)
    assert [p.sku for p in report.top_by_amount] == ["DRINK", "SNACK"]
    assert [p.sku for p in report.top_by_qty] == ["DRINK", "SNACK"]


def test_discounts_and_what_each_promotion_gave(shop: Shop) -> None:
    report = _day(shop)
    assert [(d.kind, d.amount.fen, d.count) for d in report.discounts] == [
        ("promotion", 100, 1), ("line_discount", 90, 2), ("sale_discount", 50, 1),
        ("price_override", 0, 0), ("markdown", 0, 0)]
    assert report.discount_total == Money(240)
    assert [(p.promo_id, p.name, p.amount.fen, p.count) for p in report.promotions] == [
        ("P-2DRINK", "饮料第二件减1元", 100, 1)]


def test_members_and_others(shop: Shop) -> None:
    members = _day(shop).members
    assert members.members == Figures(Money(1250 + 1010), 2)
    assert members.others == Figures(Money(1355 + 300), 2)
    assert members.member_share_bp == 5773  # 2260 / 3915


def test_voided_sales_are_counted_apart(shop: Shop) -> None:
    report = _day(shop)
    assert report.voided == Figures(Money(750), 1)
    assert all(c.category != "零食" or c.lines == 2 for c in report.categories)


def test_empty_day_is_all_zero(empty_engine: Engine) -> None:
    report = sales_report(empty_engine, ReportPeriod.day(D), SHANGHAI)
    assert report.sales == Figures() and report.sales.average == Money(0)
    assert len(report.by_hour) == 24 and len(report.by_day) == 1
    assert report.categories == () and report.tenders == () and report.top_by_amount == ()
    assert report.members.member_share_bp == 0


def test_reversed_period_is_refused() -> None:
    with pytest.raises(PosError) as err:
        ReportPeriod(D, D - timedelta(days=1))
    assert err.value.key == "report.period_reversed"


def test_returns_of_the_day_and_net_sales(returned: Shop) -> None:
    report = _day(returned)
    assert (report.returns.count, report.returns.amount) == (3, Money(750 + 300 + 455))
    assert report.sales == Figures(Money(3915), 4)  # returns do not change the sales
    assert report.net == Money(3915 - 1505)


def test_returns_fall_in_the_store_day_they_were_taken(returned: Shop) -> None:
    before, after = _day(returned, D - timedelta(days=1)), _day(returned, D + timedelta(days=1))
    assert (before.returns.count, before.returns.amount) == (1, Money(111))
    assert (after.returns.count, after.returns.amount) == (1, Money(999))
    assert after.net == Money(3750 - 999)
    # In UTC, D holds the returns of 02:30, 03:00 and 16:30.
    utc = sales_report(returned.engine, ReportPeriod.day(D), ZoneInfo("UTC"))
    assert (utc.returns.count, utc.returns.amount) == (3, Money(750 + 455 + 999))


def test_refunds_by_the_tender_they_were_paid_out_as(returned: Shop) -> None:
    tenders = {t.kind: (t.sales.fen, t.refunds.fen, t.net.fen, t.sales_count, t.refunds_count)
               for t in _day(returned).tenders}
    assert tenders == {
        "card": (1000, 300, 700, 1, 1),
        "cash": (1250 + 355 + 300, 750 + 155, 1905 - 905, 3, 2),  # one return, two cash rows
        "exchange": (0, 200, -200, 0, 1),
        "mobile": (1010, 0, 1010, 1, 0),
        "points": (0, 100, -100, 0, 1),
    }
    assert sum(t.refunds.fen for t in _day(returned).tenders) == 1505


def test_returns_go_to_the_staff_member_who_took_them(returned: Shop) -> None:
    rows = [(c.staff_code, c.name, c.sales_count, c.sales_amount.fen, c.returns_count,
             c.returns_amount.fen) for c in _day(returned).cashiers]
    assert rows == [("1001", "安妮", 2, 2260, 1, 750), ("st-bob", "Bob", 1, 1355, 1, 300),
                    ("-", "", 1, 300, 0, 0), ("st-carl", "Carl", 0, 0, 1, 455)]


def test_a_day_of_returns_only_has_a_negative_net(returned: Shop) -> None:
    returned.take_back(datetime(2024, 11, 25, 9, 0, tzinfo=SHANGHAI), "DRINK", 2,
                       [("cash", 600)], staff=ANN)
    report = _day(returned, D + timedelta(days=3))
    assert report.sales == Figures() and report.net == Money(-600)
    assert [(t.kind, t.net.fen) for t in report.tenders] == [("cash", -600)]
    assert [(c.name, c.returns_count) for c in report.cashiers] == [("安妮", 1)]
