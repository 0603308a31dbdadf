"""Sales during a 100,000-row products CSV import (10,000 with ``--small``).

The import runs as the till runs it — ``ProductService.import_csv`` on a thread of its own
(``TaskRunner(own_thread=True)``), every row checked first, then written in chunks that give
way to sales — while this thread completes real 20-line cash sales (``CheckoutService``, the
durable ``commit_sale``), one every ``SALE_EVERY_S`` (20 a second: a hundred times a busy
till's pace, yet with room for the import to run; back to back, the sales would hold
Python's GIL nearly all the time and starve the import). ``sale_wait_ms``: from the call of
``commit_sale`` to its ``BEGIN IMMEDIATE`` (an engine "begin" event), i.e. the time the sale
waits for the database (the write gate, then SQLite's lock); the same for sales with no
import running is the reference. The full commit times are reported too: during the import
they also carry the import thread's CPU (Python's GIL: the pinyin of 100,000 names, the
parsing), which is not waiting for the database. Also the import's duration and how many
chunks it wrote. ``--skus`` is the file's row count.
"""

from __future__ import annotations

import random
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event

from bench import dataset
from bench.report import log
from bench.stats import ms, percentile, summary_ms

if TYPE_CHECKING:  # imported when a run needs them
    from pos_app.core.product import ProductInfo
    from pos_app.services.checkout import CheckoutService

LINES = 20
CATALOG = 2_000  # products on the till before the import (what the sales sell)
BASELINE_SALES = 100
SALE_EVERY_S = 0.05
FULL_ROWS = 100_000
SMALL_ROWS = 10_000


def _write_csv(path: Path, rows: int) -> None:
    from pos_app.core.barcode import with_check_digit

    names = ("可口可乐", "康师傅红烧牛肉面", "农夫山泉", "蒙牛纯牛奶", "青岛啤酒", "乐事薯片")
    with path.open("w", encoding="utf-8") as f:
        f.write("sku,name,price,category,barcodes\n")
        for i in range(rows):
            f.write(f"IMP{i:07d},{names[i % len(names)]} {i % 997}号,{1 + i % 300}.50,"
                    f"饮料,{with_check_digit(f'68{i:010d}')}\n")


def _paid_sale(service: CheckoutService, products: Sequence[ProductInfo],
               rng: random.Random) -> None:
    from pos_app.core.money import Money

    for product in rng.sample(products, LINES):
        service.add_product(product, 1)
    due = service.current().priced.totals.total
    service.add_tender("cash", Money((due.fen // 10_000 + 1) * 10_000))


class _Begins:
    """The moment each write transaction of this thread began (an engine "begin" event)."""

    def __init__(self) -> None:
        self.me = threading.get_ident()
        self.at: int | None = None

    def __call__(self, _conn: object) -> None:
        if threading.get_ident() == self.me and self.at is None:
            self.at = time.perf_counter_ns()


def _sale_ns(service: CheckoutService, products: Sequence[ProductInfo], rng: random.Random,
             begins: _Begins) -> tuple[int, int]:
    """(wait for the database, whole commit) of one sale, in ns."""
    _paid_sale(service, products, rng)
    pending = service.begin_complete()
    begins.at = None
    t0 = time.perf_counter_ns()
    committed = pending.run()  # what the writer thread runs: commit_sale
    t1 = time.perf_counter_ns()
    pending.finish(committed)
    return (begins.at or t1) - t0, t1 - t0


def run(*, skus: int, small: bool) -> dict[str, object]:
    from pos_app.interpreter import tune_interpreter
    from pos_app.services.checkout import CheckoutService
    from pos_app.services.products import ProductService
    from pos_app.store import db, terminal

    tune_interpreter()  # as the till runs

    # `--skus` defaults to the catalog benchmarks' sizes: those mean this one's defaults.
    rows = {1_000_000: FULL_ROWS, 20_000: SMALL_ROWS}.get(skus, skus)
    rng = random.Random(5)
    with tempfile.TemporaryDirectory(dir=dataset.scratch_dir()) as tmp:
        directory = Path(tmp)
        csv_path = directory / "products.csv"
        log(f"writing a {rows:,}-row products CSV")
        _write_csv(csv_path, rows)
        engine = db.open_database(directory / "import-bench.db")
        try:
            dataset.populate(engine, CATALOG)
            products = dataset.products(engine, range(1, CATALOG + 1))
            service = CheckoutService(engine=engine,
                                      store_info=terminal.get_store_info(engine=engine))
            begins = _Begins()
            event.listen(engine, "begin", begins)
            log(f"reference: {BASELINE_SALES} sales with no import running")
            alone = [_sale_ns(service, products, rng, begins) for _ in range(BASELINE_SALES)]
            chunks: list[int] = []
            outcome: dict[str, float] = {}  # seconds, imported, errors

            def do_import() -> None:
                started = time.perf_counter()
                report = ProductService(engine=engine).import_csv(
                    csv_path, lambda done, _total: chunks.append(done))
                outcome["seconds"] = time.perf_counter() - started
                outcome["imported"] = report.imported
                outcome["errors"] = len(report.errors)

            importer = threading.Thread(target=do_import, name="pos-db-long")
            log(f"importing {rows:,} rows while selling")
            importer.start()
            during: list[tuple[int, int]] = []
            next_sale = time.perf_counter()
            while importer.is_alive():
                during.append(_sale_ns(service, products, rng, begins))
                next_sale += SALE_EVERY_S
                time.sleep(max(0.0, next_sale - time.perf_counter()))
            importer.join()
        finally:
            engine.dispose()
    if outcome.get("errors"):
        raise RuntimeError(f"the import reported {outcome['errors']} errors")
    waits = [w for w, _ in during] or [0]
    commits = [c for _, c in during] or [0]
    return {
        "rows": rows,
        "import_s": round(outcome["seconds"], 2),
        "imported": outcome["imported"],
        "chunks": len(chunks),
        "sales_during_import": len(during),
        "sale_wait_ms_max": ms(max(waits)),
        "sale_wait_ms_p99": ms(percentile(waits, 99)),
        "ref_sale_wait_alone_ms": summary_ms([w for w, _ in alone], 50, 99),
        "sale_commit_during_import_ms": summary_ms(commits, 50, 99),
        "ref_sale_commit_alone_ms": summary_ms([c for _, c in alone], 50, 99),
        "target_sale_wait_ms_max": 50,
    }

