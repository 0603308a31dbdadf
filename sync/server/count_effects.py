"""What ``count.posted`` does to the cloud's records, inside its push batch: the count, and
one ``count`` stock movement per product whose adjustment is not zero.

Exactly once per store: the event is applied once (``applied_event``) and a session uuid
carried by a second event is quarantined (``sync.count_exists``). The till computed each
adjustment against its ledger at the count line's mark; the cloud adds it to the store's
balance (a delta, never an overwrite), so the sales other tills pushed stay counted.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import select

from sync.server.bounds import count_problem
from sync.server.ledger_tables import stock_count, stock_movement
from sync.server.payloads import CountPosted

if TYPE_CHECKING:
    from sync.server.batch import Batch
    from sync.server.effects import Source

COUNT_EXISTS = "sync.count_exists"


def _recorded(batch: Batch, session_uuid: str) -> bool:
    if any(row["session_uuid"] == session_uuid for row in batch.rows.get(stock_count, [])):
        return True
    return batch.conn.execute(select(stock_count.c.session_uuid).where(
        stock_count.c.store_id == batch.caller.store_id,
        stock_count.c.session_uuid == session_uuid)).first() is not None


def apply_count(batch: Batch, src: Source, p: CountPosted) -> str | None:
    """Record the count and its movements; the quarantine reason when it cannot apply,
    checked before anything is queued."""
    problem = count_problem(p)
    if problem is not None:
        return problem
    if _recorded(batch, p.session_uuid):
        return COUNT_EXISTS
    store_id, terminal_id = batch.caller.store_id, batch.caller.terminal_id
    detail = {"terminal_code": p.terminal_code, "blind": p.blind, "opened_at": p.opened_at,
              "staff_id": p.staff_id, "staff_name": p.staff_name,
              "approver_id": p.approver_id, "approver_name": p.approver_name,
              "line_count": p.line_count,
              "unknown": [[u.code, u.qty] for u in p.unknown]}
    moved = [(n, c) for n, c in enumerate(p.products, 1) if c.delta]
    batch.insert(stock_count, {
        "store_id": store_id, "session_uuid": p.session_uuid, "terminal_id": terminal_id,
        "event_uuid": src.event_uuid, "scope_kind": p.scope_kind,
        "scope_value": p.scope_value, "posted_at": p.posted_at,
        "products": len(p.products), "net_delta": sum(c.delta for _n, c in moved),
        "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True),
        "received_at": batch.received_at})
    move = {"store_id": store_id, "event_uuid": src.event_uuid, "terminal_id": terminal_id,
            "created_at": src.created_at, "received_at": batch.received_at,
            "reason": "count"}
    batch.insert(stock_movement, *({**move, "line_no": n, "sku": c.sku, "delta": c.delta}
                                   for n, c in moved))
    for _n, c in moved:
        batch.move_stock(c.sku, c.delta)
    return None
