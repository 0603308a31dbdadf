"""Push: a terminal's batch of outbox events applied in one transaction (protocol step 2).

The terminal row is locked first (``SELECT .. FOR UPDATE``; SQLite's write lock), so two
copies of one batch sent at once are applied one after the other and the second finds only
duplicates. Events are recognised by ``(store_id, event_uuid)`` whatever their seq, so a
replayed batch changes nothing, and an event the cloud lost (a database restored from
backup) is applied again even below the cursor.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select, text, update

from contract.protocol import PushRequest, PushResponse
from sync.server import upgrades
from sync.server.auth import Caller, authenticate, check_identity
from sync.server.batch import Batch
from sync.server.changes import flush
from sync.server.db import write_tx
from sync.server.events import Tally, apply_events
from sync.server.flags import clock_skew_flag
from sync.server.problems import ProblemError
from sync.server.tables import terminal


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


def apply_batch(batch: Batch, request: PushRequest) -> PushResponse:
    """Apply ``request`` in ``batch``'s transaction (the caller commits)."""
    caller = batch.caller
    cursor = _lock_cursor(batch)
    skew = (batch.received_at - request.sent_at).total_seconds()
    values: dict[str, Any] = {"last_seen_at": batch.received_at, "last_clock_skew_s": skew}
    clock_skew_flag(batch.conn, store_id=caller.store_id, terminal_id=caller.terminal_id,
                    terminal_code=caller.terminal_code, skew_s=skew, at=batch.received_at)
    gap = request.events[0].seq > cursor + 1
    if not gap:
        cursor = max(cursor, request.events[-1].seq)
        values.update(cursor=cursor, last_push_at=batch.received_at)
    # Before the events (the row is ours already): once they lock the store's stock rows,
    # only the change log and the commit are left.
    batch.conn.execute(update(terminal).where(
        terminal.c.store_id == caller.store_id, terminal.c.terminal_id == caller.terminal_id
    ).values(**values))
    tally = Tally() if gap else apply_events(batch, request.events)
    flush(batch.conn, batch.changes)  # last: the change counters stay locked only briefly
    return PushResponse(
        status="gap" if gap else "ok", cursor=cursor, expected_seq=cursor + 1,
        applied=tally.applied, duplicates=tally.duplicates, quarantined=tally.quarantined,
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


_ANALYZED = ("applied_event", "sale", "points_entry", "stock_movement", "member")
_CHECK_EVERY_S = 30.0
_STALE_ROWS = 1000  # a table is stale after this many changes (and a fifth of its rows)
_last_analyze = [0.0]
_analyze_lock = threading.Lock()
# The pushed-to tables never analysed, or changed by a fifth (and 1,000 rows) since.
_STALE = text("""
SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
WHERE s.schemaname = current_schema() AND s.relname = ANY(CAST(:names AS text[]))
  AND (coalesce(s.last_analyze, s.last_autoanalyze) IS NULL
       OR s.n_mod_since_analyze > greatest(:rows, c.reltuples * 0.2))
ORDER BY s.relname
""")


def refresh_statistics(engine: Engine) -> None:
    """PostgreSQL: ANALYZE the tables pushes look up that grew stale, checked at most every
    30 s per process (a worker that finds them fresh, analysed by another, samples none).

    Autovacuum analyses a fresh, fast-growing table only after a minute or more; until
    then the planner believes ``applied_event`` is empty and the duplicate check scans
    instead of using the key (a 50,000-event backlog drained 40 % slower). Members bulk
    imported just before a 50-till burst, never analysed, were scanned whole twice per
    batch (the balance lock and update). A table analysed lately and little changed since
    is not analysed again (a big member table is costly to sample; checking every 5 s
    analysed the big ``applied_event`` payloads so often that PostgreSQL's CPU per pushed
    event grew by a fifth).
    """
    if engine.dialect.name != "postgresql":
        return
    now = time.monotonic()
    with _analyze_lock:
        if now - _last_analyze[0] < _CHECK_EVERY_S:
            return
        _last_analyze[0] = now
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        stale = list(conn.execute(
            _STALE, {"names": list(_ANALYZED), "rows": _STALE_ROWS}).scalars())
        if stale:
            conn.exec_driver_sql(f"ANALYZE {', '.join(stale)}")
