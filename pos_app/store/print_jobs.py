"""The persisted printer queue: a job stays queued until printed, whatever happens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Engine, text

from pos_app.store.db import read_tx, write_tx

JobKind = Literal["receipt", "reprint", "drawer", "test"]
JobState = Literal["queued", "printing", "done", "failed"]
_COLS = ("id, receipt_no, kind, payload, state, attempts, last_error_key, created_at, "
         "updated_at")


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
        job_id = conn.execute(text(
            "INSERT INTO print_job (receipt_no, kind, payload, state, attempts, last_error_key, "
            "created_at, updated_at) VALUES (:rn, :k, :p, 'queued', 0, '', :t, :t) RETURNING id"
        ), {"rn": receipt_no, "k": kind, "p": payload, "t": now.isoformat()}).scalar_one()
    return int(job_id)


def next_jobs(*, engine: Engine, limit: int = 10) -> list[PrintJobRecord]:
    """Jobs still to print, oldest first."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(
            f"SELECT {_COLS} FROM print_job WHERE state IN ('queued', 'printing') "
            "ORDER BY id LIMIT :n"), {"n": limit}).all()
    return [_job(r) for r in rows]


def _set(engine: Engine, job_id: int, sql: str, now: datetime, **params: object) -> None:
    with write_tx(engine) as conn:
        conn.execute(text(f"UPDATE print_job SET {sql}, updated_at = :t WHERE id = :id"),
                     {"id": job_id, "t": now.isoformat(), **params})


def mark_printing(*, engine: Engine, job_id: int, now: datetime) -> None:
    """The job is being sent (still retried if the app stops now)."""
    _set(engine, job_id, "state = 'printing'", now)


def mark_done(*, engine: Engine, job_id: int, now: datetime) -> None:
    """The printer took the job."""
    _set(engine, job_id, "state = 'done', last_error_key = ''", now)


def mark_failed(*, engine: Engine, job_id: int, error_key: str, now: datetime) -> None:
    """A try failed: count it, keep the job queued for the next try."""
    _set(engine, job_id, "state = 'queued', attempts = attempts + 1, last_error_key = :k",
         now, k=error_key)


def mark_abandoned(*, engine: Engine, job_id: int, error_key: str, now: datetime) -> None:
    """Give the job up for good (a drawer kick that is too old to still make sense)."""
    _set(engine, job_id, "state = 'failed', last_error_key = :k", now, k=error_key)


def list_jobs(*, engine: Engine, limit: int = 50,
              states: tuple[JobState, ...] | None = None) -> list[PrintJobRecord]:
    """Latest jobs, newest first (optionally only some states)."""
    where = ""
    params: dict[str, object] = {"n": limit}
    if states:
        where = "WHERE state IN (" + ", ".join(f":s{i}" for i in range(len(states))) + ")"
        params |= {f"s{i}": s for i, s in enumerate(states)}
    with read_tx(engine) as conn:
        rows = conn.execute(text(f"SELECT {_COLS} FROM print_job {where} ORDER BY id DESC "
                                 "LIMIT :n"), params).all()
    return [_job(r) for r in rows]
