"""Product catalog: indexed barcode lookup, bounded FTS5 search, upserts, on-hand stock."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, select, text

from contract.pinyin import normalize
from contract.products import ProductRow
from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.store import raw_sql
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import barcode, product
from pos_app.store.search_text import IndexText, match_plan
from pos_app.store.search_text import index_text as make_index_text
from pos_app.store.stock import balance_of

# The columns a ``ProductInfo`` is read from, in ``_info``'s order.
_INFO = ("id", "sku", "name", "name_en", "unit", "price_fen", "tax_rate_bp", "is_weighed",
         "age_restricted", "category", "active", "brand")
_p = product.c
_PRODUCTS = select(*(_p[c] for c in _INFO))
_BY_BARCODE_SQL = raw_sql.barcode_lookup(", ".join(f"p.{c}" for c in _INFO))
_BY_BARCODE = _PRODUCTS.select_from(barcode.join(product, _p.id == barcode.c.product_id)).where(
    barcode.c.code == bindparam("code"))
_BY_ID = _PRODUCTS.where(_p.id == bindparam("id"))
_BY_SKU = _PRODUCTS.where(_p.sku == bindparam("sku"), _p.active)
_SKU_PREFIX = (_PRODUCTS.where(_p.sku >= bindparam("lo"), _p.sku < bindparam("hi"), _p.active)
               .order_by(_p.sku).limit(bindparam("n")))
_FTS = text(raw_sql.fts_search(", ".join(f"p.{c}" for c in _INFO)))
_MAX_SKU_CHAR = "\U0010ffff"


def _info(r: Any) -> ProductInfo:
    return ProductInfo(
        product_id=r[0], sku=r[1], name=r[2], name_en=r[3], unit=r[4], price=Money(r[5]),
        tax_rate_bp=r[6], is_weighed=bool(r[7]), age_restricted=bool(r[8]), category=r[9],
        active=bool(r[10]), brand=r[11],
    )


def find_by_barcode(*, engine: Engine, code: str) -> ProductInfo | None:
    """The product with this exact barcode (inactive ones too; the caller decides)."""
    # Every scan runs this on the UI thread: one statement straight on the pooled DB-API
    # connection (its own implicit read transaction), since SQLAlchemy's execution layer
    # took about five times as long as the indexed lookup itself.
    raw = engine.raw_connection()
    try:
        con = raw.driver_connection
        assert con is not None
        row = con.execute(
            _BY_BARCODE_SQL, {"code": code.strip()}).fetchone()
    finally:
        raw.close()
    return _info(row) if row else None


def get_product(*, engine: Engine, product_id: int) -> ProductInfo | None:
    """The product with this id, or None."""
    with engine.connect() as conn:
        row = conn.execute(_BY_ID, {"id": product_id}).first()
    return _info(row) if row else None


def product_id_of(conn: Connection, sku: str) -> int | None:
    """The id of the product with this SKU (active or not), in the caller's transaction."""
    value = conn.execute(select(_p.id).where(_p.sku == sku)).scalar()
    return int(value) if value is not None else None


def get_product_by_sku(*, engine: Engine, sku: str) -> ProductInfo | None:
    """The active product with this exact SKU, or None."""
    with engine.connect() as conn:
        row = conn.execute(_BY_SKU, {"sku": sku}).first()
    return _info(row) if row else None


def _sku_variants(q: str) -> list[str]:
    return list(dict.fromkeys([q, q.upper(), q.lower()]))


def search_products(*, engine: Engine, query: str, limit: int = 50) -> list[ProductInfo]:
    """Active products matching ``query``: exact barcode and SKU first, then SKU prefix,
    then names/pinyin/initials starting with it, then containing it. Bounded by ``limit``."""
    q = normalize(query).strip()
    if not q or limit <= 0:
        return []
    found: dict[int, ProductInfo] = {}

    def add(rows: Iterable[Any]) -> bool:
        for r in rows:
            if r[10] and r[0] not in found:
                found[r[0]] = _info(r)
        return len(found) >= limit

    raw = query.strip()
    with read_tx(engine) as conn:
        if raw.isdigit() and add(conn.execute(_BY_BARCODE, {"code": raw})):
            return list(found.values())
        for sku in _sku_variants(raw):
            if add(conn.execute(_BY_SKU, {"sku": sku})):
                return list(found.values())[:limit]
        if " " not in raw:
            for sku in _sku_variants(raw):
                rows = conn.execute(_SKU_PREFIX, {"lo": sku, "hi": sku + _MAX_SKU_CHAR,
                                                  "n": limit - len(found)})
                if add(rows):
                    return list(found.values())
        plan = match_plan(q)
        if plan is None:
            return list(found.values())
        for expr in (plan.anchored, plan.anywhere):
            hits = list(conn.execute(_FTS, {"m": expr, "n": limit}))
            # Bounded re-rank of at most `limit` rows: shorter (closer) names first.
            hits.sort(key=lambda r: (len(r[2]), r[2]))
            if add(hits):
                break
    return list(found.values())[:limit]


def product_count(*, engine: Engine) -> int:
    """Number of products (a full index count; not for the start-up path)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(product)).scalar_one())


def on_hand(*, engine: Engine, product_id: int) -> int:
    """Stock on hand (pieces, or grams when weighed): one primary-key read."""
    with engine.connect() as conn:
        return balance_of(conn, product_id)


def barcodes_of(*, engine: Engine, product_id: int) -> list[str]:
    """All barcodes of a product."""
    with engine.connect() as conn:
        return list(conn.execute(select(barcode.c.code).where(
            barcode.c.product_id == product_id).order_by(barcode.c.code)).scalars())


def _rows_json(rows: list[tuple[Any, ...]]) -> str:
    """Rows as one JSON array of arrays (``->>`` reads true and false as 1 and 0)."""
    return json.dumps(rows, ensure_ascii=False)


FTS_BATCH = 256  # index rows written together (see ``CatalogWriter``); ~2 ms at most


class CatalogWriter:
    """Product upserts inside the caller's write transaction, on its DB-API connection.

    The FTS rows are written in bursts of ``fts_batch`` (and by ``flush``): SQLite opens a
    statement savepoint for most writes (upserts, deletes of several rows), and FTS5 writes
    its pending index data out at every savepoint, so a product table write after each
    index row cost a tiny index segment per product (and its merges later), more than the
    index row itself. Call ``flush`` before the transaction (or its savepoint) ends.

    A product inserted (not updated) skips the deletes of its old barcodes and index row:
    it has none (``raw_sql.HIGH_WATER``). That is most of an initial pull.

    ``queue`` defers upserts: products queued together whose SKUs are all new are inserted
    with one statement per table (an initial pull, where per-row statements and their
    Python were most of the till's work); otherwise they are upserted one by one, in order.
    """

    def __init__(self, conn: Connection, *, fts_batch: int = FTS_BATCH) -> None:
        if not conn.in_transaction():
            raise RuntimeError("CatalogWriter writes inside the caller's transaction")
        raw = conn.connection.driver_connection
        assert raw is not None
        self.cur = raw.cursor()
        self.fts_batch = max(1, fts_batch)
        self._fts: list[tuple[Any, ...]] = []  # (id, name, name_en, pinyin, initials, sku)
        self._fts_old: list[int] = []  # ids among them whose old index row goes first
        self._high = int(self.cur.execute(raw_sql.HIGH_WATER).fetchone()[0])
        self._queued: list[tuple[ProductRow, IndexText]] = []

    def queue(self, row: ProductRow, it: IndexText) -> None:
        """``upsert`` later: by ``write_queued``, when ``fts_batch`` rows wait, or by
        ``close``. Call ``write_queued`` before other writes to these products."""
        self._queued.append((row, it))
        if len(self._queued) >= self.fts_batch:
            self.write_queued()

    def write_queued(self) -> None:
        """Write the queued products (see the class)."""
        queued, self._queued = self._queued, []
        if queued and not self._insert_new(queued):
            for row, it in queued:
                self.upsert(row, it)

    def _insert_new(self, queued: list[tuple[ProductRow, IndexText]]) -> bool:
        """Insert ``queued`` together when every SKU is new (and appears once); else
        write nothing and say so."""
        skus = [row.sku for row, _ in queued]
        if len(set(skus)) != len(skus) or self.cur.execute(
                raw_sql.skus_taken(len(skus)), skus).fetchone():
            return False
        first = self._high + 1
        self._high += len(queued)
        self.cur.execute(raw_sql.PRODUCTS_NEW, (_rows_json([
            (first + k, row.sku, row.name, row.name_en, row.category, row.unit,
             row.price_fen, row.tax_rate_bp, row.is_weighed, row.age_restricted, row.active,
             it.pinyin, it.initials, row.brand, row.cost_fen)
            for k, (row, it) in enumerate(queued)]),))
        codes = [(code, first + k) for k, (row, _) in enumerate(queued)
                 for code in dict.fromkeys(row.barcodes)]
        if codes:
            self.cur.execute(raw_sql.BARCODES_NEW, (_rows_json(codes),))
        self._fts.extend(
            (first + k, it.fts_name, normalize(row.name_en) if row.name_en else "",
             it.fts_pinyin, it.fts_initials, normalize(row.sku))
            for k, (row, it) in enumerate(queued))
        if len(self._fts) >= self.fts_batch:
            self.flush()
        return True

    def upsert(self, row: ProductRow, it: IndexText) -> int:
        """Insert or update one product (and replace its barcodes); its id."""
        cur = self.cur
        pid = int(cur.execute(raw_sql.PRODUCT_UPSERT, (
            row.sku, row.name, row.name_en, row.category, row.unit, row.price_fen,
            row.tax_rate_bp, row.is_weighed, row.age_restricted, row.active, it.pinyin,
            it.initials, row.brand, row.cost_fen, row.cost_fen)).fetchone()[0])
        fresh = pid > self._high
        if fresh:
            self._high = pid
        else:
            cur.execute(raw_sql.BARCODE_DELETE, (pid,))
            self._fts_old.append(pid)
        codes = row.barcodes
        if len(codes) == 1:
            cur.execute(raw_sql.BARCODE_PUT, (codes[0], pid))
        elif codes:
            cur.executemany(raw_sql.BARCODE_PUT, [(code, pid) for code in dict.fromkeys(codes)])
        self._fts.append((pid, it.fts_name, normalize(row.name_en) if row.name_en else "",
                          it.fts_pinyin, it.fts_initials, normalize(row.sku)))
        if len(self._fts) >= self.fts_batch:
            self.flush()
        return pid

    def flush(self) -> None:
        """Write the pending FTS rows (in order: a product upserted twice ends indexed once,
        with its last text)."""
        if not self._fts:
            return
        pending, self._fts = self._fts, []
        old, self._fts_old = set(self._fts_old), []
        cur = self.cur
        if not old:
            cur.execute(raw_sql.FTS_NEW, (_rows_json(pending),))
            return
        for params in pending:
            if params[0] in old:
                cur.execute(raw_sql.FTS_DELETE, (params[0],))
            cur.execute(raw_sql.FTS_INSERT, params)

    def close(self, *, write: bool = True) -> None:
        """Flush (or, after a failure, forget the pending rows) and close the cursor."""
        try:
            if write:
                self.write_queued()
                self.flush()
        finally:
            self._queued = []
            self._fts = []
            self._fts_old = []
            self.cur.close()


def upsert_rows(
    conn: Connection,
    rows: Sequence[ProductRow],
    *,
    texts: Sequence[IndexText] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[int]:
    """Upsert inside the caller's write transaction; returns the product ids in order.
    Pass ``texts`` (from ``index_text``) computed before the transaction to keep it short."""
    if texts is None:
        texts = [make_index_text(r.name) for r in rows]
    ids: list[int] = []
    total = len(rows)
    writer = CatalogWriter(conn)
    try:
        for n, (row, it) in enumerate(zip(rows, texts, strict=True), 1):
            ids.append(writer.upsert(row, it))
            if progress is not None and (n % 500 == 0 or n == total):
                progress(n, total)
    except BaseException:
        writer.close(write=False)
        raise
    writer.close()
    return ids


def upsert_products(*, engine: Engine, rows: Sequence[ProductRow]) -> list[int]:
    """Insert or update products by SKU in one transaction (pinyin computed here)."""
    texts = [make_index_text(r.name) for r in rows]
    with write_tx(engine) as conn:
        return upsert_rows(conn, rows, texts=texts)
