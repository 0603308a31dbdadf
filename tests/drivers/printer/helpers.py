"""Receipt documents for the printer tests."""

from __future__ import annotations

from datetime import UTC, datetime

from pos_app.core.money import Money
from pos_app.core.receipt import ReceiptDocument, ReceiptLine
from pos_app.core.tenders import Tender

LONG_NAME = "康师傅冰红茶柠檬口味饮料大瓶装一点五升家庭分享装"


def line(name: str, qty: int, price: int, discount: int = 0, rate: int = 1300) -> ReceiptLine:
    gross = qty * price
    return ReceiptLine(name=name, qty_text=str(qty), unit_price=Money(price), gross=Money(gross),
                       discount=Money(discount), net=Money(gross - discount), tax_rate_bp=rate)


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
