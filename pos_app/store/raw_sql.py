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
