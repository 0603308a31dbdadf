"""A second, independent reading of ESC/POS bytes, written from the command reference and not
from our encoder or ``drivers.sim.escpos_decode``: what a CJK thermal printer would put on paper.

Columns are counted the way the printer counts them, from the bytes: in a CJK mode a lead byte
0x81–0xFE starts a double-byte character (GB18030: a four-byte one when the second byte is a
digit 0x30–0x39), which prints two columns wide; every other byte is one column. Python's
codecs are used only to turn a line into readable text for messages and ``?`` checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# CODE128: 11 modules a symbol (start, data, code switches, check), 13 for the stop.
_SYMBOL = 11
_STOP = 13


@dataclass
class Paper:
    """What came out: text lines as raw bytes, barcode widths and raster widths in dots."""

    lines: list[bytes] = field(default_factory=list)
    barcode_dots: list[int] = field(default_factory=list)
    barcode_values: list[str] = field(default_factory=list)
    raster_dots: list[int] = field(default_factory=list)
    qr_count: int = 0


def columns(raw: bytes, encoding: str) -> int:
    """Printed columns of one line of ``raw`` bytes in a CJK (``encoding``) or one-byte mode."""
    cjk = encoding in ("gb18030", "gbk", "big5")
    cols = i = 0
    while i < len(raw):
        b = raw[i]
        if cjk and 0x81 <= b <= 0xFE and i + 1 < len(raw):
            four = encoding == "gb18030" and 0x30 <= raw[i + 1] <= 0x39
            i += 4 if four else 2
            cols += 2
        else:
            i += 1
            cols += 1
    return cols


def _code128(data: bytes) -> tuple[int, str]:
    """Symbols (start + data + switches + check) and the value of ``GS k 73`` data."""
    symbols, value, code, i = 2, [], "", 0
    while i < len(data):
        if data[i] == ord("{") and i + 1 < len(data):
            sel = chr(data[i + 1])
            i += 2
            if sel == "{":
                value.append("{")
                symbols += 1
                continue
            if sel in "ABC":
                symbols += 1 if code else 0  # the first selects the start code
                code = sel
            else:
                symbols += 1  # FNC / shift
            continue
        if code == "C":
            value.append(f"{data[i]:02d}")
        else:
            value.append(chr(data[i]))
        symbols += 1
        i += 1
    return symbols, "".join(value)


def read(data: bytes) -> Paper:
    """Walk ``data`` command by command; unknown commands raise (nothing may be skipped)."""
    paper = Paper()
    text = bytearray()
    module = 3  # GS w default on most printers
    i = 0
    while i < len(data):
        b = data[i]
        if b == 0x0A:
            paper.lines.append(bytes(text))
            text.clear()
            i += 1
        elif b == 0x1B:  # ESC
            cmd = chr(data[i + 1])
            i += {"@": 2, "a": 3, "E": 3, "t": 3, "d": 3, "p": 5, "!": 3}[cmd]
        elif b == 0x1C:  # FS & / FS .
            assert chr(data[i + 1]) in "&.", data[i:i + 2]
            i += 2
        elif b == 0x1D:  # GS
            cmd = chr(data[i + 1])
            if cmd == "w":
                module = data[i + 2]
                i += 3
            elif cmd in "hHV":
                i += 3
            elif cmd == "k":
                assert data[i + 2] == 73, "CODE128 expected"
                n = data[i + 3]
                symbols, value = _code128(data[i + 4:i + 4 + n])
                paper.barcode_dots.append((symbols * _SYMBOL + _STOP) * module)
                paper.barcode_values.append(value)
                i += 4 + n
            elif cmd == "(":
                n = data[i + 3] | data[i + 4] << 8
                if data[i + 6] == ord("Q"):
                    paper.qr_count += 1
                i += 5 + n
            elif cmd == "v":
                xb = data[i + 4] | data[i + 5] << 8
                h = data[i + 6] | data[i + 7] << 8
                paper.raster_dots.append(xb * 8)
                i += 8 + xb * h
            else:
                raise ValueError(f"GS {cmd!r} at {i}")
        elif b == 0x10:  # DLE EOT n
            i += 3
        else:
            text.append(b)
            i += 1
    if text:
        paper.lines.append(bytes(text))
    return paper
