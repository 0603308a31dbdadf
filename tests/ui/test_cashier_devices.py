"""The cashier window's device side and printing, each built alone: simulated devices in, the
window's part played by plain callables that record what they were asked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from pos_app.config import Settings
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.core.receipt import ReceiptDocument
from pos_app.core.store_info import StoreInfo
from pos_app.services.devices import (
    DeviceManager,
    DeviceState,
    PrinterConfig,
    ScaleConfig,
    ScannerConfig,
)
from pos_app.services.results import CompletedSale
from pos_app.store import db
from pos_app.ui.cashier_devices import CashierDevices
from pos_app.ui.device_bridge import DeviceBridge
from pos_app.ui.receipt_preview import ReceiptPreview
from pos_app.ui.receipt_printing import ReceiptPrinting
from pos_app.ui.receipt_view import ReceiptView
from pos_app.ui.status_bar import DeviceStatusBar
from pos_app.ui.tasks import TaskRunner
from tests.drivers.printer.helpers import sample_doc

STORE = StoreInfo(store_code="S001", store_name="Test", store_address="", terminal_code="T01")
APPLES = ProductInfo(product_id=1, sku="T-APPLE", name="红富士苹果", name_en="Fuji apples",
                     unit="kg", price=Money(1280), tax_rate_bp=900, is_weighed=True)


class Window:
    """What the window would do, recorded."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []
        self.errors: list[BaseException] = []
        self.scans: list[str] = []
        self.weighed: list[tuple[ProductInfo, int]] = []
        self.asked: list[ProductInfo] = []
        self.copies: list[tuple[ReceiptDocument, str]] = []
        self.dialog: QDialog | None = None

    def message(self, text: str, level: str) -> None:
        self.messages.append((level, text))


@pytest.fixture
def manager(db_path: Path, tmp_path: Path, request: pytest.FixtureRequest
            ) -> Iterator[DeviceManager]:
    engine = db.open_database(db_path)
    settings = Settings(data_dir=tmp_path, db_path=db_path, **request.param)
    made = DeviceManager(settings=settings, engine=engine, store_info=STORE,
                         lang="en_US", reconnect_s=0.05)
    yield made
    made.stop()
    engine.dispose()


@pytest.fixture
def devices(qtbot: QtBot, manager: DeviceManager) -> Iterator[tuple[CashierDevices, Window]]:
    main = QMainWindow()
    qtbot.addWidget(main)
    sale_screen = QWidget(main)
    main.setCentralWidget(sale_screen)
    main.resize(1280, 800)  # room for the status bar's whole texts
    main.show()
    qtbot.waitExposed(main)
    window = Window()
    side = CashierDevices(
        bridge=DeviceBridge(manager), status_bar=DeviceStatusBar(main.statusBar()),
        sale_screen=sale_screen, lang="en_US", scan=window.scans.append,
        dialog_open=lambda: window.dialog is not None, show_message=window.message,
        show_error=window.errors.append,
        add_weighed=lambda product, grams: window.weighed.append((product, grams)),
        ask_weight=window.asked.append, describe_promotions=lambda _p: ([], []))
    side.start()
    yield side, window
    side.stop()
    assert not manager.workers() and side.wedge_filter is None


SCANNER_AND_SCALE = {"scanner": ScannerConfig(kind="sim"), "scale": ScaleConfig(kind="sim")}


@pytest.mark.parametrize("manager", [SCANNER_AND_SCALE], indirect=True)
def test_device_codes_go_to_the_sale_unless_a_dialog_is_open(
    qtbot: QtBot, devices: tuple[CashierDevices, Window], manager: DeviceManager,
) -> None:
    side, window = devices
    labels = side.status_bar.labels
    qtbot.waitUntil(lambda: labels["scanner"].text() == "Scanner: ready", timeout=5000)
    assert manager.sims.scanner is not None and side.wedge_filter is not None
    with qtbot.waitSignal(side.bridge.sig_scan, timeout=5000):
        manager.sims.scanner.scan("6901000000004")
    assert window.scans == ["6901000000004"]
    window.dialog = QDialog()
    with qtbot.waitSignal(side.bridge.sig_scan, timeout=5000):
        manager.sims.scanner.scan("6901000000011")
    assert window.scans == ["6901000000004"]  # the Devices page shows it, not the sale


@pytest.mark.parametrize("manager", [SCANNER_AND_SCALE], indirect=True)
def test_the_scale_weighs_else_the_cashier_is_asked(
    qtbot: QtBot, devices: tuple[CashierDevices, Window], manager: DeviceManager,
) -> None:
    side, window = devices
    qtbot.waitUntil(lambda: side.bridge.states["scale"].state == DeviceState.READY,
                    timeout=5000)
    assert manager.sims.scale is not None
    manager.sims.scale.set_weight(350)
    assert side.weigh(APPLES)
    assert window.messages[-1] == ("info", "Weighing Fuji apples…")
    qtbot.waitUntil(lambda: bool(window.weighed), timeout=8000)
    assert window.weighed == [(APPLES, 350)]
    assert window.messages[-1] == ("ok", "Fuji apples: 0.350kg from the scale")
    manager.sims.scale.set_weight(0)
    assert side.weigh(APPLES)
    qtbot.waitUntil(lambda: bool(window.asked), timeout=8000)
    assert window.asked == [APPLES] and window.weighed == [(APPLES, 350)]
    assert isinstance(window.errors[-1], PosError) and window.errors[-1].key == "scale.zero"


@pytest.mark.parametrize("manager", [{"scanner": ScannerConfig(kind="none")}], indirect=True)
def test_no_scanner_no_scale(devices: tuple[CashierDevices, Window]) -> None:
    side, _window = devices
    assert side.wedge_filter is None and not side.weigh(APPLES)
    assert side.status_bar.labels["scanner"].text() == "Scanner: keyboard"
    assert side.status_bar.labels["scale"].text() == "Scale: not set up"


@pytest.fixture
def printing(qtbot: QtBot, manager: DeviceManager) -> Iterator[tuple[ReceiptPrinting, Window]]:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner()
    window = Window()
    printer = ReceiptPrinting(
        print_service=lambda: manager.print_service, runner=runner,
        receipt_view=ReceiptView(QFont(), parent, lang="en_US"),
        receipt_preview=ReceiptPreview(parent), show_message=window.message,
        show_error=window.errors.append, open_dialog=lambda _d, _on: None,
        guarded=lambda fn: fn(), show_copy=lambda doc, title: window.copies.append(
            (doc, title)), sale_is_empty=lambda: True, dialog_parent=parent)
    manager.start()
    yield printer, window
    runner.shutdown()


SIM_PRINTER = {"printer": PrinterConfig(kind="sim")}


@pytest.mark.parametrize("manager", [SIM_PRINTER], indirect=True)
def test_a_completed_sale_prints_and_its_image_replaces_the_text(
    qtbot: QtBot, printing: tuple[ReceiptPrinting, Window], manager: DeviceManager,
) -> None:
    printer, _window = printing
    doc = sample_doc()
    # The printing reads only the receipt of a completed sale.
    done = CompletedSale(receipt=doc, sale_id=1, change=None)  # type: ignore[arg-type]  # unread
    printer.on_sale_completed(done)
    assert not printer.receipt_view.isHidden()  # the text first
    qtbot.waitUntil(lambda: printer.receipt_preview.receipt_no == doc.receipt_no,
                    timeout=8000)
    assert printer.receipt_view.isHidden()
    sim = manager.sims.printer
    assert sim is not None
    qtbot.waitUntil(lambda: doc.receipt_no.encode() in sim.output(), timeout=5000)


@pytest.mark.parametrize("manager", [SIM_PRINTER], indirect=True)
def test_drawer_and_an_unknown_reprint(
    qtbot: QtBot, printing: tuple[ReceiptPrinting, Window], manager: DeviceManager,
) -> None:
    printer, window = printing
    printer.on_open_drawer()
    qtbot.waitUntil(lambda: ("ok", "Drawer opened.") in window.messages, timeout=5000)
    printer.reprint("S001-T01-999999")
    qtbot.waitUntil(lambda: bool(window.errors), timeout=5000)
    error = window.errors[0]
    assert isinstance(error, PosError) and error.key == "printer.receipt_not_found"
    assert window.copies == []

