"""Choosing devices: settings.json under the environment, the Devices page's Edit… form,
and the device manager restarting just the edited device. No sleeps: waits on states."""

from __future__ import annotations

import dataclasses
import json
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from drivers.device import DeviceState
from drivers.printer.config import PrinterConfig
from pos_app.config import Settings
from pos_app.store.settings_file import save_device_settings, settings_file
from pos_app.ui.cashier_window import CashierWindow
from pos_app.ui.device_settings_dialog import DeviceSettingsDialog
from pos_app.ui.devices_page import DevicesDialog
from tests.ui.test_devices import MakeWindow, make_window  # noqa: F401  (the fixture)


def write_file(data_dir: Path, data: object) -> Path:
    path = settings_file(data_dir)
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_settings_file_is_under_env_and_kwargs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_file(tmp_path, {"printer": {"kind": "network", "host": "10.0.0.5", "port": 9101},
                          "scale": {"kind": "sim"}})
    s = Settings(data_dir=tmp_path)
    assert (s.printer.kind, s.printer.host, s.printer.port) == ("network", "10.0.0.5", 9101)
    assert s.scale.kind == "sim" and s.settings_file_problem == ""
    # The environment wins over the file, field by field.
    monkeypatch.setenv("POS_PRINTER__HOST", "10.0.0.9")
    s = Settings(data_dir=tmp_path)
    assert (s.printer.kind, s.printer.host, s.printer.port) == ("network", "10.0.0.9", 9101)
    # Init kwargs win over both.
    s = Settings(data_dir=tmp_path, printer=PrinterConfig(kind="sim"))
    assert s.printer.kind == "sim" and s.printer.host == "" and s.scale.kind == "sim"
    # The folder may come from POS_DATA_DIR.
    monkeypatch.delenv("POS_PRINTER__HOST")
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path))
    assert Settings().printer.host == "10.0.0.5"


def test_save_is_atomic_private_and_keeps_other_sections(tmp_path: Path) -> None:
    save_device_settings(tmp_path, "scale", Settings(data_dir=tmp_path).scale.model_copy(
        update={"kind": "sim"}))
    path = save_device_settings(tmp_path, "printer", PrinterConfig(kind="file", file_path="x"))
    assert json.loads(path.read_text()) == {
        "printer": {"kind": "file", "file_path": "x"}, "scale": {"kind": "sim"}}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary left


@pytest.mark.parametrize("content", ["{not json", '["a list"]',
                                     '{"printer": {"kind": "network", "port": 70000}}'])
def test_broken_file_gives_defaults_and_a_message_once(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, content: str  # noqa: F811
) -> None:
    write_file(tmp_path, content)
    settings = Settings(data_dir=tmp_path)
    assert settings.printer == PrinterConfig() and settings.settings_file_problem
    win = make_window()
    assert "could not be used" in win.message_bar.text()
    assert "settings.json" in win.message_bar.text()
    assert win.devices.states["printer"].state == DeviceState.DISABLED


def open_settings(qtbot: QtBot, win: CashierWindow, section: str) -> DeviceSettingsDialog:
    qtbot.keyClick(win.scan_entry, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    page = win.active_dialog
    assert isinstance(page, DevicesDialog)
    qtbot.mouseClick(page.edit_buttons[section], Qt.MouseButton.LeftButton)
    dialog = page.settings_dialog
    assert isinstance(dialog, DeviceSettingsDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


def choose_kind(dialog: DeviceSettingsDialog, kind: str) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))


def text_entry(dialog: DeviceSettingsDialog, name: str) -> QLineEdit:
    """The form's text entry of the setting ``name``."""
    widget = dialog.widgets[name]
    assert isinstance(widget, QLineEdit), name
    return widget


def test_choosing_the_simulated_printer_saves_and_starts_it(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path  # noqa: F811
) -> None:
    win = make_window()
    assert win.device_status.labels["printer"].text() == "Printer: not set up"
    dialog = open_settings(qtbot, win, "printer")
    assert dialog.kind.currentData() == "none"
    assert not dialog.widgets["file_path"].isVisible()
    choose_kind(dialog, "sim")
    assert dialog.widgets["file_path"].isVisible() and not dialog.widgets["host"].isVisible()
    sink = tmp_path / "sim" / "printer.bin"
    text_entry(dialog, "file_path").setText(str(sink))
    paper = dialog.widgets["paper_mm"]
    assert isinstance(paper, QComboBox)
    paper.setCurrentIndex(paper.findData(58))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.error.text() == ""
    saved = json.loads(settings_file(tmp_path).read_text())
    assert saved == {"printer": {"kind": "sim", "file_path": str(sink), "paper_mm": 58}}
    qtbot.waitUntil(lambda: win.device_status.labels["printer"].text() == "Printer: ready",
                    timeout=5000)
    page = win.active_dialog
    assert isinstance(page, DevicesDialog)
    assert page.state_labels["printer"].text() == "ready"
    printer = win.devices.manager.sims.printer
    assert printer is not None and win.settings.printer.paper_mm == 58
    # The next start reads the same choice from the file.
    assert Settings(data_dir=tmp_path).printer.kind == "sim"
    page.on_test_print()
    qtbot.waitUntil(lambda: printer.writes > 0, timeout=5000)


def test_invalid_value_is_told_and_nothing_is_saved(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path  # noqa: F811
) -> None:
    win = make_window()
    dialog = open_settings(qtbot, win, "printer")
    choose_kind(dialog, "network")
    text_entry(dialog, "host").setText("192.168.1.50")
    text_entry(dialog, "port").setText("70000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text() == "Port: must be at most 65535"
    assert not settings_file(tmp_path).exists()
    assert win.devices.settings.printer.kind == "none"
    assert win.devices.states["printer"].state == DeviceState.DISABLED
    text_entry(dialog, "port").setText("nine")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Port: must be a whole number"
    dialog.reject()


def test_reconfigure_restarts_just_that_device(
    qtbot: QtBot, make_window: MakeWindow  # noqa: F811
) -> None:
    from drivers.scale.config import ScaleConfig

    win = make_window(printer=PrinterConfig(kind="sim"))
    devices, manager = win.devices, win.devices.manager
    qtbot.waitUntil(lambda: devices.states["printer"].state == DeviceState.READY,
                    timeout=5000)
    printer_worker = manager.worker("printer")
    devices.reconfigure("scale", ScaleConfig(kind="sim"))
    qtbot.waitUntil(lambda: win.device_status.labels["scale"].text() == "Scale: ready",
                    timeout=5000)
    assert manager.worker("printer") is printer_worker and manager.weighing is not None
    old_sim = manager.sims.scale
    devices.reconfigure("scale", ScaleConfig())
    assert manager.worker("scale") is None and manager.weighing is None
    assert manager.sims.scale is None
    assert old_sim is not None and old_sim._thread is None  # the simulator is unplugged
    assert win.device_status.labels["scale"].text() == "Scale: not set up"
    assert devices.states["printer"].state == DeviceState.READY


def test_the_receipt_language_and_bilingual_names_are_printer_settings(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path  # noqa: F811
) -> None:
    from PySide6.QtWidgets import QCheckBox

    from tests.drivers.printer.helpers import line, sample_doc

    win = make_window()
    dialog = open_settings(qtbot, win, "printer")
    choose_kind(dialog, "sim")
    lang, both = dialog.widgets["receipt_lang"], dialog.widgets["bilingual"]
    assert isinstance(lang, QComboBox) and isinstance(both, QCheckBox)
    assert lang.isVisible() and both.isVisible()
    assert [lang.itemText(i) for i in range(lang.count())] == [
        "Same as the screen", "Chinese", "English"]
    assert lang.currentData() == "" and not both.isChecked()
    text_entry(dialog, "file_path").setText(str(tmp_path / "printer.bin"))
    lang.setCurrentIndex(lang.findData("zh_CN"))
    both.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.error.text() == ""
    saved = json.loads(settings_file(tmp_path).read_text())["printer"]
    assert (saved["receipt_lang"], saved["bilingual"]) == ("zh_CN", True)
    doc = dataclasses.replace(sample_doc(), lines=(line("可口可乐", 1, 300, name_en="Coca-Cola"),))
    rows = win.devices.manager.print_service.layout(doc).text().splitlines()  # English screen
    i = next(i for i, r in enumerate(rows) if r.startswith("可口可乐"))
    assert rows[i + 1].rstrip() == "  Coca-Cola" and any(r.startswith("合计") for r in rows)
