"""The X/Z shift report on paper: laid out like a receipt, printed through the receipt's
ESC/POS encoder and read back with the independent reader (``escpos_reference``).

Every line must fit its paper counted in the printer's bytes, nothing may print as ``?``,
and the figures a supervisor signs for must be on the paper, the over/short bold.
"""

from __future__ import annotations

import dataclasses

import pytest

from drivers.printer.charset import cells
from drivers.printer.config import Encoding, PaperMM, PrinterConfig
from drivers.printer.escpos_encode import BOLD, encode_layout
from drivers.printer.receipt_layout import ReceiptLayout, TextLine, left_right
from drivers.printer.shift_labels import SHIFT_LABELS_EN, ShiftLabels, shift_labels_for
from drivers.printer.shift_layout import layout_shift_report
from pos_app.core.money import Money
from pos_app.core.shift_facts import PromotionTotal
from pos_app.core.shift_report import ShiftReport, x_report, z_report
from tests.core.shift_samples import CLOSED_AT, LONG_PROMO, sample_facts, short_count
from tests.drivers.printer import escpos_reference as ref


def z_sample() -> ShiftReport:
    return z_report(sample_facts(), short_count(), closed_at=CLOSED_AT)


def x_sample() -> ShiftReport:
    return x_report(sample_facts(), at=CLOSED_AT)


def _layout(report: ShiftReport, config: PrinterConfig, lang: str = "zh_CN") -> ReceiptLayout:
    # What a print service does for a receipt: the printer's width, encoding and text map.
    return layout_shift_report(report, columns=config.cols, labels=shift_labels_for(lang),
                               text_map=config.text_map, encoding=config.encoding)


def _printed(report: ShiftReport, config: PrinterConfig, lang: str = "zh_CN") -> tuple[
        bytes, ref.Paper]:
    data = encode_layout(_layout(report, config, lang), config)
    return data, ref.read(data)


def _texts(paper: ref.Paper, encoding: str) -> list[str]:
    return [raw.decode(encoding) for raw in paper.lines]


ENCODINGS: tuple[Encoding, ...] = ("gb18030", "gbk", "big5")
PAPERS: tuple[tuple[PaperMM, int], ...] = ((58, 32), (80, 42), (80, 48))
CONFIGS = [PrinterConfig(kind="sim", encoding=enc, paper_mm=mm, columns=cols)
           for enc in ENCODINGS for mm, cols in PAPERS]


@pytest.mark.parametrize("lang", ["zh_CN", "en_US"])
@pytest.mark.parametrize("kind", ["X", "Z"])
@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c.encoding}-{c.cols}")
def test_every_printed_line_fits_its_paper_in_printer_columns(
        config: PrinterConfig, kind: str, lang: str) -> None:
    report = z_sample() if kind == "Z" else x_sample()
    _, paper = _printed(report, config, lang)
    assert len(paper.lines) > 40
    for raw in paper.lines:
        assert ref.columns(raw, config.encoding) <= config.cols, raw.decode(config.encoding)
        assert b"?" not in raw, raw.decode(config.encoding, "replace")
        raw.decode(config.encoding)  # every byte sequence is a real character
    assert paper.raster_dots == []  # every line went as text


@pytest.mark.parametrize("columns", [32, 42, 48])
@pytest.mark.parametrize("labels", [ShiftLabels(), SHIFT_LABELS_EN], ids=["zh", "en"])
def test_every_text_line_is_exactly_the_paper_width(columns: int, labels: ShiftLabels) -> None:
    for report in (x_sample(), z_sample()):
        for encoding in (None, "gb18030", "gbk"):
            layout = layout_shift_report(report, columns=columns, labels=labels,
                                         encoding=encoding, reprint=True)
            rows = [b.text for b in layout.blocks if isinstance(b, TextLine)]
            assert rows and all(cells(t, encoding) == columns for t in rows)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
@pytest.mark.parametrize("paper_mm", [58, 80])
def test_z_report_prints_the_figures_a_supervisor_signs_for(
        encoding: Encoding, paper_mm: PaperMM) -> None:
    config = PrinterConfig(kind="sim", encoding=encoding, paper_mm=paper_mm)
    _, paper = _printed(z_sample(), config)
    texts = _texts(paper, encoding)
    w = config.cols

    def row(left: str, right: str) -> str:
        return left_right(left, right, w, encoding).rstrip()

    assert texts[0].strip() == "Z 报表（交班）"
    for want in (row("班次", "42"), row("收银机", "T01"),
                 row("开班时间", "2024-11-25 08:00:00"), row("交班时间", "2024-11-25 20:05:30"),
                 row("清点人", "王五"), row("备用金", "500.00"), row("现金销售", "1234.50"),
                 row("现金退款", "-12.50"), row("存入", "50.00"), row("支出", "-42.00"),
                 row("  快递费", "-12.00"), row("存入保险柜 2 次", "-1000.00"),
                 row("应有现金", "730.00"), row("清点合计", "728.00"),
                 row("  ** 短款 **", "-2.00"), row("长短款合计", "-2.00"),
                 row("  实点（按应有）", "3430.80"), row("净销售额", "7013.40"),
                 row("作废单 1 笔", "23.50"), row("无销售开钱箱", "1"),
                 row("  可口可乐任选3件7元 6 笔", "-12.00"), row("赠送积分", "+1630"),
                 row("13% 销售 5030.20", "税 578.69")):
        assert want in texts, want
    assert any(t.startswith("收银员 张三、李四") for t in texts)
    yen = "￥" if encoding == "gbk" else "¥"  # GBK prints the full-width yen
    assert row(f"  {yen}100 纸币 x 7", "700.00") in texts
    assert row(f"  {yen}0.5 硬币 x 2", "1.00") in texts


def _bold_at(data: bytes, line: bytes) -> bool:
    """Whether ``line`` prints bold: the last ESC E before it switched bold on."""
    at = data.index(line)
    on, off = data.rfind(BOLD[True], 0, at), data.rfind(BOLD[False], 0, at)
    return on > off


def test_the_short_row_prints_bold_and_a_balanced_one_does_not() -> None:
    config = PrinterConfig(kind="sim", paper_mm=58)
    data, paper = _printed(z_sample(), config)
    texts = _texts(paper, "gb18030")
    short = next(raw for raw, t in zip(paper.lines, texts, strict=True) if "短款" in t)
    balanced = next(raw for raw, t in zip(paper.lines, texts, strict=True) if "平账" in t)
    assert _bold_at(data, short) and not _bold_at(data, balanced)
    assert sum("** 短款 **" in t for t in texts) == 1 and not any("长款 **" in t for t in texts)


def test_an_over_prints_over_in_english() -> None:
    count = dataclasses.replace(short_count(), card=Money(234_660))  # slip ¥1.00 over
    report = z_report(sample_facts(), count, closed_at=CLOSED_AT)
    config = PrinterConfig(kind="sim", paper_mm=80)
    _, paper = _printed(report, config, "en_US")
    texts = _texts(paper, "gb18030")
    assert texts[0].strip() == "Z REPORT (shift close)"
    rows = [left_right(*pair, 48, "gb18030").rstrip() for pair in (
        ("  ** OVER **", "+1.00"), ("  ** SHORT **", "-2.00"), ("Total over/short", "-1.00"),
        ("Expected cash", "730.00"), ("Counted", "728.00"))]
    assert all(r in texts for r in rows), [r for r in rows if r not in texts]


def test_x_report_shows_expected_and_no_count() -> None:
    config = PrinterConfig(kind="sim", encoding="gbk", paper_mm=58)
    _, paper = _printed(x_sample(), config)
    texts = _texts(paper, "gbk")
    assert texts[0].strip() == "X 报表（班中）"
    assert left_right("打印时间", "2024-11-25 20:05:30", 32, "gbk").rstrip() in texts
    assert left_right("应有现金", "730.00", 32, "gbk").rstrip() in texts
    joined = "\n".join(texts)
    for absent in ("实点", "短款", "长款", "平账", "现金清点", "清点人", "签字", "交班时间"):
        assert absent not in joined


def test_a_long_promotion_name_wraps_whole_with_its_amount_on_the_last_row() -> None:
    facts = dataclasses.replace(sample_facts(), promotions=(
        PromotionTotal("P-BEER", LONG_PROMO, Money(1_234), 7),))
    layout = layout_shift_report(x_report(facts, at=CLOSED_AT), columns=32,
                                 encoding="gb18030")
    rows = [b.text for b in layout.blocks if isinstance(b, TextLine)]
    start = next(i for i, t in enumerate(rows) if t.startswith("  青岛啤酒"))
    end = next(i for i in range(start, len(rows)) if rows[i].endswith("-12.34"))
    assert end > start  # it did wrap at 32 columns
    assert "".join(r.strip().removesuffix("-12.34").strip() for r in rows[start:end + 1]) == (
        LONG_PROMO + " 7 笔")
    assert all(r.startswith("  ") for r in rows[start:end + 1])


def test_big5_prints_the_report_in_traditional_characters() -> None:
    config = PrinterConfig(kind="sim", encoding="big5", paper_mm=80)
    _, paper = _printed(z_sample(), config)
    joined = "\n".join(_texts(paper, "big5"))
    assert "報表" in joined and "短款" in joined and "730.00" in joined


def test_a_receipt_language_picks_the_words() -> None:
    assert shift_labels_for("zh_TW") == ShiftLabels()
    assert shift_labels_for("en_US") is SHIFT_LABELS_EN
    assert SHIFT_LABELS_EN.tenders["cash"] == "Cash" and ShiftLabels().tenders["cash"] == "现金"


ZH_32_HEAD = """\
         Z 报表（交班）
       O2O 超市·人民路店
--------------------------------
班次                          42
收银机                       T01
开班时间     2024-11-25 08:00:00
交班时间     2024-11-25 20:05:30
开班人                      张三
收银员 张三、李四
清点人                      王五
"""


def test_z_report_header_reads_like_a_receipt_header() -> None:
    text = layout_shift_report(z_sample(), columns=32).text().splitlines()
    assert [t.rstrip() for t in text[:10]] == ZH_32_HEAD.splitlines()
