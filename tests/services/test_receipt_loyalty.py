"""A member's receipt explains every discount, the points tender and the points, on paper and
on a reprint, from a real sale on the demo store."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import Engine

from drivers.printer.config import PrinterConfig
from drivers.printer.receipt_layout import LABELS_EN, ReceiptLabels, left_right, pad
from pos_app.core.cart import Discount
from pos_app.core.money import Money
from pos_app.core.receipt import ReceiptDocument
from pos_app.services.printing import PrintService
from pos_app.store import sales, terminal
from tests.services.test_loyalty_checkout import (
    COKE_330,
    TELUNSU,
    WEDNESDAY,
    coupon_code,
    make_checkout,
    member_qr,
    sku_code,
)

PAPER_58 = PrinterConfig(paper_mm=58)  # 32 columns


def _printing(engine: Engine, labels: ReceiptLabels | None = None) -> PrintService:
    return PrintService(engine=engine, config=PAPER_58, worker=None, labels=labels,
                        store_info=terminal.get_store_info(engine=engine))


@pytest.fixture
def receipt(engine: Engine) -> ReceiptDocument:
    """M-DEMO-1 (gold) buys 2 特仑苏 and 3 Coke with a ¥10 coupon, pays 500 points + cash."""
    checkout, _ = make_checkout(engine, WEDNESDAY)
    assert checkout.scan(member_qr("M-DEMO-1", WEDNESDAY)).status == "member"
    for code in (sku_code(engine, TELUNSU),) * 2 + (COKE_330,) * 3:
        assert checkout.scan(code).ok
    coupon = coupon_code("C-100", "threshold_off", 1_000, min_spend=10_000)
    assert checkout.scan(coupon).status == "coupon"
    checkout.pay_points(500)
    checkout.add_tender("cash", Money(20_000))
    return checkout.complete().receipt


def _rows(text: str, first: str, last: str) -> list[str]:
    rows = [row.rstrip() for row in text.splitlines()]
    start = next(i for i, row in enumerate(rows) if row.startswith(first))
    end = next(i for i, row in enumerate(rows) if i > start and row.startswith(last))
    return rows[start:end + 1]


SUMMARY_32 = """\
小计                      139.00
  可口可乐任选3件7元       -2.00
  特仑苏会员价            -16.20
  每满100减10             -10.00
  券C-100                 -10.00
优惠合计                  -38.20
合计                    ¥100.80
  其中税额 9%               7.84
  其中税额 13%              0.67
--------------------------------
积分抵扣 (500分)            5.00
现金                      200.00
找零                      104.20
--------------------------------
会员 138****8000             张*
会员等级                金卡会员
本单积分                    +142
积分抵扣                    -500
积分余额                    2842
"""


def test_printed_receipt_names_promotions_points_tender_and_member(
    engine: Engine, receipt: ReceiptDocument
) -> None:
    text = _printing(engine).layout(receipt).text()
    assert _rows(text, "蒙牛特仑苏", "  优惠") == [
        "蒙牛特仑苏纯牛奶 250ml×12",
        "  2 x 65.00               130.00",
        "  促销: 特仑苏会员价、",
        "        每满100减10、券C-100",
        "  优惠                    -35.04",
    ]
    assert _rows(text, "可口可乐", "  优惠")[2:4] == [
        "  促销: 可口可乐任选3件7元、", "        每满100减10、券C-100"]
    assert _rows(text, "小计", "积分余额") == SUMMARY_32.splitlines()


def test_reprint_rebuilds_the_same_receipt_from_the_store(
    engine: Engine, receipt: ReceiptDocument
) -> None:
    printing = _printing(engine)
    again = printing.receipt_of(receipt.receipt_no)
    assert again.promotions == receipt.promotions
    assert again.member == receipt.member
    assert [ln.promo_names for ln in again.lines] == [ln.promo_names for ln in receipt.lines]
    original = printing.layout(receipt).text().splitlines()
    reprint = printing.layout(again, reprint=True).text().splitlines()
    assert reprint == [*original[:2], pad("** 重印 **", 32, "center"), *original[2:]]


def test_english_receipt_at_48_columns(engine: Engine, receipt: ReceiptDocument) -> None:
    wide = PrinterConfig(paper_mm=80, columns=48)
    printing = _printing(engine, labels=LABELS_EN)
    for doc in (receipt, printing.receipt_of(receipt.receipt_no)):
        rows = printing.layout(doc, config=wide).text().splitlines()
        for left, right in [("Points (500 pts)", "5.00"), ("  特仑苏会员价", "-16.20"),
                            ("Member 138****8000", "张*"), ("Points earned", "+142"),
                            ("Points used", "-500"), ("Points balance", "2842")]:
            assert left_right(left, right, 48) in rows
        assert pad("  Promo: 特仑苏会员价, 每满100减10, 券C-100", 48) in rows


def test_a_sale_kept_without_the_member_block_reprints_without_guessing_it(
    engine: Engine, receipt: ReceiptDocument
) -> None:
    stored = sales.get_sale(engine=engine, receipt_no=receipt.receipt_no)
    assert stored is not None and stored.record.member_receipt is not None
    # As a sale written before the member block was kept: the member id, no snapshot.
    legacy = dataclasses.replace(stored.record, sale_uuid="legacy-1", member_receipt=None,
                                 points=(), coupons=(), promo_usage=())
    done = sales.commit_sale(engine=engine, record=legacy)
    again = _printing(engine).receipt_of(done.receipt_no)
    assert again.member is None and again.promotions == receipt.promotions
    assert "积分余额" not in _printing(engine).layout(again).text()


@pytest.mark.parametrize(("labels", "word"), [(ReceiptLabels(), "手工折扣"),
                                              (LABELS_EN, "Manual discount")], ids=["zh", "en"])
def test_manual_discounts_are_named_so_the_promotions_add_up_to_the_discount_total(
    engine: Engine, labels: ReceiptLabels, word: str
) -> None:
    checkout, _ = make_checkout(engine, WEDNESDAY)
    for code in (sku_code(engine, TELUNSU),) * 2 + (COKE_330,) * 3:
        assert checkout.scan(code).ok
    checkout.discount_line(checkout.sale.cart.lines[0].line_id, Discount("amount", 123))
    checkout.discount_sale(Discount("percent", 500))  # 5 % off the rest
    checkout.add_tender("cash", Money(50_000))
    doc = checkout.complete().receipt
    printing = _printing(engine, labels=labels)
    for again in (doc, printing.receipt_of(doc.receipt_no)):
        assert again.manual_discount.fen > 123
        rows = _rows(printing.layout(again).text(), labels.subtotal, labels.discounts)
        named = [int(r.rsplit("-", 1)[1].replace(".", "")) for r in rows[1:-1] if "-" in r]
        assert sum(named) == again.discount.fen > 0
        assert left_right("  " + word, "-" + again.manual_discount.yuan_text(), 32) in rows
