"""The one store/terminal identity row (store_info)."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Connection, Engine, text

from pos_app.core.errors import PosError
from pos_app.core.modes import CashRounding, TaxMode
from pos_app.core.store_info import StoreInfo
from pos_app.store.db import write_tx


def get_store_info(*, engine: Engine) -> StoreInfo:
    """The configured store and terminal; ``terminal.not_configured`` when never set."""
    with engine.connect() as conn:
        r = conn.execute(text(
            "SELECT store_code, store_name, store_address, terminal_code, tax_mode, "
            "cash_rounding, footer FROM store_info WHERE id = 1"
        )).first()
    if r is None:
        raise PosError("terminal.not_configured")
    return StoreInfo(
        store_code=r[0], store_name=r[1], store_address=r[2], terminal_code=r[3],
        tax_mode=cast(TaxMode, r[4]), cash_rounding=cast(CashRounding, r[5]), footer=r[6],
    )


def has_store_info(*, engine: Engine) -> bool:
    """Whether the terminal has been configured."""
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM store_info WHERE id = 1")).first() is not None


def set_store_info(*, engine: Engine, info: StoreInfo) -> None:
    """Save the store and terminal identity (replaces the previous one)."""
    with write_tx(engine) as conn:
        put_store_info(conn, info)


def put_store_info(conn: Connection, info: StoreInfo) -> None:
    """Save the store info inside the caller's write transaction."""
    conn.execute(text(
        "INSERT INTO store_info (id, store_code, store_name, store_address, terminal_code, "
        "tax_mode, cash_rounding, footer) VALUES (1, :sc, :sn, :sa, :tc, :tm, :cr, :f) "
        "ON CONFLICT (id) DO UPDATE SET store_code = excluded.store_code, "
        "store_name = excluded.store_name, store_address = excluded.store_address, "
        "terminal_code = excluded.terminal_code, tax_mode = excluded.tax_mode, "
        "cash_rounding = excluded.cash_rounding, footer = excluded.footer"
    ), {"sc": info.store_code, "sn": info.store_name, "sa": info.store_address,
        "tc": info.terminal_code, "tm": info.tax_mode, "cr": info.cash_rounding,
        "f": info.footer})
