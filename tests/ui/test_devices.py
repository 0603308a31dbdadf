"""Devices in the cashier window, on their simulators: printer, drawer, camera, scanner,
scale, pole display, the status bar and the Devices page. No sleeps: waits on signals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from drivers.camera.config import CameraConfig
from drivers.device import DeviceState
from drivers.display.config import DisplayConfig
from drivers.printer import escpos_encode
from drivers.printer.config import PrinterConfig
from drivers.scale.config import ScaleConfig
from drivers.scanner.config import ScannerConfig
from pos_app.config import Lang, Settings
from pos_app.services.demo_session import sign_in_demo
from pos_app.services.devices import DeviceManager
from pos_app.services.factory import open_services
from pos_app.services.guard import Guard
from pos_app.store.audit import AuditFilter
from pos_app.ui import i18n
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.devices_page import DevicesDialog
from pos_app.ui.edit_dialogs import ValueDialog
from pos_app.ui.payment_dialog import PaymentDialog
from pos_app.ui.staff_dialogs import OverrideDialog
from tests.conftest import APPLES_BASE, COLA, TEA
from tests.ui.conftest import open_dialog, scan

MakeWindow = Callable[..., CashierWindow]


@pytest.fixture
def make_window(qtbot: QtBot, db_path: Path, tmp_path: Path) -> Iterator[MakeWindow]:
    """A cashier window whose devices are the given (simulated) ones; stopped afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = i18n.install_translators(app, "en_US")
    made: list[tuple[CashierWindow, Any]] = []

    def make(**devices: Any) -> CashierWindow:
        settings = Settings(data_dir=tmp_path, db_path=db_path, lang="en_US", **devices)
        services = open_services(db_path=db_path, settings=settings)
        manager = DeviceManager(settings=settings, engine=services.engine,
                                store_info=services.checkout.store_info, lang="en_US",
                                reconnect_s=0.05,
                                guard=Guard(staff=services.staff, buffered=False))
        sign_in_demo(services)
        win = CashierWindow(services=services, settings=settings, lang="en_US",
                            devices=manager)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        made.append((win, services))
        return win

    yield make
    for win, services in made:
        win.shutdown()
        services.close()
        assert not win.devices.manager.workers()  # every device thread stopped
    for t in translators:
        app.removeTranslator(t)


SIM_PRINTER = {"printer": PrinterConfig(kind="sim")}


def pay_cash(qtbot: QtBot, win: CashierWindow, amount: str) -> Any:
    dialog = open_dialog(qtbot, win, Qt.Key.Key_F12)
    assert isinstance(dialog, PaymentDialog)
    with qtbot.waitSignal(win.sig_sale_completed, timeout=5000) as done:
        qtbot.keyClicks(dialog.cash_entry, amount)
        qtbot.keyClick(dialog.cash_entry, Qt.Key.Key_Return)
    return done.args[0]


def wait_ready(qtbot: QtBot, win: CashierWindow, device: str) -> None:
    qtbot.waitUntil(lambda: win.devices.states[device].state == DeviceState.READY,
                    timeout=5000)


def test_completed_sale_prints_receipt_and_shows_preview(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    win = make_window(**SIM_PRINTER)
    wait_ready(qtbot, win, "printer")
    scan(qtbot, win, COLA)
    done = pay_cash(qtbot, win, "10")
    receipt_no = done.receipt.receipt_no
    printer = win.devices.manager.sims.printer
    assert printer is not None
    qtbot.waitUntil(lambda: receipt_no.encode() in printer.output(), timeout=5000)
    # A cash sale kicks the drawer before the receipt.
    kick = escpos_encode.encode_drawer(win.devices.manager.print_service.config)
    assert printer.output().index(kick) < printer.output().index(receipt_no.encode())
    qtbot.waitUntil(lambda: win.receipt_preview.receipt_no == receipt_no, timeout=5000)
    assert win.receipt_preview.isVisible()
    # 80 mm at 203 dpi is 576 px; shown narrower when the pane is.
    assert win.receipt_preview._pixmap.width() == 576
    assert 0 < win.receipt_preview.image.pixmap().width() <= 576


def test_printer_offline_sale_completes_and_prints_when_back(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    win = make_window(**SIM_PRINTER)
    printer = win.devices.manager.sims.printer
    assert printer is not None
    label = win.device_status.labels["printer"]
    qtbot.waitUntil(lambda: label.text() == "Printer: ready", timeout=5000)
    printer.online = False  # switched off: status questions go unanswered
    qtbot.waitUntil(lambda: label.text() == "Printer: no answer", timeout=5000)
    scan(qtbot, win, TEA)
    done = pay_cash(qtbot, win, "3")
    # Sending the receipt fails: offline, the job waits.
    qtbot.waitUntil(lambda: label.text() == "Printer: offline", timeout=5000)
    assert win.device_status.labels["drawer"].text() == "Drawer: offline"
    assert "unplugged" in label.toolTip() or "off" in label.toolTip()
    assert win.cart_model.rowCount() == 0 and "Sale complete" in win.receipt_title.text()
    assert done.receipt.receipt_no.encode() not in printer.output()
    printer.online = True
    qtbot.waitUntil(lambda: label.text() == "Printer: ready", timeout=5000)
    qtbot.waitUntil(lambda: done.receipt.receipt_no.encode() in printer.output(), timeout=5000)


def test_reprint_last_and_by_number(qtbot: QtBot, make_window: MakeWindow) -> None:
    win = make_window(**SIM_PRINTER)
    printer = win.devices.manager.sims.printer
    assert printer is not None
    scan(qtbot, win, COLA)
    first = pay_cash(qtbot, win, "5").receipt.receipt_no
    scan(qtbot, win, TEA)
    last = pay_cash(qtbot, win, "5").receipt.receipt_no
    qtbot.waitUntil(lambda: last.encode() in printer.output(), timeout=5000)
    # Ctrl+P offers the last receipt; Enter reprints it.
    before = printer.output().count(b"REPRINT")
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    reprint = win.active_dialog
    assert isinstance(reprint, ValueDialog) and reprint.entry.text() == last
    qtbot.keyClick(reprint.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: printer.output().count(b"REPRINT") == before + 1, timeout=5000)
    # An earlier receipt by its number.
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    reprint = win.active_dialog
    assert isinstance(reprint, ValueDialog)
    reprint.entry.setText(first)
    qtbot.keyClick(reprint.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: printer.output().count(b"REPRINT") == before + 2, timeout=5000)
    qtbot.waitUntil(lambda: "Reprinting receipt " + first in win.message_bar.text(),
                    timeout=5000)
    # The screen shows the receipt being reprinted, not the last sale's.
    assert win.left_stack.currentIndex() == 1
    shown = win.receipt_view.document_shown
    assert shown is not None and shown.receipt_no == first
    assert first in win.receipt_title.text() and "Sale complete" not in win.receipt_title.text()
    assert not win.totals.change_label.isVisible()  # the last sale's change is not this one's
    qtbot.waitUntil(lambda: win.receipt_preview.receipt_no == first, timeout=5000)
    # Mid-sale the cart stays on screen: the copy prints and a message says so.
    scan(qtbot, win, COLA)
    win.printing.reprint(last)
    qtbot.waitUntil(lambda: "Reprinting receipt " + last in win.message_bar.text(),
                    timeout=5000)
    assert win.left_stack.currentIndex() == 0


def test_reprint_of_unknown_number_says_so(qtbot: QtBot, make_window: MakeWindow) -> None:
    win = make_window(**SIM_PRINTER)
    win.printing.reprint("S001-T01-999999")
    qtbot.waitUntil(lambda: "no completed sale" in win.message_bar.text(), timeout=5000)


def test_open_drawer_sends_the_kick(qtbot: QtBot, make_window: MakeWindow) -> None:
    win = make_window(**SIM_PRINTER)
    printer = win.devices.manager.sims.printer
    assert printer is not None
    kick = escpos_encode.encode_drawer(win.devices.manager.print_service.config)
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: kick in printer.output(), timeout=5000)
    qtbot.waitUntil(lambda: win.message_bar.text() == "Drawer opened.", timeout=5000)


def test_open_drawer_is_permission_guarded(qtbot: QtBot, make_window: MakeWindow) -> None:
    """A cashier may not open the drawer without a sale: Ctrl+O asks a supervisor, Esc
    leaves it shut, the supervisor's number and PIN open it once."""
    win = make_window(**SIM_PRINTER)
    win.services.staff.begin_sign_in("1001", "1111").run_now()  # the demo cashier
    printer = win.devices.manager.sims.printer
    assert printer is not None
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    dialog = win.active_dialog
    assert isinstance(dialog, OverrideDialog)
    qtbot.keyClick(dialog.form.code, Qt.Key.Key_Escape)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.active_dialog is None, timeout=3000)
    assert printer.output() == b""
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    dialog = win.active_dialog
    assert isinstance(dialog, OverrideDialog)
    qtbot.keyClicks(dialog.form.code, "2001")
    qtbot.keyClick(dialog.form.code, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.form.pin, "2222")
    qtbot.keyClick(dialog.form.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.message_bar.text() == "Drawer opened.", timeout=5000)
    entry = win.services.staff.audit_log(AuditFilter(action="open_drawer"))[0]
    assert (entry.staff_name, entry.approver_name) == ("王芳", "李强")


def test_no_printer_open_drawer_says_not_set_up(qtbot: QtBot, make_window: MakeWindow) -> None:
    win = make_window()
    assert win.device_status.labels["printer"].text() == "Printer: not set up"
    win.printing.on_open_drawer()
    qtbot.waitUntil(lambda: "No receipt printer" in win.message_bar.text(), timeout=5000)


def test_camera_code_goes_into_the_cart(qtbot: QtBot, make_window: MakeWindow) -> None:
    win = make_window(camera=CameraConfig(kind="sim"))
    camera = win.devices.manager.sims.camera
    assert camera is not None
    qtbot.waitUntil(lambda: win.device_status.labels["camera"].text() == "Camera: ready",
                    timeout=5000)
    with qtbot.waitSignal(win.sig_cart_changed, timeout=8000):
        camera.hold_up(COLA)  # a product barcode as the QR payload
    assert win.cart_model.rowCount() == 1
    assert win.cart_model.data(win.cart_model.index(0, 1)).startswith("Coca-Cola")


def test_serial_scanner_code_goes_into_the_cart(qtbot: QtBot, make_window: MakeWindow) -> None:
    win = make_window(scanner=ScannerConfig(kind="sim"))
    wait_ready(qtbot, win, "scanner")
    assert win.device_status.labels["scanner"].text() == "Scanner: ready"
    scanner = win.devices.manager.sims.scanner
    assert scanner is not None
    with qtbot.waitSignal(win.sig_cart_changed, timeout=5000):
        scanner.scan(TEA)
    assert win.cart_model.rowCount() == 1


def test_weighed_product_without_label_asks_the_scale(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    win = make_window(scale=ScaleConfig(kind="sim"))
    wait_ready(qtbot, win, "scale")
    scale = win.devices.manager.sims.scale
    assert scale is not None
    scale.set_weight(350)
    with qtbot.waitSignal(win.sig_cart_changed, timeout=8000):
        scan(qtbot, win, APPLES_BASE)
    m = win.cart_model
    assert m.data(m.index(0, 2)) == "0.350kg"
    assert win.active_dialog is None  # no weight dialog: the scale answered
    assert "from the scale" in win.message_bar.text()


def test_scale_that_cannot_weigh_falls_back_to_the_dialog(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    win = make_window(scale=ScaleConfig(kind="sim"))
    wait_ready(qtbot, win, "scale")
    scale = win.devices.manager.sims.scale
    assert scale is not None
    scale.set_weight(0)
    scan(qtbot, win, APPLES_BASE)
    qtbot.waitUntil(lambda: win.active_dialog is not None, timeout=8000)
    assert "Nothing on the scale" in win.message_bar.text()


def test_pole_display_shows_the_sale(qtbot: QtBot, make_window: MakeWindow) -> None:
    win = make_window(display=DisplayConfig(kind="sim"))
    wait_ready(qtbot, win, "display")
    scan(qtbot, win, COLA)
    pole = win.devices.manager.sims.display
    assert pole is not None
    qtbot.waitUntil(lambda: "3.50" in " ".join(pole.lines), timeout=5000)
    pay_cash(qtbot, win, "10")
    qtbot.waitUntil(lambda: "CHANGE" in " ".join(pole.lines), timeout=5000)


def test_customer_window_follows_the_sale_and_shows_change(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    win = make_window(display=DisplayConfig(kind="window", promo_message="会员日 9 折"))
    shown = win.cashier_devices.customer_display
    assert shown is not None and shown.isVisible()
    assert shown.promo.text() == "会员日 9 折"
    scan(qtbot, win, COLA)
    scan(qtbot, win, COLA)
    assert shown.table.rowCount() == 1
    assert shown.total_value.text() == win.totals.total_label.text() == "¥7.00"
    pay_cash(qtbot, win, "10")
    assert shown.paid_value.text() == "¥10.00"
    assert shown.change_value.text() == "¥3.00" and shown.change_value.isVisible()
    # The shopper keeps seeing the change until the next sale starts.
    assert shown.table.rowCount() == 1
    scan(qtbot, win, TEA)
    assert shown.table.rowCount() == 1 and not shown.change_value.isVisible()
    win.shutdown()
    assert not shown.isVisible()


def test_devices_page_shows_states_and_test_print_works(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    win = make_window(**SIM_PRINTER, camera=CameraConfig(kind="sim"),
                      scanner=ScannerConfig(kind="sim"))
    wait_ready(qtbot, win, "printer")
    wait_ready(qtbot, win, "scanner")
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    page = win.active_dialog
    assert isinstance(page, DevicesDialog)
    assert page.state_labels["printer"].text() == "ready"
    assert page.state_labels["scale"].text() == "not set up"
    printer = win.devices.manager.sims.printer
    assert printer is not None
    qtbot.mouseClick(page.buttons["printer"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.outcome.text() == "Test page sent to the printer.",
                    timeout=5000)
    qtbot.waitUntil(lambda: printer.writes > 0, timeout=5000)
    # Test scan: the simulated scanner scans a demo code; the page shows it, the cart not.
    with qtbot.waitSignal(win.devices.sig_scan, timeout=5000):
        qtbot.mouseClick(page.buttons["scanner"], Qt.MouseButton.LeftButton)
    assert "6901000000004" in page.last_scan.text()
    assert win.cart_model.rowCount() == 0
    # A member code (~70 characters) stays on one line inside the page: "…" in its middle,
    # the whole code on hover.
    token = "OM:" + "C576JALQGCN7GXZO3HTV5JUGTAVJP2KGLCMWAGSOZR6UNJ5NC6UHPS3Z2ABCDEFGH" * 2
    page.on_scan(token, "camera")
    qtbot.wait(20)
    assert page.last_scan.toolTip().endswith(token)
    assert page.last_scan.geometry().right() <= page.rect().right()
    shown = page.last_scan.fontMetrics().elidedText(
        page.last_scan.text(), Qt.TextElideMode.ElideMiddle,
        page.last_scan.contentsRect().width())
    assert "…" in shown and shown.startswith("Last scanned code: OM:")
    # State changes show live on the page and in the status bar.
    printer.online = False
    qtbot.waitUntil(lambda: page.state_labels["printer"].text().startswith("no answer"),
                    timeout=5000)
    assert win.device_status.labels["printer"].text() == "Printer: no answer"
    preview = page.preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.showing_frame, timeout=5000)
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert win.active_dialog is None


def test_wedge_scan_is_caught_with_the_focus_on_the_cart(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    win = make_window(scanner=ScannerConfig(kind="wedge"))
    assert win.cashier_devices.wedge_filter is not None
    win.cart_view.setFocus()
    with qtbot.waitSignal(win.sig_cart_changed, timeout=5000):
        qtbot.keyClicks(win.cart_view, COLA)
        qtbot.keyClick(win.cart_view, Qt.Key.Key_Return)
    assert win.cart_model.rowCount() == 1


def test_wedge_capture_is_the_default_and_stays_with_simulators(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("POS_SCANNER__KIND", raising=False)
    settings = Settings(data_dir=tmp_path)
    assert settings.scanner.kind == "wedge"
    assert settings.with_simulators().scanner.kind == "sim"  # + the wedge capture, below


def test_wedge_capture_runs_beside_the_serial_scanner(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    win = make_window(scanner=ScannerConfig(kind="sim"))
    wait_ready(qtbot, win, "scanner")
    assert win.cashier_devices.wedge_filter is not None
    scan(qtbot, win, COLA)  # a keyboard-wedge burst
    scanner = win.devices.manager.sims.scanner
    assert scanner is not None
    with qtbot.waitSignal(win.sig_cart_changed, timeout=5000):
        scanner.scan(TEA)
    assert win.cart_model.rowCount() == 2


@pytest.mark.parametrize("lang", ["en_US", "zh_CN"])
def test_status_bar_device_states_are_readable_at_1024(
    qtbot: QtBot, db_path: Path, tmp_path: Path, lang: Lang
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = i18n.install_translators(app, lang)
    settings = Settings(data_dir=tmp_path, db_path=db_path, lang=lang).with_simulators()
    services = open_services(db_path=db_path, settings=settings)
    sign_in_demo(services)
    win = CashierWindow(services=services, settings=settings, lang=lang)
    qtbot.addWidget(win)
    try:
        win.resize(1024, 768)
        win.show()
        qtbot.waitExposed(win)
        qtbot.waitUntil(lambda: win.devices.states["printer"].state == DeviceState.READY,
                        timeout=5000)
        qtbot.wait(50)
        bar = win.statusBar()
        for device, label in win.device_status.labels.items():
            if label.isHidden():
                continue
            text = label.text()
            need = label.fontMetrics().horizontalAdvance(text)
            assert label.contentsRect().width() >= need, f"{device}: {text!r} is cut"
            right = label.mapTo(bar, label.rect().topRight()).x()
            assert 0 <= right <= bar.width(), f"{device} is off the bar"
            assert label.toolTip(), f"{device}: the full state is one hover away"
    finally:
        win.shutdown()
        services.close()
        for t in translators:
            app.removeTranslator(t)
