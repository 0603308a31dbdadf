"""Choose one device: a small form generated from its pydantic model (Devices page, Edit…).

The kind comes first (a combo of the model's ``Literal`` choices); below it, the fields that
matter for that kind (``SHOWN``), each with a widget picked from the field's type. Saving
validates with the model: errors are told in plain words and nothing is saved; else the
section goes into ``settings.json`` and the device manager restarts just that device.
"""

from __future__ import annotations

import logging
import os
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.devices import DeviceConfig, save_device_settings
from pos_app.ui.device_bridge import DeviceBridge
from pos_app.ui.device_words import device_label

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

_PRINTER_PAPER = ["paper_mm", "columns", "encoding", "image_mode", "chinese_mode",
                  "receipt_lang", "bilingual", "cut", "drawer_pin", "drawer_pulse_ms",
                  "kick_drawer_on_cash"]
_WEDGE = ["wedge_max_gap_ms", "wedge_min_length", "wedge_prefix", "wedge_suffix",
          "wedge_suffix_required"]
# Per device and kind, the fields shown below the kind (the others keep their values).
SHOWN: dict[str, dict[str, list[str]]] = {
    "printer": {
        "network": ["host", "port", "timeout_s", *_PRINTER_PAPER],
        "usb": ["usb_vendor_id", "usb_product_id", *_PRINTER_PAPER],
        "serial": ["serial_path", "baudrate", *_PRINTER_PAPER],
        "file": ["file_path", *_PRINTER_PAPER],
        "sim": ["file_path", *_PRINTER_PAPER],
    },
    "scanner": {
        "wedge": _WEDGE,
        "serial": ["path", "vid", "pid", "serial_number", "baud", "terminator",
                   "idle_timeout_ms", *_WEDGE],
        "sim": ["terminator", *_WEDGE],
    },
    "scale": {
        "serial": ["port", "baudrate", "bytesize", "parity", "stopbits", "unit"],
        "sim": ["unit"],
    },
    "camera": {
        "opencv": ["device", "width", "height", "decoder", "repeat_s"],
        "sim": ["decoder", "repeat_s"],
    },
    "display": {
        "window": ["screen_index", "promo_message"],
        "serial": ["port", "baudrate", "encoding", "brightness", "pole_message"],
        "sim": ["encoding", "pole_message"],
    },
}
SERIAL_PORT_FIELDS = frozenset({"serial_path", "path", "port"})
HEX_FIELDS = frozenset({"usb_vendor_id", "usb_product_id", "vid", "pid"})


def field_labels() -> dict[str, str]:
    """Plain-words names of the fields (translated)."""
    return {
        "kind": translate("device_settings", "Kind"),
        "host": translate("device_settings", "Host (IP address)"),
        "port": translate("device_settings", "Port"),
        "timeout_s": translate("device_settings", "Timeout (seconds)"),
        "usb_vendor_id": translate("device_settings", "USB vendor ID"),
        "usb_product_id": translate("device_settings", "USB product ID"),
        "serial_path": translate("device_settings", "Serial port"),
        "baudrate": translate("device_settings", "Baud rate"),
        "baud": translate("device_settings", "Baud rate"),
        "file_path": translate("device_settings", "Output file"),
        "paper_mm": translate("device_settings", "Paper width (mm)"),
        "columns": translate("device_settings", "Characters per line (empty: automatic)"),
        "encoding": translate("device_settings", "Character encoding"),
        "image_mode": translate("device_settings", "Print as image"),
        "chinese_mode": translate("device_settings", "Chinese mode commands"),
        "receipt_lang": translate("device_settings", "Receipt language"),
        "bilingual": translate("device_settings", "Product names in both languages"),
        "cut": translate("device_settings", "Cut the paper"),
        "drawer_pin": translate("device_settings", "Drawer pin"),
        "drawer_pulse_ms": translate("device_settings", "Drawer pulse (ms)"),
        "kick_drawer_on_cash": translate("device_settings", "Open the drawer on cash"),
        "wedge_max_gap_ms": translate("device_settings", "Max gap between keys (ms)"),
        "wedge_min_length": translate("device_settings", "Shortest code"),
        "wedge_prefix": translate("device_settings", "Prefix"),
        "wedge_suffix": translate("device_settings", "Suffix key"),
        "wedge_suffix_required": translate("device_settings", "Suffix required"),
        "path": translate("device_settings", "Serial port"),
        "vid": translate("device_settings", "USB vendor ID (empty: any)"),
        "pid": translate("device_settings", "USB product ID (empty: any)"),
        "serial_number": translate("device_settings", "USB serial number"),
        "terminator": translate("device_settings", "Code ends with"),
        "idle_timeout_ms": translate("device_settings", "Code ends after silence (ms)"),
        "bytesize": translate("device_settings", "Data bits"),
        "parity": translate("device_settings", "Parity"),
        "stopbits": translate("device_settings", "Stop bits"),
        "unit": translate("device_settings", "Weight unit"),
        "device": translate("device_settings", "Camera (number or path)"),
        "width": translate("device_settings", "Width (pixels)"),
        "height": translate("device_settings", "Height (pixels)"),
        "decoder": translate("device_settings", "Code decoder"),
        "repeat_s": translate("device_settings", "Same code again after (s)"),
        "screen_index": translate("device_settings", "Screen (-1: automatic)"),
        "promo_message": translate("device_settings", "Promotion message"),
        "brightness": translate("device_settings", "Brightness"),
        "pole_message": translate("device_settings", "Idle text"),
    }


def choice_labels() -> dict[tuple[str, object], str]:
    """Plain-words names of the choices that are not plain values (translated)."""
    return {
        ("receipt_lang", ""): translate("device_settings", "Same as the screen"),
        ("receipt_lang", "zh_CN"): translate("device_settings", "Chinese"),
        ("receipt_lang", "en_US"): translate("device_settings", "English"),
    }


def _choices(annotation: Any) -> tuple[Any, ...] | None:
    """The choices of a ``Literal`` annotation (None for other types)."""
    return get_args(annotation) if get_origin(annotation) is Literal else None


def _base_types(annotation: Any) -> set[Any]:
    if get_origin(annotation) in (typing.Union, types.UnionType):
        return set(get_args(annotation))
    return {annotation}


def reason_text(error: Mapping[str, Any]) -> str:
    """One pydantic error in plain translated words (without the field)."""
    ctx, kind = error.get("ctx") or {}, error["type"]
    templates = {
        "less_than_equal": (translate("device_settings", "must be at most {limit}"), "le"),
        "less_than": (translate("device_settings", "must be less than {limit}"), "lt"),
        "greater_than_equal": (translate("device_settings", "must be at least {limit}"), "ge"),
        "greater_than": (translate("device_settings", "must be more than {limit}"), "gt"),
        "string_too_long": (
            translate("device_settings", "must be at most {limit} characters"), "max_length"),
        "literal_error": (translate("device_settings", "must be one of {limit}"), "expected"),
    }
    if kind in templates:
        text, key = templates[kind]
        return text.format(limit=ctx.get(key, ""))
    if kind.startswith(("int_", "int")):
        return translate("device_settings", "must be a whole number")
    if kind.startswith("float"):
        return translate("device_settings", "must be a number")
    if kind == "value_error":
        detail = str(ctx.get("error", ""))
        return translate("device_settings", "does not fit: {detail}").format(detail=detail)
    return str(error.get("msg", kind))


def errors_text(exc: ValidationError) -> str:
    """Every error of ``exc`` as "field: reason" lines."""
    labels = field_labels()
    lines = []
    for err in exc.errors():
        field = str(err["loc"][0]) if err["loc"] else ""
        name = labels.get(field, field) if field else translate(
            "device_settings", "These settings")
        lines.append(f"{name}: {reason_text(err)}")
    return "\n".join(lines)


class DeviceSettingsDialog(QDialog):
    """Kind and settings of one device; Save writes settings.json and restarts it."""

    def __init__(self, *, devices: DeviceBridge, section: str, data_dir: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.devices, self.section, self.data_dir = devices, section, Path(data_dir)
        self.current: DeviceConfig = getattr(devices.settings, section)
        self.model_cls: type[DeviceConfig] = type(self.current)
        self.saved: DeviceConfig | None = None
        self.setWindowTitle(translate("device_settings", "Choose the {device}").format(
            device=device_label(section)))
        self.setMinimumWidth(520)
        labels = field_labels()
        self.form = QFormLayout()
        self.kind = QComboBox(self)
        for choice in _choices(self.model_cls.model_fields["kind"].annotation) or ():
            self.kind.addItem(self.kind_label(choice), choice)
        self.kind.setCurrentIndex(max(0, self.kind.findData(self.current.kind)))
        self.form.addRow(labels["kind"], self.kind)
        self.widgets: dict[str, QWidget] = {}
        names = dict.fromkeys(n for kinds in SHOWN.get(section, {}).values() for n in kinds)
        for name in names:
            widget = self._widget_for(name)
            self.widgets[name] = widget
            self.form.addRow(labels.get(name, name), widget)
        self.kind.currentIndexChanged.connect(self.on_kind_changed)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #8a1c12;")
        self.error.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setStyleSheet("color: #666;")
        self.note.setWordWrap(True)
        overridden = sorted(k for k in os.environ if k.upper().startswith(
            f"POS_{section.upper()}__"))
        if overridden:
            self.note.setText(translate(
                "device_settings", "Environment variables ({names}) override these settings "
                "when the till starts.").format(names=", ".join(overridden)))
        self.save_button = QPushButton(translate("device_settings", "Save"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.on_save)
        cancel = QPushButton(translate("device_settings", "Cancel (Esc)"), self)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.error)
        lay.addWidget(self.note)
        lay.addLayout(buttons)
        self.on_kind_changed()

    @staticmethod
    def kind_label(kind: str) -> str:
        """The translated name of a device kind."""
        return {
            "none": translate("device_settings", "None"),
            "sim": translate("device_settings", "Simulator"),
            "network": translate("device_settings", "Network (Ethernet/Wi-Fi)"),
            "usb": translate("device_settings", "USB"),
            "serial": translate("device_settings", "Serial port"),
            "file": translate("device_settings", "File"),
            "wedge": translate("device_settings", "Keyboard (wedge)"),
            "opencv": translate("device_settings", "Camera"),
            "window": translate("device_settings", "Second window"),
        }.get(kind, kind)

    # ---- widgets from the model ------------------------------------------------------------

    def _widget_for(self, name: str) -> QWidget:
        annotation = self.model_cls.model_fields[name].annotation
        value = getattr(self.current, name)
        choices = _choices(annotation)
        if choices is not None:
            combo = QComboBox(self)
            names = choice_labels()
            for choice in choices:
                combo.addItem(names.get((name, choice), str(choice)), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if annotation is bool:
            box = QCheckBox(self)
            box.setChecked(bool(value))
            return box
        text = "" if value is None else (
            f"0x{value:04x}" if name in HEX_FIELDS and value else str(value))
        if name in SERIAL_PORT_FIELDS and annotation is str:  # not the printer's TCP port
            combo = QComboBox(self)
            combo.setEditable(True)
            combo.addItems(self.devices.manager.serial_ports())
            combo.setCurrentText(text)
            return combo
        entry = QLineEdit(text, self)
        return entry

    def _value_of(self, name: str) -> Any:
        widget = self.widgets[name]
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QComboBox) and not widget.isEditable():
            return widget.currentData()
        if isinstance(widget, QComboBox):
            text = widget.currentText().strip()
        else:
            assert isinstance(widget, QLineEdit)
            text = widget.text().strip()
        bases = _base_types(self.model_cls.model_fields[name].annotation)
        if not text and type(None) in bases:
            return None
        if int in bases:
            try:
                return int(text, 0)  # decimal, or 0x1a2b for USB ids
            except ValueError:
                return text  # pydantic tells what is wrong
        return text

    def values(self) -> dict[str, Any]:
        """The current settings with the shown fields taken from the form."""
        data: dict[str, Any] = self.current.model_dump()
        kind = self.kind.currentData()
        data["kind"] = kind
        for name in SHOWN.get(self.section, {}).get(kind, []):
            data[name] = self._value_of(name)
        return data

    # ---- slots ------------------------------------------------------------------------------

    def on_kind_changed(self, *_args: object) -> None:
        shown = set(SHOWN.get(self.section, {}).get(self.kind.currentData(), []))
        for name, widget in self.widgets.items():
            self.form.setRowVisible(widget, name in shown)
        self.error.clear()
        self.adjustSize()

    def on_save(self) -> None:
        try:
            config = self.model_cls.model_validate(self.values())
        except ValidationError as exc:
            self.error.setText(errors_text(exc))
            return
        try:
            save_device_settings(self.data_dir, self.section, config)
        except OSError as exc:
            log.exception("cannot save the %s settings", self.section)
            self.error.setText(translate(
                "device_settings", "Cannot save the settings ({reason}). Check the disk "
                "and the folder's permissions, then try again.").format(reason=exc.strerror
                                                                        or exc))
            return
        self.saved = config
        self.devices.reconfigure(self.section, config)
        self.accept()
