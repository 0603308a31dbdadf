"""The printed return receipt (退货单): read back from its ESC/POS bytes with the reference
decoder, every line within the paper in the printer's own bytes, the barcode the return's
number, and an exchange's one slip."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine

from drivers.printer import escpos_encode
from drivers.printer.config import Encoding, PaperMM, PrinterConfig
from drivers.printer.receipt_layout import layout_receipt
from drivers.printer.return_layout import layout_exchange, layout_return, return_labels_for
from pos_app.core.money import Money
from pos_app.core.returns import ReturnReceipt, ReturnReceiptLine, ReturnRefund
from pos_app.core.store_info import StoreInfo
from pos_app.services.printing import PrintService
from tests.drivers.printer import escpos_reference as ref
from tests.drivers.printer.helpers import LONG_NAME, sample_doc

STORE = StoreInfo("S001", "O2O 超市 · 旗舰店", "上海市浦东新区世纪大道 100 号", "T01")
AT = datetime(2026, 12, 5, 15, 4, 5, tzinfo=timezone(timedelta(hours=8)))


def return_doc() -> ReturnReceipt:
    return ReturnReceipt(
        store_name=STORE.store_name, store_address=STORE.store_address, store_code="S001",
        terminal_code="T01", return_no="S001-T01-R000007",
        original_receipt_no="S001-T01-000042", cashier="李强", completed_at=AT,
        reason="defective",
        lines=(ReturnReceiptLine(LONG_NAME, "1", Money(833)),
               ReturnReceiptLine("红富士苹果", "0.150kg", Money(192), "Fuji apples",
                                 damaged=True)),
        refunds=(ReturnRefund("cash", Money(525)), ReturnRefund("card", Money(400),
                                                                reference="CARD-778812"),
                 ReturnRefund("points", Money(100), points=1_000)),
        total=Money(1_025), approver="王主管", points_back=1_000, points_clawed_back=91)


def _paper(config: PrinterConfig, doc: ReturnReceipt, lang: str = "zh_CN") -> ref.Paper:
    service = PrintService(engine=create_engine("sqlite://"), config=config, worker=None,
                           store_info=STORE)
    layout = layout_return(doc, columns=config.cols, labels=return_labels_for(lang),
                           text_map=config.text_map, encoding=config.encoding)
    assert service.return_layout(doc).columns == config.cols
    return ref.read(escpos_encode.encode_layout(layout, config))


@pytest.mark.parametrize("lang", ["zh_CN", "en_US"])
@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "big5"])
@pytest.mark.parametrize("paper_mm", [58, 80])
def test_every_printed_line_of_a_return_fits_its_paper(encoding: Encoding, paper_mm: PaperMM,
                                                      lang: str) -> None:
    config = PrinterConfig(kind="sim", encoding=encoding, paper_mm=paper_mm)
    paper = _paper(config, return_doc(), lang)
    for raw in paper.lines:
        assert ref.columns(raw, encoding) <= config.cols, raw.decode(encoding, "replace")
        assert b"?" not in raw, raw.decode(encoding, "replace")
    assert paper.barcode_values == ["S001-T01-R000007"]


def test_a_return_receipt_says_what_came_back_and_how_it_was_paid() -> None:
    config = PrinterConfig(kind="sim", encoding="gb18030", paper_mm=80)
    texts = [raw.decode("gb18030").rstrip() for raw in _paper(config, return_doc()).lines]
    joined = "\n".join(texts)
    for part in ("退货单", "S001-T01-R000007", "S001-T01-000042", "质量问题", "王主管",
                 "损坏 · 报废", "-8.33", "CARD-778812", "积分抵扣 (1000分)", "+1000", "-91"):
        assert part in joined, part
    total = next(t for t in texts if t.startswith("退款合计"))
    assert total.endswith("¥10.25")


def test_a_return_without_a_receipt_says_so() -> None:
    doc = dataclasses.replace(return_doc(), original_receipt_no="")
    layout = layout_return(doc, columns=32, labels=return_labels_for("en_US"))
    assert any("no receipt" in line for line in layout.text().splitlines())


def test_an_exchange_prints_the_return_and_the_new_sale_on_one_slip() -> None:
    doc = dataclasses.replace(return_doc(), exchange_receipt_no="S001-T01-000043")
    returned = layout_return(doc, columns=42)
    sold = layout_receipt(sample_doc(), columns=42)
    slip = layout_exchange(returned, sold)
    assert slip.blocks == returned.blocks + sold.blocks
    assert "S001-T01-000043" in returned.text()
    with pytest.raises(ValueError):
        layout_exchange(returned, layout_receipt(sample_doc(), columns=32))
