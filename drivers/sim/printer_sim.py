"""A simulated receipt printer: records the ESC/POS bytes it gets, answers status queries.

Switch it off (``online = False``), out of paper (``paper = "out"``) or mute
(``answers_status = False``) to test how the app copes. ``sink`` also appends the bytes to
a file (``pos-sim`` renders those).

In memory it keeps only the last ``keep_bytes`` it received (``output()``): ``make run``
prints every sale on it for hours, and a simulator that keeps every receipt is a leak in
the till it runs in. ``total_bytes`` and ``writes`` count everything.
"""

from __future__ import annotations

import threading
from pathlib import Path

from drivers.device import DeviceUnavailable

DLE_EOT = b"\x10\x04"
KEEP_BYTES = 256 * 1024  # dozens of receipts: more than any test or preview looks back


class SimPrinter:
    """Implements ``drivers.printer.transports.Transport``."""

    def __init__(self, sink: Path | None = None, *, keep_bytes: int = KEEP_BYTES) -> None:
        self.sink = sink
        self.keep_bytes = keep_bytes
        self.online = True
        self.paper = "ok"  # "ok" | "low" | "out"
        self.answers_status = True
        self.received = bytearray()
        self.writes = 0
        self.total_bytes = 0
        self._lock = threading.Lock()

    def open(self) -> None:
        if not self.online:
            raise DeviceUnavailable("simulated printer is switched off")

    def close(self) -> None:
        pass

    def write(self, data: bytes) -> None:
        if not self.online:
            raise DeviceUnavailable("simulated printer is switched off")
        with self._lock:
            self.received += data
            # Deleting from the front of a bytearray is cheap (no copy of the rest).
            if (excess := len(self.received) - self.keep_bytes) > 0:
                del self.received[:excess]
            self.writes += 1
            self.total_bytes += len(data)
            if self.sink is not None:
                with self.sink.open("ab") as f:
                    f.write(data)

    def query(self, request: bytes) -> bytes | None:
        if not self.online or not self.answers_status or not request.startswith(DLE_EOT):
            return None
        if request[2:3] == b"\x04":  # roll paper sensor
            bits = 0x12 | (0x0C if self.paper in ("low", "out") else 0)
            return bytes((bits | (0x60 if self.paper == "out" else 0),))
        if request[2:3] == b"\x01":  # printer status: online
            return b"\x16"
        return None

    def output(self) -> bytes:
        """The last ``keep_bytes`` received (everything, until that many arrived)."""
        with self._lock:
            return bytes(self.received)
