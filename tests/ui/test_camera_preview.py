"""The preview widget: shows frames, and a clear message when the camera is missing; the
frames reach it through a mailbox that never piles them up."""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from pos_app.services.devices import DeviceState, DeviceStatus
from pos_app.ui.camera_preview import CameraPreview, bgr_to_qimage
from pos_app.ui.device_bridge import FrameMailbox


def test_bgr_frame_becomes_qimage_with_right_colours() -> None:
    frame = np.zeros((4, 6, 3), dtype=np.uint8)
    frame[:, :, 2] = 255  # red in BGR
    image = bgr_to_qimage(frame)
    assert (image.width(), image.height()) == (6, 4)
    assert image.pixelColor(0, 0).red() == 255 and image.pixelColor(0, 0).blue() == 0


def test_preview_shows_frame_then_missing_camera_message(qtbot: QtBot) -> None:
    preview = CameraPreview()
    qtbot.addWidget(preview)
    preview.resize(320, 180)
    preview.show()
    preview.on_frame(np.full((180, 320, 3), 200, dtype=np.uint8))
    assert preview.showing_frame and not preview.pixmap().isNull()
    preview.on_status(DeviceStatus("camera", DeviceState.OFFLINE, "camera.missing"))
    assert not preview.showing_frame
    assert "type the code instead" in preview.text()


def test_message_comes_from_the_apps_lookup(qtbot: QtBot) -> None:
    preview = CameraPreview(message_for=lambda s: f"摄像头不可用 ({s.key})")
    qtbot.addWidget(preview)
    preview.on_status(DeviceStatus("camera", DeviceState.OFFLINE, "camera.no_frames"))
    assert preview.text() == "摄像头不可用 (camera.no_frames)"


def test_frames_from_a_busy_camera_wait_as_one_not_as_a_queue(qtbot: QtBot) -> None:
    """While the UI thread is busy (a sale's commit), only the newest frame waits for it."""
    mailbox = FrameMailbox()
    got: list[np.ndarray] = []
    mailbox.sig_frame.connect(got.append)
    frames = [np.full((180, 320, 3), i, dtype=np.uint8) for i in range(50)]

    def send_frames() -> None:
        for f in frames:
            mailbox.put(f)

    camera = threading.Thread(target=send_frames)
    camera.start()
    camera.join()  # the UI thread handled no event meanwhile
    qtbot.waitUntil(lambda: len(got) > 0, timeout=2000)
    QCoreApplication.processEvents()  # anything else still queued arrives now
    assert len(got) == 1 and got[0] is frames[-1]
    mailbox.put(frames[0])  # and the next frame is delivered again
    qtbot.waitUntil(lambda: len(got) == 2, timeout=2000)
    assert got[1] is frames[0]
