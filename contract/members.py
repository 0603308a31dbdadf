"""Members and tiers with their full data, as the cloud imports and keeps them and as a
sign-up at a till records one (a till itself keeps a member only masked and hashed:
``pos_app.store.members.LocalMember``)."""

from __future__ import annotations

from dataclasses import dataclass


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
    """A member with the full data (the cloud's import, the demo, a sign-up's event); a till
    stores it only as a ``LocalMember``."""

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
