"""The device manager's Qt adapter: its reports as signals on the UI thread.

The manager (``pos_app.services.devices``) calls its listeners on the device threads; the
bridge's listener only emits private signals connected *queued* to the bridge, so every
report reaches the UI thread in the order it was made, and only there does the bridge keep
it (``states``, ``last_scan``) and emit the public ``sig_*`` signals. Camera frames are a
mailbox, not a queue: the newest frame waits for the UI thread and replaces an older one
still waiting (a queued signal per frame — 10 a second, 170 KB each — piled up megabytes
whenever the UI thread was busy with a sale).
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from pos_app.config import Settings
from pos_app.services.devices import (
    DeviceConfig,
    DeviceListener,
    DeviceManager,
    DeviceStatus,
)

_QUEUED = Qt.ConnectionType.QueuedConnection


class FrameMailbox(QObject):
    """Camera frames for the UI thread, one at a time: ``put`` (any thread) leaves a frame,
    replacing one not yet delivered; ``sig_frame`` delivers the newest on the UI thread."""

    sig_frame = Signal(object)
    _sig_waiting = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._frame: Any = None
        self._sig_waiting.connect(self._deliver, _QUEUED)

    def put(self, frame: Any) -> None:
        """On the camera's thread: leave ``frame`` (one delivery pending at most)."""
        with self._lock:
            pending = self._frame is not None
            self._frame = frame
        if not pending:
            self._sig_waiting.emit()

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            frame, self._frame = self._frame, None
        if frame is not None:
            self.sig_frame.emit(frame)


class DeviceBridge(QObject):
    """The till's devices as Qt signals (all emitted on the UI thread).

    ``sig_status(DeviceStatus)`` on every state change; ``sig_scan(code, source)`` for codes
    from the serial scanner ("serial") and the camera ("camera"); ``sig_weight(product,
    grams_or_error)`` answers ``manager.weigh``; ``sig_reading(Reading)`` every scale
    reading; ``sig_frame`` camera preview frames; ``sig_pole(line1, line2)`` what the
    simulated pole shows; ``sig_reconfigured(section)`` after ``reconfigure``.
    """

    sig_status = Signal(object)
    sig_scan = Signal(str, str)
    sig_weight = Signal(object, object)
    sig_reading = Signal(object)
    sig_frame = Signal(object)
    sig_pole = Signal(str, str)
    sig_reconfigured = Signal(str)
    # From the manager's threads, each queued to the bridge (UI thread).
    _sig_status_in = Signal(object)
    _sig_scan_in = Signal(str, str)
    _sig_weight_in = Signal(object, object)
    _sig_reading_in = Signal(object)
    _sig_pole_in = Signal(str, str)
    _sig_reconfigured_in = Signal(str)

    def __init__(self, manager: DeviceManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.manager = manager
        self.last_scan = ""
        self._frames = FrameMailbox(self)
        self._frames.sig_frame.connect(self.sig_frame)
        self._sig_status_in.connect(self._on_status, _QUEUED)
        self._sig_scan_in.connect(self._on_scan, _QUEUED)
        self._sig_weight_in.connect(self._on_weight, _QUEUED)
        self._sig_reading_in.connect(self._on_reading, _QUEUED)
        self._sig_pole_in.connect(self._on_pole, _QUEUED)
        self._sig_reconfigured_in.connect(self._on_reconfigured, _QUEUED)
        self._listener = DeviceListener(
            on_status=self._sig_status_in.emit, on_scan=self._sig_scan_in.emit,
            on_weight=self._sig_weight_in.emit, on_reading=self._sig_reading_in.emit,
            on_frame=self._frames.put, on_pole=self._sig_pole_in.emit,
            on_reconfigured=self._sig_reconfigured_in.emit)
        manager.subscribe(self._listener)
        # After subscribing: a change made meanwhile is both here and queued (harmless).
        self.states: dict[str, DeviceStatus] = manager.states()

    @property
    def settings(self) -> Settings:
        """The settings the devices run with."""
        return self.manager.settings

    # ---- the owner's calls (UI thread) ---------------------------------------------------

    def start(self) -> None:
        """Start every device (idempotent)."""
        self.manager.start()

    def stop(self) -> None:
        """Stop every device and stop listening; safe to call twice."""
        self.manager.unsubscribe(self._listener)
        self.manager.stop()

    def reconfigure(self, section: str, config: DeviceConfig) -> None:
        """Restart just that device with ``config``; the states it went through and
        ``sig_reconfigured`` are delivered before this returns."""
        self.manager.reconfigure(section, config)
        QCoreApplication.sendPostedEvents(self)

    # ---- slots (UI thread) -----------------------------------------------------------------

    @Slot(object)
    def _on_status(self, status: DeviceStatus) -> None:
        if self.states.get(status.device) != status:
            self.states[status.device] = status
            self.sig_status.emit(status)

    @Slot(str, str)
    def _on_scan(self, code: str, source: str) -> None:
        self.last_scan = code
        self.sig_scan.emit(code, source)

    @Slot(object, object)
    def _on_weight(self, product: object, result: object) -> None:
        self.sig_weight.emit(product, result)

    @Slot(object)
    def _on_reading(self, reading: object) -> None:
        self.sig_reading.emit(reading)

    @Slot(str, str)
    def _on_pole(self, line1: str, line2: str) -> None:
        self.sig_pole.emit(line1, line2)

    @Slot(str)
    def _on_reconfigured(self, section: str) -> None:
        self.sig_reconfigured.emit(section)
