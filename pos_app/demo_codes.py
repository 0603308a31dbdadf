"""Member and coupon codes for demonstrations, signed with the published demo chain key.

``python -m pos_app.demo_codes [--out DIR] [--member M-DEMO-1]`` prints the demo members
with a fresh member code each and a set of demo coupons, and writes one QR PNG per code, to
show on a phone or second screen to a real camera. The demo key is public: these codes
verify only on a till seeded with the demo store (``--demo``), never on a real one.
"""

from __future__ import annotations

import argparse
import io
import secrets
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from contract.demo import DEMO_MEMBERS, demo_private_key
from contract.members import MemberRecord
from pos_app.core.clock import default_now
from pos_app.core.coupons import Coupon, CouponKind, make_coupon_code
from pos_app.core.errors import PosError
from pos_app.core.members import make_member_code, mask_phone, tier_by_code
from pos_app.core.money import Money

MEMBER_CODE_TTL_S = 60
COUPON_VALID_BEFORE = timedelta(days=1)
COUPON_VALID_AFTER = timedelta(days=30)
DEFAULT_OUT = Path("demo_codes")
FREE_ITEM_SKU = "010013"  # 农夫山泉 550ml ¥2.00, barcode 6901012950281
DRINKS = "饮料"


@dataclass(frozen=True, slots=True)
class DemoCoupon:
    """A demo coupon, its signed code, a stable ``tag`` (file names) and an English ``hint``
    saying what basket it applies to."""

    tag: str
    coupon: Coupon
    code: str
    hint: str


def trusts_demo_key(keys: Sequence[Ed25519PublicKey]) -> bool:
    """True on a demo till: one of the chain keys it trusts is the public demo key."""
    demo = demo_private_key().public_key().public_bytes_raw()
    return any(k.public_bytes_raw() == demo for k in keys)


def member_code(member_id: str, *, now: datetime | None = None,
                ttl_s: int = MEMBER_CODE_TTL_S) -> str:
    """A fresh member code for ``member_id`` (valid ``ttl_s`` s), signed with the demo key."""
    return make_member_code(member_id, private_key=demo_private_key(),
                            now=now or default_now(), ttl_s=ttl_s)


def demo_member(member_id: str) -> MemberRecord:
    """The demo member with ``member_id``; KeyError when there is none."""
    for m in DEMO_MEMBERS:
        if m.member_id == member_id:
            return m
    raise KeyError(member_id)


def demo_coupons(now: datetime, *, suffix: str | None = None,
                 member_id: str = "M-DEMO-1") -> list[DemoCoupon]:
    """One valid coupon of each kind plus one bound to ``member_id``, valid from a day
    before ``now`` to 30 days after. Ids end in ``suffix`` (random by default), so each
    call gives coupons not yet redeemed on any till."""
    sfx = suffix if suffix is not None else secrets.token_hex(3).upper()
    start = now.replace(microsecond=0) - COUPON_VALID_BEFORE
    end = now.replace(microsecond=0) + COUPON_VALID_AFTER
    member_name = demo_member(member_id).name or member_id

    def make(tag: str, kind: CouponKind, name: str, value: int, hint: str, *,
             min_spend: int = 0, categories: frozenset[str] = frozenset(),
             skus: frozenset[str] = frozenset(), member: str | None = None) -> DemoCoupon:
        coupon = Coupon(coupon_id=f"DEMO-{tag.upper()}-{sfx}", kind=kind, name=name,
                        value=value, min_spend=Money(min_spend), categories=categories,
                        skus=skus, tier=None, valid_from=start, valid_to=end,
                        member_id=member)
        return DemoCoupon(tag, coupon, make_coupon_code(coupon, private_key=demo_private_key()),
                          hint)

    return [
        make("amount5", "amount_off", "无门槛立减5元", 500, "any basket"),
        make("threshold100", "threshold_off", "满100减15", 1_500, "basket of ¥100 or more",
             min_spend=10_000),
        # The coupon model has no cap on percent coupons.
        make("percent90", "percent_off", "全场9折券", 1_000, "any basket, 10 % off"),
        make("drinks", "category", "饮料满10减3", 300, f"{DRINKS} worth ¥10 or more",
             min_spend=1_000, categories=frozenset({DRINKS})),
        make("water", "free_item", "农夫山泉550ml免费领", 0,
             f"one 农夫山泉 550ml free: SKU {FREE_ITEM_SKU}, barcode 6901012950281",
             skus=frozenset({FREE_ITEM_SKU})),
        make("member", "threshold_off", f"{member_name}专享满50减10", 1_000,
             f"member {member_id} only, basket of ¥50 or more", min_spend=5_000,
             member=member_id),
    ]


def qr_png(code: str, *, scale: int = 8) -> bytes:
    """``code`` as a QR code PNG (EC level M, 4-module quiet zone)."""
    buf = io.BytesIO()
    segno.make(code, error="m", micro=False).save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()


def tier_text(tier_code: str) -> str:
    """``金卡会员 Gold`` for a tier code (the code itself when unknown)."""
    tier = tier_by_code(tier_code)
    return f"{tier.name_zh} {tier.name_en}" if tier else tier_code


def _pad(text: str, width: int) -> str:
    # Chinese characters take two columns in a terminal.
    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - cols, 0)


def _write(path: Path, code: str) -> str:
    path.write_bytes(qr_png(code))
    return str(path)


def run(*, out: Path, members: Sequence[str], now: datetime) -> str:
    """Write the QR PNGs into ``out`` and return the report to print (``now`` in the
    store's zone: the coupons' last day is the store's)."""
    out.mkdir(parents=True, exist_ok=True)
    lines = [f"Demo members — member codes expire in {MEMBER_CODE_TTL_S} s "
             "(re-run to refresh):", ""]
    lines.append(f"  {'id':<10} {'phone':<12} {'tier':<18} {'card':<11} QR file")
    for member_id in members:
        m = demo_member(member_id)
        code = member_code(m.member_id, now=now)
        png = _write(out / f"member-{m.member_id}.png", code)
        lines.append(f"  {m.member_id:<10} {mask_phone(m.phone):<12} "
                     f"{_pad(tier_text(m.tier), 18)} {m.card_no or '-':<11} {png}")
        lines.append(f"      {code}")
    until = (now + COUPON_VALID_AFTER).strftime("%Y-%m-%d")
    lines += ["", f"Demo coupons — valid until {until}, each usable once:", ""]
    for c in demo_coupons(now, member_id=members[0] if members else "M-DEMO-1"):
        png = _write(out / f"coupon-{c.tag}.png", c.code)
        lines.append(f"  {c.coupon.coupon_id:<24} {_pad(c.coupon.name, 22)} {png}  ({c.hint})")
        lines.append(f"      {c.code}")
    lines += ["", "These codes verify only on a demo till (pos --demo): the demo key is public."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line entry."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"folder for the QR PNGs (default {DEFAULT_OUT}/)")
    parser.add_argument("--member", action="append", metavar="ID",
                        choices=[m.member_id for m in DEMO_MEMBERS],
                        help="only this demo member (repeatable; the first one also gets "
                             "the member-only coupon); default all five")
    args = parser.parse_args(argv)
    members = args.member or [m.member_id for m in DEMO_MEMBERS]
    from pos_app.config import load_settings

    try:
        now = load_settings().store_clock().now()
    except PosError as exc:
        from pos_app.ui.messages import error_text

        sys.stderr.write(error_text(exc, "en_US") + "\n")
        return 2
    sys.stdout.write(run(out=args.out, members=members, now=now) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
