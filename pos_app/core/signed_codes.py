"""Ed25519-signed QR payloads (member and coupon codes), verified offline.

A code is ``<PREFIX><payload_b64>.<sig_b64>``: base64url without padding of the canonical
JSON payload (sorted keys, no blanks, UTF-8) and of the 64-byte signature over the prefix
bytes followed by the payload bytes. Signing the prefix too is domain separation: a coupon
can never be replayed as a member code, whatever its payload says.

Compact codes (``MEMBER_COMPACT_PREFIX``) are ``<PREFIX><base32(body + signature)>``: a
binary body, then the same 64-byte signature over prefix + body, in upper-case base32 without
padding. Every character is in the QR alphanumeric set (5.5 bits a character instead of 8 in
byte mode), so the symbol is several versions smaller and a camera reads it from further away.
Both formats are read: codes already shown on phones stay valid.

The prefix is matched case-insensitively, like the scan router does, and the canonical
(upper-case) prefix is what is signed. Expiry is the business of the kind-specific parsers
(``members``, ``coupons``), which get ``now``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from pos_app.core.errors import PosError

MEMBER_PREFIX = "O2OM1:"
COUPON_PREFIX = "O2OC1:"
# Three characters, because each one costs: with a 64-byte signature a QR version 5 symbol at
# ECC M (122 alphanumeric characters) leaves 10 bytes of body after this prefix.
MEMBER_COMPACT_PREFIX = "OM:"
COUPON_COMPACT_PREFIX = "OC:"
# Far above any code we issue (typical ≤ 300) yet small enough to bound the work a
# hostile scan can cause; the issuer refuses to make longer codes.
MAX_CODE_LENGTH = 1024
_SIGNATURE_BYTES = 64
_KEY_BYTES = 32
_B64URL_RE = re.compile(r"[A-Za-z0-9_-]+")
_B64_KEY_RE = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")
_B32_RE = re.compile(r"[A-Z2-7]+")
_PREFIX_RE = re.compile(r"[A-Z0-9]+:")
# Printable ASCII without blanks: ids travel in QR codes, receipts and logs.
_ID_RE = re.compile(r"[\x21-\x7e]+")
# Unix seconds from 1970 to the end of year 9999 (what datetime can hold).
_MAX_UNIX = 253_402_300_799


def malformed(reason: str) -> PosError:
    """The ``code.malformed`` error; ``reason`` says what was wrong (for the log)."""
    return PosError("code.malformed", reason=reason)


def canonical_json(payload: Mapping[str, object]) -> bytes:
    """The signed bytes of ``payload``: sorted keys, no blanks, UTF-8, no NaN."""
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _b64url_encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes | None:
    if not _B64URL_RE.fullmatch(text) or len(text) % 4 == 1:
        return None
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    # Only the canonical spelling is accepted, so one signed code has exactly one text.
    return raw if _b64url_encode(raw) == text else None


def _check_prefix(prefix: str) -> bytes:
    if not _PREFIX_RE.fullmatch(prefix):
        raise ValueError(f"code prefix must be upper-case ASCII ending in ':', got {prefix!r}")
    return prefix.encode("ascii")


def sign_code(prefix: str, payload: Mapping[str, object], private_key: Ed25519PrivateKey) -> str:
    """Sign ``payload`` under ``prefix``; ValueError if the code would exceed the length cap."""
    prefix_bytes = _check_prefix(prefix)
    body = canonical_json(payload)
    signature = private_key.sign(prefix_bytes + body)
    code = f"{prefix}{_b64url_encode(body)}.{_b64url_encode(signature)}"
    if len(code) > MAX_CODE_LENGTH:
        raise ValueError(f"signed code is {len(code)} characters, over {MAX_CODE_LENGTH}")
    return code


def _b32_encode(raw: bytes) -> str:
    return base64.b32encode(raw).rstrip(b"=").decode("ascii")


def _b32_decode(text: str) -> bytes | None:
    upper = text.upper()  # a wedge scanner under Caps Lock flips case
    if not _B32_RE.fullmatch(upper):
        return None
    try:
        raw = base64.b32decode(upper + "=" * (-len(upper) % 8))
    except binascii.Error:
        return None
    # Only the canonical spelling (unused bits zero), so one signed code has one text.
    return raw if _b32_encode(raw) == upper else None


def sign_compact(prefix: str, body: bytes, private_key: Ed25519PrivateKey) -> str:
    """A compact code: ``prefix`` and base32 of ``body`` + its signature over prefix + body."""
    prefix_bytes = _check_prefix(prefix)
    if not body:
        raise ValueError("a compact code needs a body")
    code = prefix + _b32_encode(body + private_key.sign(prefix_bytes + body))
    if len(code) > MAX_CODE_LENGTH:
        raise ValueError(f"signed code is {len(code)} characters, over {MAX_CODE_LENGTH}")
    return code


def verify_compact(text: str, *, prefix: str, public_keys: Sequence[Ed25519PublicKey]) -> bytes:
    """The body of a compact code signed by any of ``public_keys``; errors as ``verify_code``."""
    prefix_bytes = _check_prefix(prefix)
    if not public_keys:
        raise PosError("code.no_public_key")
    code = text.strip()
    if len(code) > MAX_CODE_LENGTH:
        raise malformed("too_long")
    head = code[: len(prefix)]
    if not head.isascii() or head.upper() != prefix:
        raise malformed("prefix")
    raw = _b32_decode(code[len(prefix) :])
    if raw is None:
        raise malformed("base32")
    if len(raw) <= _SIGNATURE_BYTES:
        raise malformed("signature_length")
    body, signature = raw[:-_SIGNATURE_BYTES], raw[-_SIGNATURE_BYTES:]
    if not any(_verifies(key, signature, prefix_bytes + body) for key in public_keys):
        raise PosError("code.forged")
    return body


def has_prefix(text: str, prefix: str) -> bool:
    """True when ``text`` (stripped) starts with ``prefix`` in any case."""
    head = text.strip()[: len(prefix)]
    return head.isascii() and head.upper() == prefix


def _reject_constant(name: str) -> object:
    raise ValueError(f"JSON constant {name} is not allowed")


def verify_code(
    text: str, *, prefix: str, public_keys: Sequence[Ed25519PublicKey]
) -> dict[str, object]:
    """The payload of a code signed by any of ``public_keys`` (several during key rotation).

    Raises ``code.no_public_key`` when the till has no key, ``code.malformed`` when the text
    is not such a code, ``code.forged`` when no key verifies the signature.
    """
    prefix_bytes = _check_prefix(prefix)
    if not public_keys:
        raise PosError("code.no_public_key")
    code = text.strip()
    if len(code) > MAX_CODE_LENGTH:
        raise malformed("too_long")
    head = code[: len(prefix)]
    if not head.isascii() or head.upper() != prefix:
        raise malformed("prefix")
    payload_b64, dot, sig_b64 = code[len(prefix) :].partition(".")
    if not dot:
        raise malformed("no_signature")
    body = _b64url_decode(payload_b64)
    signature = _b64url_decode(sig_b64)
    if body is None or signature is None:
        raise malformed("base64")
    if len(signature) != _SIGNATURE_BYTES:
        raise malformed("signature_length")
    message = prefix_bytes + body
    if not any(_verifies(key, signature, message) for key in public_keys):
        raise PosError("code.forged")
    # Parsed only after the signature holds: unauthenticated bytes never reach the decoder.
    try:
        payload = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise malformed("json") from None
    if not isinstance(payload, dict):
        raise malformed("not_an_object")
    return payload


def _verifies(key: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    try:
        key.verify(signature, message)
    except InvalidSignature:
        return False
    return True


# --- payload fields ---------------------------------------------------------------------


def read_id(payload: Mapping[str, object], key: str, *, max_len: int = 64) -> str:
    """A required id field: printable ASCII without blanks, 1..``max_len`` characters."""
    value = payload.get(key)
    if not isinstance(value, str) or len(value) > max_len or not _ID_RE.fullmatch(value):
        raise malformed(f"field_{key}")
    return value


def read_text(payload: Mapping[str, object], key: str, *, max_len: int) -> str:
    """A required display text field: printable, 1..``max_len`` characters."""
    value = payload.get(key)
    if (
        not isinstance(value, str)
        or not 0 < len(value) <= max_len
        or not value.isprintable()
        or value != value.strip()
    ):
        raise malformed(f"field_{key}")
    return value


def read_int(payload: Mapping[str, object], key: str, *, lo: int, hi: int) -> int:
    """A required integer field in ``lo..hi`` (JSON booleans and floats are refused)."""
    value = payload.get(key)
    if type(value) is not int or not lo <= value <= hi:
        raise malformed(f"field_{key}")
    return value


def read_time(payload: Mapping[str, object], key: str) -> datetime:
    """A required Unix-seconds field as an aware UTC datetime."""
    return datetime.fromtimestamp(read_int(payload, key, lo=0, hi=_MAX_UNIX), tz=UTC)


def unix_seconds(moment: datetime) -> int:
    """Whole Unix seconds of an aware datetime (ValueError if naive or not whole seconds)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetimes in signed codes must be timezone-aware")
    if moment.microsecond:
        raise ValueError("datetimes in signed codes must be whole seconds")
    return int(moment.timestamp())


def require_aware(moment: datetime) -> datetime:
    """``moment`` itself; ValueError when naive (a naive ``now`` would compare wrongly)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return moment


# --- ids in compact bodies -------------------------------------------------------------

ID_ASCII, ID_DIGITS, ID_BASE40 = 0, 1, 2
# Upper-case ids pack into 5.3 bits a character; digit 0 is kept free so the length is implied.
_ID40 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-._"


def _int_bytes(value: int) -> bytes:
    return value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big")


def pack_id(value: str) -> tuple[int, bytes]:
    """The shortest packing of an id (``read_id`` rules) as (kind, bytes); ValueError if not
    an id."""
    try:
        read_id({"i": value}, "i")
    except PosError:
        raise ValueError(f"not an id: {value!r}") from None
    options = [(ID_ASCII, value.encode("ascii"))]
    if value.isdigit():  # a leading 1 keeps leading zeros
        options.append((ID_DIGITS, _int_bytes(int("1" + value))))
    if all(c in _ID40 for c in value):
        number = 0
        for c in reversed(value):
            number = number * 40 + _ID40.index(c) + 1
        options.append((ID_BASE40, _int_bytes(number)))
    return min(options, key=lambda o: (len(o[1]), o[0]))


def unpack_id(kind: int, raw: bytes) -> str:
    """The id ``pack_id`` packed; ``code.malformed`` unless ``raw`` is its exact packing."""
    number = int.from_bytes(raw, "big")
    value = ""
    if kind == ID_ASCII and raw.isascii():
        value = raw.decode("ascii")
    elif kind == ID_DIGITS and raw and str(number).startswith("1"):
        value = str(number)[1:]
    elif kind == ID_BASE40:
        while number and len(value) <= 64:
            number, digit = divmod(number, 40)
            if digit == 0:
                break
            value += _ID40[digit - 1]
    try:
        if pack_id(value) == (kind, raw):
            return value
    except ValueError:
        pass
    raise malformed("field_id")


# --- keys as text (raw 32 bytes, base64) -------------------------------------------------


def _key_bytes(text: str, what: str) -> bytes:
    compact = text.strip()
    if not _B64_KEY_RE.fullmatch(compact):
        raise PosError("code.key_invalid", what=what)
    # Standard and URL-safe alphabets, padded or not: keys are pasted by people.
    std = compact.rstrip("=").replace("-", "+").replace("_", "/")
    try:
        raw = base64.b64decode(std + "=" * (-len(std) % 4), validate=True)
    except binascii.Error:
        raise PosError("code.key_invalid", what=what) from None
    if len(raw) != _KEY_BYTES:
        raise PosError("code.key_invalid", what=what)
    return raw


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """A public key from its base64 text; ``code.key_invalid`` if it is not one."""
    raw = _key_bytes(text, "public")
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise PosError("code.key_invalid", what="public") from None


def public_key_to_text(key: Ed25519PublicKey) -> str:
    """The raw 32-byte public key in standard base64 (44 characters)."""
    return base64.b64encode(key.public_bytes_raw()).decode("ascii")


def private_key_from_text(text: str) -> Ed25519PrivateKey:
    """A private key from its base64 text; ``code.key_invalid`` (never echoing the text)."""
    raw = _key_bytes(text, "private")
    try:
        return Ed25519PrivateKey.from_private_bytes(raw)
    except ValueError:
        raise PosError("code.key_invalid", what="private") from None


def private_key_to_text(key: Ed25519PrivateKey) -> str:
    """The raw 32-byte private key (seed) in standard base64; keep it secret."""
    return base64.b64encode(key.private_bytes_raw()).decode("ascii")


def new_private_key() -> Ed25519PrivateKey:
    """A fresh random signing key (for the cloud, the demo and tests; never on a till)."""
    return Ed25519PrivateKey.generate()
