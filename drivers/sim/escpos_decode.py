"""Decode the ESC/POS commands our encoder emits back into what a printer would print.

Used by the printer simulator (``pos-sim printer`` renders each job) and by the tests, which
decode our own bytes to check text, alignment, totals, drawer pulses and raster slices.
``strict`` raises on a command we never emit; otherwise it is skipped byte by byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """A printed text line with its alignment (0 left, 1 centre, 2 right) and emphasis."""

    text: str
    align: int
    bold: bool


@dataclass
class Raster:
    """A ``GS v 0`` raster slice: ``width_bytes`` × 8 dots wide, ``height`` dots high."""

    width_bytes: int
    height: int
    data: bytes


Item = tuple[str, object]  # ("text", Line) | ("raster", Raster) | ("barcode"|"qr", str)


@dataclass
class Decoded:
    """Everything a job asked the printer to do, in order (``items``) and by kind."""

    items: list[Item] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    rasters: list[tuple[int, int]] = field(default_factory=list)  # (width bytes, height)
    barcodes: list[str] = field(default_factory=list)
    qrs: list[str] = field(default_factory=list)
    kicks: list[tuple[int, int, int]] = field(default_factory=list)
    chinese: list[bool] = field(default_factory=list)
    code_pages: list[int] = field(default_factory=list)
    cuts: int = 0
    inits: int = 0
    unknown: int = 0

    def texts(self) -> list[str]:
        """The text lines only."""
        return [line.text for line in self.lines]


@dataclass
class _Style:
    align: int = 0
    bold: bool = False


class UnknownCommand(ValueError):
    """A command the encoder never emits (strict decoding only)."""


def decode(data: bytes, encoding: str, *, strict: bool = True) -> Decoded:
    """Decode ``data`` printed in ``encoding`` (gb18030, gbk, big5, cp437, ...)."""
    out = Decoded()
    state = _Style()
    text = bytearray()
    i = 0

    def flush() -> None:
        line = Line(text.decode(encoding, "replace"), state.align, state.bold)
        out.lines.append(line)
        out.items.append(("text", line))
        text.clear()

    while i < len(data):
        b = data[i]
        if b == 0x0A:
            flush()
            i += 1
        elif b == 0x1B and i + 1 < len(data):
            i = _esc(data, i, out, state, strict)
        elif b == 0x1C and i + 1 < len(data):
            out.chinese.append(data[i + 1] == ord("&"))
            i += 2
        elif b == 0x1D and i + 1 < len(data):
            i = _gs(data, i, out, strict)
        elif b == 0x10:
            i += 3  # DLE EOT n: a status request
        else:
            text.append(b)
            i += 1
    if text:
        flush()
    return out


def _unknown(out: Decoded, strict: bool, what: str, i: int) -> int:
    if strict:
        raise UnknownCommand(f"unknown {what} at {i}")
    out.unknown += 1
    return i + 1


def _esc(data: bytes, i: int, out: Decoded, state: _Style, strict: bool) -> int:
    cmd = data[i + 1]
    if cmd == ord("@"):
        out.inits += 1
        return i + 2
    if cmd == ord("a"):
        state.align = data[i + 2]
        return i + 3
    if cmd == ord("E"):
        state.bold = bool(data[i + 2])
        return i + 3
    if cmd == ord("t"):
        out.code_pages.append(data[i + 2])
        return i + 3
    if cmd == ord("d"):
        return i + 3
    if cmd == ord("p"):
        out.kicks.append((data[i + 2], data[i + 3], data[i + 4]))
        return i + 5
    return _unknown(out, strict, f"ESC {cmd:#x}", i)


def _gs(data: bytes, i: int, out: Decoded, strict: bool) -> int:
    cmd = data[i + 1]
    if cmd == ord("V"):
        out.cuts += 1
        return i + 3
    if cmd in (ord("h"), ord("w"), ord("H")):
        return i + 3
    if cmd == ord("k") and data[i + 2] == 73:
        n = data[i + 3]
        value = data[i + 4 : i + 4 + n]
        code = _code128_text(value)
        out.barcodes.append(code)
        out.items.append(("barcode", code))
        return i + 4 + n
    if cmd == ord("(") and data[i + 2] == ord("k"):
        n = data[i + 3] | data[i + 4] << 8
        body = data[i + 5 : i + 5 + n]
        if body[1:2] == b"P":
            qr = body[3:].decode("utf-8", "replace")
            out.qrs.append(qr)
            out.items.append(("qr", qr))
        return i + 5 + n
    if cmd == ord("v") and data[i + 2] == ord("0"):
        xb = data[i + 4] | data[i + 5] << 8
        h = data[i + 6] | data[i + 7] << 8
        out.rasters.append((xb, h))
        out.items.append(("raster", Raster(xb, h, bytes(data[i + 8 : i + 8 + xb * h]))))
        return i + 8 + xb * h
    return _unknown(out, strict, f"GS {cmd:#x}", i)


def _code128_text(data: bytes) -> str:
    """The value of ``GS k 73`` data: ``{B`` text, ``{C`` digit pairs, ``{{`` a brace."""
    out, code, i = [], "", 0
    while i < len(data):
        if data[i] == 0x7B and i + 1 < len(data) and data[i + 1] != 0x7B:
            code = chr(data[i + 1])
            i += 2
            continue
        if data[i] == 0x7B:
            i += 1  # "{{": the brace itself follows
        out.append(f"{data[i]:02d}" if code == "C" else chr(data[i]))
        i += 1
    return "".join(out)
