"""Typed customer display settings (one pydantic model, validated at the edge)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from drivers.detect import Candidate, Connected, serial_candidate, supports

DisplayKind = Literal["none", "window", "serial", "sim"]


class DisplayConfig(BaseModel):
    """The customer display: a second window, or a CD5220 pole display on a serial port."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: DisplayKind = "none"
    # Window: which screen (-1: the last one that is not the cashier's, when there are two).
    screen_index: int = Field(default=-1, ge=-1, le=16)
    promo_message: str = Field(default="", max_length=200)
    # Pole display (kind serial/sim); the sim prints its pty path to put here.
    port: str = ""
    baudrate: int = Field(default=9600, ge=1200, le=115200)
    # Most pole displays have an ASCII ROM only; GB18030/GBK VFDs can show Chinese.
    encoding: Literal["ascii", "gb18030", "gbk"] = "ascii"
    brightness: int = Field(default=4, ge=1, le=4)
    pole_message: str = Field(default="WELCOME", max_length=40)  # idle text on the pole
    timeout_s: float = Field(default=1.0, gt=0, le=10)

    @property
    def wants_window(self) -> bool:
        """True when the customer window is to be shown."""
        return self.kind == "window"

    @property
    def wants_pole(self) -> bool:
        """True when a serial pole display (or its simulator) is to be driven."""
        return self.kind in ("serial", "sim")


@supports("display")
def detected(device: Connected) -> Candidate | None:
    """A serial port may be a pole display."""
    return serial_candidate("display", "serial", "display", device, {"port": device.path})
