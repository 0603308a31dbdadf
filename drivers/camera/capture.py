"""The camera worker: capture on the device thread, QR decoding on a decode thread.

The decode thread takes the newest frame only; frames that arrive while it is busy are
dropped (and counted), so a slow decoder never builds a backlog or delays the preview.
A camera that is missing or stops sending frames is a status (offline), never an exception.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np

from drivers.camera.config import CameraConfig
from drivers.camera.decoders import Gray, QrDecoder, make_decoder
from drivers.camera.dedupe import RepeatFilter
from drivers.camera.source import Frame, FrameSource, OpenCvSource
from drivers.device import DeviceState, DeviceStatus, DeviceWorker

log = logging.getLogger(__name__)

# Status keys (the UI translates them).
MISSING = "camera.missing"  # cannot be opened: unplugged, wrong index/path, in use
NO_FRAMES = "camera.no_frames"  # opened, but no frame arrived in time
LOST = "camera.lost"  # was delivering frames, then stopped or vanished
DECODER_FAILED = "camera.decoder_failed"  # the QR decoder raised; frames still shown

PREVIEW_WIDTH = 320


class DecodeLoop:
    """A thread that decodes the latest submitted frame; busy means the frame is dropped."""

    def __init__(self, decoder: QrDecoder, on_texts: Callable[[list[str]], None],
                 on_error: Callable[[Exception | None], None]) -> None:
        self._decoder = decoder
        self._on_texts = on_texts
        self._on_error = on_error
        self._cond = threading.Condition()
        self._pending: Frame | None = None
        self._busy = False
        self._stopping = False
        self.decoded = 0
        self.dropped = 0
        self._thread = threading.Thread(target=self._run, name="camera-decode", daemon=True)
        self._thread.start()

    def submit(self, frame: Frame) -> bool:
        """Hand over a frame; False (and counted as dropped) if the decoder is busy."""
        with self._cond:
            if self._busy or self._pending is not None:
                self.dropped += 1
                return False
            self._pending = frame
            self._cond.notify()
            return True

    def stop(self, timeout: float = 2.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._stopping)
                if self._stopping:
                    return
                frame, self._pending, self._busy = self._pending, None, True
            try:
                assert frame is not None
                gray = to_gray(frame)
                texts = self._decoder.decode(gray)
                self.decoded += 1
                self._on_error(None)
                if texts:
                    self._on_texts(texts)
            except Exception as exc:  # a decoder bug must not kill the thread
                log.exception("QR decoding failed")
                self._on_error(exc)
            finally:
                with self._cond:
                    self._busy = False


class CameraWorker(DeviceWorker):
    """Captures from ``source`` and reports each new QR code once through ``on_code``.

    Callbacks: ``on_code(text)`` on the decode thread; ``on_frame(preview)`` (BGR, 320 px
    wide, at most ``preview_fps``) and ``on_status`` on the device thread.
    """

    name = "camera"

    def __init__(self, source: FrameSource, *, decoder: QrDecoder | None = None,
                 on_code: Callable[[str], None] | None = None,
                 on_frame: Callable[[Frame], None] | None = None,
                 on_status: Callable[[DeviceStatus], None] | None = None,
                 repeat_s: float = 3.0, preview_fps: float = 10.0, no_frame_s: float = 3.0,
                 reconnect_s: float = 2.0, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        super().__init__(on_status=on_status, reconnect_s=reconnect_s, poll_s=0.001)
        self.source = source
        self._decoder = decoder or make_decoder("auto")
        self._on_code = on_code or (lambda _c: None)
        self._on_frame = on_frame
        self._repeats = RepeatFilter(repeat_s, clock)
        self._preview_every = 1.0 / preview_fps
        self._no_frame_s = no_frame_s
        self._clock = clock
        self._loop: DecodeLoop | None = None
        self._opened_at = 0.0
        self._last_frame_at: float | None = None
        self._last_preview_at = -1e9
        self._offline_key = MISSING
        self.frames = 0

    # ---- counters -------------------------------------------------------------------------

    @property
    def dropped(self) -> int:
        """Frames skipped because the decoder was busy."""
        return self._loop.dropped if self._loop else 0

    @property
    def decoded(self) -> int:
        """Frames the decoder looked at."""
        return self._loop.decoded if self._loop else 0

    # ---- DeviceWorker -----------------------------------------------------------------------

    def open(self) -> None:
        if self._offline_key != LOST:  # once it worked, a failed reopen is still "lost"
            self._offline_key = MISSING
        self.source.open()
        self._opened_at = self._clock()
        self._last_frame_at = None
        if self._loop is None:
            self._loop = DecodeLoop(self._decoder, self._codes_found, self._decoder_error)

    def close(self) -> None:
        self.source.close()

    def poll(self) -> None:
        frame = self.source.read()  # bounded wait; raises OSError when the camera vanished
        now = self._clock()
        if frame is None:
            since = self._last_frame_at if self._last_frame_at is not None else self._opened_at
            if now - since > self._no_frame_s:
                self._offline_key = LOST if self._last_frame_at is not None else NO_FRAMES
                raise OSError(f"no frame from the camera for {now - since:.1f} s")
            return
        first = self._last_frame_at is None
        self._last_frame_at = now
        if first:
            self.report(DeviceState.READY)
        self._offline_key = LOST
        self.frames += 1
        assert self._loop is not None
        self._loop.submit(frame)
        if self._on_frame is not None and now - self._last_preview_at >= self._preview_every:
            self._last_preview_at = now
            self._on_frame(preview_of(frame))

    def stop(self, timeout: float = 3.0) -> None:
        super().stop(timeout)
        if self._loop is not None:
            self._loop.stop()

    def report(self, state: DeviceState, key: str = "", **data: object) -> None:
        # The base class reports every OSError as "device.offline"; say which camera problem.
        if key == "device.offline":
            key = self._offline_key
        # Opened is not ready: ready means frames arrive. Keep "offline" until they do.
        if state == DeviceState.READY and self._last_frame_at is None:
            if self.status.state == DeviceState.OFFLINE:
                return
            state = DeviceState.CONNECTING
        super().report(state, key, **data)

    # ---- decode thread ------------------------------------------------------------------------

    def _codes_found(self, texts: list[str]) -> None:
        for text in texts:
            if self._repeats.accept(text):
                try:
                    self._on_code(text)
                except Exception:  # a broken listener must not stop decoding
                    log.exception("camera code listener failed")

    def _decoder_error(self, exc: Exception | None) -> None:
        if exc is not None:
            self.report(DeviceState.ERROR, DECODER_FAILED, reason=str(exc))
        elif self.status.key == DECODER_FAILED:
            self.report(DeviceState.READY)


def to_gray(frame: Frame) -> Gray:
    """The frame as 8-bit gray (what the decoders read)."""
    if frame.ndim == 2:
        return frame
    return np.asarray(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY), dtype=np.uint8)


def preview_of(frame: Frame, width: int = PREVIEW_WIDTH) -> Frame:
    """A small copy of ``frame`` for the preview widget (keeps the aspect ratio)."""
    height, src_width = frame.shape[:2]
    if src_width <= width:
        return frame.copy()
    size = (width, max(1, round(height * width / src_width)))
    return np.asarray(cv2.resize(frame, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)


def make_camera(config: CameraConfig, **callbacks: Any) -> CameraWorker | None:
    """The camera worker for ``config`` (None when kind is "none"); call ``start()`` on it."""
    source: FrameSource
    if config.kind == "none":
        return None
    if config.kind == "sim":
        from drivers.sim.camera_sim import CameraSim

        source = CameraSim(config.sim_images)
    else:
        source = OpenCvSource(config.device, width=config.width, height=config.height)
    try:
        decoder = make_decoder(config.decoder)
    except (ImportError, OSError):  # e.g. libzbar missing on this PC: use the other backend
        log.exception("QR decoder %s unavailable", config.decoder_name)
        decoder = make_decoder("zbar" if config.decoder_name == "zxing" else "zxing")
    return CameraWorker(source, decoder=decoder, repeat_s=config.repeat_s,
                        preview_fps=config.preview_fps, **callbacks)
