"""Cash drawer kick: ``ESC p m t1 t2`` through the printer's drawer port."""

from __future__ import annotations

from typing import Literal

ESC_P = b"\x1bp"
PIN_SELECT = {2: 0, 5: 1}  # m = 0 drives connector pin 2, m = 1 pin 5


def kick_bytes(pin: Literal[2, 5] = 2, pulse_ms: int = 100) -> bytes:
    """The kick pulse for ``pin``: on for ``pulse_ms`` (2 ms steps), off as long again."""
    if pin not in PIN_SELECT:
        raise ValueError(f"drawer pin must be 2 or 5, got {pin!r}")
    steps = min(max(pulse_ms // 2, 1), 255)
    return ESC_P + bytes((PIN_SELECT[pin], steps, steps))
