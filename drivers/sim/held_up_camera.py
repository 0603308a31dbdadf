"""A simulated camera the cashier "holds a code up to" (`--sim`, in process).

The looping demo camera of ``drivers.sim.camera_sim`` would add a product every few seconds
in the cashier window; this one shows an empty counter until ``hold_up(code)`` is called
(the Devices page's "Test scan" and the tests do), then that code for a moment.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from drivers.camera.source import Frame

WIDTH, HEIGHT = 1280, 720


class HeldUpCamera:
    """A ``FrameSource``: a gray counter, or a QR code of ``code`` for ``hold_s`` seconds."""

    def __init__(self, *, fps: float = 15.0, hold_s: float = 1.5) -> None:
        self.fps = fps
        self.hold_s = hold_s
        self.present = True
        self._blank: Frame = np.full((HEIGHT, WIDTH, 3), 128, dtype=np.uint8)
        self._shown: Frame | None = None
        self._until = 0.0
        self._open = False
        self._lock = threading.Lock()

    def hold_up(self, code: str) -> None:
        """Show ``code`` as a QR code in front of the camera for a moment."""
        from drivers.sim.qr_frames import make_frame

        frame = make_frame(code, "plain", seed=0)
        with self._lock:
            self._shown, self._until = frame, time.monotonic() + self.hold_s

    def open(self) -> None:
        if not self.present:
            raise OSError("simulated camera is unplugged")
        self._open = True

    def read(self) -> Frame | None:
        if not self._open or not self.present:
            raise OSError("simulated camera was unplugged")
        time.sleep(1.0 / self.fps)
        with self._lock:
            if self._shown is not None and time.monotonic() < self._until:
                return self._shown
        return self._blank

    def close(self) -> None:
        self._open = False
