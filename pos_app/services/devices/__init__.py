"""Devices behind a service: the Qt-free ``DeviceManager`` and what the UI may know of them.

The UI never imports a driver: the device states, the settings models the Devices page
edits (and the file they are saved in), the scale's reading, the detection results and the
keyboard-wedge detector (the UI's key filter feeds it) are reached from here.
"""

from drivers.camera.config import CameraConfig
from drivers.detect import Candidate, Connected
from drivers.device import DeviceState, DeviceStatus
from drivers.display.config import DisplayConfig
from drivers.printer.config import PrinterConfig
from drivers.scale.config import ScaleConfig
from drivers.scale.toledo import Reading
from drivers.scanner.config import ScannerConfig
from drivers.scanner.wedge import ENTER, TAB, Decision, GiveBack, WedgeDetector, WedgeSettings
from pos_app.services.devices.manager import (
    DEMO_SCAN,
    DEVICES,
    SECTIONS,
    DeviceListener,
    DeviceManager,
    Simulators,
)
from pos_app.store.settings_file import DeviceConfig, save_device_settings, settings_file

__all__ = [
    "DEMO_SCAN",
    "DEVICES",
    "ENTER",
    "SECTIONS",
    "TAB",
    "CameraConfig",
    "Candidate",
    "Connected",
    "Decision",
    "DeviceConfig",
    "DeviceListener",
    "DeviceManager",
    "DeviceState",
    "DeviceStatus",
    "DisplayConfig",
    "GiveBack",
    "PrinterConfig",
    "Reading",
    "ScaleConfig",
    "ScannerConfig",
    "Simulators",
    "WedgeDetector",
    "WedgeSettings",
    "save_device_settings",
    "settings_file",
]
