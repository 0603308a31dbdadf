"""Enrollment: HQ makes a one-time code for a store; a till presents it once and gets its own
credential. The server keeps hashes only, of the codes and of the credentials."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, select, update

from contract.protocol import EnrollRequest, EnrollResponse
from sync.server.auth import hash_secret, new_credential
from sync.server.db import write_tx
from sync.server.payloads import storable
from sync.server.problems import ProblemError
from sync.server.tables import enrollment_code, store, terminal

# No 0/O or 1/I/L: the code may be read out over the phone and typed by a person.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CODE_CHARS = 12  # ~59 bits: far beyond guessing within a day's validity


class StoreNotFound(LookupError):
    """No store with that code."""


def store_id_of(conn: Connection, store_code: str) -> int:
    """The id of the store with ``store_code`` (StoreNotFound otherwise)."""
    value = conn.execute(select(store.c.id).where(store.c.code == store_code)).scalar()
    if value is None:
        raise StoreNotFound(store_code)
    return int(value)


def create_enrollment_code(engine: Engine, *, store_code: str, now: datetime,
                           ttl: timedelta = timedelta(hours=24)) -> str:
    """A new one-time code ``<store code>-<random>`` valid for ``ttl`` (shown once)."""
    code = f"{store_code}-{''.join(secrets.choice(_ALPHABET) for _ in range(_CODE_CHARS))}"
    with write_tx(engine) as conn:
        conn.execute(enrollment_code.insert(), {
            "store_id": store_id_of(conn, store_code), "code_hash": hash_secret(code),
            "created_at": now, "expires_at": now + ttl})
    return code


def _refused(code: str, message: str) -> ProblemError:
    return ProblemError(401, code, message)


def enroll(engine: Engine, *, request: EnrollRequest, now: datetime) -> EnrollResponse:
    """Spend an enrollment code on a new terminal of its store (one transaction)."""
    store_code, _, random_part = request.enrollment_code.strip().rpartition("-")
    code = f"{store_code}-{random_part.upper()}"  # typed by a person: any case will do
    with write_tx(engine) as conn:
        row = conn.execute(select(store.c.id, store.c.code, store.c.name).where(
            store.c.code == store_code)).first()
        if row is None:
            raise _refused("sync.enrollment_code_invalid",
                           "unknown enrollment code; ask HQ for a new one")
        where = (enrollment_code.c.store_id == row.id,
                 enrollment_code.c.code_hash == hash_secret(code))
        found = conn.execute(select(enrollment_code.c.used_at, enrollment_code.c.expires_at)
                             .where(*where).with_for_update()).first()
        if found is None:
            raise _refused("sync.enrollment_code_invalid",
                           "unknown enrollment code; ask HQ for a new one")
        if found.used_at is not None:
            raise _refused("sync.enrollment_code_used",
                           "this enrollment code was already used; ask HQ for a new one")
        if found.expires_at <= now:
            raise _refused("sync.enrollment_code_expired",
                           "this enrollment code has expired; ask HQ for a new one")
        taken = conn.execute(select(terminal.c.terminal_id).where(
            terminal.c.store_id == row.id, terminal.c.code == request.terminal_code,
            terminal.c.revoked_at.is_(None))).first()
        if taken is not None:
            # A second till under the same code would share receipts and outbox seqs.
            raise ProblemError(409, "sync.terminal_code_taken",
                               f"terminal {request.terminal_code} is enrolled already; "
                               "HQ must revoke it first", terminal_code=request.terminal_code)
        terminal_id, credential, secret_hash = new_credential(row.id)
        conn.execute(terminal.insert(), {
            "store_id": row.id, "terminal_id": terminal_id, "code": request.terminal_code,
            "device_name": storable(request.device_name), "credential_hash": secret_hash,
            "created_at": now, "cursor": 0, "app_version": ""})
        conn.execute(update(enrollment_code).where(*where).values(
            used_at=now, terminal_id=terminal_id))
    return EnrollResponse(store_code=row.code, store_name=row.name,
                          terminal_code=request.terminal_code, terminal_id=terminal_id,
                          credential=credential)
