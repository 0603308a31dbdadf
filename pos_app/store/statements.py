"""Statement shapes the store's modules share, built on the ``models`` tables."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Table
from sqlalchemy.dialects.sqlite import Insert, insert


def upsert(table: Table, *, key: Iterable[str], update: Iterable[str] | None = None) -> Insert:
    """``INSERT ... ON CONFLICT (key) DO UPDATE SET col = excluded.col`` for each column of
    ``update`` (default: every column not in ``key``)."""
    keys = list(key)
    stmt = insert(table)
    names = list(update) if update is not None else [
        c.name for c in table.columns if c.name not in keys]
    return stmt.on_conflict_do_update(index_elements=keys,
                                      set_={n: stmt.excluded[n] for n in names})


def replace(table: Table) -> Insert:
    """``INSERT OR REPLACE``: the row replaces any row with the same key."""
    return insert(table).prefix_with("OR REPLACE")
