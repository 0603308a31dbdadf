"""Label layout → a picture of the label (the preview and the screenshots), drawn on the
same dot grid the printer uses, with the receipt raster's CJK monospace font."""

from __future__ import annotations

from barcode.codex import Code128
from barcode.ean import EAN13
from PIL import Image, ImageDraw

from drivers.labels.layout import CELL, HRI, LINE, LabelBarcode, LabelLayout
from drivers.printer import raster
from drivers.printer.charset import cells
from drivers.printer.receipt_layout import TextLine


def _bars(b: LabelBarcode) -> str:
    return str(EAN13(b.value).build()[0] if b.symbology == "EAN13" else Code128(b.value).build()[0])


def render_label(layout: LabelLayout) -> Image.Image:
    """The label as a greyscale image, one pixel per printer dot, with a thin border."""
    img = Image.new("L", (layout.width, layout.height), 255)
    for t in layout.texts:
        n = max(cells(t.text, layout.encoding), 1)
        part = raster.render_text(TextLine(t.text), width_px=n * CELL, columns=n,
                                  encoding=layout.encoding)
        if t.mul > 1:
            part = part.resize((part.width * t.mul, LINE * t.mul), Image.Resampling.LANCZOS)
        img.paste(part.crop((0, 0, part.width, LINE * t.mul)), (t.x, t.y))
    draw = ImageDraw.Draw(img)
    b = layout.barcode
    if b is not None:
        for i, bit in enumerate(_bars(b)):
            if bit == "1":
                draw.rectangle((b.x + i * b.narrow, b.y, b.x + (i + 1) * b.narrow - 1,
                                b.y + b.height - 1), fill=0)
        digits = raster.render_text(TextLine(b.value), width_px=len(b.value) * CELL,
                                    columns=len(b.value))
        img.paste(digits, ((layout.width - digits.width) // 2,
                           b.y + b.height + (HRI - LINE) // 2))
    draw.rectangle((0, 0, layout.width - 1, layout.height - 1), outline=160)
    return img


def label_png(layout: LabelLayout) -> bytes:
    """PNG bytes of the label."""
    return raster.to_png(render_label(layout))
