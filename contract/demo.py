"""The demo chain, which the till's demo (``pos_app.store.demo``) and the cloud's
(``sync.server.seed``) both start from: store S001 with its catalog file and opening stock,
tiers, five members (one per tier), promotions over the demo catalog, wallet coupons, and a
demo chain key so the demo can sign member and coupon codes.

The demo key is derived from a fixed, published seed: it is NOT a secret and signs nothing
real. A real chain's keys come from the cloud (the private key never leaves it).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contract.members import MemberRecord, TierRecord
from contract.staff import StaffData, badge_hash, hash_pin
from pos_app.core.coupons import Coupon, CouponKind, make_coupon_code
from pos_app.core.members import DEFAULT_TIERS
from pos_app.core.money import Money
from pos_app.core.promotions import Promotion, Target, Validity
from pos_app.core.store_info import StoreInfo

DEMO_CSV = Path(__file__).resolve().parents[1] / "resources" / "demo" / "products.csv"
DEMO_STORE = StoreInfo(
    store_code="S001",
    store_name="O2O 超市 · 旗舰店",
    store_address="上海市浦东新区世纪大道 100 号",
    terminal_code="T01",
    tax_mode="inclusive",
    cash_rounding="none",
    footer="谢谢惠顾，欢迎再次光临！ Thank you, come again!",
)
OPENING_WEIGHED_G = 50_000


# The demo chain's other stores (no tills of their own in the demo): what the till shows as
# 附近门店库存, the stock of a product in the chain's other stores.
DEMO_NEIGHBOURS: tuple[tuple[str, str, str], ...] = (
    ("S002", "O2O 超市 · 徐汇店", "上海市徐汇区漕溪北路 88 号"),
    ("S003", "O2O 超市 · 静安店", "上海市静安区南京西路 1266 号"),
)


def neighbour_qty(store_no: int, n: int, is_weighed: bool) -> int:
    """The opening stock of the ``n``-th demo product in neighbour ``store_no`` (1, 2):
    deterministic, some products sold out there."""
    if (n + store_no) % 5 == 0:
        return 0
    return OPENING_WEIGHED_G // (store_no + 1) if is_weighed else (n * (11 + 6 * store_no)) % 60


def opening_qty(n: int, is_weighed: bool) -> int:
    """The demo's opening stock of its ``n``-th product (grams when weighed): the same on the
    till and in the cloud, so both start from one balance."""
    # Varied but deterministic, so demo screens and tests are reproducible.
    return OPENING_WEIGHED_G if is_weighed else 24 + (n * 37) % 177


# The demo store's staff (cloud ids, so the cloud's rows replace the till's seed): their
# PINs are public, shown on the sign-in screen of a demo till only. Badge: scan the code.
@dataclass(frozen=True, slots=True)
class DemoStaff:
    staff_id: str
    code: str
    name: str
    role: str
    pin: str
    badge: str


DEMO_STAFF = (
    DemoStaff("demo-staff-cashier", "1001", "王芳", "cashier", "1111", "STF1001"),
    DemoStaff("demo-staff-supervisor", "2001", "李强", "supervisor", "2222", "STF2001"),
    DemoStaff("demo-staff-manager", "3001", "张敏", "manager", "3333", "STF3001"),
)


def demo_staff_data() -> list[tuple[str, StaffData]]:
    """The demo staff as ``staff`` stream rows (PINs hashed now: a new salt each time)."""
    return [(s.staff_id, StaffData(code=s.code, name=s.name, role=s.role,
                                   pin_hash=hash_pin(s.pin), badge_hash=badge_hash(s.badge)))
            for s in DEMO_STAFF]


DEMO_KEY_ID = "demo-2026"
_DEMO_SEED = b"o2o-pos demo chain key - public, for demonstrations only"
MEMBER_TIERS = frozenset(t.code for t in DEFAULT_TIERS)
SILVER_UP = frozenset({"silver", "gold", "platinum", "diamond"})

DEMO_TIERS = tuple(TierRecord(
    code=t.code, rank=t.rank, name_zh=t.name_zh, name_en=t.name_en,
    discount_bp=t.discount_bp, points_multiplier_bp=t.points_multiplier_bp,
    birthday_bonus_points=t.birthday_bonus_points,
    birthday_discount_bp=t.birthday_discount_bp, qualify_spend_fen=t.qualify_spend_fen,
    qualify_points=t.qualify_points) for t in DEFAULT_TIERS)

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
_WALLET: tuple[tuple[str, str, CouponKind, str, int, int, tuple[str, ...]], ...] = (
    ("W-DEMO-1-MJ15", "M-DEMO-1", "threshold_off", "会员券 满100减15", 1_500, 10_000, ()),
    ("W-DEMO-1-DRINK", "M-DEMO-1", "category", "饮料立减3元", 300, 1_000, ("饮料",)),
    ("W-DEMO-5-95", "M-DEMO-5", "percent_off", "钻石会员95折券", 500, 0, ()),
)


def wallet_codes(at: datetime) -> list[tuple[str, str, str]]:
    """(coupon_id, member_id, code) of the demo wallets, valid for a year from ``at``."""
    start = at.replace(microsecond=0) - timedelta(days=1)
    rows = []
    for coupon_id, member_id, kind, name, value, min_spend, categories in _WALLET:
        coupon = Coupon(coupon_id=coupon_id, kind=kind, name=name,
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
