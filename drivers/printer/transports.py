"""The only module that imports python-escpos: its transports behind one small interface.

A transport writes bytes and asks status questions. A question that gets no reply returns
``None`` (the caller shows "unknown"): python-escpos's own ``paper_status`` reads no reply as
"plenty of paper" and ``is_online`` as "offline", neither of which we know.
"""

from __future__ import annotations

import logging
import socket
from typing import Any, Protocol

from drivers.device import DeviceUnavailable
from drivers.printer.config import PrinterConfig

log = logging.getLogger(__name__)
STATUS_PAPER = b"\x10\x04\x04"  # DLE EOT 4: roll paper sensor
QUERY_TIMEOUT_S = 0.5


class Transport(Protocol):
    """Where ESC/POS bytes go."""

    def open(self) -> None:
        """Connect; raise ``OSError`` when the printer is not reachable."""

    def close(self) -> None:
        """Disconnect; never raises."""

    def write(self, data: bytes) -> None:
        """Send ``data``; raise ``OSError`` when the printer went away."""

    def query(self, request: bytes) -> bytes | None:
        """Send a real-time status request; ``None`` when nothing answered."""


class EscposTransport:
    """A python-escpos printer object used only as a byte pipe."""

    def __init__(self, printer: Any, label: str) -> None:
        self._p = printer
        self.label = label

    def open(self) -> None:
        try:
            self._p.open()
        except Exception as exc:  # DeviceNotFoundError, USBError, ...: all mean "not there"
            raise DeviceUnavailable(f"{self.label}: {exc}") from exc

    def close(self) -> None:
        try:
            self._p.close()
        except Exception:
            log.debug("closing %s failed", self.label, exc_info=True)

    def write(self, data: bytes) -> None:
        try:
            self._p._raw(data)
        except OSError:
            raise
        except Exception as exc:  # usb.core.USBError and friends are not OSErrors
            raise DeviceUnavailable(f"{self.label}: {exc}") from exc

    def query(self, request: bytes) -> bytes | None:
        device = getattr(self._p, "device", None)
        old = _set_read_timeout(device, QUERY_TIMEOUT_S)
        try:
            self._p._raw(request)
            reply: bytes = self._p._read()
        except (TimeoutError, NotImplementedError):
            return None
        except Exception as exc:  # a failed read is not a reply either
            log.debug("status query on %s: %s", self.label, exc)
            return None
        finally:
            _set_read_timeout(device, old)
        return bytes(reply) if reply else None


def _set_read_timeout(device: Any, seconds: float | None) -> float | None:
    # Sockets and pyserial ports both expose a read timeout; restore it afterwards.
    if isinstance(device, socket.socket):
        old = device.gettimeout()
        device.settimeout(seconds)
        return old
    if device is not None and hasattr(device, "timeout"):
        old_t: float | None = device.timeout
        device.timeout = seconds
        return old_t
    return None


def make_transport(config: PrinterConfig) -> Transport | None:
    """The transport for ``config`` (``None`` for kind "none"; "sim" is built by the caller)."""
    from escpos import printer as ep

    if config.kind == "network":
        return EscposTransport(ep.Network(config.host, port=config.port,
                                          timeout=config.timeout_s), f"{config.host}:{config.port}")
    if config.kind == "usb":
        return EscposTransport(ep.Usb(config.usb_vendor_id, config.usb_product_id,
                                      timeout=int(config.timeout_s * 1000)),
                               f"usb {config.usb_vendor_id:04x}:{config.usb_product_id:04x}")
    if config.kind == "serial":
        return EscposTransport(ep.Serial(config.serial_path, baudrate=config.baudrate,
                                         timeout=config.timeout_s), config.serial_path)
    if config.kind == "file":
        return EscposTransport(ep.File(config.file_path), config.file_path)
    return None


def dummy_transport() -> tuple[Transport, Any]:
    """A python-escpos ``Dummy`` transport and a function returning what it received."""
    from escpos import printer as ep

    dummy = ep.Dummy()
    return EscposTransport(dummy, "dummy"), lambda: bytes(dummy.output)


def profile_supports(profile: str, feature: str) -> bool:
    """True when the python-escpos capability ``profile`` has ``feature`` (e.g. "qrCode")."""
    from escpos.capabilities import get_profile

    try:
        return bool(get_profile(profile).supports(feature))
    except Exception:  # unknown profile name: trust the configured flags
        return True


def with_profile(config: PrinterConfig) -> PrinterConfig:
    """``config`` with native QR/barcode turned off where its escpos profile lacks them."""
    if not config.escpos_profile:
        return config
    return config.model_copy(update={
        "native_qr": config.native_qr and profile_supports(config.escpos_profile, "qrCode"),
        "native_barcode": config.native_barcode
        and profile_supports(config.escpos_profile, "barcodeB"),
    })


def paper_state(reply: bytes | None) -> str:
    """DLE EOT 4 reply → "ok" | "low" | "out" | "unknown" (no or malformed reply)."""
    if not reply:
        return "unknown"
    b = reply[-1]
    if b & 0x93 != 0x12:  # fixed bits 1 and 4 set, 0 and 7 clear: otherwise not a status byte
        return "unknown"
    if b & 0x60:
        return "out"
    return "low" if b & 0x0C else "ok"
