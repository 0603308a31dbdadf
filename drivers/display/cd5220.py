"""CD5220 pole display (2 × 20 VFD) command bytes and sale screens (pure).

Each screen is sent whole: ``CLR`` (which also leaves string mode) then ``ESC Q A`` upper
line ``CR`` and ``ESC Q B`` lower line ``CR``, each padded to the width.

Chinese: most pole displays have only an ASCII character ROM. With ``encoding="ascii"``
a product shows its English name when it has one, else its SKU (there is no pinyin
source here); other text is NFKC-folded (full-width → ASCII) and anything still not
encodable becomes ``?``. GB18030/GBK-capable VFDs (``encoding="gb18030"``) show Chinese
names; a CJK character takes two of the 20 cells (two bytes), and lines are cut on
character boundaries. Amounts are plain yuan (``12.50``): ``¥`` is not in the ROM.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from pos_app.core.money import Money

ESC = b"\x1b"
INIT = ESC + b"@"
CLEAR = b"\x0c"  # CLR: clear screen, leave string mode
CLEAR_LINE = b"\x18"  # CAN
HOME = b"\x0b"
OVERWRITE_MODE = ESC + b"\x11"
CURSOR_OFF = ESC + b"_\x00"
UPPER = ESC + b"QA"
LOWER = ESC + b"QB"
CR = b"\r"
WIDTH = 20


@dataclass(frozen=True, slots=True)
class PoleLabels:
    """Words on the pole; English by default (ASCII ROM). Pass translations for GB18030."""

    total: str = "TOTAL"
    paid: str = "PAID"
    change: str = "CHANGE"
    welcome: str = "WELCOME"


DEFAULT_LABELS = PoleLabels()


def brightness(level: int) -> bytes:
    """``ESC * n``, 1 (dim) … 4 (bright)."""
    return ESC + b"*" + bytes([min(max(level, 1), 4)])


def move_cursor(column: int, row: int) -> bytes:
    """``ESC l x y``: column 1–20, row 1–2."""
    return ESC + b"l" + bytes([min(max(column, 1), WIDTH), min(max(row, 1), 2)])


def setup(level: int = 4) -> bytes:
    """Initialise, overwrite mode, cursor off, brightness, blank screen."""
    return INIT + OVERWRITE_MODE + CURSOR_OFF + brightness(level) + CLEAR


def encode_text(text: str, encoding: str = "ascii") -> bytes:
    """Bytes for ``text`` in the display's character set; unknown characters become ``?``."""
    folded = unicodedata.normalize("NFKC", text).replace("\t", " ")
    folded = "".join(c if c.isprintable() else " " for c in folded)
    return folded.encode(encoding, errors="replace")


def fit(text: str, *, width: int = WIDTH, encoding: str = "ascii", right: bool = False) -> bytes:
    """``text`` cut to ``width`` cells on a character boundary and padded with spaces."""
    out = b""
    for ch in text:
        piece = encode_text(ch, encoding)
        if len(out) + len(piece) > width:
            break
        out += piece
    pad = b" " * (width - len(out))
    return pad + out if right else out + pad


def left_right(left: str, right: str, *, width: int = WIDTH, encoding: str = "ascii") -> bytes:
    """``left`` then ``right`` flush right; ``right`` (an amount) is never cut."""
    tail = encode_text(right, encoding)[:width]
    head_width = width - len(tail) - (1 if left and len(tail) < width else 0)
    head = fit(left, width=head_width, encoding=encoding) if head_width > 0 else b""
    return head + (b" " * (width - len(head) - len(tail))) + tail


def screen(upper: bytes, lower: bytes) -> bytes:
    """A whole screen from two fitted lines."""
    return CLEAR + UPPER + upper + CR + LOWER + lower + CR


def text_screen(line1: str, line2: str = "", *, encoding: str = "ascii") -> bytes:
    """Two lines of text (a welcome or promotional message)."""
    return screen(fit(line1, encoding=encoding), fit(line2, encoding=encoding))


def pole_name(name: str, name_en: str, sku: str, *, encoding: str = "ascii") -> str:
    """The product name the display can show: Chinese if it can, else English, else SKU."""
    for candidate in (name, name_en) if encoding != "ascii" else (name_en, name):
        if candidate and b"?" not in encode_text(candidate.replace("?", ""), encoding):
            return candidate
    return sku


def item_screen(name: str, qty_text: str, amount: Money, *, encoding: str = "ascii") -> bytes:
    """Last item scanned: name on top; quantity and line amount below."""
    return screen(fit(name, encoding=encoding),
                  left_right(qty_text, amount.yuan_text(), encoding=encoding))


def total_screen(
    total: Money, paid: Money, *, labels: PoleLabels = DEFAULT_LABELS, encoding: str = "ascii"
) -> bytes:
    """Total due on top; paid so far below (blank until something is paid)."""
    lower = (left_right(labels.paid, paid.yuan_text(), encoding=encoding) if paid
             else fit("", encoding=encoding))
    return screen(left_right(labels.total, total.yuan_text(), encoding=encoding), lower)


def change_screen(
    paid: Money, change: Money, *, labels: PoleLabels = DEFAULT_LABELS, encoding: str = "ascii"
) -> bytes:
    """After payment: paid on top, change below."""
    return screen(left_right(labels.paid, paid.yuan_text(), encoding=encoding),
                  left_right(labels.change, change.yuan_text(), encoding=encoding))
