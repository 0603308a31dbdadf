"""The serial scale worker: weight requests, tare and zero on the scale's own thread.

Every request returns a ``concurrent.futures.Future`` that resolves to a ``Reading`` or a
``ScaleError`` (never raises into the app). A moving weight is asked for again until it is
still or the request's deadline passes. Unplugging is a state: the worker goes offline,
answers pending requests with ``scale.offline`` and reconnects by itself.
"""

from __future__ import annotations

import logging
import termios
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import serial

from drivers.device import DeviceState, DeviceStatus, DeviceWorker
from drivers.scale.config import ScaleConfig
from drivers.scale.toledo import (
    Command,
    ParseError,
    Reading,
    ScaleStatus,
    encode_request,
    parse_reply,
    split_frames,
)

log = logging.getLogger(__name__)

_PARITY = {"N": serial.PARITY_NONE, "E": serial.PARITY_EVEN, "O": serial.PARITY_ODD}
_BYTESIZE = {7: serial.SEVENBITS, 8: serial.EIGHTBITS}
_STOPBITS = {1: serial.STOPBITS_ONE, 2: serial.STOPBITS_TWO}


@dataclass(frozen=True, slots=True)
class ScaleError:
    """Why a request got no usable answer: ``scale.offline``, ``scale.no_reply``,
    ``scale.bad_reply``, ``scale.unstable`` or ``scale.failed`` (a bug, logged);
    ``reading`` is the last one seen."""

    key: str
    reading: Reading | None = None
    detail: str = ""


ScaleResult = Reading | ScaleError


@dataclass(slots=True)
class _Request:
    command: Command
    deadline: float
    future: Future[ScaleResult] = field(default_factory=Future)


class ScaleWorker(DeviceWorker):
    """A Toledo 8217-style scale on a serial port (or the simulator's pty)."""

    name = "scale"

    def __init__(
        self,
        config: ScaleConfig,
        *,
        on_status: Callable[[DeviceStatus], None] | None = None,
        on_reading: Callable[[Reading], None] | None = None,
        reconnect_s: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(on_status=on_status, reconnect_s=reconnect_s, poll_s=0.05)
        self.config = config
        self.on_reading = on_reading or (lambda _r: None)  # live weight, worker thread
        self._clock = clock
        self._port: serial.Serial | None = None
        self._buffer = b""
        self._next_heartbeat = 0.0

    # ---- for the app --------------------------------------------------------------------

    def request_weight(self, timeout_s: float | None = None) -> Future[ScaleResult]:
        """Ask for a stable weight; resolves within ``timeout_s`` (default: stable_timeout_s)."""
        return self._request("weight", timeout_s or self.config.stable_timeout_s)

    def tare(self) -> Future[ScaleResult]:
        """Tare the scale (the reply is the scale's status, OK when accepted)."""
        return self._request("tare", self.config.timeout_s * 2)

    def zero(self) -> Future[ScaleResult]:
        """Set the scale to zero."""
        return self._request("zero", self.config.timeout_s * 2)

    def _request(self, command: Command, timeout_s: float) -> Future[ScaleResult]:
        req = _Request(command, self._clock() + timeout_s)
        if self.status.state == DeviceState.OFFLINE:
            # Queued requests would wait for a replug; a cashier should hear at once.
            req.future.set_result(ScaleError("scale.offline"))
            return req.future
        self.submit(req)
        return req.future

    # ---- DeviceWorker -------------------------------------------------------------------

    def open(self) -> None:
        cfg = self.config
        if not cfg.port:
            raise OSError("no scale port configured")
        try:
            self._port = serial.Serial(
                cfg.port, baudrate=cfg.baudrate, bytesize=_BYTESIZE[cfg.bytesize],
                parity=_PARITY[cfg.parity], stopbits=_STOPBITS[cfg.stopbits],
                timeout=cfg.timeout_s, write_timeout=cfg.timeout_s,
            )
        except (serial.SerialException, ValueError) as exc:
            raise OSError(str(exc)) from exc
        self._buffer = b""
        self._next_heartbeat = self._clock() + self.config.heartbeat_s

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except Exception:  # closing a vanished device may fail; nothing to do about it
                log.debug("scale close failed", exc_info=True)

    def poll(self) -> None:
        # Idle: a status query now and then notices an unplugged scale before a cashier does.
        hb = self.config.heartbeat_s
        if hb <= 0 or self._clock() < self._next_heartbeat:
            return
        self._next_heartbeat = self._clock() + hb
        reply = self._exchange("status")
        self._report_reply(reply)

    def handle(self, command: Any) -> None:
        if not isinstance(command, _Request):
            log.warning("scale ignored %r", command)
            return
        if not command.future.set_running_or_notify_cancel():
            return  # the caller gave up
        if self._clock() > command.deadline:
            command.future.set_result(ScaleError("scale.no_reply", detail="expired in queue"))
            return
        try:
            result = self._carry_out(command)
        except BaseException as exc:
            # Lost mid-request, or a bug: the caller must still get an answer.
            key = "scale.offline" if isinstance(exc, OSError) else "scale.failed"
            command.future.set_result(ScaleError(key, detail=str(exc)))
            raise
        command.future.set_result(result)

    def on_lost(self, command: Any | None) -> None:
        if isinstance(command, _Request) and not command.future.done():
            command.future.set_result(ScaleError("scale.offline"))

    # ---- the exchange -------------------------------------------------------------------

    def _carry_out(self, req: _Request) -> ScaleResult:
        last: ScaleResult = ScaleError("scale.no_reply")
        while True:
            last = self._exchange(req.command)
            self._report_reply(last)
            if isinstance(last, Reading):
                self.on_reading(last)
                if req.command != "weight" or last.status is not ScaleStatus.MOTION:
                    return last
            elif last.key != "scale.bad_reply" or req.command != "weight":
                return last  # line noise is worth another try; silence already waited
            if self._clock() + self.config.retry_s > req.deadline:
                if isinstance(last, Reading):  # still moving at the deadline
                    return ScaleError("scale.unstable", reading=last)
                return last
            time.sleep(self.config.retry_s)

    def _exchange(self, command: Command) -> ScaleResult:
        """Send one request and read one reply frame (OSError when the port is gone)."""
        port = self._port
        if port is None:
            raise OSError("scale not open")
        try:
            port.reset_input_buffer()  # a stale reply must not answer this request
            self._buffer = b""
            port.write(encode_request(command))
            port.flush()
            end = self._clock() + self.config.timeout_s
            while self._clock() < end:
                chunk = port.read(port.in_waiting or 1)
                if not chunk:
                    continue
                frames, self._buffer = split_frames(self._buffer + chunk)
                if frames:
                    reply = parse_reply(frames[-1], unit=self.config.unit)
                    if isinstance(reply, ParseError):
                        log.warning("scale reply not understood: %s %r", reply.reason, reply.raw)
                        return ScaleError(reply.key, detail=reply.reason)
                    return reply
        except (serial.SerialException, termios.error) as exc:
            # termios.error is not an OSError: a vanished pty/USB port raises it on flush.
            raise OSError(str(exc)) from exc
        return ScaleError("scale.no_reply")

    def _report_reply(self, reply: ScaleResult) -> None:
        if isinstance(reply, Reading):
            if reply.status is ScaleStatus.FAULT:
                self.report(DeviceState.ERROR, "scale.fault")
            else:
                self.report(DeviceState.READY)
        elif reply.key == "scale.no_reply":
            self.report(DeviceState.UNKNOWN, "scale.no_reply")
        elif reply.key == "scale.bad_reply":
            self.report(DeviceState.ERROR, "scale.bad_reply")
