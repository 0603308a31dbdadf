"""A simulated label printer: keeps what it was sent (TSPL or ESC/POS bytes) and the
pictures of the labels, like the receipt printer's simulator."""

from __future__ import annotations

import threading

from drivers.device import DeviceUnavailable
from drivers.sim.printer_sim import SimPrinter

KEEP_LABELS = 50


class SimLabelPrinter(SimPrinter):
    """A ``Transport`` that records bytes; ``labels`` keeps the PNGs of the last labels."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[bytes] = []
        self._png_lock = threading.Lock()

    def keep_png(self, png: bytes) -> None:
        """Remember the picture of a label just printed (the last ``KEEP_LABELS``)."""
        if not self.online:
            raise DeviceUnavailable("simulated label printer is switched off")
        with self._png_lock:
            self.labels.append(png)
            del self.labels[:-KEEP_LABELS]
