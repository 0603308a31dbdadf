"""Receipt printing cost for a 30-line receipt: layout, image render (image mode/preview), bytes.

``layout_ms_p50``: ReceiptDocument → 48-column layout; ``image_render_ms_p50``: that layout →
576 px image (the image-mode and preview path); ``escpos_bytes``: size of the text-mode job.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bench.report import log
from bench.stats import ms, percentile

if TYPE_CHECKING:  # imported when a run needs it
    from pos_app.core.receipt import ReceiptDocument

LINES = 30


def _doc() -> ReceiptDocument:
    from pos_app.core.money import Money
    from pos_app.core.receipt import ReceiptDocument, ReceiptLine
    from pos_app.core.tenders import Tender

    names = ("可口可乐 330ml", "康师傅冰红茶 500ml", "乐事薯片 原味 70g", "Fuji apples 红富士")
    lines = tuple(ReceiptLine(name=f"{names[i % 4]} {i}", qty_text=str(1 + i % 3),
                              unit_price=Money(350 + i), gross=Money((1 + i % 3) * (350 + i)),
                              discount=Money(50 if i % 5 == 0 else 0),
                              net=Money((1 + i % 3) * (350 + i) - (50 if i % 5 == 0 else 0)),
                              tax_rate_bp=1300) for i in range(LINES))
    total = Money.sum(x.net for x in lines)
    return ReceiptDocument(
        store_name="O2O 超市 人民路店", store_address="上海市人民路 100 号",
        receipt_no="S001-T01-000042", terminal_code="T01", cashier="张三",
        completed_at=datetime(2024, 11, 25, tzinfo=UTC), lines=lines,
        subtotal=Money.sum(x.gross for x in lines), discount=Money.sum(x.discount for x in lines),
        tax=Money(0), tax_by_rate=((1300, Money(total.fen * 13 // 113)),), rounding=Money(0),
        total=total, tenders=(Tender("cash", total, Money(50_000)),), paid=Money(50_000),
        change=Money(50_000 - total.fen), footer="谢谢惠顾", barcode_value="S001-T01-000042",
        store_code="S001")


def run(*, skus: int, small: bool) -> dict[str, object]:
    from drivers.printer import escpos_encode, raster
    from drivers.printer.config import PrinterConfig
    from drivers.printer.receipt_layout import layout_receipt

    del skus
    samples = 30 if small else 200
    config = PrinterConfig(kind="sim", paper_mm=80, qr_url="https://e.example/r/{receipt_no}")
    doc = _doc()
    qr = "https://e.example/r/S001-T01-000042"
    raster.render_layout(layout_receipt(doc, columns=48, qr_data=qr), width_px=576)  # warm-up
    layout_ns, image_ns = [], []
    for _ in range(samples):
        t0 = time.perf_counter_ns()
        # As PrintService lays it out: cells counted in the printer's encoding.
        layout = layout_receipt(doc, columns=config.cols, qr_data=qr,
                                text_map=config.text_map, encoding=config.encoding)
        t1 = time.perf_counter_ns()
        raster.render_layout(layout, width_px=config.dots)
        t2 = time.perf_counter_ns()
        layout_ns.append(t1 - t0)
        image_ns.append(t2 - t1)
    data = escpos_encode.encode_layout(layout, config)
    image_job = escpos_encode.encode_layout(layout, config.model_copy(update={"image_mode": True}))
    log(f"{samples} samples, {LINES} lines")
    return {
        "lines": LINES,
        "layout_ms_p50": ms(percentile(layout_ns, 50)),
        "image_render_ms_p50": ms(percentile(image_ns, 50)),
        "escpos_bytes": len(data),
        "image_mode_bytes": len(image_job),
    }
