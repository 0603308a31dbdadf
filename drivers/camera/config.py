"""Typed camera settings (one field of the app's Settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from drivers.detect import Candidate, Connected, supports


class CameraConfig(BaseModel):
    """Which camera to use and how to decode what it sees."""

    kind: Literal["none", "opencv", "sim"] = "none"
    # A device index (0 = first camera) or a path (/dev/video2, a video file, a stream URL).
    device: int | str = 0
    width: int = Field(default=1280, ge=160, le=4096)
    height: int = Field(default=720, ge=120, le=2160)
    decoder: Literal["auto", "zxing", "zbar"] = "auto"
    repeat_s: float = Field(default=3.0, ge=0.0, le=60.0)
    preview_fps: float = Field(default=10.0, gt=0.0, le=60.0)
    sim_images: Path | None = None  # folder of images served by the simulated camera

    @property
    def decoder_name(self) -> str:
        """The backend actually used: "auto" resolves to the benchmarked default."""
        # Imported here: the settings load at start-up, numpy (the decoders') need not.
        from drivers.camera.decoders import DEFAULT_DECODER

        return DEFAULT_DECODER if self.decoder == "auto" else self.decoder


@supports("camera")
def detected(device: Connected) -> Candidate | None:
    """A video capture device is a camera."""
    if device.interface != "video":
        return None
    return Candidate("camera", "opencv", device, {"device": device.path}, likely=True)
