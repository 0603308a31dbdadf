"""The one store/terminal identity row (store_info)."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Connection, Engine, select

from pos_app.core.errors import PosError
from pos_app.core.modes import CashRounding, TaxMode
from pos_app.core.store_info import StoreInfo
from pos_app.store.db import write_tx
from pos_app.store.models import store_info
from pos_app.store.statements import upsert

_ROW_ID = 1  # the table's one row
_FIELDS = ("store_code", "store_name", "store_address", "terminal_code", "tax_mode",
           "cash_rounding", "footer")
_SELECT = select(*(store_info.c[f] for f in _FIELDS)).where(store_info.c.id == _ROW_ID)
_PUT = upsert(store_info, key=["id"])


def _info(r: Any) -> StoreInfo:
    return StoreInfo(
        store_code=r.store_code, store_name=r.store_name, store_address=r.store_address,
        terminal_code=r.terminal_code, tax_mode=cast(TaxMode, r.tax_mode),
        cash_rounding=cast(CashRounding, r.cash_rounding), footer=r.footer,
    )


def read_store_info(conn: Connection) -> StoreInfo | None:
    """The store info in the caller's transaction, None when never set."""
    r = conn.execute(_SELECT).first()
    return _info(r) if r is not None else None


def get_store_info(*, engine: Engine) -> StoreInfo:
    """The configured store and terminal; ``terminal.not_configured`` when never set."""
    with engine.connect() as conn:
        info = read_store_info(conn)
    if info is None:
        raise PosError("terminal.not_configured")
    return info


def has_store_info(*, engine: Engine) -> bool:
    """Whether the terminal has been configured."""
    with engine.connect() as conn:
        return conn.execute(select(store_info.c.id).where(
            store_info.c.id == _ROW_ID)).first() is not None


def set_store_info(*, engine: Engine, info: StoreInfo) -> None:
    """Save the store and terminal identity (replaces the previous one)."""
    with write_tx(engine) as conn:
        put_store_info(conn, info)


def put_store_info(conn: Connection, info: StoreInfo) -> None:
    """Save the store info inside the caller's write transaction."""
    conn.execute(_PUT, {"id": _ROW_ID, **{f: getattr(info, f) for f in _FIELDS}})
