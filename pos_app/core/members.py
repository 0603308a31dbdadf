"""Member tiers, members, privacy masking of phone and name, and signed member codes."""

from __future__ import annotations

import calendar
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from pos_app.core.errors import PosError
from pos_app.core.signed_codes import (
    MEMBER_COMPACT_PREFIX,
    MEMBER_PREFIX,
    has_prefix,
    malformed,
    pack_id,
    read_id,
    read_time,
    require_aware,
    sign_compact,
    unpack_id,
    verify_code,
    verify_compact,
)

_BP = 10_000
# A till's clock may run a little behind the phone that made the code.
CLOCK_SKEW = timedelta(seconds=120)
# Member codes are meant to live about a minute; a day-long one is not one we issued.
MAX_MEMBER_CODE_LIFETIME = timedelta(days=1)
_MOBILE_RE = re.compile(r"(?:\+86|0086|86)?(1[3-9][0-9]{9})", re.ASCII)
_PHONE_SEPARATORS = re.compile(r"[\s\-()]")

QualifyBasis = Literal["spend", "points", "either"]


@dataclass(frozen=True, slots=True)
class Tier:
    """A membership tier; ``qualify_*`` are rolling 12-month thresholds to reach it."""

    code: str
    name_zh: str
    name_en: str
    rank: int
    discount_bp: int  # tier discount on eligible items: 500 = 5 % off
    points_multiplier_bp: int  # 10000 = ×1
    birthday_bonus_points: int
    birthday_discount_bp: int
    qualify_spend_fen: int
    qualify_points: int

    def __post_init__(self) -> None:
        for name in ("discount_bp", "birthday_discount_bp"):
            if not 0 <= getattr(self, name) <= _BP:
                raise ValueError(f"Tier.{name} must be 0..10000")
        for name in ("rank", "points_multiplier_bp", "birthday_bonus_points",
                     "qualify_spend_fen", "qualify_points"):
            if getattr(self, name) < 0:
                raise ValueError(f"Tier.{name} must not be negative")


DEFAULT_TIERS: tuple[Tier, ...] = (
    Tier("regular", "普通会员", "Regular", 0, 0, 10_000, 100, 0, 0, 0),
    Tier("silver", "银卡会员", "Silver", 1, 200, 12_000, 200, 300, 200_000, 2_000),
    Tier("gold", "金卡会员", "Gold", 2, 500, 15_000, 500, 500, 800_000, 8_000),
    Tier("platinum", "白金会员", "Platinum", 3, 800, 18_000, 1_000, 800, 2_000_000, 20_000),
    Tier("diamond", "钻石会员", "Diamond", 4, 1_200, 20_000, 2_000, 1_000, 5_000_000, 50_000),
)


def tier_by_code(code: str, tiers: Sequence[Tier] = DEFAULT_TIERS) -> Tier | None:
    """The tier with ``code``, or None when this till does not know it."""
    return next((t for t in tiers if t.code == code), None)


def qualify_tier(
    *, spend_12m_fen: int, points_12m: int, tiers: Sequence[Tier], basis: QualifyBasis
) -> Tier:
    """The highest-ranked tier whose threshold is met on ``basis``.

    A member always has a tier: when no threshold is met, the lowest-ranked tier.
    """
    if not tiers:
        raise ValueError("qualify_tier needs at least one tier")

    def met(t: Tier) -> bool:
        by_spend = spend_12m_fen >= t.qualify_spend_fen
        by_points = points_12m >= t.qualify_points
        if basis == "spend":
            return by_spend
        if basis == "points":
            return by_points
        return by_spend or by_points

    qualified = [t for t in tiers if met(t)]
    if not qualified:
        return min(tiers, key=lambda t: t.rank)
    return max(qualified, key=lambda t: t.rank)


@dataclass(frozen=True, slots=True)
class Member:
    """A member as the till knows it: masked phone and name only (the full ones stay in the
    cloud); points split into cloud-confirmed and local pending."""

    member_id: str
    phone_masked: str  # 138****5678
    name_masked: str  # 张*
    tier: str
    birthday: date | None  # month and day only count (tills are not sent the year)
    points_confirmed: int  # the last balance the cloud confirmed
    points_pending: int  # local deltas not yet confirmed by the cloud (may be negative)

    @property
    def points_available(self) -> int:
        """Confirmed plus pending points (may be stale while offline; may be negative)."""
        return self.points_confirmed + self.points_pending

    def is_birthday(self, today: date) -> bool:
        """True on the birthday; a 29 February birthday counts on 28 February in other years."""
        if self.birthday is None:
            return False
        month, day = self.birthday.month, self.birthday.day
        if (month, day) == (2, 29) and not calendar.isleap(today.year):
            day = 28
        return (today.month, today.day) == (month, day)


# --- privacy ----------------------------------------------------------------------------


def _phone_digits(text: str) -> str:
    digits = "".join(c for c in unicodedata.normalize("NFKC", text) if c.isascii() and c.isdigit())
    m = _MOBILE_RE.fullmatch(digits)
    return m.group(1) if m else digits


def mask_phone(text: str) -> str:
    """A phone number safe for screen and paper: ``13812345678`` → ``138****5678``.

    Only digits are kept and a +86/0086 country code is dropped. Numbers of 11 digits or
    more show the first 3 and last 4; 8–10 digits the last 4; 6–7 digits the last 2;
    shorter ones nothing, so at least 4 digits (or all of them) are always hidden.
    """
    digits = _phone_digits(text)
    n = len(digits)
    if n >= 11:
        head, tail = 3, 4
    elif n >= 8:
        head, tail = 0, 4
    elif n >= 6:
        head, tail = 0, 2
    else:
        head, tail = 0, 0
    return digits[:head] + "*" * (n - head - tail) + digits[n - tail :]


def _is_cjk(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY"))


def mask_name(name: str) -> str:
    """A name safe for screen and paper.

    Chinese names keep the first character and hide each other one (``张三丰`` → ``张**``;
    a one-character name becomes ``*``). Other names keep the first letter of each word and
    show a fixed ``***`` so the length is not revealed (``John Smith`` → ``J*** S***``).
    """
    name = name.strip()
    if not name:
        return ""
    if _is_cjk(name[0]) and not any(c.isspace() for c in name):
        return "*" if len(name) == 1 else name[0] + "*" * (len(name) - 1)
    return " ".join(word[0] + "***" for word in name.split())


def normalize_phone(text: str) -> str:
    """The 11 digits of a mainland mobile number, accepting ``+86``, blanks and dashes.

    Raises ``member.phone_invalid`` for anything else.
    """
    compact = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    m = _MOBILE_RE.fullmatch(compact)
    if m is None:
        raise PosError("member.phone_invalid")
    return m.group(1)


def normalize_card(text: str) -> str:
    """A member card number as typed or scanned, in the one spelling its lookup hash uses."""
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


LookupKind = Literal["phone", "card"]


def lookup_hash(secret: bytes, kind: LookupKind, value: str) -> str:
    """The keyed hash a till finds a member by: HMAC-SHA256 with the chain's lookup secret
    of ``kind:value`` (a normalised phone or card number), hex. Tills hold the hash, never
    the number; the cloud computes the same for each member it sends."""
    if not secret:
        raise ValueError("lookup_hash needs the chain's lookup secret")
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def birthday_month_day(iso_date: str | None) -> str | None:
    """``MM-DD`` of an ISO date (what a till needs for birthday benefits), else None."""
    if not iso_date:
        return None
    try:
        day = date.fromisoformat(iso_date)
    except ValueError:
        return None
    return f"{day.month:02d}-{day.day:02d}"


def birthday_from_month_day(text: str | None) -> date | None:
    """The ``MM-DD`` a till holds as a date of the leap year 2000 (so 02-29 exists)."""
    if not text:
        return None
    try:
        return date.fromisoformat(f"2000-{text}")
    except ValueError:
        return None


# --- signed member codes ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberCode:
    """A verified member code: who, and the validity window the issuer gave it."""

    member_id: str
    issued_at: datetime
    expires_at: datetime


# Compact body: a 32-bit word (issue minute since COMPACT_EPOCH: 24 bits, id packing: 2 bits,
# lifetime index into COMPACT_LIFETIMES_MIN: 6 bits), then the packed member id. Times are
# whole minutes: the code lives from the minute it was issued, at least as long as asked.
COMPACT_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
_MAX_MINUTE = (1 << 24) - 1  # 2055-11
COMPACT_LIFETIMES_MIN = (1, 2, 3, 4, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480,
                         720, 1440)


def _compact_body(member_id: str, issued: datetime, ttl_s: int) -> bytes:
    seconds = int((issued - COMPACT_EPOCH).total_seconds())
    minute = seconds // 60
    if not 0 <= minute <= _MAX_MINUTE:
        raise ValueError(f"member codes are issued from 2024 to 2055, not {issued}")
    needed = -(-(seconds + ttl_s) // 60) - minute  # whole minutes, rounded up
    index = next(i for i, m in enumerate(COMPACT_LIFETIMES_MIN) if m >= needed)
    kind, packed = pack_id(member_id)
    return (minute << 8 | kind << 6 | index).to_bytes(4, "big") + packed


def _parse_compact(text: str, public_keys: Sequence[Ed25519PublicKey]
                   ) -> tuple[str, datetime, datetime]:
    body = verify_compact(text, prefix=MEMBER_COMPACT_PREFIX, public_keys=public_keys)
    if len(body) < 5:
        raise malformed("body")
    word = int.from_bytes(body[:4], "big")
    index = word & 0x3F
    if index >= len(COMPACT_LIFETIMES_MIN):
        raise malformed("lifetime")
    try:
        member_id = unpack_id(word >> 6 & 0x3, body[4:])
    except PosError:
        raise malformed("field_m") from None
    issued_at = COMPACT_EPOCH + timedelta(minutes=word >> 8)
    return member_id, issued_at, issued_at + timedelta(minutes=COMPACT_LIFETIMES_MIN[index])


def parse_member_code(
    text: str, *, public_keys: Sequence[Ed25519PublicKey], now: datetime
) -> MemberCode:
    """Verify a scanned member code and check it is valid at ``now``.

    Payload ``{"m": member_id, "iat": unix, "exp": unix}``; other keys are ignored (an
    issuer may add a nonce). Raises ``code.*``, ``member.code_expired`` or
    ``member.code_not_yet_valid`` (``iat`` may be up to ``CLOCK_SKEW`` ahead of ``now``).
    """
    require_aware(now)
    if has_prefix(text, MEMBER_COMPACT_PREFIX):
        member_id, issued_at, expires_at = _parse_compact(text, public_keys)
    else:  # the JSON format of codes issued before the compact one
        payload = verify_code(text, prefix=MEMBER_PREFIX, public_keys=public_keys)
        member_id = read_id(payload, "m")
        issued_at = read_time(payload, "iat")
        expires_at = read_time(payload, "exp")
        if not timedelta(0) < expires_at - issued_at <= MAX_MEMBER_CODE_LIFETIME:
            raise malformed("lifetime")
    if now >= expires_at:
        raise PosError("member.code_expired", seconds_ago=int((now - expires_at).total_seconds()))
    if issued_at > now + CLOCK_SKEW:
        ahead = int((issued_at - now).total_seconds())
        raise PosError("member.code_not_yet_valid", seconds_ahead=ahead)
    return MemberCode(member_id, issued_at, expires_at)


def make_member_code(
    member_id: str, *, private_key: Ed25519PrivateKey, now: datetime, ttl_s: int = 60
) -> str:
    """A compact signed member code valid from the minute of ``now`` for at least ``ttl_s``
    seconds (rounded up to whole minutes and to the next of ``COMPACT_LIFETIMES_MIN``)."""
    if not 0 < ttl_s <= MAX_MEMBER_CODE_LIFETIME.total_seconds():
        raise ValueError(f"ttl_s must be 1..86400, got {ttl_s}")
    try:
        read_id({"m": member_id}, "m")  # the rule the till applies when reading it
    except PosError:
        raise ValueError(f"member id not allowed in a code: {member_id!r}") from None
    body = _compact_body(member_id, require_aware(now), ttl_s)
    return sign_compact(MEMBER_COMPACT_PREFIX, body, private_key)
