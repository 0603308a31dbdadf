"""The one scan router: what a scanned or typed string is, whatever device it came from.

``classify_scan(text, rules)`` never raises. It strips surrounding blanks, then checks, in
this order (the first match wins):

1. ``UNREADABLE`` — empty, longer than ``rules.max_length``, or containing non-printable
   characters (control bytes from a misconfigured scanner).
2. Scheme-prefixed QR payloads (prefix matched case-insensitively, because a wedge scanner
   under Caps Lock flips case; the payload is kept as scanned and must be non-empty with no
   blanks, else ``UNREADABLE``):
   - ``MEMBER``  ``OM:<token>`` (compact) or ``O2OM1:<token>`` (the JSON format before it)
   - ``COUPON``  ``OC:<token>`` (compact) or ``O2OC1:<token>``
   - ``PICKUP``  ``O2OP1:<token>``
3. ASCII digits only:
   - ``PAYMENT`` — a customer payment code (付款码): 18 digits, WeChat prefixes 10–15,
     Alipay 25–30 (``tenders.payment_code_kind``; prefixes configurable). Checked before
     scale labels, so a payment code is never sold as a product.
   - ``SCALE`` — a variable-measure label matching one of ``rules.scale_rules`` with a valid
     check digit (``scale`` holds the decoded label).
   - ``PRODUCT`` — a GTIN-8/12/13/14 with a valid check digit.
   - ``INVALID_GTIN`` — a GTIN length or scale-label match whose check digit is wrong.
   - otherwise ``SKU`` (a PLU or an internal code of another length).
4. ``PICKUP`` — ``PU`` + exactly 8 digits (``value`` is the 8 digits), an online-order code.
5. ``STAFF_BADGE`` — ``STF`` + 1 to 12 digits (``value`` is the digits).
6. ``RECEIPT`` — a receipt number ``STORE-TERMINAL-SEQ`` (e.g. ``S001-T01-000042``, as made
   by ``sale.receipt_number``): store and terminal codes of 1–16 ASCII letters/digits,
   ``SEQ`` at least 6 digits; used for returns (``receipt`` holds the parts).
7. ``SKU`` — any other text of at most 64 characters without blanks (SKUs are looked up by
   barcode, then by SKU, like today).
8. ``UNKNOWN`` — anything else (text with blanks, or too long for a SKU).

Prefixes, digit counts and wallet prefixes live in the frozen ``ScanRules``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pos_app.core.barcode import (
    DEFAULT_SCALE_RULES,
    GTIN_LENGTHS,
    ScaleCode,
    ScaleRule,
    has_valid_check_digit,
    parse_scale_barcode,
)
from pos_app.core.errors import PosError
from pos_app.core.tenders import (
    ALIPAY_PREFIXES,
    WECHAT_PREFIXES,
    PaymentCodeKind,
    payment_code_kind,
)

MAX_SKU_LENGTH = 64
_CODE_PART = r"[A-Za-z0-9]{1,16}"
_RECEIPT_RE = re.compile(rf"^({_CODE_PART})-({_CODE_PART})-([0-9]{{6,}})$")


class ScanKind(StrEnum):
    """What a scanned string is."""

    PRODUCT = "product"
    INVALID_GTIN = "invalid_gtin"
    SCALE = "scale"
    MEMBER = "member"
    COUPON = "coupon"
    PAYMENT = "payment"
    PICKUP = "pickup"
    RECEIPT = "receipt"
    STAFF_BADGE = "staff_badge"
    SKU = "sku"
    UNREADABLE = "unreadable"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ScanRules:
    """The formats the router recognises (a store may change prefixes and scale rules)."""

    scale_rules: tuple[ScaleRule, ...] = DEFAULT_SCALE_RULES
    wechat_prefixes: tuple[str, ...] = WECHAT_PREFIXES
    alipay_prefixes: tuple[str, ...] = ALIPAY_PREFIXES
    member_prefix: str = "O2OM1:"
    member_compact_prefix: str = "OM:"
    coupon_prefix: str = "O2OC1:"
    coupon_compact_prefix: str = "OC:"
    pickup_prefix: str = "O2OP1:"
    pickup_short_prefix: str = "PU"
    pickup_digits: int = 8
    staff_prefix: str = "STF"
    staff_max_digits: int = 12
    max_length: int = 2048

    def __post_init__(self) -> None:
        prefixes = (self.member_prefix, self.member_compact_prefix, self.coupon_prefix,
                    self.coupon_compact_prefix, self.pickup_prefix)
        if any(not p for p in prefixes) or len({p.upper() for p in prefixes}) != len(prefixes):
            raise ValueError("QR scheme prefixes must be non-empty and distinct")
        for p in (self.pickup_short_prefix, self.staff_prefix):
            if not p or not p.isascii() or not p.isalpha():
                raise ValueError(f"code prefix must be ASCII letters, got {p!r}")
        if self.pickup_digits < 1 or self.staff_max_digits < 1 or self.max_length < 1:
            raise ValueError("digit counts and max_length must be positive")


DEFAULT_SCAN_RULES = ScanRules()


@dataclass(frozen=True, slots=True)
class ReceiptRef:
    """The parts of a scanned receipt number."""

    store_code: str
    terminal_code: str
    seq: int


@dataclass(frozen=True, slots=True)
class Scan:
    """A classified scan: ``code`` is the stripped text; ``value`` the payload of its kind.

    ``value``: the token (member/coupon/``O2OP1:`` pickup), the digits (``PU`` pickup, staff
    badge), the receipt number, or the code itself for product kinds.
    """

    kind: ScanKind
    code: str
    value: str = ""
    scale: ScaleCode | None = None
    wallet: PaymentCodeKind | None = None
    receipt: ReceiptRef | None = None


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _has_prefix(text: str, prefix: str) -> bool:
    return text[: len(prefix)].upper() == prefix.upper()


def _token(kind: ScanKind, code: str, prefix: str) -> Scan:
    token = code[len(prefix) :]
    if not token or any(c.isspace() for c in token):
        return Scan(ScanKind.UNREADABLE, code)
    return Scan(kind, code, token)


def _numeric(code: str, rules: ScanRules) -> Scan:
    wallet = payment_code_kind(code, rules.wechat_prefixes, rules.alipay_prefixes)
    if wallet is not None:
        return Scan(ScanKind.PAYMENT, code, code, wallet=wallet)
    try:
        label = parse_scale_barcode(code, rules.scale_rules)
    except PosError:
        return Scan(ScanKind.INVALID_GTIN, code, code)
    if label is not None:
        return Scan(ScanKind.SCALE, code, code, scale=label)
    if len(code) in GTIN_LENGTHS:
        kind = ScanKind.PRODUCT if has_valid_check_digit(code) else ScanKind.INVALID_GTIN
        return Scan(kind, code, code)
    return Scan(ScanKind.SKU, code, code)


def classify_scan(text: str, rules: ScanRules = DEFAULT_SCAN_RULES) -> Scan:
    """Classify a scanned or typed string (see the module docstring); never raises."""
    code = text.strip()
    if not code or len(code) > rules.max_length or not code.isprintable():
        return Scan(ScanKind.UNREADABLE, code)
    for kind, prefix in (
        (ScanKind.MEMBER, rules.member_prefix),
        (ScanKind.MEMBER, rules.member_compact_prefix),
        (ScanKind.COUPON, rules.coupon_prefix),
        (ScanKind.COUPON, rules.coupon_compact_prefix),
        (ScanKind.PICKUP, rules.pickup_prefix),
    ):
        if _has_prefix(code, prefix):
            return _token(kind, code, prefix)
    if _digits(code):
        return _numeric(code, rules)
    short = rules.pickup_short_prefix
    rest = code[len(short) :]
    if _has_prefix(code, short) and len(rest) == rules.pickup_digits and _digits(rest):
        return Scan(ScanKind.PICKUP, code, rest)
    rest = code[len(rules.staff_prefix) :]
    if (_has_prefix(code, rules.staff_prefix) and _digits(rest)
            and len(rest) <= rules.staff_max_digits):
        return Scan(ScanKind.STAFF_BADGE, code, rest)
    m = _RECEIPT_RE.match(code)
    if m:
        ref = ReceiptRef(m.group(1), m.group(2), int(m.group(3)))
        return Scan(ScanKind.RECEIPT, code, code, receipt=ref)
    if len(code) <= MAX_SKU_LENGTH and not any(c.isspace() for c in code):
        return Scan(ScanKind.SKU, code, code)
    return Scan(ScanKind.UNKNOWN, code)
