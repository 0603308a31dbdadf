"""The raw SQL the store keeps, in one place; everything else is built from ``models``.

What may be here: what the models cannot declare (the FTS5 index, triggers) and statements
a benchmark showed Core to be measurably slower for; each says which benchmark.
"""

from __future__ import annotations

# ---- schema the models cannot declare (checked against the migrated database by
# ``migrate.schema_differences``; a migration that adds one adds it here) --------------------

# The products' full-text index (migration 0001): rowid = product id. Chinese names are
# indexed one character per token, pinyin and initials from every syllable onwards
# (``search_text``).
FTS_TABLE = "product_fts"
FTS_DDL = (
    "CREATE VIRTUAL TABLE product_fts USING fts5("
    "name, name_en, pinyin, initials, sku, "
    "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
)

# Triggers: what each keeps true (the DDL is in the migration that made it).
TRIGGERS = {
    # A closed sale, its lines and tenders, and the stock ledger are never changed
    # (corrections are new records; migration 0002).
    "sale_completed_immutable": "sale",
    "sale_line_immutable": "sale_line",
    "sale_tender_immutable": "sale_tender",
    "stock_movement_no_update": "stock_movement",
    # ... nor deleted, except inside the retention's transaction (``retention_gate``,
    # migration 0010).
    "sale_completed_undeletable": "sale",
    "stock_movement_no_delete": "stock_movement",
    # The per-day sums of the outbox (``outbox_day``) move with each event written or
    # deleted (migration 0010).
    "outbox_day_on_insert": "outbox_event",
    "outbox_day_on_delete": "outbox_event",
    # The audit log is append-only (migration 0012).
    "audit_entry_no_update": "audit_entry",
    "audit_entry_no_delete": "audit_entry",
    # A closed shift and the cash movements stay as written (migration 0013).
    "shift_closed_immutable": "shift",
    "shift_undeletable": "shift",
    "cash_movement_append_only": "cash_movement",
    # A return, its lines and refunds are never changed nor deleted (migration 0014).
    "sale_return_no_update": "sale_return",
    "sale_return_no_delete": "sale_return",
    "sale_return_line_no_update": "sale_return_line",
    "sale_return_line_no_delete": "sale_return_line",
    "sale_return_tender_no_update": "sale_return_tender",
    "sale_return_tender_no_delete": "sale_return_tender",
    # A posted stock count and its lines stay as posted; no line joins it (migration 0015).
    "count_session_posted_no_update": "count_session",
    "count_session_posted_no_delete": "count_session",
    "count_line_posted_no_insert": "count_line",
    "count_line_posted_no_update": "count_line",
    "count_line_posted_no_delete": "count_line",
    # A posted receipt, transfer or adjustment and its lines stay as written (migration 0016).
    "stock_document_no_update": "stock_document",
    "stock_document_no_delete": "stock_document",
    "stock_document_line_no_update": "stock_document_line",
    "stock_document_line_no_delete": "stock_document_line",
}


# ---- the schema's version at start-up (``db.current_revision``) ----------------------------
# Alembic's table, read without importing Alembic: start-up stays cheap (``bench startup``).
HAS_VERSION_TABLE = ("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                     "AND name = 'alembic_version'")
SCHEMA_VERSION = "SELECT version_num FROM alembic_version"

# ---- members of a pulled page (``members.put_members``, ``members_confirmed``) -------------
# Plain DB-API statements: a pulled members page writes one member per call, and Core's
# execution took about three times as long (``bench sync``'s initial pull, members stream;
# 1,000 members: 22-27 ms this way, 53-79 ms through Core). Parameters in this order:
# member_id, phone_masked, name_masked, phone_hash, card_hash, birthday_md, tier,
# points_confirmed, consent_at, source, created_at, updated_at. An update keeps the
# member's created_at and consent_at.
PUT_MEMBER = (
    "INSERT INTO member (member_id, phone_masked, name_masked, phone_hash, card_hash, "
    "birthday_md, tier, points_confirmed, consent_at, source, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET "
    "phone_masked = excluded.phone_masked, name_masked = excluded.name_masked, "
    "phone_hash = excluded.phone_hash, card_hash = excluded.card_hash, "
    "birthday_md = excluded.birthday_md, tier = excluded.tier, "
    "points_confirmed = excluded.points_confirmed, source = excluded.source, "
    "updated_at = excluded.updated_at"
)
# The member's 'acked' points entries become 'synced' (parameter: member_id).
MEMBER_CONFIRMED = ("UPDATE points_entry SET state = 'synced' WHERE member_id = ? "
                    "AND state = 'acked'")


# ---- catalog reads (``catalog``) ------------------------------------------------------------


def barcode_lookup(columns: str) -> str:
    """The product (``columns`` of ``p``) with barcode ``:code``, as plain DB-API SQL: every
    scan runs it on the UI thread, and SQLAlchemy's execution layer took about five times as
    long as the indexed lookup itself (``bench scan``)."""
    return (f"SELECT {columns} FROM barcode b JOIN product p ON p.id = b.product_id "
            "WHERE b.code = :code")


def fts_search(columns: str) -> str:
    """The active products (``columns`` of ``p``) whose index row matches ``:m``, at most
    ``:n``: FTS5's MATCH (``bench search``). CROSS JOIN pins the join order: FTS first, then
    the product by primary key. No ORDER BY: FTS5 yields rowid order lazily, so LIMIT stops
    early however many rows match."""
    return (f"SELECT {columns} FROM product_fts f CROSS JOIN product p ON p.id = f.rowid "
            "WHERE product_fts MATCH :m AND p.active LIMIT :n")


# FTS5's own commands: its settings and merges (``search_index``).
FTS_SET = "INSERT INTO product_fts (product_fts, rank) VALUES (:k, :v)"
FTS_SETTING = "SELECT v FROM product_fts_config WHERE k = :k"
FTS_OPTIMIZE = "INSERT INTO product_fts (product_fts) VALUES ('optimize')"

# ---- the catalog writer (``catalog.CatalogWriter``) -----------------------------------------
# Plain DB-API SQL with positional parameters on the writer's cursor: products are written
# one statement per row (the id comes back with RETURNING), and through Core each took about
# four times as long (30 µs against 8 µs per product upsert, measured on this code): most of
# a big import's (``bench import``) and an initial pull's (``bench sync``) time.
# Product columns, in the order of the parameters: sku, name, name_en, category, unit,
# price_fen, tax_rate_bp, is_weighed, age_restricted, active, pinyin, initials, brand,
# cost_fen (None: not given), cost_fen again (an update keeps the cost when it is None).
PRODUCT_UPSERT = (
    "INSERT INTO product (sku, name, name_en, category, unit, price_fen, tax_rate_bp, "
    "is_weighed, age_restricted, active, pinyin, initials, brand, cost_fen) VALUES (?, ?, ?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, 0)) ON CONFLICT (sku) DO UPDATE SET "
    "name = excluded.name, "
    "name_en = excluded.name_en, category = excluded.category, unit = excluded.unit, "
    "price_fen = excluded.price_fen, tax_rate_bp = excluded.tax_rate_bp, "
    "is_weighed = excluded.is_weighed, age_restricted = excluded.age_restricted, "
    "active = excluded.active, pinyin = excluded.pinyin, initials = excluded.initials, "
    "brand = excluded.brand, "
    "cost_fen = CASE WHEN ? IS NULL THEN product.cost_fen ELSE excluded.cost_fen END "
    "RETURNING id"
)
# A burst of new products goes in with one statement per table, its rows passed as one JSON
# array of arrays: SQLite runs the whole burst without Python's GIL. With a row per
# execution (``executemany``) the GIL changed hands for every row, and while the sync
# client's other thread ran Python each hand-over waited: inserts took twice as long
# (``bench sync``, initial pull). Rows: id followed by the product columns above.
PRODUCTS_NEW = (
    "INSERT INTO product (id, sku, name, name_en, category, unit, price_fen, tax_rate_bp, "
    "is_weighed, age_restricted, active, pinyin, initials, brand, cost_fen) SELECT "
    + ", ".join(f"value ->> {i}" for i in range(14))
    + ", coalesce(value ->> 14, 0) FROM json_each(?)"
)
BARCODES_NEW = (  # rows: (code, product_id)
    "INSERT INTO barcode (code, product_id) SELECT value ->> 0, value ->> 1 "
    "FROM json_each(?) WHERE true "  # (the upsert after a SELECT needs a WHERE)
    "ON CONFLICT (code) DO UPDATE SET product_id = excluded.product_id"
)
FTS_NEW = (  # rows: (rowid = product id, name, name_en, pinyin, initials, sku)
    "INSERT INTO product_fts (rowid, name, name_en, pinyin, initials, sku) SELECT "
    + ", ".join(f"value ->> {i}" for i in range(6)) + " FROM json_each(?)"
)
FTS_DELETE = "DELETE FROM product_fts WHERE rowid = ?"
FTS_INSERT = (
    "INSERT INTO product_fts (rowid, name, name_en, pinyin, initials, sku) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
BARCODE_DELETE = "DELETE FROM barcode WHERE product_id = ?"
BARCODE_PUT = (
    "INSERT INTO barcode (code, product_id) VALUES (?, ?) "
    "ON CONFLICT (code) DO UPDATE SET product_id = excluded.product_id"
)
# The highest id any product, barcode or index row had when a writer started: a product
# id above it (and above every id the writer saw since) is a row just inserted, which has
# no barcodes and no index row to replace yet (SQLite gives a new row the highest id + 1).
HIGH_WATER = (
    "SELECT max(coalesce((SELECT max(id) FROM product), 0), "
    "coalesce((SELECT max(product_id) FROM barcode), 0), "
    "coalesce((SELECT rowid FROM product_fts ORDER BY rowid DESC LIMIT 1), 0))"
)


def skus_taken(count: int) -> str:
    """Whether any of ``count`` SKUs (the parameters) is a product already."""
    return f"SELECT 1 FROM product WHERE sku IN ({','.join('?' * count)}) LIMIT 1"
