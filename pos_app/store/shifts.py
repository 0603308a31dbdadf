"""Shifts and the cash outside sales: each written with its outbox event and audit entry in
one transaction. One open shift per terminal (the database refuses a second)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, insert, select, update

from contract.store_events import CASH_MOVED, SHIFT_CLOSED, SHIFT_OPENED
from pos_app.core.errors import PosError
from pos_app.store.audit import AuditRecord, append_audit
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import cash_movement, shift
from pos_app.store.outbox import append_event, next_value

CASH_KINDS = ("paid_in", "paid_out", "drop")


@dataclass(frozen=True, slots=True)
class ShiftRow:
    """A shift as stored; ``report`` is the kept Z (``core.shift_codec``) once closed."""

    shift_id: int
    shift_uuid: str
    shift_no: int
    state: str
    opened_at: str
    opened_by_id: str
    opened_by_name: str
    opening_float_fen: int
    opening_count: dict[str, int]
    closed_at: str | None = None
    closed_by_name: str | None = None
    report: dict[str, Any] | None = None


_s = shift.c
_READ = select(_s.id, _s.shift_uuid, _s.shift_no, _s.state, _s.opened_at, _s.opened_by_id,
               _s.opened_by_name, _s.opening_float_fen, _s.opening_count, _s.closed_at,
               _s.closed_by_name, _s.report)


def _row(r: Any) -> ShiftRow:
    return ShiftRow(r.id, r.shift_uuid, r.shift_no, r.state, r.opened_at, r.opened_by_id,
                    r.opened_by_name, r.opening_float_fen, json.loads(r.opening_count),
                    r.closed_at, r.closed_by_name, json.loads(r.report) if r.report else None)


@dataclass(frozen=True, slots=True)
class Where:
    """The till writing: its store and terminal codes."""

    store_code: str
    terminal_code: str


def open_shift(engine: Engine, where: Where, *, shift_uuid: str, at: str, staff_id: str,
               staff_name: str, count: dict[str, int], float_fen: int,
               audit: AuditRecord) -> ShiftRow:
    """Open the terminal's next shift with its counted float (``shift.already_open`` when one
    is open)."""
    with write_tx(engine) as conn:
        if conn.execute(select(_s.id).where(_s.terminal_code == where.terminal_code,
                                            _s.state == "open")).first():
            raise PosError("shift.already_open")
        no = next_value(conn, f"shift:{where.terminal_code}")
        values = {"shift_uuid": shift_uuid, "shift_no": no, "opened_at": at,
                  "opened_by_id": staff_id, "opened_by_name": staff_name,
                  "opening_float_fen": float_fen}
        shift_id = conn.execute(insert(shift).returning(_s.id), {
            **values, "store_code": where.store_code, "terminal_code": where.terminal_code,
            "state": "open", "opening_count": json.dumps(count)}).scalar_one()
        append_event(conn, store_code=where.store_code, terminal_code=where.terminal_code,
                     type=SHIFT_OPENED, created_at=at,
                     payload={**values, "opening_count": count})
        append_audit(conn, [audit], store_code=where.store_code,
                     terminal_code=where.terminal_code)
        return _row(conn.execute(_READ.where(_s.id == shift_id)).one())


def current_shift(engine: Engine, terminal_code: str) -> ShiftRow | None:
    """The terminal's open shift (after a power cut too: it is in the database)."""
    with read_tx(engine) as conn:
        r = conn.execute(_READ.where(_s.terminal_code == terminal_code,
                                     _s.state == "open")).first()
    return _row(r) if r else None


def get_shift(engine: Engine, shift_id: int) -> ShiftRow | None:
    with read_tx(engine) as conn:
        r = conn.execute(_READ.where(_s.id == shift_id)).first()
    return _row(r) if r else None


def closed_shifts(engine: Engine, terminal_code: str, *, limit: int = 30) -> list[ShiftRow]:
    """The terminal's closed shifts, newest first (to reprint a Z)."""
    with read_tx(engine) as conn:
        rows = conn.execute(_READ.where(_s.terminal_code == terminal_code,
                                        _s.state == "closed")
                            .order_by(_s.shift_no.desc()).limit(limit)).all()
    return [_row(r) for r in rows]


def add_cash_movement(engine: Engine, where: Where, *, shift_id: int, movement_uuid: str,
                      kind: str, amount_fen: int, reason: str, at: str,
                      audit: AuditRecord) -> None:
    """Record cash put in, taken out or dropped to the safe in an open shift."""
    if kind not in CASH_KINDS:
        raise ValueError(f"unknown cash movement {kind!r}")
    with write_tx(engine) as conn:
        r = conn.execute(select(_s.shift_uuid, _s.state).where(_s.id == shift_id)).first()
        if r is None or r.state != "open":
            raise PosError("shift.not_open")
        values = {"movement_uuid": movement_uuid, "kind": kind, "amount_fen": amount_fen,
                  "reason": reason, "staff_id": audit.staff_id,
                  "staff_name": audit.staff_name, "approver_name": audit.approver_name,
                  "at": at}
        conn.execute(insert(cash_movement), {**values, "shift_id": shift_id})
        append_event(conn, store_code=where.store_code, terminal_code=where.terminal_code,
                     type=CASH_MOVED, created_at=at,
                     payload={**values, "shift_uuid": r.shift_uuid})
        append_audit(conn, [audit], store_code=where.store_code,
                     terminal_code=where.terminal_code)


def close_shift(engine: Engine, where: Where, *, shift_id: int, at: str, staff_id: str,
                staff_name: str, report: dict[str, Any], audit: AuditRecord) -> ShiftRow:
    """Close an open shift keeping its Z report (``shift.not_open`` when it is not open)."""
    with write_tx(engine) as conn:
        r = conn.execute(select(_s.shift_uuid, _s.shift_no, _s.state)
                         .where(_s.id == shift_id)).first()
        if r is None or r.state != "open":
            raise PosError("shift.not_open")
        conn.execute(update(shift).where(_s.id == shift_id).values(
            state="closed", closed_at=at, closed_by_id=staff_id, closed_by_name=staff_name,
            report=json.dumps(report, ensure_ascii=False, sort_keys=True)))
        append_event(conn, store_code=where.store_code, terminal_code=where.terminal_code,
                     type=SHIFT_CLOSED, created_at=at, payload={
                         "shift_uuid": r.shift_uuid, "shift_no": r.shift_no, "closed_at": at,
                         "closed_by_id": staff_id, "closed_by_name": staff_name,
                         "report": report})
        append_audit(conn, [audit], store_code=where.store_code,
                     terminal_code=where.terminal_code)
        return _row(conn.execute(_READ.where(_s.id == shift_id)).one())
