"""history: a till after a year of trading. The outbox gets its business date as a column
with an index, a partial index of the unacknowledged events (the push, the backlog and the
acknowledgements cost what is pending, not what was ever written), and per-day sums kept by
triggers in the transaction that writes or deletes an event (verification reads a few rows
instead of parsing a month of payloads). Retention: an index of the print jobs that still
hold their bytes, a gate that lets only the retention delete old sales, and the carried-forward
sum of the stock movements it deletes.

Revision ID: 0010_history
Revises: 0009_outbox_quarantine
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_history"
down_revision = "0009_outbox_quarantine"
branch_labels = None
depends_on = None

_INT = sa.Integer()

# What one event adds to its day, the same rules as ``contract.summary.summarize`` (a test keeps
# them equal): a completed sale counts, adds its total and moves stock by minus each line's
# qty; a void counts; points and stock movements add their signed amounts. Fields that are
# not integers count as zero, like there.
_INT_AT = "(CASE WHEN json_type({doc}, '{path}') = 'integer' THEN json_extract({doc}, '{path}') ELSE 0 END)"  # noqa: E501
_OBJ = "(json_valid({ev}.payload) AND json_type({ev}.payload) = 'object')"


def _sums(ev: str) -> dict[str, str]:
    ok = _OBJ.format(ev=ev)
    doc = f"{ev}.payload"

    def int_at(path: str) -> str:
        return f"(CASE WHEN {ok} THEN {_INT_AT.format(doc=doc, path=path)} ELSE 0 END)"

    lines_qty = (
        f"(CASE WHEN {ok} AND json_type({doc}, '$.lines') = 'array' THEN (SELECT "
        "coalesce(sum(CASE WHEN l.type = 'object' AND json_type(l.value, '$.qty') = 'integer' "
        f"THEN json_extract(l.value, '$.qty') ELSE 0 END), 0) FROM json_each({doc}, '$.lines') "
        "AS l) ELSE 0 END)")
    t = f"{ev}.type"
    return {
        "events": "1",
        "sales_count": f"({t} = 'sale.completed')",
        "sales_total_fen": f"(CASE WHEN {t} = 'sale.completed' THEN {int_at('$.total_fen')} "
                           "ELSE 0 END)",
        "voided_count": f"({t} = 'sale.voided')",
        "points_delta": f"(CASE WHEN {t} = 'points.transaction' THEN {int_at('$.points')} "
                        "ELSE 0 END)",
        "stock_delta": f"(CASE WHEN {t} = 'sale.completed' THEN -{lines_qty} "
                       f"WHEN {t} = 'stock.movement' THEN {int_at('$.delta')} ELSE 0 END)",
    }


SUM_COLUMNS = ("events", "sales_count", "sales_total_fen", "voided_count", "points_delta",
               "stock_delta")


def _insert_trigger() -> str:
    sums = _sums("NEW")
    cols = ", ".join(SUM_COLUMNS)
    values = ", ".join(sums[c] for c in SUM_COLUMNS)
    adds = ", ".join(f"{c} = {c} + excluded.{c}" for c in SUM_COLUMNS)
    return (
        "CREATE TRIGGER outbox_day_on_insert AFTER INSERT ON outbox_event BEGIN "
        f"INSERT INTO outbox_day (terminal_code, business_date, {cols}) VALUES "
        f"(NEW.terminal_code, substr(NEW.created_at, 1, 10), {values}) "
        f"ON CONFLICT (terminal_code, business_date) DO UPDATE SET {adds}; END")


def _delete_trigger() -> str:
    sums = _sums("OLD")
    subs = ", ".join(f"{c} = {c} - {sums[c]}" for c in SUM_COLUMNS)
    return (
        "CREATE TRIGGER outbox_day_on_delete AFTER DELETE ON outbox_event BEGIN "
        f"UPDATE outbox_day SET {subs} WHERE terminal_code = OLD.terminal_code "
        "AND business_date = substr(OLD.created_at, 1, 10); "
        "DELETE FROM outbox_day WHERE terminal_code = OLD.terminal_code "
        "AND business_date = substr(OLD.created_at, 1, 10) AND events = 0; END")


TRIGGERS = {"outbox_day_on_insert": _insert_trigger, "outbox_day_on_delete": _delete_trigger}

# A closed sale and the stock ledger stay undeletable, except inside the retention's own
# transaction: it writes a row into retention_gate, deletes, and removes the row before it
# commits (no other connection ever sees the row).
_GUARDS = {
    "sale_completed_undeletable": (
        "CREATE TRIGGER sale_completed_undeletable BEFORE DELETE ON sale "
        "WHEN OLD.state IN ('completed', 'voided'){gate} "
        "BEGIN SELECT RAISE(ABORT, 'a closed sale is never deleted'); END"),
    "stock_movement_no_delete": (
        "CREATE TRIGGER stock_movement_no_delete BEFORE DELETE ON stock_movement{when}"
        "BEGIN SELECT RAISE(ABORT, 'the stock ledger is append-only'); END"),
}
_GATE = "NOT EXISTS (SELECT 1 FROM retention_gate)"


def _guards(*, gated: bool) -> list[str]:
    return [
        _GUARDS["sale_completed_undeletable"].format(gate=f" AND {_GATE}" if gated else ""),
        _GUARDS["stock_movement_no_delete"].format(when=f" WHEN {_GATE} " if gated else " "),
    ]


def upgrade() -> None:
    # In place (ADD COLUMN of a virtual generated column): a table rebuild would copy a
    # year of payloads. The business date is the terminal's local date of the event.
    op.execute("ALTER TABLE outbox_event ADD COLUMN business_date VARCHAR "
               "GENERATED ALWAYS AS (substr(created_at, 1, 10)) VIRTUAL")
    op.create_index("ix_outbox_event_terminal_code_business_date", "outbox_event",
                    ["terminal_code", "business_date"])
    op.create_index("ix_outbox_event_unacked", "outbox_event", ["terminal_code", "seq"],
                    sqlite_where=sa.text("acked_at IS NULL"))
    # Every row of this index changed on each acknowledgement and no query could use it.
    op.drop_index("ix_outbox_event_acked_at", table_name="outbox_event")
    op.create_table(
        "outbox_day",
        sa.Column("terminal_code", sa.String(), nullable=False),
        sa.Column("business_date", sa.String(), nullable=False),
        *(sa.Column(c, _INT, nullable=False, server_default="0") for c in SUM_COLUMNS),
        sa.PrimaryKeyConstraint("terminal_code", "business_date", name="pk_outbox_day"),
    )
    for make in TRIGGERS.values():
        op.execute(make())
    # Retention: printed jobs' bytes are dropped after some days (found by this index, which
    # holds only the jobs that still have them); old sales are deleted behind the gate, their
    # stock movements' sum carried forward per product (the ledger still sums to the balance).
    op.create_index("ix_print_job_with_bytes", "print_job", ["updated_at"],
                    sqlite_where=sa.text("length(payload) > 0"))
    op.create_table("retention_gate", sa.Column("id", _INT, nullable=False),
                    sa.PrimaryKeyConstraint("id", name="pk_retention_gate"))
    op.create_table(
        "stock_carried",
        sa.Column("product_id", _INT, nullable=False), sa.Column("delta", _INT, nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"],
                                name="fk_stock_carried_product_id_product"),
        sa.PrimaryKeyConstraint("product_id", name="pk_stock_carried"))
    for name in _GUARDS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for ddl in _guards(gated=True):
        op.execute(ddl)
    sums = _sums("e")
    op.execute(
        f"INSERT INTO outbox_day (terminal_code, business_date, {', '.join(SUM_COLUMNS)}) "
        "SELECT e.terminal_code, substr(e.created_at, 1, 10), "
        + ", ".join(f"sum({sums[c]})" for c in SUM_COLUMNS)
        + " FROM outbox_event AS e GROUP BY 1, 2")


def downgrade() -> None:
    for name in (*TRIGGERS, *_GUARDS):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for ddl in _guards(gated=False):
        op.execute(ddl)
    op.drop_table("stock_carried")
    op.drop_table("retention_gate")
    op.drop_index("ix_print_job_with_bytes", table_name="print_job")
    op.drop_table("outbox_day")
    op.create_index("ix_outbox_event_acked_at", "outbox_event", ["acked_at"])
    op.drop_index("ix_outbox_event_unacked", table_name="outbox_event")
    op.drop_index("ix_outbox_event_terminal_code_business_date", table_name="outbox_event")
    op.execute("ALTER TABLE outbox_event DROP COLUMN business_date")
