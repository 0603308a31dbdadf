"""The report's chart: sales by store hour, or by day over a period, as bars (pyqtgraph:
pure Python on Qt, far smaller than QtCharts and PySide6-Addons). The text on it takes the
application's font, so Chinese renders with the fonts ``i18n.apply_fonts`` set."""

from __future__ import annotations

from typing import Literal

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.core.sales_report import SalesReport

translate = QCoreApplication.translate
Series = Literal["hours", "days"]
BAR = QColor("#2f6fb0")
TEXT = QColor("#202020")


class SalesChart(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph ships no type hints
    """Bars of the sales amount (yuan) per hour or per day; the mouse cannot pan or zoom it
    (a report is read, not explored, and a stray drag would hide bars)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.series: Series = "hours"
        self.values: list[float] = []
        self.labels: list[str] = []
        self.setMouseEnabled(x=False, y=False)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.showGrid(x=False, y=True, alpha=0.25)
        font = QFont(QApplication.font())
        for side in ("left", "bottom"):
            axis = self.getAxis(side)
            axis.setPen(TEXT)
            axis.setTextPen(TEXT)
            axis.setTickFont(font)
        self.setMinimumHeight(180)
        self._bars: pg.BarGraphItem | None = None
        self._empty = pg.TextItem(translate("reports", "No sales in this period"),
                                  color=TEXT, anchor=(0.5, 0.5))
        self._empty.setFont(font)

    def show_report(self, report: SalesReport, series: Series) -> None:
        """Draw ``series`` of ``report``."""
        self.series = series
        if series == "hours":
            self.values = [h.figures.amount.fen / 100 for h in report.by_hour]
            self.labels = [f"{h.hour:02d}" for h in report.by_hour]
            title = translate("reports", "Sales by hour (¥)")
        else:
            self.values = [d.figures.amount.fen / 100 for d in report.by_day]
            self.labels = [d.day.strftime("%m-%d") for d in report.by_day]
            title = translate("reports", "Sales by day (¥)")
        self._draw(title)

    def _draw(self, title: str) -> None:
        if self._bars is not None:
            self.removeItem(self._bars)
        xs = list(range(len(self.values)))
        self._bars = pg.BarGraphItem(x=xs, height=self.values, width=0.7, brush=BAR, pen=BAR)
        self.addItem(self._bars)
        step = max(1, len(xs) // 12)  # at most a dozen labels: they must stay readable
        self.getAxis("bottom").setTicks([[(x, self.labels[x]) for x in xs[::step]]])
        self.setTitle(title, color=TEXT.name(), size=f"{QApplication.font().pointSize()}pt")
        top = max(self.values, default=0.0)
        self.setXRange(-0.6, max(len(xs), 1) - 0.4, padding=0)
        self.setYRange(0, top * 1.08 if top > 0 else 1, padding=0)
        self.getAxis("left").setStyle(showValues=top > 0)
        if top > 0:
            self.removeItem(self._empty)
        elif self._empty.scene() is None:
            self._empty.setPos((len(xs) - 1) / 2, 0.5)
            self.addItem(self._empty)

    def image(self) -> QImage:
        """The chart as drawn on screen (for the PDF)."""
        image: QImage = self.grab().toImage()
        return image
