"""Write a checked products import in chunks that give way to sales.

A big import in one transaction held the write lock for seconds (about 6 s for 100,000
rows) while every sale waited. Here the rows — all validated before the first write — are
written in background transactions ("chunks", like ``sync_pages``): a chunk ends as soon as
a sale waits for the database (``db.foreground_waiting``), after ``max_tx_s`` or
``chunk_max`` rows, so a sale waits for one row and a commit, whatever the file's size.

Each import is a ``catalog_import`` row: written when the import starts, its ``rows_done``
moved in each chunk's own transaction, ``finished_at`` set with the last one. A crash (or
power loss) mid-import leaves the chunks committed so far — the file's first ``rows_done``
products inserted or updated, the rest as they were — and that row unfinished, which the
import dialog tells (``unfinished_import``) so nobody takes the catalog as complete.
Importing the same file again is idempotent (products are upserted by SKU, their barcodes
replaced): it completes the catalog and finishes a new row.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select, update

from contract.products import ProductRow
from pos_app.core.clock import default_now
from pos_app.store.catalog import CatalogWriter
from pos_app.store.db import foreground_waiting, read_tx, write_tx
from pos_app.store.models import catalog_import
from pos_app.store.search_text import IndexText

MAX_TX_S = 0.1  # a chunk's longest transaction when no sale waits (fewer commits and
# WAL checkpoints; a sale never waits for it: a chunk ends when one waits)
CHUNK_MAX = 20_000


@dataclass(frozen=True, slots=True)
class ImportRun:
    """One products import as recorded."""

    run_id: int
    source: str
    rows_total: int
    rows_done: int
    started_at: str
    finished_at: str | None


def _now() -> str:
    return default_now().isoformat()


def unfinished_import(*, engine: Engine) -> ImportRun | None:
    """The latest import, when it stopped before its end (a crash); None otherwise."""
    with read_tx(engine) as conn:
        c = catalog_import.c
        r = conn.execute(select(c.id, c.source, c.rows_total, c.rows_done, c.started_at,
                                c.finished_at).order_by(c.id.desc()).limit(1)).first()
    if r is None or r[5] is not None:
        return None
    return ImportRun(int(r[0]), r[1], int(r[2]), int(r[3]), r[4], r[5])


def write_products(
    *, engine: Engine, rows: Sequence[ProductRow], texts: Sequence[IndexText], source: str,
    progress: Callable[[int, int], None] | None = None, max_tx_s: float = MAX_TX_S,
    chunk_max: int = CHUNK_MAX, clock: Callable[[], str] = _now,
) -> int:
    """Upsert checked ``rows`` (with their ``texts`` from ``index_text``) in chunks, each a
    background transaction; ``progress(done, total)`` after each. Returns the rows written."""
    total = len(rows)
    with write_tx(engine, background=True) as conn:
        run_id = int(conn.execute(insert(catalog_import).returning(catalog_import.c.id), {
            "source": source, "rows_total": total, "rows_done": 0, "started_at": clock(),
        }).scalar_one())
    done = 0
    while True:
        started = time.perf_counter()
        with write_tx(engine, background=True) as conn:
            begun = done
            writer = CatalogWriter(conn)
            try:
                while done < total:
                    writer.upsert(rows[done], texts[done])
                    done += 1
                    if (done - begun >= chunk_max or foreground_waiting(engine)
                            or time.perf_counter() - started >= max_tx_s):
                        break
            except BaseException:
                writer.close(write=False)
                raise
            writer.close()
            conn.execute(update(catalog_import).where(catalog_import.c.id == run_id).values(
                rows_done=done, finished_at=clock() if done >= total else None))
        _checkpoint(engine)
        if progress is not None:
            progress(done, total)
        if done >= total:
            return done


def _checkpoint(engine: Engine) -> None:
    """Copy the chunk's pages from the WAL into the database now, outside the write gate:
    else SQLite's automatic checkpoint (a WAL past 1,000 pages) runs in the commit that
    crosses it — the next chunk's, with a sale waiting for it, or the sale's own."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()  # no lock a writer needs
