"""Errors as ``contract.protocol.Problem`` JSON, whatever went wrong: our own refusals, request
validation, unknown routes, database contention and bugs (logged, never shown as a trace)."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from contract.protocol import Problem

log = logging.getLogger(__name__)


class ProblemError(Exception):
    """Refuse a request: HTTP ``status`` with a ``Problem`` body (``code`` is a sync.* key)."""

    def __init__(self, status: int, code: str, message: str, **data: Any) -> None:
        super().__init__(code, message)
        self.status = status
        self.problem = Problem(code=code, message=message, data=jsonable_encoder(data))


def problem_response(status: int, problem: Problem, headers: dict[str, str] | None = None
                     ) -> Response:
    """The Problem as ASCII JSON (whatever odd text a bad request made it quote)."""
    body = json.dumps(problem.model_dump(mode="json"), ensure_ascii=True, default=str)
    return Response(body, status_code=status, headers=headers, media_type="application/json")


def _http_code(status: int) -> str:
    return {404: "sync.not_found", 405: "sync.method_not_allowed",
            413: "sync.request_too_large"}.get(status, "sync.http_error")


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` as a Problem."""

    @app.exception_handler(ProblemError)
    async def _problem(_request: Request, exc: ProblemError) -> Response:
        return problem_response(exc.status, exc.problem)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))}
                  for e in exc.errors()][:20]
        return problem_response(422, Problem(
            code="sync.request_invalid", message="the request does not match the protocol",
            data={"errors": jsonable_encoder(errors)}))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> Response:
        return problem_response(exc.status_code, Problem(
            code=_http_code(exc.status_code), message=str(exc.detail)))

    @app.exception_handler(OperationalError)
    async def _busy(request: Request, exc: OperationalError) -> Response:
        # Lock timeouts, deadlocks, a database restarting: nothing was committed; retry.
        log.warning("database busy on %s %s: %s", request.method, request.url.path,
                    exc.orig.__class__.__name__ if exc.orig else exc)
        return problem_response(503, Problem(
            code="sync.server_busy", message="the database is busy; retry shortly"),
            headers={"Retry-After": "2"})

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem_response(500, Problem(
            code="sync.server_error", message="unexpected server error (logged)"))
