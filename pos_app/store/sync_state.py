"""The terminal's side of sync in the local store: the outbox's acknowledgements, pull cursors,
the sync status row and the local stock view.

Writes here run on the sync worker as *background* transactions (``write_tx(...,
background=True)``): each is short, and a sale that wants the database goes first.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Engine, String, bindparam, delete, func, select, update
from sqlalchemy.dialects import sqlite

from contract.protocol import POINTS_TRANSACTION, STREAMS, DaySummary, OutEvent
from contract.summary import summarize
from pos_app.store.catalog import product_id_of
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import (
    counter,
    outbox_day,
    outbox_event,
    points_entry,
    stock_cloud,
    stock_movement,
    sync_cursor,
    sync_status,
)
from pos_app.store.outbox import OutboxEvent, pending_query, read_events
from pos_app.store.statements import json_each, unindexed, upsert
from pos_app.store.stock import balance_of

# Points entries: 'pending' until the cloud acknowledges the event, 'acked' until a members
# page brings the member's confirmed balance that includes it, then 'synced'. Both of the
# first two count on top of the confirmed balance (see ``pos_app.store.members``).
PRUNE_CHUNK = 500
_ROW_ID = 1  # the status table's one row


@dataclass(frozen=True, slots=True)
class SyncStatusRecord:
    """The sync status row as values."""

    last_success_at: str | None = None
    last_attempt_at: str | None = None
    last_error_key: str = ""
    last_error_data: dict[str, Any] = field(default_factory=dict)
    last_error_at: str | None = None
    server_cursor: int | None = None
    acked_seq: int = 0
    clock_skew_s: float | None = None
    last_verify_at: str | None = None


_STATUS_COLS = ("last_success_at", "last_attempt_at", "last_error_key", "last_error_data",
                "last_error_at", "server_cursor", "acked_seq", "clock_skew_s", "last_verify_at")
_ENSURE_STATUS = sqlite.insert(sync_status).values(
    id=_ROW_ID, last_error_key="", last_error_data="{}", acked_seq=0).on_conflict_do_nothing(
    index_elements=["id"])
_THE_STATUS = sync_status.c.id == _ROW_ID


def _ensure_status(conn: Connection) -> None:
    conn.execute(_ENSURE_STATUS)


def get_status(*, engine: Engine) -> SyncStatusRecord:
    """The status row (defaults before the first sync)."""
    with read_tx(engine) as conn:
        r = conn.execute(select(*(sync_status.c[c] for c in _STATUS_COLS))
                         .where(_THE_STATUS)).first()
    if r is None:
        return SyncStatusRecord()
    values = dict(zip(_STATUS_COLS, r, strict=True))
    try:
        data = json.loads(values["last_error_data"] or "{}")
    except ValueError:
        data = {}
    values["last_error_data"] = data if isinstance(data, dict) else {}
    return SyncStatusRecord(**values)


def put_status(conn: Connection, **values: Any) -> None:
    """Set some status fields in the caller's transaction."""
    unknown = set(values) - set(_STATUS_COLS)
    if unknown:
        raise ValueError(f"unknown status fields {sorted(unknown)}")
    if "last_error_data" in values:
        values["last_error_data"] = json.dumps(values["last_error_data"] or {},
                                               ensure_ascii=False, default=str)
    _ensure_status(conn)
    if values:
        conn.execute(update(sync_status).where(_THE_STATUS).values(**values))


def update_status(*, engine: Engine, **values: Any) -> None:
    """Set some status fields (a short background write)."""
    with write_tx(engine, background=True) as conn:
        put_status(conn, **values)


# ---- pull cursors ----------------------------------------------------------------------

_SAVE_CURSOR = upsert(sync_cursor, key=["stream"])


def cursors(*, engine: Engine) -> dict[str, int]:
    """stream → cursor, every stream of the protocol (0 = never pulled)."""
    with read_tx(engine) as conn:
        found: dict[str, int] = {r[0]: r[1] for r in conn.execute(
            select(sync_cursor.c.stream, sync_cursor.c.after))}
    return {s: int(found.get(s, 0)) for s in STREAMS}


def save_cursor(conn: Connection, *, stream: str, after: int, at: str) -> None:
    """Save a stream's cursor in the caller's transaction (the one that applied the page)."""
    conn.execute(_SAVE_CURSOR, {"stream": stream, "after": after, "updated_at": at})


def forget_cloud(*, engine: Engine) -> None:
    """Start over with another cloud (a new enrollment): every stream is pulled from the
    start and the next hello decides what to push again. Local data stays."""
    with write_tx(engine) as conn:
        conn.execute(delete(sync_cursor))
        conn.execute(delete(sync_status))


# ---- the outbox --------------------------------------------------------------------------

_e = outbox_event.c


def _out_event(e: OutboxEvent) -> OutEvent:
    created = datetime.fromisoformat(e.created_at)
    if created.tzinfo is None:  # written by an older build: it was local time
        created = created.astimezone()
    return OutEvent(event_uuid=UUID(e.event_uuid), seq=e.seq, type=e.type, version=e.version,
                    payload=e.payload, created_at=created)


def pending_batch(*, engine: Engine, terminal_code: str, limit: int) -> list[OutEvent]:
    """The oldest unacknowledged events with consecutive seqs (a push batch): events of a
    re-pushed day can sit between acknowledged ones, and a batch has no holes."""
    with read_tx(engine) as conn:
        events = read_events(conn, pending_query(terminal_code, limit))
    batch: list[OutEvent] = []
    for e in events:
        if batch and e.seq != batch[-1].seq + 1:
            break
        batch.append(_out_event(e))
    return batch


def backlog(*, engine: Engine, terminal_code: str) -> int:
    """Events not yet acknowledged by the cloud."""
    with read_tx(engine) as conn:  # the partial index of pending events: O(pending)
        return int(conn.execute(select(func.count()).select_from(outbox_event).where(
            _e.acked_at.is_(None), _e.terminal_code == terminal_code)).scalar_one())


def last_seq(*, engine: Engine, terminal_code: str) -> int:
    """The newest seq this terminal has written (0 when none)."""
    with read_tx(engine) as conn:
        value = conn.execute(select(counter.c.value).where(
            counter.c.name == f"outbox:{terminal_code}")).scalar()
    return int(value or 0)


def _points_of(*where: Any) -> Any:
    """The entry uuids of the points events among the outbox events matching ``where``."""
    return select(func.json_extract(_e.payload, "$.entry_uuid")).where(
        _e.type == POINTS_TRANSACTION, *where)


# The acknowledgement's statements, built once (a push acknowledges every batch): parameters
# ``terminal``, ``first``, ``last``, ``at`` and ``reasons`` (JSON: event uuid -> reason).
_reasons = json_each(bindparam("reasons", type_=String))
_in_range = (_e.terminal_code == bindparam("terminal"),
             _e.seq.between(bindparam("first"), bindparam("last")))
_refused = _e.event_uuid.in_(select(_reasons.c.key))
_ACK_POINTS = update(points_entry).where(
    points_entry.c.state.in_(("pending", "quarantined")),
    points_entry.c.entry_uuid.in_(_points_of(*_in_range, _e.acked_at.is_(None),
                                             ~_refused))).values(state="acked")
_ACK_EVENTS = update(outbox_event).where(*_in_range, _e.acked_at.is_(None)).values(
    acked_at=bindparam("at"), quarantine_reason=None, quarantined_at=None)
_QUARANTINE_POINTS = update(points_entry).where(
    points_entry.c.state.in_(("pending", "acked")),
    points_entry.c.entry_uuid.in_(_points_of(_e.terminal_code == bindparam("terminal"),
                                             _refused))).values(state="quarantined")
_QUARANTINE_EVENTS = update(outbox_event).where(
    _e.terminal_code == bindparam("terminal"), _refused).values(
    quarantine_reason=select(_reasons.c.value).where(
        _reasons.c.key == _e.event_uuid).scalar_subquery(),
    quarantined_at=bindparam("at"))
_NEWEST = select(func.max(_e.seq)).where(*_in_range)
_RAISE_ACKED = update(sync_status).where(_THE_STATUS).values(
    acked_seq=func.max(sync_status.c.acked_seq, bindparam("newest")))


def ack(*, engine: Engine, terminal_code: str, up_to_seq: int, at: str, from_seq: int = 1,
        quarantined: Mapping[str, str] | None = None) -> int:
    """Acknowledge the events with ``from_seq <= seq <= up_to_seq`` in one transaction: the
    events, their points entries ('pending' → 'acked'; a quarantined one → 'quarantined',
    since the cloud never counts it) and the high-water mark. ``quarantined`` maps the uuids
    the cloud quarantined to its reasons: those events are acknowledged *and* keep their
    reason (see ``outbox_quarantine``); any other event acknowledged here leaves quarantine
    (a repaired copy the cloud took), its points entry counted again. Returns how many."""
    quarantined = dict(quarantined or {})
    params = {"terminal": terminal_code, "first": from_seq, "last": up_to_seq, "at": at,
              "reasons": json.dumps(quarantined, sort_keys=True)}
    with write_tx(engine, background=True) as conn:
        conn.execute(_ACK_POINTS, params)
        done = conn.execute(_ACK_EVENTS, params).rowcount
        if quarantined:
            conn.execute(_QUARANTINE_POINTS, params)
            conn.execute(_QUARANTINE_EVENTS, params)
        newest = conn.execute(_NEWEST, params).scalar()
        _ensure_status(conn)
        conn.execute(_RAISE_ACKED, {"newest": int(newest or 0)})
        return int(done)


def unack_above(*, engine: Engine, terminal_code: str, seq: int) -> int:
    """The cloud has nothing above ``seq`` (its database went back in time): every event
    above it is pending again. The high-water mark drops to ``seq``; the cloud's stock
    balances no longer hold our movements above it. Its change sequences went back too, so
    every stream is pulled again from the start: the changes it makes next reuse seqs we
    have pulled already (the pulled balances, which hold the movements above ``seq``, would
    otherwise never be replaced and those movements would count twice in the stock view).
    Returns how many events."""
    with write_tx(engine, background=True) as conn:
        n = conn.execute(update(outbox_event).where(
            _e.terminal_code == terminal_code, _e.seq > seq, _e.acked_at.is_not(None))
            .values(acked_at=None)).rowcount
        _ensure_status(conn)
        conn.execute(update(sync_status).where(_THE_STATUS).values(
            acked_seq=func.min(sync_status.c.acked_seq, seq)))
        conn.execute(update(stock_cloud).values(
            basis_seq=func.min(stock_cloud.c.basis_seq, seq)))
        conn.execute(delete(sync_cursor))
        return int(n)


def unack_dates(*, engine: Engine, terminal_code: str, dates: Collection[str]) -> int:
    """Make the events of these business dates pending again (verification found the cloud's
    days differ): they are pushed again; whatever the cloud already has is a duplicate."""
    if not dates:
        return 0
    days = json_each(json.dumps(sorted(dates)))
    with write_tx(engine, background=True) as conn:
        return int(conn.execute(update(outbox_event).where(
            _e.terminal_code == terminal_code, _e.acked_at.is_not(None),
            _e.business_date.in_(select(days.c.value))).values(acked_at=None)).rowcount)


_DAY_SUMS = ("events", "sales_count", "sales_total_fen", "voided_count", "points_delta",
             "stock_delta")


def day_summaries(*, engine: Engine, terminal_code: str, since: str) -> list[DaySummary]:
    """Per-day summaries of the acknowledged events of business dates >= ``since`` (what the
    cloud should hold): the day sums the triggers keep with the events (``outbox_day``,
    one row a day) less the events still pending, which ``contract.summary.summarize`` works
    out from their payloads like the cloud does (few: verification runs after the push)."""
    d = outbox_day.c
    with read_tx(engine) as conn:
        days = {r[0]: dict(zip(_DAY_SUMS, r[1:], strict=True)) for r in conn.execute(
            select(d.business_date, *(d[c] for c in _DAY_SUMS)).where(
                d.terminal_code == terminal_code, d.business_date >= since))}
        # ``+business_date``: read the pending events through their partial index, never a
        # month of acknowledged ones through the date index.
        pending = conn.execute(select(_e.type, _e.created_at, _e.payload).where(
            _e.terminal_code == terminal_code, _e.acked_at.is_(None),
            unindexed(_e.business_date) >= since).order_by(_e.seq)).all()
    for day in summarize((r[0], r[1], json.loads(r[2])) for r in pending):
        sums = days.get(day.business_date)
        if sums is not None:
            for name in _DAY_SUMS:
                sums[name] -= getattr(day, name)
    return [DaySummary(business_date=d, **sums) for d, sums in sorted(days.items())
            if sums["events"] > 0]


def prune_acked(*, engine: Engine, terminal_code: str, before: str) -> int:
    """Delete acknowledged events of business dates before ``before`` (kept N days for
    verification), a few hundred per short transaction. Returns how many."""
    chunk = select(_e.id).where(_e.terminal_code == terminal_code, _e.business_date < before,
                                _e.acked_at.is_not(None)).limit(PRUNE_CHUNK)
    done = 0
    while True:
        with write_tx(engine, background=True) as conn:
            n = int(conn.execute(delete(outbox_event).where(_e.id.in_(chunk))).rowcount)
        done += n
        if n < PRUNE_CHUNK:
            return done


def kept_seqs(*, engine: Engine, terminal_code: str, first: int, last: int) -> int:
    """How many events with ``first <= seq <= last`` this terminal still keeps."""
    with read_tx(engine) as conn:
        return int(conn.execute(select(func.count()).select_from(outbox_event).where(
            _e.terminal_code == terminal_code, _e.seq.between(first, last))).scalar_one())


# ---- stock ---------------------------------------------------------------------------


def stock_view(*, engine: Engine, sku: str) -> int | None:
    """Stock on hand of a SKU as this terminal sees it: the cloud's balance as last pulled
    plus this terminal's movements the cloud's balance did not hold yet (those with an
    outbox seq above the cloud's cursor then). Without a pulled balance, the local ledger's.
    None for an unknown SKU."""
    with read_tx(engine) as conn:
        product_id = product_id_of(conn, sku)
        cloud = conn.execute(select(stock_cloud.c.on_hand, stock_cloud.c.basis_seq).where(
            stock_cloud.c.sku == sku)).first()
        if product_id is None:
            return int(cloud[0]) if cloud is not None else None
        if cloud is None:
            return balance_of(conn, product_id)
        local = conn.execute(select(func.coalesce(func.sum(stock_movement.c.delta), 0)).where(
            stock_movement.c.product_id == product_id,
            stock_movement.c.event_seq > cloud[1])).scalar_one()
        return int(cloud[0]) + int(local)


def stock_views(*, engine: Engine, skus: Sequence[str]) -> dict[str, int | None]:
    """``stock_view`` of several SKUs."""
    return {s: stock_view(engine=engine, sku=s) for s in skus}
