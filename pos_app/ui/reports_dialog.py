"""Sales reports at the till, for supervisors and managers: today, yesterday, the last 7 days,
this month or any range of store days; the headline figures, a chart by hour or by day and
one table per view; exported as CSV or PDF. Keyboard first: F2-F5 pick the period, Alt+F /
Alt+T the range's dates and Enter shows it, F7 switches the chart, F8 / F9 export, Esc closes.

The figures are summed, and the files written, off the UI thread (``TaskRunner``, on its
second thread: a month's sum must not hold up a sale's commit on the writer thread); the
screen says it is working meanwhile and shows only the answer to the last request.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.core.money import Money, format_money
from pos_app.core.sales_report import ReportPeriod, SalesReport
from pos_app.services.reports import ReportService
from pos_app.ui.date_entry import DateEntry, qdate
from pos_app.ui.dialog_host import DialogHost
from pos_app.ui.messages import error_text
from pos_app.ui.report_chart import SalesChart, Series
from pos_app.ui.report_export import report_html, write_csv, write_pdf
from pos_app.ui.report_tables import Table, cell_text, period_text, report_tables
from pos_app.ui.tasks import TaskRunner

TABS = ("summary", "hours", "days", "categories", "tenders", "cashiers", "top_amount",
        "top_qty", "discounts", "promotions")
KPI_COLUMNS = 4


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportsDialog(QDialog):
    """The reports screen; ``sig_shown`` when a report is on screen, ``sig_exported(path)``
    when a file is written."""

    sig_shown = Signal(object)
    sig_exported = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, *, reports: ReportService, runner: TaskRunner, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sales reports"))
        self.reports, self.runner, self.lang = reports, runner, lang
        self.report: SalesReport | None = None
        self.series: Series = "hours"
        self._asked = 0  # the latest request: older answers are dropped
        self._closed = False
        self.finished.connect(self._on_finished)
        self.buttons: dict[str, QPushButton] = {}
        periods = QHBoxLayout()
        for name, key, text in (("today", "F2", self.tr("Today")),
                                ("yesterday", "F3", self.tr("Yesterday")),
                                ("week", "F4", self.tr("Last 7 days")),
                                ("month", "F5", self.tr("This month"))):
            periods.addWidget(self._button(name, key, text))
        today = reports.clock.today()
        self.first = self._date_edit(today)
        self.last = self._date_edit(today)
        from_label, to_label = QLabel(self.tr("&From"), self), QLabel(self.tr("&To"), self)
        from_label.setBuddy(self.first)
        to_label.setBuddy(self.last)
        for widget in (from_label, self.first, to_label, self.last):
            periods.addWidget(widget)
        periods.addWidget(self._button("range", "Enter", self.tr("Show")))
        periods.addStretch(1)
        self.period_label = QLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # no known end: it moves while the sums run
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.busy.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.period_label)
        status_row.addWidget(self.busy)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self._button("chart", "F7", self.tr("Chart: hour/day")))
        status_row.addWidget(self._button("csv", "F8", self.tr("Export CSV")))
        status_row.addWidget(self._button("pdf", "F9", self.tr("Export PDF")))
        self.figures: dict[str, QLabel] = {}
        kpis = QGridLayout()
        # Two rows of four: eight figures of a month's size in one row would not fit the
        # 1024-pixel screen.
        for n, (name, text) in enumerate((
                ("sales", self.tr("Sales")), ("returns", self.tr("Returns")),
                ("net", self.tr("Net sales")), ("count", self.tr("Sales count")),
                ("average", self.tr("Average ticket")), ("members", self.tr("Members' share")),
                ("discounts", self.tr("Discounts")), ("voided", self.tr("Voided sales")))):
            caption = QLabel(text, self)
            caption.setStyleSheet("color: #555;")
            value = QLabel("–", self)
            font = value.font()
            font.setPointSize(font.pointSize() + 5)
            font.setBold(True)
            value.setFont(font)
            row, col = divmod(n, KPI_COLUMNS)
            kpis.addWidget(caption, 2 * row, col)
            kpis.addWidget(value, 2 * row + 1, col)
            self.figures[name] = value
        self.chart = SalesChart(self)
        self.tabs = QTabWidget(self)
        self.tables: dict[str, QTableWidget] = {}
        for name in TABS:
            table = QTableWidget(0, 0, self)
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            table.verticalHeader().hide()
            table.setAlternatingRowColors(True)
            self.tables[name] = table
            self.tabs.addTab(table, "")
        layout = QVBoxLayout(self)
        layout.addLayout(periods)
        layout.addLayout(status_row)
        layout.addLayout(kpis)
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.tabs, 3)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.reject)
        self.resize(1000, 700)  # inside the 1024x768 till screen
        self._set_exports_enabled(False)

    def _button(self, name: str, key: str, text: str) -> QPushButton:
        button = QPushButton(f"{text} ({key})", self)
        button.setAutoDefault(False)
        handler = {"today": lambda: self.show_period(self.reports.today()),
                   "yesterday": lambda: self.show_period(self.reports.yesterday()),
                   "week": lambda: self.show_period(self.reports.last_days(7)),
                   "month": lambda: self.show_period(self.reports.this_month()),
                   "range": self.on_show_range, "chart": self.on_toggle_chart,
                   "csv": lambda: self.export_csv(), "pdf": lambda: self.export_pdf()}[name]
        button.clicked.connect(handler)
        if key.startswith("F"):
            QShortcut(QKeySequence(key), self, handler)
        self.buttons[name] = button
        return button

    def _date_edit(self, day: date) -> DateEntry:
        edit = DateEntry(day, self)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setMaximumDate(qdate(day.replace(year=day.year + 1)))
        return edit

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a date shows the range typed (a dialog would take it as "accept").
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if focused in (self.first, self.last):
                self.on_show_range()
            elif isinstance(focused, QPushButton):
                focused.click()
            return
        super().keyPressEvent(event)

    # ---- asking for figures ------------------------------------------------------------------

    @Slot()
    def on_show_range(self) -> None:
        try:
            period = self.reports.period(_day(self.first.date()), _day(self.last.date()))
        except PosError as exc:
            self._tell(error_text(exc, self.lang), error=True)
            return
        self.show_period(period)

    def show_period(self, period: ReportPeriod) -> None:
        """Sum ``period``'s figures off the UI thread, then show them."""
        self._asked += 1
        asked = self._asked
        self.first.setDate(qdate(period.first))
        self.last.setDate(qdate(period.last))
        self._set_busy(True)
        self.series = "hours" if period.days == 1 else "days"
        reports = self.reports
        self.runner.submit(lambda: reports.report(period),
                           on_done=lambda r: self._answered(asked, r),
                           on_error=lambda e: self._failed(asked, e), own_thread=True)

    def _answered(self, asked: int, report: SalesReport) -> None:
        if self._closed or asked != self._asked:
            return
        self._set_busy(False)
        self.show_report(report)
        self.sig_shown.emit(report)

    def _failed(self, asked: int, exc: BaseException) -> None:
        if self._closed or asked != self._asked:
            return
        self._set_busy(False)
        self._tell(error_text(exc, self.lang), error=True)
        self.sig_failed.emit(exc)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        if busy:
            self._tell(self.tr("Adding up the sales…"))
            self._set_exports_enabled(False)
        else:
            self._tell("")
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _set_exports_enabled(self, enabled: bool) -> None:
        for name in ("csv", "pdf", "chart"):
            self.buttons[name].setEnabled(enabled)

    def _tell(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #8a1c12;" if error else "")

    # ---- showing -----------------------------------------------------------------------------

    def show_report(self, report: SalesReport) -> None:
        """Put ``report`` on screen."""
        self.report = report
        def money(m: Money) -> str:
            return format_money(m, self.lang)

        self.period_label.setText(period_text(report))
        self.figures["sales"].setText(money(report.sales.amount))
        self.figures["returns"].setText(money(-report.returns.amount))
        self.figures["net"].setText(money(report.net))
        self.figures["count"].setText(str(report.sales.count))
        self.figures["average"].setText(money(report.sales.average))
        self.figures["members"].setText(f"{report.members.member_share_bp / 100:.1f}%")
        self.figures["discounts"].setText(money(report.discount_total))
        self.figures["voided"].setText(str(report.voided.count))
        self.chart.show_report(report, self.series)
        for index, table in enumerate(report_tables(report, self.lang)):
            self.tabs.setTabText(index, table.title)
            self._fill(self.tables[table.key], table)
        self._set_exports_enabled(True)

    def _fill(self, widget: QTableWidget, table: Table) -> None:
        widget.clear()
        widget.setColumnCount(len(table.headings))
        widget.setHorizontalHeaderLabels(list(table.headings))
        widget.setRowCount(len(table.rows))
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                item = QTableWidgetItem(cell_text(cell, self.lang))
                if not isinstance(cell, str):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                widget.setItem(r, c, item)
        header = widget.horizontalHeader()
        header.setMinimumSectionSize(90)  # numbers line up in columns of one width
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    @Slot()
    def on_toggle_chart(self) -> None:
        if self.report is not None:
            self.series = "days" if self.series == "hours" else "hours"
            self.chart.show_report(self.report, self.series)

    # ---- exports -----------------------------------------------------------------------------

    def _target(self, suffix: str, path: Path | None) -> Path | None:
        if path is not None or self.report is None:
            return path
        p = self.report.period
        days = p.first.isoformat() if p.days == 1 else f"{p.first}_{p.last}"
        folder = Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation))
        if not folder.is_dir():  # a till's user often has no Documents folder
            folder = Path.home()
        name = f"sales-report-{days}.{suffix}"
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), str(folder / name),
            self.tr("CSV files (*.csv)") if suffix == "csv" else self.tr("PDF files (*.pdf)"))
        # The keys come back here (without a window manager nothing else gives them back).
        self.activateWindow()
        return Path(chosen) if chosen else None

    def export_csv(self, path: Path | None = None) -> None:
        """Write the report as CSV to ``path`` (asked for when not given)."""
        target = self._target("csv", path)
        if target is None or self.report is None:
            return
        tables, title = report_tables(self.report, self.lang), self.windowTitle()
        period, lang = period_text(self.report), self.lang
        self._write(target, lambda: write_csv(target, title=title, period=period,
                                              tables=tables, lang=lang))

    def export_pdf(self, path: Path | None = None) -> None:
        """Write the report as PDF (chart and tables) to ``path`` (asked for when not given)."""
        target = self._target("pdf", path)
        if target is None or self.report is None:
            return
        page = report_html(title=self.windowTitle(), period=period_text(self.report),
                           tables=report_tables(self.report, self.lang), lang=self.lang,
                           with_chart=True, empty_text=self.tr("Nothing in this period."))
        chart, font = self.chart.image(), QApplication.font()
        self._write(target, lambda: write_pdf(target, page_html=page, font=font, chart=chart))

    def _write(self, target: Path, write: Callable[[], None]) -> None:
        self._tell(self.tr("Writing {file}…").format(file=target.name))

        def done(_result: object) -> None:
            if not self._closed:
                self._tell(self.tr("Saved {file}").format(file=str(target)))
                self.sig_exported.emit(target)

        def failed(exc: BaseException) -> None:
            if not self._closed:
                self._tell(self.tr("Could not write {file}: {reason}").format(
                    file=str(target), reason=getattr(exc, "strerror", None) or str(exc)),
                    error=True)
                self.sig_failed.emit(exc)

        self.runner.submit(write, on_done=done, on_error=failed, own_thread=True)

    def _on_finished(self, _result: int) -> None:
        self._closed = True


def open_reports(parent: QWidget, *, reports: ReportService, runner: TaskRunner, lang: str,
                 host: DialogHost | None = None, period: ReportPeriod | None = None,
                 ) -> ReportsDialog:
    """Open the reports screen over ``parent`` (through ``host`` when the window has one),
    showing ``period`` (today unless given). The caller checks the permission first."""
    dialog = ReportsDialog(reports=reports, runner=runner, lang=lang, parent=parent)
    if host is not None:
        host.open(dialog, lambda _d: None)
    else:
        dialog.open()
    dialog.show_period(period or reports.today())
    return dialog

