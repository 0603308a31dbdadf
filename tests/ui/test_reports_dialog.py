"""The reports screen driven with keys, offscreen: today's figures, another period, a range
typed in the dates, the busy state while the sums run, CSV and PDF exports read back, and a
day with returns (an exchange's credit among the tenders) on screen and in the CSV."""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from pos_app.core.clock import StoreClock
from pos_app.core.sales_report import ReportPeriod, SalesReport
from pos_app.services.reports import ReportService
from pos_app.store import db
from pos_app.ui.reports_dialog import ReportsDialog, open_reports
from pos_app.ui.tasks import TaskRunner
from tests.report_sales import SHANGHAI, Shop, return_around_d, sell_around_d

NOON_ON_D = datetime(2024, 11, 22, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    eng = db.open_database(tmp_path / "reports.db")
    yield sell_around_d(eng)
    eng.dispose()


@pytest.fixture
def engine(shop: Shop) -> Engine:
    return shop.engine


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _service(engine: Engine) -> ReportService:
    return ReportService(engine=engine, clock=StoreClock(SHANGHAI, lambda: NOON_ON_D))


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """The window the dialog opens over (kept alive by the fixture)."""
    window = QWidget()
    qtbot.addWidget(window)
    return window


def _open(qtbot: QtBot, service: ReportService, runner: TaskRunner,
          parent: QWidget) -> ReportsDialog:
    dialog = open_reports(parent, reports=service, runner=runner, lang="en_US")
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    return dialog


def test_opens_on_today_with_its_figures(qtbot: QtBot, engine: Engine,
                                        runner: TaskRunner, parent: QWidget) -> None:
    dialog = _open(qtbot, _service(engine), runner, parent)
    assert dialog.isVisible()
    assert dialog.figures["sales"].text() == "¥39.15"
    assert dialog.figures["count"].text() == "4"
    assert dialog.figures["average"].text() == "¥9.79"
    assert dialog.figures["voided"].text() == "1"
    assert dialog.chart.series == "hours"
    assert dialog.chart.values[7] == pytest.approx(10.10)  # the 23:30 UTC sale, at 07:30
    categories = dialog.tables["categories"]
    assert [categories.model().index(0, c).data() for c in (0, 1)] == ["饮料", "¥16.10"]


def test_keys_switch_the_period_and_the_chart(qtbot: QtBot, engine: Engine,
                                             runner: TaskRunner, parent: QWidget) -> None:
    dialog = _open(qtbot, _service(engine), runner, parent)
    with qtbot.waitSignal(dialog.sig_shown, timeout=10_000) as shown:
        qtbot.keyClick(dialog, Qt.Key.Key_F4)  # the last 7 days
    report: SalesReport = shown.args[0]
    assert report.period.days == 7 and report.period.last.isoformat() == "2024-11-22"
    assert report.sales.count == 5  # D and the sale late on D-1
    assert (dialog.chart.series, len(dialog.chart.values)) == ("days", 7)
    qtbot.keyClick(dialog, Qt.Key.Key_F7)
    assert (dialog.chart.series, len(dialog.chart.values)) == ("hours", 24)
    with qtbot.waitSignal(dialog.sig_shown, timeout=10_000) as shown:
        qtbot.keyClick(dialog, Qt.Key.Key_F3)  # yesterday
    assert shown.args[0].period == ReportPeriod.day(date(2024, 11, 21))


def test_a_range_typed_in_the_dates_and_enter(qtbot: QtBot, engine: Engine,
                                             runner: TaskRunner, parent: QWidget) -> None:
    dialog = _open(qtbot, _service(engine), runner, parent)
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.first
    qtbot.keyClicks(dialog.first, "2024-11-21")
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(dialog.last, "2024-11-23")
    assert (dialog.first.date(), dialog.last.date()) == (QDate(2024, 11, 21),
                                                         QDate(2024, 11, 23))
    with qtbot.waitSignal(dialog.sig_shown, timeout=10_000) as shown:
        qtbot.keyClick(dialog.last, Qt.Key.Key_Return)
    assert [d.figures.count for d in shown.args[0].by_day] == [1, 4, 1]
    assert dialog.isVisible()  # Enter showed the range; it did not close the dialog


def test_a_reversed_range_is_told_and_nothing_runs(qtbot: QtBot, engine: Engine,
                                                  runner: TaskRunner, parent: QWidget) -> None:
    dialog = _open(qtbot, _service(engine), runner, parent)
    dialog.first.setDate(QDate(2024, 11, 23))
    dialog.last.setDate(QDate(2024, 11, 21))
    dialog.first.setFocus()
    qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
    assert "2024-11-21" in dialog.status.text() and "before it starts" in dialog.status.text()
    assert dialog.report is not None and dialog.report.period.days == 1


class _Held(ReportService):
    """Sums only when the test lets it: the screen's state meanwhile can be looked at."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine=engine, clock=StoreClock(SHANGHAI, lambda: NOON_ON_D))
        self.go = threading.Event()

    def report(self, period: ReportPeriod) -> SalesReport:
        assert self.go.wait(10)
        return super().report(period)


def test_busy_while_the_sums_run(qtbot: QtBot, engine: Engine, runner: TaskRunner,
                                 parent: QWidget) -> None:
    service = _Held(engine)
    dialog = open_reports(parent, reports=service, runner=runner, lang="en_US")
    assert not dialog.busy.isHidden()
    assert not dialog.buttons["csv"].isEnabled() and not dialog.buttons["pdf"].isEnabled()
    assert dialog.status.text()
    with qtbot.waitSignal(dialog.sig_shown, timeout=10_000):
        service.go.set()
    assert dialog.busy.isHidden() and dialog.buttons["csv"].isEnabled()


def test_export_csv_reads_back(qtbot: QtBot, engine: Engine, runner: TaskRunner,
                               parent: QWidget, tmp_path: Path) -> None:
    dialog = _open(qtbot, _service(engine), runner, parent)
    target = tmp_path / "day.csv"
    with qtbot.waitSignal(dialog.sig_exported, timeout=10_000):
        dialog.export_csv(target)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the mark
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["Sales reports", "2024-11-22 (store time, Asia/Shanghai)"]
    at = rows.index(["By category"])
    assert rows[at + 1][:2] == ["Category", "Sales"]
    assert rows[at + 2][:2] == ["饮料", "16.10"]
    summary = rows[rows.index(["Summary"]) + 2]
    assert summary == ["All sales", "39.15", "4", "9.79"]
    promotions = rows[rows.index(["What each promotion gave"]) + 2]
    assert promotions == ["饮料第二件减1元", "P-2DRINK", "1.00", "1"]


def test_export_pdf_has_pages_the_chart_and_a_chinese_font(qtbot: QtBot, engine: Engine,
                                                 runner: TaskRunner, parent: QWidget,
                                                 tmp_path: Path) -> None:
    dialog = _open(qtbot, _service(engine), runner, parent)
    target = tmp_path / "day.pdf"
    with qtbot.waitSignal(dialog.sig_exported, timeout=20_000):
        dialog.export_pdf(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 1
    assert b"/Subtype /Image" in data or b"/Subtype/Image" in data  # the chart
    # The Chinese names are drawn in a CJK font embedded in the file (fonts-noto-cjk).
    fonts = re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", data)
    assert any(b"CJK" in f for f in fonts), fonts


def _cells(dialog: ReportsDialog, tab: str) -> list[list[str]]:
    model = dialog.tables[tab].model()
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_a_day_with_returns_shows_them_and_the_net(qtbot: QtBot, shop: Shop,
                                                   runner: TaskRunner, parent: QWidget,
                                                   tmp_path: Path) -> None:
    return_around_d(shop)
    dialog = _open(qtbot, _service(shop.engine), runner, parent)
    assert dialog.figures["sales"].text() == "¥39.15"
    assert dialog.figures["returns"].text() == "-¥15.05"
    assert dialog.figures["net"].text() == "¥24.10"
    summary = {row[0]: row[1:3] for row in _cells(dialog, "summary")}
    assert summary["Returns"] == ["-¥15.05", "3"] and summary["Net sales"][0] == "¥24.10"
    tenders = {row[0]: row[1:] for row in _cells(dialog, "tenders")}
    assert tenders["Exchange credit"] == ["¥0.00", "-¥2.00", "-¥2.00", "-8.3%", "0", "1"]
    assert tenders["Cash"][:3] == ["¥19.05", "-¥9.05", "¥10.00"]
    carl = next(row for row in _cells(dialog, "cashiers") if row[0] == "Carl")
    assert carl[1:] == ["st-carl", "¥0.00", "0", "¥0.00", "-¥4.55", "1"]
    target = tmp_path / "returns.csv"
    with qtbot.waitSignal(dialog.sig_exported, timeout=10_000):
        dialog.export_csv(target)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    at = rows.index(["Summary"])
    assert ["Returns", "-15.05", "3", ""] in rows[at:at + 10]
    assert ["Net sales", "24.10", "", ""] in rows[at:at + 10]
    at = rows.index(["By tender"])
    assert rows[at + 1][-2:] == ["Sales", "Returns"]
    assert ["Exchange credit", "0.00", "-2.00", "-2.00", "-8.30", "0", "1"] in rows[at:at + 8]


def test_escape_closes(qtbot: QtBot, engine: Engine, runner: TaskRunner,
                       parent: QWidget) -> None:
    dialog = _open(qtbot, _service(engine), runner, parent)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
