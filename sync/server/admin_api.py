"""HQ's API for purchase orders and transfers (``sync.server.receiving``), next to the
``pos-cloud po`` / ``transfer`` commands.

Authenticated with the chain's admin token (``POS_CLOUD_ADMIN_TOKEN``) as
``Authorization: Bearer <token>``, compared in constant time; without a configured token
the admin API answers 403 to everyone (it is off). A terminal's credential is never an
admin token.
"""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from sync.server import receiving
from sync.server.bounds import MAX_FEN, MAX_GRAMS
from sync.server.enroll import StoreNotFound
from sync.server.problems import ProblemError
from sync.server.settings import CloudSettings

_CODE = r"^[A-Za-z0-9_-]{1,32}$"
Auth = Annotated[str | None, Header(description="Bearer <admin token>")]


class OrderLineIn(BaseModel):
    """An ordered line: ``qty`` pieces (grams when weighed), ``cost_fen`` the unit cost."""

    model_config = ConfigDict(extra="forbid")

    sku: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    qty: int = Field(ge=1, le=MAX_GRAMS)
    cost_fen: int | None = Field(default=None, ge=0, le=MAX_FEN)


class PurchaseOrderIn(BaseModel):
    """A purchase order for ``store`` (a store code)."""

    model_config = ConfigDict(extra="forbid")

    store: str = Field(pattern=_CODE)
    supplier: str = Field(min_length=1, max_length=128)
    lines: list[OrderLineIn] = Field(min_length=1, max_length=receiving.MAX_LINES)


class TransferIn(BaseModel):
    """A transfer from one store to another (ships at once)."""

    model_config = ConfigDict(extra="forbid")

    from_store: str = Field(pattern=_CODE)
    to_store: str = Field(pattern=_CODE)
    lines: list[OrderLineIn] = Field(min_length=1, max_length=receiving.MAX_LINES)


class ExpectedOut(BaseModel):
    """A purchase order or transfer as the receiving store expects it."""

    receipt_id: str
    store: str
    kind: str
    supplier: str
    status: str
    created_at: datetime
    lines: list[OrderLineIn]


class Created(BaseModel):
    receipt_id: str


def _check_admin(request: Request, authorization: str | None) -> None:
    settings: CloudSettings = request.app.state.settings
    token = settings.admin_token.get_secret_value()
    if not token:
        raise ProblemError(403, "admin.disabled", "the admin API is off (no admin token)")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise ProblemError(401, "admin.unauthorized", "a valid admin token is needed")


def _out(e: receiving.Expected) -> ExpectedOut:
    return ExpectedOut(receipt_id=e.receipt_id, store=e.store_code, kind=e.kind,
                       supplier=e.supplier, status=e.status, created_at=e.created_at,
                       lines=[OrderLineIn(sku=ln.sku, qty=ln.qty, cost_fen=ln.cost_fen)
                              for ln in e.lines])


def _refused(exc: Exception) -> ProblemError:
    if isinstance(exc, StoreNotFound):
        return ProblemError(404, "admin.store_unknown", f"no store {exc}")
    return ProblemError(422, "admin.order_invalid", str(exc))


def admin_router() -> APIRouter:
    """The ``/v1/admin`` endpoints."""
    api = APIRouter(prefix="/v1/admin", tags=["admin"])

    def now(request: Request) -> datetime:
        value: datetime = request.app.state.clock()
        return value

    @api.post("/purchase-orders", response_model=Created)
    def post_purchase_order(body: PurchaseOrderIn, request: Request,
                            authorization: Auth = None) -> Created:
        """Open a purchase order; the store's tills pull it as an expected receipt."""
        _check_admin(request, authorization)
        try:
            receipt_id = receiving.create_purchase_order(
                request.app.state.engine, store_code=body.store, supplier=body.supplier,
                lines=[receiving.OrderLine(ln.sku, ln.qty, ln.cost_fen) for ln in body.lines],
                now=now(request))
        except (LookupError, ValueError) as exc:
            raise _refused(exc) from exc
        return Created(receipt_id=receipt_id)

    @api.post("/transfers", response_model=Created)
    def post_transfer(body: TransferIn, request: Request,
                      authorization: Auth = None) -> Created:
        """Ship goods from one store to another; the receiving store expects them."""
        _check_admin(request, authorization)
        try:
            receipt_id = receiving.create_transfer(
                request.app.state.engine, from_store=body.from_store, to_store=body.to_store,
                lines=[receiving.OrderLine(ln.sku, ln.qty) for ln in body.lines],
                now=now(request))
        except (LookupError, ValueError) as exc:
            raise _refused(exc) from exc
        return Created(receipt_id=receipt_id)

    @api.get("/expected-receipts", response_model=list[ExpectedOut])
    def get_expected(request: Request, authorization: Auth = None,
                     store: Annotated[str | None, Query(pattern=_CODE)] = None,
                     open_only: Annotated[bool, Query(alias="open")] = False
                     ) -> list[ExpectedOut]:
        """Purchase orders and transfers (of one receiving store), newest first."""
        _check_admin(request, authorization)
        return [_out(e) for e in receiving.list_expected(
            request.app.state.engine, store_code=store,
            status="open" if open_only else None)]

    return api
