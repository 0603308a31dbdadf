"""Staff as both sides know them: PIN rules and hashes, badge hashes, the ``staff`` and
``roles`` streams' data (the ``audit.recorded`` event is in ``protocol``).

A PIN is kept only as an argon2id hash (argon2-cffi's RFC 9106 defaults): the cloud hashes
it when HQ sets it, a till when its first-run admin is created, and a till verifies it on a
worker thread (about 50-100 ms, by design). A badge is kept as a SHA-256 hash: the code on
the card is not a secret like a PIN, but the stream and the database need not show it.
"""

from __future__ import annotations

import hashlib
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from pos_app.core.errors import PosError

PIN_DIGITS = (4, 8)
_PIN = re.compile(r"^\d{4,8}$", re.ASCII)
STAFF_CODE = r"^[A-Za-z0-9_-]{1,16}$"
_hasher = PasswordHasher()  # argon2id


def check_pin(pin: str) -> str:
    """The PIN if it is 4 to 8 digits, else ``staff.pin_invalid``."""
    if not isinstance(pin, str) or not _PIN.match(pin):
        raise PosError("staff.pin_invalid", min=PIN_DIGITS[0], max=PIN_DIGITS[1])
    return pin


def hash_pin(pin: str) -> str:
    """An argon2id hash of a valid PIN (a new salt each time)."""
    return _hasher.hash(check_pin(pin))


def verify_pin(pin_hash: str, pin: str) -> bool:
    """True when ``pin`` matches ``pin_hash``; False for a wrong PIN or a broken hash."""
    if not isinstance(pin, str) or not _PIN.match(pin):
        return False
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def badge_hash(code: str) -> str:
    """The hash a badge is found by (the scanned text, trimmed)."""
    return hashlib.sha256(b"staff-badge:" + code.strip().encode("utf-8")).hexdigest()


class _Data(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class StaffData(_Data):
    """A ``staff`` stream row (key: staff_id), this store's staff."""

    code: StrictStr = Field(pattern=STAFF_CODE)
    name: StrictStr = Field(min_length=1, max_length=64)
    role: StrictStr = Field(min_length=1, max_length=32)
    pin_hash: StrictStr = Field(min_length=20, max_length=200)
    badge_hash: StrictStr | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    active: StrictBool = True


class RoleData(_Data):
    """A ``roles`` stream row (key: the role's code), chain-wide."""

    permissions: list[StrictStr] = Field(max_length=64)
    max_discount_bp: StrictInt = Field(ge=0, le=10_000)
