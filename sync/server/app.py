"""The cloud's FastAPI app: the sync API of ``contract.protocol`` and the status page.

Handlers are plain ``def``: FastAPI runs them in its thread pool, each with a pooled
connection of a synchronous SQLAlchemy engine. The work is a few short transactions per
request, bound by the database, not by waiting on other services, so threads cost little,
keep the code one straightforward style, and work the same on SQLite (which has no async
driver worth the name). More throughput comes from more worker processes
(``pos-cloud serve --workers N`` on PostgreSQL), which share nothing but the database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request, Response
from fastapi import Path as FastPath
from fastapi.responses import HTMLResponse
from fastapi_offline import FastAPIOffline
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from contract.chain_stock import ChainStock
from contract.protocol import (
    BIGINT_MAX,
    MAX_PAGE,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    Ack,
    EnrollRequest,
    EnrollResponse,
    HelloRequest,
    HelloResponse,
    Problem,
    PullPage,
    PullRejected,
    PushRequest,
    PushResponse,
    VerifyRequest,
    VerifyResponse,
)
from contract.sale_lookup import SaleLookup
from sync.server.admin_api import admin_router
from sync.server.auth import authenticate, check_protocol
from sync.server.body_guard import BodyGuard, CredentialCheck, VerifiedCredentials, cached
from sync.server.chain_stock import chain_stock
from sync.server.db import open_engine, read_tx
from sync.server.enroll import enroll
from sync.server.fast_json import FastJsonRoute
from sync.server.hello import hello
from sync.server.problems import ProblemError, install_problem_handlers
from sync.server.pull import pull_page, reject_change
from sync.server.push import push
from sync.server.sale_lookup import lookup_sale
from sync.server.settings import CloudSettings
from sync.server.slots import Slots
from sync.server.status_page import render_status
from sync.server.verify import verify
from sync.server.worker_guard import guard_worker

Clock = Callable[[], datetime]
Authorization = Annotated[str | None, Header(description="Bearer <terminal_id>.<secret>")]
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem} for status in (401, 403, 404, 409, 422, 426, 503)}


def _protocol(version: Annotated[str | None, Header(
        alias=PROTOCOL_HEADER, description=f"protocol version, {PROTOCOL_VERSION}")] = None
              ) -> None:
    check_protocol(version)


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _now(request: Request) -> datetime:
    clock: Clock = request.app.state.clock
    return clock()


EngineDep = Annotated[Engine, Depends(_engine)]
NowDep = Annotated[datetime, Depends(_now)]


# POST endpoints that need a terminal credential: checked before their body is read.
AUTHENTICATED_POSTS = frozenset({"/v1/hello", "/v1/push", "/v1/verify"})


def _credential_check(engine: Engine) -> CredentialCheck:
    def check(authorization: str | None) -> None:
        try:
            with read_tx(engine) as conn:
                authenticate(conn, authorization)
        except OperationalError as exc:
            raise ProblemError(503, "sync.server_busy",
                               "the database is busy; retry shortly") from exc

    async def check_async(authorization: str | None) -> None:
        await anyio.to_thread.run_sync(check, authorization)

    return cached(check_async, VerifiedCredentials())


def _api() -> APIRouter:
    api = APIRouter(prefix="/v1", dependencies=[Depends(_protocol)], responses=_ERRORS,
                    route_class=FastJsonRoute)

    @api.post("/enroll", response_model=EnrollResponse)
    def post_enroll(body: EnrollRequest, engine: EngineDep, now: NowDep) -> EnrollResponse:
        """Spend a one-time enrollment code on this till's own credential."""
        return enroll(engine, request=body, now=now)

    @api.post("/hello", response_model=HelloResponse)
    def post_hello(body: HelloRequest, engine: EngineDep, now: NowDep,
                   authorization: Authorization = None,
                   last_seq: Annotated[int | None, Query(
                       ge=0, le=BIGINT_MAX,
                       description="the newest outbox seq the till has written")] = None
                   ) -> HelloResponse:
        """The till's cursor, the server clock and the streams to refetch."""
        return hello(engine, authorization=authorization, request=body, now=now,
                     last_seq=last_seq)

    @api.post("/push", response_model=PushResponse)
    def post_push(body: PushRequest, engine: EngineDep, now: NowDep, request: Request,
                  authorization: Authorization = None) -> PushResponse:
        """Apply a batch of outbox events in one transaction."""
        slots: Slots = request.app.state.push_slots
        with slots.held():
            return push(engine, authorization=authorization, request=body, now=now)

    @api.get("/pull/{stream}", response_model=PullPage)
    def get_pull(stream: str, engine: EngineDep, authorization: Authorization = None,
                 after: Annotated[int, Query(ge=0, le=BIGINT_MAX)] = 0,
                 limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1000) -> Response:
        """A page of a stream's changes after a change seq, oldest first."""
        body = pull_page(engine, authorization=authorization, stream=stream, after=after,
                         limit=limit)
        return Response(body, media_type="application/json")

    @api.post("/pull/{stream}/rejected", response_model=Ack)
    def post_pull_rejected(stream: str, body: PullRejected, engine: EngineDep, now: NowDep,
                           authorization: Authorization = None) -> Ack:
        """The till cannot apply a change of this stream: flag it for HQ."""
        reject_change(engine, authorization=authorization, stream=stream, request=body,
                      now=now)
        return Ack()

    @api.get("/sales/{receipt_no}", response_model=SaleLookup)
    def get_sale(receipt_no: Annotated[str, FastPath(max_length=64)], engine: EngineDep,
                 authorization: Authorization = None) -> SaleLookup:
        """A sale of the caller's store by receipt number, with its returns from any till
        (for a return of another till's receipt)."""
        return lookup_sale(engine, authorization=authorization, receipt_no=receipt_no)

    @api.get("/stock/{sku}", response_model=ChainStock)
    def get_chain_stock(sku: Annotated[str, FastPath(max_length=64)], engine: EngineDep,
                        now: NowDep, authorization: Authorization = None) -> ChainStock:
        """One product's balance in the chain's other stores (附近门店库存)."""
        return chain_stock(engine, authorization=authorization, sku=sku, now=now)

    @api.post("/verify", response_model=VerifyResponse)
    def post_verify(body: VerifyRequest, engine: EngineDep,
                    authorization: Authorization = None) -> VerifyResponse:
        """Compare the till's per-day summaries with the cloud's."""
        return verify(engine, authorization=authorization, request=body)

    return api


def create_app(settings: CloudSettings | None = None, *, engine: Engine | None = None,
               clock: Clock | None = None) -> FastAPI:
    """The app on ``settings``' database (already migrated: ``pos-cloud migrate``)."""
    settings = settings or CloudSettings()
    own_engine = engine is None
    engine = engine or open_engine(settings.resolved_database_url(),
                                   pool_size=settings.pool_size)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if own_engine:
            engine.dispose()

    # /docs and /redoc load their script and style from this server (the fastapi-offline
    # package), never from a CDN: they work in a store without internet.
    app = FastAPIOffline(title="O2O POS cloud", version=str(PROTOCOL_VERSION),
                         lifespan=lifespan, static_url="/docs-assets",
                         description="Sync API for store terminals (see contract/protocol.py).")
    app.state.settings = settings
    app.state.engine = engine
    app.state.push_slots = Slots(settings.push_slots)
    app.state.clock = clock or (lambda: datetime.now(UTC))
    install_problem_handlers(app)
    app.include_router(_api())
    app.include_router(admin_router())

    app.add_middleware(BodyGuard, max_bytes=settings.max_body_bytes,
                       authenticated=AUTHENTICATED_POSTS,
                       check_credential=_credential_check(engine))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def status(engine: EngineDep, now: NowDep) -> HTMLResponse:
        return HTMLResponse(render_status(engine, settings=settings, now=now))

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, bool]:
        return {"ok": True}

    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` worker processes: settings from ``POS_CLOUD_*``."""
    guard_worker()
    return create_app(CloudSettings())
