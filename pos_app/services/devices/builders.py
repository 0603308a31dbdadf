"""Building one device from its settings: its worker, its simulator (kind "sim") and how to
let both go. One builder per settings section, in the table ``BUILDERS``; the printer's also
makes the ``PrintService`` (``build_printer``).

Drivers are imported by the builder that needs them, so a till starts without the modules
(and the libraries: OpenCV, PIL, python-escpos) of the devices it does not have.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drivers.camera.config import CameraConfig
from drivers.device import DeviceStatus, DeviceWorker
from drivers.display.config import DisplayConfig
from drivers.printer.config import PrinterConfig
from drivers.scale.config import ScaleConfig
from drivers.scanner.config import ScannerConfig
from pos_app.core.clock import StoreClock
from pos_app.core.store_info import StoreInfo
from pos_app.services.guard import Guard

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from pos_app.services.printing import PrintService

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Wiring:
    """Where a device's reports go (the manager's callbacks, called on the device's
    threads) and how long it waits between connection attempts."""

    status: Callable[[DeviceStatus], None]
    scan: Callable[[str, str], None]  # (code, source: "serial" | "camera")
    reading: Callable[[Any], None]  # a scale ``Reading``
    frame: Callable[[Any], None]  # a camera preview frame (numpy BGR)
    pole: Callable[[str, str], None]  # the simulated pole's two lines
    reconnect_s: float


@dataclass(slots=True)
class Built:
    """One device as built: its worker (None: not configured), its simulator and how to
    unplug that simulator."""

    worker: DeviceWorker | None = None
    sim: Any = None
    unplug: Callable[[], None] | None = None

    def release(self) -> None:
        """Stop the worker and unplug the simulator; never raises."""
        if self.worker is not None:
            try:
                self.worker.stop()
            except Exception:  # one stuck device must not keep the others running
                log.exception("stopping %s failed", self.worker.name)
        if self.unplug is not None:
            try:
                self.unplug()
            except OSError:
                pass


def build_printer(
    config: PrinterConfig, wiring: Wiring, *, engine: Engine, store_info: StoreInfo,
    lang: str, guard: Guard | None, clock: StoreClock,
) -> tuple[Built, PrintService]:
    """The printer's worker (kind "sim": on a ``SimPrinter`` transport) and its service."""
    from drivers.printer.receipt_layout import labels_for
    from pos_app.services.printing import PrintService, build_printer_worker

    sim = None
    if config.kind == "sim":
        from drivers.sim.printer_sim import SimPrinter

        sink = Path(config.file_path) if config.file_path else None
        if sink is not None:
            sink.parent.mkdir(parents=True, exist_ok=True)
        sim = SimPrinter(sink)
    worker = build_printer_worker(
        engine=engine, config=config, transport=sim, on_status=wiring.status,
        clock=clock.now, reconnect_s=wiring.reconnect_s, retry_s=min(3.0, wiring.reconnect_s))
    service = PrintService(engine=engine, config=config, worker=worker, store_info=store_info,
                           labels=labels_for(lang), guard=guard, clock=clock)
    return Built(worker, sim), service


def build_scale(config: ScaleConfig, wiring: Wiring) -> Built:
    """The serial scale's worker (kind "sim": on a ``ScaleSim`` pty showing 512 g)."""
    if not config.enabled:
        return Built()
    from drivers.scale.serial_scale import ScaleWorker

    sim = None
    if config.kind == "sim":
        from drivers.sim.scale_sim import ScaleSim

        sim = ScaleSim(grams=512).start()
        config = config.model_copy(update={"port": sim.path})
    worker = ScaleWorker(config, on_status=wiring.status, on_reading=wiring.reading,
                         reconnect_s=wiring.reconnect_s)
    return Built(worker, sim, sim.unplug if sim is not None else None)


def build_scanner(config: ScannerConfig, wiring: Wiring) -> Built:
    """The serial scanner's worker (kind "sim": on a ``SerialScannerSim`` pty). A wedge
    scanner needs no worker: the UI catches its key bursts."""
    if config.kind not in ("serial", "sim"):
        return Built()
    from drivers.scanner.serial_scanner import SerialScanner

    sim = None
    if config.kind == "sim":
        from drivers.sim.serial_scanner_sim import SerialScannerSim

        sim = SerialScannerSim(terminator=config.terminator)
        config = config.model_copy(update={"path": sim.device_path,
                                           "reconnect_s": wiring.reconnect_s})
    worker = SerialScanner(config, on_scan=lambda code: wiring.scan(code, "serial"),
                           on_status=wiring.status)
    return Built(worker, sim, sim.unplug if sim is not None else None)


def build_camera(config: CameraConfig, wiring: Wiring) -> Built:
    """The camera's worker. Kind "sim" without images: a ``HeldUpCamera`` that shows a code
    only when one is held up to it (the looping demo would fill the cart)."""
    if config.kind == "none":
        return Built()
    from drivers.camera.capture import CameraWorker, make_camera
    from drivers.camera.decoders import make_decoder

    def on_code(code: str) -> None:
        wiring.scan(code, "camera")

    if config.kind == "sim" and config.sim_images is None:
        from drivers.sim.held_up_camera import HeldUpCamera

        sim = HeldUpCamera()
        worker = CameraWorker(sim, decoder=make_decoder(config.decoder), on_code=on_code,
                              on_frame=wiring.frame, on_status=wiring.status,
                              repeat_s=config.repeat_s, preview_fps=config.preview_fps,
                              reconnect_s=wiring.reconnect_s)
        return Built(worker, sim)
    return Built(make_camera(config, on_code=on_code, on_frame=wiring.frame,
                             on_status=wiring.status))


def build_display(config: DisplayConfig, wiring: Wiring) -> Built:
    """The pole display's worker (kind "sim": on a ``PoleSim`` pty). The customer window
    (kind "window") is the UI's own."""
    if not config.wants_pole:
        return Built()
    from drivers.display.pole_display import PoleDisplayWorker

    sim = None
    if config.kind == "sim":
        from drivers.sim.pole_sim import PoleSim

        sim = PoleSim(encoding=config.encoding,
                      on_screen=lambda lines: wiring.pole(*lines)).start()
        config = config.model_copy(update={"port": sim.path})
    worker = PoleDisplayWorker(config, on_status=wiring.status,
                               reconnect_s=wiring.reconnect_s)
    return Built(worker, sim, sim.unplug if sim is not None else None)


# The devices without a service of their own, by settings section (start order).
BUILDERS: dict[str, Callable[[Any, Wiring], Built]] = {
    "scale": build_scale,
    "scanner": build_scanner,
    "camera": build_camera,
    "display": build_display,
}
