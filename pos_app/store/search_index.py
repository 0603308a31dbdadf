"""The products' full-text index (FTS5 ``product_fts``) while a large catalog loads.

FTS5 writes new index rows as small segments and merges them as they pile up ("automerge":
a level's segments are merged once it holds 4). During a load of hundreds of thousands of
products every row is rewritten by several such merges: at 1,000,000 products they were
about a third of an initial pull. In bulk mode the automatic merges are off (a level is
merged only past 64 segments, FTS5's "crisis merge"): the index stays correct and
searches work, about twice slower, until the segments are merged. Bulk mode is a setting
stored in the index itself, written in the transactions of the load, so a load cut short
by a crash keeps it until the load completes; afterwards the store's idle worker merges
the segments in short steps (``merge_step``).
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Connection, Engine, text

from pos_app.store import raw_sql
from pos_app.store.db import write_tx

AUTOMERGE = 4  # FTS5's defaults
CRISISMERGE = 16
BULK_CRISISMERGE = 64
MERGE_STEP_PAGES = 200  # index pages one idle step merges: a short transaction
_SET = text(raw_sql.FTS_SET)


def in_bulk(conn: Connection) -> bool:
    """Whether the index is in bulk mode (automatic merges off)."""
    value = conn.execute(text(raw_sql.FTS_SETTING), {"k": "automerge"}).scalar()
    return value is not None and int(value) == 0


def set_bulk(conn: Connection, on: bool) -> None:
    """Turn bulk mode on or off, in ``conn``'s transaction (off only when it is on)."""
    if on == in_bulk(conn):
        return
    conn.execute(_SET, {"k": "automerge", "v": 0 if on else AUTOMERGE})
    conn.execute(_SET, {"k": "crisismerge", "v": BULK_CRISISMERGE if on else CRISISMERGE})


def merge_step(engine: Engine, *, pages: int = MERGE_STEP_PAGES) -> bool:
    """Merge up to ``pages`` pages of the index's segments (a background transaction);
    whether there was anything to merge. Does nothing in bulk mode (a load is going on)."""
    with write_tx(engine, background=True) as conn:
        if in_bulk(conn):
            return False
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        before = raw.total_changes
        # A positive count: only levels holding 4 or more segments are merged (a negative
        # one would rewrite the whole index for each new small segment).
        conn.execute(_SET, {"k": "merge", "v": pages})
        # FTS5: fewer than two rows changed means it found nothing to merge.
        return raw.total_changes - before >= 2


def optimize(*, engine: Engine) -> None:
    """Merge every segment into one at once (after a load no sale waits for)."""
    with write_tx(engine) as conn:
        conn.execute(text(raw_sql.FTS_OPTIMIZE))
