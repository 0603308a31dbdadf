"""The sales report at the till after a year of trading (``bench.reports_data``: 300,000
sales of about 10 lines, 2 % of them partly returned; 10,000 with ``--small``).

- ``day_ms``: ``ReportService.report`` of one store day (every figure of the screen), median
  over different days (none is timed twice, so none is warm from an earlier run of itself);
  ``day_ms_max`` the slowest.
- ``month_ms``: the same for calendar months, median and ``month_ms_max``.
- ``month_scan_ref_ms``: the reference in the same run, a bare ``sqlite3`` count and sum of
  a month's sales on ``closed_at``'s index, the least any month report reads.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path

from bench import reports_data
from bench.report import log
from bench.stats import median, ms

FULL_SALES = 300_000
SMALL_SALES = 10_000
DAYS = (45, 100, 163, 200, 250, 301, 340)  # days of the year measured, one run each
MONTHS = (3, 6, 10)  # months measured (2025), one run each
TARGETS = {"day_ms": 1000, "month_ms": 5000}


def _month(month: int) -> tuple[date, date]:
    first = date(2025, month, 1)
    return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _reference(path: Path, months: tuple[int, ...]) -> float:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    took = []
    try:
        for month in months:
            first, last = _month(month)
            t0 = time.perf_counter_ns()
            con.execute("SELECT count(*), sum(total_fen) FROM sale WHERE closed_at >= ? AND "
                        "closed_at < ? AND state = 'completed'",
                        (first.isoformat(), (last + timedelta(days=1)).isoformat())).fetchone()
            took.append(time.perf_counter_ns() - t0)
    finally:
        con.close()
    return ms(median(took))


def run(*, skus: int, small: bool) -> dict[str, object]:
    from pos_app.core.clock import DEFAULT_CLOCK
    from pos_app.services.reports import ReportService
    from pos_app.store import db

    sales = SMALL_SALES if small else FULL_SALES
    path = reports_data.ensure(sales=sales, skus=skus)
    engine = db.open_database(path)
    try:
        service = ReportService(engine=engine, clock=DEFAULT_CLOCK)
        days, months, sold, returned = [], [], [], []
        for index in DAYS:
            period = service.period(reports_data.day(index), reports_data.day(index))
            t0 = time.perf_counter_ns()
            report = service.report(period)
            days.append(time.perf_counter_ns() - t0)
            sold.append(report.sales.count)
            returned.append(report.returns.count)
        log(f"days: {[ms(t) for t in days]} ms, sales {sold}, returns {returned}")
        month_sales, month_returns = [], []
        for month in MONTHS:
            t0 = time.perf_counter_ns()
            report = service.report(service.period(*_month(month)))
            months.append(time.perf_counter_ns() - t0)
            month_sales.append(report.sales.count)
            month_returns.append(report.returns.count)
        log(f"months: {[ms(t) for t in months]} ms, sales {month_sales}, "
            f"returns {month_returns}")
    finally:
        engine.dispose()
    return {"sales": sales, "skus": skus,
            "day_ms": ms(median(days)), "day_ms_max": ms(max(days)),
            "month_ms": ms(median(months)), "month_ms_max": ms(max(months)),
            "month_scan_ref_ms": _reference(path, MONTHS),
            "day_sales": round(median(sold)), "month_sales": round(median(month_sales)),
            "day_returns": round(median(returned)),
            "month_returns": round(median(month_returns)),
            "targets": TARGETS}
