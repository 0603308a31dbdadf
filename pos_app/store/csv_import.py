"""Product CSV import into the till: every row checked first (``contract.products``), then
written in chunks that give way to sales (``catalog_import``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, select

from contract.products import (
    ImportReport,
    ProductRow,
    RowError,
    decode_csv_bytes,
    parse_products_csv,
)
from pos_app.core.errors import PosError
from pos_app.store import catalog_import, models
from pos_app.store.db import give_way, read_tx
from pos_app.store.search_text import index_text


def _barcodes_taken(conn: Connection, rows: list[tuple[int, ProductRow]]) -> list[RowError]:
    """Barcodes the file gives to one SKU that the database has on another."""
    errors = []
    product, barcode = models.product, models.barcode
    query = select(product.c.sku).select_from(
        barcode.join(product, product.c.id == barcode.c.product_id)).where(
        barcode.c.code == bindparam("code"))
    for line, row in rows:
        for code in row.barcodes:
            owner = conn.execute(query, {"code": code}).scalar()
            if owner is not None and owner != row.sku:
                errors.append(RowError(line, "csv.barcode_taken", {"code": code, "sku": owner}))
    return errors


def import_products_csv(
    *, engine: Engine, path: Path, progress: Callable[[int, int], None] | None = None,
    max_tx_s: float = catalog_import.MAX_TX_S, chunk_max: int = catalog_import.CHUNK_MAX,
) -> ImportReport:
    """Import products from a CSV file: every row checked first (any bad row → nothing
    imported), then written in chunks that give way to sales (``catalog_import``, which
    says what a crash mid-import leaves; importing the file again completes it)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return ImportReport(0, [RowError(0, "csv.file_unreadable",
                                         {"path": str(path), "reason": exc.strerror or ""})])
    try:
        data = decode_csv_bytes(raw)
    except PosError as exc:
        return ImportReport(0, [RowError(0, exc.key, exc.data)])
    rows, errors = parse_products_csv(data, lambda: give_way(engine))
    if errors:
        return ImportReport(0, errors)
    with read_tx(engine) as conn:
        errors = _barcodes_taken(conn, rows)
    if errors:
        return ImportReport(0, sorted(errors, key=lambda e: e.line))
    products = [r for _, r in rows]
    # Pinyin before any write: the transactions only write, so sales wait less.
    texts = []
    for product in products:
        give_way(engine)
        texts.append(index_text(product.name))
    done = catalog_import.write_products(
        engine=engine, rows=products, texts=texts, source=Path(path).name, progress=progress,
        max_tx_s=max_tx_s, chunk_max=chunk_max)
    return ImportReport(done, [])
