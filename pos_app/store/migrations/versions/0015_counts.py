"""counts: stock count sessions and lines; the product's cost price; the outbox's day sums
count the stock a posted count moves (``count.posted``: each product's delta), like
``contract.summary`` does

Revision ID: 0015_counts
Revises: 0014_returns
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_counts"
down_revision = "0014_returns"
branch_labels = None
depends_on = None

_POSTED = "(SELECT state FROM count_session WHERE id = {ref}.session_id) = 'posted'"
# A posted count is read-only (named in ``raw_sql.TRIGGERS``).
TRIGGERS = {
    "count_session_posted_no_update": (
        "CREATE TRIGGER count_session_posted_no_update BEFORE UPDATE ON count_session "
        "WHEN OLD.state = 'posted' "
        "BEGIN SELECT RAISE(ABORT, 'a posted count is never changed'); END"),
    "count_session_posted_no_delete": (
        "CREATE TRIGGER count_session_posted_no_delete BEFORE DELETE ON count_session "
        "WHEN OLD.state = 'posted' "
        "BEGIN SELECT RAISE(ABORT, 'a posted count is never deleted'); END"),
    "count_line_posted_no_insert": (
        "CREATE TRIGGER count_line_posted_no_insert BEFORE INSERT ON count_line "
        f"WHEN {_POSTED.format(ref='NEW')} "
        "BEGIN SELECT RAISE(ABORT, 'a posted count takes no more lines'); END"),
    "count_line_posted_no_update": (
        "CREATE TRIGGER count_line_posted_no_update BEFORE UPDATE ON count_line "
        f"WHEN {_POSTED.format(ref='OLD')} "
        "BEGIN SELECT RAISE(ABORT, 'a posted count is never changed'); END"),
    "count_line_posted_no_delete": (
        "CREATE TRIGGER count_line_posted_no_delete BEFORE DELETE ON count_line "
        f"WHEN {_POSTED.format(ref='OLD')} "
        "BEGIN SELECT RAISE(ABORT, 'a posted count is never deleted'); END"),
}


# The day sums of migration 0010, with ``count.posted`` (and the stock documents) added to
# ``stock_delta``. Copied, not
# imported: a migration stays as it ran. No event of that type existed before this revision,
# so the stored sums stay right.
_INT_AT = ("(CASE WHEN json_type({doc}, '{path}') = 'integer' "
           "THEN json_extract({doc}, '{path}') ELSE 0 END)")
_OBJ = "(json_valid({ev}.payload) AND json_type({ev}.payload) = 'object')"
SUM_COLUMNS = ("events", "sales_count", "sales_total_fen", "voided_count", "points_delta",
               "stock_delta")


def _array_sum(ok: str, doc: str, array: str, field: str) -> str:
    return (f"(CASE WHEN {ok} AND json_type({doc}, '$.{array}') = 'array' THEN (SELECT "
            f"coalesce(sum(CASE WHEN l.type = 'object' AND json_type(l.value, '$.{field}') = "
            f"'integer' THEN json_extract(l.value, '$.{field}') ELSE 0 END), 0) "
            f"FROM json_each({doc}, '$.{array}') AS l) ELSE 0 END)")


def _sums(ev: str, *, counts: bool) -> dict[str, str]:
    ok, doc, t = _OBJ.format(ev=ev), f"{ev}.payload", f"{ev}.type"

    def int_at(path: str) -> str:
        return f"(CASE WHEN {ok} THEN {_INT_AT.format(doc=doc, path=path)} ELSE 0 END)"

    # Posted counts, and the stock documents of migration 0016 (receipts in, transfers out,
    # adjustments): both land in the same stop, so the day sums learn them here at once.
    count_case = (f"WHEN {t} = 'count.posted' THEN {_array_sum(ok, doc, 'products', 'delta')} "
                  f"WHEN {t} = 'receipt.posted' THEN {_array_sum(ok, doc, 'lines', 'qty')} "
                  f"WHEN {t} = 'transfer.sent' THEN -{_array_sum(ok, doc, 'lines', 'qty')} "
                  f"WHEN {t} = 'stock.adjusted' THEN {_array_sum(ok, doc, 'lines', 'delta')} "
                  if counts else "")
    return {
        "events": "1",
        "sales_count": f"({t} = 'sale.completed')",
        "sales_total_fen": f"(CASE WHEN {t} = 'sale.completed' THEN {int_at('$.total_fen')} "
                           "ELSE 0 END)",
        "voided_count": f"({t} = 'sale.voided')",
        "points_delta": f"(CASE WHEN {t} = 'points.transaction' THEN {int_at('$.points')} "
                        "ELSE 0 END)",
        "stock_delta": f"(CASE WHEN {t} = 'sale.completed' THEN "
                       f"-{_array_sum(ok, doc, 'lines', 'qty')} "
                       f"WHEN {t} = 'stock.movement' THEN {int_at('$.delta')} {count_case}"
                       "ELSE 0 END)",
    }


def _day_triggers(*, counts: bool) -> list[str]:
    new, old = _sums("NEW", counts=counts), _sums("OLD", counts=counts)
    cols = ", ".join(SUM_COLUMNS)
    adds = ", ".join(f"{c} = {c} + excluded.{c}" for c in SUM_COLUMNS)
    subs = ", ".join(f"{c} = {c} - {old[c]}" for c in SUM_COLUMNS)
    return [
        "CREATE TRIGGER outbox_day_on_insert AFTER INSERT ON outbox_event BEGIN "
        f"INSERT INTO outbox_day (terminal_code, business_date, {cols}) VALUES "
        f"(NEW.terminal_code, substr(NEW.created_at, 1, 10), "
        f"{', '.join(new[c] for c in SUM_COLUMNS)}) "
        f"ON CONFLICT (terminal_code, business_date) DO UPDATE SET {adds}; END",
        "CREATE TRIGGER outbox_day_on_delete AFTER DELETE ON outbox_event BEGIN "
        f"UPDATE outbox_day SET {subs} WHERE terminal_code = OLD.terminal_code "
        "AND business_date = substr(OLD.created_at, 1, 10); "
        "DELETE FROM outbox_day WHERE terminal_code = OLD.terminal_code "
        "AND business_date = substr(OLD.created_at, 1, 10) AND events = 0; END",
    ]


def _replace_day_triggers(*, counts: bool) -> None:
    for name in ("outbox_day_on_insert", "outbox_day_on_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for ddl in _day_triggers(counts=counts):
        op.execute(ddl)


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: no rebuild of a million-product table.
    op.add_column("product", sa.Column("cost_fen", sa.Integer(), nullable=False,
                                       server_default="0"))
    op.create_table(
        "count_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_uuid", sa.String(), nullable=False),
        sa.Column("store_code", sa.String(), nullable=False),
        sa.Column("scope_kind", sa.String(), nullable=False),
        sa.Column("scope_value", sa.String(), nullable=False),
        sa.Column("scope_products", sa.String(), nullable=False),
        sa.Column("blind", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("recount_products", sa.String(), nullable=False),
        sa.Column("opened_at", sa.String(), nullable=False),
        sa.Column("open_hwm", sa.Integer(), nullable=False),
        sa.Column("opened_by_id", sa.String(), nullable=False),
        sa.Column("opened_by_name", sa.String(), nullable=False),
        sa.Column("approved_at", sa.String(), nullable=True),
        sa.Column("approver_id", sa.String(), nullable=True),
        sa.Column("approver_name", sa.String(), nullable=True),
        sa.Column("posted_at", sa.String(), nullable=True),
        sa.Column("event_seq", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_count_session")),
        sa.UniqueConstraint("session_uuid", name=op.f("uq_count_session_session_uuid")),
    )
    op.create_index(op.f("ix_count_session_state"), "count_session", ["state"])
    op.create_table(
        "count_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("hwm", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.String(), nullable=False),
        sa.Column("counter_name", sa.String(), nullable=False),
        sa.Column("device", sa.String(), nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("counted_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"],
                                name=op.f("fk_count_line_product_id_product")),
        sa.ForeignKeyConstraint(["session_id"], ["count_session.id"],
                                name=op.f("fk_count_line_session_id_count_session")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_count_line")),
    )
    op.create_index("ix_count_line_session_id_product_id", "count_line",
                    ["session_id", "product_id", "round"])
    for ddl in TRIGGERS.values():
        op.execute(ddl)
    _replace_day_triggers(counts=True)


def downgrade() -> None:
    _replace_day_triggers(counts=False)
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_count_line_session_id_product_id", table_name="count_line")
    op.drop_table("count_line")
    op.drop_index(op.f("ix_count_session_state"), table_name="count_session")
    op.drop_table("count_session")
    op.drop_column("product", "cost_fen")
