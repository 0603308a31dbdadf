"""The image mode's character grid, measured on the image: a character of one column gets
exactly one half-cell, two columns a full cell, and Latin letters are drawn whole inside
their own cells (not squeezed or cut, so "Time" never reads "Tirne")."""

from __future__ import annotations

import pytest
from PIL import Image

from drivers.printer import raster
from drivers.printer.charset import cells, char_cells
from drivers.printer.receipt_layout import TextLine

TEXT = "Time 500ml welcome 合计"
INK = 128  # what the printer prints black (raster_commands' threshold)


def _level(grey: Image.Image, x: int, y: int) -> int:
    """The grey level of a pixel of an "L" image."""
    value = grey.getpixel((x, y))
    assert isinstance(value, int), value
    return value


def _ink_columns(img: Image.Image) -> set[int]:
    grey = img.convert("L")
    return {x for x in range(grey.width)
            if any(_level(grey, x, y) < INK for y in range(grey.height))}


def _spans(text: str, cell: float, encoding: str) -> list[tuple[str, int, int]]:
    """Each character with the pixel columns [start, end) of its cells."""
    out, col = [], 0
    for c in text:
        w = char_cells(c, encoding)
        out.append((c, round(col * cell), round((col + w) * cell)))
        col += w
    return out


def _render(text: str, width_px: int, columns: int, encoding: str) -> Image.Image:
    return raster.render_text(TextLine(text), width_px=width_px, columns=columns,
                              encoding=encoding)


GRIDS = [(384, 32), (576, 48), (576, 42)]  # 58 mm; 80 mm at 48 and 42 columns


@pytest.mark.parametrize(("width_px", "columns"), GRIDS)
@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_a_line_of_n_columns_is_n_half_cells_wide(width_px: int, columns: int,
                                                  encoding: str) -> None:
    cell = width_px / columns
    assert _render(TEXT, width_px, columns, encoding).width == round(cell * cells(TEXT, encoding))
    full = TEXT + "x" * (columns - cells(TEXT, encoding))
    assert _render(full, width_px, columns, encoding).width == width_px


@pytest.mark.parametrize(("width_px", "columns"), GRIDS)
def test_every_character_inks_only_its_own_cells(width_px: int, columns: int) -> None:
    cell, enc = width_px / columns, "gb18030"
    line = _ink_columns(_render(TEXT, width_px, columns, enc))
    union: set[int] = set()
    for k, (c, start, end) in enumerate(_spans(TEXT, cell, enc)):
        if c == " ":
            continue
        alone = "".join(x if j == k else " " * char_cells(x, enc) for j, x in enumerate(TEXT))
        ink = _ink_columns(_render(alone, width_px, columns, enc))
        assert ink, c
        assert min(ink) >= start and max(ink) < end, (c, start, end, sorted(ink))
        union |= ink
    assert line == union  # nothing drawn across a neighbour, nothing cut by one


@pytest.mark.parametrize(("width_px", "columns"), GRIDS)
def test_neighbouring_letters_never_touch(width_px: int, columns: int) -> None:
    cell, enc = width_px / columns, "gb18030"
    text = "mmWWwwMM%%@@ml"
    ink = _ink_columns(_render(text, width_px, columns, enc))
    for (_, _, end), (_, start, _) in zip(_spans(text, cell, enc), _spans(text, cell, enc)[1:],
                                          strict=False):
        assert end == start
        assert not (end - 1 in ink and start in ink), (end, sorted(ink))


@pytest.mark.parametrize(("width_px", "columns"), GRIDS)
def test_m_has_its_full_width_and_three_stems(width_px: int, columns: int) -> None:
    cell = width_px / columns
    img = _render("m", width_px, columns, "gb18030").convert("L")
    ink = _ink_columns(img)
    assert max(ink) - min(ink) + 1 >= 0.7 * cell  # as wide as a half-cell allows
    # Through the middle of the x-height: three stems, not the two of an "n" ("rn").
    rows = [y for y in range(img.height) if any(_level(img, x, y) < INK
                                                for x in range(img.width))]
    y = (rows[0] + rows[-1]) // 2 + 1
    dark = [_level(img, x, y) < INK for x in range(img.width)]
    stems = sum(1 for x, d in enumerate(dark) if d and (x == 0 or not dark[x - 1]))
    assert stems == 3

