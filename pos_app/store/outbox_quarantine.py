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

from sqlalchemy import Engine, func, select, update

from pos_app.core.errors import PosError
from pos_app.core.text import repair_value
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import outbox_event

# Reasons a repair of the payload's text can cure.
REPAIRABLE_REASONS = frozenset({"sync.payload_invalid"})
LIST_LIMIT = 100  # the dialog shows the oldest ones; the count says how many in all
_e = outbox_event.c


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
        return int(conn.execute(select(func.count()).select_from(outbox_event).where(
            _e.terminal_code == terminal_code, _e.quarantine_reason.is_not(None)))
            .scalar_one())


def quarantined_events(*, engine: Engine, terminal_code: str,
                       limit: int = LIST_LIMIT) -> list[QuarantinedEvent]:
    """The oldest ``limit`` quarantined events, in seq order."""
    with read_tx(engine) as conn:
        rows = conn.execute(select(
            _e.event_uuid, _e.seq, _e.type, _e.quarantine_reason, _e.quarantined_at,
            _e.created_at, _e.payload, _e.acked_at.is_(None)).where(
            _e.terminal_code == terminal_code, _e.quarantine_reason.is_not(None))
            .order_by(_e.seq).limit(limit)).all()
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
        this = (_e.terminal_code == terminal_code, _e.event_uuid == event_uuid)
        row = conn.execute(select(_e.payload, _e.quarantine_reason).where(
            *this, _e.quarantine_reason.is_not(None))).first()
        if row is None or row[1] not in REPAIRABLE_REASONS:
            raise PosError("sync.repair_not_possible", event=event_uuid)
        payload, count = repair_value(json.loads(row[0]))
        if count == 0:
            raise PosError("sync.repair_not_possible", event=event_uuid)
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        conn.execute(update(outbox_event).where(*this).values(payload=body, acked_at=None))
    return int(count)
