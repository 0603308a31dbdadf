"""Render what a simulated printer received as the paper would look (PNG) and as text.

Text lines go through the same renderer as the app's image mode (``drivers.printer.raster``),
raster slices are pasted as sent, barcodes and QR codes are drawn again from their values.
"""

from __future__ import annotations

from PIL import Image, ImageOps

from drivers.printer.raster import MARGIN, render_block, to_png
from drivers.printer.receipt_layout import Align, BarcodeBlock, QrBlock, TextLine, clip, pad
from drivers.sim.escpos_decode import Decoded, Line, Raster, decode

_ALIGN: dict[int, Align] = {0: "left", 1: "center", 2: "right"}


def _raster_image(raster: Raster) -> Image.Image:
    # ESC/POS raster bits: 1 = a black dot; Pillow's mode "1": 1 = white.
    img = Image.frombytes("1", (raster.width_bytes * 8, raster.height), raster.data)
    return ImageOps.invert(img.convert("L"))


def render_decoded(decoded: Decoded, *, width_px: int, columns: int) -> Image.Image:
    """The decoded job as one greyscale image ``width_px`` wide."""
    parts: list[Image.Image] = []
    for kind, value in decoded.items:
        if kind == "text" and isinstance(value, Line):
            text = pad(clip(value.text.rstrip(), columns), columns, _ALIGN.get(value.align, "left"))
            block = TextLine(text, value.bold)
            parts.append(render_block(block, width_px=width_px, columns=columns))
        elif kind == "raster" and isinstance(value, Raster):
            parts.append(_raster_image(value))
        elif kind == "barcode" and isinstance(value, str):
            parts.append(render_block(BarcodeBlock(value), width_px=width_px, columns=columns))
        elif kind == "qr" and isinstance(value, str):
            parts.append(render_block(QrBlock(value), width_px=width_px, columns=columns))
    height = sum(p.height for p in parts) + 2 * MARGIN
    img = Image.new("L", (width_px, max(height, 1)), 255)
    y = MARGIN
    for part in parts:
        img.paste(part, (0, y))
        y += part.height
    return img


def render_job_png(data: bytes, *, encoding: str, width_px: int = 576, columns: int = 48) -> bytes:
    """PNG of one print job's bytes (unknown commands are skipped, not fatal)."""
    decoded = decode(data, encoding, strict=False)
    return to_png(render_decoded(decoded, width_px=width_px, columns=columns))


def job_text(data: bytes, *, encoding: str) -> str:
    """The job's text lines, as a terminal would show them."""
    return "\n".join(decode(data, encoding, strict=False).texts())
