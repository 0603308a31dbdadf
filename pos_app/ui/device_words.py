"""Devices in words: their names, their states and why (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.core.errors import PosError
from pos_app.services.devices import DeviceState, DeviceStatus
from pos_app.ui.messages import error_text

translate = QCoreApplication.translate


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


def state_word(state: DeviceState) -> str:
    """The translated word for a device state."""
    words = {
        DeviceState.DISABLED: translate("devices", "not set up"),
        DeviceState.CONNECTING: translate("devices", "connecting…"),
        DeviceState.READY: translate("devices", "ready"),
        DeviceState.OFFLINE: translate("devices", "offline"),
        DeviceState.ERROR: translate("devices", "fault"),
        DeviceState.UNKNOWN: translate("devices", "no answer"),
    }
    return words[state]


def status_detail(status: DeviceStatus, lang: str) -> str:
    """The translated reason behind a status ("" when there is none to tell)."""
    if not status.key:
        return ""
    return error_text(PosError(status.key, **status.data), lang)
