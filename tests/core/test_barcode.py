import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.barcode import (
    DEFAULT_SCALE_RULES,
    SCALE_RULE_18_PRICE_WEIGHT,
    ScaleRule,
    gtin_check_digit,
    has_valid_check_digit,
    is_valid_gtin,
    parse_scale_barcode,
    with_check_digit,
)
from pos_app.core.errors import PosError
from pos_app.core.money import Money

ALL_RULES = (*DEFAULT_SCALE_RULES, SCALE_RULE_18_PRICE_WEIGHT)


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("400638133393", 1),  # EAN-13
        ("690123456789", 2),  # EAN-13, Chinese prefix
        ("9638507", 4),  # EAN-8
        ("03600029145", 2),  # UPC-A
        ("1061414100041", 5),  # GTIN-14
        ("20123450123400750", 7),  # 18-digit scale label body
    ],
)
def test_gtin_check_digit_mod10_works_for_every_length(body: str, check: int) -> None:
    assert gtin_check_digit(body) == check
    assert with_check_digit(body) == body + str(check)


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("4006381333931", True),
        ("4006381333932", False),
        ("96385074", True),
        ("036000291452", True),
        ("10614141000415", True),
        ("400638133393", False),  # 12 digits but wrong check
        ("40063813339", False),  # 11 digits: not a GTIN length
        ("400638133393a", False),
        ("", False),
        ("４００６３８１３３３９３１", False),  # full-width digits are not a barcode
    ],
)
def test_is_valid_gtin_checks_length_and_check_digit(code: str, valid: bool) -> None:
    assert is_valid_gtin(code) is valid


def test_gtin_check_digit_refuses_non_digits() -> None:
    with pytest.raises(ValueError):
        gtin_check_digit("12a4")


@pytest.mark.parametrize(
    ("code", "item", "lookup", "price", "weight"),
    [
        # PP IIIII VVVVV C, price in fen
        ("2001234012508", "01234", "2001234000000", 1250, None),
        ("2612345999994", "12345", "2612345000003", 99999, None),
        # weight in grams
        ("2812345012345", "12345", "2812345000007", None, 1234),
        ("2900001005005", "00001", "2900001000000", None, 500),
        # 18-digit PP IIIII $$$$$ WWWWW C: both, base code is the 13-digit PP IIIII 00000 C
        ("201234501234007507", "12345", "2012345000001", 1234, 750),
    ],
)
def test_parse_scale_barcode_reads_price_or_weight_and_odoo_base_code(
    code: str, item: str, lookup: str, price: int | None, weight: int | None
) -> None:
    sc = parse_scale_barcode(code, ALL_RULES)
    assert sc is not None
    assert sc.raw == code
    assert sc.item_code == item
    assert sc.lookup_barcode == lookup
    assert is_valid_gtin(sc.lookup_barcode)
    assert sc.price == (None if price is None else Money(price))
    assert sc.weight_g == weight


@pytest.mark.parametrize("code", ["2001234012509", "201234501234007508"])
def test_parse_scale_barcode_bad_check_digit_is_an_error_the_cashier_sees(code: str) -> None:
    with pytest.raises(PosError) as exc:
        parse_scale_barcode(code, ALL_RULES)
    assert (exc.value.key, exc.value.data) == ("barcode.bad_check_digit", {"code": code})


@pytest.mark.parametrize(
    "code",
    [
        "6901234567892",  # ordinary product GTIN
        "3001234012505",  # prefix 30 is no scale prefix
        "200123401250",  # 12 digits
        "134567890123456787",  # 18 digits but a WeChat-style payment code
        "201234501234007507",  # 18-digit label while that rule is not enabled
        "20012340125O8",
    ],
)
def test_parse_scale_barcode_returns_none_when_no_rule_matches(code: str) -> None:
    assert parse_scale_barcode(code) is None


def test_default_rules_do_not_swallow_18_digit_payment_codes() -> None:
    alipay_like = with_check_digit("28" + "1" * 15)
    assert parse_scale_barcode(alipay_like) is None
    assert SCALE_RULE_18_PRICE_WEIGHT.value_kind == "price_weight"
    assert [r.value_kind for r in DEFAULT_SCALE_RULES] == ["price", "weight"]


@pytest.mark.parametrize(
    ("prefixes", "layout"),
    [
        (("20",), "PPIIIII$$$$$"),  # no check digit
        (("20",), "PPIIIII$$$$C$"),  # value after check
        (("20",), "PPII$III$$$$C"),  # split item group
        (("2",), "PPIIIII$$$$$C"),  # prefix shorter than P group
        (("20",), "PPIIIIIIIIIIC"),  # no value
        ((), "PPIIIII$$$$$C"),
    ],
)
def test_scale_rule_rejects_layouts_that_cannot_be_decoded(
    prefixes: tuple[str, ...], layout: str
) -> None:
    with pytest.raises(ValueError):
        ScaleRule("bad", prefixes, layout)


@given(
    st.sampled_from([7, 11, 12, 13, 17]).flatmap(
        lambda n: st.text("0123456789", min_size=n, max_size=n)
    )
)
def test_check_digit_round_trip_and_single_digit_errors_are_caught(body: str) -> None:
    code = with_check_digit(body)
    assert has_valid_check_digit(code)
    pos = len(code) // 2
    wrong = code[:pos] + str((int(code[pos]) + 1) % 10) + code[pos + 1 :]
    assert not has_valid_check_digit(wrong)


@given(st.text("0123456789", min_size=12, max_size=12))
def test_every_valid_13_digit_label_parses_or_is_not_a_label(body: str) -> None:
    code = with_check_digit(body)
    sc = parse_scale_barcode(code)
    if body[:2] in {str(p) for p in range(20, 30)}:
        assert sc is not None
        assert parse_scale_barcode(sc.lookup_barcode) is not None
        assert (sc.price is None) != (sc.weight_g is None)
    else:
        assert sc is None


@given(st.text(max_size=20))
def test_scan_input_never_crashes_the_barcode_parsers(text: str) -> None:
    try:
        parse_scale_barcode(text, ALL_RULES)
    except PosError as exc:
        assert exc.key == "barcode.bad_check_digit"
