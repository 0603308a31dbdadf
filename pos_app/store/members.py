"""Members, tiers and the points ledger as this terminal knows them.

A member row holds what the till needs and no more: masked phone and name, keyed hashes of
the phone and card number (``core.members.lookup_hash`` with the chain's lookup secret,
``member_lookup_key``), the birthday's month and day, tier and points. The full data is the
cloud's (``MemberRecord`` is that form: the cloud's import, the demo, a sign-up's event).

A member's available points = the balance the cloud last confirmed + this terminal's ledger
entries not in that balance yet (earned and redeemed here): 'pending' (not pushed) and 'acked'
(applied by the cloud, but the member's new balance not pulled yet). A members page flips
the member's 'acked' entries to 'synced'. The ledger is append-only (amounts never change).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, insert, select
from sqlalchemy.dialects import sqlite

from contract.members import MemberRecord, TierRecord
from contract.protocol import MEMBER_LOOKUP_KEY_ID, MEMBER_SIGNED_UP, POINTS_TRANSACTION
from pos_app.core.errors import PosError
from pos_app.core.members import (
    birthday_month_day,
    lookup_hash,
    mask_name,
    mask_phone,
    normalize_card,
)
from pos_app.store import raw_sql
from pos_app.store.db import read_tx, write_tx
from pos_app.store.models import (
    coupon_redemption,
    member,
    member_coupon,
    member_lookup_key,
    member_promo_usage,
    member_tier,
    points_entry,
)
from pos_app.store.outbox import append_event
from pos_app.store.statements import replace
from pos_app.store.wire import points_payload, signup_payload


@dataclass(frozen=True, slots=True)
class LocalMember:
    """A member row of this till plus the sum of its pending points entries."""

    member_id: str
    phone_masked: str
    name_masked: str = ""
    phone_hash: str | None = None
    card_hash: str | None = None
    birthday_md: str | None = None  # MM-DD
    tier: str = "regular"
    points_confirmed: int = 0
    points_pending: int = 0
    source: str = "cloud"
    consent_at: str | None = None


def local_member(record: MemberRecord, *, secret: bytes | None) -> LocalMember:
    """What a till keeps of a member (no hashes without the chain's lookup secret)."""
    card = normalize_card(record.card_no) if record.card_no else ""
    return LocalMember(
        member_id=record.member_id, phone_masked=mask_phone(record.phone),
        name_masked=mask_name(record.name),
        phone_hash=lookup_hash(secret, "phone", record.phone) if secret else None,
        card_hash=lookup_hash(secret, "card", card) if secret and card else None,
        birthday_md=birthday_month_day(record.birthday), tier=record.tier,
        points_confirmed=record.points_confirmed, source=record.source,
        consent_at=record.consent_at)


@dataclass(frozen=True, slots=True)
class PointsRecord:
    """One points ledger entry to append (``points`` is a signed delta)."""

    entry_uuid: str
    member_id: str
    kind: str
    points: int
    business_date: str  # local YYYY-MM-DD: the offline redemption cap is per day
    reason: str = ""


LOOKUP_KEY_ID = MEMBER_LOOKUP_KEY_ID  # the one row of member_lookup_key
_TIER_FIELDS = ("code", "rank", "name_zh", "name_en", "discount_bp", "points_multiplier_bp",
                "birthday_bonus_points", "birthday_discount_bp", "qualify_spend_fen",
                "qualify_points")
_POINTS_FIELDS = ("entry_uuid", "member_id", "kind", "points", "business_date", "reason")
# Stored as they are; ``points_pending`` is derived from the ledger.
_MEMBER_FIELDS = ("member_id", "phone_masked", "name_masked", "phone_hash", "card_hash",
                  "birthday_md", "tier", "points_confirmed", "source", "consent_at")
_m = member.c
_pe = points_entry.c
_UNCONFIRMED = ("pending", "acked")  # ledger states on top of the confirmed balance
_MEMBERS = select(
    *(_m[f] for f in _MEMBER_FIELDS),
    func.coalesce(select(func.sum(_pe.points)).where(
        _pe.member_id == _m.member_id, _pe.state.in_(_UNCONFIRMED)).scalar_subquery(), 0)
    .label("points_pending"))
_BY_ID = _MEMBERS.where(_m.member_id == bindparam("member_id"))


def _member(r: Any) -> LocalMember:
    return LocalMember(**{f: r._mapping[f] for f in _MEMBER_FIELDS},
                       points_pending=int(r.points_pending))


def _points(r: Any) -> PointsRecord:
    return PointsRecord(*r)


def decode_secret(text_value: str) -> bytes:
    """The lookup secret of its base64 text (``ValueError`` when it is not one)."""
    try:
        secret = base64.b64decode(text_value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("the member lookup secret is not base64") from None
    if len(secret) < 16:
        raise ValueError("the member lookup secret is shorter than 16 bytes")
    return secret


def put_lookup_secret(conn: Connection, *, secret: str, at: str) -> None:
    """Keep the chain's lookup secret (base64) in the caller's transaction."""
    decode_secret(secret)
    conn.execute(replace(member_lookup_key), {"key_id": LOOKUP_KEY_ID, "secret": secret,
                                              "updated_at": at})


def _secret(conn: Connection) -> bytes | None:
    row = conn.execute(select(member_lookup_key.c.secret).where(
        member_lookup_key.c.key_id == LOOKUP_KEY_ID)).first()
    return decode_secret(row[0]) if row else None


def lookup_secret(*, engine: Engine) -> bytes | None:
    """The chain's lookup secret, None before the till received it."""
    with read_tx(engine) as conn:
        return _secret(conn)


def list_tiers(*, engine: Engine) -> list[TierRecord]:
    """Every tier, lowest rank first."""
    with read_tx(engine) as conn:
        rows = conn.execute(select(*(member_tier.c[f] for f in _TIER_FIELDS))
                            .order_by(member_tier.c.rank))
        return [TierRecord(*r) for r in rows]


def put_tiers(conn: Connection, tiers: Sequence[TierRecord]) -> None:
    """Insert or replace tier rules in the caller's transaction (demo seed, sync pull)."""
    conn.execute(replace(member_tier), [{f: getattr(t, f) for f in _TIER_FIELDS}
                                        for t in tiers])


def _dbapi(conn: Connection) -> Any:
    """The DB-API connection under ``conn``, which must be in its transaction (else the
    driver would commit each statement on its own)."""
    if not conn.in_transaction():
        raise RuntimeError("members are written inside the caller's transaction")
    return conn.connection.driver_connection


def put_members(conn: Connection, members: Sequence[LocalMember], *, at: str) -> None:
    """Insert or update members (from the cloud, the demo, a sign-up) in the caller's
    transaction; ``points_pending`` of the records is ignored: it is derived from the
    ledger."""
    _dbapi(conn).executemany(raw_sql.PUT_MEMBER, [
        (m.member_id, m.phone_masked, m.name_masked, m.phone_hash, m.card_hash,
         m.birthday_md, m.tier, m.points_confirmed, m.consent_at, m.source, at, at)
        for m in members])


def members_confirmed(conn: Connection, member_ids: Sequence[str]) -> None:
    """The members' balances as pulled now hold every entry the cloud had acknowledged:
    their 'acked' ledger entries become 'synced' (in the caller's transaction)."""
    _dbapi(conn).executemany(raw_sql.MEMBER_CONFIRMED, [(m,) for m in member_ids])


def get_member(*, engine: Engine, member_id: str) -> LocalMember | None:
    """A member by id (from a verified member QR code)."""
    with read_tx(engine) as conn:
        r = conn.execute(_BY_ID, {"member_id": member_id}).first()
        return _member(r) if r else None


def find_members(*, engine: Engine, phone: str | None = None,
                 card_no: str | None = None) -> list[LocalMember]:
    """The members with a normalised phone number, or with a member card number (found by
    their keyed hashes): several when the cloud has not merged the members of a phone signed
    up twice (oldest id first). ``member.lookup_unavailable`` before the till has the
    chain's lookup secret."""
    if phone is None and card_no is None:
        raise ValueError("give a phone or a card number")
    with read_tx(engine) as conn:
        secret = _secret(conn)
        if secret is None:
            raise PosError("member.lookup_unavailable")
        if phone is not None:
            found = _m.phone_hash == lookup_hash(secret, "phone", phone)
        else:
            found = _m.card_hash == lookup_hash(secret, "card", normalize_card(card_no or ""))
        rows = conn.execute(_MEMBERS.where(found).order_by(_m.member_id).limit(20))
        return [_member(r) for r in rows]


def sign_up(*, engine: Engine, member: MemberRecord, store_code: str, terminal_code: str,
            at: str, event_uuid: str | None = None) -> LocalMember:
    """Record a member signed up at the till and queue the ``member.signed_up`` event, in one
    transaction. The event carries the full phone and name for the cloud (in the outbox
    until it is pushed and acknowledged); the member row only the masked and hashed form.
    A phone number already known here gives ``member.phone_taken`` (the cashier looks the
    member up instead; two tills offline may still both sign a phone up, and the cloud keeps
    both members until HQ merges them)."""
    with write_tx(engine) as conn:
        secret = _secret(conn)
        local = local_member(member, secret=secret)
        if local.phone_hash is not None:
            taken = conn.execute(select(_m.member_id).where(
                _m.phone_hash == local.phone_hash)).first()
            if taken is not None:
                raise PosError("member.phone_taken", member_id=taken[0])
        put_members(conn, [local], at=at)
        append_event(conn, store_code=store_code, terminal_code=terminal_code,
                     type=MEMBER_SIGNED_UP, created_at=at, event_uuid=event_uuid,
                     payload=signup_payload(member, store_code=store_code))
        r = conn.execute(_BY_ID, {"member_id": member.member_id}).one()
    return _member(r)


def redeemed_on(*, engine: Engine, member_id: str, business_date: str) -> int:
    """Points this terminal redeemed for a member on a day and the cloud has not confirmed
    yet (positive); the offline redemption cap counts these."""
    with read_tx(engine) as conn:
        value = conn.execute(select(func.coalesce(func.sum(-_pe.points), 0)).where(
            _pe.member_id == member_id, _pe.state.in_(_UNCONFIRMED),
            _pe.business_date == business_date, _pe.kind == "redeem")).scalar_one()
        return int(value)


def append_points(conn: Connection, entries: Sequence[PointsRecord], *, sale_uuid: str | None,
                  store_code: str, terminal_code: str, at: str) -> None:
    """Append ledger entries (pending) and one ``points.transaction`` event each, in the
    caller's transaction (the sale's)."""
    for e in entries:
        insert_points(conn, [e], sale_uuid=sale_uuid, at=at)
        append_event(conn, store_code=store_code, terminal_code=terminal_code,
                     type=POINTS_TRANSACTION, created_at=at,
                     payload=points_payload(e, sale_uuid=sale_uuid))


_APPEND_POINTS = insert(points_entry)


def insert_points(conn: Connection, entries: Sequence[PointsRecord], *, sale_uuid: str | None,
                  at: str) -> None:
    """Append ledger entries (pending) without their events, in the caller's transaction:
    ``append_points`` writes both; an outbox filled with events already written (a
    benchmark's) needs only the entries."""
    if entries:
        conn.execute(_APPEND_POINTS, [{**{f: getattr(e, f) for f in _POINTS_FIELDS},
                                       "sale_uuid": sale_uuid, "state": "pending",
                                       "created_at": at} for e in entries])
_ENTRIES = select(*(_pe[f] for f in _POINTS_FIELDS)).order_by(_pe.id)
_OF_SALE = _ENTRIES.where(_pe.sale_uuid == bindparam("sale_uuid"))


def points_entries(*, engine: Engine, member_id: str) -> list[PointsRecord]:
    """A member's ledger entries on this terminal, oldest first."""
    with read_tx(engine) as conn:
        return [_points(r) for r in conn.execute(_ENTRIES.where(_pe.member_id == member_id))]


def sale_points(conn: Connection, *, sale_uuid: str) -> list[PointsRecord]:
    """The ledger entries a sale wrote, in order (in the caller's transaction)."""
    return [_points(r) for r in conn.execute(_OF_SALE, {"sale_uuid": sale_uuid})]


def flash_bought(*, engine: Engine, member_id: str) -> dict[str, int]:
    """promo_id → units this member bought under limited promotions (flash sales)."""
    with read_tx(engine) as conn:
        u = member_promo_usage.c
        rows = conn.execute(select(u.promo_id, u.units).where(u.member_id == member_id))
        return {r[0]: int(r[1]) for r in rows}


_usage = sqlite.insert(member_promo_usage)
_ADD_USAGE = _usage.on_conflict_do_update(
    index_elements=["member_id", "promo_id"],
    set_={"units": member_promo_usage.c.units + _usage.excluded.units})


def add_promo_usage(conn: Connection, usage: Sequence[tuple[str, str, int]]) -> None:
    """Add ``(member_id, promo_id, units)`` in the caller's transaction (the sale's)."""
    if usage:
        conn.execute(_ADD_USAGE, [{"member_id": m, "promo_id": p, "units": u}
                                  for m, p, u in usage])


def put_member_coupons(conn: Connection, coupons: Sequence[tuple[str, str, str]], *,
                       at: str) -> None:
    """Insert or replace wallet coupons ``(coupon_id, member_id, code)`` in the caller's
    transaction (sync pull, demo seed)."""
    conn.execute(replace(member_coupon), [
        {"coupon_id": c, "member_id": m, "code": code, "updated_at": at}
        for c, m, code in coupons])


def member_coupon_codes(*, engine: Engine, member_id: str) -> list[str]:
    """The codes of the member's wallet coupons not yet redeemed on this till."""
    with read_tx(engine) as conn:
        w, r = member_coupon.c, coupon_redemption.c
        rows = conn.execute(
            select(w.code).select_from(member_coupon.outerjoin(
                coupon_redemption, r.coupon_id == w.coupon_id))
            .where(w.member_id == member_id, r.coupon_id.is_(None)).order_by(w.coupon_id))
        return list(rows.scalars())
