"""One worker thread per device: a command queue, a reconnect loop, and status reports.

Device logic subclasses ``DeviceWorker`` and implements ``open``/``close`` (and ``poll`` for
input devices, ``handle`` for commands). The worker never raises into the app: an unplugged
device is a state (``offline``) reported through ``on_status``, and it keeps trying to
reconnect. No Qt here; the UI's bridge turns the callbacks into signals.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

log = logging.getLogger(__name__)


class DeviceState(StrEnum):
    """What the status bar shows for a device."""

    DISABLED = "disabled"  # not configured
    CONNECTING = "connecting"
    READY = "ready"
    OFFLINE = "offline"  # unplugged, switched off, unreachable: retried
    ERROR = "error"  # connected but reporting a fault (e.g. out of paper)
    UNKNOWN = "unknown"  # connected, but a status query got no answer


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """A device's state plus a message key (and data) that says why, for the UI to translate."""

    device: str
    state: DeviceState
    key: str = ""
    data: dict[str, object] = field(default_factory=dict)


class DeviceUnavailable(OSError):
    """The device cannot be reached now; the worker goes offline and retries."""


_STOP = object()


class DeviceWorker:
    """Runs one device on its own daemon thread.

    ``reconnect_s`` is the wait between connection attempts; ``poll_s`` how often ``poll``
    runs while idle (input devices read there). Callbacks run on the worker thread.
    """

    name = "device"

    def __init__(
        self,
        *,
        on_status: Callable[[DeviceStatus], None] | None = None,
        reconnect_s: float = 2.0,
        poll_s: float = 0.05,
    ) -> None:
        self._on_status = on_status or (lambda _s: None)
        self._reconnect_s = reconnect_s
        self._poll_s = poll_s
        self._commands: queue.Queue[Any] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._connected = False
        self._stopping = threading.Event()
        self.status = DeviceStatus(self.name, DeviceState.CONNECTING)

    # ---- for subclasses -----------------------------------------------------------------

    def open(self) -> None:
        """Connect to the device; raise ``OSError`` (or a subclass) when it is not there."""

    def close(self) -> None:
        """Release the device; must not raise."""

    def poll(self) -> None:
        """Called while idle and connected: read input, check status. Raise OSError on loss."""

    def handle(self, command: Any) -> None:
        """Carry out one command. Raise OSError when the device went away."""

    def on_lost(self, command: Any | None) -> None:
        """The device went away while handling ``command`` (None: while polling)."""

    # ---- for the app --------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=f"dev-{self.name}",
                                            daemon=True)
            self._thread.start()

    def submit(self, command: Any) -> None:
        """Queue a command; it runs on the device's thread in submission order."""
        self._commands.put(command)

    def stop(self, timeout: float = 3.0) -> None:
        """Stop the thread and release the device."""
        self._stopping.set()
        self._commands.put(_STOP)
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def connected(self) -> bool:
        """True while the device is open."""
        return self._connected

    def report(self, state: DeviceState, key: str = "", **data: object) -> None:
        """Publish a new status (only when it changed)."""
        status = DeviceStatus(self.name, state, key, data)
        if status != self.status:
            self.status = status
            try:
                self._on_status(status)
            except Exception:  # a broken listener must not kill the device thread
                log.exception("status listener failed for %s", self.name)

    # ---- the loop -----------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stopping.is_set():
            if not self._connected and not self._try_open():
                self._wait(self._reconnect_s)
                continue
            try:
                command = self._commands.get(timeout=self._poll_s)
            except queue.Empty:
                self._guard(None)
                continue
            if command is _STOP:
                break
            self._guard(command)
        self._drop()

    def _try_open(self) -> bool:
        try:
            self.open()
        except OSError as exc:
            log.info("%s not available: %s", self.name, exc)
            self.report(DeviceState.OFFLINE, "device.offline", reason=str(exc))
            return False
        self._connected = True
        self.report(DeviceState.READY)
        return True

    def _guard(self, command: Any | None) -> None:
        try:
            if command is None:
                self.poll()
            else:
                self.handle(command)
                if self.status.key == "device.failed":
                    self.report(DeviceState.READY)
        except OSError as exc:
            log.warning("%s lost: %s", self.name, exc)
            self._drop()
            self.report(DeviceState.OFFLINE, "device.offline", reason=str(exc))
            self.on_lost(command)
        except Exception:
            # A bug in device code: log it, report it, keep the thread alive.
            log.exception("%s failed on %r", self.name, command)
            self.report(DeviceState.ERROR, "device.failed")

    def _drop(self) -> None:
        if self._connected:
            self._connected = False
            try:
                self.close()
            except Exception:
                log.exception("%s close failed", self.name)

    def _wait(self, seconds: float) -> None:
        # Queued commands wait in the queue until the device is back; stop() wakes us early.
        self._stopping.wait(seconds)
