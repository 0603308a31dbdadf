"""Outbox: events written in the business transaction, pushed later by the sync worker."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, text

from contract.protocol import EVENT_VERSIONS
from pos_app.store.db import read_tx, write_tx

_NEXT = text(
    "INSERT INTO counter (name, value) VALUES (:name, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value"
)


def next_value(conn: Connection, name: str) -> int:
    """Advance a gap-free counter inside the caller's transaction (rolls back with it)."""
    return int(conn.execute(_NEXT, {"name": name}).scalar_one())


@dataclass(frozen=True, slots=True)
class OutboxEvent:
    """One event as stored; ``payload`` is the decoded JSON."""

    event_uuid: str
    store_code: str
    terminal_code: str
    seq: int
    type: str
    version: int
    payload: dict[str, Any]
    created_at: str
    acked_at: str | None


def append_event(
    conn: Connection, *, store_code: str, terminal_code: str, type: str,
    payload: dict[str, Any], created_at: str, version: int | None = None,
    event_uuid: str | None = None,
) -> OutboxEvent:
    """Write one event with the terminal's next gap-free seq in the caller's transaction
    (``version`` defaults to the one this code writes for ``type``)."""
    seq = next_value(conn, f"outbox:{terminal_code}")
    version = version if version is not None else EVENT_VERSIONS.get(type, 1)
    event_uuid = event_uuid or str(uuid.uuid4())
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    conn.execute(text(
        "INSERT INTO outbox_event (event_uuid, store_code, terminal_code, seq, type, version, "
        "payload, created_at) VALUES (:u, :s, :t, :q, :ty, :v, :p, :c)"
    ), {"u": event_uuid, "s": store_code, "t": terminal_code, "q": seq, "ty": type,
        "v": version, "p": body, "c": created_at})
    return OutboxEvent(event_uuid, store_code, terminal_code, seq, type, version, payload,
                       created_at, None)


def _event(r: Any) -> OutboxEvent:
    return OutboxEvent(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7], r[8])


_SELECT = ("SELECT event_uuid, store_code, terminal_code, seq, type, version, payload, "
           "created_at, acked_at FROM outbox_event ")


def pending_events(*, engine: Engine, terminal_code: str, limit: int = 250) -> list[OutboxEvent]:
    """Unacknowledged events of a terminal in seq order (a push batch)."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(
            _SELECT + "WHERE terminal_code = :t AND acked_at IS NULL ORDER BY seq LIMIT :n"
        ), {"t": terminal_code, "n": limit})
        return [_event(r) for r in rows]


def events_after(*, engine: Engine, terminal_code: str, after_seq: int = 0,
                 limit: int = 250) -> list[OutboxEvent]:
    """Events of a terminal with seq > ``after_seq`` (acked or not), in seq order."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(
            _SELECT + "WHERE terminal_code = :t AND seq > :a ORDER BY seq LIMIT :n"
        ), {"t": terminal_code, "a": after_seq, "n": limit})
        return [_event(r) for r in rows]


def mark_acked(*, engine: Engine, terminal_code: str, up_to_seq: int, acked_at: str) -> int:
    """Mark events up to ``up_to_seq`` as acknowledged by the cloud; returns how many."""
    with write_tx(engine) as conn:
        result = conn.execute(text(
            "UPDATE outbox_event SET acked_at = :a WHERE terminal_code = :t AND seq <= :q "
            "AND acked_at IS NULL"
        ), {"a": acked_at, "t": terminal_code, "q": up_to_seq})
        return int(result.rowcount)
