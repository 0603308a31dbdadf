"""The cashier window: scan entry always ready, cart, totals, F-key actions, receipt preview."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.config import Settings
from pos_app.core.errors import PosError
from pos_app.core.money import format_money
from pos_app.core.pricing import PricedCart
from pos_app.core.product import ProductInfo
from pos_app.core.receipt import ReceiptDocument
from pos_app.core.roles import Permission
from pos_app.services.devices import DeviceManager
from pos_app.services.factory import Services
from pos_app.services.guard import Guard
from pos_app.services.results import CartChange, CompletedSale, Pending, ScanOutcome
from pos_app.ui import i18n
from pos_app.ui.after_paint import AfterPaint
from pos_app.ui.cart_model import CartTableModel
from pos_app.ui.cart_view import CartView
from pos_app.ui.cashier_devices import CashierDevices
from pos_app.ui.cashier_status import CashierStatus
from pos_app.ui.device_bridge import DeviceBridge
from pos_app.ui.dialog_host import DialogHost
from pos_app.ui.errors_hook import set_error_sink
from pos_app.ui.key_pad import KeyPad
from pos_app.ui.keys import ACTIONS
from pos_app.ui.loyalty_widgets import MemberPanel, PromoPanel
from pos_app.ui.messages import error_text, message_text
from pos_app.ui.promo_text import PromoTexts
from pos_app.ui.receipt_pane import ReceiptPane
from pos_app.ui.receipt_printing import ReceiptPrinting
from pos_app.ui.return_actions import ReturnActions
from pos_app.ui.sale_actions import SaleActions
from pos_app.ui.scan_entry import ScanEntry
from pos_app.ui.shift_actions import ShiftActions
from pos_app.ui.staff_gate import StaffGate, demo_pins
from pos_app.ui.tasks import TaskRunner
from pos_app.ui.widgets import HelpOverlay, LastItemPanel, Level, MessageBar, TotalsPanel

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


class CashierWindow(QMainWindow):
    """Main window of the cashier mode. ``scan(code)`` is what Enter in the entry does.

    ``sig_cart_changed(CartChange)`` fires once the frame showing a change (cart rows,
    totals) is painted, with the promotions panel then up to date (``after_paint``);
    ``sig_sale_completed(CompletedSale)`` after a sale is committed and its receipt shown.
    The window is composed of collaborators it owns: ``sale_actions`` (the F-keys on the sale),
    ``dialogs`` (one dialog at a time), ``devices`` (the device manager's Qt adapter),
    ``cashier_devices`` (what the devices do to the sale screen) and ``printing``.
    """

    sig_cart_changed = Signal(object)
    sig_sale_completed = Signal(object)
    sig_message = Signal(str, str)
    sig_quit = Signal()  # Ctrl+Q: the application ends its event loop (``ui.app``)

    def __init__(
        self, *, services: Services, settings: Settings, lang: str,
        devices: DeviceManager | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.checkout = services.checkout
        self.products = services.products
        self.settings = settings
        self.lang = lang
        self.runner = TaskRunner(self)
        self.after_paint = AfterPaint(self)
        self.last_completed: CompletedSale | None = None
        self._queued_scans: list[str] = []
        self.dialogs = DialogHost(show_error=self.show_error, focus_entry=self.focus_entry)
        self.staff_gate = StaffGate(
            window=self, staff=services.staff, checkout=self.checkout, dialogs=self.dialogs,
            run_pending=self.run_pending, store_line=lambda: self.status.store_text(),
            lang=lang, auto_lock_minutes=settings.auto_lock_minutes,
            demo_pins=demo_pins() if services.demo else (),
            signed_in=lambda _s: self.shift_actions.after_sign_in(),
            show_error=self.show_error)
        self.sale_actions = SaleActions(
            checkout=self.checkout, products=self.products, clock=services.clock, lang=lang,
            runner=self.runner, dialogs=self.dialogs, parent=self,
            search_debounce_ms=settings.search_debounce_ms,
            quick_cash_fen=settings.quick_cash_fen, redraw=self.redraw,
            show_message=self.show_message, hide_message=lambda: self.message_bar.hide(),
            show_error=self.show_error, focus_entry=self.focus_entry,
            selected_line_id=self.selected_line_id, run_pending=self.run_pending,
            ask_weight=self.ask_weight_and_add, sale_completed=self.show_completed,
            quit=self.sig_quit.emit, attempt=self.staff_gate.attempt)
        self.setWindowTitle(self.tr("O2O POS — Cashier"))
        self.setMinimumSize(1000, 700)
        self.resize(1280, 800)
        self._build()
        self._bind_keys()
        self.runner.sig_busy_changed.connect(self.on_busy_changed)
        self.runner.sig_idle.connect(self.on_runner_idle)
        self.sig_sale_completed.connect(self.on_sale_committed)
        set_error_sink(lambda text: self.show_message(text, "error"))
        self.redraw(self.checkout.current())
        self._setup_devices(devices)
        self.shift_actions = ShiftActions(
            shifts=services.shifts, staff=services.staff, gate=self.staff_gate,
            dialogs=self.dialogs, run_pending=self.run_pending,
            print_service=lambda: self.devices.manager.print_service,
            mono=i18n.mono_font(settings.mono_font_families), lang=lang, parent=self,
            show_message=self.show_message, show_error=self.show_error,
            reports=services.reports, runner=self.runner, refresh=self.status.show_store,
            clock=services.clock)
        self.return_actions = ReturnActions(
            returns=services.returns, checkout=self.checkout, gate=self.staff_gate,
            dialogs=self.dialogs, run_pending=self.run_pending, lang=lang, parent=self,
            show_message=self.show_message, show_error=self.show_error, redraw=self.redraw,
            show_copy=self.show_receipt_copy, print_return=self.printing.print_return,
            find_product=self.products.by_code, clock=services.clock)
        self.sig_cart_changed.connect(self.return_actions.on_cart_changed)
        self.key_handlers = self._key_handlers()
        self.scan_entry.setFocus()
        self.staff_gate.start()

    def _setup_devices(self, manager: DeviceManager | None) -> None:
        self.devices = DeviceBridge(manager or DeviceManager(
            settings=self.settings, engine=self.services.engine,
            store_info=self.checkout.store_info, lang=self.lang,
            guard=Guard(staff=self.services.staff, buffered=False)), parent=self)
        self.status.manager = self.devices.manager
        self.printing = ReceiptPrinting(
            print_service=lambda: self.devices.manager.print_service, runner=self.runner,
            receipt_view=self.receipt_view, receipt_preview=self.receipt_preview,
            show_message=self.show_message, show_error=self.show_error,
            open_dialog=self.dialogs.open, guarded=self.dialogs.guarded,
            show_copy=self.show_receipt_copy,
            sale_is_empty=lambda: self.checkout.sale.cart.is_empty, dialog_parent=self,
            with_permission=self.staff_gate.with_permission)
        sale_screen = self.centralWidget()
        assert sale_screen is not None
        self.cashier_devices = CashierDevices(
            bridge=self.devices, status_bar=self.device_status, sale_screen=sale_screen,
            lang=self.lang, scan=self.scan, dialog_open=lambda: self.active_dialog is not None,
            show_message=self.show_message, show_error=self.show_error,
            add_weighed=lambda product, grams: self.sale_actions.edit(
                lambda: self.checkout.add_product(product, grams)),
            ask_weight=self.sale_actions.ask_weight_typed,
            describe_promotions=self.describe_promotions, parent=self)
        self.sig_sale_completed.connect(self.printing.on_sale_completed)
        self.sig_sale_completed.connect(self.cashier_devices.on_sale_completed)
        self.sig_cart_changed.connect(self.cashier_devices.on_cart_changed)
        self.devices.sig_reconfigured.connect(self.on_device_reconfigured)
        self.cashier_devices.start()

    def _key_handlers(self) -> dict[str, Callable[[], None]]:
        """What each entry of ``keys.ACTIONS`` does."""
        act, printing = self.sale_actions, self.printing
        return {
            "help": self.help_overlay.open, "search": act.on_search,
            "quantity": act.on_quantity, "void_line": act.on_void_line,
            "line_discount": act.on_line_discount, "sale_discount": act.on_sale_discount,
            "price_override": act.on_price_override, "suspend": act.on_suspend,
            "resume": act.on_resume, "void_sale": act.on_void_sale, "member": act.on_member,
            "pay": act.on_pay, "import_products": act.on_import_products,
            "reprint": printing.on_reprint, "open_drawer": printing.on_open_drawer,
            "devices": self.on_devices, "quit": act.on_quit,
            "lock": self.staff_gate.lock, "shift": self.shift_actions.on_menu,
            "returns": self.return_actions.on_returns,
        }

    def run_action(self, name: str) -> None:
        """Do what the key or button of action ``name`` does (only help and quit while
        nobody is signed in)."""
        if self.staff_gate.locked and name not in ("help", "quit"):
            return
        self.key_handlers[name]()

    @property
    def active_dialog(self) -> QDialog | None:
        """The dialog open over the sale screen (None when there is none)."""
        return self.dialogs.active

    # ---- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        self.setCentralWidget(central)
        self.scan_entry = ScanEntry(central)
        font = self.scan_entry.font()
        font.setPointSize(font.pointSize() + 8)
        self.scan_entry.setFont(font)
        self.scan_entry.setPlaceholderText(self.tr("Scan a barcode or type a code, then Enter"))
        self.scan_entry.returnPressed.connect(self.on_scan_entered)
        self.scan_entry.sig_move.connect(self.on_move_selection)
        self.scan_entry.sig_pay.connect(self.sale_actions.on_pay)
        self.scan_entry.sig_action.connect(self.run_action)
        self.message_bar = MessageBar(central)

        self.cart_model = CartTableModel(self.lang, self)
        self.cart_view = CartView(self.cart_model, central)

        self.receipt_pane = ReceiptPane(i18n.mono_font(self.settings.mono_font_families),
                                        central)
        pane = self.receipt_pane
        self.receipt_title, self.receipt_view, self.receipt_preview = (
            pane.title, pane.view, pane.preview)
        self.left_stack = QStackedWidget(central)
        self.left_stack.addWidget(self.cart_view)
        self.left_stack.addWidget(pane)

        scan_row = QHBoxLayout()
        scan_label = QLabel(self.tr("Code"), central)
        scan_label.setFont(font)
        scan_row.addWidget(scan_label)
        scan_row.addWidget(self.scan_entry, 1)
        left = QVBoxLayout()
        left.addLayout(scan_row)
        left.addWidget(self.message_bar)
        left.addWidget(self.left_stack, 1)
        self.promo_panel = PromoPanel(central)
        left.addWidget(self.promo_panel)

        self.totals = TotalsPanel(self.lang, central)
        keypad = KeyPad(central)
        keypad.sig_action.connect(self.run_action)
        right_box = QWidget(central)
        right_box.setMinimumWidth(360)
        right_box.setMaximumWidth(560)
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        self.member_panel = MemberPanel(self.lang, central)
        self.member_panel.sig_member_key.connect(self.sale_actions.on_member)
        self.member_panel.sig_remove_coupon.connect(self.sale_actions.on_remove_coupon)
        self.member_panel.sig_use_coupon.connect(self.sale_actions.on_use_coupon)
        self._wallet: tuple[object, list[tuple[str, str]]] = (None, [])
        self._described: tuple[PricedCart, tuple[list[str], list[str]]] | None = None
        self._promo_texts = PromoTexts(
            self.lang, lambda sku: self.products.name_of_sku(sku, self.lang))
        right.addWidget(self.member_panel)
        right.addWidget(self.totals)
        self.last_item = LastItemPanel(self.lang, central)
        right.addWidget(self.last_item)
        right.addStretch(1)
        right.addWidget(keypad)

        outer = QHBoxLayout(central)
        outer.addLayout(left, 5)
        outer.addWidget(right_box, 2)
        self.help_overlay = HelpOverlay(central)
        self.help_overlay.sig_closed.connect(self.focus_entry)

        self.status = CashierStatus(self, services=self.services, lang=self.lang,
                                    scan=self.scan, focus_entry=self.focus_entry)
        self.store_label, self.device_status, self.sync_status = (
            self.status.store_label, self.status.devices, self.status.sync)

    def _bind_keys(self) -> None:
        for action in ACTIONS:
            for key in action.keys:
                if key == "+":
                    continue  # handled by the scan entry (a barcode never contains '+')
                seq = QKeySequence(key)
                combo = seq[0].toCombined()  # type: ignore[index]  # stubs: no QKeySequence[i]
                self.scan_entry.key_actions[combo] = action.name
                shortcut = QShortcut(seq, self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(lambda name=action.name: self.run_action(name))

    # ---- scanning --------------------------------------------------------------------

    def on_scan_entered(self) -> None:
        text = self.scan_entry.text().strip()
        self.scan_entry.clear()
        if text:
            self.scan(text)

    def scan(self, code: str) -> ScanOutcome | None:
        """Add a scanned/typed code (``3*code`` adds three); None while a write is saving.
        A staff badge signs its owner in (the sign-in screen, or a quick cashier switch)."""
        if self.staff_gate.take_scan(code):
            return None
        if self.runner.busy or self.checkout.busy:
            self._queued_scans.append(code)  # replayed when the write reports back
            return None
        try:
            outcome = self.checkout.scan(code)  # ``3*code`` adds three
        except PosError as exc:
            self.show_error(exc)
            return None
        self._after_scan(outcome)
        return outcome

    def _after_scan(self, outcome: ScanOutcome) -> None:
        if outcome.status == "receipt":
            self.return_actions.open_receipt(outcome.code)
        elif outcome.status in ("member", "coupon") and outcome.change is not None:
            self.redraw(outcome.change)
            if outcome.status == "member":
                self.show_message(self.sale_actions.member_text(), "ok")
            else:
                coupon = outcome.change.sale.coupons[-1]
                self.show_message(self.tr("Coupon added: {name}").format(name=coupon.name),
                                  "ok")
        elif outcome.ok and outcome.change is not None:
            self.message_bar.hide()
            self.redraw(outcome.change)
        elif outcome.status == "needs_weight" and outcome.product is not None:
            self.show_message(message_text(outcome.key, outcome.data, self.lang), "warning")
            self.ask_weight_and_add(outcome.product)
        elif outcome.status != "ignored":
            # Not an error: a known code kind meant for another screen or a later feature.
            calm = ("unknown", "payment_code", "not_available")
            level: Level = "warning" if outcome.status in calm else "error"
            self.show_message(message_text(outcome.key, outcome.data, self.lang), level)

    # ---- redraw ----------------------------------------------------------------------

    def redraw(self, change: CartChange) -> None:
        """Show ``change``: cart rows, selection, totals."""
        self.cart_model.set_priced(change.priced)
        rows = self.cart_model.rowCount()
        if rows:
            if self.left_stack.currentIndex() != 0:
                self.left_stack.setCurrentIndex(0)
            row = self.cart_model.row_of(change.line_id) if change.line_id else None
            self.cart_view.selectRow(rows - 1 if row is None else row)
            self.cart_view.scrollTo(self.cart_model.index(
                self.cart_view.currentIndex().row(), 0))
        self.last_item.follow(change.priced, change.line_id)
        self.totals.show_totals(
            change.priced.totals, change.payment, change.priced.tax_mode == "inclusive"
        )
        member = change.sale.member
        self.member_panel.show_sale(
            change.sale, self.checkout.loyalty.tier(member.tier) if member else None,
            self._wallet_of(change))
        # The line and the totals are what the cashier waits for; the promotions panel and
        # the customer's screens (window, pole) follow right after that frame is painted.
        self.after_paint.defer("cart", lambda: self._show_after_paint(change))

    def _show_after_paint(self, change: CartChange) -> None:
        self._promo_texts.new_sale(change.sale.sale_uuid)
        self.promo_panel.show_texts(*self.describe_promotions(change.priced))
        self.sig_cart_changed.emit(change)

    def _wallet_of(self, change: CartChange) -> list[tuple[str, str]]:
        # Read (and verify) the wallet only when the member or the sale's coupons change.
        member = change.sale.member
        key = (member.member_id if member else None,
               tuple(c.coupon_id for c in change.sale.coupons), self.last_completed)
        if key != self._wallet[0]:
            wallet = [(c.name, code) for c, code in self.checkout.available_coupons()]
            self._wallet = (key, wallet)
        return self._wallet[1]

    def describe_promotions(self, priced: PricedCart) -> tuple[list[str], list[str]]:
        """What the sale's promotions did and nearly did, translated (the promotions panel
        and the customer display ask for the same priced cart on each change: once is
        enough)."""
        last = self._described
        if last is None or last[0] is not priced:
            last = self._described = (priced, self._promo_texts.describe(priced))
        return last[1]

    def selected_line_id(self) -> int | None:
        """The cart line the next F3/F4/F5/F7 applies to (the last line if none selected)."""
        row = self.cart_view.currentIndex().row()
        line_id = self.cart_model.line_id_at(row)
        if line_id is None and self.cart_model.rowCount():
            line_id = self.cart_model.line_id_at(self.cart_model.rowCount() - 1)
        return line_id

    def on_move_selection(self, step: int) -> None:
        rows = self.cart_model.rowCount()
        if rows:
            row = self.cart_view.currentIndex().row()
            self.cart_view.selectRow(min(max(row + step, 0), rows - 1))

    def on_sale_committed(self, _completed: object) -> None:
        self.services.sync.note_local_change()  # the backlog grew; push it soon

    # ---- devices ---------------------------------------------------------------------

    def ask_weight_and_add(self, product: ProductInfo) -> None:
        """Weighed product without a scale label: ask the scale, else the cashier."""
        if not self.cashier_devices.weigh(product):
            self.sale_actions.ask_weight_typed(product)

    def show_completed(self, done: CompletedSale) -> None:
        """A sale was committed: its receipt on the sale screen, the change, then
        ``sig_sale_completed``."""
        self.last_completed = done
        receipt = done.receipt
        self.redraw(done.change)
        self.receipt_pane.show_receipt(receipt, translate(
            "cashier", "Sale complete · receipt {no} · change {change}. Scan the next item."
        ).format(no=receipt.receipt_no, change=format_money(receipt.change, self.lang)))
        self.left_stack.setCurrentIndex(1)
        self.totals.show_change(receipt.change)
        self.message_bar.hide()
        self.focus_entry()
        self.after_paint.flush()  # the new sale's cart change is announced first, as before
        self.sig_sale_completed.emit(done)

    def show_receipt_copy(self, doc: ReceiptDocument | str, title: str) -> None:
        """Between sales, show ``doc`` (a reprint; a return's text) where the last sale's
        receipt was."""
        self.last_item.hide()
        self.totals.change_label.hide()  # the last sale's change is not this receipt's
        self.receipt_pane.show_receipt(doc, title)
        self.left_stack.setCurrentIndex(1)

    def on_device_reconfigured(self, section: str) -> None:
        """A device was chosen anew on the Devices page: the window's settings follow."""
        self.settings = self.settings.with_device(section,
                                                  getattr(self.devices.settings, section))

    def on_devices(self) -> None:
        """Ctrl+D: the Devices page (the devices permission, or a manager's approval)."""
        from pos_app.ui.devices_page import DevicesDialog

        self.staff_gate.with_permission(Permission.DEVICES, lambda _a: self.dialogs.guarded(
            lambda: self.dialogs.open(DevicesDialog(
                devices=self.devices, runner=self.runner, lang=self.lang, parent=self),
                lambda _d: None)))

    # ---- messages, focus, tasks ------------------------------------------------------

    def show_message(self, text: str, level: Level = "info") -> None:
        """Non-modal message under the scan entry."""
        self.message_bar.show_message(text, level)
        self.sig_message.emit(level, text)

    def show_error(self, exc: BaseException) -> None:
        """A translated, actionable message for ``exc`` (never a stack trace)."""
        if not isinstance(exc, PosError):
            log.error("unexpected error", exc_info=exc)
        self.show_message(error_text(exc, self.lang), "error")

    def focus_entry(self) -> None:
        """Give the keyboard back to the scan entry."""
        self.activateWindow()
        self.scan_entry.setFocus()

    def run_pending(
        self, pending: Pending[Any, Any], on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run a service write on the writer thread; finish it on the UI thread."""

        def done(result: Any) -> None:
            try:
                value = pending.finish(result)
            except PosError as exc:
                (on_error or self.show_error)(exc)
                return
            on_done(value)

        def failed(exc: BaseException) -> None:
            pending.abort()
            (on_error or self.show_error)(exc)

        self.runner.submit(pending.run, on_done=done, on_error=failed)

    def on_busy_changed(self, busy: bool) -> None:
        self.status.show_busy(busy)

    def on_runner_idle(self) -> None:
        queued, self._queued_scans = self._queued_scans, []
        for code in queued:
            self.scan(code)

    def shutdown(self) -> None:
        """Let queued writes finish and stop the writer thread."""
        set_error_sink(None)
        self.status.detach()
        self.cashier_devices.stop()
        self.runner.shutdown()

    def closeEvent(self, event: Any) -> None:
        self.shutdown()
        super().closeEvent(event)
