"""The report service's periods are the store's days, whatever zone the machine is in; a
day's sales, returns and net as the till's checkout and return service wrote them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pos_app.core.clock import StoreClock
from pos_app.core.money import Money
from pos_app.core.roles import Permission
from pos_app.core.sales_report import Figures, ReportPeriod, SalesReport
from pos_app.services.reports import ReportService
from pos_app.store import db
from tests.conftest import CHIPS, COLA
from tests.report_sales import SHANGHAI, sell_around_d
from tests.services.return_till import ReturnTill, make_till
from tests.staffing import approve

# 16:30 UTC on 2024-11-30 is already 1 December in Shanghai.
LATE = datetime(2024, 11, 30, 16, 30, tzinfo=UTC)


@pytest.fixture
def empty_engine(tmp_path: Path) -> Iterator[Engine]:
    eng = db.open_database(tmp_path / "reports.db")
    yield eng
    eng.dispose()


def _service(engine: Engine, at: datetime = LATE) -> ReportService:
    return ReportService(engine=engine, clock=StoreClock(SHANGHAI, lambda: at))


def test_periods_follow_the_store_day(empty_engine: Engine) -> None:
    service = _service(empty_engine)
    assert service.today() == ReportPeriod.day(date(2024, 12, 1))
    assert service.yesterday() == ReportPeriod.day(date(2024, 11, 30))
    assert service.last_days(7) == ReportPeriod(date(2024, 11, 25), date(2024, 12, 1))
    assert service.this_month() == ReportPeriod(date(2024, 12, 1), date(2024, 12, 1))


def test_report_of_today_in_the_store_zone(empty_engine: Engine) -> None:
    sell_around_d(empty_engine)
    service = _service(empty_engine, datetime(2024, 11, 21, 23, 0, tzinfo=UTC))  # 07:00 on D
    report = service.report(service.today())
    assert report.period.first == date(2024, 11, 22)
    assert (report.sales.count, report.sales.amount.fen) == (4, 3915)
    assert report.zone == "Asia/Shanghai"


def _sell_and_take_back(till: ReturnTill) -> None:
    """Three sales, a partial return and an exchange, by the cashier 王芳 (1001) with a
    supervisor's approval where the till asks for it."""
    mixed = till.sell(CHIPS, CHIPS, COLA)  # ¥7.50 × 2 + ¥3.50 = ¥18.50 cash
    card = till.sell(CHIPS, kind="card")  # ¥7.50
    till.sell(COLA, kind="mobile")  # ¥3.50
    # One bag of chips of the first sale comes back: ¥7.50 in cash.
    draft = till.returns.draft(till.returns.find(mixed), {1: 1}, reason="defective")
    till.returns.commit(draft, approve(till.staff, Permission.RETURN))
    # The card sale's chips are exchanged for a cola: ¥3.50 of the credit pays the new sale,
    # ¥4.00 goes back onto the card.
    exchange = till.returns.exchange(
        till.returns.draft(till.returns.find(card), {1: 1}, reason="wrong_item"),
        approve(till.staff, Permission.RETURN))
    till.checkout.start_exchange(exchange)
    till.checkout.scan(COLA)
    till.checkout.take_exchange_credit()
    till.checkout.complete()
    assert exchange.done is not None


def _till_reports(till: ReturnTill) -> ReportService:
    return ReportService(engine=till.engine, clock=StoreClock(SHANGHAI, lambda: till.clock.now))


def _report(till: ReturnTill) -> SalesReport:
    service = _till_reports(till)
    return service.report(service.today())


def test_a_day_with_a_partial_return_and_an_exchange(engine: Engine) -> None:
    till = make_till(engine, "cashier")
    _sell_and_take_back(till)
    report = _report(till)
    assert report.sales == Figures(Money(1_850 + 750 + 350 + 350), 4)  # the exchange's sale
    assert (report.returns.count, report.returns.amount) == (2, Money(750 + 750))
    assert report.net == Money(3_300 - 1_500)
    tenders = {t.kind: (t.sales.fen, t.refunds.fen, t.sales_count, t.refunds_count)
               for t in report.tenders}
    assert tenders == {"cash": (1_850, 750, 1, 1), "card": (750, 400, 1, 1),
                       "mobile": (350, 0, 1, 0), "exchange": (350, 350, 1, 1)}
    assert Money.sum(t.net for t in report.tenders) == report.net
    [cashier] = report.cashiers
    assert (cashier.staff_code, cashier.name, cashier.sales_count, cashier.sales_amount,
            cashier.returns_count, cashier.returns_amount) == (
        "1001", "王芳", 4, Money(3_300), 2, Money(1_500))


def test_a_return_counts_on_the_day_it_is_taken_not_the_day_of_its_sale(
        engine: Engine) -> None:
    till = make_till(engine, "supervisor")
    receipt = till.sell(CHIPS, CHIPS)  # ¥15.00 cash
    till.clock.now += timedelta(days=1)
    till.returns.commit(till.returns.draft(till.returns.find(receipt), {1: 1},
                                           reason="changed_mind"))
    today = _report(till)
    assert today.sales == Figures() and today.net == Money(-750)
    assert [(t.kind, t.refunds.fen) for t in today.tenders] == [("cash", 750)]
    assert [(c.name, c.sales_count, c.returns_count) for c in today.cashiers] == [
        ("李强", 0, 1)]
    service = _till_reports(till)
    yesterday = service.report(service.yesterday())
    assert (yesterday.sales.amount, yesterday.returns.count) == (Money(1_500), 0)
