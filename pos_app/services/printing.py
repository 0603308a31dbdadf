"""Printing use cases: receipts after a sale, reprints, the drawer, test page, preview.

Printing never decides a sale: a job is queued in its own small transaction after the sale
committed and the printer worker sends it when it can. Rendering happens here, at enqueue
time, so the queued bytes are exactly what prints. ``receipt_text`` is the same layout as
text, for the screen. The encoder and the rasteriser (PIL, the barcode and QR libraries) are
imported on the first print or preview, so a till without a printer starts without them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Unpack

from sqlalchemy import Engine

from drivers.device import DeviceState, DeviceStatus
from drivers.printer.config import PrinterConfig
from drivers.printer.printer_worker import PrinterWorker, QueuedJob, WorkerTimings
from drivers.printer.receipt_layout import (
    ReceiptLabels,
    ReceiptLayout,
    labels_for,
    layout_receipt,
    layout_test_page,
)
from drivers.printer.shift_labels import shift_labels_for
from drivers.printer.transports import Transport, make_transport, with_profile
from pos_app.core.clock import DEFAULT_CLOCK, StoreClock, default_now
from pos_app.core.errors import PosError
from pos_app.core.receipt import ReceiptDocument
from pos_app.core.returns import ReturnReceipt
from pos_app.core.roles import Permission
from pos_app.core.shift_report import ShiftReport
from pos_app.core.store_info import StoreInfo
from pos_app.services.guard import Guard
from pos_app.services.receipts import receipt_from_stored
from pos_app.services.staff import Approval
from pos_app.store import print_jobs, sales
from pos_app.store.print_jobs import JobKind, PrintJobRecord

SCREEN_COLUMNS = 42  # the on-screen receipt's width


class StoreJobQueue:
    """The worker's ``JobQueue`` on the ``print_job`` table."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = default_now) -> None:
        self._engine = engine
        self._clock = clock

    def pending(self) -> list[QueuedJob]:
        return [QueuedJob(j.job_id, j.kind, j.payload, j.created_at)
                for j in print_jobs.next_jobs(engine=self._engine)]

    def printing(self, job_id: int) -> None:
        print_jobs.mark_printing(engine=self._engine, job_id=job_id, now=self._clock())

    def done(self, job_id: int) -> None:
        print_jobs.mark_done(engine=self._engine, job_id=job_id, now=self._clock())

    def failed(self, job_id: int, key: str) -> None:
        print_jobs.mark_failed(engine=self._engine, job_id=job_id, error_key=key,
                               now=self._clock())

    def abandon(self, job_id: int, key: str) -> None:
        print_jobs.mark_abandoned(engine=self._engine, job_id=job_id, error_key=key,
                                  now=self._clock())


def build_printer_worker(
    *, engine: Engine, config: PrinterConfig, transport: Transport | None = None,
    on_status: Callable[[DeviceStatus], None] | None = None,
    clock: Callable[[], datetime] = default_now, **worker_kw: Unpack[WorkerTimings],
) -> PrinterWorker | None:
    """The printer's worker for ``config`` (not started); ``None`` when no printer is set.
    ``transport`` replaces the one ``config`` names (the device manager passes the simulated
    printer this way); ``clock`` stamps the jobs (the store's clock)."""
    if not config.enabled:
        return None
    if transport is None and config.kind == "sim":
        raise ValueError("the simulated printer comes in as the transport")

    def factory() -> Transport:
        if transport is not None:
            return transport
        made = make_transport(config)
        assert made is not None  # every enabled kind but "sim" names one
        return made

    return PrinterWorker(transport_factory=factory, jobs=StoreJobQueue(engine, clock),
                         on_status=on_status, clock=clock, **worker_kw)


def shift_report_text(report: ShiftReport, *, lang: str,
                      columns: int = SCREEN_COLUMNS) -> str:
    """A shift report as the screen shows it (Unicode widths, the UI's language)."""
    from drivers.printer.shift_layout import layout_shift_report

    layout = layout_shift_report(report, columns=columns, labels=shift_labels_for(lang))
    return "\n".join(row.rstrip() for row in layout.text().splitlines())


def receipt_text(doc: ReceiptDocument, *, lang: str, columns: int = SCREEN_COLUMNS) -> str:
    """The receipt as the printer lays it out, as lines of text ``columns`` wide in the words
    of ``lang`` (trailing blanks dropped): what the screen shows beside the printed image."""
    layout = layout_receipt(doc, columns=columns, labels=labels_for(lang))
    return "\n".join(row.rstrip() for row in layout.text().splitlines())


def return_text(doc: ReturnReceipt, *, lang: str, sale: ReceiptDocument | None = None,
                columns: int = SCREEN_COLUMNS) -> str:
    """A return receipt (with ``sale``: an exchange's slip) as the screen shows it."""
    from drivers.printer.return_layout import layout_exchange, layout_return, return_labels_for

    layout = layout_return(doc, columns=columns, labels=return_labels_for(lang))
    if sale is not None:
        layout = layout_exchange(layout, layout_receipt(sale, columns=columns,
                                                        labels=labels_for(lang)))
    return "\n".join(row.rstrip() for row in layout.text().splitlines())


class PrintService:
    """What the UI calls to print; each call returns the queued job ids. ``labels`` are the
    screen language's words, used unless the printer settings choose a receipt language."""

    def __init__(
        self, *, engine: Engine, config: PrinterConfig, worker: PrinterWorker | None,
        store_info: StoreInfo, labels: ReceiptLabels | None = None,
        guard: Guard | None = None, clock: StoreClock = DEFAULT_CLOCK,
    ) -> None:
        self._engine = engine
        self.config = with_profile(config)
        self._worker = worker
        self.store_info = store_info
        self.labels = labels or ReceiptLabels()
        self.guard = guard or Guard(buffered=False)
        self._clock = clock

    @property
    def status(self) -> DeviceStatus:
        """The printer's state for the status bar."""
        if self._worker is None:
            return DeviceStatus("printer", DeviceState.DISABLED)
        return self._worker.status

    # ---- rendering (pure) ---------------------------------------------------------------

    def layout(self, doc: ReceiptDocument, *, reprint: bool = False,
               config: PrinterConfig | None = None) -> ReceiptLayout:
        """``doc`` laid out for the (given or configured) printer, in its receipt language."""
        cfg = config or self.config
        qr = cfg.qr_data(receipt_no=doc.receipt_no, store_code=doc.store_code,
                         terminal_code=doc.terminal_code)
        labels = labels_for(cfg.receipt_lang) if cfg.receipt_lang else self.labels
        return layout_receipt(doc, columns=cfg.cols, labels=labels, text_map=cfg.text_map,
                              qr_data=qr, qr_caption=cfg.qr_caption, reprint=reprint,
                              encoding=cfg.encoding, bilingual=cfg.bilingual)

    def render(self, doc: ReceiptDocument, *, reprint: bool = False, kick: bool = False) -> bytes:
        """The ESC/POS bytes of ``doc``."""
        from drivers.printer import escpos_encode

        return escpos_encode.encode_layout(self.layout(doc, reprint=reprint), self.config,
                                           kick=kick)

    def preview_png(self, doc: ReceiptDocument, config: PrinterConfig | None = None, *,
                    reprint: bool = False) -> bytes:
        """PNG of the exact layout (the image-mode code path): 384 px (58 mm) or 576 px wide."""
        cfg = config or self.config
        from drivers.printer import raster

        img = raster.render_layout(self.layout(doc, config=cfg, reprint=reprint),
                                   width_px=cfg.dots)
        return raster.to_png(img)

    # ---- jobs ---------------------------------------------------------------------------

    def _enqueue(self, kind: JobKind, payload: bytes, receipt_no: str | None = None) -> list[int]:
        if self._worker is None:
            return []  # no printer configured: nothing to keep for later
        job_id = print_jobs.enqueue_job(engine=self._engine, kind=kind, payload=payload,
                                        receipt_no=receipt_no, now=self._clock.now())
        self._worker.wake()
        return [job_id]

    def _drawer_kick(self) -> bytes:
        from drivers.printer import escpos_encode

        return escpos_encode.encode_drawer(self.config)

    def print_receipt(self, doc: ReceiptDocument) -> list[int]:
        """Queue the receipt of a just-committed sale (drawer kick first for cash)."""
        ids: list[int] = []
        if self.config.kick_drawer_on_cash and any(t.kind == "cash" for t in doc.tenders):
            ids += self._enqueue("drawer", self._drawer_kick())
        return ids + self._enqueue("receipt", self.render(doc), doc.receipt_no)

    # ---- returns and exchanges ----------------------------------------------------------

    def return_layout(self, doc: ReturnReceipt) -> ReceiptLayout:
        """A return receipt laid out for the printer, in its receipt language."""
        from drivers.printer.return_layout import layout_return, return_labels_for

        cfg = self.config
        return layout_return(doc, columns=cfg.cols, encoding=cfg.encoding,
                             labels=return_labels_for(cfg.receipt_lang or self.labels.lang),
                             text_map=cfg.text_map)

    def _return_or_exchange(self, doc: ReturnReceipt,
                            sale: ReceiptDocument | None) -> ReceiptLayout:
        from drivers.printer.return_layout import layout_exchange

        layout = self.return_layout(doc)
        return layout_exchange(layout, self.layout(sale)) if sale is not None else layout

    def print_return(self, doc: ReturnReceipt, sale: ReceiptDocument | None = None
                     ) -> list[int]:
        """Queue a return receipt (drawer kick first when cash goes back); with ``sale``, an
        exchange's one slip: the return, then the new sale's receipt."""
        from drivers.printer import escpos_encode

        layout = self._return_or_exchange(doc, sale)
        ids: list[int] = []
        cash = any(r.kind == "cash" for r in doc.refunds) or (
            sale is not None and any(t.kind == "cash" for t in sale.tenders))
        if self.config.kick_drawer_on_cash and cash:
            ids += self._enqueue("drawer", self._drawer_kick())
        payload = escpos_encode.encode_layout(layout, self.config)
        return ids + self._enqueue("receipt", payload, doc.return_no)

    def return_preview_png(self, doc: ReturnReceipt, sale: ReceiptDocument | None = None
                           ) -> bytes:
        """PNG of the printed return receipt (or exchange slip), as ``preview_png``."""
        from drivers.printer import raster

        img = raster.render_layout(self._return_or_exchange(doc, sale),
                                   width_px=self.config.dots)
        return raster.to_png(img)

    # ---- shift reports (X and Z) ---------------------------------------------------------

    def shift_layout(self, report: ShiftReport, *, reprint: bool = False) -> ReceiptLayout:
        """A shift report laid out for the printer, in its receipt language."""
        from drivers.printer.shift_layout import layout_shift_report

        cfg = self.config
        return layout_shift_report(report, columns=cfg.cols, encoding=cfg.encoding,
                                   labels=shift_labels_for(cfg.receipt_lang or self.labels.lang),
                                   text_map=cfg.text_map, reprint=reprint)

    def print_shift_report(self, report: ShiftReport, *, reprint: bool = False) -> list[int]:
        """Queue a shift report (X, or the Z that closed a shift)."""
        from drivers.printer import escpos_encode

        return self._enqueue("report", escpos_encode.encode_layout(
            self.shift_layout(report, reprint=reprint), self.config))

    def shift_preview_png(self, report: ShiftReport, *, reprint: bool = False) -> bytes:
        """PNG of the printed shift report (the image-mode code path)."""
        from drivers.printer import raster

        img = raster.render_layout(self.shift_layout(report, reprint=reprint),
                                   width_px=self.config.dots)
        return raster.to_png(img)

    def receipt_of(self, receipt_no: str) -> ReceiptDocument:
        """The receipt of an earlier completed sale (``printer.receipt_not_found``)."""
        stored = sales.get_sale(engine=self._engine, receipt_no=receipt_no)
        if stored is None or stored.state != "completed" or not stored.receipt_no:
            raise PosError("printer.receipt_not_found", receipt_no=receipt_no)
        return receipt_from_stored(stored, store=self.store_info, zone=self._clock.zone)

    def reprint(self, receipt_no: str) -> list[int]:
        """Queue a copy (marked as reprint) of any earlier receipt."""
        return self.reprint_doc(self.receipt_of(receipt_no))

    def reprint_doc(self, doc: ReceiptDocument, approval: Approval | None = None) -> list[int]:
        """Queue a copy (marked as reprint) of ``doc`` (from ``receipt_of``); ``reprint``
        is the role's, or a supervisor's approval."""
        used = self.guard.authorize(Permission.REPRINT, approval)
        jobs = self._enqueue("reprint", self.render(doc, reprint=True), doc.receipt_no)
        self.guard.note(Permission.REPRINT, subject=doc.receipt_no, approval=used)
        return jobs

    def last_receipt_no(self) -> str | None:
        """The newest completed sale's receipt number."""
        for stored in sales.recent_sales(engine=self._engine, limit=20):
            if stored.state == "completed" and stored.receipt_no:
                return stored.receipt_no
        return None

    def reprint_last(self) -> list[int]:
        """Reprint the newest receipt (``printer.no_receipt`` when none yet)."""
        receipt_no = self.last_receipt_no()
        if receipt_no is None:
            raise PosError("printer.no_receipt")
        return self.reprint(receipt_no)

    def open_drawer(self, approval: Approval | None = None) -> list[int]:
        """Kick the cash drawer without a sale (``open_drawer``: the role's, or a
        supervisor's approval); audited."""
        used = self.guard.authorize(Permission.NO_SALE, approval)
        if self._worker is None:
            raise PosError("printer.not_configured")
        jobs = self._enqueue("drawer", self._drawer_kick())
        self.guard.note(Permission.NO_SALE, subject="", approval=used)
        return jobs

    def test_print(self) -> list[int]:
        """Queue a test page (Chinese, ruler, aligned prices)."""
        if self._worker is None:
            raise PosError("printer.not_configured")
        page = layout_test_page(columns=self.config.cols, text_map=self.config.text_map,
                                encoding=self.config.encoding)
        from drivers.printer import escpos_encode

        return self._enqueue("test", escpos_encode.encode_layout(page, self.config))

    def jobs(self, limit: int = 50) -> list[PrintJobRecord]:
        """Latest jobs, newest first (state, attempts, last error key)."""
        return print_jobs.list_jobs(engine=self._engine, limit=limit)
