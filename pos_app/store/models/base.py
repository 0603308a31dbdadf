"""The base of the terminal's SQLModel tables: their own registry and metadata."""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData, Table, text
from sqlalchemy.orm import registry
from sqlmodel import SQLModel

# A registry of our own: the cloud server's tables never mix into the terminal schema.
# Named constraints keep Alembic batch migrations (table rebuilds) deterministic.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_registry = registry(metadata=MetaData(naming_convention=NAMING))


class LocalTable(SQLModel, registry=_registry):
    """Base of every terminal table."""


metadata = LocalTable.metadata


def table_of(model: type[LocalTable]) -> Table:
    """The Core table of a table class: what the store's queries are built from."""
    table = getattr(model, "__table__", None)
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table class")
    return table


def db_default(value: str | int) -> dict[str, Any]:
    """``sa_column_kwargs`` of a column the database fills when an insert leaves it out (the
    columns added to tables that already had rows carry one)."""
    # An empty string as text: Alembic's comparison reads a plain "" as no default.
    return {"server_default": text("''") if value == "" else str(value)}
