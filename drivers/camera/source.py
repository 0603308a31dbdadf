"""Where camera frames come from: the FrameSource protocol and the OpenCV implementation.

A source's ``read`` never blocks longer than its timeout: OpenCV reads run on a grabber
thread of their own, because some drivers block in ``VideoCapture.read`` for ever.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

Frame = npt.NDArray[np.uint8]  # BGR, height × width × 3


class FrameSource(Protocol):
    """A camera, real or simulated."""

    def open(self) -> None:
        """Start delivering frames; raise ``OSError`` when the camera is not there."""
        ...

    def read(self) -> Frame | None:
        """The next new frame, or None if none came within a short bounded wait.

        Raise ``OSError`` when the camera went away.
        """
        ...

    def close(self) -> None:
        """Release the camera; must not raise."""
        ...


class OpenCvSource:
    """A ``cv2.VideoCapture`` by device index or path (``/dev/video0``, file, stream URL)."""

    def __init__(self, device: int | str = 0, *, width: int = 1280, height: int = 720,
                 read_timeout_s: float = 0.5, open_timeout_s: float = 5.0) -> None:
        self.device = device
        self.width, self.height = width, height
        self._read_timeout = read_timeout_s
        self._open_timeout = open_timeout_s
        self._grabber: threading.Thread | None = None
        self._cond = threading.Condition()
        self._frame: Frame | None = None
        self._seq = 0
        self._taken = 0
        self._failed: str | None = None
        self._session: object | None = None  # a grabber of an older session stops itself

    def open(self) -> None:
        device = self.device
        if isinstance(device, str) and device.isdigit():
            device = int(device)
        params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, int(self._open_timeout * 1000),
                  cv2.CAP_PROP_READ_TIMEOUT_MSEC, int(self._read_timeout * 1000)]
        cap = cv2.VideoCapture(device, cv2.CAP_ANY, params)
        if not cap.isOpened():
            cap.release()
            raise OSError(f"camera {self.device!r} could not be opened")
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # we want the newest frame, not a backlog
        self._failed = None
        self._session = session = object()
        self._grabber = threading.Thread(target=self._grab, args=(cap, session),
                                         name="camera-grab", daemon=True)
        self._grabber.start()

    def read(self) -> Frame | None:
        with self._cond:
            self._cond.wait_for(lambda: self._seq != self._taken or self._failed is not None,
                                timeout=self._read_timeout)
            if self._failed is not None:
                raise OSError(self._failed)
            if self._seq == self._taken:
                return None
            self._taken = self._seq
            return self._frame

    def close(self) -> None:
        # The grabber releases the capture itself: releasing it under a running read()
        # crashes some backends. Wait a little so a reopen finds the device free.
        self._session = None
        grabber, self._grabber = self._grabber, None
        if grabber is not None:
            grabber.join(self._read_timeout * 2)

    def _grab(self, cap: cv2.VideoCapture, session: object) -> None:
        try:
            self._grab_until_stopped(cap, session)
        finally:
            try:
                cap.release()
            except Exception:  # a broken driver must not stop the reconnect loop
                log.exception("camera release failed")

    def _grab_until_stopped(self, cap: cv2.VideoCapture, session: object) -> None:
        while self._session is session:
            try:
                ok, frame = cap.read()
            except Exception as exc:  # cv2.error on unplug with some backends
                ok, frame = False, None
                log.warning("camera read failed: %s", exc)
            with self._cond:
                if self._session is not session:
                    return
                if not ok or frame is None:
                    self._failed = f"camera {self.device!r} stopped delivering frames"
                else:
                    self._frame = np.asarray(frame, dtype=np.uint8)
                    self._seq += 1
                self._cond.notify_all()
            if not ok:
                return
            time.sleep(0)  # let the reader take the frame before the next blocking read
