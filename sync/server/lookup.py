"""What tills get of a member: masked phone and name, keyed hashes of the phone and card
number, the birthday's month and day, tier and points. The full data stays in the cloud.

The hashes are keyed with the chain's lookup secret (``member_lookup_key``), made on first
use and published to tills on the ``chain_keys`` stream; a till hashes a typed phone or a
scanned card the same way (``pos_app.core.members.lookup_hash``). The secret is never
rotated: every till would have to pull every member again.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from contract.protocol import MEMBER_LOOKUP_KEY_ID
from pos_app.core.errors import PosError
from pos_app.core.members import (
    birthday_month_day,
    lookup_hash,
    mask_name,
    mask_phone,
    normalize_card,
    normalize_phone,
)
from sync.server.changes import ChangeSet
from sync.server.db import insert_new
from sync.server.tables import member_lookup_key


def _read(conn: Connection) -> str | None:
    value = conn.execute(select(member_lookup_key.c.secret).where(
        member_lookup_key.c.key_id == MEMBER_LOOKUP_KEY_ID)).scalar()
    return str(value) if value is not None else None


def put_lookup_secret(conn: Connection, *, secret: str, now: datetime,
                      changes: ChangeSet) -> str:
    """Make ``secret`` (base64) the chain's lookup secret unless it has one; the secret in
    use. A new one is published on ``changes`` (flushed by the caller)."""
    if insert_new(conn, member_lookup_key, {"key_id": MEMBER_LOOKUP_KEY_ID, "secret": secret,
                                            "created_at": now}):
        changes.upsert("chain_keys", MEMBER_LOOKUP_KEY_ID, {"lookup_secret": secret})
        return secret
    found = _read(conn)  # a concurrent writer made it first
    assert found is not None
    return found


def lookup_secret(conn: Connection, *, now: datetime, changes: ChangeSet) -> bytes:
    """The chain's lookup secret, made (and published on ``changes``) on first use."""
    text = _read(conn) or put_lookup_secret(
        conn, secret=base64.b64encode(secrets.token_bytes(32)).decode(), now=now,
        changes=changes)
    return base64.b64decode(text)


def _phone(text: str) -> str:
    """The phone as a till normalises what the cashier types (an imported number may be
    spelled +86 138-...); a number no till accepts is hashed as it is."""
    try:
        return normalize_phone(text)
    except PosError:
        return text.strip()


def member_data(row: Mapping[Any, Any], secret: bytes) -> dict[str, object]:
    """A member as the ``members`` stream carries it (see ``contract.protocol``)."""
    card = normalize_card(row["card_no"]) if row["card_no"] else ""
    return {"phone_masked": mask_phone(row["phone"]), "name_masked": mask_name(row["name"]),
            "phone_hash": lookup_hash(secret, "phone", _phone(row["phone"])),
            "card_hash": lookup_hash(secret, "card", card) if card else None,
            "birthday_md": birthday_month_day(row["birthday"]), "tier": row["tier"],
            "points_confirmed": int(row["points_balance"])}
