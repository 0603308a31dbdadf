"""Who is asking: the protocol version header and the terminal's bearer credential.

A credential is ``<terminal_id>.<secret>``: the id says which row to read (it starts with the
store id, so the lookup stays on one store's partition), the secret is 256 random bits of
which the server keeps only the sha256, compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select

from contract.protocol import INT_MAX, MIN_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.server.problems import ProblemError
from sync.server.tables import store, terminal


@dataclass(frozen=True, slots=True)
class Caller:
    """The authenticated terminal of a request."""

    store_id: int
    store_code: str
    terminal_id: str
    terminal_code: str


def hash_secret(secret: str) -> str:
    """sha256 hex of a secret (credentials, enrollment codes): they are random, so no salt
    or slow hash is needed."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def new_credential(store_id: int) -> tuple[str, str, str]:
    """(terminal_id, credential, hash of its secret) for a newly enrolled terminal."""
    terminal_id = f"{store_id}-{secrets.token_hex(8)}"
    secret = secrets.token_urlsafe(32)
    return terminal_id, f"{terminal_id}.{secret}", hash_secret(secret)


def check_protocol(value: str | None) -> int:
    """The protocol version a request speaks; 426 when this server cannot talk to it."""
    try:
        version = int(value) if value is not None else 0
    except ValueError:
        version = 0
    if version < MIN_PROTOCOL_VERSION:
        raise ProblemError(
            426, "sync.protocol_outdated",
            f"{PROTOCOL_HEADER} {MIN_PROTOCOL_VERSION}..{PROTOCOL_VERSION} required; "
            "update the till", minimum=MIN_PROTOCOL_VERSION, server=PROTOCOL_VERSION)
    if version > PROTOCOL_VERSION:
        raise ProblemError(
            426, "sync.server_outdated", "the till speaks a newer protocol than this server; "
            "update the cloud", server=PROTOCOL_VERSION, client=version)
    return version


def _invalid() -> ProblemError:
    return ProblemError(401, "sync.credential_invalid",
                        "missing or unknown terminal credential; enroll the till again")


def authenticate(conn: Connection, authorization: str | None) -> Caller:
    """The terminal behind an ``Authorization: Bearer`` header; 401 when the credential is
    unknown, wrong or revoked."""
    scheme, _, credential = (authorization or "").partition(" ")
    terminal_id, dot, secret = credential.strip().partition(".")
    store_part = terminal_id.partition("-")[0]
    if (scheme.lower() != "bearer" or not dot or not secret or not store_part.isascii()
            or not store_part.isdigit() or len(store_part) > 10 or int(store_part) > INT_MAX):
        raise _invalid()  # a store id beyond the column is no store (not a database error)
    row = conn.execute(
        select(terminal.c.code, terminal.c.credential_hash, terminal.c.revoked_at,
               store.c.code.label("store_code"))
        .join(store, store.c.id == terminal.c.store_id)
        .where(terminal.c.store_id == int(store_part), terminal.c.terminal_id == terminal_id)
    ).first()
    # Hash even when unknown so timing does not tell which terminal ids exist.
    presented = hash_secret(secret)
    stored = row.credential_hash if row is not None else "0" * 64
    if not hmac.compare_digest(presented, stored) or row is None:
        raise _invalid()
    if row.revoked_at is not None:
        raise ProblemError(401, "sync.credential_revoked",
                           "this till's credential was revoked by HQ; enroll it again",
                           revoked_at=row.revoked_at.isoformat())
    return Caller(int(store_part), row.store_code, terminal_id, row.code)


def check_identity(caller: Caller, *, store_code: str, terminal_code: str) -> None:
    """The body's store and terminal must be the credential's (403 otherwise)."""
    if store_code != caller.store_code or terminal_code != caller.terminal_code:
        raise ProblemError(
            403, "sync.identity_mismatch",
            "the request names another store or terminal than its credential",
            credential_store=caller.store_code, credential_terminal=caller.terminal_code)
