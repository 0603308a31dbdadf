"""CD5220 bytes: two 20-cell lines per screen, amounts flush right, Chinese only when the
display can show it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.display import cd5220
from drivers.sim.pole_sim import PoleSim
from pos_app.core.money import Money


def test_item_screen_bytes() -> None:
    data = cd5220.item_screen("Fuji apples", "0.350kg", Money(448))
    assert data == (b"\x0c"
                    b"\x1bQA" b"Fuji apples         " b"\r"
                    b"\x1bQB" b"0.350kg         4.48" b"\r")


def test_total_then_change_screen_bytes() -> None:
    assert cd5220.total_screen(Money(8750), Money(0)) == (
        b"\x0c\x1bQA" b"TOTAL          87.50" b"\r\x1bQB" + b" " * 20 + b"\r")
    assert cd5220.change_screen(Money(10000), Money(1250)) == (
        b"\x0c\x1bQA" b"PAID          100.00" b"\r"
        b"\x1bQB" b"CHANGE         12.50" b"\r")


def test_setup_initialises_and_sets_brightness() -> None:
    assert cd5220.setup(2) == b"\x1b@\x1b\x11\x1b_\x00\x1b*\x02\x0c"
    assert cd5220.brightness(9) == b"\x1b*\x04"
    assert cd5220.move_cursor(21, 0) == b"\x1bl\x14\x01"


def test_long_name_is_cut_and_amount_is_never_cut() -> None:
    line = cd5220.left_right("A very long product name indeed", "1234.56")
    assert line == b"A very long  1234.56"
    assert len(line) == cd5220.WIDTH


@pytest.mark.parametrize(("name", "name_en", "encoding", "shown"), [
    ("红富士苹果", "Fuji apples", "ascii", "Fuji apples"),
    ("红富士苹果", "", "ascii", "SKU-1"),
    ("Coca-Cola", "", "ascii", "Coca-Cola"),
    ("红富士苹果", "Fuji apples", "gb18030", "红富士苹果"),
    ("红富士苹果", "Fuji apples", "gbk", "红富士苹果"),
])
def test_pole_name_falls_back_to_english_then_sku_on_ascii_displays(
    name: str, name_en: str, encoding: str, shown: str
) -> None:
    assert cd5220.pole_name(name, name_en, "SKU-1", encoding=encoding) == shown


def test_chinese_on_a_gb18030_display_takes_two_cells_and_is_cut_on_a_character() -> None:
    line = cd5220.fit("红富士苹果红富士苹果多", encoding="gb18030")
    assert len(line) == 20
    assert line.decode("gb18030") == "红富士苹果红富士苹果"
    odd = cd5220.left_right("红富士苹果", "12.80", encoding="gb18030")
    assert len(odd) == 20 and odd.decode("gb18030").endswith("12.80")


def test_full_width_text_is_folded_and_unknown_characters_become_question_marks() -> None:
    assert cd5220.encode_text("ＡＢＣ１２３") == b"ABC123"
    assert cd5220.encode_text("欢迎 Welcome") == b"?? Welcome"
    assert cd5220.encode_text("a\tb\x07") == b"a b "


@given(st.text(max_size=40), st.text(max_size=12),
       st.sampled_from(["ascii", "gb18030", "gbk"]))
def test_every_line_is_exactly_the_display_width(left: str, right: str, enc: str) -> None:
    assert len(cd5220.left_right(left, right, encoding=enc)) == cd5220.WIDTH
    assert len(cd5220.fit(left, encoding=enc)) == cd5220.WIDTH


def test_pole_sim_shows_what_a_display_would() -> None:
    sim = PoleSim(encoding="gb18030")
    sim.feed(cd5220.setup() + cd5220.item_screen("红富士苹果", "0.350kg", Money(448),
                                                 encoding="gb18030"))
    assert sim.lines == ("红富士苹果", "0.350kg         4.48")
    sim.feed(cd5220.CLEAR)
    assert sim.lines == ("", "")
