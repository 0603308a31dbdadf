"""pos-sim's printer renders each job it receives: text on the console, a PNG of the paper."""

from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image

from drivers.printer.config import PrinterConfig
from drivers.printer.escpos_encode import encode_layout
from drivers.printer.receipt_layout import layout_receipt
from drivers.sim.__main__ import PtyPrinter
from drivers.sim.escpos_render import render_job_png
from tests.drivers.printer.helpers import sample_doc
from tests.waiting import wait_until


def _job(config: PrinterConfig) -> bytes:
    layout = layout_receipt(sample_doc(3), columns=config.cols)
    return encode_layout(layout, config)


def test_rendered_job_is_paper_wide_and_inked() -> None:
    config = PrinterConfig(kind="sim", paper_mm=80, columns=48)
    png = render_job_png(_job(config), encoding="gb18030", width_px=576, columns=48)
    img = Image.open(io.BytesIO(png)).convert("L")
    assert img.width == 576 and img.height > 300
    assert sum(img.histogram()[:128]) > 2000  # dark pixels: printed ink


def test_pty_printer_renders_each_job_at_its_cut(tmp_path: Path) -> None:
    said: list[str] = []
    out = tmp_path / "printer.bin"
    sim = PtyPrinter(out, None, encoding="gb18030", say=said.append)
    job = _job(PrinterConfig(kind="sim", paper_mm=80, columns=48))
    fd = os.open(sim.path, os.O_RDWR | os.O_NOCTTY)
    try:
        for start in range(0, len(job), 512):  # arrives in pieces, like a serial line
            os.write(fd, job[start : start + 512])
        wait_until(lambda: sim.jobs >= 1, what="the job's cut")
    finally:
        os.close(fd)
    assert sim.jobs == 1
    assert out.read_bytes() == job
    assert (tmp_path / "printer-0001.png").stat().st_size > 1000
    assert any("S001-T01" in text for text in said)
