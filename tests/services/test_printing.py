"""Printing use cases on a real SQLite store with the simulated printer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import Engine

from drivers.device import DeviceState
from drivers.printer.config import PrinterConfig
from drivers.printer.printer_worker import PrinterWorker
from drivers.sim.escpos_decode import decode
from drivers.sim.printer_sim import SimPrinter
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.roles import Permission
from pos_app.services.checkout import CheckoutService
from pos_app.services.guard import Guard
from pos_app.services.printing import PrintService, build_printer_worker
from pos_app.store import print_jobs, terminal
from pos_app.store.audit import AuditFilter
from tests.conftest import CHIPS, COLA, TEA
from tests.staffing import approve, signed_in
from tests.waiting import wait_until

CONFIG = PrinterConfig(kind="sim", paper_mm=80, columns=42, qr_url="https://e.x/{receipt_no}")


@pytest.fixture
def sim() -> SimPrinter:
    return SimPrinter()


@pytest.fixture
def worker(engine: Engine, sim: SimPrinter) -> Iterator[PrinterWorker]:
    w = build_printer_worker(engine=engine, config=CONFIG, transport=sim, reconnect_s=0.01,
                             poll_s=0.005, retry_s=0.02)
    assert w is not None
    yield w
    w.stop()


def _services(engine: Engine, worker: PrinterWorker | None) -> tuple[CheckoutService,
                                                                     PrintService]:
    info = terminal.get_store_info(engine=engine)
    checkout = CheckoutService(engine=engine, store_info=info, cashier="张三")
    return checkout, PrintService(engine=engine, config=CONFIG, worker=worker, store_info=info)


def _sell(checkout: CheckoutService, *codes: str) -> str:
    for code in codes:
        assert checkout.scan(code).ok
    due = checkout.current().priced.totals.total
    checkout.add_tender("cash", Money(due.fen + 1000))
    return checkout.complete().receipt.receipt_no


def test_printer_offline_during_sale_then_back_prints_the_queued_receipt(
        engine: Engine, sim: SimPrinter, worker: PrinterWorker) -> None:
    checkout, printing = _services(engine, worker)
    sim.online = False
    worker.start()
    receipt_no = _sell(checkout, COLA, TEA)
    doc = printing.receipt_of(receipt_no)  # the sale is committed whatever the printer does
    ids = printing.print_receipt(doc)
    assert len(ids) == 2  # drawer kick (cash) + receipt
    wait_until(lambda: any(j.attempts for j in print_jobs.list_jobs(engine=engine))
               or worker.status.state == DeviceState.OFFLINE)
    assert all(j.state == "queued" for j in print_jobs.list_jobs(engine=engine))
    sim.online = True
    wait_until(lambda: print_jobs.next_jobs(engine=engine) == [])
    out = decode(sim.output(), "gb18030")
    assert receipt_no in "\n".join(out.texts()) and out.barcodes == [receipt_no]
    assert out.qrs == [f"https://e.x/{receipt_no}"] and out.kicks == [(0, 50, 50)]
    assert any("可口可乐" in t for t in out.texts())


def test_reprint_last_and_an_earlier_receipt(engine: Engine, sim: SimPrinter,
                                             worker: PrinterWorker) -> None:
    checkout, printing = _services(engine, worker)
    first = _sell(checkout, COLA)
    second = _sell(checkout, CHIPS, TEA)
    worker.start()
    printing.reprint_last()
    printing.reprint(first)
    wait_until(lambda: print_jobs.next_jobs(engine=engine) == [])
    text = "\n".join(decode(sim.output(), "gb18030").texts())
    assert text.index(second) < text.index(first) and text.count("重印") == 2
    assert [j.kind for j in printing.jobs()] == ["reprint", "reprint"]
    with pytest.raises(PosError) as err:
        printing.reprint("S999-T99-000001")
    assert err.value.key == "printer.receipt_not_found"


def test_rebuilt_receipt_matches_the_one_from_the_sale(engine: Engine) -> None:
    checkout, printing = _services(engine, None)
    for code in (COLA, CHIPS):
        assert checkout.scan(code).ok
    checkout.add_tender("cash", Money(10_000))
    original = checkout.complete().receipt
    rebuilt = printing.receipt_of(original.receipt_no)
    assert rebuilt == replace(original, completed_at=rebuilt.completed_at)
    assert rebuilt.completed_at == original.completed_at


def test_open_drawer_asks_permission_and_no_printer_prints_nothing(
        engine: Engine, worker: PrinterWorker) -> None:
    info = terminal.get_store_info(engine=engine)
    staff = signed_in(engine, "cashier")
    guarded = PrintService(engine=engine, config=CONFIG, worker=worker, store_info=info,
                           guard=Guard(staff=staff, buffered=False))
    with pytest.raises(PosError) as err:
        guarded.open_drawer()
    assert err.value.key == "permission.denied"
    # A supervisor's approval opens it once, audited with both names.
    approval = approve(staff, Permission.NO_SALE)
    assert guarded.open_drawer(approval)
    with pytest.raises(PosError, match=r"permission\.denied"):
        guarded.open_drawer(approval)  # used up
    entry = staff.audit_log(AuditFilter(action="open_drawer"))[0]
    assert (entry.staff_name, entry.approver_name) == ("王芳", "李强")
    _, none = _services(engine, None)
    assert none.status.state == DeviceState.DISABLED
    with pytest.raises(PosError):
        none.reprint_last()  # no sale yet
    assert [j.kind for j in print_jobs.list_jobs(engine=engine)] == ["drawer"]


def test_test_print_and_preview(engine: Engine, sim: SimPrinter, worker: PrinterWorker) -> None:
    checkout, printing = _services(engine, worker)
    worker.start()
    printing.test_print()
    wait_until(lambda: b"PRINT TEST" in sim.output())
    png = printing.preview_png(printing.receipt_of(_sell(checkout, COLA)),
                               PrinterConfig(kind="sim", paper_mm=58))
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == 384
