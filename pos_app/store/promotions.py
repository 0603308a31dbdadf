"""Promotion rules and chain keys (reference data from the cloud) and coupon redemptions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select

from contract.protocol import COUPON_REDEEMED
from pos_app.core.errors import PosError
from pos_app.store.db import read_tx
from pos_app.store.models import chain_key, coupon_redemption, promotion, revoked_coupon
from pos_app.store.outbox import append_event
from pos_app.store.statements import replace
from pos_app.store.wire import coupon_payload


@dataclass(frozen=True, slots=True)
class PromotionRecord:
    """A rule as stored: the decoding into a core ``Promotion`` is the services' job."""

    promo_id: str
    kind: str
    payload: dict[str, Any]
    active: bool = True


@dataclass(frozen=True, slots=True)
class CouponUseRecord:
    """A coupon redeemed in a sale."""

    coupon_id: str
    discount_fen: int
    member_id: str | None = None


_c = coupon_redemption.c
_REDEEMED = select(_c.coupon_id).where(_c.coupon_id == bindparam("coupon_id"))
_REDEEM = insert(coupon_redemption)
_OF_SALE = (select(_c.coupon_id, _c.discount_fen, _c.member_id)
            .where(_c.sale_id == bindparam("sale_id")).order_by(_c.coupon_id))


def put_promotions(conn: Connection, promotions: Sequence[PromotionRecord], *, at: str) -> None:
    """Insert or replace rules in the caller's transaction (demo seed, sync pull)."""
    if promotions:
        conn.execute(replace(promotion), [
            {"promo_id": p.promo_id, "kind": p.kind, "active": p.active, "updated_at": at,
             "payload": json.dumps(p.payload, ensure_ascii=False, sort_keys=True)}
            for p in promotions])


def active_promotions(*, engine: Engine) -> list[PromotionRecord]:
    """Every active rule (a few hundred: loaded whole, indexed by the pricing engine)."""
    with read_tx(engine) as conn:
        p = promotion.c
        rows = conn.execute(select(p.promo_id, p.kind, p.payload, p.active)
                            .where(p.active).order_by(p.promo_id))
        return [PromotionRecord(r[0], r[1], json.loads(r[2]), bool(r[3])) for r in rows]


def put_chain_key(conn: Connection, *, key_id: str, public_key: str, at: str) -> None:
    """Add (or replace) one of the chain's public keys in the caller's transaction."""
    conn.execute(replace(chain_key), {"key_id": key_id, "public_key": public_key,
                                      "added_at": at})


def chain_keys(*, engine: Engine) -> list[str]:
    """The chain's public keys (base64 text), oldest first."""
    with read_tx(engine) as conn:
        return list(conn.execute(select(chain_key.c.public_key).order_by(
            chain_key.c.added_at, chain_key.c.key_id)).scalars())


def is_redeemed(*, engine: Engine, coupon_id: str) -> bool:
    """True when this terminal has already taken the coupon."""
    with read_tx(engine) as conn:
        return _redeemed(conn, coupon_id)


def _redeemed(conn: Connection, coupon_id: str) -> bool:
    return conn.execute(_REDEEMED, {"coupon_id": coupon_id}).first() is not None


def is_revoked(*, engine: Engine, coupon_id: str) -> bool:
    """True when head office revoked the coupon (pulled from the cloud)."""
    with read_tx(engine) as conn:
        return conn.execute(select(revoked_coupon.c.coupon_id).where(
            revoked_coupon.c.coupon_id == coupon_id)).first() is not None


def record_redemptions(conn: Connection, uses: Sequence[CouponUseRecord], *, sale_id: int,
                       sale_uuid: str, store_code: str, terminal_code: str, at: str) -> None:
    """Record coupons used by a sale and a ``coupon.redeemed`` event each, in the sale's
    transaction. A coupon already used here gives ``coupon.already_used`` (the whole sale
    rolls back: the cashier removes the coupon and completes again)."""
    for use in uses:
        if _redeemed(conn, use.coupon_id):
            raise PosError("coupon.already_used", coupon_id=use.coupon_id)
        conn.execute(_REDEEM, {"coupon_id": use.coupon_id, "sale_id": sale_id,
                               "sale_uuid": sale_uuid, "member_id": use.member_id,
                               "discount_fen": use.discount_fen, "redeemed_at": at})
        # The cloud spots a coupon used on two terminals while offline by this event: the
        # coupon id is its key, the sale and terminal tell which use came second.
        append_event(conn, store_code=store_code, terminal_code=terminal_code,
                     type=COUPON_REDEEMED, created_at=at,
                     payload=coupon_payload(use, sale_uuid=sale_uuid, store_code=store_code,
                                            terminal_code=terminal_code, at=at))


def sale_coupons(conn: Connection, *, sale_id: int) -> list[CouponUseRecord]:
    """The coupons a sale redeemed (in the caller's transaction)."""
    return [CouponUseRecord(r[0], r[1], r[2]) for r in conn.execute(_OF_SALE,
                                                                     {"sale_id": sale_id})]
