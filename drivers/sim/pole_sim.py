"""A simulated CD5220 pole display on a pseudo-terminal: records bytes, shows two lines.

Standalone: ``python -m drivers.sim pole`` prints the path and echoes each new screen.
"""

from __future__ import annotations

import os
import select
import threading
from collections.abc import Callable
from pathlib import Path

from drivers.sim.pty_device import PtyDevice

_ESC = 0x1B
KEEP_BYTES = 64 * 1024
_FIXED_ARGS = {ord("l"): 2, ord("*"): 1, ord("_"): 1, ord("="): 1, ord("f"): 1, ord("c"): 1}


class PoleSim(PtyDevice):
    """Keeps the last ``keep_bytes`` it was sent (``received``; a till sends a few hundred
    bytes a sale, for hours) and the two lines it would show."""

    thread_name = "pole-sim"

    def __init__(
        self, *, encoding: str = "ascii", link: Path | None = None,
        on_screen: Callable[[tuple[str, str]], None] | None = None,
        keep_bytes: int = KEEP_BYTES,
    ) -> None:
        super().__init__(link=link)
        self.encoding = encoding
        self.keep_bytes = keep_bytes
        self.received = bytearray()
        self._on_screen = on_screen or (lambda _s: None)
        self._lines = [b"", b""]
        self._pending = bytearray()
        self._lock = threading.Lock()

    @property
    def lines(self) -> tuple[str, str]:
        """The upper and lower line as the display shows them now."""
        with self._lock:
            return (self._lines[0].decode(self.encoding, "replace"),
                    self._lines[1].decode(self.encoding, "replace"))

    close = PtyDevice.unplug

    def _serve(self) -> None:
        master = self._master
        while not self._stop.is_set():
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(master, 1024)
            except OSError:
                return
            self.feed(data)

    def feed(self, data: bytes) -> None:
        """Interpret bytes as the display would (also usable without a pty)."""
        changed = False
        with self._lock:
            self.received += data
            if (excess := len(self.received) - self.keep_bytes) > 0:
                del self.received[:excess]  # cheap: no copy of the rest
            self._pending += data
            changed = self._interpret()
        if changed:
            self._on_screen(self.lines)

    def _interpret(self) -> bool:
        buf, changed, i = self._pending, False, 0
        while i < len(buf):
            b = buf[i]
            if b == 0x0C:  # CLR
                self._lines = [b"", b""]
                changed, i = True, i + 1
            elif b == _ESC:
                if i + 1 >= len(buf):
                    break
                op = buf[i + 1]
                if op == ord("Q"):
                    end = buf.find(b"\r", i + 3)
                    if i + 2 >= len(buf) or end < 0:
                        break
                    row = {ord("A"): 0, ord("B"): 1}.get(buf[i + 2])
                    if row is not None:
                        self._lines[row] = bytes(buf[i + 3 : end]).rstrip(b" ")
                        changed = True
                    i = end + 1
                elif op in _FIXED_ARGS:
                    if i + 2 + _FIXED_ARGS[op] > len(buf):
                        break
                    i += 2 + _FIXED_ARGS[op]
                else:
                    i += 2  # ESC @, ESC DC1..DC3 and others without arguments
            else:
                i += 1  # cursor moves and stray text: not needed for the sale screens
        del buf[:i]
        return changed
