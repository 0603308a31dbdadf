"""The device worker: reconnect loop, command order, losing the device mid-command."""

from __future__ import annotations

import threading
import time
from typing import Any

from drivers.device import DeviceState, DeviceStatus, DeviceWorker
from tests.waiting import wait_until


class FlakyDevice(DeviceWorker):
    """A simulated device that is unplugged until ``plugged`` is set."""

    name = "flaky"

    def __init__(self, **kw: Any) -> None:
        super().__init__(reconnect_s=0.01, poll_s=0.005, **kw)
        self.plugged = threading.Event()
        self.done: list[Any] = []
        self.lost: list[Any] = []
        self.fail_next = False

    def open(self) -> None:
        if not self.plugged.is_set():
            raise OSError("no such device")

    def handle(self, command: Any) -> None:
        if self.fail_next:
            self.fail_next = False
            self.plugged.clear()
            raise OSError("unplugged while printing")
        if command == "bug":
            raise ValueError("a bug in device code")
        self.done.append(command)

    def on_lost(self, command: Any | None) -> None:
        self.lost.append(command)


def test_unplugged_device_is_offline_then_ready_when_plugged_and_runs_queued_commands() -> None:
    seen: list[DeviceStatus] = []
    dev = FlakyDevice(on_status=seen.append)
    dev.start()
    try:
        dev.submit("a")
        dev.submit("b")
        wait_until(lambda: dev.status.state == DeviceState.OFFLINE)
        assert dev.done == []
        dev.plugged.set()
        wait_until(lambda: dev.done == ["a", "b"])
        assert dev.status.state == DeviceState.READY
        assert [s.state for s in seen] == [DeviceState.OFFLINE, DeviceState.READY]
    finally:
        dev.stop()


def test_device_lost_mid_command_goes_offline_reports_the_command_and_reconnects() -> None:
    dev = FlakyDevice()
    dev.plugged.set()
    dev.start()
    try:
        wait_until(lambda: dev.connected)
        dev.fail_next = True
        dev.submit("job-1")
        wait_until(lambda: dev.lost == ["job-1"])
        assert dev.status.state == DeviceState.OFFLINE
        dev.plugged.set()
        dev.submit("job-2")
        wait_until(lambda: dev.done == ["job-2"])
    finally:
        dev.stop()


def test_a_bug_in_device_code_is_reported_and_the_thread_keeps_running() -> None:
    dev = FlakyDevice()
    dev.plugged.set()
    dev.start()
    try:
        dev.submit("bug")
        wait_until(lambda: dev.status.state == DeviceState.ERROR)
        dev.submit("ok")
        wait_until(lambda: dev.done == ["ok"])
        wait_until(lambda: dev.status.state == DeviceState.READY)
    finally:
        dev.stop()


def test_stop_returns_promptly_while_offline() -> None:
    dev = FlakyDevice()
    dev._reconnect_s = 60.0
    dev.start()
    wait_until(lambda: dev.status.state == DeviceState.OFFLINE)
    t0 = time.monotonic()
    dev.stop()
    assert time.monotonic() - t0 < 20  # not the 60 s wait for the next reconnect
