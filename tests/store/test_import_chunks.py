"""A big products import gives way to sales: written in chunks, the write gate released
between them, a waiting sale served before the next chunk; a crash mid-import is told and
importing the file again completes it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from contract.products import ImportReport
from pos_app.core.barcode import with_check_digit
from pos_app.store import catalog, db
from pos_app.store.catalog_import import unfinished_import
from pos_app.store.csv_import import import_products_csv
from tests.waiting import wait_until

DEADLINE_S = 60.0


def products_csv(path: Path, n: int) -> Path:
    lines = ["sku,name,price,barcodes"]
    lines += [f"S{i:06d},商品{i} 可乐,{1 + i % 90}.50,{with_check_digit(f'69{i:010d}')}"
              for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _until(condition: Callable[[], object], what: str) -> None:
    """Wait for ``condition()`` (a deadline only against a hang, never a timing window)."""
    wait_until(condition, timeout_s=DEADLINE_S, every_s=0.0005, what=what)


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM product")).scalar_one())


def test_a_waiting_sale_gets_the_database_between_two_chunks_of_an_import(
        empty_engine: Engine, tmp_path: Path) -> None:
    n = 20_000
    path = products_csv(tmp_path / "big.csv", n)
    chunk_ends: list[int] = []
    reports: list[ImportReport] = []
    # No time or size bound: a chunk ends only because a sale waits.
    importer = threading.Thread(target=lambda: reports.append(import_products_csv(
        engine=empty_engine, path=path, max_tx_s=float("inf"), chunk_max=n + 1,
        progress=lambda done, _total: chunk_ends.append(done))), daemon=True)
    gate = db._gate(empty_engine)
    writes_before = gate.writes
    importer.start()

    def writing_products() -> bool:
        # The run row's transaction has ended (the gate counts it when it lets go, after
        # its commit) and the gate has an owner again: the first chunk.
        return ((gate.writes > writes_before and gate._owner is not None)
                or not importer.is_alive())

    _until(writing_products, "the import's first chunk")
    seen_in_sale: list[int] = []
    with db.write_tx(empty_engine) as conn:  # a sale's commit: a foreground writer
        seen_in_sale.append(int(conn.execute(text("SELECT count(*) FROM product"))
                                .scalar_one()))
    importer.join(DEADLINE_S)
    assert reports and reports[0].ok and reports[0].imported == n
    # The import had begun (its run row's transaction), yielded mid-way, and the sale came
    # before its next chunk: the sale saw exactly the rows of the chunks committed so far.
    assert chunk_ends[-1] == n and len(chunk_ends) >= 2
    assert 0 < seen_in_sale[0] < n
    assert seen_in_sale[0] in chunk_ends[:-1]
    assert _count(empty_engine) == n


def test_an_import_that_stopped_mid_way_is_told_and_importing_again_completes_it(
        empty_engine: Engine, tmp_path: Path) -> None:
    path = products_csv(tmp_path / "p.csv", 3000)

    def crash(done: int, _total: int) -> None:
        if done >= 1000:
            raise KeyboardInterrupt  # stands for the process dying after a chunk's commit

    with pytest.raises(KeyboardInterrupt):
        import_products_csv(engine=empty_engine, path=path, chunk_max=1000,
                            max_tx_s=float("inf"), progress=crash)
    run = unfinished_import(engine=empty_engine)
    assert run is not None and (run.source, run.rows_done, run.rows_total) == ("p.csv", 1000,
                                                                                3000)
    assert _count(empty_engine) == 1000
    report = import_products_csv(engine=empty_engine, path=path, chunk_max=1000)
    assert report.ok and report.imported == 3000
    assert unfinished_import(engine=empty_engine) is None
    assert _count(empty_engine) == 3000
    again = import_products_csv(engine=empty_engine, path=path)  # idempotent
    assert again.imported == 3000 and _count(empty_engine) == 3000
    cola = catalog.find_by_barcode(engine=empty_engine, code=with_check_digit("690000002999"))
    assert cola is not None and cola.sku == "S002999"
