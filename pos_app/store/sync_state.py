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

from sqlalchemy import Connection, Engine, text

from pos_app.store.db import read_tx, write_tx
from pos_app.store.stock import balance_of
from sync.protocol import POINTS_TRANSACTION, STREAMS, DaySummary, OutEvent
from sync.summary import summarize

# Points entries: 'pending' until the cloud acknowledges the event, 'acked' until a members
# page brings the member's confirmed balance that includes it, then 'synced'. Both of the
# first two count on top of the confirmed balance (see ``pos_app.store.members``).
PRUNE_CHUNK = 500


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


def _ensure_status(conn: Connection) -> None:
    conn.execute(text(
        "INSERT INTO sync_status (id, last_error_key, last_error_data, acked_seq) "
        "VALUES (1, '', '{}', 0) ON CONFLICT (id) DO NOTHING"))


def get_status(*, engine: Engine) -> SyncStatusRecord:
    """The status row (defaults before the first sync)."""
    with read_tx(engine) as conn:
        r = conn.execute(text(f"SELECT {', '.join(_STATUS_COLS)} FROM sync_status "
                              "WHERE id = 1")).first()
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
        sets = ", ".join(f"{k} = :{k}" for k in values)
        conn.execute(text(f"UPDATE sync_status SET {sets} WHERE id = 1"), values)


def update_status(*, engine: Engine, **values: Any) -> None:
    """Set some status fields (a short background write)."""
    with write_tx(engine, background=True) as conn:
        put_status(conn, **values)


# ---- pull cursors ----------------------------------------------------------------------


def cursors(*, engine: Engine) -> dict[str, int]:
    """stream → cursor, every stream of the protocol (0 = never pulled)."""
    with read_tx(engine) as conn:
        found: dict[str, int] = {r[0]: r[1] for r in conn.execute(
            text("SELECT stream, after FROM sync_cursor"))}
    return {s: int(found.get(s, 0)) for s in STREAMS}


def save_cursor(conn: Connection, *, stream: str, after: int, at: str) -> None:
    """Save a stream's cursor in the caller's transaction (the one that applied the page)."""
    conn.execute(text(
        "INSERT INTO sync_cursor (stream, after, updated_at) VALUES (:s, :a, :at) "
        "ON CONFLICT (stream) DO UPDATE SET after = excluded.after, "
        "updated_at = excluded.updated_at"), {"s": stream, "a": after, "at": at})


def forget_cloud(*, engine: Engine) -> None:
    """Start over with another cloud (a new enrollment): every stream is pulled from the
    start and the next hello decides what to push again. Local data stays."""
    with write_tx(engine) as conn:
        conn.execute(text("DELETE FROM sync_cursor"))
        conn.execute(text("DELETE FROM sync_status"))


# ---- the outbox --------------------------------------------------------------------------


def _out_event(r: Any) -> OutEvent:
    created = datetime.fromisoformat(r[5])
    if created.tzinfo is None:  # written by an older build: it was local time
        created = created.astimezone()
    return OutEvent(event_uuid=r[0], seq=r[1], type=r[2], version=r[3],
                    payload=json.loads(r[4]), created_at=created)


def pending_batch(*, engine: Engine, terminal_code: str, limit: int) -> list[OutEvent]:
    """The oldest unacknowledged events with consecutive seqs (a push batch): events of a
    re-pushed day can sit between acknowledged ones, and a batch has no holes."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(
            "SELECT event_uuid, seq, type, version, payload, created_at FROM outbox_event "
            "WHERE terminal_code = :t AND acked_at IS NULL ORDER BY seq LIMIT :n"),
            {"t": terminal_code, "n": limit}).all()
    batch: list[OutEvent] = []
    for r in rows:
        if batch and r[1] != batch[-1].seq + 1:
            break
        batch.append(_out_event(r))
    return batch


def backlog(*, engine: Engine, terminal_code: str) -> int:
    """Events not yet acknowledged by the cloud."""
    with read_tx(engine) as conn:  # the partial index of pending events: O(pending)
        return int(conn.execute(text(
            "SELECT count(*) FROM outbox_event WHERE acked_at IS NULL AND terminal_code = :t"),
            {"t": terminal_code}).scalar_one())


def last_seq(*, engine: Engine, terminal_code: str) -> int:
    """The newest seq this terminal has written (0 when none)."""
    with read_tx(engine) as conn:
        value = conn.execute(text("SELECT value FROM counter WHERE name = :n"),
                             {"n": f"outbox:{terminal_code}"}).scalar()
    return int(value or 0)


def ack(*, engine: Engine, terminal_code: str, up_to_seq: int, at: str, from_seq: int = 1,
        quarantined: Mapping[str, str] | None = None) -> int:
    """Acknowledge the events with ``from_seq <= seq <= up_to_seq`` in one transaction: the
    events, their points entries ('pending' → 'acked'; a quarantined one → 'quarantined',
    since the cloud never counts it) and the high-water mark. ``quarantined`` maps the uuids
    the cloud quarantined to its reasons: those events are acknowledged *and* keep their
    reason (see ``outbox_quarantine``); any other event acknowledged here leaves quarantine
    (a repaired copy the cloud took), its points entry counted again. Returns how many."""
    quarantined = dict(quarantined or {})
    with write_tx(engine, background=True) as conn:
        params = {"t": terminal_code, "q": up_to_seq, "f": from_seq, "pt": POINTS_TRANSACTION,
                  "at": at, "u": json.dumps(quarantined, sort_keys=True)}
        conn.execute(text(
            "UPDATE points_entry SET state = 'acked' WHERE state IN ('pending', 'quarantined') "
            "AND entry_uuid IN (SELECT json_extract(payload, '$.entry_uuid') FROM outbox_event "
            "WHERE terminal_code = :t AND type = :pt AND seq BETWEEN :f AND :q AND acked_at IS "
            "NULL AND event_uuid NOT IN (SELECT key FROM json_each(:u)))"), params)
        done = conn.execute(text(
            "UPDATE outbox_event SET acked_at = :at, quarantine_reason = NULL, "
            "quarantined_at = NULL WHERE terminal_code = :t AND seq BETWEEN :f AND :q AND "
            "acked_at IS NULL"), params).rowcount
        if quarantined:
            conn.execute(text(
                "UPDATE points_entry SET state = 'quarantined' WHERE state IN "
                "('pending', 'acked') AND entry_uuid IN (SELECT json_extract(payload, "
                "'$.entry_uuid') FROM outbox_event WHERE terminal_code = :t AND type = :pt "
                "AND event_uuid IN (SELECT key FROM json_each(:u)))"), params)
            conn.execute(text(
                "UPDATE outbox_event SET quarantine_reason = (SELECT value FROM json_each(:u) "
                "WHERE key = outbox_event.event_uuid), quarantined_at = :at WHERE "
                "terminal_code = :t AND event_uuid IN (SELECT key FROM json_each(:u))"), params)
        newest = conn.execute(text(
            "SELECT max(seq) FROM outbox_event WHERE terminal_code = :t AND seq BETWEEN :f "
            "AND :q"), params).scalar()
        _ensure_status(conn)
        conn.execute(text("UPDATE sync_status SET acked_seq = max(acked_seq, :s) WHERE id = 1"),
                     {"s": int(newest or 0)})
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
        n = conn.execute(text(
            "UPDATE outbox_event SET acked_at = NULL WHERE terminal_code = :t AND seq > :q "
            "AND acked_at IS NOT NULL"), {"t": terminal_code, "q": seq}).rowcount
        _ensure_status(conn)
        conn.execute(text("UPDATE sync_status SET acked_seq = min(acked_seq, :q) WHERE id = 1"),
                     {"q": seq})
        conn.execute(text("UPDATE stock_cloud SET basis_seq = min(basis_seq, :q)"), {"q": seq})
        conn.execute(text("DELETE FROM sync_cursor"))
        return int(n)


def unack_dates(*, engine: Engine, terminal_code: str, dates: Collection[str]) -> int:
    """Make the events of these business dates pending again (verification found the cloud's
    days differ): they are pushed again; whatever the cloud already has is a duplicate."""
    if not dates:
        return 0
    with write_tx(engine, background=True) as conn:
        return int(conn.execute(text(
            "UPDATE outbox_event SET acked_at = NULL WHERE terminal_code = :t AND acked_at "
            "IS NOT NULL AND business_date IN (SELECT value FROM json_each(:d))"),
            {"t": terminal_code, "d": json.dumps(sorted(dates))}).rowcount)


_DAY_SUMS = ("events", "sales_count", "sales_total_fen", "voided_count", "points_delta",
             "stock_delta")


def day_summaries(*, engine: Engine, terminal_code: str, since: str) -> list[DaySummary]:
    """Per-day summaries of the acknowledged events of business dates >= ``since`` (what the
    cloud should hold): the day sums the triggers keep with the events (``outbox_day``,
    one row a day) less the events still pending, which ``sync.summary.summarize`` works
    out from their payloads like the cloud does (few: verification runs after the push)."""
    with read_tx(engine) as conn:
        days = {r[0]: dict(zip(_DAY_SUMS, r[1:], strict=True)) for r in conn.execute(text(
            f"SELECT business_date, {', '.join(_DAY_SUMS)} FROM outbox_day WHERE "
            "terminal_code = :t AND business_date >= :d"), {"t": terminal_code, "d": since})}
        # ``+business_date``: read the pending events through their partial index, never a
        # month of acknowledged ones through the date index.
        pending = conn.execute(text(
            "SELECT type, created_at, payload FROM outbox_event WHERE terminal_code = :t AND "
            "acked_at IS NULL AND +business_date >= :d ORDER BY seq"),
            {"t": terminal_code, "d": since}).all()
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
    done = 0
    while True:
        with write_tx(engine, background=True) as conn:
            n = int(conn.execute(text(
                "DELETE FROM outbox_event WHERE id IN (SELECT id FROM outbox_event WHERE "
                "terminal_code = :t AND business_date < :d AND acked_at IS NOT NULL LIMIT :n)"),
                {"t": terminal_code, "d": before, "n": PRUNE_CHUNK}).rowcount)
        done += n
        if n < PRUNE_CHUNK:
            return done


def kept_seqs(*, engine: Engine, terminal_code: str, first: int, last: int) -> int:
    """How many events with ``first <= seq <= last`` this terminal still keeps."""
    with read_tx(engine) as conn:
        return int(conn.execute(text(
            "SELECT count(*) FROM outbox_event WHERE terminal_code = :t AND seq BETWEEN :a "
            "AND :b"), {"t": terminal_code, "a": first, "b": last}).scalar_one())


# ---- stock ---------------------------------------------------------------------------


def stock_view(*, engine: Engine, sku: str) -> int | None:
    """Stock on hand of a SKU as this terminal sees it: the cloud's balance as last pulled
    plus this terminal's movements the cloud's balance did not hold yet (those with an
    outbox seq above the cloud's cursor then). Without a pulled balance, the local ledger's.
    None for an unknown SKU."""
    with read_tx(engine) as conn:
        product = conn.execute(text("SELECT id FROM product WHERE sku = :s"),
                               {"s": sku}).first()
        cloud = conn.execute(text("SELECT on_hand, basis_seq FROM stock_cloud WHERE sku = :s"),
                             {"s": sku}).first()
        if product is None:
            return int(cloud[0]) if cloud is not None else None
        if cloud is None:
            return balance_of(conn, product[0])
        local = conn.execute(text(
            "SELECT coalesce(sum(delta), 0) FROM stock_movement WHERE product_id = :p AND "
            "event_seq > :b"), {"p": product[0], "b": cloud[1]}).scalar_one()
        return int(cloud[0]) + int(local)


def stock_views(*, engine: Engine, skus: Sequence[str]) -> dict[str, int | None]:
    """``stock_view`` of several SKUs."""
    return {s: stock_view(engine=engine, sku=s) for s in skus}
