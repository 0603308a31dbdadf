"""Durable commit of a 20-line cash sale (sale, lines, tender, stock, outbox) in one transaction.

The sale is built by the real ``CheckoutService`` (20 products of the catalog added, a gold
member on it, paid in cash); the timed part is ``begin_complete().run`` — exactly
``store.sales.commit_sale`` as the writer thread runs it — on a private copy of the benchmark
catalog of the requested size (``bench.stack.working_db``: the cached ``.bench/skus-N.db``
stays clean; 500 active promotions and the demo members added), a file on disk (WAL,
synchronous=FULL). Reference: a bare one-row ``BEGIN; INSERT; COMMIT`` with the same pragmas
in the same directory.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bench import dataset, stack
from bench.report import log
from bench.sale_ref import bare_commit_ns
from bench.stats import ms, percentile, summary_ms

if TYPE_CHECKING:  # imported when a run needs them
    from sqlalchemy import Engine

    from pos_app.core.product import ProductInfo
    from pos_app.services.checkout import CheckoutService

LINES = 20
PRODUCTS = 2_000  # drawn at random from the whole catalog, 20 of them per sale
WARMUP = 10


def _working_db(skus: int, directory: Path) -> Engine:
    from pos_app.store import db

    return db.open_database(stack.working_db(skus, directory))


def _paid_sale(service: CheckoutService, products: Sequence[ProductInfo],
               rng: random.Random) -> None:
    from pos_app.core.money import Money

    service.scan(stack.MEMBER_CARD)
    if service.sale.member is None:
        raise RuntimeError("the member card was not taken")
    for product in rng.sample(products, LINES):
        service.add_product(product, rng.choice((1, 1, 1, 2, 3)))
    due = service.current().priced.totals.total
    service.add_tender("cash", Money((due.fen // 10_000 + 1) * 10_000))  # next 100 yuan


def _durability(engine: Engine) -> tuple[str, int]:
    with engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar_one()
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar_one()
    return str(mode), int(sync)


def run(*, skus: int, small: bool) -> dict[str, object]:
    from pos_app.services.checkout import CheckoutService
    from pos_app.store import terminal

    samples = 300 if small else 1000
    rng = random.Random(11)
    with tempfile.TemporaryDirectory(dir=dataset.scratch_dir()) as tmp:
        directory = Path(tmp)
        engine = _working_db(skus, directory)
        try:
            journal, sync = _durability(engine)
            if journal != "wal" or sync != 2:
                raise RuntimeError(f"not durable: journal_mode={journal} synchronous={sync}")
            ids = dict.fromkeys(int(r[0]) for r in dataset.sample_rows(
                dataset.cache_path(skus), "product", "id", PRODUCTS, seed=13))
            products = dataset.products(engine, ids)
            service = CheckoutService(engine=engine,
                                      store_info=terminal.get_store_info(engine=engine))
            commit_ns, finish_ns, build_ns = [], [], []
            log(f"committing {samples} sales of {LINES} lines (+{WARMUP} warm-up) in {tmp}")
            for i in range(samples + WARMUP):
                _paid_sale(service, products, rng)
                t0 = time.perf_counter_ns()
                pending = service.begin_complete()  # UI thread: record from core values
                t1 = time.perf_counter_ns()
                committed = pending.run()  # writer thread: commit_sale, the timed figure
                t2 = time.perf_counter_ns()
                pending.finish(committed)  # UI thread: receipt, next sale
                t3 = time.perf_counter_ns()
                if i >= WARMUP:
                    build_ns.append(t1 - t0)
                    commit_ns.append(t2 - t1)
                    finish_ns.append(t3 - t2)
        finally:
            engine.dispose()
        log(f"reference: {samples} bare one-row durable commits")
        ref_ns = bare_commit_ns(directory, samples)
    p99, ref_p99 = percentile(commit_ns, 99), percentile(ref_ns, 99)
    return {
        "sale_commit_ms_p50": ms(percentile(commit_ns, 50)),
        "sale_commit_ms_p99": ms(p99),
        "lines": LINES,
        "skus": skus,
        "member_on_sale": stack.MEMBER_CARD,
        "samples": len(commit_ns),
        "sale_commit_ms_max": ms(max(commit_ns)),
        "ref_bare_commit_ms": summary_ms(ref_ns, 50, 99),
        "ratio_p99_to_ref": round(p99 / ref_p99, 1),
        "record_build_ms": summary_ms(build_ns, 50, 99),
        "receipt_finish_ms": summary_ms(finish_ns, 50, 99),
        "journal_mode": journal,
        "synchronous": "FULL" if sync == 2 else sync,
        "target_p99_ms": 25,
    }
