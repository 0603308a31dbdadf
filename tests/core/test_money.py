from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import PosError
from pos_app.core.money import Money, _babel_text, _shape, allocate, div_half_up, format_money


@pytest.mark.parametrize("bad", [1.5, 12.0, True, False, Decimal(1), "12", None])
def test_money_refuses_anything_but_int_fen(bad: object) -> None:
    with pytest.raises(TypeError):
        Money(bad)  # type: ignore[arg-type]  # the wrong type under test


def test_money_arithmetic_stays_in_fen() -> None:
    assert Money(1250) + Money(50) == Money(1300)
    assert Money(1250) - Money(1300) == Money(-50)
    assert -Money(5) == Money(-5)
    assert Money(333) * 3 == Money(999) == 3 * Money(333)
    assert Money.zero() == Money(0)
    assert Money.sum([Money(1), Money(2), Money(3)]) == Money(6)
    assert Money.sum([]) == Money(0)
    assert Money(1) < Money(2) <= Money(2)
    assert sorted([Money(3), Money(-1), Money(2)]) == [Money(-1), Money(2), Money(3)]


@pytest.mark.parametrize("factor", [1.5, True, Decimal(2)])
def test_money_cannot_be_multiplied_by_non_int(factor: object) -> None:
    with pytest.raises(TypeError):
        Money(100) * factor  # type: ignore[operator]  # the wrong type under test


def test_money_does_not_mix_with_bare_ints() -> None:
    with pytest.raises(TypeError):
        Money(1) + 1  # type: ignore[operator]  # a bare int, refused on purpose
    with pytest.raises(TypeError):
        assert Money(1) < 2  # type: ignore[operator]  # a bare int, refused on purpose
    assert Money(1) != 1  # type: ignore[comparison-overlap]  # never equal to a bare int


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("12.50", 1250),
        ("¥12.50", 1250),
        ("￥12.50", 1250),
        ("  ¥ 12.50 ", 1250),
        ("0.01", 1),
        (".5", 50),
        ("12.", 1200),
        ("0", 0),
        ("-3.2", -320),
        ("-¥1.00", -100),
        ("¥-1.00", -100),
        ("１２．５", 1250),  # full-width digits from a Chinese IME
        ("999999999999.99", 99_999_999_999_999),
    ],
)
def test_money_parse_accepts_what_a_cashier_types(text: str, fen: int) -> None:
    assert Money.parse(text) == Money(fen)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "¥",
        ".",
        "12.505",
        "12a",
        "abc",
        "1,234.50",
        "12.5.0",
        "--1",
        "-¥-1",
        "1e3",
        "1000000000000",
    ],
)
def test_money_parse_rejects_garbage_with_money_invalid(text: str) -> None:
    with pytest.raises(PosError) as exc:
        Money.parse(text)
    assert exc.value.key == "money.invalid"
    assert exc.value.data == {"text": text}


@pytest.mark.parametrize(
    ("fen", "text"), [(1250, "12.50"), (1, "0.01"), (0, "0.00"), (-5, "-0.05"), (100000, "1000.00")]
)
def test_yuan_text_has_two_decimals_and_no_symbol(fen: int, text: str) -> None:
    assert Money(fen).yuan_text() == text


@pytest.mark.parametrize(
    ("fen", "locale", "text"),
    [
        (1250, "zh_CN", "¥12.50"),
        # Babel 2.18 marks the yuan as "¥" outside Chinese locales.
        (1250, "en_US", "¥12.50"),
        (123450, "zh_CN", "¥1,234.50"),
        (-123450, "en_US", "-¥1,234.50"),
        (0, "zh_CN", "¥0.00"),
    ],
)
def test_format_money_uses_babel_locale_rules(fen: int, locale: str, text: str) -> None:
    assert format_money(Money(fen), locale) == text


@given(st.integers(-(10**15), 10**15),
       st.sampled_from(["zh_CN", "en_US", "de_DE", "fr_FR", "ar_EG", "nl_NL", "hi_IN"]))
def test_format_money_is_babel_text_for_any_amount(fen: int, locale: str) -> None:
    # The shape read off Babel once must give Babel's text for every amount.
    assert format_money(Money(fen), locale) == _babel_text(fen, locale)


def test_till_locales_format_without_calling_babel_per_amount() -> None:
    assert _shape("zh_CN") is not None and _shape("en_US") is not None
    assert _shape("hi_IN") is None  # 1,00,000 grouping: Babel formats every amount


@pytest.mark.parametrize(
    ("num", "den", "q"),
    [(5, 10, 1), (4, 10, 0), (15, 10, 2), (14, 10, 1), (-5, 10, -1), (-4, 10, 0), (0, 7, 0)],
)
def test_div_half_up_rounds_halves_away_from_zero(num: int, den: int, q: int) -> None:
    assert div_half_up(num, den) == q


@pytest.mark.parametrize(
    ("amount", "weights", "parts"),
    [
        (100, [1, 1, 1], [34, 33, 33]),
        (100, [1, 1, 1, 1, 1, 1], [17, 17, 17, 17, 16, 16]),
        (10, [5, 0, 5], [5, 0, 5]),
        (1, [1, 1], [1, 0]),
        (7, [0, 0, 0], [7, 0, 0]),
        (0, [3, 4], [0, 0]),
        (-100, [1, 1, 1], [-34, -33, -33]),
        (500, [1000, 2000, 7000], [50, 100, 350]),
        (0, [], []),
    ],
)
def test_allocate_splits_by_largest_remainder_earlier_index_wins_ties(
    amount: int, weights: list[int], parts: list[int]
) -> None:
    assert allocate(amount, weights) == parts


def test_allocate_refuses_negative_weights_and_nowhere_to_put_money() -> None:
    with pytest.raises(ValueError):
        allocate(10, [1, -1])
    with pytest.raises(ValueError):
        allocate(10, [])


@given(st.integers(-(10**12), 10**12))
def test_money_parse_round_trips_yuan_text_and_symbol(fen: int) -> None:
    m = Money(fen)
    assert Money.parse(m.yuan_text()) == m
    assert Money.parse("¥" + m.yuan_text()) == m


@given(st.integers(0, 10**9))
def test_money_parse_round_trips_zh_cn_format_without_grouping(fen: int) -> None:
    text = format_money(Money(fen), "zh_CN")
    assert Money.parse(text.replace(",", "")) == Money(fen)


@given(st.text(max_size=30))
def test_money_parse_never_fails_with_anything_but_pos_error(text: str) -> None:
    try:
        Money.parse(text)
    except PosError as exc:
        assert exc.key == "money.invalid"


@given(st.integers(-(10**9), 10**9), st.lists(st.integers(0, 10**6), min_size=1, max_size=30))
def test_allocations_sum_exactly_and_stay_within_one_fen_of_exact_share(
    amount: int, weights: list[int]
) -> None:
    parts = allocate(amount, weights)
    assert sum(parts) == amount
    total = sum(weights)
    if total:
        for part, w in zip(parts, weights, strict=True):
            assert abs(part * total - amount * w) < total


@given(st.integers(-(10**15), 10**15), st.integers(-(10**6), 10**6).filter(bool))
def test_div_half_up_matches_decimal_round_half_up(num: int, den: int) -> None:
    expected = (Decimal(num) / Decimal(den)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert div_half_up(num, den) == int(expected)
