"""The cashier window's device side (a mixin): status bar, printing, drawer, scans, scale.

Codes from the serial scanner and the camera go into ``scan`` like the scan entry's. After a
sale completes the receipt is queued for the printer and its preview PNG (the image-mode
code path) rendered on the writer thread, then shown in the receipt pane.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from drivers.device import DeviceState, DeviceStatus
from pos_app.core.errors import PosError
from pos_app.core.product import ProductInfo
from pos_app.core.quantity import format_quantity
from pos_app.services.results import CompletedSale
from pos_app.store.settings_file import settings_file
from pos_app.ui.devices import DeviceHub, state_word
from pos_app.ui.edit_dialogs import ValueDialog
from pos_app.ui.messages import error_text

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QDialog, QLabel, QStackedWidget
    from PySide6.QtWidgets import QMainWindow as _Base

    from drivers.scanner.wedge_qt import WedgeFilter
    from pos_app.config import Settings
    from pos_app.core.receipt import ReceiptDocument
    from pos_app.services.checkout import CheckoutService
    from pos_app.services.factory import Services
    from pos_app.services.results import CartChange, ScanOutcome
    from pos_app.ui.customer_display import CustomerDisplay
    from pos_app.ui.receipt_preview import ReceiptPreview
    from pos_app.ui.receipt_view import ReceiptView
    from pos_app.ui.status_bar import DeviceStatus as DeviceStatusBar
    from pos_app.ui.tasks import TaskRunner
    from pos_app.ui.widgets import LastItemPanel, Level, TotalsPanel
else:
    _Base = object


def device_label(name: str, *, short: bool = False) -> str:
    """The translated name of a device (``short``: for the status bar)."""
    if short and name == "display":
        return translate("devices", "Display")
    names = {
        "scanner": translate("devices", "Scanner"),
        "printer": translate("devices", "Printer"),
        "drawer": translate("devices", "Drawer"),
        "camera": translate("devices", "Camera"),
        "scale": translate("devices", "Scale"),
        "display": translate("devices", "Customer display"),
        "sync": translate("devices", "Sync"),
    }
    return names.get(name, name)


def status_detail(status: DeviceStatus, lang: str) -> str:
    """The translated reason behind a status ("" when there is none to tell)."""
    if not status.key:
        return ""
    return error_text(PosError(status.key, **status.data), lang)


class DeviceActions(_Base):
    """``on_reprint`` / ``on_open_drawer`` / ``on_devices`` and the device signal slots."""

    if TYPE_CHECKING:  # provided by CashierWindow
        active_dialog: QDialog | None
        checkout: CheckoutService
        services: Services
        settings: Settings
        lang: str
        runner: TaskRunner
        device_status: DeviceStatusBar
        receipt_preview: ReceiptPreview
        receipt_view: ReceiptView
        receipt_title: QLabel
        left_stack: QStackedWidget
        last_item: LastItemPanel
        totals: TotalsPanel
        sig_cart_changed: SignalInstance
        sig_sale_completed: SignalInstance

        def scan(self, code: str) -> ScanOutcome | None: ...
        def show_error(self, exc: BaseException) -> None: ...
        def show_message(self, text: str, level: Level = "info") -> None: ...
        def focus_entry(self) -> None: ...
        def redraw(self, change: CartChange) -> None: ...
        def describe_promotions(self, priced: Any) -> tuple[list[str], list[str]]: ...
        def open_dialog(self, dialog: QDialog, on_accept: Callable[[Any], None]) -> None: ...
        def _guarded(self, fn: Callable[[], None]) -> None: ...
        def _edit(self, fn: Callable[[], CartChange]) -> None: ...

    devices: DeviceHub
    customer_display: CustomerDisplay | None
    wedge_filter: WedgeFilter | None

    def setup_devices(self, hub: DeviceHub | None) -> None:
        """Build (or take) the device hub, connect it, start the devices."""
        self.devices = hub or DeviceHub(
            settings=self.settings, engine=self.services.engine,
            store_info=self.checkout.store_info, lang=self.lang, parent=self)
        hub = self.devices
        self._preview_for = ""
        self._pole_paid = False
        hub.sig_status.connect(self.on_device_status)
        hub.sig_scan.connect(self.on_device_scan)
        hub.sig_weight.connect(self.on_weighed)
        hub.sig_reconfigured.connect(self.on_device_reconfigured)
        self.sig_sale_completed.connect(self.on_sale_completed_devices)
        self.sig_cart_changed.connect(self.on_cart_changed_pole)
        self.customer_display = None
        self.wedge_filter = None
        self._setup_customer_display()
        self._setup_wedge()
        for status in hub.states.values():
            self.on_device_status(status)
        if self.settings.settings_file_problem:  # told once, at start-up
            self.show_message(error_text(PosError(
                "settings.file_invalid", path=str(settings_file(self.settings.data_dir)),
                reason=self.settings.settings_file_problem), self.lang), "warning")
        hub.start()

    def _setup_customer_display(self) -> None:
        if self.customer_display is not None:
            self.customer_display.close()
            self.customer_display = None
        if self.settings.display.wants_window:
            from pos_app.ui.customer_display import CustomerDisplay

            display = CustomerDisplay(lang=self.lang,
                                      font_families=self.settings.ui_font_families,
                                      promo_message=self.settings.display.promo_message,
                                      describe=self.describe_promotions)
            self.sig_cart_changed.connect(display.on_cart_changed)
            self.sig_sale_completed.connect(display.on_sale_completed)
            display.present(self.settings.display.screen_index)
            self.customer_display = display

    def _setup_wedge(self) -> None:
        if self.wedge_filter is not None:
            self.wedge_filter.uninstall()
            self.wedge_filter = None
        if self.settings.scanner.kind != "none":
            from drivers.scanner.wedge_qt import WedgeFilter

            # Scanner bursts are caught whichever widget of the sale screen has the focus.
            # A wedge scanner needs no driver, so the capture runs beside a serial (or
            # simulated) scanner too: a till may have both, and `--sim` keeps the keyboard.
            sale_screen = self.centralWidget()
            assert sale_screen is not None
            self.wedge_filter = WedgeFilter(sale_screen,
                                            self.settings.scanner.wedge_settings(), parent=self)
            self.wedge_filter.sig_scan.connect(lambda code: self.on_device_scan(code, "wedge"))
            self.wedge_filter.install()

    def on_device_reconfigured(self, section: str) -> None:
        """A device was chosen anew on the Devices page: follow it on the window's side."""
        self.settings = self.settings.with_device(section,
                                                  getattr(self.devices.settings, section))
        if section == "scanner":
            self._setup_wedge()
        elif section == "display":
            self._setup_customer_display()

    def stop_devices(self) -> None:
        """Stop every device thread (window close)."""
        self.devices.stop()
        if self.wedge_filter is not None:
            self.wedge_filter.uninstall()
            self.wedge_filter = None
        if self.customer_display is not None:
            self.customer_display.close()

    # ---- device signals (UI thread) --------------------------------------------------------

    def on_device_status(self, status: DeviceStatus) -> None:
        text = f"{device_label(status.device, short=True)}: {state_word(status.state)}"
        if status.device == "scanner" and status.state == DeviceState.DISABLED:
            keyboard = translate("devices", "keyboard")
            text = f"{device_label('scanner')}: {keyboard}"
        self.device_status.show_state(status.device, text, status.state,
                                      status_detail(status, self.lang),
                                      device_label(status.device, short=True))

    def on_device_scan(self, code: str, source: str) -> None:
        if self.active_dialog is not None:
            return  # the Devices page shows test scans; other dialogs are not fed codes
        self.scan(code)

    def on_cart_changed_pole(self, change: CartChange) -> None:
        if self.devices.pole is None:
            return
        paid = bool(change.payment.paid) and change.payment.remaining.fen <= 0
        if not change.priced.lines and self._pole_paid:
            return  # the next, empty sale must not wipe the change before the shopper saw it
        self._pole_paid = paid
        self.devices.pole.show_sale(change.priced, change.payment, line_id=change.line_id)

    def ask_weight_and_add(self, product: ProductInfo) -> None:
        """Weighed product without a scale label: ask the scale, else the cashier."""
        if self.devices.weigh(product):
            self.show_message(translate("devices", "Weighing {name}…").format(
                name=product.display_name(self.lang)), "info")
            return
        super().ask_weight_and_add(product)  # type: ignore[misc]

    def on_weighed(self, product: ProductInfo, result: int | PosError) -> None:
        if isinstance(result, PosError):
            self.show_error(result)
            super().ask_weight_and_add(product)  # type: ignore[misc]
            return
        self._edit(lambda: self.checkout.add_product(product, result))
        self.show_message(translate("devices", "{name}: {weight} from the scale").format(
            name=product.display_name(self.lang),
            weight=format_quantity(result, weighed=True)), "ok")

    # ---- printing ----------------------------------------------------------------------------

    def on_sale_completed_devices(self, done: CompletedSale) -> None:
        doc, devices = done.receipt, self.devices

        def job() -> bytes:
            service = devices.print_service  # the first use builds it here, off the UI thread
            service.print_receipt(doc)  # queued in its own transaction, after the sale
            return service.preview_png(doc)

        self._show_printed(doc.receipt_no, job)

    def _show_printed(self, receipt_no: str, job: Callable[[], bytes]) -> None:
        """Show the text rendering now and the printed image once ``job`` made it."""
        self._preview_for = receipt_no
        self.receipt_preview.clear_preview()
        self.receipt_view.show()

        def shown(png: bytes) -> None:
            if self._preview_for == receipt_no and self.receipt_preview.show_png(
                    png, receipt_no):
                self.receipt_view.hide()  # the printed image replaces the text rendering

        self.runner.submit(job, on_done=shown, on_error=self.show_error, background=True)

    def _print(self, fn: Callable[[], list[int]], done_text: str) -> None:
        def done(_ids: list[int]) -> None:
            self.show_message(done_text, "ok")

        self.runner.submit(fn, on_done=done, on_error=self.show_error, background=True)

    def on_reprint(self) -> None:
        def run() -> None:
            service = self.devices.print_service
            last = service.last_receipt_no()
            if last is None:
                raise PosError("printer.no_receipt")
            dialog = ValueDialog(
                title=translate("devices", "Reprint receipt"),
                prompt=translate("devices", "Receipt number"),
                hint=translate("devices", "Enter reprints the last receipt shown; type another "
                                          "number to reprint an earlier one. Esc cancels."),
                parse=str.strip, initial=last, parent=self)
            self.open_dialog(dialog, lambda d: self.reprint(d.value or last))

        self._guarded(run)

    def reprint(self, receipt_no: str) -> None:
        """Queue a copy of receipt ``receipt_no``; between sales the screen shows it."""
        service = self.devices.print_service
        text = translate("devices", "Reprinting receipt {no}.").format(no=receipt_no)

        def job() -> ReceiptDocument:
            doc = service.receipt_of(receipt_no)
            service.reprint_doc(doc)
            return doc

        self.runner.submit(job, on_done=lambda doc: self._reprinted(doc, text),
                           on_error=self.show_error, background=True)

    def _reprinted(self, doc: ReceiptDocument, text: str) -> None:
        self.show_message(text, "ok")
        if not self.checkout.sale.cart.is_empty:
            return  # mid-sale the cart stays on screen
        self.last_item.hide()
        self.totals.change_label.hide()  # the last sale's change is not this receipt's
        self.receipt_view.show_receipt(doc)
        self.receipt_title.setText(translate(
            "devices", "Copy of receipt {no} ({time}) · printing. Scan the next item."
        ).format(no=doc.receipt_no, time=doc.completed_at.strftime("%Y-%m-%d %H:%M")))
        self.left_stack.setCurrentIndex(1)
        service = self.devices.print_service
        self._show_printed(doc.receipt_no, lambda: service.preview_png(doc, reprint=True))

    def on_open_drawer(self) -> None:
        self._print(self.devices.print_service.open_drawer,
                    translate("devices", "Drawer opened."))

    def on_devices(self) -> None:
        from pos_app.ui.devices_page import DevicesDialog

        self._guarded(lambda: self.open_dialog(
            DevicesDialog(hub=self.devices, runner=self.runner, lang=self.lang, parent=self),
            lambda _d: None))
