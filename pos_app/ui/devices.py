"""The device hub: builds, starts and stops every configured device; Qt signals out.

Device workers call back on their own threads; every callback here only emits a signal, so
slots run on the UI thread (queued connections). The hub owns the ``PrintService`` and the
``WeighingService``. With ``kind="sim"`` a device gets its simulator, created here and kept
as ``sim_<device>`` so the Devices page and the tests can drive it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from sqlalchemy import Engine

from drivers.device import DeviceState, DeviceStatus, DeviceWorker
from pos_app.config import Settings
from pos_app.core.errors import PosError
from pos_app.core.product import ProductInfo
from pos_app.core.store_info import StoreInfo
from pos_app.services.permissions import PermissionCheck

if TYPE_CHECKING:
    from drivers.sim.printer_sim import SimPrinter
    from pos_app.services.printing import PrintService
    from pos_app.services.weighing import WeighingService

log = logging.getLogger(__name__)

# Status-bar order; "drawer" follows the printer it hangs on (sync has its own item).
DEVICES = ("scanner", "printer", "drawer", "camera", "scale", "display")


class DeviceHub(QObject):
    """Every device of the till behind Qt signals.

    ``sig_status(DeviceStatus)`` on every state change (``device`` is one of ``DEVICES``);
    ``sig_scan(code, source)`` for codes from the serial scanner ("serial") and the camera
    ("camera"); ``sig_weight(product, grams_or_error)`` answers ``weigh``; ``sig_frame``
    carries camera preview frames; ``sig_pole(line1, line2)`` what the simulated pole shows;
    ``sig_reconfigured(section)`` after ``reconfigure`` restarted one device.
    """

    sig_status = Signal(object)
    _sig_raw_status = Signal(object)  # from worker threads, before ``on_status``
    sig_scan = Signal(str, str)
    sig_weight = Signal(object, object)
    sig_reading = Signal(object)
    sig_frame = Signal(object)
    sig_pole = Signal(str, str)
    sig_reconfigured = Signal(str)  # a device section after ``reconfigure``

    def __init__(
        self, *, settings: Settings, engine: Engine, store_info: StoreInfo, lang: str = "zh_CN",
        permissions: PermissionCheck | None = None, reconnect_s: float = 2.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._reconnect_s = reconnect_s
        self.workers: dict[str, DeviceWorker] = {}
        self.states: dict[str, DeviceStatus] = {
            name: DeviceStatus(name, DeviceState.DISABLED) for name in DEVICES}
        self.sim_printer: SimPrinter | None = None
        self._print_service: PrintService | None = None
        self._printer_args = (engine, store_info, lang, permissions)
        self.sim_scanner: Any = None
        self.sim_scale: Any = None
        self.sim_pole: Any = None
        self.sim_camera: Any = None
        self.camera_bridge: Any = None
        self.pole: Any = None
        self.last_scan = ""
        self._sig_raw_status.connect(self.on_status)
        self.sig_scan.connect(self.on_scan)
        self._started = False
        if settings.printer.enabled:  # else built on first use: start-up skips PIL/escpos
            self._print_service = self._build_printer(*self._printer_args)
        scale = self._build_scale()
        self.weighing: WeighingService | None = None
        if scale is not None:
            from pos_app.services.weighing import WeighingService

            self.weighing = WeighingService(scale=scale)
        self._build_scanner()
        self._build_camera()
        self._build_display()

    # ---- building -------------------------------------------------------------------------

    def _emit_status(self, status: DeviceStatus) -> None:
        self._sig_raw_status.emit(status)  # worker thread → queued to the UI thread

    def _add(self, name: str, worker: DeviceWorker | None) -> None:
        if worker is not None:
            self.workers[name] = worker
            self.states[name] = DeviceStatus(name, DeviceState.CONNECTING)

    @property
    def print_service(self) -> PrintService:
        """Receipts, reprints, drawer, test page and previews (built on first use)."""
        if self._print_service is None:
            self._print_service = self._build_printer(*self._printer_args)
        return self._print_service

    def _build_printer(self, engine: Engine, store_info: StoreInfo, lang: str,
                       permissions: PermissionCheck | None) -> PrintService:
        from drivers.printer.receipt_layout import labels_for
        from drivers.sim.printer_sim import SimPrinter
        from pos_app.services.printing import PrintService, build_printer_worker

        config = self.settings.printer
        if config.kind == "sim":
            sink = Path(config.file_path) if config.file_path else None
            if sink is not None:
                sink.parent.mkdir(parents=True, exist_ok=True)
            self.sim_printer = SimPrinter(sink)
        clock = self.settings.store_clock()
        worker = build_printer_worker(
            engine=engine, config=config, sim=self.sim_printer, on_status=self._emit_status,
            clock=clock.now, reconnect_s=self._reconnect_s,
            retry_s=min(3.0, self._reconnect_s))
        self._add("printer", worker)
        if worker is not None:
            self.states["drawer"] = DeviceStatus("drawer", DeviceState.CONNECTING)
        return PrintService(engine=engine, config=config, worker=worker, store_info=store_info,
                            labels=labels_for(lang), permissions=permissions, clock=clock)

    def _build_scale(self) -> Any:
        config = self.settings.scale
        if not config.enabled:
            return None
        from drivers.scale.serial_scale import ScaleWorker

        if config.kind == "sim":
            from drivers.sim.scale_sim import ScaleSim

            self.sim_scale = ScaleSim(grams=512).start()
            config = config.model_copy(update={"port": self.sim_scale.path})
        worker = ScaleWorker(config, on_status=self._emit_status,
                             on_reading=self.sig_reading.emit, reconnect_s=self._reconnect_s)
        self._add("scale", worker)
        return worker

    def _build_scanner(self) -> None:
        config = self.settings.scanner
        if config.kind not in ("serial", "sim"):
            return
        from drivers.scanner.serial_scanner import SerialScanner

        if config.kind == "sim":
            from drivers.sim.serial_scanner_sim import SerialScannerSim

            self.sim_scanner = SerialScannerSim(terminator=config.terminator)
            config = config.model_copy(update={"path": self.sim_scanner.device_path,
                                               "reconnect_s": self._reconnect_s})
        self._add("scanner", SerialScanner(
            config, on_scan=lambda code: self.sig_scan.emit(code, "serial"),
            on_status=self._emit_status))

    def _build_camera(self) -> None:
        config = self.settings.camera
        if config.kind == "none":
            return
        from drivers.camera.capture import CameraWorker, make_camera
        from drivers.camera.decoders import make_decoder
        from drivers.camera.preview_qt import CameraBridge

        bridge = CameraBridge(self)
        bridge.sig_code.connect(lambda code: self.sig_scan.emit(code, "camera"))
        bridge.sig_status.connect(self.on_status)
        bridge.sig_frame.connect(self.sig_frame.emit)
        self.camera_bridge = bridge
        worker: DeviceWorker | None
        if config.kind == "sim" and config.sim_images is None:
            from pos_app.ui.sim_devices import HeldUpCamera

            self.sim_camera = HeldUpCamera()
            worker = CameraWorker(self.sim_camera, decoder=make_decoder(config.decoder),
                                  on_code=bridge.on_code, on_frame=bridge.on_frame,
                                  on_status=bridge.on_status, repeat_s=config.repeat_s,
                                  preview_fps=config.preview_fps,
                                  reconnect_s=self._reconnect_s)
        else:
            worker = make_camera(config, on_code=bridge.on_code, on_frame=bridge.on_frame,
                                 on_status=bridge.on_status)
        self._add("camera", worker)

    def _build_display(self) -> None:
        config = self.settings.display
        if not config.wants_pole:
            return
        from drivers.display.pole_display import PoleDisplayWorker

        if config.kind == "sim":
            from drivers.sim.pole_sim import PoleSim

            self.sim_pole = PoleSim(encoding=config.encoding,
                                    on_screen=lambda lines: self.sig_pole.emit(*lines)).start()
            config = config.model_copy(update={"port": self.sim_pole.path})
        self.pole = PoleDisplayWorker(config, on_status=self._emit_status,
                                      reconnect_s=self._reconnect_s)
        self._add("display", self.pole)

    # ---- running --------------------------------------------------------------------------

    def start(self) -> None:
        """Start every device worker (idempotent)."""
        if self._started:
            return
        self._started = True
        for worker in self.workers.values():
            worker.start()

    def stop(self) -> None:
        """Stop every worker and simulator; safe to call twice."""
        for worker in self.workers.values():
            try:
                worker.stop()
            except Exception:  # one stuck device must not keep the others running
                log.exception("stopping %s failed", worker.name)
        self.workers = {}
        self._started = False
        for sim in (self.sim_scanner, self.sim_scale, self.sim_pole):
            if sim is not None:
                try:
                    sim.unplug()
                except OSError:
                    pass
        self.sim_scanner = self.sim_scale = self.sim_pole = None

    def reconfigure(self, section: str, config: BaseModel) -> None:
        """Restart just one device (``printer`` also means its drawer) with ``config``.

        Stops the old worker (and simulator), builds the new one from the settings with
        ``config`` in place, starts it when the hub runs; the status bar follows.
        """
        self.settings = self.settings.with_device(section, config)
        names = ("printer", "drawer") if section == "printer" else (section,)
        old = self.workers.pop(section, None)
        if old is not None:
            try:
                old.stop()
            except Exception:
                log.exception("stopping %s failed", old.name)
        sim_attr = {"scanner": "sim_scanner", "scale": "sim_scale", "display": "sim_pole"}
        sim = getattr(self, sim_attr[section], None) if section in sim_attr else None
        if sim is not None:
            try:
                sim.unplug()
            except OSError:
                pass
        # The old worker's last words are queued to this object: hear them before the new.
        QCoreApplication.sendPostedEvents(self)
        for name in names:
            self._remember(DeviceStatus(name, DeviceState.DISABLED))
        if section == "printer":
            self.sim_printer = None
            self._print_service = None
            if config.enabled:  # type: ignore[attr-defined]
                self._print_service = self._build_printer(*self._printer_args)
        elif section == "scale":
            self.sim_scale = self.weighing = None
            scale = self._build_scale()
            if scale is not None:
                from pos_app.services.weighing import WeighingService

                self.weighing = WeighingService(scale=scale)
        elif section == "scanner":
            self.sim_scanner = None
            self._build_scanner()
        elif section == "camera":
            if self.camera_bridge is not None:
                QCoreApplication.sendPostedEvents(self.camera_bridge)
                self.camera_bridge.deleteLater()
            self.camera_bridge = self.sim_camera = None
            self._build_camera()
        elif section == "display":
            self.sim_pole = self.pole = None
            self._build_display()
        for name in names:
            status = self.states[name]
            self.states[name] = DeviceStatus(name, DeviceState.DISABLED)
            self._remember(status)  # CONNECTING when a worker was built
        worker = self.workers.get(section)
        if worker is not None and self._started:
            worker.start()
        log.info("%s reconfigured: %s", section, getattr(config, "kind", ""))
        self.sig_reconfigured.emit(section)

    @staticmethod
    def serial_ports() -> list[str]:
        """Serial ports of this computer (device paths), for choosing one."""
        try:
            from serial.tools import list_ports

            return sorted(port.device for port in list_ports.comports())
        except Exception:  # no pyserial, or no way to list: type the path instead
            log.exception("cannot list serial ports")
            return []

    def worker(self, name: str) -> DeviceWorker | None:
        """The running worker of ``name`` (None when not configured)."""
        return self.workers.get(name)

    # ---- slots (UI thread) ----------------------------------------------------------------

    @Slot(object)
    def on_status(self, status: DeviceStatus) -> None:
        device = {"pole_display": "display"}.get(status.device, status.device)
        if status.device != device:
            status = DeviceStatus(device, status.state, status.key, status.data)
        if status.device == "printer":
            drawer_state = (status.state if status.state in (
                DeviceState.OFFLINE, DeviceState.READY, DeviceState.CONNECTING)
                else DeviceState.READY)
            key = status.key if status.key == "printer.drawer_expired" else ""
            self._remember(DeviceStatus("drawer", drawer_state, key))
        self._remember(status)

    def _remember(self, status: DeviceStatus) -> None:
        if self.states.get(status.device) != status:
            self.states[status.device] = status
            self.sig_status.emit(status)

    @Slot(str, str)
    def on_scan(self, code: str, source: str) -> None:
        self.last_scan = code

    # ---- actions --------------------------------------------------------------------------

    def weigh(self, product: ProductInfo) -> bool:
        """Ask the scale for ``product``'s weight; False when there is no usable scale.

        The answer comes as ``sig_weight(product, grams | PosError)``.
        """
        if self.weighing is None or not self.weighing.available:
            return False
        self.weighing.weigh_async(product, lambda result: self.sig_weight.emit(product, result))
        return True

    def test_scan(self) -> str:
        """Make the simulated scanner (else the simulated camera) scan a demo product."""
        from pos_app.ui.sim_devices import DEMO_SCAN

        if self.sim_scanner is not None and self.sim_scanner.plugged:
            self.sim_scanner.scan(DEMO_SCAN)
            return "serial"
        if self.sim_camera is not None:
            self.sim_camera.hold_up(DEMO_SCAN)
            return "camera"
        raise PosError("devices.no_sim_scanner")

    def read_scale(self) -> None:
        """Ask the scale for a reading (shown through ``sig_reading``)."""
        worker = self.workers.get("scale")
        if worker is None:
            raise PosError("scale.not_configured", name="", sku="")
        worker.request_weight()  # type: ignore[attr-defined]


def state_word(state: DeviceState) -> str:
    """The translated word for a device state."""
    words = {
        DeviceState.DISABLED: QCoreApplication.translate("devices", "not set up"),
        DeviceState.CONNECTING: QCoreApplication.translate("devices", "connecting…"),
        DeviceState.READY: QCoreApplication.translate("devices", "ready"),
        DeviceState.OFFLINE: QCoreApplication.translate("devices", "offline"),
        DeviceState.ERROR: QCoreApplication.translate("devices", "fault"),
        DeviceState.UNKNOWN: QCoreApplication.translate("devices", "no answer"),
    }
    return words[state]
