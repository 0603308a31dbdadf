"""Layout → one Pillow image with a CJK monospace font; the image mode and the PNG preview
share it.

Characters sit on the same cell grid as the text path: each one is drawn whole inside its
own cells (a one-column character in one half-cell, a wide one in a whole cell), so a preview
shows exactly what the printer lays out and Latin letters are never squeezed into each other.
``raster_commands`` slices an image into ``GS v 0`` blocks of a configurable height.
"""

from __future__ import annotations

import io
import subprocess
from functools import lru_cache
from math import ceil, floor
from pathlib import Path

import segno
from barcode.codex import Code128
from PIL import Image, ImageDraw, ImageFont, ImageOps

from drivers.printer.charset import cells as text_cells
from drivers.printer.receipt_layout import BarcodeBlock, Block, QrBlock, ReceiptLayout, TextLine

GS_V0 = b"\x1dv0\x00"  # GS v 0, m=0 (normal density)
# A CJK monospace font: Latin glyphs are drawn for exactly half the width of a Chinese one,
# so a one-column character fills one half-cell unsqueezed. Noto's collection holds it next
# to the proportional faces (Debian: fonts-noto-cjk).
MONO_FAMILIES = ("Noto Sans Mono CJK SC", "WenQuanYi Zen Hei Mono", "Sarasa Mono SC")
KNOWN_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)
BARCODE_HEIGHT = 72
MARGIN = 8


def _face_index(path: str, family: str) -> int | None:
    """The index of ``family`` in the font collection at ``path`` (None when absent)."""
    for index in range(32):
        try:
            name = ImageFont.truetype(path, 12, index=index).getname()[0]
        except OSError:
            return None  # past the last face, or not a font
        if name == family:
            return index
    return None


@lru_cache(maxsize=1)
def cjk_font() -> tuple[str, int]:
    """Path and face index of a CJK monospace font (Noto Sans Mono CJK SC), found once;
    a proportional CJK font when no monospace one is installed."""
    for path in KNOWN_FONTS:
        if Path(path).is_file():
            index = _face_index(path, MONO_FAMILIES[0])
            if index is not None:
                return path, index
    for family in (*MONO_FAMILIES, "Noto Sans CJK SC"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}:%{index}:%{family}", family],
                                 capture_output=True, text=True, timeout=5, check=False).stdout
            found, face, families = out.split(":", 2)
            if family in families.split(",") and Path(found).is_file():
                return found, int(face or 0)
        except (OSError, ValueError, subprocess.SubprocessError):
            continue
    raise FileNotFoundError("no CJK font found (install fonts-noto-cjk)")


@lru_cache(maxsize=16)
def _font(size: int, bold: bool) -> tuple[ImageFont.FreeTypeFont, bool]:
    """The font at ``size`` and whether it is really bold (else bold is drawn twice)."""
    path, index = cjk_font()
    bold_path = path.replace("-Regular.", "-Bold.")
    if bold and bold_path != path and Path(bold_path).is_file():
        try:
            return ImageFont.truetype(bold_path, size, index=index), True
        except OSError:
            pass
    return ImageFont.truetype(path, size, index=index), False


@lru_cache(maxsize=4096)
def _glyph(char: str, box_w: int, line_h: int, size: int, bold: bool) -> Image.Image:
    # One mask per character and cell size: pasting is much cheaper than drawing text. The
    # mask is exactly the character's cells, so no ink ever reaches a neighbour's.
    font, real_bold = _font(size, bold)
    smear = 1 if bold and not real_bold else 0
    advance = max(1, ceil(font.getlength(char))) + smear
    y = round(line_h * 0.8)  # baseline: room for CJK tops and Latin descenders
    wide = Image.new("L", (advance, line_h), 0)
    draw = ImageDraw.Draw(wide)
    for dx in range(smear + 1):
        draw.text((dx, y), char, font=font, fill=255, anchor="ls")
    if advance > box_w:
        # Wider than its cells (a symbol the font draws full-width in one column, or a
        # proportional fallback font): narrowed to fit, never cut.
        return wide.resize((box_w, line_h), Image.Resampling.LANCZOS)
    img = Image.new("L", (box_w, line_h), 0)
    img.paste(wide, ((box_w - advance) // 2, 0))
    return img


def _grid(width_px: int, columns: int) -> tuple[float, int, int]:
    """Cell width, font size and line height for ``columns`` half-cells across ``width_px``.

    A half-width glyph of the monospace font is half its size; one dot less than the
    narrowest half-cell leaves a gutter, so neighbouring letters never touch."""
    cell = width_px / columns
    size = 2 * (floor(cell) - 1)
    return cell, size, round(cell * 2.5)


def render_text(line: TextLine, *, width_px: int, columns: int,
                encoding: str | None = None) -> Image.Image:
    """``line`` on the cell grid (``columns`` half-cells across ``width_px``): a character of
    one column gets exactly one half-cell, of two a whole cell; the image is as wide as the
    line's columns (cells counted as the layout counted them, ``encoding``)."""
    cell, size, line_h = _grid(width_px, columns)
    img = Image.new("L", (max(round(cell * text_cells(line.text, encoding)), 1), line_h), 255)
    col = 0
    for c in line.text:
        w = text_cells(c, encoding)
        left, right = round(col * cell), round((col + w) * cell)
        if c != " " and w:
            img.paste(0, (left, 0), _glyph(c, right - left, line_h, size, line.bold))
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
    text = render_text(block, width_px=width_px, columns=columns, encoding=encoding)
    row = Image.new("L", (width_px, text.height), 255)
    row.paste(text, (0, 0))
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

