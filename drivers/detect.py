"""Device detection, Odoo IoT style: interfaces list what is connected, drivers say what they
support.

An *interface* lists the connected devices of one kind of connection: serial ports
(pyserial's ``list_ports``), USB printers (``/dev/usb/lp*``), cameras (``/dev/video*``) and
the network printers the settings name. A *driver* registers, for its settings section, a
function that looks at one ``Connected`` device and returns a ``Candidate`` (the settings that
would use it, and whether the device says it is one) or ``None``: ``@supports("scale")``.
``detect`` runs every registered driver over every device. Nothing is opened or written;
the device directory and the port lister are parameters, so tests pass fakes.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

log = logging.getLogger(__name__)

Interface = Literal["serial", "usb_printer", "video", "network"]
Role = Literal["scanner", "printer", "scale", "display", "serial_adapter"]

# USB vendor ids that tell what a serial port is (usb.ids). A USB-serial adapter can carry
# any serial device: a scale, a pole display, a serial printer.
USB_VENDORS: dict[int, tuple[Role, str]] = {
    0x0C2E: ("scanner", "Honeywell"),
    0x0536: ("scanner", "Hand Held Products"),
    0x05E0: ("scanner", "Zebra (Symbol)"),
    0x05F9: ("scanner", "Datalogic"),
    0x1EAB: ("scanner", "Newland"),
    0x04B8: ("printer", "Epson"),
    0x0519: ("printer", "Star Micronics"),
    0x0EB8: ("scale", "Mettler Toledo"),
    0x0403: ("serial_adapter", "FTDI"),
    0x067B: ("serial_adapter", "Prolific"),
    0x1A86: ("serial_adapter", "WCH (CH340)"),
    0x10C4: ("serial_adapter", "Silicon Labs (CP210x)"),
}
# Settings modules whose ``@supports`` functions register the drivers (imported by detect).
DRIVER_MODULES = ("drivers.printer.config", "drivers.scanner.config", "drivers.scale.config",
                  "drivers.camera.config", "drivers.display.config")


@dataclass(frozen=True, slots=True)
class Connected:
    """One connected device as an interface sees it (nothing opened)."""

    interface: Interface
    path: str  # /dev/ttyUSB0, /dev/usb/lp0, /dev/video0, 192.168.1.50:9100
    description: str = ""
    vid: int | None = None
    pid: int | None = None
    serial_number: str = ""
    manufacturer: str = ""

    @property
    def vendor(self) -> tuple[Role, str] | None:
        """What its USB vendor id says it is (None: unknown or not USB)."""
        return USB_VENDORS.get(self.vid) if self.vid is not None else None

    @property
    def looks_like(self) -> str:
        """A line for a person choosing a device: vendor or description, and the path."""
        vendor = self.vendor
        name = self.description or (vendor[1] if vendor else "") or self.manufacturer
        return f"{name} ({self.path})" if name else self.path


@dataclass(frozen=True, slots=True)
class Candidate:
    """A device a driver could run: ``settings`` are the fields of section ``section``'s
    config (with ``kind``) that point it at ``device``; ``likely`` when the device says it is
    one (a known vendor, a printer port), else it only could be (a bare serial port)."""

    section: str
    kind: str
    device: Connected
    settings: Mapping[str, object] = field(default_factory=dict)
    likely: bool = False

    def config_fields(self) -> dict[str, object]:
        """The fields to merge into the section's config (``kind`` included)."""
        return {"kind": self.kind, **self.settings}


Supports = Callable[[Connected], Candidate | None]
_DRIVERS: list[tuple[str, Supports]] = []


def supports(section: str) -> Callable[[Supports], Supports]:
    """Register a driver's detection function for settings ``section``."""

    def register(fn: Supports) -> Supports:
        if (section, fn) not in _DRIVERS:
            _DRIVERS.append((section, fn))
        return fn

    return register


# ---- interfaces ---------------------------------------------------------------------------


def _pyserial_ports() -> list[Any]:
    from serial.tools import list_ports

    return list(list_ports.comports())


def serial_ports(comports: Callable[[], Iterable[Any]] | None = None) -> list[Connected]:
    """Serial ports, from pyserial's ``list_ports.comports`` (or ``comports``, for tests)."""
    try:
        ports = list((comports or _pyserial_ports)())
    except Exception:  # no pyserial, or no way to list: the path is typed instead
        log.exception("cannot list serial ports")
        return []
    found = []
    for port in ports:
        description = str(getattr(port, "description", "") or "")
        found.append(Connected(
            "serial", str(port.device),
            description="" if description in ("n/a", str(port.device)) else description,
            vid=getattr(port, "vid", None), pid=getattr(port, "pid", None),
            serial_number=str(getattr(port, "serial_number", "") or ""),
            manufacturer=str(getattr(port, "manufacturer", "") or "")))
    return sorted(found, key=lambda c: c.path)


def _numbered(folder: Path, prefix: str) -> list[Path]:
    pattern = re.compile(re.escape(prefix) + r"\d+")
    if not folder.is_dir():
        return []
    paths = [p for p in folder.iterdir() if pattern.fullmatch(p.name)]
    return sorted(paths, key=lambda p: int(p.name[len(prefix):]))


def usb_printers(dev_dir: Path = Path("/dev")) -> list[Connected]:
    """USB printers the kernel's usblp driver made: ``dev_dir/usb/lp*``."""
    return [Connected("usb_printer", str(p), description="USB printer")
            for p in _numbered(dev_dir / "usb", "lp")]


def cameras(dev_dir: Path = Path("/dev"), sys_dir: Path = Path("/sys")) -> list[Connected]:
    """Video capture devices: ``dev_dir/video*``, named from sysfs when it tells. A UVC
    camera also makes a metadata node (sysfs ``index`` not 0): that one is left out."""
    found = []
    for path in _numbered(dev_dir, "video"):
        info = sys_dir / "class" / "video4linux" / path.name
        index = _read(info / "index")
        if index not in ("", "0"):
            continue
        found.append(Connected("video", str(path), description=_read(info / "name")))
    return found


def network_printers(hosts: Iterable[tuple[str, int]]) -> list[Connected]:
    """The network printers the settings name (``host``, ``port``); no probing."""
    return [Connected("network", f"{host}:{port}", description="Network printer")
            for host, port in hosts if host]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def connected(
    *, dev_dir: Path = Path("/dev"), sys_dir: Path = Path("/sys"),
    comports: Callable[[], Iterable[Any]] | None = None,
    network: Iterable[tuple[str, int]] = (),
) -> list[Connected]:
    """Every connected device every interface sees."""
    return [*serial_ports(comports), *usb_printers(dev_dir), *cameras(dev_dir, sys_dir),
            *network_printers(network)]


# ---- drivers ------------------------------------------------------------------------------


def detect(devices: Iterable[Connected]) -> list[Candidate]:
    """Every (section, device) pair a registered driver supports; likely ones first."""
    for module in DRIVER_MODULES:
        importlib.import_module(module)  # registers its drivers
    candidates = []
    drivers = sorted(_DRIVERS, key=lambda entry: entry[0])  # the same order every time
    for device in devices:
        for _section, fn in drivers:
            try:
                candidate = fn(device)
            except Exception:  # one driver's bug must not hide the other devices
                log.exception("detection by %s failed on %s", fn.__name__, device.path)
                continue
            if candidate is not None:
                candidates.append(candidate)
    return sorted(candidates, key=lambda c: not c.likely)


def serial_candidate(section: str, kind: str, role: Role, device: Connected,
                     settings: Mapping[str, object]) -> Candidate | None:
    """The usual serial-port rule: a device whose vendor says it is another kind of device
    is not this one; one whose vendor says it is this kind is likely; any other port could
    be."""
    if device.interface != "serial":
        return None
    vendor = device.vendor
    if vendor is not None and vendor[0] not in (role, "serial_adapter"):
        return None
    return Candidate(section, kind, device, settings,
                     likely=vendor is not None and vendor[0] == role)
