"""``pos-sim``: start device simulators and print their device paths as one JSON line.

    pos-sim scale --weight 350          a Toledo 8217-style scale on a pty
    pos-sim pole                        a CD5220 pole display on a pty (prints each screen)
    pos-sim scanner --codes FILE        a serial scanner on a pty that "scans" each line
    pos-sim printer --out FILE          a serial ESC/POS printer on a pty: bytes to FILE, each
                                        job rendered to FILE-NNNN.png and its text printed
    pos-sim camera --images DIR         settings for the in-process camera simulator
    pos-sim all                         scale, pole, scanner and printer together

``--links DIR`` puts stable symlinks (DIR/scale, DIR/pole, ...) in front of the ptys. While
running, lines on stdin drive the simulators: ``weight 350``, ``moving 500 5`` (five moving
replies, then still), ``overload``, ``fault``, ``ok``, ``scan CODE`` (or just a code in
``scanner`` mode), ``unplug NAME`` / ``replug NAME``, ``quit``. Ctrl-C stops.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import sys
import threading
import tty
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from drivers.sim.pole_sim import PoleSim
from drivers.sim.scale_sim import ScaleSim

_DLE_EOT = b"\x10\x04"
_CUT = b"\x1dV"  # GS V m: the end of a job


class PtyPrinter:
    """A serial printer on a pty in front of ``drivers.sim.printer_sim.SimPrinter``."""

    def __init__(self, out: Path | None, link: Path | None, *, encoding: str = "gb18030",
                 say: Callable[[str], None] = print) -> None:
        from drivers.sim.printer_sim import SimPrinter

        self.printer = SimPrinter(sink=out)
        self.out = out
        self.encoding = encoding
        self.jobs = 0
        self._say = say
        self._job = bytearray()
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.path = os.ttyname(self._slave)
        if link is not None:
            link.unlink(missing_ok=True)
            link.symlink_to(self.path)
            self.path = str(link)
        threading.Thread(target=self._serve, name="printer-sim", daemon=True).start()

    def _serve(self) -> None:
        while True:
            ready, _, _ = select.select([self._master], [], [], 0.2)
            if not ready:
                continue
            try:
                data = os.read(self._master, 4096)
            except OSError:
                return
            self.printer.write(data)
            self._collect(data)
            at = data.find(_DLE_EOT)
            while at >= 0:  # real-time status requests are answered at once
                reply = self.printer.query(data[at : at + 3])
                if reply:
                    os.write(self._master, reply)
                at = data.find(_DLE_EOT, at + 3)


    def _collect(self, data: bytes) -> None:
        """Render each job when its cut arrives: text to the console, PNG beside ``out``."""
        from drivers.sim.escpos_render import job_text, render_job_png

        self._job += data
        while (cut := self._job.find(_CUT)) >= 0:
            job, self._job = bytes(self._job[: cut + 3]), self._job[cut + 3 :]
            number = self.jobs + 1
            self._say(job_text(job, encoding=self.encoding))
            if self.out is not None:
                png = self.out.with_name(f"{self.out.stem}-{number:04d}.png")
                png.write_bytes(render_job_png(job, encoding=self.encoding))
                self._say(f"printer | job {number} rendered to {png}")
            self.jobs = number  # counted once its output exists


def _link(links: Path | None, name: str) -> Path | None:
    if links is None:
        return None
    links.mkdir(parents=True, exist_ok=True)
    return links / name


def start(args: argparse.Namespace, say: Callable[[str], None]) -> dict[str, Any]:
    """Start the simulators ``args`` asks for; returns name → simulator object."""
    want = {"scale", "pole", "scanner", "printer"} if args.device == "all" else {args.device}
    sims: dict[str, Any] = {}
    if "scale" in want:
        sims["scale"] = ScaleSim(grams=args.weight, unit=args.unit,
                                 link=_link(args.links, "scale")).start()
    if "pole" in want:
        sims["pole"] = PoleSim(encoding=args.encoding, link=_link(args.links, "pole"),
                               on_screen=lambda s: say("pole | " + " | ".join(s))).start()
    if "scanner" in want:
        from drivers.sim.serial_scanner_sim import SerialScannerSim

        sims["scanner"] = SerialScannerSim(link=_link(args.links, "scanner"))
    if "printer" in want:
        sims["printer"] = PtyPrinter(args.out, _link(args.links, "printer"),
                                     encoding=args.printer_encoding, say=say)
    return sims


def describe(sims: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """The JSON the app (or a person) needs: paths and matching device settings."""
    info: dict[str, Any] = {}
    if "scale" in sims:
        info["scale"] = {"path": sims["scale"].path, "settings": {
            "kind": "sim", "port": sims["scale"].path, "unit": args.unit}}
    if "pole" in sims:
        info["pole"] = {"path": sims["pole"].path, "settings": {
            "kind": "sim", "port": sims["pole"].path, "encoding": args.encoding}}
    if "scanner" in sims:
        info["scanner"] = {"path": sims["scanner"].device_path}
    if "printer" in sims:
        info["printer"] = {"path": sims["printer"].path, "out": str(args.out or ""),
                           "settings": {"kind": "serial", "serial_path": sims["printer"].path}}
    if args.device == "camera":
        from drivers.sim.camera_sim import image_paths

        folder = args.images.resolve() if args.images else None
        count = len(image_paths(folder)) if folder else 0
        info["camera"] = {"images": str(folder or ""), "count": count,
                          "settings": {"kind": "sim", "sim_images": str(folder or "")}}
    return info


def command(sims: dict[str, Any], line: str) -> str:
    """Carry out one stdin line; returns what to print."""
    words = line.split()
    if not words:
        return ""
    verb, rest = words[0].lower(), words[1:]
    scale: ScaleSim | None = sims.get("scale")
    try:
        if verb == "weight" and scale and rest:
            scale.set_weight(int(rest[0]))
        elif verb == "moving" and scale and rest:
            scale.set_weight(int(rest[0]), moving_reads=int(rest[1]) if len(rest) > 1 else 5)
        elif verb == "overload" and scale:
            scale.set_weight(scale.capacity_g + 1)
        elif verb in ("fault", "ok") and scale:
            scale.set_fault(verb == "fault")
        elif verb in ("unplug", "replug") and rest and rest[0] in sims:
            getattr(sims[rest[0]], verb)()
        elif verb == "scan" and rest and "scanner" in sims:
            sims["scanner"].scan(" ".join(rest))
        elif "scanner" in sims and len(sims) == 1:
            sims["scanner"].scan(line.strip())  # scanner mode: every line is a code
        else:
            return f"? {line.strip()}"
    except (ValueError, OSError, AttributeError) as exc:
        return f"! {exc}"
    return "ok"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="pos-sim", description="Start O2O POS device simulators.")
    p.add_argument("device", choices=["scale", "pole", "scanner", "printer", "camera", "all"])
    p.add_argument("--links", type=Path, help="folder for stable symlinks to the ptys")
    p.add_argument("--weight", type=int, default=0, help="grams on the scale")
    p.add_argument("--unit", choices=["kg", "g"], default="kg", help="scale reply unit")
    p.add_argument("--encoding", default="ascii", help="pole display character set")
    p.add_argument("--codes", type=Path, help="file of codes for the scanner, one a line")
    p.add_argument("--interval", type=float, default=0.5, help="seconds between codes")
    p.add_argument("--out", type=Path, help="file the printer appends received bytes to")
    p.add_argument("--printer-encoding", default="gb18030", help="printer character set")
    p.add_argument("--images", type=Path, help="folder of images for the camera")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``pos-sim``."""
    args = parse_args(argv)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    try:
        sims = start(args, say)
    except ImportError as exc:  # a simulator another part of the app has not shipped yet
        say(f"pos-sim: {args.device} simulator not available: {exc}")
        return 2
    print(json.dumps(describe(sims, args), ensure_ascii=False), flush=True)
    if args.device == "camera":
        return 0  # the camera simulator runs inside the app; nothing to keep alive
    if args.codes is not None and "scanner" in sims:
        threading.Thread(target=sims["scanner"].scan_file, args=(args.codes,),
                         kwargs={"interval_s": args.interval}, daemon=True).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=_read_stdin, args=(sims, stop, say), daemon=True).start()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    for sim in sims.values():
        closer = getattr(sim, "close", None) or getattr(sim, "unplug", None)
        if closer is not None:
            closer()
    return 0


def _read_stdin(sims: dict[str, Any], stop: threading.Event, say: Callable[[str], None]) -> None:
    for line in sys.stdin:
        if line.strip().lower() in ("quit", "exit"):
            stop.set()
            return
        reply = command(sims, line)
        if reply:
            say(reply)
    # stdin closed (started in the background): keep serving until a signal


if __name__ == "__main__":
    sys.exit(main())
