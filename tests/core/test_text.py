"""The one text validator: control characters and lone surrogates are refused, repairs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.errors import PosError
from pos_app.core.text import REPLACEMENT, first_bad_char, repair_text, repair_value, require_clean


@pytest.mark.parametrize(("text", "at"), [
    ("Cola\x00Zero", 4), ("\x1b[31m", 0), ("tab\there", 3), ("line\nbreak", 4),
    ("del\x7f", 3), ("c1\x85", 2), ("c1\x9f", 2), ("lone\ud800", 4), ("lone\udfff", 4),
])
def test_control_characters_and_lone_surrogates_are_found(text: str, at: int) -> None:
    assert first_bad_char(text) == at


@pytest.mark.parametrize("text", ["可口可乐 零度", "Cola Zero 330ml", "¥12.50 × 2 · 折", "😀",
                                  "\u00a0nbsp", ""])
def test_ordinary_text_is_clean(text: str) -> None:
    assert first_bad_char(text) is None


def test_tab_and_newline_only_in_a_multi_line_field() -> None:
    assert first_bad_char("a\tb\nc", multiline=True) is None
    assert first_bad_char("a\r\x00", multiline=True) == 1


def test_require_clean_raises_the_callers_key_with_the_character_and_position() -> None:
    with pytest.raises(PosError) as err:
        require_clean("Cola\x00Zero", key="member.name_invalid")
    assert err.value.key == "member.name_invalid"
    assert err.value.data == {"char": "U+0000", "position": 5}


def test_repair_replaces_every_refused_character_inside_a_payload() -> None:
    payload = {"lines": [{"name": "Cola\x00Zero", "qty": 1}], "note\x01": "ok\ud800"}
    fixed, count = repair_value(payload)
    assert count == 3
    assert fixed == {"lines": [{"name": f"Cola{REPLACEMENT}Zero", "qty": 1}],
                     f"note{REPLACEMENT}": f"ok{REPLACEMENT}"}


@given(st.text())
def test_repaired_text_is_always_clean(text: str) -> None:
    fixed, count = repair_text(text)
    assert first_bad_char(fixed) is None
    assert (count == 0) == (fixed == text)
