"""The device manager's Qt adapter: device reports become signals on the UI thread, states are
kept there first, a reconfiguration is heard before it returns, and stopping stops
listening. Simulated devices; waits on signals and states, never on sleeps."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from pos_app.config import Settings
from pos_app.core.store_info import StoreInfo
from pos_app.services.devices import (
    DEMO_SCAN,
    DeviceManager,
    DeviceState,
    DeviceStatus,
    PrinterConfig,
    ScaleConfig,
    ScannerConfig,
)
from pos_app.store import db
from pos_app.ui.device_bridge import DeviceBridge

STORE = StoreInfo(store_code="S001", store_name="Test", store_address="", terminal_code="T01")
MakeBridge = Callable[..., DeviceBridge]


@pytest.fixture
def make_bridge(db_path: Path, tmp_path: Path) -> Iterator[MakeBridge]:
    engine = db.open_database(db_path)
    made: list[DeviceBridge] = []

    def make(**devices: Any) -> DeviceBridge:
        settings = Settings(data_dir=tmp_path, db_path=db_path, **devices)
        bridge = DeviceBridge(DeviceManager(settings=settings, engine=engine,
                                            store_info=STORE, reconnect_s=0.05))
        made.append(bridge)
        return bridge

    yield make
    for bridge in made:
        bridge.stop()
        assert not bridge.manager.workers()
    engine.dispose()


def test_a_scan_arrives_on_the_ui_thread(qtbot: QtBot, make_bridge: MakeBridge) -> None:
    bridge = make_bridge(scanner=ScannerConfig(kind="sim"))
    assert bridge.states["scanner"].state == DeviceState.CONNECTING
    threads: list[threading.Thread] = []
    bridge.sig_scan.connect(lambda _code, _source: threads.append(threading.current_thread()))
    bridge.start()
    qtbot.waitUntil(lambda: bridge.states["scanner"].state == DeviceState.READY, timeout=5000)
    with qtbot.waitSignal(bridge.sig_scan, timeout=5000) as scanned:
        bridge.manager.test_scan()  # read on the scanner's own thread
    assert scanned.args == [DEMO_SCAN, "serial"]
    assert threads == [threading.main_thread()] and bridge.last_scan == DEMO_SCAN


def test_the_state_is_kept_before_the_signal_tells_it(
    qtbot: QtBot, make_bridge: MakeBridge,
) -> None:
    bridge = make_bridge(printer=PrinterConfig(kind="sim"))
    seen: list[tuple[DeviceStatus, DeviceStatus]] = []
    bridge.sig_status.connect(lambda s: seen.append((s, bridge.states[s.device])))
    bridge.start()
    qtbot.waitUntil(lambda: bridge.states["printer"].state == DeviceState.READY, timeout=5000)
    assert [told.device for told, _kept in seen] == ["drawer", "printer"]
    assert all(told == kept for told, kept in seen)
    assert bridge.states == bridge.manager.states()


def test_reconfigure_is_heard_before_it_returns(qtbot: QtBot, make_bridge: MakeBridge) -> None:
    bridge = make_bridge(printer=PrinterConfig(kind="sim"))
    bridge.start()
    qtbot.waitUntil(lambda: bridge.states["printer"].state == DeviceState.READY, timeout=5000)
    told: list[object] = []
    bridge.sig_status.connect(lambda s: told.append((s.device, s.state)))
    bridge.sig_reconfigured.connect(told.append)
    bridge.reconfigure("printer", PrinterConfig())
    assert told == [("printer", DeviceState.DISABLED), ("drawer", DeviceState.DISABLED),
                    "printer"]
    assert bridge.settings.printer.kind == "none"
    told.clear()
    bridge.reconfigure("scale", ScaleConfig(kind="sim"))
    # A simulated scale may already be ready by the time the change is delivered.
    assert told[0] == ("scale", DeviceState.CONNECTING) and told[-1] == "scale"
    assert all(t == ("scale", DeviceState.READY) for t in told[1:-1])
    qtbot.waitUntil(lambda: bridge.states["scale"].state == DeviceState.READY, timeout=5000)


def test_a_stopped_bridge_hears_nothing(qtbot: QtBot, make_bridge: MakeBridge) -> None:
    bridge = make_bridge()
    bridge.start()
    bridge.stop()
    with qtbot.assertNotEmitted(bridge.sig_reconfigured), \
            qtbot.assertNotEmitted(bridge.sig_status):
        bridge.manager.reconfigure("scale", ScaleConfig(kind="sim"))
        QCoreApplication.processEvents()
    bridge.manager.stop()
