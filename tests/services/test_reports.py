"""The report service's periods are the store's days, whatever zone the machine is in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pos_app.core.clock import StoreClock
from pos_app.core.sales_report import ReportPeriod
from pos_app.services.reports import ReportService
from pos_app.store import db
from tests.report_sales import SHANGHAI, sell_around_d

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
