"""The camera's live preview: the latest frame (``DeviceBridge.sig_frame``), or a message
when the camera is missing or failing."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from pos_app.services.devices import DeviceState, DeviceStatus

UNAVAILABLE = "Camera not available — type the code instead."
_FAILING = (DeviceState.OFFLINE, DeviceState.ERROR, DeviceState.DISABLED)


def bgr_to_qimage(frame: np.ndarray) -> QImage:
    """A deep-copied QImage of a BGR (or gray) uint8 frame."""
    frame = np.ascontiguousarray(frame)
    height, width = frame.shape[:2]
    fmt = QImage.Format.Format_Grayscale8 if frame.ndim == 2 else QImage.Format.Format_BGR888
    image = QImage(frame.data, width, height, frame.strides[0], fmt)
    return image.copy()  # the numpy buffer may be reused by the camera thread


class CameraPreview(QLabel):
    """The latest camera frame, scaled to fit; a clear message when there is no camera.

    ``message_for(status)`` gives the text for a failing status (the app passes its
    translated message lookup); by default a generic translated "not available" text.
    """

    def __init__(self, parent: QWidget | None = None,
                 message_for: Callable[[DeviceStatus], str] | None = None) -> None:
        super().__init__(parent)
        self._message_for = message_for or (
            lambda _s: QCoreApplication.translate("camera", UNAVAILABLE))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumSize(160, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setStyleSheet("background: #202020; color: #f0f0f0; font-size: 14pt;")
        self.showing_frame = False

    def on_frame(self, frame: np.ndarray) -> None:
        """Show ``frame`` (numpy BGR), scaled to the label keeping its aspect ratio."""
        pixmap = QPixmap.fromImage(bgr_to_qimage(frame))
        self.setPixmap(pixmap.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation))
        self.showing_frame = True

    def on_status(self, status: DeviceStatus) -> None:
        """Replace the picture by a message while the camera is missing or failing."""
        if status.state in _FAILING:
            self.show_message(self._message_for(status))

    def show_message(self, text: str) -> None:
        self.clear()
        self.setText(text)
        self.showing_frame = False
