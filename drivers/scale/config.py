"""Typed scale settings (one pydantic model, validated at the edge)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from drivers.detect import Candidate, Connected, serial_candidate, supports

ScaleKind = Literal["none", "serial", "sim"]


class ScaleConfig(BaseModel):
    """How to reach the serial scale; defaults are the Toledo 8217 ones (9600 7E1)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ScaleKind = "none"
    port: str = ""  # /dev/ttyUSB0, COM3, or the path `pos-sim scale` prints
    baudrate: int = Field(default=9600, ge=1200, le=115200)
    bytesize: Literal[7, 8] = 7
    parity: Literal["N", "E", "O"] = "E"
    stopbits: Literal[1, 2] = 1
    timeout_s: float = Field(default=0.5, gt=0, le=10)  # one reply
    protocol: Literal["toledo8217"] = "toledo8217"
    # What undotted weight digits mean; a dotted reply is always read in this unit too.
    unit: Literal["kg", "g"] = "kg"
    stable_timeout_s: float = Field(default=3.0, gt=0, le=30)  # wait for a still reading
    retry_s: float = Field(default=0.15, gt=0, le=2)  # between requests while moving
    heartbeat_s: float = Field(default=2.0, ge=0, le=60)  # idle status query, 0 = none

    @property
    def enabled(self) -> bool:
        """False when no scale is configured."""
        return self.kind != "none"


@supports("scale")
def detected(device: Connected) -> Candidate | None:
    """A serial port may be a scale (most hang on a USB-serial adapter)."""
    return serial_candidate("scale", "serial", "scale", device, {"port": device.path})
