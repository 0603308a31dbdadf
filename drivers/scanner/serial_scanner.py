"""Serial and USB-CDC barcode scanners through pyserial, on their own device worker.

The port is found each time it is opened — by path (``/dev/serial/by-id/...`` is stable), or
by USB VID/PID/serial number through ``serial.tools.list_ports`` — so a scanner that was
unplugged and comes back as another ``ttyACM`` is found again. pyserial raises
``SerialException`` (an ``OSError``) when the device vanishes; the worker then reports
``offline`` and keeps retrying. Each complete code goes to ``on_scan`` (worker thread).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, Protocol

import serial
from serial.tools import list_ports

from drivers.device import DeviceStatus, DeviceUnavailable, DeviceWorker
from drivers.scanner.config import ScannerConfig
from drivers.scanner.framing import CodeFramer

log = logging.getLogger(__name__)


class PortLike(Protocol):
    """The part of ``serial.Serial`` the scanner uses."""

    @property
    def in_waiting(self) -> int: ...

    def read(self, size: int = 1) -> bytes: ...

    def close(self) -> None: ...


def _open_serial(path: str, baud: int) -> PortLike:
    port: PortLike = serial.Serial(path, baudrate=baud, timeout=0)
    return port


def _comports() -> Iterable[Any]:
    ports: list[Any] = list(list_ports.comports())
    return ports


def find_port(config: ScannerConfig, ports: Iterable[Any]) -> str | None:
    """The device path of the first port matching the config's USB VID/PID/serial number."""
    for info in ports:
        if config.vid is not None and info.vid != config.vid:
            continue
        if config.pid is not None and info.pid != config.pid:
            continue
        if config.serial_number and info.serial_number != config.serial_number:
            continue
        return str(info.device)
    return None


class SerialScanner(DeviceWorker):
    """A serial scanner: reads bytes while idle, frames them into codes, calls ``on_scan``."""

    name = "scanner"

    def __init__(
        self,
        config: ScannerConfig,
        *,
        on_scan: Callable[[str], None],
        on_status: Callable[[DeviceStatus], None] | None = None,
        poll_s: float = 0.01,
        clock: Callable[[], float] = time.monotonic,
        open_port: Callable[[str, int], PortLike] = _open_serial,
        list_ports_fn: Callable[[], Iterable[Any]] = _comports,
    ) -> None:
        super().__init__(on_status=on_status, reconnect_s=config.reconnect_s, poll_s=poll_s)
        self.config = config
        self._on_scan = on_scan
        self._clock = clock
        self._open_port = open_port
        self._list_ports = list_ports_fn
        self._framer = CodeFramer(config.terminator, config.idle_timeout_ms / 1000)
        self._port: PortLike | None = None
        self.port_path = ""

    def resolve_port(self) -> str:
        """Where the scanner is now; ``DeviceUnavailable`` when it cannot be found."""
        cfg = self.config
        if cfg.path:
            return cfg.path
        if cfg.vid is None and cfg.pid is None and not cfg.serial_number:
            raise DeviceUnavailable("no scanner port configured")
        path = find_port(cfg, self._list_ports())
        if path is None:
            raise DeviceUnavailable(
                f"no scanner with vid={cfg.vid} pid={cfg.pid} serial={cfg.serial_number!r}"
            )
        return path

    def open(self) -> None:
        path = self.resolve_port()
        self._port = self._open_port(path, self.config.baud)  # SerialException is an OSError
        self.port_path = path
        self._framer.reset()

    def close(self) -> None:
        port, self._port = self._port, None
        self._framer.reset()
        if port is not None:
            try:
                port.close()
            except Exception:  # closing a vanished device may fail; it is gone either way
                log.debug("closing %s failed", self.port_path, exc_info=True)

    def poll(self) -> None:
        port = self._port
        if port is None:
            raise DeviceUnavailable("scanner port is not open")
        now = self._clock()
        data = port.read(port.in_waiting or 1)
        codes = self._framer.feed(data, now)
        if self.config.terminator == "none":
            codes += self._framer.tick(now)
        for code in codes:
            self._emit(code)

    def _emit(self, code: str) -> None:
        try:
            self._on_scan(code)
        except Exception:  # a broken listener must not take the scanner offline
            log.exception("scan listener failed for %r", code)
