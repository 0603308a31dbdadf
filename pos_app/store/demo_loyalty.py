"""The demo chain's loyalty data (``contract.demo``) written into the till's store."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from contract.demo import (
    DEMO_KEY_ID,
    DEMO_MEMBERS,
    DEMO_PROMOTIONS,
    DEMO_TIERS,
    demo_lookup_secret,
    demo_private_key,
    wallet_codes,
)
from pos_app.core.promo_codec import promotion_to_dict
from pos_app.core.signed_codes import public_key_to_text
from pos_app.store.members import (
    decode_secret,
    local_member,
    put_lookup_secret,
    put_member_coupons,
    put_members,
    put_tiers,
)
from pos_app.store.promotions import PromotionRecord, put_chain_key, put_promotions


def seed_loyalty(conn: Connection, *, at: str) -> None:
    """Tiers, members (as a till keeps them), promotions, the demo public key and lookup
    secret, in the caller's transaction."""
    put_tiers(conn, DEMO_TIERS)
    secret = demo_lookup_secret()
    put_lookup_secret(conn, secret=secret, at=at)
    put_members(conn, [local_member(m, secret=decode_secret(secret)) for m in DEMO_MEMBERS],
                at=at)
    put_member_coupons(conn, wallet_codes(datetime.fromisoformat(at)), at=at)
    put_promotions(conn, [PromotionRecord(p.promo_id, p.kind, {
        k: v for k, v in promotion_to_dict(p).items() if k not in ("promo_id", "kind")})
        for p in DEMO_PROMOTIONS], at=at)
    put_chain_key(conn, key_id=DEMO_KEY_ID,
                  public_key=public_key_to_text(demo_private_key().public_key()), at=at)
