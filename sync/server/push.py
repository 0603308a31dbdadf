"""Push: a terminal's batch of outbox events applied in one transaction (protocol step 2).

The terminal row is locked first (``SELECT .. FOR UPDATE``; SQLite's write lock), so two
copies of one batch sent at once are applied one after the other and the second finds only
duplicates. Events are recognised by ``(store_id, event_uuid)`` whatever their seq, so a
replayed batch changes nothing, and an event the cloud lost (a database restored from
backup) is applied again even below the cursor.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine, select, update

from sync.protocol import OutEvent, PushRequest, PushResponse, Quarantined
from sync.server import upgrades
from sync.server.auth import Caller, authenticate, check_identity
from sync.server.batch import Batch, settle
from sync.server.changes import flush
from sync.server.db import write_tx
from sync.server.effects import Quarantine, Source, apply_event
from sync.server.flags import clock_skew_flag
from sync.server.ledger_tables import applied_event
from sync.server.payloads import PointsEntry, Sale, parse_payload, storable
from sync.server.problems import ProblemError
from sync.server.tables import terminal
from sync.summary import business_date


@dataclass(frozen=True, slots=True)
class _Checked:
    """An event after validation: its payload, or why it is quarantined."""

    payload: Any
    reason: str | None


def _check(type_: str, version: int, payload: dict[str, Any]) -> _Checked:
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


def refuse_unknown_versions(request: PushRequest) -> None:
    """A version newer than this server knows: nothing is applied until the cloud updates
    (the event must not be quarantined: the cloud would never apply it)."""
    for e in request.events:
        if upgrades.is_known_type(e.type) and upgrades.is_too_new(e.type, e.version):
            raise ProblemError(
                422, "sync.event_version_unknown",
                "an event was written by a newer till than this cloud knows; update the cloud",
                event_uuid=str(e.event_uuid), type=e.type, version=e.version,
                known=upgrades.CURRENT_VERSIONS[e.type])


def _lock_cursor(batch: Batch) -> int:
    return int(batch.conn.execute(
        select(terminal.c.cursor).where(terminal.c.store_id == batch.caller.store_id,
                                        terminal.c.terminal_id == batch.caller.terminal_id)
        .with_for_update()).scalar_one())


def _known(batch: Batch, uuids: list[str]) -> set[str]:
    return set(batch.conn.execute(select(applied_event.c.event_uuid).where(
        applied_event.c.store_id == batch.caller.store_id,
        applied_event.c.event_uuid.in_(uuids))).scalars())


def _record(batch: Batch, e: OutEvent, checked: _Checked) -> str | None:
    """Apply (or quarantine) one new event and queue its ``applied_event`` row; returns
    the quarantine reason, if any."""
    uuid, created_at = str(e.event_uuid), e.created_at.isoformat()
    src = Source(uuid, created_at, business_date(e.created_at))
    reason = checked.reason
    if reason is None:
        try:
            apply_event(batch, src, e.type, checked.payload)
        except Quarantine as q:
            reason = q.reason
    batch.insert(applied_event, {
        "store_id": batch.caller.store_id, "event_uuid": uuid,
        "terminal_id": batch.caller.terminal_id, "seq": e.seq,
        "type": storable(e.type), "version": e.version,
        # ASCII JSON: stores whatever the till sent, even text PostgreSQL would refuse.
        "payload": json.dumps(e.payload, separators=(",", ":"), sort_keys=True),
        "created_at": created_at, "business_date": src.business_date,
        "received_at": batch.received_at,
        "status": "applied" if reason is None else "quarantined", "reason": reason})
    return reason


def _apply_events(batch: Batch, events: list[OutEvent]) -> tuple[int, int, list[Quarantined]]:
    """(applied, duplicates, quarantined) of a batch that starts at or below cursor + 1."""
    seen = _known(batch, [str(e.event_uuid) for e in events])
    checked = {e.event_uuid: _check(e.type, e.version, e.payload)
               for e in events if str(e.event_uuid) not in seen}
    payloads = [c.payload for c in checked.values()]
    batch.preload(sale_uuids=[p.sale_uuid for p in payloads if isinstance(p, Sale)],
                  entry_uuids=[p.entry_uuid for p in payloads if isinstance(p, PointsEntry)])
    applied = duplicates = 0
    quarantined: list[Quarantined] = []
    for e in events:
        if str(e.event_uuid) in seen:
            duplicates += 1
            continue
        seen.add(str(e.event_uuid))
        reason = _record(batch, e, checked[e.event_uuid])
        if reason is None:
            applied += 1
        else:
            quarantined.append(Quarantined(event_uuid=e.event_uuid, seq=e.seq, reason=reason))
    settle(batch)
    return applied, duplicates, quarantined


def apply_batch(batch: Batch, request: PushRequest) -> PushResponse:
    """Apply ``request`` in ``batch``'s transaction (the caller commits)."""
    caller = batch.caller
    cursor = _lock_cursor(batch)
    skew = (batch.received_at - request.sent_at).total_seconds()
    values: dict[str, Any] = {"last_seen_at": batch.received_at, "last_clock_skew_s": skew}
    clock_skew_flag(batch.conn, store_id=caller.store_id, terminal_id=caller.terminal_id,
                    terminal_code=caller.terminal_code, skew_s=skew, at=batch.received_at)
    gap = request.events[0].seq > cursor + 1
    applied, duplicates = 0, 0
    quarantined: list[Quarantined] = []
    if not gap:
        applied, duplicates, quarantined = _apply_events(batch, request.events)
        cursor = max(cursor, request.events[-1].seq)
        values.update(cursor=cursor, last_push_at=batch.received_at)
    batch.conn.execute(update(terminal).where(
        terminal.c.store_id == caller.store_id, terminal.c.terminal_id == caller.terminal_id
    ).values(**values))
    flush(batch.conn, batch.changes)  # last: the change counters stay locked only briefly
    return PushResponse(
        status="gap" if gap else "ok", cursor=cursor, expected_seq=cursor + 1,
        applied=applied, duplicates=duplicates, quarantined=quarantined,
        server_time=batch.received_at, clock_skew_s=skew)


def push(engine: Engine, *, authorization: str | None, request: PushRequest,
         now: datetime) -> PushResponse:
    """Authenticate and apply one push request in one transaction."""
    with write_tx(engine) as conn:
        caller: Caller = authenticate(conn, authorization)
        check_identity(caller, store_code=request.store_code,
                       terminal_code=request.terminal_code)
        refuse_unknown_versions(request)
        answer = apply_batch(Batch(conn, caller, now), request)
    if answer.applied:
        refresh_statistics(engine)
    return answer


_ANALYZED = ("applied_event", "sale", "points_entry", "stock_movement")
_ANALYZE_EVERY_S = 30.0
_last_analyze = [0.0]
_analyze_lock = threading.Lock()


def refresh_statistics(engine: Engine) -> None:
    """PostgreSQL: ANALYZE the tables pushes look up, at most every 30 s per process.

    Autovacuum analyses a fresh, fast-growing table only after a minute or more; until
    then the planner believes ``applied_event`` is empty and the duplicate check scans
    instead of using the key (a 50,000-event backlog drained 40 % slower).
    """
    if engine.dialect.name != "postgresql":
        return
    now = time.monotonic()
    with _analyze_lock:
        if now - _last_analyze[0] < _ANALYZE_EVERY_S:
            return
        _last_analyze[0] = now
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            f"ANALYZE {', '.join(_ANALYZED)}")
