"""Sales reports at the till: today or a period of store days, in the store's time zone.

``report`` sums a period's sales in the database (a month is a few hundred thousand sale
lines): the UI runs it off the UI thread. Who may see reports (supervisors, managers) is
checked by the window that opens them.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine

from pos_app.core.clock import StoreClock
from pos_app.core.sales_report import ReportPeriod, SalesReport
from pos_app.core.shelf_label import DEFAULT_MARKDOWN_PREFIX
from pos_app.store.reports import TOP_PRODUCTS, sales_report


class ReportService:
    """The store's sales figures by period."""

    def __init__(self, *, engine: Engine, clock: StoreClock, top: int = TOP_PRODUCTS,
                 markdown_prefix: str = DEFAULT_MARKDOWN_PREFIX) -> None:
        self._engine = engine
        self.clock = clock
        self.top = top
        # The label printer's markdown prefix: its labels' lines are the report's markdowns.
        self.markdown_prefix = markdown_prefix

    def today(self) -> ReportPeriod:
        """The store's business day now."""
        return ReportPeriod.day(self.clock.today())

    def yesterday(self) -> ReportPeriod:
        """The store day before today."""
        return ReportPeriod.day(self.clock.today() - timedelta(days=1))

    def last_days(self, days: int) -> ReportPeriod:
        """The ``days`` store days that end today (7: this week so far and the six before)."""
        today = self.clock.today()
        return ReportPeriod(today - timedelta(days=days - 1), today)

    def this_month(self) -> ReportPeriod:
        """From the first of this month to today."""
        today = self.clock.today()
        return ReportPeriod(today.replace(day=1), today)

    def period(self, first: date, last: date) -> ReportPeriod:
        """Store days ``first`` to ``last`` (a ``PosError`` when reversed or too long)."""
        return ReportPeriod(first, last)

    def report(self, period: ReportPeriod) -> SalesReport:
        """The figures of ``period`` (run it off the UI thread)."""
        return sales_report(self._engine, period, self.clock.zone, top=self.top,
                            markdown_prefix=self.markdown_prefix)
