"""Request bodies: the limit holds on the bytes actually received (a chunked request has no
Content-Length), and an endpoint that needs a credential checks it before reading a byte."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.server.body_guard import ANONYMOUS_MAX_BYTES
from tests.sync.server.helpers import Till

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
