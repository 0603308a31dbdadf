"""The device manager on the simulators, without Qt: states, scans, weights, one device
reconfigured while the others keep running, and a run with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.device import DeviceState, DeviceStatus
from pos_app.config import Settings
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.core.store_info import StoreInfo
from pos_app.services.devices import (
    DEMO_SCAN,
    DeviceListener,
    DeviceManager,
    PrinterConfig,
    ScaleConfig,
    ScannerConfig,
)
from pos_app.store import db
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
STORE = StoreInfo(store_code="S001", store_name="Test", store_address="", terminal_code="T01")
APPLES = ProductInfo(product_id=1, sku="T-APPLE", name="红富士苹果", name_en="Fuji apples",
                     unit="kg", price=Money(1280), tax_rate_bp=900, is_weighed=True)


class Heard:
    """Everything a listener heard, and on which thread."""

    def __init__(self) -> None:
        self.statuses: list[DeviceStatus] = []
        self.scans: list[tuple[str, str]] = []
        self.weights: list[tuple[ProductInfo, int | PosError]] = []
        self.reconfigured: list[str] = []
        self.threads: set[str] = set()

    def listener(self) -> DeviceListener:
        def on_status(status: DeviceStatus) -> None:
            self.statuses.append(status)

        def on_scan(code: str, source: str) -> None:
            self.threads.add(threading.current_thread().name)
            self.scans.append((code, source))

        return DeviceListener(on_status=on_status, on_scan=on_scan,
                              on_weight=lambda p, r: self.weights.append((p, r)),
                              on_reconfigured=self.reconfigured.append)

    def of(self, device: str) -> list[DeviceState]:
        return [s.state for s in self.statuses if s.device == device]


MakeManager = Callable[..., tuple[DeviceManager, Heard]]


@pytest.fixture
def make_manager(db_path: Path, tmp_path: Path) -> Iterator[MakeManager]:
    made: list[DeviceManager] = []
    engine = db.open_database(db_path)

    def make(**devices: Any) -> tuple[DeviceManager, Heard]:
        settings = Settings(data_dir=tmp_path, db_path=db_path, lang="en_US", **devices)
        manager = DeviceManager(settings=settings, engine=engine, store_info=STORE,
                                lang="en_US", reconnect_s=0.05)
        heard = Heard()
        manager.subscribe(heard.listener())
        made.append(manager)
        return manager, heard

    yield make
    for manager in made:
        manager.stop()
        assert not manager.workers()
    engine.dispose()


def ready(manager: DeviceManager, *devices: str) -> None:
    wait_until(lambda: all(manager.states()[d].state == DeviceState.READY for d in devices),
               what=f"{devices} ready")


def test_the_simulated_scanner_scans_on_its_own_thread(make_manager: MakeManager) -> None:
    manager, heard = make_manager(scanner=ScannerConfig(kind="sim"))
    assert manager.states()["scanner"].state == DeviceState.CONNECTING
    manager.start()
    ready(manager, "scanner")
    assert manager.test_scan() == "serial"
    wait_until(lambda: heard.scans == [(DEMO_SCAN, "serial")], what="the scan")
    assert heard.threads == {"dev-scanner"}
    assert heard.of("scanner") == [DeviceState.READY]  # connecting was before subscribing


def test_printer_states_drive_the_drawer(make_manager: MakeManager) -> None:
    manager, _heard = make_manager(printer=PrinterConfig(kind="sim"))
    manager.start()
    ready(manager, "printer", "drawer")
    printer = manager.sims.printer
    assert printer is not None
    printer.online = False  # switched off: status questions go unanswered
    wait_until(lambda: manager.states()["printer"].state == DeviceState.UNKNOWN)
    assert manager.states()["drawer"].state == DeviceState.READY  # unknown is not offline
    manager.print_service.open_drawer()  # sending fails: both are offline
    wait_until(lambda: manager.states()["drawer"].state == DeviceState.OFFLINE)
    printer.online = True
    ready(manager, "printer", "drawer")


def test_reconfiguring_one_device_leaves_the_others_running(
    make_manager: MakeManager,
) -> None:
    manager, heard = make_manager(printer=PrinterConfig(kind="sim"),
                                  scanner=ScannerConfig(kind="sim"))
    manager.start()
    ready(manager, "printer", "scanner")
    printer, scanner = manager.worker("printer"), manager.worker("scanner")
    print_service = manager.print_service
    heard.statuses.clear()

    manager.reconfigure("scale", ScaleConfig(kind="sim"))
    assert heard.reconfigured == ["scale"]
    assert manager.settings.scale.kind == "sim"
    ready(manager, "scale")
    assert heard.of("scale") == [DeviceState.CONNECTING, DeviceState.READY]
    # The others were not touched: same workers, still running, never told anything.
    assert manager.worker("printer") is printer and manager.worker("scanner") is scanner
    assert manager.print_service is print_service
    assert {s.device for s in heard.statuses} == {"scale"}
    assert manager.sims.scanner is not None
    manager.sims.scanner.scan("6901000000004")
    wait_until(lambda: ("6901000000004", "serial") in heard.scans, what="the scanner")
    print_service.test_print()
    wait_until(lambda: manager.sims.printer is not None and manager.sims.printer.writes > 0,
               what="the test page")

    old_sim = manager.sims.scale
    manager.reconfigure("scale", ScaleConfig())  # no scale any more
    assert manager.worker("scale") is None and manager.weighing is None
    assert manager.sims.scale is None and old_sim is not None and old_sim._thread is None
    assert manager.states()["scale"].state == DeviceState.DISABLED
    assert manager.worker("printer") is printer and manager.worker("scanner") is scanner
    assert manager.states()["printer"].state == DeviceState.READY


def test_a_new_printer_replaces_the_old_one_and_its_service(
    make_manager: MakeManager, tmp_path: Path,
) -> None:
    manager, heard = make_manager(printer=PrinterConfig(kind="sim"))
    manager.start()
    ready(manager, "printer")
    old_worker, old_sim = manager.worker("printer"), manager.sims.printer
    manager.reconfigure("printer", PrinterConfig(kind="sim", paper_mm=58,
                                                 file_path=str(tmp_path / "p.bin")))
    ready(manager, "printer", "drawer")
    for device in ("printer", "drawer"):
        assert heard.of(device) == [DeviceState.READY, DeviceState.DISABLED,
                                    DeviceState.CONNECTING, DeviceState.READY]
    assert manager.worker("printer") is not old_worker and manager.sims.printer is not old_sim
    assert manager.print_service.config.paper_mm == 58


def test_the_scale_answers_weigh_through_the_listener(make_manager: MakeManager) -> None:
    manager, heard = make_manager(scale=ScaleConfig(kind="sim"))
    manager.start()
    ready(manager, "scale")
    assert manager.sims.scale is not None
    manager.sims.scale.set_weight(350)
    assert manager.weigh(APPLES)
    wait_until(lambda: heard.weights, what="the weight")
    assert heard.weights == [(APPLES, 350)]


def test_without_devices_the_actions_say_why(make_manager: MakeManager) -> None:
    manager, _heard = make_manager(scanner=ScannerConfig(kind="wedge"))
    assert manager.workers() == {}
    assert {s.state for s in manager.states().values()} == {DeviceState.DISABLED}
    with pytest.raises(PosError) as no_scan:
        manager.test_scan()
    assert no_scan.value.key == "devices.no_sim_scanner"
    with pytest.raises(PosError) as no_scale:
        manager.read_scale()
    assert no_scale.value.key == "scale.not_configured"
    assert not manager.weigh(APPLES) and not manager.can_show_code and not manager.has_pole
    with pytest.raises(PosError) as no_printer:
        manager.print_service.test_print()
    assert no_printer.value.key == "printer.not_configured"


def test_a_broken_listener_does_not_stop_the_device(make_manager: MakeManager) -> None:
    manager, heard = make_manager(scanner=ScannerConfig(kind="sim"))

    def broken(_code: str, _source: str) -> None:
        raise RuntimeError("listener bug")

    manager.subscribe(DeviceListener(on_scan=broken))
    manager.start()
    ready(manager, "scanner")
    manager.test_scan()
    manager.test_scan()
    wait_until(lambda: len(heard.scans) == 2, what="both scans")
    assert manager.states()["scanner"].state == DeviceState.READY


def test_detect_offers_what_is_connected_and_the_configured_network_printer(
    make_manager: MakeManager, tmp_path: Path,
) -> None:
    from serial.tools.list_ports_common import ListPortInfo

    dev = tmp_path / "dev"
    (dev / "usb").mkdir(parents=True)
    (dev / "usb" / "lp0").touch()
    (dev / "video0").touch()
    scale_port = ListPortInfo("/dev/ttyUSB3", skip_link_detection=True)
    scale_port.vid, scale_port.pid = 0x0EB8, 0x2200  # Mettler Toledo
    manager, _heard = make_manager(printer=PrinterConfig(kind="network", host="10.0.0.7"))
    found = manager.detect(dev_dir=dev, sys_dir=tmp_path / "sys",
                           comports=lambda: [scale_port])
    likely = {(c.section, c.device.path) for c in found if c.likely}
    assert likely == {("printer", "10.0.0.7:9100"), ("printer", str(dev / "usb" / "lp0")),
                      ("camera", str(dev / "video0")), ("scale", "/dev/ttyUSB3")}
    assert manager.serial_ports(lambda: [scale_port]) == ["/dev/ttyUSB3"]
    # A candidate is settings to reconfigure with.
    scale = next(c for c in found if c.section == "scale")
    manager.reconfigure("scale", ScaleConfig.model_validate(scale.config_fields()))
    assert manager.settings.scale.port == "/dev/ttyUSB3"
    assert manager.states()["scale"].state == DeviceState.CONNECTING


NO_QT = textwrap.dedent(
    """
    import sys, tempfile, time
    from pathlib import Path

    class BlockQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                raise ImportError(f"Qt is blocked here: {name}")
            return None

    sys.meta_path.insert(0, BlockQt())
    from pos_app.config import Settings
    from pos_app.core.store_info import StoreInfo
    from pos_app.services.devices import DeviceListener, DeviceManager
    from pos_app.store import db

    work = Path(tempfile.mkdtemp())
    engine = db.open_database(work / "store.db")
    settings = Settings(data_dir=work, db_path=work / "store.db").with_simulators()
    scans = []
    manager = DeviceManager(settings=settings, engine=engine, reconnect_s=0.05,
                            store_info=StoreInfo("S001", "Test", "", "T01"))
    manager.subscribe(DeviceListener(on_scan=lambda code, source: scans.append(source)))
    manager.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(
            s.state != "ready" for s in manager.states().values()):
        time.sleep(0.02)  # ok: polls a condition with a deadline (a script, no pytest here)
    states = {n: str(s.state) for n, s in manager.states().items()}
    assert set(states.values()) == {"ready"}, states
    manager.test_scan()
    manager.show_code("6901000000004")
    while time.monotonic() < deadline and set(scans) != {"serial", "camera"}:
        time.sleep(0.02)  # ok: polls a condition with a deadline (a script, no pytest here)
    assert set(scans) == {"serial", "camera"}, scans
    manager.print_service.test_print()
    manager.stop()
    engine.dispose()
    leaked = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")]
    assert not leaked, leaked
    print("ok")
    """
)


def test_the_manager_runs_every_simulator_without_qt(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", NO_QT], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["ok"]
