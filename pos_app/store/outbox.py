"""Outbox: events written in the business transaction, pushed later by the sync worker."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Select, insert, select, update
from sqlalchemy.dialects import sqlite

from contract.protocol import EVENT_VERSIONS
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import counter, outbox_event

_NEXT = (sqlite.insert(counter).values(value=1)
         .on_conflict_do_update(index_elements=["name"], set_={"value": counter.c.value + 1})
         .returning(counter.c.value))
_APPEND = insert(outbox_event)


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
    conn.execute(_APPEND, {"event_uuid": event_uuid, "store_code": store_code,
                           "terminal_code": terminal_code, "seq": seq, "type": type,
                           "version": version, "payload": body, "created_at": created_at})
    return OutboxEvent(event_uuid, store_code, terminal_code, seq, type, version, payload,
                       created_at, None)


_e = outbox_event.c
_SELECT = select(_e.event_uuid, _e.store_code, _e.terminal_code, _e.seq, _e.type, _e.version,
                 _e.payload, _e.created_at, _e.acked_at)


def _event(r: Any) -> OutboxEvent:
    return OutboxEvent(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7], r[8])


def pending_query(terminal_code: str, limit: int) -> Select[Any]:
    """The terminal's unacknowledged events in seq order (through the partial index of
    what is still to push)."""
    return (_SELECT.where(_e.terminal_code == terminal_code, _e.acked_at.is_(None))
            .order_by(_e.seq).limit(limit))


def read_events(conn: Connection, query: Select[Any]) -> list[OutboxEvent]:
    """The events of a ``pending_query`` (or another select of ``outbox_event`` rows)."""
    return [_event(r) for r in conn.execute(query)]


def pending_events(*, engine: Engine, terminal_code: str, limit: int = 250) -> list[OutboxEvent]:
    """Unacknowledged events of a terminal in seq order (a push batch)."""
    with read_tx(engine) as conn:
        return read_events(conn, pending_query(terminal_code, limit))


def events_after(*, engine: Engine, terminal_code: str, after_seq: int = 0,
                 limit: int = 250) -> list[OutboxEvent]:
    """Events of a terminal with seq > ``after_seq`` (acked or not), in seq order."""
    with read_tx(engine) as conn:
        return read_events(conn, _SELECT.where(
            _e.terminal_code == terminal_code, _e.seq > after_seq).order_by(_e.seq)
            .limit(limit))


def mark_acked(*, engine: Engine, terminal_code: str, up_to_seq: int, acked_at: str) -> int:
    """Mark events up to ``up_to_seq`` as acknowledged by the cloud; returns how many."""
    with write_tx(engine) as conn:
        result = conn.execute(update(outbox_event).where(
            _e.terminal_code == terminal_code, _e.seq <= up_to_seq, _e.acked_at.is_(None))
            .values(acked_at=acked_at))
        return int(result.rowcount)
