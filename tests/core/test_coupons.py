import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.coupon_compact import body_to_payload, payload_to_body
from pos_app.core.coupons import (
    Coupon,
    CouponKind,
    check_coupon,
    make_coupon_code,
    parse_coupon_code,
)
from pos_app.core.errors import PosError
from pos_app.core.members import DEFAULT_TIERS, make_member_code
from pos_app.core.money import Money
from pos_app.core.signed_codes import (
    COUPON_COMPACT_PREFIX,
    COUPON_PREFIX,
    sign_code,
    sign_compact,
    verify_compact,
)

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
PUB = KEY.public_key()
CST = timezone(timedelta(hours=8))
FROM = datetime(2024, 6, 1, 0, 0, tzinfo=CST)
TO = datetime(2024, 7, 1, 0, 0, tzinfo=CST)
NOW = datetime(2024, 6, 15, 12, 0, tzinfo=CST)
F, U = int(FROM.timestamp()), int(TO.timestamp())

NO_SET: frozenset[str] = frozenset()


def coupon(**changes: Any) -> Coupon:
    """满100减20, no member binding, no tier, valid through June 2024 (China time)."""
    base = Coupon("CP20240601-000123", "threshold_off", "满100减20", 2_000, Money(10_000),
                  NO_SET, NO_SET, None, FROM, TO, None)
    return dataclasses.replace(base, **changes)


TYPICAL = {
    "amount_off": coupon(kind="amount_off", name="无门槛5元券", value=500, min_spend=Money(0)),
    "percent_off": coupon(kind="percent_off", name="会员日9折", value=1_000,
                          min_spend=Money(0), tier="gold"),
    "threshold_off": coupon(name="会员日满100减20", member_id="M202406010001234", tier="gold"),
    "category": coupon(kind="category", name="生鲜水果满50减10元", value=1_000,
                       min_spend=Money(5_000), categories=frozenset({"生鲜", "水果"})),
    "free_item": coupon(kind="free_item", name="买一送一 可乐", value=0, min_spend=Money(0),
                        skus=frozenset({"6901939621233"})),
}


# --- codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(TYPICAL))
def test_each_kind_round_trips_through_a_short_code(kind: CouponKind) -> None:
    code = make_coupon_code(TYPICAL[kind], private_key=KEY)
    assert code.startswith(COUPON_COMPACT_PREFIX)
    # QR versions 10-12 in the JSON format; compact, with the 64-byte signature, 7-8.
    version = segno.make(code, error="m", micro=False, boost_error=False).version
    assert isinstance(version, int) and version <= 8  # not a micro QR ("M1"...)
    parsed = parse_coupon_code(code, public_keys=[PUB])
    assert parsed == TYPICAL[kind]
    assert parsed.valid_from.tzinfo is UTC


def test_defaults_are_left_out_of_the_payload() -> None:
    code = make_coupon_code(TYPICAL["amount_off"], private_key=KEY)
    body = verify_compact(code, prefix=COUPON_COMPACT_PREFIX, public_keys=[PUB])
    payload = body_to_payload(body)
    assert payload == {"i": "CP20240601-000123", "k": "A", "n": "无门槛5元券", "v": 500,
                       "f": F, "u": U}


def signed(payload: dict[str, object]) -> str:
    return sign_code(COUPON_PREFIX, payload, KEY)


BASE = {"i": "CP1", "k": "T", "n": "满100减20", "v": 2_000, "ms": 10_000, "f": F, "u": U}


def test_hand_made_payload_parses() -> None:
    assert parse_coupon_code(signed(BASE), public_keys=[PUB]) == coupon(coupon_id="CP1")


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"x": 1}, "unknown_field"),
        ({"k": "Z"}, "field_k"),
        ({"k": None}, "field_k"),
        ({"k": ["T"]}, "field_k"),
        ({"k": "threshold_off"}, "field_k"),
        ({"i": None}, "field_i"),
        ({"i": "CP 1"}, "field_i"),
        ({"n": ""}, "field_n"),
        ({"n": " 满100减20"}, "field_n"),
        ({"n": "券" * 41}, "field_n"),
        ({"n": "满100\n减20"}, "field_n"),
        ({"v": "2000"}, "field_v"),
        ({"v": -1}, "field_v"),
        ({"v": 20.0}, "field_v"),
        ({"v": 10**15}, "field_v"),
        ({"ms": 0}, "field_ms"),
        ({"ms": True}, "field_ms"),
        ({"c": "饮料"}, "field_c"),
        ({"c": ["饮料", "饮料"]}, "field_c"),
        ({"c": [1]}, "field_c"),
        ({"c": ["c"] * 21}, "field_c"),
        ({"s": [""]}, "field_s"),
        ({"t": ""}, "field_t"),
        ({"t": None}, "field_t"),
        ({"m": 12}, "field_m"),
        ({"f": None}, "field_f"),
        ({"u": "2024-07-01"}, "field_u"),
        ({"v": 20_000}, "inconsistent"),  # threshold coupon worth more than its threshold
        ({"ms": None}, "field_ms"),
        ({"u": F}, "inconsistent"),
        ({"u": F - 1}, "inconsistent"),
        ({"k": "P", "v": 0, "ms": 1}, "inconsistent"),
        ({"k": "P", "v": 10_001, "ms": 1}, "inconsistent"),
        ({"k": "A", "c": ["饮料"]}, "inconsistent"),
        ({"k": "C"}, "inconsistent"),  # category coupon without categories
        ({"k": "F", "v": 0}, "inconsistent"),  # free item coupon without its item
        ({"k": "F", "v": 100, "s": ["SKU1"]}, "inconsistent"),
        ({"k": "A", "s": ["SKU1"]}, "inconsistent"),
    ],
)
def test_malformed_coupon_payloads(changes: dict[str, object], reason: str) -> None:
    payload = {**BASE, **changes}
    with pytest.raises(PosError) as exc:
        parse_coupon_code(signed(payload), public_keys=[PUB])
    assert (exc.value.key, exc.value.data) == ("code.malformed", {"reason": reason})


def test_threshold_coupon_without_threshold_is_inconsistent() -> None:
    payload = {k: v for k, v in BASE.items() if k != "ms"}
    with pytest.raises(PosError) as exc:
        parse_coupon_code(signed(payload), public_keys=[PUB])
    assert exc.value.data == {"reason": "inconsistent"}


def test_member_code_scanned_as_coupon_and_forged_coupons_are_refused() -> None:
    member = make_member_code("M0001", private_key=KEY, now=NOW)
    with pytest.raises(PosError) as exc:
        parse_coupon_code(member, public_keys=[PUB])
    assert exc.value.data == {"reason": "prefix"}
    other = Ed25519PrivateKey.from_private_bytes(bytes(32))
    with pytest.raises(PosError) as exc:
        parse_coupon_code(make_coupon_code(coupon(), private_key=other), public_keys=[PUB])
    assert exc.value.key == "code.forged"


def test_coupon_values_that_we_would_never_issue_are_programming_errors() -> None:
    with pytest.raises(ValueError):
        coupon(valid_from=FROM.replace(tzinfo=None))
    with pytest.raises(ValueError):
        coupon(kind="percent_off", value=0)
    with pytest.raises(TypeError):
        coupon(min_spend=10_000)
    with pytest.raises(ValueError):
        make_coupon_code(coupon(valid_to=TO + timedelta(microseconds=1)), private_key=KEY)


# --- does it apply --------------------------------------------------------------------------


def check(c: Coupon, **changes: Any) -> None:
    args: dict[str, Any] = {
        "now": NOW, "member_id": "M0001", "member_tier_rank": 2, "tiers": DEFAULT_TIERS,
        "eligible_spend_fen": 15_000, "category_spend_fen": 0, "has_free_item": False,
        "already_redeemed": False,
    }
    args.update(changes)
    check_coupon(c, **args)


@pytest.mark.parametrize(
    ("c", "changes", "key", "data"),
    [
        (coupon(), {"already_redeemed": True}, "coupon.already_used", {}),
        (coupon(), {"already_redeemed": True, "now": TO}, "coupon.already_used", {}),
        (coupon(), {"now": FROM - timedelta(seconds=1)}, "coupon.not_yet_valid",
         {"valid_from": "2024-06-01 00:00"}),
        (coupon(), {"now": TO}, "coupon.expired", {"valid_to": "2024-07-01 00:00"}),
        (coupon(), {"now": TO.astimezone(UTC)}, "coupon.expired",
         {"valid_to": "2024-06-30 16:00"}),  # shown in the till's time zone
        (coupon(member_id="M0001"), {"member_id": None}, "coupon.needs_member", {}),
        (coupon(tier="silver"), {"member_id": None, "member_tier_rank": None},
         "coupon.needs_member", {}),
        (coupon(member_id="M0001"), {"member_id": "M0002"}, "coupon.wrong_member", {}),
        (coupon(tier="platinum"), {}, "coupon.tier_too_low",
         {"tier_zh": "白金会员", "tier_en": "Platinum"}),
        (coupon(tier="gold"), {"member_tier_rank": None}, "coupon.tier_too_low",
         {"tier_zh": "金卡会员", "tier_en": "Gold"}),
        (coupon(tier="bronze"), {}, "coupon.tier_unknown", {"tier": "bronze"}),
        (TYPICAL["category"], {"category_spend_fen": 0}, "coupon.no_eligible_items", {}),
        (TYPICAL["free_item"], {"has_free_item": False}, "coupon.no_eligible_items", {}),
        (TYPICAL["amount_off"], {"eligible_spend_fen": 0}, "coupon.no_eligible_items", {}),
        (coupon(), {"eligible_spend_fen": 9_950}, "coupon.min_spend_not_met",
         {"min_spend": 10_000, "missing": 50}),
        (TYPICAL["category"], {"eligible_spend_fen": 20_000, "category_spend_fen": 3_000},
         "coupon.min_spend_not_met", {"min_spend": 5_000, "missing": 2_000}),
    ],
)
def test_coupon_refused_with_its_reason(c: Coupon, changes: dict[str, object], key: str,
                                        data: dict[str, object]) -> None:
    with pytest.raises(PosError) as exc:
        check(c, **changes)
    assert (exc.value.key, exc.value.data) == (key, data)


@pytest.mark.parametrize(
    ("c", "changes"),
    [
        (coupon(), {"eligible_spend_fen": 10_000}),
        (coupon(), {"now": FROM}),
        (coupon(), {"now": TO - timedelta(seconds=1)}),
        (coupon(), {"member_id": None, "member_tier_rank": None}),
        (coupon(member_id="M0001", tier="gold"), {}),
        (coupon(tier="gold"), {"member_tier_rank": 4}),
        (TYPICAL["category"], {"category_spend_fen": 5_000, "eligible_spend_fen": 5_000}),
        (TYPICAL["free_item"], {"has_free_item": True, "eligible_spend_fen": 0}),
        (TYPICAL["percent_off"], {"eligible_spend_fen": 1}),
    ],
)
def test_coupon_applies(c: Coupon, changes: dict[str, object]) -> None:
    check(c, **changes)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check(coupon(), now=NOW.replace(tzinfo=None))


# --- compact codes (issue 10) ---------------------------------------------------------------


def test_json_coupon_codes_already_issued_are_still_read() -> None:
    payload = {"i": "CP20240601-000123", "k": "A", "n": "无门槛5元券", "v": 500, "f": F, "u": U}
    assert parse_coupon_code(signed(payload), public_keys=[PUB]) == TYPICAL["amount_off"]


def test_tampered_compact_coupon_is_refused() -> None:
    code = make_coupon_code(TYPICAL["category"], private_key=KEY)
    for index in range(3, len(code), 7):
        tampered = code[:index] + ("A" if code[index] != "A" else "B") + code[index + 1 :]
        with pytest.raises(PosError) as exc:
            parse_coupon_code(tampered, public_keys=[PUB])
        assert exc.value.key in ("code.forged", "code.malformed")


def test_coupon_valid_before_2024_falls_back_to_the_json_format() -> None:
    old = coupon(valid_from=datetime(2023, 12, 31, tzinfo=UTC))
    code = make_coupon_code(old, private_key=KEY)
    assert code.startswith(COUPON_PREFIX)
    assert parse_coupon_code(code, public_keys=[PUB]) == old


@pytest.mark.parametrize(
    "body",
    [b"", b"\x05", b"\x40\x01\x01\x01", b"\x00\x80\x00\x01\x01",
     b"\x00\x01\x01\x01\x0c1\x0cA\x00"],  # bad kind, high flag, long varint, trailing byte
)
def test_malformed_compact_coupon_bodies_are_refused(body: bytes) -> None:
    with pytest.raises(PosError) as exc:
        parse_coupon_code(sign_compact(COUPON_COMPACT_PREFIX, body, KEY) if body else "OC:AA",
                          public_keys=[PUB])
    assert exc.value.key == "code.malformed"


@given(st.sampled_from(list(TYPICAL.values())), st.integers(0, 200), st.integers(0, 255))
def test_any_byte_change_in_a_compact_body_is_never_a_different_coupon(
        original: Coupon, index: int, value: int) -> None:
    code = make_coupon_code(original, private_key=KEY)
    body = bytearray(verify_compact(code, prefix=COUPON_COMPACT_PREFIX, public_keys=[PUB]))
    body[index % len(body)] = value
    try:
        payload = body_to_payload(bytes(body))
    except PosError:
        return
    assert payload_to_body(payload) == bytes(body)  # what parses is canonical
