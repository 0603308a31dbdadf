"""Label layout → ESC/POS page mode, for receipt printers loaded with label paper.

Epson's page mode: ``ESC L`` enters it, ``ESC W`` sets the print area (the label), text and
barcodes are placed at absolute positions (``ESC $`` across, ``GS $`` down, to the
baseline: the bottom of a character or of the bars), ``FF`` prints the page and returns to
standard mode, and ``GS FF`` feeds the next label to its print start.
"""

from __future__ import annotations

from drivers.labels.layout import LINE, LabelBarcode, LabelLayout, LabelText
from drivers.printer import code128

INIT = b"\x1b@"
CHINESE_ON = b"\x1c&"  # FS &
CHINESE_OFF = b"\x1c."  # FS .
PAGE_MODE = b"\x1bL"  # ESC L
AREA = b"\x1bW"  # ESC W xL xH yL yH dxL dxH dyL dyH
DIRECTION = b"\x1bT\x00"  # ESC T 0: left to right, top first
ABS_X = b"\x1b$"  # ESC $ nL nH
ABS_Y = b"\x1d$"  # GS $ nL nH (page mode only)
SIZE = b"\x1d!"  # GS ! n: width and height multipliers
BAR_HEIGHT = b"\x1dh"  # GS h n
BAR_WIDTH = b"\x1dw"  # GS w n
HRI_BELOW = b"\x1dH\x02"  # GS H 2
EAN13 = b"\x1dkC"  # GS k 67 n d1..dn
CODE128 = b"\x1dkI"  # GS k 73 n d1..dn
PRINT_PAGE = b"\x0c"  # FF: print, back to standard mode
NEXT_LABEL = b"\x1d\x0c"  # GS FF: feed to the next label's print start


def _u16(n: int) -> bytes:
    return n.to_bytes(2, "little")


def _at(x: int, baseline: int) -> bytes:
    return ABS_Y + _u16(baseline) + ABS_X + _u16(x)


def text_bytes(t: LabelText, encoding: str) -> bytes:
    """One text at its position, size set and reset."""
    size = bytes((((t.mul - 1) << 4) | (t.mul - 1),))
    return (_at(t.x, t.y + LINE * t.mul) + SIZE + size
            + t.text.encode(encoding, errors="replace") + SIZE + b"\x00")


def barcode_bytes(b: LabelBarcode) -> bytes:
    """The barcode with its bottom at ``y + height`` and its digits printed under it."""
    setup = BAR_HEIGHT + bytes((b.height,)) + BAR_WIDTH + bytes((b.narrow,)) + HRI_BELOW
    if b.symbology == "EAN13":
        data = EAN13 + bytes((len(b.value),)) + b.value.encode("ascii")
    else:
        payload, _ = code128.escpos_data(b.value)
        data = CODE128 + bytes((len(payload),)) + payload
    return setup + _at(b.x, b.y + b.height) + data


def encode_escpos_label(layout: LabelLayout, *, copies: int = 1) -> bytes:
    """``copies`` labels, each one page."""
    page = bytearray(PAGE_MODE + AREA + _u16(0) + _u16(0) + _u16(layout.width)
                     + _u16(layout.height) + DIRECTION)
    for t in layout.texts:
        page += text_bytes(t, layout.encoding)
    if layout.barcode is not None:
        page += barcode_bytes(layout.barcode)
    page += PRINT_PAGE + NEXT_LABEL
    return INIT + CHINESE_ON + bytes(page) * copies + CHINESE_OFF
