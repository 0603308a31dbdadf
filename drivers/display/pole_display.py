"""The CD5220 pole display worker: screens written over pyserial on the display's thread.

Only the newest screen matters to a shopper: when the cart changes faster than 9600 baud
can follow, older queued screens are dropped. An unplugged display goes offline and, on
reconnect, is sent the last screen again.
"""

from __future__ import annotations

import itertools
import logging
import termios
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import serial

from drivers.device import DeviceStatus, DeviceWorker
from drivers.display import cd5220
from drivers.display.config import DisplayConfig
from pos_app.core.pricing import PricedCart, PricedLine
from pos_app.core.quantity import format_quantity
from pos_app.core.tenders import PaymentState

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Screen:
    seq: int
    data: bytes


class PoleDisplayWorker(DeviceWorker):
    """A CD5220-compatible 2 × 20 pole display on a serial port (or the simulator's pty)."""

    name = "pole_display"

    def __init__(
        self,
        config: DisplayConfig,
        *,
        labels: cd5220.PoleLabels = cd5220.DEFAULT_LABELS,
        on_status: Callable[[DeviceStatus], None] | None = None,
        reconnect_s: float = 2.0,
    ) -> None:
        super().__init__(on_status=on_status, reconnect_s=reconnect_s)
        self.config = config
        self.labels = labels
        self._port: serial.Serial | None = None
        self._seq = itertools.count(1)
        self._lock = threading.Lock()
        self._latest = _Screen(0, cd5220.text_screen(config.pole_message,
                                                     encoding=config.encoding))
        self._shown = -1

    # ---- for the app (any thread) -------------------------------------------------------

    def show_text(self, line1: str, line2: str = "") -> None:
        """Two lines of free text."""
        self._show(cd5220.text_screen(line1, line2, encoding=self.config.encoding))

    def show_welcome(self) -> None:
        """The idle message (``pole_message``)."""
        self.show_text(self.config.pole_message)

    def show_line(self, line: PricedLine) -> None:
        """The item just scanned: name, quantity and line amount."""
        product = line.line.product
        enc = self.config.encoding
        name = cd5220.pole_name(product.name, product.name_en, product.sku, encoding=enc)
        qty = format_quantity(line.line.qty, weighed=product.is_weighed)
        self._show(cd5220.item_screen(name, qty, line.net, encoding=enc))

    def show_sale(
        self, priced: PricedCart, payment: PaymentState, *, line_id: int | None = None
    ) -> None:
        """The right screen for the sale: paid/change, the changed line, or the total."""
        enc = self.config.encoding
        if payment.paid and payment.remaining.fen <= 0:
            self._show(cd5220.change_screen(payment.tendered, payment.change,
                                            labels=self.labels, encoding=enc))
        elif payment.paid or (line_id is None and priced.lines):
            self._show(cd5220.total_screen(payment.due, payment.paid,
                                           labels=self.labels, encoding=enc))
        elif line_id is not None and any(pl.line.line_id == line_id for pl in priced.lines):
            self.show_line(priced.line(line_id))
        else:
            self.show_welcome()

    # ---- DeviceWorker -------------------------------------------------------------------

    def _show(self, data: bytes) -> None:
        with self._lock:
            self._latest = _Screen(next(self._seq), data)
        self.submit(self._latest)

    def open(self) -> None:
        if not self.config.port:
            raise OSError("no pole display port configured")
        try:
            self._port = serial.Serial(self.config.port, baudrate=self.config.baudrate,
                                       timeout=self.config.timeout_s,
                                       write_timeout=self.config.timeout_s)
            self._port.write(cd5220.setup(self.config.brightness))
        except (serial.SerialException, termios.error, ValueError) as exc:
            self.close()
            raise OSError(str(exc)) from exc
        self._shown = -1
        self.submit(self._latest)  # what the shopper should be seeing now

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except Exception:  # a vanished device may fail to close; nothing to do
                log.debug("pole display close failed", exc_info=True)

    def handle(self, command: Any) -> None:
        if not isinstance(command, _Screen):
            log.warning("pole display ignored %r", command)
            return
        with self._lock:
            latest = self._latest
        if command.seq != latest.seq or latest.seq == self._shown:
            return  # superseded, or already on the glass
        if self._port is None:
            raise OSError("pole display not open")
        try:
            self._port.write(latest.data)
            self._port.flush()
        except (serial.SerialException, termios.error) as exc:
            raise OSError(str(exc)) from exc
        self._shown = latest.seq
