"""Cash denominations and counts: exact totals in fen, bad counts refused with keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.cash import (
    BY_CODE,
    DENOMINATIONS,
    MAX_PIECES,
    CashCount,
    check_pieces,
    denomination,
    parse_cash_count,
    parse_pieces,
)
from pos_app.core.errors import PosError
from pos_app.core.money import Money

# Face values in fen, written out by hand rather than read from the table under test.
FACE_FEN = {"note_100": 10_000, "note_50": 5_000, "note_20": 2_000, "note_10": 1_000,
            "note_5": 500, "note_1": 100, "coin_1": 100, "coin_0_5": 50, "coin_0_1": 10}


def cash_counts() -> st.SearchStrategy[dict[str, int]]:
    return st.dictionaries(st.sampled_from(sorted(FACE_FEN)), st.integers(0, MAX_PIECES))


def test_the_table_holds_the_notes_and_coins_in_circulation() -> None:
    assert {d.code: d.fen for d in DENOMINATIONS} == FACE_FEN
    assert [d.yuan_label() for d in DENOMINATIONS] == [
        "100", "50", "20", "10", "5", "1", "1", "0.5", "0.1"]


def test_one_yuan_note_and_coin_are_counted_apart_but_worth_the_same() -> None:
    note, coin = denomination("note_1"), denomination("coin_1")
    assert (note.form, coin.form) == ("note", "coin")
    assert note.value == coin.value == Money(100)
    count = CashCount.of({"note_1": 3, "coin_1": 4})
    assert (count.pieces("note_1"), count.pieces("coin_1")) == (3, 4)
    assert count.total == Money(700)
    assert (count.form_total("note"), count.form_total("coin")) == (Money(300), Money(400))


def test_a_till_drawer_adds_up_to_the_fen() -> None:
    count = CashCount.of({"note_100": 7, "note_20": 3, "note_5": 1, "coin_0_5": 3,
                          "coin_0_1": 7})
    # 700 + 60 + 5 + 1.50 + 0.70
    assert count.total == Money(76_720)
    assert [(line.denomination.code, line.pieces, line.amount) for line in count.lines()] == [
        ("note_100", 7, Money(70_000)), ("note_20", 3, Money(6_000)), ("note_5", 1, Money(500)),
        ("coin_0_5", 3, Money(150)), ("coin_0_1", 7, Money(70))]


def test_counts_entered_in_any_order_or_with_zero_rows_are_equal() -> None:
    a = CashCount.of({"coin_0_1": 2, "note_100": 1, "note_50": 0})
    b = CashCount((("note_100", 1), ("coin_0_1", 2)))
    assert a == b and a.counts == (("note_100", 1), ("coin_0_1", 2))
    assert a.as_dict() == {"note_100": 1, "coin_0_1": 2}
    assert CashCount().total == Money(0) and CashCount().lines() == ()


@given(cash_counts())
def test_total_is_pieces_times_face_value(pieces: dict[str, int]) -> None:
    count = CashCount.of(pieces)
    assert count.total.fen == sum(FACE_FEN[c] * n for c, n in pieces.items())
    assert count.total == count.form_total("note") + count.form_total("coin")
    assert Money.sum(line.amount for line in count.lines()) == count.total


@given(cash_counts())
def test_typed_count_reads_back_as_the_same_count(pieces: dict[str, int]) -> None:
    typed = {code: str(n) for code, n in pieces.items()}
    assert parse_cash_count(typed) == CashCount.of(pieces)


def test_typed_fields_allow_blanks_spaces_and_full_width_digits() -> None:
    count = parse_cash_count({"note_100": " １２ ", "note_50": "", "coin_0_1": "007"})
    assert count.as_dict() == {"note_100": 12, "coin_0_1": 7}


@pytest.mark.parametrize(
    ("text", "key", "extra"),
    [
        ("-3", "cash.count_negative", {"count": "-3"}),
        ("1.5", "cash.count_invalid", {"text": "1.5"}),
        ("abc", "cash.count_invalid", {"text": "abc"}),
        ("1e3", "cash.count_invalid", {"text": "1e3"}),
        ("10001", "cash.count_too_large", {"count": "10001", "max": MAX_PIECES}),
        ("9" * 5000, "cash.count_too_large", {"count": "9" * 5000, "max": MAX_PIECES}),
    ],
)
def test_bad_typed_counts_are_refused_with_keys(
        text: str, key: str, extra: dict[str, object]) -> None:
    with pytest.raises(PosError) as exc:
        parse_pieces("note_20", text)
    assert exc.value.key == key
    assert exc.value.data == {"denomination": "note_20", "yuan": "20", **extra}


def test_the_most_pieces_of_one_denomination_is_allowed() -> None:
    assert parse_pieces("coin_0_1", "10000") == MAX_PIECES
    assert parse_pieces("coin_0_1", "0000010000") == MAX_PIECES


@pytest.mark.parametrize(
    ("pieces", "key"),
    [(-1, "cash.count_negative"), (MAX_PIECES + 1, "cash.count_too_large"),
     (2.0, "cash.count_invalid"), (True, "cash.count_invalid"), ("3", "cash.count_invalid")],
)
def test_bad_stored_counts_are_refused_with_keys(pieces: object, key: str) -> None:
    with pytest.raises(PosError) as exc:
        check_pieces("coin_0_5", pieces)
    assert exc.value.key == key and exc.value.data["yuan"] == "0.5"
    with pytest.raises(PosError):
        CashCount((("coin_0_5", pieces),))  # type: ignore[arg-type]  # bad on purpose


def test_one_bad_field_refuses_the_whole_count() -> None:
    with pytest.raises(PosError) as exc:
        parse_cash_count([("note_100", "3"), ("note_10", "x"), ("coin_1", "4")])
    assert (exc.value.key, exc.value.data["denomination"]) == ("cash.count_invalid", "note_10")


def test_an_unknown_denomination_is_refused() -> None:
    with pytest.raises(PosError) as exc:
        CashCount.of({"note_2": 1})
    assert (exc.value.key, exc.value.data) == ("cash.denomination_unknown", {"code": "note_2"})
    with pytest.raises(PosError):
        parse_cash_count({"coin_5": "1"})


def test_a_denomination_counted_twice_is_a_bug() -> None:
    with pytest.raises(ValueError, match="twice"):
        CashCount((("note_5", 1), ("note_5", 2)))


def test_codes_are_the_stored_names() -> None:
    # Stored counts keep these codes: changing one would orphan every count already saved.
    assert list(BY_CODE) == ["note_100", "note_50", "note_20", "note_10", "note_5", "note_1",
                             "coin_1", "coin_0_5", "coin_0_1"]
