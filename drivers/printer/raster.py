"""Layout → one Pillow image with a CJK font; the image mode and the PNG preview share it.

Characters sit on the same cell grid as the text path (a wide character takes two cells), so
a preview shows exactly what the printer lays out. ``raster_commands`` slices an image into
``GS v 0`` blocks of a configurable height.
"""

from __future__ import annotations

import io
import subprocess
from functools import lru_cache
from pathlib import Path

import segno
from barcode.codex import Code128
from PIL import Image, ImageDraw, ImageFont, ImageOps

from drivers.printer.charset import cells as text_cells
from drivers.printer.receipt_layout import BarcodeBlock, Block, QrBlock, ReceiptLayout, TextLine

GS_V0 = b"\x1dv0\x00"  # GS v 0, m=0 (normal density)
KNOWN_FONTS = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # index 2 = SC
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2),
)
BARCODE_HEIGHT = 72
MARGIN = 8


@lru_cache(maxsize=1)
def cjk_font() -> tuple[str, int]:
    """Path and face index of a CJK font (Noto Sans CJK SC), found once."""
    for path, index in KNOWN_FONTS:
        if Path(path).is_file():
            return path, index
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}:%{index}", "Noto Sans CJK SC"],
                             capture_output=True, text=True, timeout=5, check=False).stdout
        found, _, face = out.rpartition(":")
        if found and Path(found).is_file():
            return found, int(face or 0)
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    raise FileNotFoundError("no CJK font found (install fonts-noto-cjk)")


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    path, index = cjk_font()
    return ImageFont.truetype(path, size, index=index)


@lru_cache(maxsize=4096)
def _glyph(char: str, box_w: int, line_h: int, size: int, bold: bool) -> Image.Image:
    # One mask per character and cell size: pasting is much cheaper than drawing text.
    font = _font(size)
    img = Image.new("L", (box_w + 1, line_h), 0)
    x = (box_w - font.getlength(char)) / 2
    y = round(line_h * 0.8)  # baseline: room for CJK tops and Latin descenders
    draw = ImageDraw.Draw(img)
    draw.text((x, y), char, font=font, fill=255, anchor="ls")
    if bold:
        draw.text((x + 1, y), char, font=font, fill=255, anchor="ls")
    return img


def _text_line(line: TextLine, cell: float, line_h: int, size: int,
               encoding: str | None) -> Image.Image:
    width = round(cell * text_cells(line.text, encoding))
    img = Image.new("L", (max(width, 1), line_h), 255)
    col = 0
    for c in line.text:
        w = text_cells(c, encoding)
        if c != " " and w:
            box = round(cell * w)
            img.paste(0, (round(col * cell), 0), _glyph(c, box, line_h, size, line.bold))
        col += w
    return img


def _barcode(value: str, width_px: int) -> Image.Image:
    modules = Code128(value).build()[0]
    unit = max(1, min(3, (width_px - 2 * MARGIN) // max(len(modules), 1)))
    img = Image.new("L", (width_px, BARCODE_HEIGHT + MARGIN), 255)
    draw = ImageDraw.Draw(img)
    x0 = (width_px - unit * len(modules)) // 2
    for i, m in enumerate(modules):
        if m == "1":
            draw.rectangle((x0 + i * unit, MARGIN, x0 + (i + 1) * unit - 1,
                            MARGIN + BARCODE_HEIGHT - 1), fill=0)
    return img


def _qr(data: str, width_px: int) -> Image.Image:
    matrix = segno.make(data, error="m", micro=False).matrix
    n = len(matrix)
    scale = max(1, min(6, (width_px - 2 * MARGIN) // (n + 8)))
    side = n * scale
    img = Image.new("L", (width_px, side + 2 * MARGIN), 255)
    draw = ImageDraw.Draw(img)
    x0 = (width_px - side) // 2
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                draw.rectangle((x0 + c * scale, MARGIN + r * scale,
                                x0 + (c + 1) * scale - 1, MARGIN + (r + 1) * scale - 1), fill=0)
    return img


def render_block(block: Block, *, width_px: int, columns: int,
                 encoding: str | None = None) -> Image.Image:
    """One block as a greyscale image ``width_px`` wide (white background); text cells are
    counted as the layout counted them (``encoding``)."""
    if isinstance(block, BarcodeBlock):
        return _barcode(block.value, width_px)
    if isinstance(block, QrBlock):
        return _qr(block.data, width_px)
    cell = width_px / columns
    size = round(cell * 1.9)
    line_h = round(cell * 2.5)
    row = Image.new("L", (width_px, line_h), 255)
    row.paste(_text_line(block, cell, line_h, size, encoding), (0, 0))
    return row


def render_layout(layout: ReceiptLayout, *, width_px: int) -> Image.Image:
    """The whole receipt as one greyscale image ``width_px`` wide."""
    parts = [render_block(b, width_px=width_px, columns=layout.columns, encoding=layout.encoding)
             for b in layout.blocks]
    height = sum(p.height for p in parts) + 2 * MARGIN
    img = Image.new("L", (width_px, height), 255)
    y = MARGIN
    for part in parts:
        img.paste(part, (0, y))
        y += part.height
    return img


def to_png(img: Image.Image) -> bytes:
    """PNG bytes of ``img`` (the preview)."""
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def raster_commands(img: Image.Image, *, slice_height: int) -> bytes:
    """``GS v 0`` commands for ``img``, one per slice of at most ``slice_height`` rows."""
    # In mode "1" after inverting, a set bit is a black dot, as GS v 0 wants.
    mono = ImageOps.invert(img.convert("L")).point(lambda p: 255 if p >= 128 else 0).convert("1")
    width_bytes = (mono.width + 7) // 8
    out = bytearray()
    for top in range(0, mono.height, slice_height):
        part = mono.crop((0, top, width_bytes * 8, min(top + slice_height, mono.height)))
        out += GS_V0 + width_bytes.to_bytes(2, "little") + part.height.to_bytes(2, "little")
        out += part.tobytes()
    return bytes(out)
