"""The scan router: every kind by example, round trips from generated codes, never raises."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.barcode import SCALE_RULE_18_PRICE_WEIGHT, with_check_digit
from pos_app.core.money import Money
from pos_app.core.sale import receipt_number
from pos_app.core.scan_router import (
    DEFAULT_SCAN_RULES,
    ReceiptRef,
    ScanKind,
    ScanRules,
    classify_scan,
)

COLA = with_check_digit("690123456789")


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (COLA, ScanKind.PRODUCT, COLA),
        (with_check_digit("9638507"), ScanKind.PRODUCT, with_check_digit("9638507")),
        (COLA[:-1] + str((int(COLA[-1]) + 1) % 10), ScanKind.INVALID_GTIN, None),
        ("2712345003506", ScanKind.SCALE, "2712345003506"),
        ("2712345003507", ScanKind.INVALID_GTIN, "2712345003507"),
        ("134567890123456789", ScanKind.PAYMENT, "134567890123456789"),
        ("284567890123456789", ScanKind.PAYMENT, "284567890123456789"),
        ("204567890123456789", ScanKind.SKU, "204567890123456789"),
        ("O2OM1:abc.DEF_123", ScanKind.MEMBER, "abc.DEF_123"),
        ("o2om1:abc", ScanKind.MEMBER, "abc"),
        ("O2OC1:CPN-9", ScanKind.COUPON, "CPN-9"),
        ("OM:AEBAGBAF", ScanKind.MEMBER, "AEBAGBAF"),  # compact codes (issue 10)
        ("oc:AEBAGBAF", ScanKind.COUPON, "AEBAGBAF"),
        ("O2OP1:order-77", ScanKind.PICKUP, "order-77"),
        ("PU12345678", ScanKind.PICKUP, "12345678"),
        ("PU1234567", ScanKind.SKU, "PU1234567"),
        ("STF0042", ScanKind.STAFF_BADGE, "0042"),
        ("S001-T01-000042", ScanKind.RECEIPT, "S001-T01-000042"),
        ("T-CHIPS", ScanKind.SKU, "T-CHIPS"),
        ("4011", ScanKind.SKU, "4011"),
        ("  T-CHIPS\r\n", ScanKind.SKU, "T-CHIPS"),
        ("可口可乐", ScanKind.SKU, "可口可乐"),
        ("coca cola", ScanKind.UNKNOWN, ""),
        ("", ScanKind.UNREADABLE, ""),
        ("   ", ScanKind.UNREADABLE, ""),
        ("69\x1d01234", ScanKind.UNREADABLE, ""),
        ("O2OM1:", ScanKind.UNREADABLE, ""),
        ("O2OC1:a b", ScanKind.UNREADABLE, ""),
    ],
)
def test_each_kind_by_example(text: str, kind: ScanKind, value: str | None) -> None:
    scan = classify_scan(text)
    assert scan.kind == kind
    if value is not None:
        assert scan.value == value


def test_scale_label_is_decoded() -> None:
    scan = classify_scan(with_check_digit("220012301234"))
    assert scan.kind == ScanKind.SCALE and scan.scale is not None
    assert scan.scale.price == Money(1234)


def test_payment_code_names_its_wallet() -> None:
    assert classify_scan("104567890123456789").wallet == "wechat"
    assert classify_scan("304567890123456789").wallet == "alipay"


def test_wallet_prefixes_are_configurable() -> None:
    rules = ScanRules(wechat_prefixes=("16",), alipay_prefixes=())
    assert classify_scan("164567890123456789", rules).wallet == "wechat"
    assert classify_scan("104567890123456789", rules).kind == ScanKind.SKU


def test_payment_code_wins_over_an_18_digit_scale_rule() -> None:
    rules = ScanRules(scale_rules=(SCALE_RULE_18_PRICE_WEIGHT,), wechat_prefixes=("20",))
    assert classify_scan("204567890123456789", rules).kind == ScanKind.PAYMENT


def test_receipt_number_parts() -> None:
    scan = classify_scan("S001-T01-000042")
    assert scan.receipt == ReceiptRef("S001", "T01", 42)


def test_prefixes_are_configurable() -> None:
    rules = ScanRules(member_prefix="VIP:", staff_prefix="EMP", pickup_short_prefix="TH")
    assert classify_scan("VIP:x1", rules).kind == ScanKind.MEMBER
    assert classify_scan("EMP7", rules).kind == ScanKind.STAFF_BADGE
    assert classify_scan("TH00001111", rules).kind == ScanKind.PICKUP
    assert classify_scan("O2OM1:x1", rules).kind == ScanKind.SKU


def test_rules_refuse_clashing_prefixes() -> None:
    with pytest.raises(ValueError):
        ScanRules(member_prefix="X:", coupon_prefix="x:")
    with pytest.raises(ValueError):
        ScanRules(staff_prefix="")


# ---- properties -----------------------------------------------------------------------

TOKEN = st.text(
    st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=200
)


@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    scan = classify_scan(text)
    assert scan.code == text.strip()


@given(st.binary(max_size=100))
def test_never_raises_on_decoded_serial_bytes(raw: bytes) -> None:
    classify_scan(raw.decode("utf-8", errors="replace"))


@given(st.from_regex(r"\A[0-9]{7}\Z|\A[0-9]{11,13}\Z"))
def test_gtin_round_trip(body: str) -> None:
    code = with_check_digit(body)
    scan = classify_scan(code)
    if DEFAULT_SCAN_RULES.scale_rules[0].matches(code) or (
        DEFAULT_SCAN_RULES.scale_rules[1].matches(code)
    ):
        assert scan.kind == ScanKind.SCALE
    else:
        assert (scan.kind, scan.value) == (ScanKind.PRODUCT, code)


@given(st.sampled_from(["2", "7"]), st.integers(0, 6), st.from_regex(r"\A[0-9]{10}\Z"))
def test_scale_round_trip(family: str, second: int, rest: str) -> None:
    prefix = f"2{second}" if family == "2" else f"2{7 + second % 3}"
    code = with_check_digit(prefix + rest)
    scan = classify_scan(code)
    assert scan.kind == ScanKind.SCALE and scan.scale is not None and scan.scale.raw == code


@given(st.sampled_from(("10", "11", "12", "13", "14", "15", "25", "26", "27", "28", "29", "30")),
       st.from_regex(r"\A[0-9]{16}\Z"))
def test_payment_round_trip(prefix: str, rest: str) -> None:
    scan = classify_scan(prefix + rest)
    assert scan.kind == ScanKind.PAYMENT
    assert scan.wallet == ("wechat" if prefix < "2" else "alipay")


@given(st.sampled_from([
    (ScanKind.MEMBER, "O2OM1:"), (ScanKind.COUPON, "O2OC1:"), (ScanKind.PICKUP, "O2OP1:"),
    (ScanKind.MEMBER, "OM:"), (ScanKind.COUPON, "OC:"),
]), TOKEN)
def test_qr_payload_round_trip(pair: tuple[ScanKind, str], token: str) -> None:
    kind, prefix = pair
    scan = classify_scan(prefix + token)
    assert (scan.kind, scan.value) == (kind, token)


@given(st.from_regex(r"\A[0-9]{8}\Z"))
def test_pickup_code_round_trip(digits: str) -> None:
    assert (classify_scan("PU" + digits).kind, classify_scan("PU" + digits).value) == (
        ScanKind.PICKUP, digits)


@given(st.from_regex(r"\A[0-9]{1,12}\Z"))
def test_staff_badge_round_trip(digits: str) -> None:
    scan = classify_scan("STF" + digits)
    assert (scan.kind, scan.value) == (ScanKind.STAFF_BADGE, digits)


@given(st.from_regex(r"\A[A-Z0-9]{1,16}\Z"), st.from_regex(r"\A[A-Z0-9]{1,16}\Z"),
       st.integers(1, 10**9))
def test_receipt_round_trip(store: str, terminal: str, seq: int) -> None:
    scan = classify_scan(receipt_number(store, terminal, seq))
    assert scan.kind == ScanKind.RECEIPT
    assert scan.receipt == ReceiptRef(store, terminal, seq)


@given(st.from_regex(r"\A[A-Za-z][A-Za-z0-9_]{0,20}\Z"))
def test_sku_round_trip(sku: str) -> None:
    scan = classify_scan(sku)
    if scan.kind != ScanKind.SKU:  # unless it happens to spell another kind's format
        assert scan.kind in (ScanKind.PICKUP, ScanKind.STAFF_BADGE)
    else:
        assert scan.value == sku
