"""A simulated Toledo 8217-style scale on a pseudo-terminal.

The app opens ``sim.path`` like any serial port. ``link`` gives a stable path (a symlink to
the current ``/dev/pts/N``) so ``unplug()`` / ``replug()`` behave like pulling the cable and
putting it back. Standalone: ``python -m drivers.sim scale --weight 350``.
"""

from __future__ import annotations

import os
import select
import threading
from pathlib import Path

from drivers.scale.toledo import Unit, encode_status_reply, encode_weight_reply
from drivers.sim.pty_device import PtyDevice


class ScaleSim(PtyDevice):
    """Weight, motion, tare and zero as a real scale would report them."""

    thread_name = "scale-sim"

    def __init__(
        self, *, grams: int = 0, unit: Unit = "kg", capacity_g: int = 15_000,
        link: Path | None = None,
    ) -> None:
        super().__init__(link=link)
        self.unit: Unit = unit
        self.capacity_g = capacity_g
        self.requests: list[bytes] = []  # every request byte received, for tests
        self._lock = threading.Lock()
        self._gross = grams
        self._tare = 0
        self._zero_offset = 0
        self._moving_reads = 0
        self._fault = False
        self._silent = False
        self._override: list[bytes] = []

    # ---- state, settable from tests and the command line --------------------------------

    def set_weight(self, grams: int, *, moving_reads: int = 0) -> None:
        """Put ``grams`` (gross) on the platter; the next ``moving_reads`` replies say motion."""
        with self._lock:
            self._gross = grams
            self._moving_reads = moving_reads

    def set_fault(self, fault: bool = True) -> None:
        """Report an internal scale error (e.g. calibration) from now on."""
        with self._lock:
            self._fault = fault

    def set_silent(self, silent: bool = True) -> None:
        """Stop answering (a cable with no scale at the end)."""
        with self._lock:
            self._silent = silent

    def send_raw_next(self, data: bytes, times: int = 1) -> None:
        """Answer the next ``times`` requests with ``data`` verbatim (garbled replies)."""
        with self._lock:
            self._override.extend([data] * times)

    @property
    def tare_g(self) -> int:
        """The tare weight the scale holds."""
        with self._lock:
            return self._tare

    close = PtyDevice.unplug

    # ---- the protocol -------------------------------------------------------------------

    def _serve(self) -> None:
        master = self._master
        while not self._stop.is_set():
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(master, 64)
            except OSError:
                return
            for byte in data:
                reply = self.reply_to(bytes([byte & 0x7F]))
                if reply:
                    try:
                        os.write(master, reply)
                    except OSError:
                        return

    def reply_to(self, request: bytes) -> bytes:
        """The reply to one request byte (b"" for CR/LF and when silent)."""
        if request in (b"\r", b"\n"):
            return b""
        with self._lock:
            self.requests.append(request)
            if self._silent:
                return b""
            if self._override:
                return self._override.pop(0)
            return self._answer(request)

    def _answer(self, request: bytes) -> bytes:
        gross = self._gross - self._zero_offset
        net = gross - self._tare
        moving = self._moving_reads > 0
        if request in (b"W", b"T", b"Z") and moving:
            self._moving_reads -= 1
        if request == b"T" and not moving:
            self._tare = gross
            net = 0
        elif request == b"Z" and not moving:
            self._zero_offset, self._tare = self._gross, 0
            net = 0
        if self._fault:
            return encode_status_reply(fault=True)
        if gross > self.capacity_g:
            return encode_status_reply(overload=True)
        if request == b"W" and not moving and net > 0:
            return encode_weight_reply(net, unit=self.unit)
        if request not in (b"W", b"S", b"T", b"Z"):
            return b""  # unknown commands are ignored, as by most scales
        return encode_status_reply(motion=moving, at_zero=net == 0, under_zero=net < 0)
