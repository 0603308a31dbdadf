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
}
