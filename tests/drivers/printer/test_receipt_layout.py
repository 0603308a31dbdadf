"""Layout: every line exactly N cells, CJK counted double, nothing cut, prices flush right."""

from __future__ import annotations

import pytest

from drivers.printer.receipt_layout import (
    LABELS_EN,
    BarcodeBlock,
    QrBlock,
    TextLine,
    cells,
    layout_receipt,
    wrap,
)
from tests.drivers.printer.helpers import LONG_NAME, sample_doc


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
