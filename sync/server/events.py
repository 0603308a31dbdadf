"""The events of one push batch: each new one applied or quarantined, and a quarantined one
pushed again (fixed by its till) checked again.

A batch is applied all at once (one settlement of the balances: the fast path). If any of
its writes fails, that is rolled back to a savepoint and the events are applied one by one,
each in its own savepoint: the event whose writes fail is quarantined alone (and flagged),
the others apply. So no event, of this store or another, can make a batch fail for good.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.exc import InterfaceError, OperationalError, StatementError

from contract.protocol import SALE_COMPLETED, OutEvent, Quarantined
from contract.summary import business_date
from sync.server import upgrades
from sync.server.batch import BalanceOutOfBounds, Batch, settle
from sync.server.bounds import earnable_fen, sale_problem
from sync.server.db import among
from sync.server.effects import Quarantine, Source, apply_event
from sync.server.flags import EVENT_QUARANTINED, resolve_open
from sync.server.ledger_tables import applied_event
from sync.server.payloads import (
    AuditEntry,
    PointsEntry,
    ReturnCompleted,
    Sale,
    parse_payload,
    storable,
)

log = logging.getLogger(__name__)
APPLY_FAILED = "sync.apply_failed"


@dataclass(frozen=True, slots=True)
class _Checked:
    """An event after validation: its payload, or why it is quarantined."""

    payload: Any
    reason: str | None


def check(type_: str, version: int, payload: dict[str, Any]) -> _Checked:
    if not upgrades.is_known_type(type_):
        return _Checked(None, "sync.event_type_unknown")
    try:
        current = upgrades.upgrade(type_, version, payload)
    except upgrades.UpgradeMissing:
        return _Checked(None, "sync.event_upgrade_missing")
    except (KeyError, TypeError, ValueError, AttributeError):
        return _Checked(None, "sync.payload_invalid")  # too malformed to upgrade
    try:
        return _Checked(parse_payload(type_, current), None)
    except ValidationError:
        return _Checked(None, "sync.payload_invalid")


@dataclass(frozen=True, slots=True)
class Known:
    """Events of a batch the cloud has seen: applied ones (duplicates from now on) and
    quarantined ones (checked again: their till may have fixed them)."""

    applied: set[str]
    quarantined: dict[str, Any]


def _known(batch: Batch, uuids: list[str]) -> Known:
    known = Known(set(), {})
    for row in batch.conn.execute(select(
            applied_event.c.event_uuid, applied_event.c.status, applied_event.c.reason,
            applied_event.c.payload, applied_event.c.received_at, applied_event.c.history
    ).where(applied_event.c.store_id == batch.caller.store_id,
            among(batch.conn, applied_event.c.event_uuid, uuids))):
        if row.status == "quarantined":
            known.quarantined[row.event_uuid] = row
        else:
            known.applied.add(row.event_uuid)
    return known


_HISTORY = 20  # earlier checks kept per event


def _history(earlier: Any, payload: str, reason: str | None) -> str | None:
    """The history of an event checked again: the earlier check is added when something
    changed (a plain retry of a batch adds nothing)."""
    history: list[dict[str, Any]] = json.loads(earlier.history or "[]")
    if payload != earlier.payload or reason != earlier.reason:
        when: datetime = earlier.received_at
        history = [*history, {"reason": earlier.reason, "received_at": when.isoformat()}]
    return json.dumps(history[-_HISTORY:]) if history else None


def _record(batch: Batch, e: OutEvent, checked: _Checked,
            earlier: Any | None = None) -> str | None:
    """Apply (or quarantine) one event and queue its ``applied_event`` row (or update the
    row of its ``earlier`` quarantine); returns the quarantine reason, if any."""
    uuid, created_at = str(e.event_uuid), e.created_at.isoformat()
    src = Source(uuid, created_at, business_date(e.created_at))
    reason = checked.reason
    if reason is None:
        try:
            apply_event(batch, src, e.type, checked.payload)
        except Quarantine as q:
            reason = q.reason
            if q.flag:
                _flag_quarantine(batch, e, reason)
    payload = json.dumps(e.payload, separators=(",", ":"), sort_keys=True)
    row = {
        "terminal_id": batch.caller.terminal_id, "seq": e.seq,
        "type": storable(e.type), "version": e.version,
        # ASCII JSON: stores whatever the till sent, even text PostgreSQL would refuse.
        "payload": payload, "created_at": created_at, "business_date": src.business_date,
        "received_at": batch.received_at,
        "status": "applied" if reason is None else "quarantined", "reason": reason}
    if earlier is None:
        batch.insert(applied_event, {"store_id": batch.caller.store_id, "event_uuid": uuid,
                                     **row})
        return reason
    batch.conn.execute(update(applied_event).where(
        applied_event.c.store_id == batch.caller.store_id,
        applied_event.c.event_uuid == uuid,
    ).values(**row, history=_history(earlier, payload, reason)))
    if reason is None:
        resolve_open(batch.conn, store_id=batch.caller.store_id, kind=EVENT_QUARANTINED,
                     open_key=uuid, at=batch.received_at)
    return reason


def _flag_quarantine(batch: Batch, e: OutEvent, reason: str, **detail: str) -> None:
    batch.flag(EVENT_QUARANTINED, str(e.event_uuid), type=storable(e.type), seq=e.seq,
               reason=reason, terminal=batch.caller.terminal_code, **detail)


@dataclass
class Tally:
    applied: int = 0
    duplicates: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)

    def count(self, e: OutEvent, reason: str | None) -> None:
        if reason is None:
            self.applied += 1
        else:
            self.quarantined.append(Quarantined(event_uuid=e.event_uuid, seq=e.seq,
                                                reason=reason))


def _apply_failure(exc: Exception) -> bool:
    """Whether ``exc`` is the event's fault (its data broke a constraint, a type or a
    bound), not the database's (busy, deadlocked, gone: those answer 503, and a retry
    applies the batch)."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return False
    return isinstance(exc, (StatementError, OverflowError, BalanceOutOfBounds))


def _all_at_once(batch: Batch, events: list[OutEvent], known: Known,
                 checked: dict[UUID, _Checked]) -> Tally:
    tally, seen = Tally(), set(known.applied)
    for e in events:
        uuid = str(e.event_uuid)
        if uuid in seen:
            tally.duplicates += 1
            continue
        seen.add(uuid)
        tally.count(e, _record(batch, e, checked[e.event_uuid], known.quarantined.get(uuid)))
    settle(batch)
    return tally


def _one_by_one(batch: Batch, events: list[OutEvent], known: Known,
                checked: dict[UUID, _Checked]) -> Tally:
    """Each event applied and settled in its own savepoint: one whose writes fail is
    quarantined (and flagged) alone, and the batch goes on."""
    tally, seen = Tally(), set(known.applied)
    for e in events:
        uuid = str(e.event_uuid)
        if uuid in seen:
            tally.duplicates += 1
            continue
        seen.add(uuid)
        earlier = known.quarantined.get(uuid)
        memo = batch.snapshot()
        savepoint = batch.conn.begin_nested()
        try:
            reason = _record(batch, e, checked[e.event_uuid], earlier)
            settle(batch)
            savepoint.commit()
        except Exception as exc:
            savepoint.rollback()
            if not _apply_failure(exc):
                raise
            batch.restore(memo)
            log.warning("event %s of terminal %s quarantined: %s", e.event_uuid,
                        batch.caller.terminal_id, exc.__class__.__name__)
            reason = APPLY_FAILED
            _flag_quarantine(batch, e, reason, error=f"{exc.__class__.__name__}: {exc}"[:200])
            _record(batch, e, _Checked(None, reason), earlier)
            settle(batch)
        tally.count(e, reason)
    return tally


def apply_events(batch: Batch, events: list[OutEvent]) -> Tally:
    """Apply the new events of a batch that starts at or below cursor + 1.

    All at once first (one settlement, the fast path); if any write fails, that is rolled
    back and the events are applied one by one, so no event can make a batch fail."""
    known = _known(batch, [str(e.event_uuid) for e in events])
    checked = {e.event_uuid: check(e.type, e.version, e.payload)
               for e in events if str(e.event_uuid) not in known.applied}
    payloads = [c.payload for c in checked.values()]
    batch.preload(sale_uuids=[p.sale_uuid for p in payloads if isinstance(p, Sale)],
                  entry_uuids=[p.entry_uuid for p in payloads if isinstance(p, PointsEntry)],
                  earn_sale_uuids=[p.sale_uuid for p in payloads if isinstance(p, PointsEntry)
                                   and p.kind == "earn" and p.sale_uuid is not None],
                  audit_uuids=[p.entry_uuid for p in payloads if isinstance(p, AuditEntry)],
                  return_uuids=[p.return_uuid for p in payloads
                                if isinstance(p, ReturnCompleted)])
    # A sale later in the batch counts for its earn entries too (older tills wrote the
    # points events before their sale's), unless the sale itself is out of bounds.
    for e in events:
        sale_ = checked[e.event_uuid].payload if e.event_uuid in checked else None
        if e.type == SALE_COMPLETED and isinstance(sale_, Sale) and not sale_problem(sale_):
            batch.earnable.setdefault(sale_.sale_uuid, earnable_fen(sale_))
    memo = batch.snapshot()
    savepoint = batch.conn.begin_nested()
    try:
        tally = _all_at_once(batch, events, known, checked)
        savepoint.commit()
        return tally
    except Exception as exc:
        savepoint.rollback()
        if not _apply_failure(exc):
            raise
        batch.restore(memo)
    return _one_by_one(batch, events, known, checked)


