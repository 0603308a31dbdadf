"""Events the cloud quarantined: listed with the cloud's reason, and repaired and pushed again.

A quarantined event is acknowledged (the cloud's cursor passed it) but keeps its reason in
``outbox_event.quarantine_reason`` (``sync_state.ack``), so the till shows it instead of
forgetting it. An event whose payload holds text the cloud cannot store (a NUL from an old
import, a lone surrogate) can be repaired: its payload is rewritten with those characters
replaced (``pos_app.core.text``), same event uuid and seq, and it is pending again. It
leaves quarantine when the cloud takes it (``sync_state.ack`` clears the reason then).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine, text

from pos_app.core.errors import PosError
from pos_app.core.text import repair_value
from pos_app.store.db import read_tx, write_tx

# Reasons a repair of the payload's text can cure.
REPAIRABLE_REASONS = frozenset({"sync.payload_invalid"})
LIST_LIMIT = 100  # the dialog shows the oldest ones; the count says how many in all


@dataclass(frozen=True, slots=True)
class QuarantinedEvent:
    """One quarantined event as the till shows it."""

    event_uuid: str
    seq: int
    type: str
    reason: str  # the cloud's sync.* key
    quarantined_at: str
    created_at: str
    repairable: bool  # a repair of its text can cure it
    resending: bool  # repaired, waiting to be pushed again


def _repairable(reason: str, payload: str) -> bool:
    if reason not in REPAIRABLE_REASONS:
        return False
    try:
        return repair_value(json.loads(payload))[1] > 0
    except ValueError:
        return False


def quarantined_count(*, engine: Engine, terminal_code: str) -> int:
    """How many of this terminal's events are quarantined (a partial-index count)."""
    with read_tx(engine) as conn:
        return int(conn.execute(text(
            "SELECT count(*) FROM outbox_event WHERE terminal_code = :t AND "
            "quarantine_reason IS NOT NULL"), {"t": terminal_code}).scalar_one())


def quarantined_events(*, engine: Engine, terminal_code: str,
                       limit: int = LIST_LIMIT) -> list[QuarantinedEvent]:
    """The oldest ``limit`` quarantined events, in seq order."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(
            "SELECT event_uuid, seq, type, quarantine_reason, quarantined_at, created_at, "
            "payload, acked_at IS NULL FROM outbox_event WHERE terminal_code = :t AND "
            "quarantine_reason IS NOT NULL ORDER BY seq LIMIT :n"),
            {"t": terminal_code, "n": limit}).all()
    return [QuarantinedEvent(event_uuid=r[0], seq=int(r[1]), type=r[2], reason=r[3],
                             quarantined_at=r[4] or "", created_at=r[5],
                             repairable=not r[7] and _repairable(r[3], r[6]),
                             resending=bool(r[7]))
            for r in rows]


def repair_and_resend(*, engine: Engine, terminal_code: str, event_uuid: str) -> int:
    """Replace the refused characters in a quarantined event's payload and make it pending
    again (same uuid and seq), in one transaction; returns how many characters were replaced.
    ``PosError("sync.repair_not_possible")`` when the event is not quarantined for a reason a
    repair cures, or its payload has nothing to repair."""
    with write_tx(engine, background=True) as conn:
        row = conn.execute(text(
            "SELECT payload, quarantine_reason FROM outbox_event WHERE terminal_code = :t AND "
            "event_uuid = :u AND quarantine_reason IS NOT NULL"),
            {"t": terminal_code, "u": event_uuid}).first()
        if row is None or row[1] not in REPAIRABLE_REASONS:
            raise PosError("sync.repair_not_possible", event=event_uuid)
        payload, count = repair_value(json.loads(row[0]))
        if count == 0:
            raise PosError("sync.repair_not_possible", event=event_uuid)
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        conn.execute(text(
            "UPDATE outbox_event SET payload = :p, acked_at = NULL WHERE terminal_code = :t "
            "AND event_uuid = :u"), {"p": body, "t": terminal_code, "u": event_uuid})
    return int(count)
