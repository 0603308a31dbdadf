import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import PosError
from pos_app.core.scan_router import ScanKind, classify_scan
from pos_app.core.signed_codes import (
    COUPON_PREFIX,
    ID_ASCII,
    ID_BASE40,
    ID_DIGITS,
    MAX_CODE_LENGTH,
    MEMBER_COMPACT_PREFIX,
    MEMBER_PREFIX,
    canonical_json,
    new_private_key,
    pack_id,
    private_key_from_text,
    private_key_to_text,
    public_key_from_text,
    public_key_to_text,
    sign_code,
    sign_compact,
    unpack_id,
    verify_code,
    verify_compact,
)

# Fixed keys: Ed25519 signatures are deterministic, so every code below is exact.
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
PUB = KEY.public_key()
PAYLOAD = {"m": "M0001", "iat": 1_717_214_400, "exp": 1_717_214_460}


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def signed_raw(prefix: str, body: bytes, key: Ed25519PrivateKey = KEY) -> str:
    """A correctly signed code over arbitrary bytes (to reach the checks after the signature)."""
    return f"{prefix}{b64url(body)}.{b64url(key.sign(prefix.encode() + body))}"


def flip(text: str, index: int) -> str:
    return text[:index] + ("B" if text[index] != "B" else "C") + text[index + 1 :]


def error_of(text: str, prefix: str = MEMBER_PREFIX,
             keys: tuple[Ed25519PublicKey, ...] = (PUB,)) -> PosError:
    with pytest.raises(PosError) as exc:
        verify_code(text, prefix=prefix, public_keys=keys)
    return exc.value


def test_signed_code_verifies_to_its_payload() -> None:
    code = sign_code(MEMBER_PREFIX, PAYLOAD, KEY)
    assert code.startswith("O2OM1:")
    payload_b64, sig_b64 = code[len(MEMBER_PREFIX) :].split(".")
    assert base64.urlsafe_b64decode(payload_b64 + "==") == (
        b'{"exp":1717214460,"iat":1717214400,"m":"M0001"}'
    )
    assert len(base64.urlsafe_b64decode(sig_b64 + "==")) == 64
    assert verify_code(code, prefix=MEMBER_PREFIX, public_keys=[PUB]) == PAYLOAD


def test_chinese_text_is_signed_as_utf8_not_escaped() -> None:
    assert canonical_json({"n": "满100减20", "a": 1}) == '{"a":1,"n":"满100减20"}'.encode()
    code = sign_code(COUPON_PREFIX, {"n": "满100减20"}, KEY)
    assert verify_code(code, prefix=COUPON_PREFIX, public_keys=[PUB]) == {"n": "满100减20"}


@pytest.mark.parametrize("prefix", [MEMBER_PREFIX, COUPON_PREFIX])
def test_scan_router_classifies_signed_codes_by_their_prefix(prefix: str) -> None:
    code = sign_code(prefix, {"n": "会员 日", "x": "+/="}, KEY)
    scan = classify_scan(f"  {code}\r\n")
    assert scan.kind == (ScanKind.MEMBER if prefix == MEMBER_PREFIX else ScanKind.COUPON)
    assert scan.code == code


def test_lower_case_prefix_and_surrounding_blanks_are_accepted_like_the_router() -> None:
    code = sign_code(MEMBER_PREFIX, PAYLOAD, KEY)
    lowered = "o2om1:" + code[len(MEMBER_PREFIX) :]
    assert verify_code(f" {lowered}\n", prefix=MEMBER_PREFIX, public_keys=[PUB]) == PAYLOAD


@pytest.mark.parametrize("where", ["payload", "signature"])
def test_tampered_code_is_forged(where: str) -> None:
    code = sign_code(MEMBER_PREFIX, PAYLOAD, KEY)
    dot = code.index(".")
    index = (len(MEMBER_PREFIX) + dot) // 2 if where == "payload" else dot + 20
    assert error_of(flip(code, index)).key == "code.forged"


def test_code_signed_with_another_key_is_forged() -> None:
    code = sign_code(MEMBER_PREFIX, PAYLOAD, OTHER_KEY)
    assert (error_of(code).key, error_of(code).data) == ("code.forged", {})


def test_key_rotation_accepts_codes_from_old_and_new_key() -> None:
    keys = [PUB, OTHER_KEY.public_key()]
    for key in (KEY, OTHER_KEY):
        code = sign_code(MEMBER_PREFIX, PAYLOAD, key)
        assert verify_code(code, prefix=MEMBER_PREFIX, public_keys=keys) == PAYLOAD


def test_member_code_cannot_be_replayed_as_coupon() -> None:
    member = sign_code(MEMBER_PREFIX, PAYLOAD, KEY)
    # Same payload and signature under the coupon prefix: the prefix is signed too.
    as_coupon = COUPON_PREFIX + member[len(MEMBER_PREFIX) :]
    assert error_of(as_coupon, COUPON_PREFIX).key == "code.forged"
    # And a member code shown where a coupon is expected is not a coupon at all.
    assert error_of(member, COUPON_PREFIX).data == {"reason": "prefix"}


def test_no_public_key_on_the_till_is_its_own_error() -> None:
    assert error_of(sign_code(MEMBER_PREFIX, PAYLOAD, KEY), keys=()).key == "code.no_public_key"


GOOD = sign_code(MEMBER_PREFIX, PAYLOAD, KEY)
GOOD_BODY, GOOD_SIG = GOOD[len(MEMBER_PREFIX) :].split(".")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "prefix"),
        ("O2OM", "prefix"),
        ("O2OP1:" + GOOD_BODY + "." + GOOD_SIG, "prefix"),
        ("Ｏ2OM1:" + GOOD_BODY + "." + GOOD_SIG, "prefix"),
        ("O2OM1:", "no_signature"),
        ("O2OM1:" + GOOD_BODY, "no_signature"),
        ("O2OM1:" + GOOD_BODY + ".", "base64"),
        ("O2OM1:." + GOOD_SIG, "base64"),
        ("O2OM1:" + GOOD_BODY + "." + GOOD_SIG + ".x", "base64"),
        ("O2OM1:" + GOOD_BODY + "=." + GOOD_SIG, "base64"),
        ("O2OM1:" + GOOD_BODY.replace("e", "+", 1) + "." + GOOD_SIG, "base64"),
        ("O2OM1:" + GOOD_BODY + " ." + GOOD_SIG, "base64"),
        ("O2OM1:" + GOOD_BODY + "." + GOOD_SIG[:-1] + "h", "base64"),  # non-canonical bits
        ("O2OM1:" + GOOD_BODY + "." + b64url(bytes(63)), "signature_length"),
        ("O2OM1:" + "A" * MAX_CODE_LENGTH + "." + GOOD_SIG, "too_long"),
        (signed_raw(MEMBER_PREFIX, b"[1,2]"), "not_an_object"),
        (signed_raw(MEMBER_PREFIX, b'"m"'), "not_an_object"),
        (signed_raw(MEMBER_PREFIX, b"{m:1}"), "json"),
        (signed_raw(MEMBER_PREFIX, b'{"m":NaN}'), "json"),
        (signed_raw(MEMBER_PREFIX, b'{"m":"\xff"}'), "json"),
    ],
)
def test_malformed_codes_say_why(text: str, reason: str) -> None:
    err = error_of(text)
    assert (err.key, err.data) == ("code.malformed", {"reason": reason})


def test_last_signature_char_must_be_canonical() -> None:
    # 64 bytes leave 2 unused bits in the last character: only zeros are accepted.
    assert GOOD_SIG[-1] in "AQgw"


def test_signing_refuses_codes_too_long_to_scan_and_bad_prefixes() -> None:
    with pytest.raises(ValueError):
        sign_code(MEMBER_PREFIX, {"n": "x" * MAX_CODE_LENGTH}, KEY)
    for prefix in ("o2om1:", "O2OM1", "", "会员:"):
        with pytest.raises(ValueError):
            sign_code(prefix, PAYLOAD, KEY)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.text(max_size=6), json_values, max_size=5))
def test_any_signed_payload_verifies_to_itself_and_scans_as_its_kind(
    payload: dict[str, object],
) -> None:
    code = sign_code(COUPON_PREFIX, payload, KEY)
    assert verify_code(code, prefix=COUPON_PREFIX, public_keys=[PUB]) == payload
    assert classify_scan(code).kind == ScanKind.COUPON


@given(st.text(max_size=300) | st.text(alphabet="O2OM1:.-_AbcQw=", max_size=200).map(
    lambda t: "O2OM1:" + t))
def test_any_text_is_rejected_with_a_code_error_never_a_crash(text: str) -> None:
    with pytest.raises(PosError) as exc:
        verify_code(text, prefix=MEMBER_PREFIX, public_keys=[PUB])
    assert exc.value.key in ("code.malformed", "code.forged")


# --- keys as text ---------------------------------------------------------------------------


def test_keys_round_trip_through_their_text() -> None:
    key = new_private_key()
    text = private_key_to_text(key)
    assert len(text) == 44
    again = private_key_from_text(text)
    assert private_key_to_text(again) == text
    pub_text = public_key_to_text(key.public_key())
    assert public_key_to_text(public_key_from_text(pub_text)) == pub_text
    code = sign_code(MEMBER_PREFIX, PAYLOAD, again)
    assert verify_code(code, prefix=MEMBER_PREFIX, public_keys=[public_key_from_text(pub_text)])


def test_known_public_key_text() -> None:
    assert public_key_to_text(PUB) == "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg="


def test_key_text_may_be_url_safe_unpadded_or_surrounded_by_blanks() -> None:
    text = public_key_to_text(PUB)
    variants = [text.rstrip("="), text.replace("+", "-").replace("/", "_"), f"  {text}\n"]
    for variant in variants:
        assert public_key_to_text(public_key_from_text(variant)) == text


@pytest.mark.parametrize(
    "text",
    ["", "   ", "not a key", "A" * 42, "A" * 44 + "A", base64.b64encode(bytes(31)).decode(),
     base64.b64encode(bytes(33)).decode(), "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=x",
     "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMb=="],
)
def test_bad_key_text_is_refused_without_echoing_it(text: str) -> None:
    for reader, what in ((public_key_from_text, "public"), (private_key_from_text, "private")):
        with pytest.raises(PosError) as exc:
            reader(text)
        assert (exc.value.key, exc.value.data) == ("code.key_invalid", {"what": what})


# --- compact codes ----------------------------------------------------------------------


def test_compact_code_is_qr_alphanumeric_and_round_trips() -> None:
    code = sign_compact(MEMBER_COMPACT_PREFIX, b"\x00\x01body", KEY)
    assert set(code) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    assert len(code) == 3 + -(-(6 + 64) * 8 // 5)
    assert verify_compact(code, prefix=MEMBER_COMPACT_PREFIX, public_keys=[PUB]) == b"\x00\x01body"
    scan = classify_scan(code.lower())
    assert (scan.kind, scan.value) == (ScanKind.MEMBER, code.lower()[3:])


@pytest.mark.parametrize(
    ("text", "reason"),
    [("O2OM1:ABC", "prefix"), ("OM:AB1", "base32"), ("OM:ABCDEFGH", "signature_length"),
     ("OM:AB", "base32")],  # "AB" has non-zero unused bits: not the canonical spelling
)
def test_malformed_compact_codes(text: str, reason: str) -> None:
    with pytest.raises(PosError) as exc:
        verify_compact(text, prefix=MEMBER_COMPACT_PREFIX, public_keys=[PUB])
    assert (exc.value.key, exc.value.data) == ("code.malformed", {"reason": reason})


def test_compact_body_signed_under_another_prefix_is_forged() -> None:
    code = sign_compact("OC:", b"body", KEY)
    with pytest.raises(PosError) as exc:
        verify_compact("OM:" + code[3:], prefix=MEMBER_COMPACT_PREFIX, public_keys=[PUB])
    assert exc.value.key == "code.forged"


@pytest.mark.parametrize(
    ("value", "kind", "size"),
    [("M-DEMO-1", ID_BASE40, 5), ("0088", ID_DIGITS, 2), ("m-1", ID_ASCII, 3), ("9", ID_ASCII, 1)],
)
def test_ids_pack_into_their_shortest_form(value: str, kind: int, size: int) -> None:
    assert (pack_id(value)[0], len(pack_id(value)[1])) == (kind, size)


@given(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=64))
def test_every_id_round_trips_through_its_packing(value: str) -> None:
    assert unpack_id(*pack_id(value)) == value


@given(st.integers(0, 3), st.binary(max_size=50))
def test_unpack_id_never_accepts_a_non_canonical_packing(kind: int, raw: bytes) -> None:
    try:
        value = unpack_id(kind, raw)
    except PosError as exc:
        assert exc.key == "code.malformed"
    else:
        assert pack_id(value) == (kind, raw)
