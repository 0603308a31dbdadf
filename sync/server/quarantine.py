"""The quarantine as HQ sees it: events that could not be applied, per store, with the
reason, the terminal, the event type and when they arrived (status page and CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from sync.server.ledger_tables import applied_event
from sync.server.tables import store, terminal


@dataclass(frozen=True, slots=True)
class QuarantinedEvent:
    store_code: str
    terminal_code: str
    seq: int
    event_uuid: str
    type: str
    reason: str
    received_at: datetime
    history: str  # JSON list of earlier checks ([] as text when none)


def quarantined_events(conn: Connection, *, store_code: str | None = None,
                       limit: int = 100) -> dict[str, list[QuarantinedEvent]]:
    """Store code → its quarantined events, newest first (at most ``limit`` per store)."""
    query = select(store.c.id, store.c.code).order_by(store.c.code)
    if store_code is not None:
        query = query.where(store.c.code == store_code)
    stores = conn.execute(query).all()
    found: dict[str, list[QuarantinedEvent]] = {}
    for s in stores:
        rows = conn.execute(
            select(applied_event, terminal.c.code.label("terminal_code"))
            .join(terminal, (terminal.c.store_id == applied_event.c.store_id)
                  & (terminal.c.terminal_id == applied_event.c.terminal_id), isouter=True)
            .where(applied_event.c.store_id == s.id, applied_event.c.status == "quarantined")
            .order_by(applied_event.c.received_at.desc(), applied_event.c.seq.desc())
            .limit(limit)).mappings().all()
        if rows:
            found[s.code] = [QuarantinedEvent(
                s.code, r["terminal_code"] or r["terminal_id"], int(r["seq"]),
                r["event_uuid"], r["type"], r["reason"] or "", r["received_at"],
                r["history"] or "[]") for r in rows]
    return found
