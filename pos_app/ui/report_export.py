"""A report's tables to a file: CSV (UTF-8 with a byte order mark, so Excel opens Chinese as
Chinese) or PDF (A4, the chart as a picture, then every table).

Both take the tables and texts already made on the UI thread and touch no widget, so the
writing can run on a worker thread (a PDF of a month takes a moment to lay out).
"""

from __future__ import annotations

import csv
import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from pos_app.core.money import Money
from pos_app.ui.report_tables import Table, cell_text

PDF_DPI = 150
CHART_URL = "report-chart.png"
CHART_WIDTH = 640  # of the page's width, in the document's pixels


def write_csv(path: Path, *, title: str, period: str, tables: Sequence[Table],
              lang: str) -> None:
    """One CSV: the title and period, then each table (its title, headings, rows) after a
    blank row; amounts as plain yuan (``12.50``), shares as percent numbers."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow([title, period])
        for table in tables:
            out.writerow([])
            out.writerow([table.title])
            out.writerow(table.headings)
            out.writerows([cell_text(c, lang, plain=True) for c in row] for row in table.rows)


def report_html(*, title: str, period: str, tables: Sequence[Table], lang: str,
                with_chart: bool, empty_text: str) -> str:
    """The report as one HTML page (Qt's rich-text subset); the chart is the image
    ``CHART_URL`` that ``write_pdf`` hands the document."""
    esc = html.escape
    parts = [f"<h2>{esc(title)}</h2><p>{esc(period)}</p>"]
    if with_chart:
        parts.append(f'<p><img src="{CHART_URL}" width="{CHART_WIDTH}"></p>')
    for table in tables:
        parts.append(f"<h3>{esc(table.title)}</h3>")
        if not table.rows:
            parts.append(f"<p>{esc(empty_text)}</p>")
            continue
        head = "".join(f"<th>{esc(h)}</th>" for h in table.headings)
        body = "".join(
            "<tr>" + "".join(
                f'<td align="{"right" if isinstance(c, Money | int) else "left"}">'
                f"{esc(cell_text(c, lang))}</td>" for c in row) + "</tr>"
            for row in table.rows)
        parts.append(f'<table border="1" cellspacing="0" cellpadding="3" width="100%">'
                     f"<tr>{head}</tr>{body}</table>")
    return "".join(parts)


def write_pdf(path: Path, *, page_html: str, font: QFont, chart: QImage | None) -> None:
    """Lay ``page_html`` out on A4 pages into a PDF at ``path``."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setCreator("O2O POS")
    doc = QTextDocument()
    doc.setDefaultFont(font)
    if chart is not None:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), chart)
    doc.setHtml(page_html)
    doc.print_(writer)
