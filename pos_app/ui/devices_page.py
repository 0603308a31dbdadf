"""The Devices page (Ctrl+D): every device's live state, a test for each, and Edit… to
choose it (``DeviceSettingsDialog``: saved in settings.json, the device restarts).

Tests never block the UI: prints and the drawer go through the writer thread like any
print job; test scans arrive as codes from the (simulated) scanner or camera; the scale
answers through the bridge's signal. The page knows the devices only through the
``DeviceBridge``: its states and signals, and the manager's actions.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.errors import PosError
from pos_app.core.quantity import format_quantity
from pos_app.services.devices import DEVICES, DeviceStatus, Reading
from pos_app.ui.device_bridge import DeviceBridge
from pos_app.ui.device_words import device_label, state_word, status_detail
from pos_app.ui.messages import error_text
from pos_app.ui.tasks import TaskRunner
from pos_app.ui.widgets import ElidedLabel

translate = QCoreApplication.translate


class DevicesDialog(QDialog):
    """One row per device: its state in words, why, and its test button."""

    def __init__(self, *, devices: DeviceBridge, runner: TaskRunner, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.devices, self.runner, self.lang = devices, runner, lang
        manager = devices.manager
        self.setWindowTitle(translate("devices", "Devices"))
        self.setMinimumWidth(760)
        self.state_labels: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.edit_buttons: dict[str, QPushButton] = {}
        self.settings_dialog: QDialog | None = None
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        actions = {
            "printer": (translate("devices", "Test print"), self.on_test_print),
            "drawer": (translate("devices", "Open drawer"), self.on_open_drawer),
            "scanner": (translate("devices", "Test scan"), self.on_test_scan),
            "scale": (translate("devices", "Read scale"), self.on_read_scale),
        }
        if manager.can_show_code:
            actions["camera"] = (translate("devices", "Show a code"), self.on_show_code)
        for row, name in enumerate(DEVICES):
            title = QLabel(f"<b>{device_label(name)}</b>", self)
            state = QLabel(self)
            state.setWordWrap(True)
            state.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            grid.addWidget(title, row, 0)
            grid.addWidget(state, row, 1)
            self.state_labels[name] = state
            if name in actions:
                text, slot = actions[name]
                button = QPushButton(text, self)
                button.clicked.connect(slot)
                grid.addWidget(button, row, 2)
                self.buttons[name] = button
            if name != "drawer":  # the drawer is set up with its printer
                edit = QPushButton(translate("devices", "Edit…"), self)
                edit.clicked.connect(lambda _c=False, n=name: self.on_edit(n))
                grid.addWidget(edit, row, 3)
                self.edit_buttons[name] = edit
        # A member code is ~70 characters: one line, "…" in its middle, all of it on hover.
        self.last_scan = ElidedLabel(parent=self, middle=True)
        self.last_scan.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.scale_reading = QLabel(self)
        self.pole_lines = QLabel(self)
        self.pole_lines.setStyleSheet(
            "font-family: monospace; background: #102010; color: #7dff7d; padding: 4px;")
        self.pole_lines.hide()
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self._camera_box = QVBoxLayout()
        self.preview = None
        if manager.worker("camera") is not None:
            from pos_app.ui.camera_preview import CameraPreview

            self.preview = CameraPreview(self, message_for=self._camera_message)
            self.preview.setMinimumSize(480, 270)
            self.preview.show_message(translate("devices", "Waiting for the camera…"))
            devices.sig_frame.connect(self.preview.on_frame)
            self._camera_box.addWidget(self.preview)
        close = QPushButton(translate("devices", "Close (Esc)"), self)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.outcome, 1)
        bottom.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(self.last_scan)
        lay.addWidget(self.scale_reading)
        lay.addWidget(self.pole_lines)
        lay.addLayout(self._camera_box, 1)
        lay.addLayout(bottom)
        devices.sig_status.connect(self.on_status)
        devices.sig_scan.connect(self.on_scan)
        devices.sig_reading.connect(self.on_reading)
        devices.sig_pole.connect(self.on_pole)
        for status in devices.states.values():
            self.on_status(status)
        pole = manager.pole_lines()
        if pole is not None:
            self.on_pole(*pole)
        if devices.last_scan:
            self.on_scan(devices.last_scan, "")

    # ---- live state ----------------------------------------------------------------------

    def _camera_message(self, status: DeviceStatus) -> str:
        return status_detail(status, self.lang) or translate(
            "devices", "Camera not available — type the code instead.")

    def on_status(self, status: DeviceStatus) -> None:
        label = self.state_labels.get(status.device)
        if label is None:
            return
        detail = status_detail(status, self.lang)
        label.setText(state_word(status.state) + (f" — {detail}" if detail else ""))
        if status.device == "camera" and self.preview is not None:
            self.preview.on_status(status)

    def on_scan(self, code: str, source: str) -> None:
        self.last_scan.setText(translate("devices", "Last scanned code: {code}").format(
            code=code))

    def on_reading(self, reading: Reading) -> None:
        text = translate("devices", "Scale shows {weight}").format(
            weight=format_quantity(max(reading.grams, 0), weighed=True))
        if not reading.stable:
            text += " " + translate("devices", "(moving)")
        self.scale_reading.setText(text)

    def on_pole(self, line1: str, line2: str) -> None:
        self.pole_lines.setText(f"{line1}<br>{line2}")
        self.pole_lines.show()

    # ---- tests ---------------------------------------------------------------------------

    def _show_error(self, exc: BaseException) -> None:
        self.outcome.setStyleSheet("color: #8a1c12;")
        self.outcome.setText(error_text(exc, self.lang))

    def _ok(self, text: str) -> None:
        self.outcome.setStyleSheet("color: #135c2a;")
        self.outcome.setText(text)

    def _run(self, fn: Callable[[], object], done_text: str) -> None:
        self.runner.submit(fn, on_done=lambda _r: self._ok(done_text),
                           on_error=self._show_error, background=True)

    def on_test_print(self) -> None:
        self._run(self.devices.manager.print_service.test_print,
                  translate("devices", "Test page sent to the printer."))

    def on_open_drawer(self) -> None:
        self._run(self.devices.manager.print_service.open_drawer,
                  translate("devices", "Drawer opened."))

    def on_test_scan(self) -> None:
        try:
            self.devices.manager.test_scan()
        except PosError as exc:
            self._show_error(exc)
            return
        self._ok(translate("devices", "Scanning a demo code…"))

    def on_show_code(self) -> None:
        try:
            self.devices.manager.show_code()
        except PosError as exc:  # the camera was chosen anew meanwhile
            self._show_error(exc)
            return
        self._ok(translate("devices", "A demo code is held up to the simulated camera…"))

    def on_read_scale(self) -> None:
        try:
            self.devices.manager.read_scale()
        except PosError as exc:
            self._show_error(exc)
            return
        self._ok(translate("devices", "Asking the scale…"))

    # ---- choosing ------------------------------------------------------------------------

    def on_edit(self, section: str) -> None:
        """Open the settings form of ``section``; on Save that device restarts."""
        from pos_app.ui.device_settings_dialog import DeviceSettingsDialog

        dialog = DeviceSettingsDialog(devices=self.devices, section=section,
                                      data_dir=self.devices.settings.data_dir, parent=self)
        self.settings_dialog = dialog

        def done(result: int) -> None:
            self.settings_dialog = None
            if result == QDialog.DialogCode.Accepted:
                self._ok(translate("devices", "{device} settings saved; restarting it…").format(
                    device=device_label(section)))

        dialog.finished.connect(done)
        dialog.open()
