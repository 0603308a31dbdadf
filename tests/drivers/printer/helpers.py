"""Receipt documents for the printer tests."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from pos_app.core.money import Money
from pos_app.core.receipt import ReceiptDocument, ReceiptLine, ReceiptMember, ReceiptPromotion
from pos_app.core.tenders import Tender

LONG_NAME = "康师傅冰红茶柠檬口味饮料大瓶装一点五升家庭分享装"


def line(name: str, qty: int, price: int, discount: int = 0, rate: int = 1300,
         name_en: str = "") -> ReceiptLine:
    gross = qty * price
    return ReceiptLine(name=name, qty_text=str(qty), unit_price=Money(price), gross=Money(gross),
                       discount=Money(discount), net=Money(gross - discount), tax_rate_bp=rate,
                       name_en=name_en)


def sample_doc(n_lines: int = 3, *, names: tuple[str, ...] | None = None) -> ReceiptDocument:
    base = names or ("可口可乐 330ml", LONG_NAME, "Lay's chips 薯片 70g")
    lines = tuple(line(base[i % len(base)], 1 + i % 3, 350 + 25 * i,
                       discount=50 if i % 2 else 0, rate=900 if i % 3 == 2 else 1300)
                  for i in range(n_lines))
    subtotal = sum(x.gross.fen for x in lines)
    discount = sum(x.discount.fen for x in lines)
    total = subtotal - discount
    tendered = (total // 10_000 + 1) * 10_000
    by_rate: dict[int, int] = {}
    for x in lines:
        by_rate[x.tax_rate_bp] = by_rate.get(x.tax_rate_bp, 0) + x.net.fen * x.tax_rate_bp // (
            10_000 + x.tax_rate_bp)
    return ReceiptDocument(
        store_name="O2O 超市 人民路店", store_address="上海市人民路 100 号",
        receipt_no="S001-T01-000042", terminal_code="T01", cashier="张三",
        completed_at=datetime(2024, 11, 25, 10, 30, tzinfo=UTC), lines=lines,
        subtotal=Money(subtotal), discount=Money(discount),
        tax=Money(sum(by_rate.values())),
        tax_by_rate=tuple((r, Money(v)) for r, v in sorted(by_rate.items())),
        rounding=Money(0), total=Money(total),
        tenders=(Tender("cash", Money(total), Money(tendered)),), paid=Money(tendered),
        change=Money(tendered - total), footer="谢谢惠顾，欢迎再次光临！",
        barcode_value="S001-T01-000042",
        store_code="S001",
    )


BEER_PROMO = "青岛啤酒8折（不与其他优惠同享）"  # 31 cells: wraps at 32 columns


def loyalty_doc() -> ReceiptDocument:
    """A member's sale: promotions on lines, a coupon, part paid with points."""
    lines = (
        _promo_line("可口可乐 330ml", 3, 300, 265, ("可口可乐任选3件7元", "券C-100")),
        _promo_line("蒙牛特仑苏纯牛奶 250ml×12", 2, 6_500, 2_555, ("特仑苏会员价", "券C-100")),
        _promo_line("青岛啤酒 500ml", 1, 500, 100, (BEER_PROMO,)),
    )
    promotions = (ReceiptPromotion("可口可乐任选3件7元", Money(200)),
                  ReceiptPromotion("特仑苏会员价", Money(1_620)),
                  ReceiptPromotion(BEER_PROMO, Money(100)),
                  ReceiptPromotion("券C-100", Money(1_000)))
    subtotal, discount = 14_400, 2_920
    total = subtotal - discount  # 114.80: 500 points (¥5.00) and ¥120.00 cash
    tenders = (Tender("points", Money(500), Money(500), "500"),
               Tender("cash", Money(total - 500), Money(12_000)))
    member = ReceiptMember(masked_phone="138****8000", masked_name="张*", tier_name="金卡会员",
                           points_earned=163, points_redeemed=500, points_balance=2_605)
    return ReceiptDocument(
        store_name="O2O 超市 人民路店", store_address="上海市人民路 100 号",
        receipt_no="S001-T01-000043", terminal_code="T01", cashier="张三",
        completed_at=datetime(2024, 11, 25, 10, 45, tzinfo=UTC), lines=lines,
        subtotal=Money(subtotal), discount=Money(discount), tax=Money(1_321),
        tax_by_rate=((1300, Money(1_321)),), rounding=Money(0), total=Money(total),
        tenders=tenders, paid=Money(12_500), change=Money(12_500 - total),
        footer="谢谢惠顾", barcode_value="S001-T01-000043", store_code="S001",
        promotions=promotions, member=member,
    )


def _promo_line(name: str, qty: int, price: int, discount: int,
                promos: tuple[str, ...]) -> ReceiptLine:
    return dataclasses.replace(line(name, qty, price, discount), promo_names=promos)
