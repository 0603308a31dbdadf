"""Suspended (parked) sales: a JSON snapshot of the cart, taken back exactly once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from pos_app.core.clock import default_now
from pos_app.core.errors import PosError
from pos_app.store.audit import AuditRecord, append_audit
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import suspended_sale


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
    line_count: int, created_at: datetime | None = None, audit: Sequence[AuditRecord] = (),
    store_code: str = "", terminal_code: str = "",
) -> int:
    """Park a sale (with the audit entries of what staff did in it so far); returns its
    suspended id. ``sale.already_suspended`` if parked twice."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    at = (created_at or default_now()).isoformat()
    with write_tx(engine) as conn:
        if conn.execute(select(suspended_sale.c.id).where(
                suspended_sale.c.sale_uuid == sale_uuid)).first():
            raise PosError("sale.already_suspended", sale_uuid=sale_uuid)
        append_audit(conn, audit, store_code=store_code, terminal_code=terminal_code)
        return int(conn.execute(insert(suspended_sale).returning(suspended_sale.c.id), {
            "sale_uuid": sale_uuid, "label": label, "payload": body, "total_fen": total_fen,
            "line_count": line_count, "created_at": at}).scalar_one())


def list_suspended(*, engine: Engine) -> list[SuspendedSummary]:
    """Parked sales, oldest first."""
    with read_tx(engine) as conn:
        t = suspended_sale.c
        rows = conn.execute(select(t.id, t.sale_uuid, t.label, t.total_fen, t.line_count,
                                   t.created_at).order_by(t.id))
        return [SuspendedSummary(*r) for r in rows]


def take_suspended(*, engine: Engine, suspended_id: int) -> dict[str, Any]:
    """Read and remove a parked sale in one transaction (two tills cannot both resume it)."""
    with write_tx(engine) as conn:
        body = conn.execute(delete(suspended_sale).where(suspended_sale.c.id == suspended_id)
                            .returning(suspended_sale.c.payload)).scalar()
    if body is None:
        raise PosError("suspended.not_found", suspended_id=suspended_id)
    result: dict[str, Any] = json.loads(body)
    return result
