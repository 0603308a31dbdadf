"""Request bodies: the limit holds on the bytes actually received (a chunked request has no
Content-Length), and an endpoint that needs a credential checks it before reading a byte."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
from sqlalchemy import Engine, event

from contract.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.server.admin import revoke_terminal
from sync.server.body_guard import ANONYMOUS_MAX_BYTES, VerifiedCredentials
from tests.sync.server.helpers import Clock, Till

CHUNK = 64 * 1024
HUGE = 300 * 1024 * 1024


class Upload:
    """A chunked request body that counts what the server pulled from it."""

    def __init__(self, total: int, head: bytes = b"") -> None:
        self.total, self.head, self.sent = total, head, 0

    async def chunks(self) -> AsyncIterator[bytes]:
        if self.head:
            self.sent += len(self.head)
            yield self.head
        while self.sent < self.total:
            self.sent += CHUNK
            yield b" " * CHUNK


def post(app: Any, path: str, body: Any, headers: dict[str, str]) -> httpx.Response:
    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://cloud") as c:
            return await c.post(path, content=body, headers=headers)
    return asyncio.run(run())


def test_a_chunked_push_without_length_stops_being_read_at_the_limit(till: Till) -> None:
    upload = Upload(HUGE)
    r = post(till.client.app, "/v1/push", upload.chunks(), till.headers)
    assert r.status_code == 413 and r.json()["code"] == "sync.request_too_large"
    limit = till.client.app.state.settings.max_body_bytes
    assert "content-length" not in r.request.headers
    assert upload.sent <= limit + CHUNK  # read up to the limit, never the 300 MB


def test_a_body_is_not_read_at_all_without_a_valid_credential(till: Till) -> None:
    for auth in (None, "Bearer 1-nobody.secret", f"Bearer {till.credential}x"):
        upload = Upload(HUGE)
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        if auth:
            headers["Authorization"] = auth
        r = post(till.client.app, "/v1/push", upload.chunks(), headers)
        assert r.status_code == 401 and r.json()["code"] == "sync.credential_invalid"
        assert upload.sent == 0


def test_an_anonymous_body_is_small(till: Till) -> None:
    upload = Upload(HUGE)
    r = post(till.client.app, "/v1/enroll", upload.chunks(),
             {PROTOCOL_HEADER: str(PROTOCOL_VERSION)})
    assert r.status_code == 413 and upload.sent <= ANONYMOUS_MAX_BYTES + CHUNK


def test_a_claimed_length_over_the_limit_is_refused_before_reading(till: Till) -> None:
    r = till.client.post("/v1/push", content=b"{}", headers={
        **till.headers, "Content-Length": str(10**12)})
    assert r.status_code == 413


def test_a_chunked_push_within_the_limit_is_applied(till: Till) -> None:
    body = json.dumps(till.body(events=[till.sale()])).encode()

    async def chunks() -> AsyncIterator[bytes]:
        for i in range(0, len(body), 100):
            yield body[i:i + 100]

    r = post(till.client.app, "/v1/push", chunks(),
             {**till.headers, "Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json()["applied"] == 1


def _credential_lookups(engine: Engine, action: Callable[[], object]) -> int:
    """How many statements reading a credential hash ``action`` ran."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "credential_hash" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(seen)


def test_a_till_pushing_again_is_not_looked_up_twice_per_push(till: Till,
                                                               engine: Engine) -> None:
    till.push([till.sale()])  # the guard verified the credential
    # The handler authenticates in its transaction; the guard remembers the credential.
    assert _credential_lookups(engine, lambda: till.push([till.sale()])) == 1


def test_a_revoked_credential_is_refused_at_once_though_the_guard_remembers_it(
        till: Till, engine: Engine, clock: Clock) -> None:
    till.push([till.sale()])
    revoke_terminal(engine, store_code="S001", terminal_code="T01", now=clock())
    for path, body in (("/v1/push", till.body(events=[till.sale()])),
                       ("/v1/hello", till.body(app_version="test")),
                       ("/v1/verify", {"store_code": "S001", "terminal_code": "T01",
                                       "days": []})):
        r = till.client.post(path, json=body, headers=till.headers)
        assert r.status_code == 401 and r.json()["code"] == "sync.credential_revoked", path


def test_verified_credentials_expire_after_their_ttl() -> None:
    now = [100.0]
    verified = VerifiedCredentials(ttl_s=5.0, max_entries=2, clock=lambda: now[0])
    verified.add("Bearer 1-a.secret")
    assert verified.fresh("Bearer 1-a.secret")
    assert not verified.fresh("Bearer 1-a.secreT") and not verified.fresh(None)
    now[0] += 5.0
    assert not verified.fresh("Bearer 1-a.secret")
    for n in range(5):  # bounded: old entries go when it is full
        verified.add(f"Bearer 1-{n}.secret")
    assert len(verified._until) <= 2 and verified.fresh("Bearer 1-4.secret")
