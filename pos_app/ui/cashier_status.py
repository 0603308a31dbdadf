"""The cashier window's status bar: store line, saving indicator, device states, sync state
and details, and (on a demo till) the demo codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QPushButton

from pos_app.demo_codes import trusts_demo_key
from pos_app.services.devices import DeviceManager
from pos_app.services.factory import Services
from pos_app.ui.status_bar import DeviceStatusBar
from pos_app.ui.sync_status import SyncStatusButton
from pos_app.ui.widgets import ElidedLabel

if TYPE_CHECKING:
    from pos_app.ui.sync_dialog import SyncDialog

translate = QCoreApplication.translate


class CashierStatus:
    """Builds and runs the status bar of ``window``; the window owns it."""

    def __init__(self, window: QMainWindow, *, services: Services, lang: str,
                 scan: Callable[[str], Any], focus_entry: Callable[[], None]) -> None:
        self._window = window
        self._services = services
        self._lang = lang
        self._scan = scan
        self._focus_entry = focus_entry
        self.manager: DeviceManager | None = None  # set once the devices are up
        checkout = services.checkout
        bar = window.statusBar()
        self.store_label = ElidedLabel(self.store_text(), window)
        bar.addWidget(self.store_label)
        self.busy_label = QLabel(window)
        bar.addWidget(self.busy_label)
        self.devices = DeviceStatusBar(bar)
        self.sync = SyncStatusButton(services.sync, window, clock=services.clock,
                                     checkout=checkout)
        self.sync.clicked.connect(self.on_sync_details)
        self.sync.bridge.sig_state.connect(self.on_sync_state)
        bar.addPermanentWidget(self.sync)
        self.sync_dialog: SyncDialog | None = None
        self.demo_codes_dialog: QDialog | None = None
        if trusts_demo_key(checkout.loyalty.keys):
            demo = QPushButton(translate("CashierWindow", "Demo codes"), window)
            demo.setToolTip("Ctrl+M")
            demo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            demo.clicked.connect(self.on_demo_codes)
            bar.addPermanentWidget(demo)
            QShortcut(QKeySequence("Ctrl+M"), window, self.on_demo_codes)

    def store_text(self) -> str:
        checkout = self._services.checkout
        info = checkout.store_info
        parts = (info.store_name, info.terminal_code, checkout.cashier)
        return " · ".join(p for p in parts if p)

    def detach(self) -> None:
        """Stop following the sync service (the window is closing)."""
        self.sync.bridge.detach()
        if self.sync_dialog is not None:
            self.sync_dialog.bridge.detach()

    def show_busy(self, busy: bool) -> None:
        """"Saving…" while a write is on its way to the database."""
        self.busy_label.setText(translate("CashierWindow", "Saving…") if busy else "")

    def on_sync_state(self, _state: object) -> None:
        self.show_store()  # a pull may have renamed the store

    def show_store(self) -> None:
        """The store, till and signed-in cashier (after a sign-in, a pull)."""
        self.store_label.setText(self.store_text())

    def on_sync_details(self) -> None:
        """The sync details (not modal: the sale goes on while it is open)."""
        from pos_app.ui.sync_dialog import SyncDialog

        if self.sync_dialog is None:
            self.sync_dialog = SyncDialog(self._services.sync, clock=self._services.clock,
                                          lang=self._lang, parent=self._window)
            self.sync_dialog.finished.connect(self._focus_entry)
        self.sync_dialog.show()
        self.sync_dialog.raise_()

    def on_demo_codes(self) -> None:
        """The demo's member and coupon codes, to type or to hold up to the simulated camera.

        Not window-modal: camera scans must reach the sale while it is open."""
        from pos_app.ui.demo_codes_dialog import DemoCodesDialog

        if self.demo_codes_dialog is None:
            manager = self.manager
            hold_up = manager.show_code if manager is not None and manager.can_show_code else None
            self.demo_codes_dialog = DemoCodesDialog(
                self._window, hold_up=hold_up, scan=self._scan,
                clock=self._services.clock.now)
        self.demo_codes_dialog.show()
        self.demo_codes_dialog.raise_()
