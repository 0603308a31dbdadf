"""history: a till after a year of trading. The outbox gets its business date as a column
with an index, a partial index of the unacknowledged events (the push, the backlog and the
acknowledgements cost what is pending, not what was ever written), and per-day sums kept by
triggers in the transaction that writes or deletes an event (verification reads a few rows
instead of parsing a month of payloads).

Revision ID: 0010_history
Revises: 0007_sync
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_history"
down_revision = "0007_sync"
branch_labels = None
depends_on = None

_INT = sa.Integer()

# What one event adds to its day, the same rules as ``sync.summary.summarize`` (a test keeps
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
    sums = _sums("e")
    op.execute(
        f"INSERT INTO outbox_day (terminal_code, business_date, {', '.join(SUM_COLUMNS)}) "
        "SELECT e.terminal_code, substr(e.created_at, 1, 10), "
        + ", ".join(f"sum({sums[c]})" for c in SUM_COLUMNS)
        + " FROM outbox_event AS e GROUP BY 1, 2")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("outbox_day")
    op.create_index("ix_outbox_event_acked_at", "outbox_event", ["acked_at"])
    op.drop_index("ix_outbox_event_unacked", table_name="outbox_event")
    op.drop_index("ix_outbox_event_terminal_code_business_date", table_name="outbox_event")
    op.execute("ALTER TABLE outbox_event DROP COLUMN business_date")
