"""The persisted printer queue: a job stays queued until printed, whatever happens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Engine, insert, select, update

from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import print_job

JobKind = Literal["receipt", "reprint", "drawer", "test", "report"]
JobState = Literal["queued", "printing", "done", "failed"]
_SELECT = select(print_job.c.id, print_job.c.receipt_no, print_job.c.kind,
                 print_job.c.payload, print_job.c.state, print_job.c.attempts,
                 print_job.c.last_error_key, print_job.c.created_at, print_job.c.updated_at)


@dataclass(frozen=True, slots=True)
class PrintJobRecord:
    """One job: ``payload`` is the ESC/POS bytes to send."""

    job_id: int
    receipt_no: str | None
    kind: str
    payload: bytes
    state: str
    attempts: int
    last_error_key: str
    created_at: datetime
    updated_at: datetime


def _job(r: Any) -> PrintJobRecord:
    return PrintJobRecord(job_id=r[0], receipt_no=r[1], kind=r[2], payload=bytes(r[3]),
                          state=r[4], attempts=r[5], last_error_key=r[6],
                          created_at=datetime.fromisoformat(r[7]),
                          updated_at=datetime.fromisoformat(r[8]))


def enqueue_job(*, engine: Engine, kind: JobKind, payload: bytes, now: datetime,
                receipt_no: str | None = None) -> int:
    """Queue a job in its own small transaction (never inside a sale's); returns its id."""
    with write_tx(engine) as conn:
        at = now.isoformat()
        job_id = conn.execute(insert(print_job).returning(print_job.c.id), {
            "receipt_no": receipt_no, "kind": kind, "payload": payload, "state": "queued",
            "attempts": 0, "last_error_key": "", "created_at": at, "updated_at": at,
        }).scalar_one()
    return int(job_id)


def next_jobs(*, engine: Engine, limit: int = 10) -> list[PrintJobRecord]:
    """Jobs still to print, oldest first."""
    with read_tx(engine) as conn:
        rows = conn.execute(_SELECT.where(print_job.c.state.in_(("queued", "printing")))
                            .order_by(print_job.c.id).limit(limit)).all()
    return [_job(r) for r in rows]


def _set(engine: Engine, job_id: int, now: datetime, **values: object) -> None:
    with write_tx(engine) as conn:
        conn.execute(update(print_job).where(print_job.c.id == job_id)
                     .values(**values, updated_at=now.isoformat()))


def mark_printing(*, engine: Engine, job_id: int, now: datetime) -> None:
    """The job is being sent (still retried if the app stops now)."""
    _set(engine, job_id, now, state="printing")


def mark_done(*, engine: Engine, job_id: int, now: datetime) -> None:
    """The printer took the job."""
    _set(engine, job_id, now, state="done", last_error_key="")


def mark_failed(*, engine: Engine, job_id: int, error_key: str, now: datetime) -> None:
    """A try failed: count it, keep the job queued for the next try."""
    _set(engine, job_id, now, state="queued", attempts=print_job.c.attempts + 1,
         last_error_key=error_key)


def mark_abandoned(*, engine: Engine, job_id: int, error_key: str, now: datetime) -> None:
    """Give the job up for good (a drawer kick that is too old to still make sense)."""
    _set(engine, job_id, now, state="failed", last_error_key=error_key)


def list_jobs(*, engine: Engine, limit: int = 50,
              states: tuple[JobState, ...] | None = None) -> list[PrintJobRecord]:
    """Latest jobs, newest first (optionally only some states)."""
    query = _SELECT.order_by(print_job.c.id.desc()).limit(limit)
    if states:
        query = query.where(print_job.c.state.in_(states))
    with read_tx(engine) as conn:
        rows = conn.execute(query).all()
    return [_job(r) for r in rows]
