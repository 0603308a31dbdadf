"""Suspended (parked) sales: a JSON snapshot of the cart, taken back exactly once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, text

from pos_app.core.clock import default_now
from pos_app.core.errors import PosError
from pos_app.store.db import read_tx, write_tx


@dataclass(frozen=True, slots=True)
class SuspendedSummary:
    """A parked sale as listed for the cashier (the payload stays in the database)."""

    suspended_id: int
    sale_uuid: str
    label: str
    total_fen: int
    line_count: int
    created_at: str


def suspend_sale(
    *, engine: Engine, sale_uuid: str, label: str, payload: dict[str, Any], total_fen: int,
    line_count: int, created_at: datetime | None = None,
) -> int:
    """Park a sale; returns its suspended id. ``sale.already_suspended`` if parked twice."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    at = (created_at or default_now()).isoformat()
    with write_tx(engine) as conn:
        if conn.execute(text("SELECT 1 FROM suspended_sale WHERE sale_uuid = :u"),
                        {"u": sale_uuid}).first():
            raise PosError("sale.already_suspended", sale_uuid=sale_uuid)
        return int(conn.execute(text(
            "INSERT INTO suspended_sale (sale_uuid, label, payload, total_fen, line_count, "
            "created_at) VALUES (:u, :l, :p, :t, :n, :c) RETURNING id"
        ), {"u": sale_uuid, "l": label, "p": body, "t": total_fen, "n": line_count,
            "c": at}).scalar_one())


def list_suspended(*, engine: Engine) -> list[SuspendedSummary]:
    """Parked sales, oldest first."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(
            "SELECT id, sale_uuid, label, total_fen, line_count, created_at "
            "FROM suspended_sale ORDER BY id"
        ))
        return [SuspendedSummary(*r) for r in rows]


def take_suspended(*, engine: Engine, suspended_id: int) -> dict[str, Any]:
    """Read and remove a parked sale in one transaction (two tills cannot both resume it)."""
    with write_tx(engine) as conn:
        body = conn.execute(text("DELETE FROM suspended_sale WHERE id = :id RETURNING payload"),
                            {"id": suspended_id}).scalar()
    if body is None:
        raise PosError("suspended.not_found", suspended_id=suspended_id)
    result: dict[str, Any] = json.loads(body)
    return result
