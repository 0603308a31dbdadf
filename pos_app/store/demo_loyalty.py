"""Demo loyalty data: tiers, five members (one per tier), promotions over the demo catalog, and
a demo chain key so the demo can sign member and coupon codes.

The demo key is derived from a fixed, published seed: it is NOT a secret and signs nothing
real. A real chain's keys come from the cloud (the private key never leaves it).
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime, time, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection

from pos_app.core.coupons import Coupon, make_coupon_code
from pos_app.core.members import DEFAULT_TIERS
from pos_app.core.money import Money
from pos_app.core.promo_codec import promotion_to_dict
from pos_app.core.promotions import Promotion, Target, Validity
from pos_app.core.signed_codes import public_key_to_text
from pos_app.store.members import (
    MemberRecord,
    TierRecord,
    decode_secret,
    local_member,
    put_lookup_secret,
    put_member_coupons,
    put_members,
    put_tiers,
)
from pos_app.store.promotions import PromotionRecord, put_chain_key, put_promotions

DEMO_KEY_ID = "demo-2026"
_DEMO_SEED = b"o2o-pos demo chain key - public, for demonstrations only"
MEMBER_TIERS = frozenset(t.code for t in DEFAULT_TIERS)
SILVER_UP = frozenset({"silver", "gold", "platinum", "diamond"})

DEMO_MEMBERS = (
    MemberRecord("M-DEMO-1", "13800138000", "张伟", "gold", "8800000001", "1985-06-15", 3_200),
    MemberRecord("M-DEMO-2", "13912345678", "李娜", "silver", "8800000002", "1990-11-22", 860),
    MemberRecord("M-DEMO-3", "13700001111", "王芳", "regular", "8800000003", None, 120),
    MemberRecord("M-DEMO-4", "13600002222", "刘洋", "platinum", "8800000004", "1980-02-29",
                 15_800),
    MemberRecord("M-DEMO-5", "13500003333", "陈静", "diamond", "8800000005", "1988-08-08",
                 52_000),
)

DEMO_PROMOTIONS = (
    Promotion(promo_id="P-DRINK-2ND", name="饮料第二件半价", kind="nth_item",
              target=Target(categories=frozenset({"饮料"})), qty=2, percent_bp=5_000),
    Promotion(promo_id="P-COKE-3FOR7", name="可口可乐任选3件7元", kind="n_for_price",
              target=Target(brands=frozenset({"可口可乐"})), qty=3, price=Money(700),
              priority=10),
    Promotion(promo_id="P-SNACK-90", name="零食9折", kind="percent_off",
              target=Target(categories=frozenset({"零食"})), percent_bp=1_000),
    Promotion(promo_id="P-NOODLE-B2G1", name="红烧牛肉面买2送1", kind="buy_x_get_y",
              target=Target(skus=frozenset({"030001"})), qty=2, get_qty=1),
    Promotion(promo_id="P-MILK-MEMBER", name="特仑苏会员价", kind="member_price",
              target=Target(skus=frozenset({"040009"})), tiers=SILVER_UP,
              tier_prices=(("silver", Money(5_990)), ("gold", Money(5_690)),
                           ("platinum", Money(5_490)), ("diamond", Money(5_290)))),
    Promotion(promo_id="P-EGG-FLASH", name="鸡蛋限时抢购", kind="flash_price",
              target=Target(skus=frozenset({"100001"})), price=Money(1_990),
              limit_per_member=2, validity=Validity(hours=(time(7, 0), time(23, 0)))),
    Promotion(promo_id="P-FRUIT-MEMBER", name="会员水果88折", kind="percent_off",
              target=Target(categories=frozenset({"水果"})), percent_bp=1_200,
              tiers=MEMBER_TIERS),
    Promotion(promo_id="P-BEER-80", name="青岛啤酒8折（不与其他优惠同享）", kind="percent_off",
              target=Target(brands=frozenset({"青岛啤酒"})), percent_bp=2_000,
              stacking="exclusive"),
    Promotion(promo_id="P-MANJIAN", name="每满100减10", kind="threshold_off",
              threshold=Money(10_000), amount=Money(1_000), repeat=True, cap=Money(5_000),
              stacking="stackable"),
    Promotion(promo_id="P-GIFT-200", name="满200赠清风湿巾", kind="threshold_gift",
              threshold=Money(20_000), gift_sku="060017", stacking="stackable"),
    Promotion(promo_id="P-WEEKEND-2X", name="周末会员双倍积分", kind="points_multiplier",
              multiplier_bp=20_000, tiers=MEMBER_TIERS,
              validity=Validity(weekdays=frozenset({5, 6}))),
    Promotion(promo_id="P-XMAS", name="圣诞季日用品85折", kind="percent_off",
              target=Target(categories=frozenset({"日用品"})), percent_bp=1_500,
              validity=Validity(starts=datetime.fromisoformat("2026-12-20T00:00:00+08:00"),
                                ends=datetime.fromisoformat("2026-12-26T00:00:00+08:00"))),
)


# Wallet coupons (id, member, kind, name, value, minimum spend fen, categories).
_WALLET = (
    ("W-DEMO-1-MJ15", "M-DEMO-1", "threshold_off", "会员券 满100减15", 1_500, 10_000, ()),
    ("W-DEMO-1-DRINK", "M-DEMO-1", "category", "饮料立减3元", 300, 1_000, ("饮料",)),
    ("W-DEMO-5-95", "M-DEMO-5", "percent_off", "钻石会员95折券", 500, 0, ()),
)


def wallet_codes(at: datetime) -> list[tuple[str, str, str]]:
    """(coupon_id, member_id, code) of the demo wallets, valid for a year from ``at``."""
    start = at.replace(microsecond=0) - timedelta(days=1)
    rows = []
    for coupon_id, member_id, kind, name, value, min_spend, categories in _WALLET:
        coupon = Coupon(coupon_id=coupon_id, kind=kind, name=name,  # type: ignore[arg-type]
                        value=value, min_spend=Money(min_spend),
                        categories=frozenset(categories), skus=frozenset(), tier=None,
                        valid_from=start, valid_to=start + timedelta(days=366),
                        member_id=member_id)
        rows.append((coupon_id, member_id,
                     make_coupon_code(coupon, private_key=demo_private_key())))
    return rows


def demo_private_key() -> Ed25519PrivateKey:
    """The demo chain's signing key (deterministic; for the demo and tests only)."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(_DEMO_SEED).digest())


def demo_lookup_secret() -> str:
    """The demo chain's member lookup secret, base64 (derived from the published demo seed:
    public, like the demo key; a real chain's comes from its cloud)."""
    return base64.b64encode(hashlib.sha256(_DEMO_SEED + b" member lookup").digest()).decode()


def seed_loyalty(conn: Connection, *, at: str) -> None:
    """Tiers, members (as a till keeps them), promotions, the demo public key and lookup
    secret, in the caller's transaction."""
    put_tiers(conn, [TierRecord(
        code=t.code, rank=t.rank, name_zh=t.name_zh, name_en=t.name_en,
        discount_bp=t.discount_bp, points_multiplier_bp=t.points_multiplier_bp,
        birthday_bonus_points=t.birthday_bonus_points,
        birthday_discount_bp=t.birthday_discount_bp, qualify_spend_fen=t.qualify_spend_fen,
        qualify_points=t.qualify_points) for t in DEFAULT_TIERS])
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
