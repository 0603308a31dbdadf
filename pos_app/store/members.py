"""Members, tiers and the points ledger as this terminal knows them.

A member's available points = the balance the cloud last confirmed + this terminal's ledger
entries not in that balance yet (earned and redeemed here): 'pending' (not pushed) and 'acked'
(applied by the cloud, but the member's new balance not pulled yet). A members page flips
the member's 'acked' entries to 'synced'. The ledger is append-only (amounts never change).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, text

from pos_app.core.errors import PosError
from pos_app.store.db import read_tx, write_tx
from pos_app.store.outbox import append_event
from pos_app.store.wire import points_payload, signup_payload
from sync.protocol import MEMBER_SIGNED_UP, POINTS_TRANSACTION


@dataclass(frozen=True, slots=True)
class TierRecord:
    """One tier's rules (fen, basis points and points as plain ints)."""

    code: str
    rank: int
    name_zh: str
    name_en: str
    discount_bp: int = 0
    points_multiplier_bp: int = 10_000
    birthday_bonus_points: int = 0
    birthday_discount_bp: int = 0
    qualify_spend_fen: int = 0
    qualify_points: int = 0


@dataclass(frozen=True, slots=True)
class MemberRecord:
    """A member row plus the sum of this terminal's pending points entries."""

    member_id: str
    phone: str
    name: str = ""
    tier: str = "regular"
    card_no: str | None = None
    birthday: str | None = None  # ISO date
    points_confirmed: int = 0
    points_pending: int = 0
    source: str = "cloud"
    consent_at: str | None = None


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
    "SELECT m.member_id, m.phone, m.name, m.tier, m.card_no, m.birthday, m.points_confirmed, "
    "COALESCE((SELECT SUM(e.points) FROM points_entry e WHERE e.member_id = m.member_id "
    "AND e.state IN ('pending', 'acked')), 0), m.source, m.consent_at FROM member m "
)


def _member(r: Any) -> MemberRecord:
    return MemberRecord(member_id=r[0], phone=r[1], name=r[2], tier=r[3], card_no=r[4],
                        birthday=r[5], points_confirmed=r[6], points_pending=int(r[7]),
                        source=r[8], consent_at=r[9])


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


def put_members(conn: Connection, members: Sequence[MemberRecord], *, at: str) -> None:
    """Insert or update members from the cloud (or the demo) in the caller's transaction;
    ``points_pending`` of the records is ignored: it is derived from the ledger."""
    conn.execute(text(
        "INSERT INTO member (member_id, card_no, phone, name, tier, birthday, "
        "points_confirmed, consent_at, source, created_at, updated_at) VALUES (:id, :card, "
        ":phone, :name, :tier, :bday, :pts, :consent, :src, :at, :at) ON CONFLICT (member_id) "
        "DO UPDATE SET card_no = excluded.card_no, phone = excluded.phone, "
        "name = excluded.name, tier = excluded.tier, birthday = excluded.birthday, "
        "points_confirmed = excluded.points_confirmed, source = excluded.source, "
        "updated_at = excluded.updated_at"
    ), [{"id": m.member_id, "card": m.card_no, "phone": m.phone, "name": m.name,
         "tier": m.tier, "bday": m.birthday, "pts": m.points_confirmed,
         "consent": m.consent_at, "src": m.source, "at": at} for m in members])


def get_member(*, engine: Engine, member_id: str) -> MemberRecord | None:
    """A member by id (from a verified member QR code)."""
    with read_tx(engine) as conn:
        r = conn.execute(text(_MEMBER_SELECT + "WHERE m.member_id = :v"),
                         {"v": member_id}).first()
        return _member(r) if r else None


def find_member(*, engine: Engine, phone: str | None = None,
                card_no: str | None = None) -> MemberRecord | None:
    """A member by normalised phone number or by member card number."""
    column, value = ("phone", phone) if phone is not None else ("card_no", card_no)
    if value is None:
        raise ValueError("give a phone or a card number")
    with read_tx(engine) as conn:
        r = conn.execute(text(_MEMBER_SELECT + f"WHERE m.{column} = :v"), {"v": value}).first()
        return _member(r) if r else None


def sign_up(*, engine: Engine, member: MemberRecord, store_code: str, terminal_code: str,
            at: str, event_uuid: str | None = None) -> MemberRecord:
    """Record a member signed up at the till and queue the ``member.signed_up`` event, in one
    transaction; a phone number already known gives ``member.phone_taken``."""
    with write_tx(engine) as conn:
        taken = conn.execute(text("SELECT member_id FROM member WHERE phone = :p"),
                             {"p": member.phone}).first()
        if taken is not None:
            raise PosError("member.phone_taken", member_id=taken[0])
        put_members(conn, [member], at=at)
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
