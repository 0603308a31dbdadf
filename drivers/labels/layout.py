"""A label document → positioned text and a barcode, in printer dots (203 dpi).

The grid is TSPL's Chinese font: a multi-byte character is 24×24 dots, a single-byte one
12×24, times the element's multiplier; widths are counted in the printer's bytes
(``drivers.printer.charset``), so what fits here fits on the label.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.labels.config import LabelPrinterConfig
from drivers.printer import code128
from drivers.printer.charset import cells, char_cells
from pos_app.core.barcode import is_valid_gtin
from pos_app.core.shelf_label import LabelDoc

CELL = 12  # dots per single-byte character at multiplier 1
LINE = 24  # dots per text line at multiplier 1
MARGIN = 8
EAN_MODULES = 95
BARCODE_NARROW = 2
HRI = 26  # dots the printer's barcode digits take under the bars

WORDS = {
    "zh_CN": {"unit_price": "单价", "was": "原价", "now": "现价", "markdown": "特价",
              "per_500g": "/500g", "per_100ml": "/100ml", "per": "/"},
    "en_US": {"unit_price": "Unit", "was": "Was", "now": "Now", "markdown": "Reduced",
              "per_500g": "/500g", "per_100ml": "/100ml", "per": "/"},
}


@dataclass(frozen=True, slots=True)
class LabelText:
    """Text at (x, y) dots, ``mul`` times the base font in both directions."""

    x: int
    y: int
    text: str
    mul: int = 1


@dataclass(frozen=True, slots=True)
class LabelBarcode:
    """An EAN-13 at (x, y) dots: bars ``height`` dots high, ``narrow`` dots per module,
    the digits printed under it by the printer."""

    x: int
    y: int
    value: str
    height: int
    narrow: int = BARCODE_NARROW
    symbology: str = "EAN13"  # or "128" for a code that is no EAN-13


@dataclass(frozen=True, slots=True)
class LabelLayout:
    """One label: its size in dots and mm, its text and barcode, the text's encoding."""

    width_mm: int
    height_mm: int
    gap_mm: int
    width: int
    height: int
    encoding: str
    texts: tuple[LabelText, ...]
    barcode: LabelBarcode | None


def fit(text: str, max_cells: int, encoding: str) -> str:
    """``text`` cut to ``max_cells`` printer columns ("…"-less: a label has no room)."""
    out, used = "", 0
    for c in text:
        w = char_cells(c, encoding)
        if used + w > max_cells:
            break
        out, used = out + c, used + w
    return out


def _yuan(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"


def layout_label(doc: LabelDoc, config: LabelPrinterConfig, *, lang: str = "zh_CN") -> LabelLayout:
    """``doc`` on a ``config``-sized label: name, price (large), unit price or the regular
    price of a markdown, the barcode at the bottom."""
    words = WORDS.get(lang, WORDS["zh_CN"])
    enc = config.encoding
    width, height = config.width_dots, config.height_dots
    max_cells = (width - 2 * MARGIN) // CELL
    name = doc.name_en if lang.startswith("en") and doc.name_en else doc.name
    texts = [LabelText(MARGIN, MARGIN, fit(name, max_cells, enc))]
    y = MARGIN + LINE + 4
    price = _yuan(doc.price.fen)
    if doc.unit and not doc.is_markdown and doc.weight_g is None:
        price += words["per"] + doc.unit
    big = 2 if cells(price, enc) * CELL * 2 <= width - 2 * MARGIN else 1
    if doc.is_markdown:
        now_x = MARGIN + (cells(words["now"], enc) + 1) * CELL
        big = 2 if now_x + cells(price, enc) * CELL * 2 <= width - MARGIN else 1
        # "现价" sits on the big price's baseline.
        texts.append(LabelText(MARGIN, y + (big - 1) * LINE, fit(words["now"], max_cells, enc)))
        texts.append(LabelText(now_x, y, fit(price, (width - MARGIN - now_x) // CELL, enc),
                               big))
    else:
        texts.append(LabelText(MARGIN, y, fit(price, max_cells // big, enc), big))
    y += LINE * big + 4
    small = ""
    if doc.regular_price is not None:
        small = f"{words['was']} {_yuan(doc.regular_price.fen)}"
    if doc.weight_g is not None:
        small = f"{small} {doc.weight_g}g".strip()
    if not small and doc.unit_price is not None:
        basis = words["per_500g"] if doc.unit_price.basis == "500g" else words["per_100ml"]
        small = f"{words['unit_price']} {_yuan(doc.unit_price.price.fen)}{basis}"
    if small:
        texts.append(LabelText(MARGIN, y, fit(small, max_cells, enc)))
        y += LINE + 4
    barcode = None
    bar_h = height - y - HRI - MARGIN
    if doc.barcode and bar_h >= 24 and code128.printable_ascii(doc.barcode):
        ean = len(doc.barcode) == 13 and is_valid_gtin(doc.barcode)
        modules = EAN_MODULES if ean else code128.escpos_data(doc.barcode)[1]
        narrow = BARCODE_NARROW if modules * BARCODE_NARROW <= width - 2 * MARGIN else 1
        x = max(MARGIN, (width - modules * narrow) // 2)
        barcode = LabelBarcode(x, y, doc.barcode, min(bar_h, 80), narrow,
                               "EAN13" if ean else "128")
    return LabelLayout(width_mm=config.width_mm, height_mm=config.height_mm,
                       gap_mm=config.gap_mm, width=width, height=height, encoding=enc,
                       texts=tuple(texts), barcode=barcode)
