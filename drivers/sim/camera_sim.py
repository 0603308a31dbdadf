"""A simulated camera: serves frames from image files (or generated QR frames), looping.

Implements ``drivers.camera.source.FrameSource``, so ``CameraWorker`` runs on it unchanged.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np

from drivers.camera.source import Frame

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp")


def image_paths(folder: Path) -> list[Path]:
    """The images in ``folder``, sorted by name (the order they are shown)."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)


def demo_frames() -> list[Frame]:
    """Frames for `make run`: an empty counter, then each demo QR code for a while."""
    from drivers.sim.qr_frames import PAYLOADS, make_frame

    blank = np.full((720, 1280, 3), 128, dtype=np.uint8)
    frames: list[Frame] = []
    for i, payload in enumerate(PAYLOADS[:2]):
        frames += [blank] * 20 + [make_frame(payload, "plain", seed=i)] * 20
    return frames


class CameraSim:
    """Serves ``images`` (a folder, paths, or frames) at ``fps``, looping when ``loop``.

    ``present=False`` simulates an unplugged camera (``open`` raises); set it back to plug
    it in. ``fps=0`` serves frames as fast as they are read.
    """

    def __init__(self, images: Path | Sequence[Path] | Sequence[Frame] | None = None, *,
                 fps: float = 15.0, loop: bool = True, present: bool = True) -> None:
        self._images = images
        self.fps = fps
        self.loop = loop
        self.present = present
        self.served = 0
        self._frames: list[Frame] = []
        self._index = 0
        self._next_at = 0.0
        self._open = False
        self._lock = threading.Lock()

    def open(self) -> None:
        if not self.present:
            raise OSError("simulated camera is unplugged")
        frames = self._load()
        if not frames:
            raise OSError(f"simulated camera has no images: {self._images}")
        with self._lock:
            self._frames, self._index, self._open = frames, 0, True
            self._next_at = time.monotonic()

    def read(self) -> Frame | None:
        with self._lock:
            if not self._open or not self.present:
                raise OSError("simulated camera was unplugged")
            if self._index >= len(self._frames):
                if not self.loop:
                    time.sleep(0.01)  # a camera that stopped sending: nothing new
                    return None
                self._index = 0
            frame = self._frames[self._index]
            self._index += 1
            wait = self._next_at - time.monotonic()
            self._next_at = max(self._next_at, time.monotonic()) + (
                1.0 / self.fps if self.fps > 0 else 0.0)
        if wait > 0:
            time.sleep(min(wait, 0.5))
        self.served += 1
        return frame

    def close(self) -> None:
        with self._lock:
            self._open = False

    def _load(self) -> list[Frame]:
        source = self._images
        if source is None:
            return demo_frames()
        if isinstance(source, Path):
            source = image_paths(source) if source.is_dir() else [source]
        frames: list[Frame] = []
        for item in source:
            if isinstance(item, np.ndarray):
                frames.append(item)
                continue
            image = cv2.imread(str(item), cv2.IMREAD_COLOR)
            if image is not None:  # an unreadable file is skipped, like a bad frame
                frames.append(np.asarray(image, dtype=np.uint8))
        return frames
