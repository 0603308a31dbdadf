"""Signed coupons: what a coupon is, reading it from its QR code, and whether it applies.

Turning a coupon into a price reduction is the promotion engine's job, not this module's.

QR payload keys (short, so a phone shows a small code): ``i`` id, ``k`` kind letter,
``n`` name, ``v`` value, ``f``/``u`` valid from/until (Unix seconds), and only when set
``ms`` min spend (fen), ``c`` categories, ``s`` SKUs, ``t`` minimum tier, ``m`` member id.
Unknown keys are refused: a coupon carries restrictions, and one this till cannot read
must not be accepted as if it were unrestricted (new fields come with a new prefix).

Codes are made compact (``OC:``, binary, QR alphanumeric: ``coupon_compact``); the JSON
``O2OC1:`` codes already issued are still read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from pos_app.core.coupon_compact import body_to_payload, payload_to_body
from pos_app.core.errors import PosError
from pos_app.core.members import Tier, tier_by_code
from pos_app.core.money import Money
from pos_app.core.signed_codes import (
    COUPON_COMPACT_PREFIX,
    COUPON_PREFIX,
    has_prefix,
    malformed,
    read_id,
    read_int,
    read_text,
    read_time,
    require_aware,
    sign_code,
    sign_compact,
    unix_seconds,
    verify_code,
    verify_compact,
)

CouponKind = Literal["amount_off", "percent_off", "threshold_off", "category", "free_item"]
COUPON_KINDS: tuple[CouponKind, ...] = get_args(CouponKind)
_KIND_LETTERS: dict[CouponKind, str] = {
    "amount_off": "A",
    "percent_off": "P",
    "threshold_off": "T",
    "category": "C",
    "free_item": "F",
}
_LETTER_KINDS: dict[str, CouponKind] = {v: k for k, v in _KIND_LETTERS.items()}
_BP = 10_000
# A trillion yuan, as in money.py: bounds hostile numbers long before they matter.
_MAX_FEN = 10**14
_MAX_NAME = 40
_MAX_SET_ITEMS = 20
_MAX_SET_TEXT = 64  # a SKU or category name
_KEYS = frozenset({"i", "k", "n", "v", "f", "u", "ms", "c", "s", "t", "m"})


@dataclass(frozen=True, slots=True)
class Coupon:
    """A coupon. ``value`` is fen (amount_off, threshold_off, category), basis points
    (percent_off) or 0 (free_item: one item of any SKU in ``skus`` is given free)."""

    coupon_id: str
    kind: CouponKind
    name: str
    value: int
    min_spend: Money
    categories: frozenset[str]
    skus: frozenset[str]
    tier: str | None  # minimum tier code
    valid_from: datetime
    valid_to: datetime
    member_id: str | None  # bound to this member when set

    def __post_init__(self) -> None:
        if self.kind not in COUPON_KINDS:
            raise ValueError(f"unknown coupon kind {self.kind!r}")
        if type(self.value) is not int or not isinstance(self.min_spend, Money):
            raise TypeError("Coupon.value must be int and min_spend Money")
        if not 0 <= self.min_spend.fen <= _MAX_FEN:
            raise ValueError("Coupon.min_spend out of range")
        low, high = _value_range(self.kind)
        if not low <= self.value <= high:
            raise ValueError(f"{self.kind} coupon value {self.value} not in {low}..{high}")
        if self.kind == "threshold_off" and not 0 < self.value <= self.min_spend.fen:
            raise ValueError("threshold_off needs a min spend of at least its value")
        # Sets only where the kind uses them, so a coupon never carries a silent restriction.
        if bool(self.categories) != (self.kind == "category"):
            raise ValueError("categories are required for, and only for, category coupons")
        if bool(self.skus) != (self.kind == "free_item"):
            raise ValueError("skus are required for, and only for, free_item coupons")
        require_aware(self.valid_from)
        require_aware(self.valid_to)
        if self.valid_from >= self.valid_to:
            raise ValueError("coupon valid_from must be before valid_to")


def _value_range(kind: CouponKind) -> tuple[int, int]:
    if kind == "percent_off":
        return 1, _BP
    if kind == "free_item":
        return 0, 0
    return 1, _MAX_FEN


def _read_set(payload: Mapping[str, object], key: str) -> frozenset[str]:
    value = payload.get(key, [])
    if not isinstance(value, list) or len(value) > _MAX_SET_ITEMS:
        raise malformed(f"field_{key}")
    items = frozenset(read_text({key: item}, key, max_len=_MAX_SET_TEXT) for item in value)
    if len(items) != len(value):
        raise malformed(f"field_{key}")
    return items


def _read_optional_id(payload: Mapping[str, object], key: str) -> str | None:
    return read_id(payload, key) if key in payload else None


def parse_coupon_code(text: str, *, public_keys: Sequence[Ed25519PublicKey]) -> Coupon:
    """Verify a scanned coupon code and read its fields; ``code.*`` errors when it is not
    a well-formed coupon signed by the chain. Validity at a time is ``check_coupon``'s job."""
    if has_prefix(text, COUPON_COMPACT_PREFIX):
        body = verify_compact(text, prefix=COUPON_COMPACT_PREFIX, public_keys=public_keys)
        payload = body_to_payload(body)
    else:
        payload = verify_code(text, prefix=COUPON_PREFIX, public_keys=public_keys)
    if not payload.keys() <= _KEYS:
        raise malformed("unknown_field")
    letter = payload.get("k")
    kind = _LETTER_KINDS.get(letter) if isinstance(letter, str) else None
    if kind is None:
        raise malformed("field_k")
    try:
        return Coupon(
            coupon_id=read_id(payload, "i"),
            kind=kind,
            name=read_text(payload, "n", max_len=_MAX_NAME),
            value=read_int(payload, "v", lo=0, hi=_MAX_FEN),
            min_spend=Money(read_int(payload, "ms", lo=1, hi=_MAX_FEN) if "ms" in payload
                            else 0),
            categories=_read_set(payload, "c"),
            skus=_read_set(payload, "s"),
            tier=_read_optional_id(payload, "t"),
            valid_from=read_time(payload, "f"),
            valid_to=read_time(payload, "u"),
            member_id=_read_optional_id(payload, "m"),
        )
    except (ValueError, TypeError):
        # Each field is well typed but together they are not a coupon we issue.
        raise malformed("inconsistent") from None


def make_coupon_code(coupon: Coupon, *, private_key: Ed25519PrivateKey) -> str:
    """The signed QR text of ``coupon`` (validity times must be whole seconds)."""
    payload: dict[str, object] = {
        "i": coupon.coupon_id,
        "k": _KIND_LETTERS[coupon.kind],
        "n": coupon.name,
        "v": coupon.value,
        "f": unix_seconds(coupon.valid_from),
        "u": unix_seconds(coupon.valid_to),
    }
    # Defaults are left out to keep the code small; the reader restores them.
    if coupon.min_spend.fen:
        payload["ms"] = coupon.min_spend.fen
    if coupon.categories:
        payload["c"] = sorted(coupon.categories)
    if coupon.skus:
        payload["s"] = sorted(coupon.skus)
    if coupon.tier is not None:
        payload["t"] = coupon.tier
    if coupon.member_id is not None:
        payload["m"] = coupon.member_id
    try:
        body = payload_to_body(payload)
    except ValueError:  # valid before 2024: only the JSON format can say so
        return sign_code(COUPON_PREFIX, payload, private_key)
    return sign_compact(COUPON_COMPACT_PREFIX, body, private_key)


def _local_text(moment: datetime, now: datetime) -> str:
    # Shown in the store's time zone (that of ``now``, from the store's clock), to the minute.
    return moment.astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M")


def check_coupon(
    coupon: Coupon,
    *,
    now: datetime,
    member_id: str | None,
    member_tier_rank: int | None,
    tiers: Sequence[Tier],
    eligible_spend_fen: int,
    category_spend_fen: int,
    has_free_item: bool,
    already_redeemed: bool,
) -> None:
    """Raise the ``coupon.*`` error that stops ``coupon`` applying to this sale, if any.

    ``eligible_spend_fen`` is the sale's spend the coupon may count; ``category_spend_fen``
    the part in the coupon's categories; ``has_free_item`` whether its free item is in the
    cart. Min spend counts the category spend for category coupons, else eligible spend.
    """
    require_aware(now)
    if already_redeemed:
        raise PosError("coupon.already_used")
    if now < coupon.valid_from:
        raise PosError("coupon.not_yet_valid", valid_from=_local_text(coupon.valid_from, now))
    if now >= coupon.valid_to:
        raise PosError("coupon.expired", valid_to=_local_text(coupon.valid_to, now))
    if member_id is None and (coupon.member_id is not None or coupon.tier is not None):
        raise PosError("coupon.needs_member")
    if coupon.member_id is not None and coupon.member_id != member_id:
        raise PosError("coupon.wrong_member")
    if coupon.tier is not None:
        _check_tier(coupon.tier, member_tier_rank, tiers)
    spend = category_spend_fen if coupon.kind == "category" else eligible_spend_fen
    no_items = not has_free_item if coupon.kind == "free_item" else spend <= 0
    if no_items:
        raise PosError("coupon.no_eligible_items")
    if spend < coupon.min_spend.fen:
        raise PosError("coupon.min_spend_not_met", min_spend=coupon.min_spend.fen,
                       missing=coupon.min_spend.fen - max(spend, 0))


def _check_tier(code: str, member_tier_rank: int | None, tiers: Sequence[Tier]) -> None:
    needed = tier_by_code(code, tiers)
    if needed is None:
        # The till's tier table is older than the coupon: refuse rather than guess.
        raise PosError("coupon.tier_unknown", tier=code)
    if member_tier_rank is None or member_tier_rank < needed.rank:
        raise PosError("coupon.tier_too_low", tier_zh=needed.name_zh, tier_en=needed.name_en)
