"""Promotion rules and chain keys (reference data from the cloud) and coupon redemptions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, text

from contract.protocol import COUPON_REDEEMED
from pos_app.core.errors import PosError
from pos_app.store.db import read_tx
from pos_app.store.outbox import append_event
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


def put_promotions(conn: Connection, promotions: Sequence[PromotionRecord], *, at: str) -> None:
    """Insert or replace rules in the caller's transaction (demo seed, sync pull)."""
    if promotions:
        conn.execute(text(
            "INSERT OR REPLACE INTO promotion (promo_id, kind, payload, active, updated_at) "
            "VALUES (:id, :k, :p, :a, :at)"
        ), [{"id": p.promo_id, "k": p.kind, "a": p.active, "at": at,
             "p": json.dumps(p.payload, ensure_ascii=False, sort_keys=True)}
            for p in promotions])


def active_promotions(*, engine: Engine) -> list[PromotionRecord]:
    """Every active rule (a few hundred: loaded whole, indexed by the pricing engine)."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(
            "SELECT promo_id, kind, payload, active FROM promotion WHERE active "
            "ORDER BY promo_id"))
        return [PromotionRecord(r[0], r[1], json.loads(r[2]), bool(r[3])) for r in rows]


def put_chain_key(conn: Connection, *, key_id: str, public_key: str, at: str) -> None:
    """Add (or replace) one of the chain's public keys in the caller's transaction."""
    conn.execute(text(
        "INSERT OR REPLACE INTO chain_key (key_id, public_key, added_at) VALUES (:k, :p, :at)"
    ), {"k": key_id, "p": public_key, "at": at})


def chain_keys(*, engine: Engine) -> list[str]:
    """The chain's public keys (base64 text), oldest first."""
    with read_tx(engine) as conn:
        return [r[0] for r in conn.execute(
            text("SELECT public_key FROM chain_key ORDER BY added_at, key_id"))]


def is_redeemed(*, engine: Engine, coupon_id: str) -> bool:
    """True when this terminal has already taken the coupon."""
    with read_tx(engine) as conn:
        return conn.execute(text("SELECT 1 FROM coupon_redemption WHERE coupon_id = :c"),
                            {"c": coupon_id}).first() is not None


def is_revoked(*, engine: Engine, coupon_id: str) -> bool:
    """True when head office revoked the coupon (pulled from the cloud)."""
    with read_tx(engine) as conn:
        return conn.execute(text("SELECT 1 FROM revoked_coupon WHERE coupon_id = :c"),
                            {"c": coupon_id}).first() is not None


def record_redemptions(conn: Connection, uses: Sequence[CouponUseRecord], *, sale_id: int,
                       sale_uuid: str, store_code: str, terminal_code: str, at: str) -> None:
    """Record coupons used by a sale and a ``coupon.redeemed`` event each, in the sale's
    transaction. A coupon already used here gives ``coupon.already_used`` (the whole sale
    rolls back: the cashier removes the coupon and completes again)."""
    for use in uses:
        if conn.execute(text("SELECT 1 FROM coupon_redemption WHERE coupon_id = :c"),
                        {"c": use.coupon_id}).first() is not None:
            raise PosError("coupon.already_used", coupon_id=use.coupon_id)
        conn.execute(text(
            "INSERT INTO coupon_redemption (coupon_id, sale_id, sale_uuid, member_id, "
            "discount_fen, redeemed_at) VALUES (:c, :s, :u, :m, :d, :at)"
        ), {"c": use.coupon_id, "s": sale_id, "u": sale_uuid, "m": use.member_id,
            "d": use.discount_fen, "at": at})
        # The cloud spots a coupon used on two terminals while offline by this event: the
        # coupon id is its key, the sale and terminal tell which use came second.
        append_event(conn, store_code=store_code, terminal_code=terminal_code,
                     type=COUPON_REDEEMED, created_at=at,
                     payload=coupon_payload(use, sale_uuid=sale_uuid, store_code=store_code,
                                            terminal_code=terminal_code, at=at))
