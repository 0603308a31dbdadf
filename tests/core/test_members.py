from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import PosError
from pos_app.core.members import (
    DEFAULT_TIERS,
    Member,
    MemberCode,
    QualifyBasis,
    Tier,
    make_member_code,
    mask_name,
    mask_phone,
    normalize_phone,
    parse_member_code,
    qualify_tier,
    tier_by_code,
)
from pos_app.core.signed_codes import (
    COUPON_PREFIX,
    MEMBER_COMPACT_PREFIX,
    MEMBER_PREFIX,
    sign_code,
    sign_compact,
)

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
PUB = KEY.public_key()
CST = timezone(timedelta(hours=8))
NOW = datetime(2024, 6, 1, 12, 0, 0, tzinfo=CST)
T0 = int(NOW.timestamp())


# --- masking and phone numbers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("0086-138-1234-5678", "138****5678"),
        ("１３８１２３４５６７８", "138****5678"),  # full-width digits from an IME
        ("85212345678901", "852*******8901"),  # foreign, long
        ("021-6234 5678", "021****5678"),  # landline with area code: 11 digits
        ("62345678", "****5678"),
        ("1234567", "*****67"),
        ("123456", "****56"),
        ("12345", "*****"),
        ("123", "***"),
        ("", ""),
        ("abc", ""),
    ],
)
def test_phone_numbers_are_masked_for_screen_and_paper(text: str, masked: str) -> None:
    assert mask_phone(text) == masked


@given(st.text(alphabet="0123456789 +-", max_size=20))
def test_masking_always_hides_at_least_four_digits_or_all(text: str) -> None:
    masked = mask_phone(text)
    assert masked.count("*") >= min(4, len(masked))


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三丰", "张**"),
        ("张三", "张*"),
        ("张", "*"),
        ("欧阳娜娜", "欧***"),
        ("阿卜杜拉·买买提", "阿*******"),
        ("John Smith", "J*** S***"),
        ("Jo", "J***"),
        ("  Mary  Ann  Lee ", "M*** A*** L***"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_names_are_masked(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("(+86) 199 0000 0000", "19900000000"),
        ("0086 15012345678", "15012345678"),
        ("8613812345678", "13812345678"),
        (" １３８ １２３４ ５６７８ ", "13812345678"),
    ],
)
def test_mainland_mobile_numbers_are_normalised(text: str, phone: str) -> None:
    assert normalize_phone(text) == phone


@pytest.mark.parametrize(
    "text",
    ["", "1381234567", "138123456789", "12812345678", "23812345678", "021-62345678",
     "+1 415 555 0100", "138.1234.5678", "1381234567x", "+87 138 1234 5678", "١٣٨١٢٣٤٥٦٧٨"],
)
def test_anything_but_a_mainland_mobile_is_refused(text: str) -> None:
    with pytest.raises(PosError) as exc:
        normalize_phone(text)
    assert (exc.value.key, exc.value.data) == ("member.phone_invalid", {})


# --- tiers ----------------------------------------------------------------------------------


def test_default_tiers_rise_in_every_benefit_and_threshold() -> None:
    assert [t.code for t in DEFAULT_TIERS] == ["regular", "silver", "gold", "platinum",
                                               "diamond"]
    assert [t.name_zh for t in DEFAULT_TIERS][:3] == ["普通会员", "银卡会员", "金卡会员"]
    for field in ("rank", "discount_bp", "points_multiplier_bp", "birthday_bonus_points",
                  "birthday_discount_bp", "qualify_spend_fen", "qualify_points"):
        values = [getattr(t, field) for t in DEFAULT_TIERS]
        assert values == sorted(values), field
    gold = tier_by_code("gold")
    assert gold is not None and (gold.discount_bp, gold.rank) == (500, 2)
    assert tier_by_code("bronze") is None


@pytest.mark.parametrize(
    ("spend", "points", "basis", "tier"),
    [
        (0, 0, "spend", "regular"),
        (199_999, 99_999, "spend", "regular"),
        (200_000, 0, "spend", "silver"),
        (799_999, 0, "spend", "silver"),
        (800_000, 0, "spend", "gold"),
        (5_000_000, 0, "spend", "diamond"),
        (99_000_000, 0, "spend", "diamond"),
        (5_000_000, 0, "points", "regular"),
        (0, 8_000, "points", "gold"),
        (0, 19_999, "points", "gold"),
        (0, 20_000, "points", "platinum"),
        (200_000, 20_000, "either", "platinum"),
        (2_000_000, 2_000, "either", "platinum"),
        (199_999, 1_999, "either", "regular"),
    ],
)
def test_highest_tier_whose_threshold_is_met(
    spend: int, points: int, basis: QualifyBasis, tier: str
) -> None:
    got = qualify_tier(spend_12m_fen=spend, points_12m=points, tiers=DEFAULT_TIERS, basis=basis)
    assert got.code == tier


def test_tier_order_comes_from_rank_not_position_and_lowest_is_the_floor() -> None:
    tiers = tuple(reversed(DEFAULT_TIERS[1:]))  # no zero-threshold tier, reversed order
    assert qualify_tier(spend_12m_fen=900_000, points_12m=0, tiers=tiers,
                        basis="spend").code == "gold"
    assert qualify_tier(spend_12m_fen=0, points_12m=0, tiers=tiers, basis="spend").code == "silver"
    with pytest.raises(ValueError):
        qualify_tier(spend_12m_fen=0, points_12m=0, tiers=(), basis="spend")


def test_tier_values_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError):
        Tier("x", "x", "x", 0, 10_001, 10_000, 0, 0, 0, 0)
    with pytest.raises(ValueError):
        Tier("x", "x", "x", 0, 0, -1, 0, 0, 0, 0)


# --- members --------------------------------------------------------------------------------


def member(birthday: date | None = date(1990, 6, 1), pending: int = 0) -> Member:
    return Member("M0001", "138****5678", "张**", "gold", birthday, 1200, pending)


def test_available_points_add_local_pending_changes_to_the_confirmed_balance() -> None:
    assert member(pending=-300).points_available == 900
    assert member(pending=250).points_available == 1450


@pytest.mark.parametrize(
    ("birthday", "today", "expected"),
    [
        (date(1990, 6, 1), date(2024, 6, 1), True),
        (date(1990, 6, 1), date(2024, 6, 2), False),
        (date(1990, 6, 1), date(2024, 5, 1), False),
        (date(2000, 2, 29), date(2024, 2, 29), True),
        (date(2000, 2, 29), date(2024, 2, 28), False),  # leap year: the real day comes
        (date(2000, 2, 29), date(2023, 2, 28), True),
        (date(2000, 2, 29), date(2023, 3, 1), False),
        (date(1999, 2, 28), date(2024, 2, 28), True),
        (None, date(2024, 6, 1), False),
    ],
)
def test_birthdays(birthday: date | None, today: date, expected: bool) -> None:
    assert member(birthday).is_birthday(today) is expected


# --- member codes ---------------------------------------------------------------------------


def code_with(payload: dict[str, object], prefix: str = MEMBER_PREFIX) -> str:
    return sign_code(prefix, payload, KEY)


def test_fresh_member_code_is_accepted() -> None:
    code = make_member_code("M0001", private_key=KEY, now=NOW)
    parsed = parse_member_code(code, public_keys=[PUB], now=NOW + timedelta(seconds=59))
    assert parsed == MemberCode("M0001", NOW, NOW + timedelta(seconds=60))
    assert parsed.issued_at.tzinfo is UTC


def test_member_code_for_a_uuid_member_is_short_enough_for_a_phone_qr() -> None:
    code = make_member_code("3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b", private_key=KEY,
                            now=NOW, ttl_s=86_400)
    assert len(code) <= 300


def test_member_code_drops_sub_seconds_of_now() -> None:
    code = make_member_code("M0001", private_key=KEY, now=NOW + timedelta(microseconds=999_999))
    assert parse_member_code(code, public_keys=[PUB], now=NOW).issued_at == NOW


@pytest.mark.parametrize(
    ("offset_s", "key", "data"),
    [
        (60, "member.code_expired", {"seconds_ago": 0}),
        (61, "member.code_expired", {"seconds_ago": 1}),
        (3_660, "member.code_expired", {"seconds_ago": 3_600}),
        (-121, "member.code_not_yet_valid", {"seconds_ahead": 121}),
        (-600, "member.code_not_yet_valid", {"seconds_ahead": 600}),
    ],
)
def test_member_code_outside_its_window_is_refused(
    offset_s: int, key: str, data: dict[str, object]
) -> None:
    code = make_member_code("M0001", private_key=KEY, now=NOW)
    with pytest.raises(PosError) as exc:
        parse_member_code(code, public_keys=[PUB], now=NOW + timedelta(seconds=offset_s))
    assert (exc.value.key, exc.value.data) == (key, data)


def test_till_clock_two_minutes_behind_is_tolerated() -> None:
    code = make_member_code("M0001", private_key=KEY, now=NOW, ttl_s=300)
    assert parse_member_code(code, public_keys=[PUB], now=NOW - timedelta(seconds=120))


def test_long_lived_codes_up_to_a_day_are_the_issuers_business() -> None:
    code = code_with({"m": "M0001", "iat": T0, "exp": T0 + 86_400})
    assert parse_member_code(code, public_keys=[PUB], now=NOW + timedelta(hours=23))


def test_extra_payload_keys_such_as_a_nonce_are_ignored() -> None:
    code = code_with({"m": "M0001", "iat": T0, "exp": T0 + 60, "n": "x7Gq"})
    assert parse_member_code(code, public_keys=[PUB], now=NOW).member_id == "M0001"


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"iat": T0, "exp": T0 + 60}, "field_m"),
        ({"m": "", "iat": T0, "exp": T0 + 60}, "field_m"),
        ({"m": "M 1", "iat": T0, "exp": T0 + 60}, "field_m"),
        ({"m": "会员1", "iat": T0, "exp": T0 + 60}, "field_m"),
        ({"m": "M" * 65, "iat": T0, "exp": T0 + 60}, "field_m"),
        ({"m": 1, "iat": T0, "exp": T0 + 60}, "field_m"),
        ({"m": "M0001", "exp": T0 + 60}, "field_iat"),
        ({"m": "M0001", "iat": True, "exp": T0 + 60}, "field_iat"),
        ({"m": "M0001", "iat": str(T0), "exp": T0 + 60}, "field_iat"),
        ({"m": "M0001", "iat": -1, "exp": T0 + 60}, "field_iat"),
        ({"m": "M0001", "iat": T0}, "field_exp"),
        ({"m": "M0001", "iat": T0, "exp": 10**20}, "field_exp"),
        ({"m": "M0001", "iat": T0, "exp": T0}, "lifetime"),
        ({"m": "M0001", "iat": T0, "exp": T0 - 60}, "lifetime"),
        ({"m": "M0001", "iat": T0, "exp": T0 + 86_401}, "lifetime"),
    ],
)
def test_malformed_member_payloads(payload: dict[str, object], reason: str) -> None:
    with pytest.raises(PosError) as exc:
        parse_member_code(code_with(payload), public_keys=[PUB], now=NOW)
    assert (exc.value.key, exc.value.data) == ("code.malformed", {"reason": reason})


def test_coupon_code_scanned_as_member_code_is_refused() -> None:
    coupon = code_with({"m": "M0001", "iat": T0, "exp": T0 + 60}, prefix=COUPON_PREFIX)
    with pytest.raises(PosError) as exc:
        parse_member_code(coupon, public_keys=[PUB], now=NOW)
    assert exc.value.data == {"reason": "prefix"}
    forged = MEMBER_PREFIX + coupon[len(COUPON_PREFIX) :]
    with pytest.raises(PosError) as exc:
        parse_member_code(forged, public_keys=[PUB], now=NOW)
    assert exc.value.key == "code.forged"


def test_naive_now_and_bad_issuer_arguments_are_programming_errors() -> None:
    code = make_member_code("M0001", private_key=KEY, now=NOW)
    with pytest.raises(ValueError):
        parse_member_code(code, public_keys=[PUB], now=NOW.replace(tzinfo=None))
    for ttl in (0, -1, 86_401):
        with pytest.raises(ValueError):
            make_member_code("M0001", private_key=KEY, now=NOW, ttl_s=ttl)
    with pytest.raises(ValueError):
        make_member_code("M 1", private_key=KEY, now=NOW)


# --- compact member codes (issue 10: a camera must read them from a phone) ----------------


def qr_version(text: str) -> int:
    return int(segno.make(text, error="m", micro=False, boost_error=False).version)


@pytest.mark.parametrize("member_id", ["M-DEMO-1", "M0001", "ABCDEFGHI", "88000000012345"])
def test_member_code_is_a_version_5_qr_at_ecc_m(member_id: str) -> None:
    code = make_member_code(member_id, private_key=KEY, now=NOW)
    assert code.startswith("OM:") and qr_version(code) <= 5  # the JSON format was 8–9
    assert parse_member_code(code, public_keys=[PUB], now=NOW).member_id == member_id


@pytest.mark.parametrize("member_id", ["L-S001-T01-1a2b3c4d", "007", "a.b_c-D", "M" * 64, "~!"])
def test_any_member_id_round_trips_in_a_compact_code(member_id: str) -> None:
    code = make_member_code(member_id, private_key=KEY, now=NOW, ttl_s=600)
    assert parse_member_code(code, public_keys=[PUB], now=NOW) == MemberCode(
        member_id, NOW, NOW + timedelta(minutes=10))


def test_compact_code_lives_from_its_minute_at_least_as_long_as_asked() -> None:
    code = make_member_code("M0001", private_key=KEY, now=NOW + timedelta(seconds=59), ttl_s=61)
    parsed = parse_member_code(code, public_keys=[PUB], now=NOW + timedelta(seconds=119))
    # 59 s + 61 s ends at 2:00, two whole minutes after the issue minute.
    assert (parsed.issued_at, parsed.expires_at) == (NOW, NOW + timedelta(minutes=2))
    day = make_member_code("M0001", private_key=KEY, now=NOW, ttl_s=86_400)
    assert parse_member_code(day, public_keys=[PUB], now=NOW).expires_at == NOW + timedelta(1)


def test_compact_code_read_in_lower_case_from_a_caps_lock_wedge() -> None:
    code = make_member_code("M0001", private_key=KEY, now=NOW)
    assert parse_member_code(f" {code.lower()}\n", public_keys=[PUB], now=NOW).member_id == "M0001"


def test_tampered_compact_code_is_refused() -> None:
    code = make_member_code("M0001", private_key=KEY, now=NOW)
    for index in range(3, len(code)):
        flipped = "A" if code[index] != "A" else "B"
        tampered = code[:index] + flipped + code[index + 1 :]
        with pytest.raises(PosError) as exc:
            parse_member_code(tampered, public_keys=[PUB], now=NOW)
        assert exc.value.key in ("code.forged", "code.malformed")


def test_compact_code_signed_by_another_key_is_forged() -> None:
    other = Ed25519PrivateKey.from_private_bytes(bytes(32))
    code = make_member_code("M0001", private_key=other, now=NOW)
    with pytest.raises(PosError) as exc:
        parse_member_code(code, public_keys=[PUB], now=NOW)
    assert exc.value.key == "code.forged"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"\x00\x00\x00\x00", "body"),
        ((1 << 8 | 63).to_bytes(4, "big") + b"M1", "lifetime"),
        ((1 << 8).to_bytes(4, "big") + b"M 1", "field_m"),
        ((1 << 8 | 1 << 6).to_bytes(4, "big") + b"\x00\x07", "field_m"),
        ((1 << 8 | 3 << 6).to_bytes(4, "big") + b"M1", "field_m"),
    ],
)
def test_malformed_compact_bodies(body: bytes, reason: str) -> None:
    code = sign_compact(MEMBER_COMPACT_PREFIX, body, KEY)
    with pytest.raises(PosError) as exc:
        parse_member_code(code, public_keys=[PUB], now=NOW)
    assert (exc.value.key, exc.value.data) == ("code.malformed", {"reason": reason})
