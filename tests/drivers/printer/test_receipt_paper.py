"""Receipts as they come out of the real print path, read by an independent ESC/POS reader.

Every line must fit its paper counted in the printer's bytes (a multi-byte character is two
columns: ``¥`` in GB18030, ``×`` and ``·`` in GBK/GB18030), nothing may print as ``?``, and
the barcode must fit the paper's dots.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import create_engine

from drivers.printer.charset import cells, printable
from drivers.printer.config import Encoding, PaperMM, PrinterConfig, ReceiptLang
from drivers.printer.receipt_layout import ReceiptLabels, TextLine, labels_for
from pos_app.core.money import Money
from pos_app.core.receipt import ReceiptDocument, ReceiptPromotion
from pos_app.core.store_info import StoreInfo
from pos_app.services.printing import PrintService
from tests.drivers.printer import escpos_reference as ref
from tests.drivers.printer.helpers import LONG_NAME, line, loyalty_doc

STORE_NAME = "O2O 超市·人民路店"
# Names from the demo catalogue: ``×`` and ``·`` are two columns on a GBK/GB18030 printer.
NAMES = ("伊利纯牛奶 250ml×24", "农夫山泉·天然水 550ml", LONG_NAME, "Lay's chips 薯片 70g")
STORE = StoreInfo(store_code="S001", store_name=STORE_NAME, store_address="上海市人民路 100 号",
                  terminal_code="T01", tax_mode="inclusive", cash_rounding="none",
                  footer="谢谢惠顾")


def paper_doc() -> ReceiptDocument:
    """A member's receipt with promotions, demo names and a five-figure total."""
    doc = loyalty_doc()
    extra = tuple(line(n, 2, 2_599 + i) for i, n in enumerate(NAMES))
    return dataclasses.replace(doc, store_name=STORE_NAME, lines=doc.lines + extra,
                               total=Money(1_234_560))


def _service(config: PrinterConfig, lang: str = "zh_CN") -> PrintService:
    # render() never touches the database: an empty in-memory engine is enough.
    return PrintService(engine=create_engine("sqlite://"), config=config, worker=None,
                        store_info=STORE, labels=labels_for(lang))


def _paper(config: PrinterConfig, doc: ReceiptDocument, lang: str = "zh_CN") -> ref.Paper:
    return ref.read(_service(config, lang).render(doc))


ENCODINGS: tuple[Encoding, ...] = ("gb18030", "gbk", "big5")
PAPERS: tuple[PaperMM, ...] = (58, 80)
CASES = [(enc, mm) for enc in ENCODINGS for mm in PAPERS]


@pytest.mark.parametrize("lang", ["zh_CN", "en_US"])
@pytest.mark.parametrize(("encoding", "paper_mm"), CASES)
def test_every_printed_line_fits_its_paper_in_printer_columns(
        encoding: Encoding, paper_mm: PaperMM, lang: str) -> None:
    config = PrinterConfig(kind="sim", encoding=encoding, paper_mm=paper_mm)
    paper = _paper(config, paper_doc(), lang)
    assert paper.lines
    for raw in paper.lines:
        assert ref.columns(raw, encoding) <= config.cols, raw.decode(encoding, "replace")
        assert b"?" not in raw, raw.decode(encoding, "replace")
        raw.decode(encoding)  # every byte sequence is a real character
    assert paper.barcode_dots and all(d <= config.dots for d in paper.barcode_dots)
    assert paper.barcode_values == ["S001-T01-000043"]
    assert all(d <= config.dots for d in paper.raster_dots)


@pytest.mark.parametrize(("encoding", "paper_mm"), CASES)
def test_total_line_ends_at_the_edge_with_its_last_digit(
        encoding: Encoding, paper_mm: PaperMM) -> None:
    config = PrinterConfig(kind="sim", encoding=encoding, paper_mm=paper_mm)
    paper = _paper(config, paper_doc())
    texts = [raw.decode(encoding) for raw in paper.lines]
    i = next(i for i, t in enumerate(texts) if t.startswith(("合计", "合計")))
    assert texts[i].endswith("12345.60")
    assert ref.columns(paper.lines[i], encoding) == config.cols


@pytest.mark.parametrize(("encoding", "paper_mm"), [("gb18030", 58), ("gbk", 80)])
def test_store_name_is_centred_in_printer_columns(
        encoding: Encoding, paper_mm: PaperMM) -> None:
    config = PrinterConfig(kind="sim", encoding=encoding, paper_mm=paper_mm)
    paper = _paper(config, paper_doc())
    raw = next(r for r in paper.lines if STORE_NAME.encode(encoding) in r)
    name = ref.columns(STORE_NAME.encode(encoding), encoding)
    left = len(raw) - len(raw.lstrip(b" "))
    assert left == (config.cols - name) // 2


def _filled_promo_doc(columns: int) -> ReceiptDocument:
    """An item whose promotion row, "  促销: " + names, is exactly ``columns`` wide."""
    # "  促销: " is 8 columns; "会员价9.5折、" 13; "券满100减10" 11: 32 on 58 mm;
    # with "第二件半价七折、" (16) 48 on 80 mm.
    names = ("会员价9.5折", "券满100减10") if columns == 32 else (
        "会员价9.5折", "第二件半价七折", "券满100减10")
    item = dataclasses.replace(line("可口可乐 330ml", 2, 300, 100), promo_names=names)
    doc = loyalty_doc()
    return dataclasses.replace(doc, lines=(item,), promotions=(
        ReceiptPromotion("券满100减10", Money(100)),))


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_a_promotion_row_that_fills_the_line_keeps_its_last_character(paper_mm: PaperMM) -> None:
    config = PrinterConfig(kind="sim", paper_mm=paper_mm)
    service = _service(config)
    doc = _filled_promo_doc(config.cols)
    layout = service.layout(doc)
    row = next(b.text for b in layout.blocks
               if isinstance(b, TextLine) and b.text.startswith("  促销"))
    assert row.rstrip().endswith("券满100减10")
    texts = [r.decode("gb18030") for r in _paper(config, doc).lines]
    assert any(t.startswith("  促销") and t.endswith("券满100减10") for t in texts)


def test_image_mode_prints_the_last_character_of_a_full_promotion_row() -> None:
    from drivers.printer import raster

    config = PrinterConfig(kind="sim", paper_mm=58, image_mode=True)
    layout = _service(config).layout(_filled_promo_doc(32))
    row = next(b for b in layout.blocks if isinstance(b, TextLine) and b.text.startswith("  促销"))
    img = raster.render_block(row, width_px=config.dots, columns=32)
    cell = config.dots / 32
    last = img.crop((round(cell * 31), 0, config.dots, img.height))  # the final "0"
    assert sum(last.histogram()[:128]) > 0  # ink where "0" belongs


@pytest.mark.parametrize("value", ["S001-T01-000042", "S001-T01-12345678", "000123456789"])
def test_receipt_barcode_fits_58mm_paper(value: str) -> None:
    config = PrinterConfig(kind="sim", paper_mm=58)
    doc = dataclasses.replace(paper_doc(), receipt_no=value, barcode_value=value)
    paper = _paper(config, doc)
    assert paper.barcode_values == [value]
    assert paper.barcode_dots[0] <= config.dots


def test_big5_prints_simplified_text_as_traditional_characters() -> None:
    config = PrinterConfig(kind="sim", encoding="big5", paper_mm=80)
    paper = _paper(config, paper_doc())
    text = "\n".join(r.decode("big5") for r in paper.lines)
    assert "合計" in text and "伊利純牛奶" in text and "謝謝惠顧" in text
    assert paper.raster_dots == []  # every line went as text


def test_a_character_the_code_page_lacks_prints_as_an_image_never_as_a_question_mark() -> None:
    config = PrinterConfig(kind="sim", encoding="big5", paper_mm=58)
    doc = dataclasses.replace(paper_doc(), footer="欢迎光临 😀")  # no emoji in Big5
    paper = _paper(config, doc)
    assert all(b"?" not in r for r in paper.lines)
    assert paper.raster_dots and all(d <= config.dots for d in paper.raster_dots)


@pytest.mark.parametrize(("lang", "label"), [("zh_CN", "手工折扣"), ("en_US", "Manual discount")])
def test_promotions_block_itemises_every_fen_of_the_discount_total(lang: str, label: str) -> None:
    doc = dataclasses.replace(loyalty_doc(), discount=Money(2_920 + 345),
                              manual_discount=Money(345))
    labels: ReceiptLabels = labels_for(lang)
    config = PrinterConfig(kind="sim", paper_mm=58)
    texts = [r.decode("gb18030") for r in _paper(config, doc, lang).lines]
    start = next(i for i, t in enumerate(texts) if t.startswith(labels.subtotal))
    end = next(i for i, t in enumerate(texts) if t.startswith(labels.discounts))
    amounts = [t.rsplit(" ", 1)[1] for t in texts[start + 1:end] if t.rstrip()[-3:-2] == "."]
    assert sum(round(float(a) * 100) for a in amounts) == -doc.discount.fen
    assert any(t.strip().startswith(label) and t.endswith("-3.45") for t in texts[start:end])


# Chinese and English names of every line; the English of LONG_NAME is longer than a 58 mm
# line, "×" and "·" are two columns on a GBK/GB18030 printer in either language.
BILINGUAL = (("伊利纯牛奶 250ml×24", "Yili whole milk 250ml×24"),
             (LONG_NAME, "Master Kong iced black tea, lemon flavour, 1.5 l family sharing pack"),
             ("农夫山泉·天然水 550ml", "Nongfu Spring · natural water 550ml"),
             ("Lay's chips 薯片 70g", "Lay's chips 70g"))


def bilingual_doc() -> ReceiptDocument:
    extra = tuple(line(zh, 2, 2_599 + i, name_en=en) for i, (zh, en) in enumerate(BILINGUAL))
    return dataclasses.replace(paper_doc(), lines=extra)


def _squeezed(text: str) -> str:
    # Wrapping breaks CJK anywhere and Latin at spaces: compare without any whitespace.
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["zh_CN", "en_US"])
@pytest.mark.parametrize(("encoding", "paper_mm"), CASES)
def test_a_bilingual_receipt_prints_both_names_within_its_paper(
        encoding: Encoding, paper_mm: PaperMM, lang: ReceiptLang) -> None:
    config = PrinterConfig(kind="sim", encoding=encoding, paper_mm=paper_mm,
                           receipt_lang=lang, bilingual=True)
    paper = _paper(config, bilingual_doc())
    for raw in paper.lines:
        assert ref.columns(raw, encoding) <= config.cols, raw.decode(encoding, "replace")
        assert b"?" not in raw, raw.decode(encoding, "replace")
    assert paper.raster_dots == []  # every line went as text
    printed = _squeezed("".join(raw.decode(encoding) for raw in paper.lines))
    for zh, en in BILINGUAL:
        assert _squeezed(en) in printed and _squeezed(printable(zh, encoding)) in printed


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "big5"])
@pytest.mark.parametrize("paper_mm", [58, 80])
def test_a_bilingual_receipt_fits_its_paper_in_image_mode(
        encoding: Encoding, paper_mm: PaperMM) -> None:
    from drivers.printer import raster

    config = PrinterConfig(kind="sim", encoding=encoding, paper_mm=paper_mm,
                           bilingual=True, image_mode=True)
    layout = _service(config).layout(bilingual_doc())
    rows = [b for b in layout.blocks if isinstance(b, TextLine)]
    assert all(cells(b.text, encoding) == config.cols for b in rows)
    printed = _squeezed("".join(b.text for b in rows))
    assert all(_squeezed(en) in printed for _, en in BILINGUAL)
    for row in rows:  # each row is its columns' half-cells wide: the paper, never more
        img = raster.render_text(row, width_px=config.dots, columns=config.cols,
                                 encoding=encoding)
        assert img.width == config.dots
    paper = _paper(config, bilingual_doc())
    assert paper.lines == [] and paper.raster_dots
    assert all(d == config.dots for d in paper.raster_dots)
