"""Layout: every line exactly N cells, CJK counted double, nothing cut, prices flush right."""

from __future__ import annotations

import dataclasses

import pytest

from drivers.printer.receipt_layout import (
    LABELS_EN,
    BarcodeBlock,
    QrBlock,
    ReceiptLabels,
    TextLine,
    cells,
    layout_receipt,
    left_right,
    pack,
    pad,
    wrap,
)
from pos_app.core.money import Money
from pos_app.core.tenders import Tender
from tests.drivers.printer.helpers import LONG_NAME, loyalty_doc, sample_doc


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_every_text_line_is_exactly_the_paper_width(columns: int) -> None:
    layout = layout_receipt(sample_doc(6), columns=columns, qr_data="https://x/r/1")
    texts = [b for b in layout.blocks if isinstance(b, TextLine)]
    assert texts and all(cells(b.text) == columns for b in texts)


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_long_chinese_name_wraps_without_cutting_a_character(columns: int) -> None:
    text = layout_receipt(sample_doc(2), columns=columns).text().splitlines()
    start = next(i for i, t in enumerate(text) if t.startswith(LONG_NAME[:3]))
    joined = ""
    for row in text[start:]:
        if row.startswith("  "):
            break
        joined += row.rstrip()
    assert joined == LONG_NAME


def test_amounts_are_right_aligned_and_totals_correct() -> None:
    doc = sample_doc(3)
    text = layout_receipt(doc, columns=42).text().splitlines()
    total = next(t for t in text if t.startswith("合计"))
    assert total.endswith("¥" + doc.total.yuan_text())
    assert any(t.endswith(doc.change.yuan_text()) and t.startswith("找零") for t in text)
    assert any(t.strip().startswith("其中税额 9%") for t in text)
    assert any(t.startswith("  优惠") and t.endswith("-0.50") for t in text)
    detail = [t for t in text if " x " in t]
    assert [t.rsplit(" ", 1)[1] for t in detail] == [x.gross.yuan_text() for x in doc.lines]


def test_gbk_text_map_uses_the_full_width_yen_and_keeps_width() -> None:
    layout = layout_receipt(sample_doc(), columns=32, text_map={"¥": "￥"})
    total = next(t for t in layout.text().splitlines() if t.startswith("合计"))
    assert "￥" in total and "¥" not in layout.text() and cells(total) == 32


def test_barcode_qr_and_english_labels() -> None:
    layout = layout_receipt(sample_doc(), columns=48, labels=LABELS_EN, qr_data="https://e/1",
                            qr_caption="扫码开电子小票", reprint=True)
    assert BarcodeBlock("S001-T01-000042") in layout.blocks
    assert QrBlock("https://e/1") in layout.blocks
    assert "TOTAL" in layout.text() and "REPRINT" in layout.text()


def test_wrap_breaks_latin_at_spaces() -> None:
    assert wrap("Thank you for shopping", 10) == ["Thank you", "for", "shopping"]


ZH_32 = """\
       O2O 超市 人民路店
      上海市人民路 100 号
--------------------------------
单号             S001-T01-000043
时间         2024-11-25 10:45:00
收银机 T01           收银员 张三
--------------------------------
可口可乐 330ml
  3 x 3.00                  9.00
  促销: 可口可乐任选3件7元、
        券C-100
  优惠                     -2.65
蒙牛特仑苏纯牛奶 250ml×12
  2 x 65.00               130.00
  促销: 特仑苏会员价、券C-100
  优惠                    -25.55
青岛啤酒 500ml
  1 x 5.00                  5.00
  促销: 青岛啤酒8折（不与其他优
        惠同享）
  优惠                     -1.00
--------------------------------
小计                      144.00
  可口可乐任选3件7元       -2.00
  特仑苏会员价            -16.20
  青岛啤酒8折（不与其他优
  惠同享）                 -1.00
  券C-100                 -10.00
优惠合计                  -29.20
合计                     ¥114.80
  其中税额 13%             13.21
--------------------------------
积分抵扣 (500分)            5.00
现金                      120.00
找零                       10.20
--------------------------------
会员 138****8000             张*
会员等级                金卡会员
本单积分                    +163
积分抵扣                    -500
积分余额                    2605
--------------------------------
            谢谢惠顾
        S001-T01-000043
"""

EN_48 = """\
               O2O 超市 人民路店
              上海市人民路 100 号
------------------------------------------------
No.                              S001-T01-000043
Time                         2024-11-25 10:45:00
Till T01                            Cashier 张三
------------------------------------------------
可口可乐 330ml
  3 x 3.00                                  9.00
  Promo: 可口可乐任选3件7元, 券C-100
  Discount                                 -2.65
蒙牛特仑苏纯牛奶 250ml×12
  2 x 65.00                               130.00
  Promo: 特仑苏会员价, 券C-100
  Discount                                -25.55
青岛啤酒 500ml
  1 x 5.00                                  5.00
  Promo: 青岛啤酒8折（不与其他优惠同享）
  Discount                                 -1.00
------------------------------------------------
Subtotal                                  144.00
  可口可乐任选3件7元                       -2.00
  特仑苏会员价                            -16.20
  青岛啤酒8折（不与其他优惠同享）          -1.00
  券C-100                                 -10.00
Discounts                                 -29.20
TOTAL                                    ¥114.80
  incl. tax 13%                            13.21
------------------------------------------------
Points (500 pts)                            5.00
Cash                                      120.00
Change                                     10.20
------------------------------------------------
Member 138****8000                           张*
Tier                                    金卡会员
Points earned                               +163
Points used                                 -500
Points balance                              2605
------------------------------------------------
                    谢谢惠顾
                S001-T01-000043
"""


@pytest.mark.parametrize(("columns", "labels", "expected"), [
    (32, ReceiptLabels(), ZH_32),
    (48, LABELS_EN, EN_48),
])
def test_member_sale_explains_promotions_points_and_member(
    columns: int, labels: ReceiptLabels, expected: str
) -> None:
    text = layout_receipt(loyalty_doc(), columns=columns, labels=labels).text()
    assert [row.rstrip() for row in text.splitlines()] == expected.splitlines()


@pytest.mark.parametrize("columns", [32, 42, 48])
@pytest.mark.parametrize("labels", [ReceiptLabels(), LABELS_EN], ids=["zh", "en"])
def test_member_sale_lines_are_exactly_the_paper_width(columns: int,
                                                       labels: ReceiptLabels) -> None:
    layout = layout_receipt(loyalty_doc(), columns=columns, labels=labels,
                            text_map={"¥": "￥"}, reprint=True)
    assert all(cells(b.text) == columns for b in layout.blocks if isinstance(b, TextLine))


def test_long_promotion_names_wrap_under_themselves_in_english_at_32_columns() -> None:
    text = layout_receipt(loyalty_doc(), columns=32, labels=LABELS_EN).text().splitlines()
    # The first row fills all 32 columns: its last character stays (it used to be dropped).
    start = text.index("  Promo: 青岛啤酒8折（不与其他优")
    assert text[start + 1] == pad("         惠同享）", 32)
    assert text[start + 2] == left_right("  Discount", "-1.00", 32)
    assert text[text.index(pad("  青岛啤酒8折（不与其他优", 32)) + 1] == left_right(
        "  惠同享）", "-1.00", 32)
    assert left_right("Points (500 pts)", "5.00", 32) in text


def test_points_tender_without_a_count_and_member_without_name_or_redemption() -> None:
    doc = loyalty_doc()
    assert doc.member is not None
    doc = dataclasses.replace(
        doc, tenders=(Tender("points", Money(500), Money(500), "?"), *doc.tenders[1:]),
        member=dataclasses.replace(doc.member, masked_name="", points_redeemed=0))
    text = layout_receipt(doc, columns=32).text().splitlines()
    assert left_right("积分抵扣", "5.00", 32) in text
    assert left_right("会员 138****8000", "", 32) in text
    assert not any(row.startswith("积分抵扣 ") and row.endswith("-500") for row in text)


def test_pack_keeps_names_whole_unless_one_is_longer_than_a_line() -> None:
    assert pack(["满100减10", "券C-100", "第二件半价"], 12, "、") == [
        "满100减10、", "券C-100、", "第二件半价"]
    assert pack(["abc", "de"], 10, ", ") == ["abc, de"]
    assert pack(["一二三四五六七"], 6, "、") == ["一二三", "四五六", "七"]
