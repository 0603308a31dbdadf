"""The device manager: every device of the till, built from the settings, without Qt.

It builds each configured device (``builders``), starts and stops them, restarts one with
new settings while the others run (``reconfigure``), keeps every device's state and says
what is connected (``detect``). What the devices report reaches ``DeviceListener``s as plain
calls: a state change, a scanned code, a weight, a scale reading, a camera frame, the pole's
lines, a reconfiguration.

Threads: one thread owns the manager (the UI thread in the till) and alone calls ``start``,
``stop``, ``reconfigure`` and the actions; ``print_service`` may be asked for from any
thread (the task runner builds it on first use). Each device works on its own thread and
calls the listeners there (the camera's codes come from its decode thread): a listener
must hand the call over to its own thread (the Qt adapter emits a queued signal). States
are kept under a lock; a replaced or stopped device's late reports are dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drivers import detect as detection
from drivers.device import DeviceState, DeviceStatus, DeviceWorker
from pos_app.config import Settings
from pos_app.core.errors import PosError
from pos_app.core.pricing import PricedCart
from pos_app.core.product import ProductInfo
from pos_app.core.roles import Permission
from pos_app.core.store_info import StoreInfo
from pos_app.core.tenders import PaymentState
from pos_app.services.devices.builders import BUILDERS, Built, Wiring, build_printer
from pos_app.services.guard import Guard

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from drivers.display.pole_display import PoleDisplayWorker
    from drivers.scale.serial_scale import ScaleWorker
    from drivers.sim.held_up_camera import HeldUpCamera
    from drivers.sim.pole_sim import PoleSim
    from drivers.sim.printer_sim import SimPrinter
    from drivers.sim.scale_sim import ScaleSim
    from drivers.sim.serial_scanner_sim import SerialScannerSim
    from pos_app.services.printing import PrintService
    from pos_app.services.weighing import WeighingService

log = logging.getLogger(__name__)

# Status-bar order; "drawer" follows the printer it hangs on (sync has its own item).
DEVICES = ("scanner", "printer", "drawer", "camera", "scale", "display")
SECTIONS = ("printer", "scale", "scanner", "camera", "display")  # settings; start order
DEMO_SCAN = "6901000000004"  # a demo-catalog product (可口可乐 330ml): the test scan


def _ignore(*_args: object) -> None:
    pass


@dataclass(frozen=True, slots=True)
class DeviceListener:
    """What a listener wants to hear; each callable runs on the reporting device's thread
    (or the manager's owner, for changes it makes itself)."""

    on_status: Callable[[DeviceStatus], None] = _ignore
    on_scan: Callable[[str, str], None] = _ignore  # (code, "serial" | "camera")
    on_weight: Callable[[ProductInfo, int | PosError], None] = _ignore  # answers ``weigh``
    on_reading: Callable[[Any], None] = _ignore  # every scale ``Reading``
    on_frame: Callable[[Any], None] = _ignore  # camera preview frames (numpy BGR)
    on_pole: Callable[[str, str], None] = _ignore  # what the simulated pole shows
    on_reconfigured: Callable[[str], None] = _ignore  # a settings section after reconfigure


@dataclass(frozen=True, slots=True)
class Simulators:
    """The simulators running now (kind "sim"), for the tests and `pos-sim`-like tools."""

    printer: SimPrinter | None = None
    scanner: SerialScannerSim | None = None
    scale: ScaleSim | None = None
    display: PoleSim | None = None
    camera: HeldUpCamera | None = None


class DeviceManager:
    """Every device of the till: construction, start/stop, reconfiguration, states,
    detection, simulators, and the device actions of the till (print, weigh, test scan)."""

    def __init__(
        self, *, settings: Settings, engine: Engine, store_info: StoreInfo,
        lang: str = "zh_CN", guard: Guard | None = None,
        reconnect_s: float = 2.0,
    ) -> None:
        self._settings = settings
        self._engine, self._store_info, self._lang = engine, store_info, lang
        self._guard = guard
        self._reconnect_s = reconnect_s
        self._listeners: tuple[DeviceListener, ...] = ()
        self._lock = threading.RLock()  # states, generations, listeners
        self._states = {name: DeviceStatus(name, DeviceState.DISABLED) for name in DEVICES}
        self._generation = dict.fromkeys(SECTIONS, 0)
        self._built: dict[str, Built] = {}
        self._print_lock = threading.Lock()
        self._print_service: PrintService | None = None
        self.weighing: WeighingService | None = None
        self._scale: ScaleWorker | None = None
        self._pole: PoleDisplayWorker | None = None
        self._started = False
        for section in SECTIONS:
            self._build(section)

    # ---- listeners and states ---------------------------------------------------------------

    def subscribe(self, listener: DeviceListener) -> None:
        """Hear every report from now on."""
        with self._lock:
            self._listeners = (*self._listeners, listener)

    def unsubscribe(self, listener: DeviceListener) -> None:
        """Stop hearing reports (unknown listeners are ignored)."""
        with self._lock:
            self._listeners = tuple(x for x in self._listeners if x is not listener)

    def states(self) -> dict[str, DeviceStatus]:
        """Every device's state now (a copy), in status-bar order."""
        with self._lock:
            return dict(self._states)

    @property
    def settings(self) -> Settings:
        """The settings the devices run with (``reconfigure`` replaces a section)."""
        return self._settings

    def worker(self, name: str) -> DeviceWorker | None:
        """The worker of settings section ``name`` (None when not configured)."""
        built = self._built.get(name)
        return built.worker if built is not None else None

    def workers(self) -> dict[str, DeviceWorker]:
        """The workers built now, by settings section."""
        with self._lock:
            return {s: b.worker for s, b in self._built.items() if b.worker is not None}

    @property
    def sims(self) -> Simulators:
        """The simulators running now."""
        def sim(section: str) -> Any:
            built = self._built.get(section)
            return built.sim if built is not None else None

        return Simulators(printer=sim("printer"), scanner=sim("scanner"), scale=sim("scale"),
                          display=sim("display"), camera=sim("camera"))

    def _each(self, call: Callable[[DeviceListener], None]) -> None:
        for listener in self._listeners:
            try:
                call(listener)
            except Exception:  # a broken listener must not stop a device thread
                log.exception("device listener failed")

    def _publish(self, *statuses: DeviceStatus, generation: tuple[str, int] | None = None
                 ) -> None:
        # Under the lock, so that listeners hear a device's states in the order they were
        # kept; a report from a device that was replaced or stopped since is dropped.
        with self._lock:
            if generation is not None and self._generation[generation[0]] != generation[1]:
                return
            for status in statuses:
                if self._states.get(status.device) != status:
                    self._states[status.device] = status
                    self._tell_status(status)

    def _tell_status(self, status: DeviceStatus) -> None:
        self._each(lambda listener: listener.on_status(status))

    def _device_status(self, section: str, generation: int, status: DeviceStatus) -> None:
        status = DeviceStatus(section, status.state, status.key, status.data)  # pole_display
        statuses = [status]
        if section == "printer":  # the drawer is reached through the printer
            drawer_state = (status.state if status.state in (
                DeviceState.OFFLINE, DeviceState.READY, DeviceState.CONNECTING)
                else DeviceState.READY)
            key = status.key if status.key == "printer.drawer_expired" else ""
            statuses.insert(0, DeviceStatus("drawer", drawer_state, key))
        self._publish(*statuses, generation=(section, generation))

    def _wiring(self, section: str) -> Wiring:
        """Callbacks for a device of ``section`` that go quiet once it is replaced."""
        generation = self._generation[section]

        def current() -> bool:
            return self._generation[section] == generation

        def scan(code: str, source: str) -> None:
            if current():
                self._each(lambda listener: listener.on_scan(code, source))

        def reading(value: Any) -> None:
            if current():
                self._each(lambda listener: listener.on_reading(value))

        def frame(image: Any) -> None:
            if current():
                self._each(lambda listener: listener.on_frame(image))

        def pole(line1: str, line2: str) -> None:
            if current():
                self._each(lambda listener: listener.on_pole(line1, line2))

        def status(report: DeviceStatus) -> None:
            self._device_status(section, generation, report)

        return Wiring(status=status, scan=scan, reading=reading, frame=frame, pole=pole,
                      reconnect_s=self._reconnect_s)

    # ---- building ---------------------------------------------------------------------------

    def _build(self, section: str) -> None:
        config = getattr(self._settings, section)
        if section == "printer":
            if config.enabled:  # else built on first use: start-up skips PIL/escpos
                with self._print_lock:
                    self._print_service = self._build_printer()
            return
        built = BUILDERS[section](config, self._wiring(section))
        self._keep(section, built)
        if section == "scale" and built.worker is not None:
            from drivers.scale.serial_scale import ScaleWorker
            from pos_app.services.weighing import WeighingService

            assert isinstance(built.worker, ScaleWorker)
            self._scale = built.worker
            self.weighing = WeighingService(scale=built.worker)
        elif section == "display" and built.worker is not None:
            from drivers.display.pole_display import PoleDisplayWorker

            assert isinstance(built.worker, PoleDisplayWorker)
            self._pole = built.worker

    def _build_printer(self) -> PrintService:
        built, service = build_printer(
            self._settings.printer, self._wiring("printer"), engine=self._engine,
            store_info=self._store_info, lang=self._lang, guard=self._guard,
            clock=self._settings.store_clock())
        self._keep("printer", built)
        return service

    def _keep(self, section: str, built: Built) -> None:
        with self._lock:
            self._built[section] = built
        if built.worker is not None:
            names = ("printer", "drawer") if section == "printer" else (section,)
            self._publish(*(DeviceStatus(n, DeviceState.CONNECTING) for n in names))

    @property
    def print_service(self) -> PrintService:
        """Receipts, reprints, drawer, test page and previews (built on first use, on any
        thread)."""
        with self._print_lock:
            if self._print_service is None:  # no printer configured: nothing to start
                self._print_service = self._build_printer()
            return self._print_service

    # ---- running ----------------------------------------------------------------------------

    def start(self) -> None:
        """Start every device (idempotent)."""
        if self._started:
            return
        self._started = True
        for worker in self.workers().values():
            worker.start()

    def stop(self) -> None:
        """Stop every device and simulator; safe to call twice."""
        with self._lock:
            for section in SECTIONS:
                self._generation[section] += 1  # what they still say is not heard
            built, self._built = self._built, {}
        for device in built.values():
            device.release()
        self._scale = self._pole = None
        self._started = False

    def reconfigure(self, section: str, config: Any) -> None:
        """Restart just one device (``printer`` also means its drawer) with ``config``: stop
        it (and its simulator), build it anew from the settings with ``config`` in place,
        start it when the manager runs. The others keep running."""
        self._settings = self._settings.with_device(section, config)
        with self._lock:
            self._generation[section] += 1
            old = self._built.pop(section, None)
        if old is not None:
            old.release()
        names = ("printer", "drawer") if section == "printer" else (section,)
        self._publish(*(DeviceStatus(n, DeviceState.DISABLED) for n in names))
        if section == "printer":
            with self._print_lock:
                self._print_service = None
        elif section == "scale":
            self.weighing = self._scale = None
        elif section == "display":
            self._pole = None
        self._build(section)
        worker = self.worker(section)
        if worker is not None and self._started:
            worker.start()
        log.info("%s reconfigured: %s", section, getattr(config, "kind", ""))
        if self._guard is not None:  # a settings change is audited
            self._guard.note(Permission.SETTINGS, subject=section,
                             kind=str(getattr(config, "kind", "")))
        self._each(lambda listener: listener.on_reconfigured(section))

    # ---- detection --------------------------------------------------------------------------

    def detect(
        self, *, dev_dir: Path = Path("/dev"), sys_dir: Path = Path("/sys"),
        comports: Callable[[], Iterable[Any]] | None = None,
    ) -> list[detection.Candidate]:
        """What is connected that a driver could run, likely ones first: serial ports, USB
        printers, cameras, and the network printer the settings name."""
        printer = self._settings.printer
        network = [(printer.host, printer.port)] if printer.host else []
        return detection.detect(detection.connected(
            dev_dir=dev_dir, sys_dir=sys_dir, comports=comports, network=network))

    def serial_ports(self, comports: Callable[[], Iterable[Any]] | None = None) -> list[str]:
        """This computer's serial ports (device paths), for choosing one."""
        return [port.path for port in detection.serial_ports(comports)]

    # ---- actions ----------------------------------------------------------------------------

    def weigh(self, product: ProductInfo) -> bool:
        """Ask the scale for ``product``'s weight; False when there is no usable scale. The
        answer comes to ``on_weight(product, grams | PosError)``."""
        weighing = self.weighing
        if weighing is None or not weighing.available:
            return False
        weighing.weigh_async(product, lambda result: self._each(
            lambda listener: listener.on_weight(product, result)))
        return True

    def read_scale(self) -> None:
        """Ask the scale for a reading (heard through ``on_reading``)."""
        if self._scale is None:
            raise PosError("scale.not_configured", name="", sku="")
        self._scale.request_weight()

    def test_scan(self) -> str:
        """Make the simulated scanner (else the simulated camera) scan a demo product; the
        source that will report it."""
        sims = self.sims
        if sims.scanner is not None and sims.scanner.plugged:
            sims.scanner.scan(DEMO_SCAN)
            return "serial"
        if sims.camera is not None:
            sims.camera.hold_up(DEMO_SCAN)
            return "camera"
        raise PosError("devices.no_sim_scanner")

    @property
    def can_show_code(self) -> bool:
        """True when a code can be held up to a simulated camera (``show_code``)."""
        return self.sims.camera is not None

    def show_code(self, code: str = DEMO_SCAN, *, hold_s: float | None = None) -> None:
        """Hold ``code`` up to the simulated camera (for ``hold_s`` seconds when given)."""
        camera = self.sims.camera
        if camera is None:
            raise PosError("devices.no_sim_scanner")
        if hold_s is not None:
            camera.hold_s = hold_s
        camera.hold_up(code)

    @property
    def has_pole(self) -> bool:
        """True when a pole display (or its simulator) is driven."""
        return self._pole is not None

    def show_sale(self, priced: PricedCart, payment: PaymentState, *,
                  line_id: int | None = None) -> None:
        """Show the sale on the pole display, if there is one."""
        if self._pole is not None:
            self._pole.show_sale(priced, payment, line_id=line_id)

    def pole_lines(self) -> tuple[str, str] | None:
        """What the simulated pole shows now (None without one)."""
        pole = self.sims.display
        return pole.lines if pole is not None else None
