"""Label bytes decoded back, field by field: TSPL parsed as its manual defines the commands,
ESC/POS page mode walked with the Epson reference's command lengths."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from drivers.labels.config import LabelPrinterConfig
from drivers.labels.escpos_label import encode_escpos_label
from drivers.labels.layout import LabelLayout, layout_label
from drivers.labels.render import render_label
from drivers.labels.sim import SimLabelPrinter
from drivers.labels.tspl import encode_tspl
from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.core.shelf_label import LabelDoc, shelf_doc

COLA = ProductInfo(1, "010002", "可口可乐 500ml", "Coca-Cola 500ml", "瓶", Money(350), 1300)
MARKDOWN = LabelDoc(name="富士苹果", name_en="Fuji Apple", price=Money(448), unit="kg",
                    barcode="2600042004486", regular_price=Money(640), weight_g=500)


def tspl_commands(data: bytes, encoding: str) -> list[tuple[str, list[str | int]]]:
    """(command, parameters) per CR LF line; quoted strings unescaped, numbers as int."""
    out: list[tuple[str, list[str | int]]] = []
    assert data.endswith(b"\r\n")
    for raw in data.split(b"\r\n")[:-1]:
        line = raw.decode(encoding)
        name, _, rest = line.partition(" ")
        params: list[str | int] = []
        for m in re.finditer(r'"((?:\\\["\]|[^"])*)"|([^,]+)', rest):
            if m.group(1) is not None:
                params.append(m.group(1).replace('\\["]', '"'))
            else:
                token = m.group(2).strip()
                params.append(int(token) if token.isdigit() else token)
        out.append((name, params))
    return out


def test_tspl_shelf_label_carries_every_field() -> None:
    config = LabelPrinterConfig(kind="tspl", width_mm=40, height_mm=30, gap_mm=2)
    layout = layout_label(shelf_doc(COLA, "6911001079190"), config)
    cmds = tspl_commands(encode_tspl(layout, font="TSS24.BF2", copies=2), "gb18030")
    names = [c for c, _ in cmds]
    assert names[:4] == ["SIZE", "GAP", "DIRECTION", "CLS"] and names[-1] == "PRINT"
    assert cmds[0][1] == ["40 mm", "30 mm"] and cmds[1][1] == ["2 mm", "0 mm"]
    texts = [p for c, p in cmds if c == "TEXT"]
    assert all(p[2] == "TSS24.BF2" and p[3] == 0 for p in texts)
    assert [p[6] for p in texts] == ["可口可乐 500ml", "¥3.50/瓶", "单价 ¥0.70/100ml"]
    assert texts[1][4:6] == [2, 2]  # the price at double size
    (barcode,) = [p for c, p in cmds if c == "BARCODE"]
    x, y, kind, height, readable, rotation, narrow, wide, value = barcode
    assert (kind, readable, rotation, narrow, wide, value) == ("EAN13", 1, 0, 2, 2,
                                                              "6911001079190")
    assert isinstance(x, int) and isinstance(y, int) and isinstance(height, int)
    assert x + 95 * 2 <= 320 and y + height <= 240  # inside the 40 × 30 mm label
    assert cmds[-1][1] == [1, 2]


def test_tspl_markdown_label_has_now_was_and_the_price_code() -> None:
    layout = layout_label(MARKDOWN, LabelPrinterConfig(kind="tspl"))
    cmds = tspl_commands(encode_tspl(layout), "gb18030")
    texts = [p[6] for c, p in cmds if c == "TEXT"]
    assert texts == ["富士苹果", "现价", "¥4.48", "原价 ¥6.40 500g"]
    assert [p[8] for c, p in cmds if c == "BARCODE"] == ["2600042004486"]


def test_tspl_escapes_quotes_and_keeps_text_in_gb18030() -> None:
    doc = shelf_doc(ProductInfo(2, "X", '12" 披萨', "", "个", Money(2500), 1300), "X")
    cmds = tspl_commands(encode_tspl(layout_label(doc, LabelPrinterConfig())), "gb18030")
    assert next(p[6] for c, p in cmds if c == "TEXT") == '12" 披萨'
    assert [p[2] for c, p in cmds if c == "BARCODE"] == ["128"]  # a SKU is no EAN-13


@dataclass
class Page:
    area: tuple[int, int, int, int] = (0, 0, 0, 0)
    texts: list[tuple[int, int, int, str]] = field(default_factory=list)  # x, baseline, size
    barcodes: list[tuple[int, int, int, int, int, str]] = field(default_factory=list)
    printed: bool = False
    fed_to_label: bool = False


def decode_page_mode(data: bytes, encoding: str) -> list[Page]:
    """Epson page mode: ESC @, FS &/., ESC L, ESC W, ESC T, ESC $, GS $, GS !, GS h, GS w,
    GS H, GS k (function B), FF, GS FF; anything else fails the test."""
    pages: list[Page] = []
    page: Page | None = None
    x = y = size = 0
    bar_h = bar_w = 0
    i = 0

    def u16(at: int) -> int:
        return data[at] | data[at + 1] << 8

    while i < len(data):
        b = data[i]
        two = data[i:i + 2]
        if two == b"\x1b@" or two in (b"\x1c&", b"\x1c."):
            i += 2
        elif two == b"\x1bL":
            page = Page()
            i += 2
        elif two == b"\x1bW":
            assert page is not None
            page.area = (u16(i + 2), u16(i + 4), u16(i + 6), u16(i + 8))
            i += 10
        elif two == b"\x1bT":
            assert data[i + 2] == 0
            i += 3
        elif two == b"\x1b$":
            x = u16(i + 2)
            i += 4
        elif two == b"\x1d$":
            y = u16(i + 2)
            i += 4
        elif two == b"\x1d!":
            size = data[i + 2]
            i += 3
        elif two == b"\x1dh":
            bar_h = data[i + 2]
            i += 3
        elif two == b"\x1dw":
            bar_w = data[i + 2]
            i += 3
        elif two == b"\x1dH":
            assert data[i + 2] == 2
            i += 3
        elif two == b"\x1dk":
            m, n = data[i + 2], data[i + 3]
            assert m in (67, 73) and page is not None
            value = data[i + 4:i + 4 + n].decode("latin-1")
            page.barcodes.append((x, y, bar_h, bar_w, m, value))
            i += 4 + n
        elif two == b"\x1d\x0c":
            assert page is not None and page.printed
            page.fed_to_label = True
            pages.append(page)
            page = None
            i += 2
        elif b == 0x0C:
            assert page is not None
            page.printed = True
            i += 1
        else:
            assert b >= 0x20, f"unexpected control byte {b:#x} at {i}"
            end = i
            while end < len(data) and data[end] >= 0x20:
                end += 1
            assert page is not None
            page.texts.append((x, y, size, data[i:end].decode(encoding)))
            i = end
    assert page is None
    return pages


def test_escpos_page_mode_label_against_the_reference() -> None:
    config = LabelPrinterConfig(kind="escpos", width_mm=50, height_mm=30)
    layout = layout_label(shelf_doc(COLA, "6911001079190"), config)
    data = encode_escpos_label(layout, copies=2)
    assert data.startswith(b"\x1b@\x1c&") and data.endswith(b"\x1c.")
    pages = decode_page_mode(data, "gb18030")
    assert len(pages) == 2 and pages[0] == pages[1]
    page = pages[0]
    assert page.area == (0, 0, 400, 240) and page.fed_to_label
    assert [(t[0], t[1], t[2], t[3]) for t in page.texts] == [
        (8, 32, 0x00, "可口可乐 500ml"),
        (8, 36 + 48, 0x11, "¥3.50/瓶"),  # double width and height, baseline under it
        (8, 88 + 24, 0x00, "单价 ¥0.70/100ml"),
    ]
    ((bx, baseline, height, width, m, value),) = page.barcodes
    assert (m, value, width) == (67, "6911001079190", 2)  # GS k 67: EAN-13
    assert baseline - height >= 88 + 24 and baseline <= 240 and bx + 95 * width <= 400


def test_preview_draws_text_and_bars_inside_the_label() -> None:
    layout: LabelLayout = layout_label(MARKDOWN, LabelPrinterConfig())
    img = render_label(layout)
    assert img.size == (320, 240)
    b = layout.barcode
    assert b is not None
    bars = img.crop((b.x, b.y, b.x + 95 * b.narrow, b.y + b.height)).convert("1")
    dark = bars.convert("L").tobytes().count(0)
    assert 0.3 < dark / (bars.width * bars.height) < 0.7
    name_row = img.crop((8, 8, 8 + 4 * 24, 32))
    assert min(name_row.tobytes()) < 100  # the name is drawn


def test_simulated_label_printer_keeps_bytes_and_pictures() -> None:
    sim = SimLabelPrinter()
    sim.open()
    sim.write(b"CLS\r\n")
    sim.keep_png(b"png")
    assert sim.output() == b"CLS\r\n" and sim.labels == [b"png"]
    sim.online = False
    with pytest.raises(OSError):
        sim.write(b"x")
