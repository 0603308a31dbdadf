"""Statement shapes the store's modules share, built on the ``models`` tables."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import BindParameter, ColumnElement, Table, func
from sqlalchemy.dialects.sqlite import Insert, insert
from sqlalchemy.sql.expression import TableValuedAlias, UnaryExpression
from sqlalchemy.sql.operators import custom_op

T = TypeVar("T")


def upsert(table: Table, *, key: Iterable[str], update: Iterable[str] | None = None) -> Insert:
    """``INSERT ... ON CONFLICT (key) DO UPDATE SET col = excluded.col`` for each column of
    ``update`` (default: every column neither in ``key`` nor in the primary key)."""
    keys = list(key)
    stmt = insert(table)
    names = list(update) if update is not None else [
        c.name for c in table.columns if c.name not in keys and not c.primary_key]
    return stmt.on_conflict_do_update(index_elements=keys,
                                      set_={n: stmt.excluded[n] for n in names})


def replace(table: Table) -> Insert:
    """``INSERT OR REPLACE``: the row replaces any row with the same key."""
    return insert(table).prefix_with("OR REPLACE")


def json_each(document: str | BindParameter[str]) -> TableValuedAlias:
    """SQLite's ``json_each(?)`` of a JSON text: a table of ``key`` and ``value`` (a set of
    values passed as one parameter)."""
    return func.json_each(document).table_valued("key", "value")


def unindexed(column: ColumnElement[T]) -> ColumnElement[T]:
    """``+column``: SQLite's query planner then uses no index of that column (when another
    index fits the query better than the planner can tell without statistics)."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)
