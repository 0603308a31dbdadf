"""The audit log: append-only entries, each written with its ``audit.recorded`` event in
the caller's transaction (the triggers of migration 0012 refuse any change or delete)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from contract.store_events import AUDIT_RECORDED
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import audit_entry
from pos_app.store.outbox import append_event


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """Who did what (``action``: a ``core.roles.Permission`` value or a sign-in/shift word),
    when, approved by whom; ``detail`` holds amounts in fen."""

    action: str
    staff_id: str
    staff_name: str
    at: str
    subject: str = ""
    approver_id: str | None = None
    approver_name: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    entry_uuid: str = field(default_factory=lambda: str(uuid.uuid4()))


_INSERT = insert(audit_entry)
_a = audit_entry.c
_FIELDS = ("entry_uuid", "at", "action", "staff_id", "staff_name", "approver_id",
           "approver_name", "subject")


def append_audit(conn: Connection, records: Iterable[AuditRecord], *, store_code: str,
                 terminal_code: str) -> None:
    """Write entries and their events in the caller's transaction."""
    for r in records:
        values = {f: getattr(r, f) for f in _FIELDS}
        conn.execute(_INSERT, {**values, "detail": json.dumps(
            r.detail, ensure_ascii=False, sort_keys=True)})
        append_event(conn, store_code=store_code, terminal_code=terminal_code,
                     type=AUDIT_RECORDED, created_at=r.at,
                     payload={**values, "detail": r.detail})


def write_audit(engine: Engine, records: Sequence[AuditRecord], *, store_code: str,
                terminal_code: str) -> None:
    """Write entries in a transaction of their own."""
    if records:
        with write_tx(engine) as conn:
            append_audit(conn, records, store_code=store_code, terminal_code=terminal_code)


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the manager's viewer asks for: a time range (ISO, store time), an action, a
    staff member (as doer or approver), newest first, a page at a time."""

    since: str | None = None
    until: str | None = None
    action: str | None = None
    staff_id: str | None = None
    limit: int = 200
    offset: int = 0


def read_audit(engine: Engine, f: AuditFilter) -> list[AuditRecord]:
    """A page of entries matching ``f``, newest first (by the ``at`` index)."""
    q = select(*(_a[n] for n in _FIELDS), _a.detail)
    if f.since:
        q = q.where(_a.at >= f.since)
    if f.until:
        q = q.where(_a.at < f.until)
    if f.action:
        q = q.where(_a.action == f.action)
    if f.staff_id:
        q = q.where((_a.staff_id == f.staff_id) | (_a.approver_id == f.staff_id))
    q = q.order_by(_a.at.desc(), _a.id.desc()).limit(max(1, min(f.limit, 1000)))
    with read_tx(engine) as conn:
        rows = conn.execute(q.offset(max(0, f.offset))).all()
    return [AuditRecord(action=r.action, staff_id=r.staff_id, staff_name=r.staff_name,
                        at=r.at, subject=r.subject, approver_id=r.approver_id,
                        approver_name=r.approver_name, detail=json.loads(r.detail),
                        entry_uuid=r.entry_uuid) for r in rows]
