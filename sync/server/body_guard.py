"""The request body guard: who may send a body, and how much of it is read.

A ``Content-Length`` is only a claim (a chunked request has none), so the limit is enforced
on the bytes actually received: the body is read here, counted, and refused with 413 the
moment it passes the limit; the app then gets it from memory. An endpoint that needs a
terminal credential has it checked *before* a byte of the body is read (401), so an
anonymous client cannot make the cloud read anything but tiny enrollment bodies.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Awaitable, Callable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from contract.protocol import Problem
from sync.server.problems import ProblemError, problem_response

# Checks an Authorization header; raises ProblemError (401) when it is not a live credential.
CredentialCheck = Callable[[str | None], Awaitable[None]]
ANONYMOUS_MAX_BYTES = 64 * 1024  # an enrollment request is a few hundred bytes
_BODYLESS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE"})


# How long a credential the guard verified lets bodies be read without asking the database
# again. Only the guard trusts it: every handler authenticates again in its own transaction,
# so a revoked till's requests are refused at once (401 sync.credential_revoked) — for at most
# this long after the revocation the guard still reads their body before they are.
VERIFIED_TTL_S = 5.0
_VERIFIED_MAX = 10_000  # entries kept per worker (one per till that pushed lately)


class VerifiedCredentials:
    """Credentials the guard verified lately, kept by the sha256 of the whole header (never
    the secret itself), each for ``ttl_s`` seconds of ``clock``."""

    def __init__(self, *, ttl_s: float = VERIFIED_TTL_S, max_entries: int = _VERIFIED_MAX,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self.clock = clock
        self._until: dict[bytes, float] = {}

    @staticmethod
    def _key(authorization: str) -> bytes:
        return hashlib.sha256(authorization.encode("utf-8", "surrogatepass")).digest()

    def fresh(self, authorization: str | None) -> bool:
        """Whether ``authorization`` was verified less than ``ttl_s`` ago."""
        if not authorization:
            return False
        until = self._until.get(self._key(authorization))
        return until is not None and self.clock() < until

    def add(self, authorization: str) -> None:
        if len(self._until) >= self.max_entries:
            now = self.clock()
            self._until = {k: t for k, t in self._until.items() if t > now}
            if len(self._until) >= self.max_entries:
                self._until.clear()
        self._until[self._key(authorization)] = self.clock() + self.ttl_s


def cached(check: CredentialCheck, verified: VerifiedCredentials) -> CredentialCheck:
    """``check``, skipped for a credential ``verified`` holds (a till pushing a backlog sends
    a batch after another: one database round trip per batch saved)."""

    async def check_cached(authorization: str | None) -> None:
        if verified.fresh(authorization):
            return
        await check(authorization)
        if authorization:
            verified.add(authorization)

    return check_cached


class BodyGuard:
    """ASGI middleware: authenticate first, then read at most ``max_bytes`` of a body."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, authenticated: frozenset[str],
                 check_credential: CredentialCheck) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.authenticated = authenticated
        self.check_credential = check_credential

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _BODYLESS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = ANONYMOUS_MAX_BYTES
        if scope["path"] in self.authenticated:
            try:
                await self.check_credential(headers.get("authorization"))
            except ProblemError as refused:
                await problem_response(refused.status, refused.problem)(scope, receive, send)
                return
            limit = self.max_bytes
        length = headers.get("content-length")
        if length is not None and (not length.isascii() or not length.isdigit()
                                   or int(length) > limit):
            await _too_large(limit)(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > limit:
                await _too_large(limit)(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(bytes(body), receive), send)


def _too_large(limit: int) -> ASGIApp:
    return problem_response(413, Problem(code="sync.request_too_large",
                                         message="request body too large",
                                         data={"max_bytes": limit}))


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive channel that gives the body read already, then the client's own messages
    (a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
