"""The camera worker on the simulated camera, on a video file, and with no camera at all."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from drivers.camera.capture import LOST, MISSING, NO_FRAMES, CameraWorker, make_camera
from drivers.camera.config import CameraConfig
from drivers.camera.decoders import ZxingDecoder
from drivers.camera.source import Frame, FrameSource, OpenCvSource
from drivers.device import DeviceState, DeviceStatus
from drivers.sim.camera_sim import CameraSim
from drivers.sim.qr_frames import make_frame
from tests.waiting import wait_until

MEMBER = "O2OM1:会员-123456"
COUPON = "O2OM1:M-20240517-883104"


def blank() -> Frame:
    return np.full((720, 1280, 3), 128, dtype=np.uint8)


class SlowDecoder:
    name = "slow"

    def __init__(self, delay: float) -> None:
        self.delay = delay

    def decode(self, gray: Frame) -> list[str]:
        time.sleep(self.delay)
        return ["CODE"]


class Recorder:
    def __init__(self) -> None:
        self.codes: list[str] = []
        self.frames: list[Frame] = []
        self.statuses: list[DeviceStatus] = []

    def kw(self) -> dict[str, Any]:
        return {"on_code": self.codes.append, "on_frame": self.frames.append,
                "on_status": self.statuses.append}


def test_sim_camera_delivers_each_code_once() -> None:
    rec = Recorder()
    frames = ([blank()] * 3 + [make_frame(MEMBER, "plain", 1)] * 4 + [blank()] * 2
              + [make_frame(COUPON, "rot15", 2)] * 4)
    sim = CameraSim(frames, fps=100)
    cam = CameraWorker(sim, decoder=ZxingDecoder(), repeat_s=60, reconnect_s=0.05, **rec.kw())
    cam.start()
    try:
        wait_until(lambda: sim.served > 3 * len(frames) and len(rec.codes) >= 2)
        assert sorted(rec.codes) == sorted([MEMBER, COUPON])
        assert cam.status.state == DeviceState.READY
        assert rec.frames and rec.frames[0].shape == (180, 320, 3)  # small preview
    finally:
        cam.stop()


def test_frames_arriving_while_decoder_is_busy_are_dropped_and_counted() -> None:
    rec = Recorder()
    cam = CameraWorker(CameraSim([blank()], fps=200), decoder=SlowDecoder(0.05),
                       repeat_s=60, preview_fps=10, **rec.kw())
    cam.start()
    try:
        wait_until(lambda: cam.decoded >= 5)
    finally:
        cam.stop()
    assert cam.dropped > cam.decoded  # ~10 frames arrive per 50 ms decode
    assert cam.frames - cam.decoded - cam.dropped in (0, 1)  # at most one in flight
    assert rec.codes == ["CODE"]
    assert len(rec.frames) < cam.frames / 5  # preview rate-limited to 10 fps


def test_missing_camera_index_reports_offline_without_hanging() -> None:
    rec = Recorder()
    start = time.monotonic()
    cam = CameraWorker(OpenCvSource(97), decoder=ZxingDecoder(), reconnect_s=0.1, **rec.kw())
    cam.start()
    wait_until(lambda: cam.status.state == DeviceState.OFFLINE)
    cam.stop()
    assert cam.status.key == MISSING
    assert time.monotonic() - start < 20  # a hanging open would block for good


def test_missing_camera_path_reports_offline(tmp_path: Path) -> None:
    config = CameraConfig(kind="opencv", device=str(tmp_path / "video9"))
    cam = make_camera(config, on_status=lambda s: None)
    assert cam is not None
    cam.start()
    try:
        wait_until(lambda: cam.status.key == MISSING)
    finally:
        cam.stop()


class CountingSource:
    """Wraps a frame source and counts its opens, so a test can wait for reconnects."""

    def __init__(self, source: FrameSource) -> None:
        self.source = source
        self.opens = 0

    def open(self) -> None:
        self.opens += 1
        self.source.open()

    def read(self) -> Frame | None:
        return self.source.read()

    def close(self) -> None:
        self.source.close()


def test_unplugged_sim_camera_comes_back_when_plugged() -> None:
    rec = Recorder()
    sim = CameraSim([make_frame(MEMBER, "plain", 3)], fps=50, present=False)
    source = CountingSource(sim)
    cam = CameraWorker(source, decoder=ZxingDecoder(), reconnect_s=0.02, **rec.kw())
    cam.start()
    try:
        wait_until(lambda: cam.status.key == MISSING)
        sim.present = True
        wait_until(lambda: rec.codes == [MEMBER])
        assert cam.status.state == DeviceState.READY
        sim.present = False  # unplugged while running
        wait_until(lambda: cam.status.key == LOST)
        lost_at = source.opens
        wait_until(lambda: source.opens >= lost_at + 3, what="three failed reconnects")
        assert cam.status.key == LOST  # failed reconnects keep saying "lost", not "missing"
    finally:
        cam.stop()
    after_lost = rec.statuses[[s.key for s in rec.statuses].index(LOST):]
    assert {s.key for s in after_lost} == {LOST}


class DeadSource:
    """Opens fine, never sends a frame (a camera in use by another program, some drivers)."""

    def open(self) -> None: ...

    def read(self) -> Frame | None:
        time.sleep(0.01)  # ok: a camera's read blocks about a frame's time, then has nothing
        return None

    def close(self) -> None: ...


def test_camera_that_sends_no_frames_is_offline_not_ready() -> None:
    rec = Recorder()
    source = CountingSource(DeadSource())
    cam = CameraWorker(source, decoder=ZxingDecoder(), no_frame_s=0.2,
                       reconnect_s=0.05, **rec.kw())
    cam.start()
    try:
        wait_until(lambda: cam.status.key == NO_FRAMES)
        # Reconnect attempts (each opens fine, then sends nothing) never flip it to "ready".
        wait_until(lambda: source.opens >= 3, what="two reconnect attempts")
    finally:
        cam.stop()
    assert DeviceState.READY not in [s.state for s in rec.statuses]
    assert rec.statuses[-1].key == NO_FRAMES


def test_decoder_failure_is_an_error_state_and_capture_goes_on() -> None:
    class Broken:
        name = "broken"

        def decode(self, gray: Frame) -> list[str]:
            raise RuntimeError("decoder bug")

    rec = Recorder()
    cam = CameraWorker(CameraSim([blank()], fps=50), decoder=Broken(), **rec.kw())
    cam.start()
    try:
        wait_until(lambda: cam.status.key == "camera.decoder_failed")
        n = len(rec.frames)
        wait_until(lambda: len(rec.frames) > n)
    finally:
        cam.stop()


def test_opencv_source_reads_a_video_file(tmp_path: Path) -> None:
    path = tmp_path / "counter.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10, (1280, 720))
    for frame in [blank()] * 3 + [make_frame(MEMBER, "plain", 4)] * 5:
        writer.write(frame)
    writer.release()
    codes: list[str] = []
    got = threading.Event()

    def on_code(text: str) -> None:
        codes.append(text)
        got.set()

    cam = CameraWorker(OpenCvSource(str(path)), decoder=ZxingDecoder(), reconnect_s=0.05,
                       on_code=on_code)
    cam.start()
    try:
        assert got.wait(5)
        assert codes == [MEMBER]
    finally:
        cam.stop()
