"""The request body guard: who may send a body, and how much of it is read.

A ``Content-Length`` is only a claim (a chunked request has none), so the limit is enforced
on the bytes actually received: the body is read here, counted, and refused with 413 the
moment it passes the limit; the app then gets it from memory. An endpoint that needs a
terminal credential has it checked *before* a byte of the body is read (401), so an
anonymous client cannot make the cloud read anything but tiny enrollment bodies.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import Problem
from sync.server.problems import ProblemError, problem_response

# Checks an Authorization header; raises ProblemError (401) when it is not a live credential.
CredentialCheck = Callable[[str | None], Awaitable[None]]
ANONYMOUS_MAX_BYTES = 64 * 1024  # an enrollment request is a few hundred bytes
_BODYLESS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE"})


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
