"""The cashier window's devices: status bar, device scans, the scale, the pole display, the
customer window and the keyboard-wedge capture.

Codes from the serial scanner, the camera and the wedge go to ``scan`` like the scan
entry's. Everything the devices report arrives through the ``DeviceBridge``'s signals on the
UI thread; what the window does with it comes in as plain callables, so this object can be
built and driven alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from pos_app.core.errors import PosError
from pos_app.core.pricing import PricedCart
from pos_app.core.product import ProductInfo
from pos_app.core.quantity import format_quantity
from pos_app.services.devices import DeviceState, DeviceStatus, settings_file
from pos_app.services.results import CartChange, CompletedSale
from pos_app.ui.device_bridge import DeviceBridge
from pos_app.ui.device_words import device_label, state_word, status_detail
from pos_app.ui.messages import error_text
from pos_app.ui.status_bar import DeviceStatusBar
from pos_app.ui.wedge_filter import WedgeFilter
from pos_app.ui.widgets import Level

if TYPE_CHECKING:
    from pos_app.ui.customer_display import CustomerDisplay

translate = QCoreApplication.translate


class CashierDevices(QObject):
    """Follows the devices for the cashier window.

    ``scan(code)`` takes a device's code; ``dialog_open()`` says a dialog is up (device codes
    then go only to the Devices page); ``add_weighed(product, grams)`` adds what the scale
    weighed; ``ask_weight(product)`` asks the cashier when the scale cannot;
    ``describe_promotions`` is the window's (the customer window shows the same words).
    """

    def __init__(
        self, *, bridge: DeviceBridge, status_bar: DeviceStatusBar, sale_screen: QWidget,
        lang: str, scan: Callable[[str], object], dialog_open: Callable[[], bool],
        show_message: Callable[[str, Level], None],
        show_error: Callable[[BaseException], None],
        add_weighed: Callable[[ProductInfo, int], None],
        ask_weight: Callable[[ProductInfo], None],
        describe_promotions: Callable[[PricedCart], tuple[list[str], list[str]]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.status_bar = status_bar
        self.sale_screen = sale_screen
        self.lang = lang
        self._scan, self._dialog_open = scan, dialog_open
        self._show_message, self._show_error = show_message, show_error
        self._add_weighed, self._ask_weight = add_weighed, ask_weight
        self._describe = describe_promotions
        self.customer_display: CustomerDisplay | None = None
        self.wedge_filter: WedgeFilter | None = None
        self._pole_paid = False

    def start(self) -> None:
        """Follow the bridge, open the customer window and the wedge capture, show the
        states, tell a broken settings file once, start the devices."""
        bridge = self.bridge
        bridge.sig_status.connect(self.on_device_status)
        bridge.sig_scan.connect(self.on_device_scan)
        bridge.sig_weight.connect(self.on_weighed)
        bridge.sig_reconfigured.connect(self.on_reconfigured)
        self._setup_customer_display()
        self._setup_wedge()
        for status in bridge.states.values():
            self.on_device_status(status)
        settings = bridge.settings
        if settings.settings_file_problem:  # told once, at start-up
            self._show_message(error_text(PosError(
                "settings.file_invalid", path=str(settings_file(settings.data_dir)),
                reason=settings.settings_file_problem), self.lang), "warning")
        bridge.start()

    def stop(self) -> None:
        """Stop every device thread, the wedge capture and the customer window."""
        self.bridge.stop()
        if self.wedge_filter is not None:
            self.wedge_filter.uninstall()
            self.wedge_filter = None
        if self.customer_display is not None:
            self.customer_display.close()

    def _setup_customer_display(self) -> None:
        if self.customer_display is not None:
            self.customer_display.close()
            self.customer_display = None
        settings = self.bridge.settings
        if settings.display.wants_window:
            from pos_app.ui.customer_display import CustomerDisplay

            display = CustomerDisplay(lang=self.lang, font_families=settings.ui_font_families,
                                      promo_message=settings.display.promo_message,
                                      describe=self._describe)
            display.present(settings.display.screen_index)
            self.customer_display = display

    def _setup_wedge(self) -> None:
        if self.wedge_filter is not None:
            self.wedge_filter.uninstall()
            self.wedge_filter = None
        scanner = self.bridge.settings.scanner
        if scanner.kind != "none":
            # Scanner bursts are caught whichever widget of the sale screen has the focus.
            # A wedge scanner needs no driver, so the capture runs beside a serial (or
            # simulated) scanner too: a till may have both, and `--sim` keeps the keyboard.
            self.wedge_filter = WedgeFilter(self.sale_screen, scanner.wedge_settings(),
                                            parent=self)
            self.wedge_filter.sig_scan.connect(lambda code: self.on_device_scan(code, "wedge"))
            self.wedge_filter.install()

    # ---- the sale (UI thread) ------------------------------------------------------------

    def on_cart_changed(self, change: CartChange) -> None:
        """Show the sale on the pole display and the customer window."""
        manager = self.bridge.manager
        paid = bool(change.payment.paid) and change.payment.remaining.fen <= 0
        # The next, empty sale must not wipe the change before the shopper saw it.
        if manager.has_pole and (change.priced.lines or not self._pole_paid):
            self._pole_paid = paid
            manager.show_sale(change.priced, change.payment, line_id=change.line_id)
        if self.customer_display is not None:
            self.customer_display.on_cart_changed(change)

    def on_sale_completed(self, done: CompletedSale) -> None:
        """The customer window shows the change."""
        if self.customer_display is not None:
            self.customer_display.on_sale_completed(done)

    def weigh(self, product: ProductInfo) -> bool:
        """Ask the scale for ``product``'s weight; False when there is no usable scale."""
        if not self.bridge.manager.weigh(product):
            return False
        self._show_message(translate("devices", "Weighing {name}…").format(
            name=product.display_name(self.lang)), "info")
        return True

    # ---- device signals (UI thread) ------------------------------------------------------

    def on_device_status(self, status: DeviceStatus) -> None:
        text = f"{device_label(status.device, short=True)}: {state_word(status.state)}"
        if status.device == "scanner" and status.state == DeviceState.DISABLED:
            keyboard = translate("devices", "keyboard")
            text = f"{device_label('scanner')}: {keyboard}"
        self.status_bar.show_state(status.device, text, status.state,
                                   status_detail(status, self.lang),
                                   device_label(status.device, short=True))

    def on_device_scan(self, code: str, source: str) -> None:
        if self._dialog_open():
            return  # the Devices page shows test scans; other dialogs are not fed codes
        self._scan(code)

    def on_weighed(self, product: ProductInfo, result: int | PosError) -> None:
        if isinstance(result, PosError):
            self._show_error(result)
            self._ask_weight(product)
            return
        self._add_weighed(product, result)
        self._show_message(translate("devices", "{name}: {weight} from the scale").format(
            name=product.display_name(self.lang),
            weight=format_quantity(result, weighed=True)), "ok")

    def on_reconfigured(self, section: str) -> None:
        """A device was chosen anew on the Devices page: follow it here."""
        if section == "scanner":
            self._setup_wedge()
        elif section == "display":
            self._setup_customer_display()
