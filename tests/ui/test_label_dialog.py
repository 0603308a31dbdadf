"""The labels screen driven by keys: scan codes in, F5 price changed, F6 markdown mode with a
percentage, the preview of the selected label, F12 prints on the simulated label printer; and
the journey: a shelf label and a markdown label printed, the markdown label then sold at the
till through the real checkout, the markdown in the sale's record and the markdown report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from contract.products import ProductRow
from drivers.labels.config import LabelPrinterConfig
from drivers.labels.sim import SimLabelPrinter
from pos_app.core.clock import DEFAULT_CLOCK
from pos_app.core.money import Money
from pos_app.services.checkout import CheckoutService
from pos_app.services.labels import LabelService, PrintResult
from pos_app.services.reports import ReportService
from pos_app.store import catalog, terminal
from pos_app.store.models import sale_line
from pos_app.ui.label_dialog import LabelDialog
from pos_app.ui.tasks import TaskRunner
from tests.conftest import APPLES_LABEL_350G, COLA, TEA


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def printer() -> SimLabelPrinter:
    return SimLabelPrinter()


@pytest.fixture
def dialog(qtbot: QtBot, engine: Engine, runner: TaskRunner,
           printer: SimLabelPrinter) -> LabelDialog:
    service = LabelService(engine=engine, config=LabelPrinterConfig(kind="sim"),
                           transport=printer, lang="en_US")
    d = LabelDialog(labels=service, runner=runner, lang="en_US")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def type_code(qtbot: QtBot, dialog: LabelDialog, code: str, count: int) -> None:
    dialog.entry.setFocus()
    qtbot.keyClicks(dialog.entry, code)
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(dialog.items) == count, timeout=10_000)


def print_all(qtbot: QtBot, dialog: LabelDialog) -> PrintResult:
    with qtbot.waitSignal(dialog.sig_printed, timeout=10_000) as blocker:
        qtbot.keyClick(dialog, Qt.Key.Key_F12)
    result: PrintResult = blocker.args[0]
    return result


def test_scanned_codes_become_labels_with_a_preview(qtbot: QtBot,
                                                    dialog: LabelDialog) -> None:
    type_code(qtbot, dialog, COLA, 1)
    type_code(qtbot, dialog, TEA, 2)
    assert [i.product.sku for i in dialog.items] == ["T-COLA", "T-TEA"]
    assert dialog.list.currentRow() == 1 and dialog.preview_png.startswith(b"\x89PNG")
    pixmap = dialog.preview.pixmap()  # the label, kept 4:3 and inside the preview
    assert abs(pixmap.width() * 3 - pixmap.height() * 4) <= 4
    assert pixmap.width() <= dialog.preview.width()
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert [i.product.sku for i in dialog.items] == ["T-COLA"]


def test_unknown_code_says_what_to_do(qtbot: QtBot, dialog: LabelDialog) -> None:
    with qtbot.waitSignal(dialog.sig_failed, timeout=10_000):
        qtbot.keyClicks(dialog.entry, "6990000009995")
        qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
    assert "No product has the code '6990000009995'" in dialog.status.text()
    assert dialog.items == []


def test_f12_prints_and_f5_finds_price_changes(qtbot: QtBot, dialog: LabelDialog,
                                               engine: Engine,
                                               printer: SimLabelPrinter) -> None:
    type_code(qtbot, dialog, COLA, 1)
    result = print_all(qtbot, dialog)
    assert len(result.items) == 1 and printer.output().startswith(b"SIZE 40 mm,30 mm")
    assert dialog.items == [] and dialog.status.text() == "Labels printed: 1"
    cola = catalog.find_by_barcode(engine=engine, code=COLA)
    assert cola is not None
    catalog.upsert_products(engine=engine, rows=[ProductRow(
        sku=cola.sku, name=cola.name, name_en=cola.name_en, price_fen=390, unit=cola.unit,
        barcodes=(COLA,))])
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: len(dialog.items) == 1, timeout=10_000)
    assert dialog.items[0].doc.price == Money(390)


def test_printer_off_keeps_the_list(qtbot: QtBot, dialog: LabelDialog,
                                    printer: SimLabelPrinter) -> None:
    type_code(qtbot, dialog, COLA, 1)
    printer.online = False
    with qtbot.waitSignal(dialog.sig_failed, timeout=10_000):
        qtbot.keyClick(dialog, Qt.Key.Key_F12)
    assert "label printer did not take the labels" in dialog.status.text()
    assert len(dialog.items) == 1


def test_journey_shelf_and_markdown_labels_then_sell_the_markdown(
        qtbot: QtBot, dialog: LabelDialog, engine: Engine) -> None:
    type_code(qtbot, dialog, TEA, 1)  # a shelf label
    qtbot.keyClick(dialog, Qt.Key.Key_F6)  # markdown mode
    assert dialog.markdown.isChecked() and dialog.percent.isEnabled()
    dialog.percent.setFocus()
    dialog.percent.selectAll()
    qtbot.keyClicks(dialog.percent, "50")
    assert dialog.percent.value() == 50
    type_code(qtbot, dialog, APPLES_LABEL_350G, 2)  # fresh apples, 350 g at ¥4.48
    apples = dialog.items[1]
    assert (apples.kind, apples.doc.price, apples.doc.regular_price) == (
        "markdown", Money(224), Money(448))
    assert "was" in dialog.list.item(1).text()
    result = print_all(qtbot, dialog)
    markdown = next(i for i in result.items if i.kind == "markdown")
    code = markdown.doc.barcode

    checkout = CheckoutService(engine=engine, store_info=terminal.get_store_info(
        engine=engine), sleep=lambda _s: None)
    outcome = checkout.scan(code)
    assert outcome.ok and outcome.change is not None
    assert outcome.change.priced.lines[0].gross == Money(224)
    checkout.add_tender("cash", Money(224))
    sale_id = checkout.complete().sale_id
    with engine.connect() as conn:
        row = conn.execute(select(sale_line.c.sku, sale_line.c.qty, sale_line.c.gross_fen,
                                  sale_line.c.unit_price_fen, sale_line.c.scanned_code)
                           .where(sale_line.c.sale_id == sale_id)).one()
    assert tuple(row) == ("T-APPLE", 350, 224, 1280, code)
    now = datetime.now(UTC)
    report = dialog.labels.markdown_sales(now - timedelta(days=1), now + timedelta(days=1))
    assert (report.lines, report.sold, report.markdown) == (1, Money(224), Money(224))
    sales = ReportService(engine=engine, clock=DEFAULT_CLOCK)
    day = sales.report(sales.last_days(2))  # today, and yesterday in case of midnight
    markdowns = next(d for d in day.discounts if d.kind == "markdown")
    assert (markdowns.count, markdowns.amount) == (1, Money(224))
