"""The printer's character grid: columns counted in the printer's own bytes, and text made
printable in its encoding (simplified → traditional Chinese for Big5).

A CJK thermal printer prints every multi-byte character (two bytes, or four in GB18030) as a
full-width glyph two columns wide and every single byte one column wide. Unicode's width
disagrees for ``¥`` (four bytes in GB18030), ``×`` and ``·`` (A1C1, A1A4 in GBK/GB18030), so a
layout for a printer counts bytes. ``encoding=None`` counts Unicode widths (the screen).
A character the encoding lacks keeps its Unicode width: its line is printed as an image.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from wcwidth import wcwidth

# Python's Big5 codec spells the double-byte yen (0xA244) as U+00A5, not the full-width one.
_BIG5_FIXES = str.maketrans({"￥": "¥"})


@lru_cache(maxsize=65536)
def char_cells(c: str, encoding: str | None = None) -> int:
    """Columns the character ``c`` takes on a printer using ``encoding``."""
    if encoding is not None:
        try:
            n = len(c.encode(encoding))
        except UnicodeEncodeError:
            pass
        else:
            return 1 if n == 1 else 2
    return max(wcwidth(c), 0)


def cells(text: str, encoding: str | None = None) -> int:
    """Columns ``text`` takes on a printer using ``encoding`` (Unicode widths for ``None``)."""
    return sum(char_cells(c, encoding) for c in text)


def encodable(text: str, encoding: str) -> bool:
    """True when every character of ``text`` exists in ``encoding``."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=1)
def _to_traditional() -> Callable[[str], str] | None:
    try:
        import opencc
    except ImportError:
        return None  # without OpenCC the lines Big5 lacks go as images
    convert: Callable[[str], str] = opencc.OpenCC("s2tw").convert
    return convert


@lru_cache(maxsize=4096)
def printable(text: str, encoding: str | None) -> str:
    """``text`` as the printer should get it: traditional characters for Big5 (OpenCC's
    phrase-aware s2tw conversion, so 头发 → 頭髮 and 发票 → 發票)."""
    if encoding != "big5" or encodable(text, encoding):
        return text
    convert = _to_traditional()
    if convert is not None:
        text = convert(text)
    return text.translate(_BIG5_FIXES)
