"""Demo member and coupon codes: they verify with the demo key, work on a demo till, and the
CLI writes QR images a camera reads back."""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import cv2
import pytest
import zxingcpp
from sqlalchemy import Engine

from contract.demo import DEMO_MEMBERS, demo_private_key
from drivers.camera.capture import to_gray
from drivers.camera.decoders import make_decoder
from drivers.sim.qr_frames import make_frame
from pos_app import demo_codes
from pos_app.core.clock import default_now
from pos_app.core.coupons import COUPON_KINDS, parse_coupon_code
from pos_app.core.members import parse_member_code
from pos_app.core.money import Money
from pos_app.services.checkout import CheckoutService
from pos_app.store import terminal

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=CST)  # a Wednesday: no weekend promotions
PUBLIC_KEYS = [demo_private_key().public_key()]
TELUNSU = "6901132453082"  # 蒙牛特仑苏 ¥65.00 (gold member price ¥56.90)
WATER_4L = "6921014108664"  # 农夫山泉 4L ¥9.50, 饮料
WATER_550 = "6901012950281"  # 农夫山泉 550ml ¥2.00, the free item


def make_checkout(engine: Engine) -> CheckoutService:
    ticks = itertools.count(1)
    uuids = (f"00000000-0000-4000-8000-{n:012d}" for n in itertools.count(1))
    return CheckoutService(
        engine=engine, store_info=terminal.get_store_info(engine=engine), cashier="张三",
        clock=lambda: NOW + timedelta(milliseconds=next(ticks)),
        new_uuid=lambda: next(uuids), sleep=lambda _s: None,
    )


def test_member_code_verifies_with_the_demo_key_for_60_seconds() -> None:
    code = demo_codes.member_code("M-DEMO-1", now=NOW)
    parsed = parse_member_code(code, public_keys=PUBLIC_KEYS, now=NOW)
    assert parsed.member_id == "M-DEMO-1"
    assert parsed.expires_at - parsed.issued_at == timedelta(seconds=60)


def test_member_code_identifies_the_member_on_a_demo_till(engine: Engine) -> None:
    checkout = make_checkout(engine)
    outcome = checkout.scan(demo_codes.member_code("M-DEMO-1", now=NOW))
    assert outcome.status == "member"
    assert checkout.sale.member is not None and checkout.sale.member.name_masked == "张*"


def test_demo_coupons_cover_every_kind_with_fresh_ids() -> None:
    coupons = demo_codes.demo_coupons(NOW)
    assert {c.coupon.kind for c in coupons} == set(COUPON_KINDS)
    assert [c.coupon.member_id for c in coupons if c.coupon.member_id] == ["M-DEMO-1"]
    ids = [c.coupon.coupon_id for c in coupons]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {c.coupon.coupon_id for c in demo_codes.demo_coupons(NOW)}
    for c in coupons:
        assert parse_coupon_code(c.code, public_keys=PUBLIC_KEYS) == c.coupon
        assert c.coupon.valid_from == NOW - timedelta(days=1)
        assert c.coupon.valid_to == NOW + timedelta(days=30)
        assert re.search(r"[\u4e00-\u9fff]", c.coupon.name)


# tag → (member scanned first, basket barcodes, fen the coupon takes off)
BASKETS = {
    "amount5": (None, [TELUNSU], 500),
    "threshold100": (None, [TELUNSU, TELUNSU], 1_500),
    "percent90": (None, [TELUNSU], 650),
    "drinks": (None, [WATER_4L, WATER_4L], 300),
    "water": (None, [WATER_550, TELUNSU], 200),
    "member": ("M-DEMO-1", [TELUNSU], 1_000),
}


def test_every_demo_coupon_has_a_basket() -> None:
    assert {c.tag for c in demo_codes.demo_coupons(NOW)} == set(BASKETS)


@pytest.mark.parametrize("tag", sorted(BASKETS))
def test_demo_coupon_is_accepted_on_a_suitable_basket(engine: Engine, tag: str) -> None:
    member, basket, off = BASKETS[tag]
    checkout = make_checkout(engine)
    if member is not None:
        assert checkout.scan(demo_codes.member_code(member, now=NOW)).status == "member"
    for code in basket:
        assert checkout.scan(code).ok
    before = checkout.current().priced.totals.total
    coupon = next(c for c in demo_codes.demo_coupons(NOW) if c.tag == tag)
    outcome = checkout.scan(coupon.code)
    assert outcome.status == "coupon", outcome
    assert checkout.current().priced.totals.total == before - Money(off)


def test_member_coupon_is_refused_without_its_member(engine: Engine) -> None:
    checkout = make_checkout(engine)
    checkout.scan(TELUNSU)
    coupon = next(c for c in demo_codes.demo_coupons(NOW) if c.tag == "member")
    assert checkout.scan(coupon.code).key == "coupon.needs_member"


def test_every_demo_code_reads_from_the_simulated_camera() -> None:
    decoder = make_decoder("zxing")
    codes = [demo_codes.member_code(m.member_id, now=NOW) for m in DEMO_MEMBERS]
    codes += [c.code for c in demo_codes.demo_coupons(NOW)]
    for code in codes:
        assert decoder.decode(to_gray(make_frame(code, "plain", seed=0))) == [code]


def test_cli_prints_codes_and_writes_pngs_that_decode_to_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert demo_codes.main(["--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "expire in 60 s" in out and "138****8000" in out and "8800000001" in out
    printed = set(re.findall(r"(?:OM|OC):\S+", out))
    pngs = sorted(tmp_path.glob("*.png"))
    assert len(pngs) == len(DEMO_MEMBERS) + len(BASKETS) == len(printed)
    decoded = set()
    for png in pngs:
        image = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
        # QR only: a QR symbol's modules can also read as a stray 1D code now and then.
        [found] = zxingcpp.read_barcodes(
            image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
        decoded.add(found.text)
    assert decoded == printed
    member = next(c for c in printed if c.startswith("OM:"))
    assert parse_member_code(member, public_keys=PUBLIC_KEYS,
                             now=default_now()).member_id.startswith("M-DEMO-")


def test_cli_for_one_member_binds_the_member_coupon_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert demo_codes.main(["--out", str(tmp_path), "--member", "M-DEMO-3"]) == 0
    out = capsys.readouterr().out
    assert "M-DEMO-3" in out and "M-DEMO-1" not in out and "王芳专享" in out
    assert (tmp_path / "member-M-DEMO-3.png").exists()
