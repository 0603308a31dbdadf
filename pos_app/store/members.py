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

from sqlalchemy import Connection, Engine, text

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
from pos_app.store.db import read_tx, write_tx
from pos_app.store.outbox import append_event
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


_TIER_COLS = ("code, rank, name_zh, name_en, discount_bp, points_multiplier_bp, "
              "birthday_bonus_points, birthday_discount_bp, qualify_spend_fen, qualify_points")
_MEMBER_SELECT = (
    "SELECT m.member_id, m.phone_masked, m.name_masked, m.phone_hash, m.card_hash, "
    "m.birthday_md, m.tier, m.points_confirmed, "
    "COALESCE((SELECT SUM(e.points) FROM points_entry e WHERE e.member_id = m.member_id "
    "AND e.state IN ('pending', 'acked')), 0), m.source, m.consent_at FROM member m "
)
LOOKUP_KEY_ID = MEMBER_LOOKUP_KEY_ID  # the one row of member_lookup_key


def _member(r: Any) -> LocalMember:
    return LocalMember(member_id=r[0], phone_masked=r[1], name_masked=r[2], phone_hash=r[3],
                       card_hash=r[4], birthday_md=r[5], tier=r[6], points_confirmed=r[7],
                       points_pending=int(r[8]), source=r[9], consent_at=r[10])


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
    conn.execute(text("INSERT OR REPLACE INTO member_lookup_key (key_id, secret, updated_at) "
                      "VALUES (:k, :s, :at)"), {"k": LOOKUP_KEY_ID, "s": secret, "at": at})


def _secret(conn: Connection) -> bytes | None:
    row = conn.execute(text("SELECT secret FROM member_lookup_key WHERE key_id = :k"),
                       {"k": LOOKUP_KEY_ID}).first()
    return decode_secret(row[0]) if row else None


def lookup_secret(*, engine: Engine) -> bytes | None:
    """The chain's lookup secret, None before the till received it."""
    with read_tx(engine) as conn:
        return _secret(conn)


def list_tiers(*, engine: Engine) -> list[TierRecord]:
    """Every tier, lowest rank first."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(f"SELECT {_TIER_COLS} FROM member_tier ORDER BY rank"))
        return [TierRecord(*r) for r in rows]


def put_tiers(conn: Connection, tiers: Sequence[TierRecord]) -> None:
    """Insert or replace tier rules in the caller's transaction (demo seed, sync pull)."""
    names = [c.strip() for c in _TIER_COLS.split(",")]
    conn.execute(text(
        f"INSERT OR REPLACE INTO member_tier ({_TIER_COLS}) VALUES "
        f"({', '.join(':' + n for n in names)})"
    ), [{n: getattr(t, n) for n in names} for t in tiers])


# Plain DB-API SQL, built once: a pulled members page writes one member per call, and
# SQLAlchemy's parsing and compiling of a text() each time was most of its cost.
_MEMBER_PUT = (
    "INSERT INTO member (member_id, phone_masked, name_masked, phone_hash, card_hash, "
    "birthday_md, tier, points_confirmed, consent_at, source, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET "
    "phone_masked = excluded.phone_masked, name_masked = excluded.name_masked, "
    "phone_hash = excluded.phone_hash, card_hash = excluded.card_hash, "
    "birthday_md = excluded.birthday_md, tier = excluded.tier, "
    "points_confirmed = excluded.points_confirmed, source = excluded.source, "
    "updated_at = excluded.updated_at"
)
_ACKED_SYNCED = ("UPDATE points_entry SET state = 'synced' WHERE member_id = ? "
                 "AND state = 'acked'")


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
    _dbapi(conn).executemany(_MEMBER_PUT, [
        (m.member_id, m.phone_masked, m.name_masked, m.phone_hash, m.card_hash,
         m.birthday_md, m.tier, m.points_confirmed, m.consent_at, m.source, at, at)
        for m in members])


def members_confirmed(conn: Connection, member_ids: Sequence[str]) -> None:
    """The members' balances as pulled now hold every entry the cloud had acknowledged:
    their 'acked' ledger entries become 'synced' (in the caller's transaction)."""
    _dbapi(conn).executemany(_ACKED_SYNCED, [(m,) for m in member_ids])


def get_member(*, engine: Engine, member_id: str) -> LocalMember | None:
    """A member by id (from a verified member QR code)."""
    with read_tx(engine) as conn:
        r = conn.execute(text(_MEMBER_SELECT + "WHERE m.member_id = :v"),
                         {"v": member_id}).first()
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
            column, value = "phone_hash", lookup_hash(secret, "phone", phone)
        else:
            column, value = "card_hash", lookup_hash(secret, "card",
                                                     normalize_card(card_no or ""))
        rows = conn.execute(text(_MEMBER_SELECT + f"WHERE m.{column} = :v "
                                 "ORDER BY m.member_id LIMIT 20"), {"v": value})
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
            taken = conn.execute(text("SELECT member_id FROM member WHERE phone_hash = :p"),
                                 {"p": local.phone_hash}).first()
            if taken is not None:
                raise PosError("member.phone_taken", member_id=taken[0])
        put_members(conn, [local], at=at)
        append_event(conn, store_code=store_code, terminal_code=terminal_code,
                     type=MEMBER_SIGNED_UP, created_at=at, event_uuid=event_uuid,
                     payload=signup_payload(member, store_code=store_code))
        r = conn.execute(text(_MEMBER_SELECT + "WHERE m.member_id = :v"),
                         {"v": member.member_id}).one()
    return _member(r)


def redeemed_on(*, engine: Engine, member_id: str, business_date: str) -> int:
    """Points this terminal redeemed for a member on a day and the cloud has not confirmed
    yet (positive); the offline redemption cap counts these."""
    with read_tx(engine) as conn:
        value = conn.execute(text(
            "SELECT COALESCE(SUM(-points), 0) FROM points_entry WHERE member_id = :m "
            "AND state IN ('pending', 'acked') AND business_date = :d AND kind = 'redeem'"
        ), {"m": member_id, "d": business_date}).scalar_one()
        return int(value)


def append_points(conn: Connection, entries: Sequence[PointsRecord], *, sale_uuid: str | None,
                  store_code: str, terminal_code: str, at: str) -> None:
    """Append ledger entries (pending) and one ``points.transaction`` event each, in the
    caller's transaction (the sale's)."""
    for e in entries:
        conn.execute(text(
            "INSERT INTO points_entry (entry_uuid, member_id, kind, points, sale_uuid, state, "
            "business_date, reason, created_at) VALUES (:u, :m, :k, :p, :s, 'pending', :d, "
            ":r, :at)"
        ), {"u": e.entry_uuid, "m": e.member_id, "k": e.kind, "p": e.points, "s": sale_uuid,
            "d": e.business_date, "r": e.reason, "at": at})
        append_event(conn, store_code=store_code, terminal_code=terminal_code,
                     type=POINTS_TRANSACTION, created_at=at,
                     payload=points_payload(e, sale_uuid=sale_uuid))


def points_entries(*, engine: Engine, member_id: str) -> list[PointsRecord]:
    """A member's ledger entries on this terminal, oldest first."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(
            "SELECT entry_uuid, member_id, kind, points, business_date, reason FROM "
            "points_entry WHERE member_id = :m ORDER BY id"), {"m": member_id})
        return [PointsRecord(*r) for r in rows]


def flash_bought(*, engine: Engine, member_id: str) -> dict[str, int]:
    """promo_id → units this member bought under limited promotions (flash sales)."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(
            "SELECT promo_id, units FROM member_promo_usage WHERE member_id = :m"),
            {"m": member_id})
        return {r[0]: int(r[1]) for r in rows}


def add_promo_usage(conn: Connection, usage: Sequence[tuple[str, str, int]]) -> None:
    """Add ``(member_id, promo_id, units)`` in the caller's transaction (the sale's)."""
    if usage:
        conn.execute(text(
            "INSERT INTO member_promo_usage (member_id, promo_id, units) VALUES (:m, :p, :u) "
            "ON CONFLICT (member_id, promo_id) DO UPDATE SET units = units + excluded.units"
        ), [{"m": m, "p": p, "u": u} for m, p, u in usage])


def put_member_coupons(conn: Connection, coupons: Sequence[tuple[str, str, str]], *,
                       at: str) -> None:
    """Insert or replace wallet coupons ``(coupon_id, member_id, code)`` in the caller's
    transaction (sync pull, demo seed)."""
    conn.execute(text(
        "INSERT OR REPLACE INTO member_coupon (coupon_id, member_id, code, updated_at) "
        "VALUES (:c, :m, :code, :at)"
    ), [{"c": c, "m": m, "code": code, "at": at} for c, m, code in coupons])


def member_coupon_codes(*, engine: Engine, member_id: str) -> list[str]:
    """The codes of the member's wallet coupons not yet redeemed on this till."""
    with read_tx(engine) as conn:
        rows = conn.execute(text(
            "SELECT w.code FROM member_coupon w LEFT JOIN coupon_redemption r "
            "ON r.coupon_id = w.coupon_id WHERE w.member_id = :m AND r.coupon_id IS NULL "
            "ORDER BY w.coupon_id"
        ), {"m": member_id})
        return [r[0] for r in rows]
