"""Typed scanner settings (one field of the app's Settings)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from drivers.detect import Candidate, Connected, serial_candidate, supports
from drivers.scanner.wedge import WedgeSettings

Terminator = Literal["cr", "lf", "crlf", "none"]


class ScannerConfig(BaseModel):
    """Which scanner the till uses and how it is programmed.

    ``wedge``: a USB/PS2 scanner typing like a keyboard (set it to a US keyboard layout).
    ``serial``: a serial or USB-CDC scanner, found by ``path`` or, stable across replug, by
    USB ``vid``/``pid``/``serial_number``. ``sim``: the simulated serial scanner. Wedge
    bursts are captured with every kind but ``none`` (the ``wedge_*`` fields always apply).
    """

    kind: Literal["none", "wedge", "serial", "sim"] = "wedge"
    # keyboard wedge
    wedge_max_gap_ms: int = Field(default=50, ge=5, le=500)
    wedge_min_length: int = Field(default=4, ge=1, le=64)
    wedge_prefix: str = Field(default="", max_length=8)
    wedge_suffix: Literal["enter", "tab", "none"] = "enter"
    wedge_suffix_required: bool = True
    # serial / USB-CDC
    path: str = ""  # /dev/ttyACM0, /dev/serial/by-id/..., COM3
    vid: int | None = Field(default=None, ge=0, le=0xFFFF)
    pid: int | None = Field(default=None, ge=0, le=0xFFFF)
    serial_number: str = ""
    baud: int = Field(default=9600, ge=300, le=921_600)
    terminator: Terminator = "cr"
    # With terminator "none" (or a missing one), a code ends after this much silence.
    idle_timeout_ms: int = Field(default=100, ge=10, le=2000)
    reconnect_s: float = Field(default=2.0, gt=0.0, le=60.0)

    def wedge_settings(self) -> WedgeSettings:
        """The detector's settings from this config."""
        return WedgeSettings(
            max_gap_s=self.wedge_max_gap_ms / 1000,
            min_length=self.wedge_min_length,
            prefix=self.wedge_prefix,
            suffix=self.wedge_suffix,
            suffix_required=self.wedge_suffix_required,
        )


@supports("scanner")
def detected(device: Connected) -> Candidate | None:
    """A serial port may be a scanner; a USB one is found again by its ids after a replug."""
    if device.vid is not None and device.pid is not None:
        found: dict[str, object] = {"path": "", "vid": device.vid, "pid": device.pid,
                                    "serial_number": device.serial_number}
    else:
        found = {"path": device.path}
    return serial_candidate("scanner", "serial", "scanner", device, found)
