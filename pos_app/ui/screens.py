"""Render every cashier screen to PNG (docs, visual review), offscreen.

``QT_QPA_PLATFORM=offscreen python -m pos_app.ui.screens OUTDIR [--lang zh_CN] [--size 1024x768]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer, SignalInstance
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from pos_app.config import Lang, Settings
from pos_app.demo_codes import member_code
from pos_app.ui import i18n

if TYPE_CHECKING:
    from pos_app.ui.cashier_window import CashierWindow

D = TypeVar("D", bound=QDialog)
translate = QCoreApplication.translate

# Demo catalog codes: two cans of cola, noodles, a weight label (0.512 kg Fuji apples),
# a price label (¥12.34 bananas), an umbrella, cola 500 ml, then a code with a bad check digit.
DEMO_SCANS = ("6901000000004", "6901000000004", "6921098760628", "2800101005120",
              "2100103012349", "6901198679624", "6911001079190", "6999999999994")
# A member's basket: 3 cans of cola (3 for ¥7), 2 特仑苏 (member price), 3 noodle packs (buy 2
# get 1), 2 bags of chips.
MEMBER_SCANS = ("6901000000004", "6901000000004", "6901000000004", "6901132453082",
                "6901132453082", "6901096602243", "6901096602243", "6901096602243")
BAD_CSV = "sku,name,price,barcodes\nA1,苹果,3.5,6901000000004\nA2,,abc,123\nA1,梨,2,\n"


def _wait(signal: SignalInstance, timeout_ms: int = 5000) -> None:
    loop = QEventLoop()
    signal.connect(lambda *_a: loop.quit())
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def _wait_until(pred: Callable[[], bool], timeout_ms: int = 8000) -> bool:
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout_ms / 1000
    while not pred() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    return pred()


def _active(win: CashierWindow, kind: type[D]) -> D:
    """The dialog open over ``win``, which the step before opened as a ``kind``."""
    dialog = win.active_dialog
    assert isinstance(dialog, kind), dialog
    return dialog


def render(out: Path, lang: Lang, size: tuple[int, int],
           only: frozenset[str] = frozenset()) -> list[Path]:
    """Drive a demo sale through every screen and save one PNG per screen."""
    from pos_app.services.demo_session import sign_in_demo
    from pos_app.services.factory import open_services
    from pos_app.ui.cashier_window import CashierWindow
    from pos_app.ui.import_dialog import ImportDialog
    from pos_app.ui.payment_dialog import PaymentDialog
    from pos_app.ui.search_dialog import ProductSearchDialog

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    translators = i18n.install_translators(app, lang)
    work = Path(tempfile.mkdtemp(prefix="pos-screens-"))
    # Every device on its simulator, as with `make run`.
    settings = Settings(data_dir=work, lang=lang).with_simulators()
    i18n.apply_fonts(app, settings.ui_font_families)
    services = open_services(db_path=work / "store.db", settings=settings, demo=True)
    sign_in_demo(services)
    win = CashierWindow(services=services, settings=settings, lang=lang)
    win.resize(*size)
    win.show()
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def shot(name: str, widget: QWidget | None = None) -> None:
        if only and name not in only:
            return
        for _ in range(5):
            app.processEvents()
        path = out / f"{name}.png"
        (widget or win).grab().save(str(path))
        saved.append(path)

    for code in DEMO_SCANS:
        win.scan(code)
    shot("cart")
    win.help_overlay.open()
    shot("help")
    win.help_overlay.hide()
    win.sale_actions.on_search()
    search = _active(win, ProductSearchDialog)
    QTest.keyClicks(search.query, "kkkl")
    search.on_search_due()
    search.on_info_due()  # the product panel, without waiting for its timer
    shot("search", search)
    search.reject()
    app.processEvents()
    win.sale_actions.on_pay()
    pay = _active(win, PaymentDialog)
    pay.tabs.setCurrentIndex(1)
    pay.card_amount.setText("50")
    pay.card_reference.setText("12345")
    pay.on_enter()
    pay.tabs.setCurrentIndex(0)
    shot("payment", pay)
    pay.cash_entry.setText("100")
    pay.on_enter()
    _wait(win.sig_sale_completed)
    shot("receipt")
    _wait_until(lambda: bool(win.receipt_preview.receipt_no))
    shot("receipt_preview")
    _loyalty_shots(win, shot)
    _edit_shots(win, shot)
    _devices_shots(win, shot)
    _return_shots(win, shot)
    _reports_shots(win, services, lang, shot)
    _label_shots(win, services, settings, lang, shot)
    _staff_shots(win, services, out, only, saved, shot)
    win.sale_actions.on_import_products()
    importing = _active(win, ImportDialog)
    bad = work / "bad.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    importing.path_entry.setText(str(bad))
    importing.on_import()
    _wait(importing.sig_finished)
    shot("import", importing)
    importing.reject()
    win.shutdown()
    services.close()
    for t in translators:
        app.removeTranslator(t)
    return saved


def _loyalty_shots(win: Any, shot: Callable[..., None]) -> None:
    """A member's sale: member panel and promotions, F11, the points tab, the receipt."""
    win.scan(member_code("M-DEMO-1"))
    for code in MEMBER_SCANS:
        win.scan(code)
    shot("member_sale")
    display = win.cashier_devices.customer_display
    if display is not None:
        shot("customer_display_member", display)
    win.sale_actions.on_member()
    d = win.active_dialog
    d.phone.setText("139 1234 5678")
    d.on_find()
    shot("member_dialog", d)
    d.reject()
    win.sale_actions.on_pay()
    d = win.active_dialog
    d.tabs.setCurrentIndex(3)
    d.points_entry.setText("500")
    d.on_enter()
    shot("payment_points", d)
    d.tabs.setCurrentIndex(0)
    d.on_exact_cash()
    _wait(win.sig_sale_completed)
    bar = win.receipt_view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the promotions, points and member block
    shot("member_receipt")
    win.status.on_demo_codes()
    shot("demo_codes", win.status.demo_codes_dialog)
    win.status.demo_codes_dialog.hide()


def _edit_shots(win: Any, shot: Callable[..., None]) -> None:
    """Discounts named in the totals, a quantity far from the usual, a reprinted receipt."""
    from pos_app.core.cart import Discount

    for code in DEMO_SCANS[:4]:
        win.scan(code)
    checkout = win.checkout
    first = checkout.sale.cart.lines[0].line_id
    win.redraw(checkout.discount_line(first, Discount("percent", 1_000)))
    win.redraw(checkout.discount_sale(Discount("amount", 500)))
    shot("discounts")
    win.sale_actions.on_quantity()
    d = win.active_dialog
    d.entry.setText("99999")
    d._submit()
    shot("confirm_qty", win.active_dialog)
    win.active_dialog.reject()
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    win.redraw(checkout.void())
    win.printing.reprint("S001-T01-000001")
    _wait_until(lambda: win.receipt_preview.receipt_no == "S001-T01-000001")
    shot("reprint")


def _devices_shots(win: Any, shot: Callable[..., None]) -> None:
    """The Devices page with every simulator up, a test scan and a QR held to the camera."""
    devices = win.devices
    running = devices.manager.workers()
    _wait_until(lambda: all(s.state == "ready" for n, s in devices.states.items()
                            if n in running or n == "drawer"))
    win.on_devices()
    page = win.active_dialog
    page.on_test_scan()
    _wait_until(lambda: bool(page.last_scan.text()))
    page.on_read_scale()
    _wait_until(lambda: bool(page.scale_reading.text()))
    page.on_test_print()
    _wait_until(lambda: bool(page.outcome.text()) and "…" not in page.outcome.text())
    # A real member code (fresh for 60 s), kept in view for the picture.
    devices.manager.show_code(member_code("M-DEMO-1"), hold_s=30.0)
    _wait_until(lambda: page.preview.showing_frame and devices.last_scan.startswith("OM:"))
    _wait_until(lambda: False, 600)  # a few more preview frames, showing the code
    shot("devices", page)
    shot("camera_preview", page.preview)
    # Edit… on the printer: the network form, with a port out of range told in words.
    page.on_edit("printer")
    d = page.settings_dialog
    d.kind.setCurrentIndex(d.kind.findData("network"))
    d.widgets["host"].setText("192.168.1.50")
    d.widgets["port"].setText("70000")
    d.on_save()  # invalid: the dialog stays open with the reason, nothing is saved
    shot("device_settings", d)
    d.reject()
    page.reject()


def _reports_shots(win: Any, services: Any, lang: Lang, shot: Callable[..., None]) -> None:
    """Today's sales report over the sale screen (the sales made above), then its best
    sellers."""
    from pos_app.services.reports import ReportService
    from pos_app.ui.reports_dialog import ReportsDialog, open_reports

    open_reports(win, reports=ReportService(engine=services.engine, clock=services.clock),
                 runner=win.runner, lang=lang, host=win.dialogs)
    dialog = _active(win, ReportsDialog)
    _wait(dialog.sig_shown)
    shot("reports", dialog)
    dialog.tabs.setCurrentWidget(dialog.tables["top_amount"])
    shot("reports_top", dialog)
    dialog.reject()


def _label_shots(win: Any, services: Any, settings: Settings, lang: Lang,
                 shot: Callable[..., None]) -> None:
    """The labels screen: a shelf label of cola 500 ml, then a markdown label of the Fuji
    apples' scale label at 30 % off, selected, its preview beside the list."""
    from pos_app.services.labels import LabelService
    from pos_app.ui.label_dialog import LabelDialog

    labels = LabelService(engine=services.engine, config=settings.label_printer, lang=lang)
    dialog = LabelDialog(labels=labels, runner=win.runner, lang=lang, parent=win)
    dialog.show()
    scans = (("6911001079190", False), ("2800101005120", True))
    for code, markdown in scans:
        dialog.markdown.setChecked(markdown)
        dialog.entry.setText(code)
        dialog.on_entry()
    _wait_until(lambda: len(dialog.items) == len(scans))
    shot("label_preview", dialog)
    dialog.reject()
    dialog.deleteLater()


def _return_shots(win: Any, shot: Callable[..., None]) -> None:
    """The first sale above brought back: the return screen with one item, the return
    receipt shown and printed; finding today's sales (F2); a return without a receipt
    (F3): two cans, noodles written off as damaged, apples weighed by hand."""
    from pos_app.ui.return_dialog import ReturnDialog
    from pos_app.ui.return_find_dialog import FindSaleDialog
    from pos_app.ui.unbound_return_dialog import UnboundReturnDialog

    actions = win.return_actions
    actions.open_receipt("S001-T01-000001")
    _wait_until(lambda: isinstance(win.active_dialog, ReturnDialog))
    screen = _active(win, ReturnDialog)
    QTest.keyClick(screen.table, Qt.Key.Key_1)
    shot("return", screen)
    QTest.keyClick(screen.table, Qt.Key.Key_F12)
    _wait_until(lambda: win.receipt_preview.receipt_no.endswith("R000001"))
    shot("return_done")

    actions.on_find()
    finding = _active(win, FindSaleDialog)
    QTest.keyClick(finding.day, Qt.Key.Key_Return)
    shot("return_find", finding)
    finding.reject()

    actions.unbound()
    unbound = _active(win, UnboundReturnDialog)
    for text in ("6901000000004", "6901000000004", "6921098760628", "W00101", "0.512"):
        QTest.keyClicks(unbound.entry, text)
        QTest.keyClick(unbound.entry, Qt.Key.Key_Return)
    QTest.keyClick(unbound.entry, Qt.Key.Key_Up)
    QTest.keyClick(unbound.entry, Qt.Key.Key_Space)  # the noodles: damaged
    shot("return_unbound", unbound)
    unbound.reject()


def _staff_shots(win: Any, services: Any, out: Path, only: frozenset[str], saved: list[Path],
                 shot: Callable[..., None]) -> None:
    """The sign-in screen, the supervisor's override prompt, the Z after a blind count ¥2.00
    short (on screen and as printed), the opening float offered from it, the audit log."""
    from pos_app.core.cash import CashCount
    from pos_app.core.roles import Permission
    from pos_app.core.shift_report import ShiftCount
    from pos_app.ui.audit_dialog import AuditDialog
    from pos_app.ui.shift_dialogs import CashCountDialog, ReportDialog
    from pos_app.ui.staff_dialogs import OverrideDialog

    gate = win.staff_gate
    win.scan(DEMO_SCANS[0])
    gate.lock()
    shot("sign_in")
    gate.sign_in("1001", "1111")  # the cashier, then an action she may not do alone
    _wait_until(lambda: not gate.locked)
    gate.approve(Permission.PRICE_OVERRIDE, 0, lambda _a: None)
    shot("override", _active(win, OverrideDialog))
    win.active_dialog.reject()
    _wait_until(lambda: win.active_dialog is None)
    win.redraw(win.checkout.void_line(win.checkout.sale.cart.lines[0].line_id))
    gate.lock()
    gate.sign_in("3001", "3333")
    _wait_until(lambda: not gate.locked)
    expected = services.shifts.x_report().drawer.expected
    short = expected.fen - 200  # a blind count ¥2.00 short
    count = CashCount.of({"note_100": short // 10_000, "coin_1": short % 10_000 // 100,
                          "coin_0_1": short % 100 // 10})
    report = services.shifts.begin_close(ShiftCount(count, counted_by="张敏")).run_now()
    win.shift_actions.show_report(report, "Z")
    dialog = _active(win, ReportDialog)
    dialog.view.verticalScrollBar().setValue(dialog.view.verticalScrollBar().maximum() // 3)
    shot("z_report", dialog)
    dialog.reject()
    if not only or "z_report_printed" in only:
        path = out / "z_report_printed.png"
        path.write_bytes(win.devices.manager.print_service.shift_preview_png(report))
        saved.append(path)
    _wait_until(lambda: win.active_dialog is None)
    win.shift_actions.ensure_open()
    shot("shift_open", _active(win, CashCountDialog))
    win.active_dialog.reject()
    _wait_until(lambda: win.active_dialog is None)
    win.shift_actions.on_audit()
    audit = _active(win, AuditDialog)
    _wait_until(lambda: audit.table.rowCount() > 0)
    shot("audit", audit)
    audit.reject()


def main() -> None:
    """Command line entry."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("out", type=Path)
    p.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en_US"])
    p.add_argument("--size", default="1024x768")
    p.add_argument("--only", default="", help="comma-separated screen names (default: all)")
    args = p.parse_args()
    w, _, h = args.size.partition("x")
    only = frozenset(filter(None, args.only.split(",")))
    for path in render(args.out, args.lang, (int(w), int(h)), only):
        print(path)


if __name__ == "__main__":
    main()
