from dataclasses import replace
from datetime import UTC, datetime

from pos_app.core.cart import Cart, Discount
from pos_app.core.money import Money
from pos_app.core.pricing import price_cart
from pos_app.core.receipt import ReceiptLine, build_receipt
from pos_app.core.store_info import StoreInfo
from pos_app.core.tenders import add_tender

from .helpers import product

STORE = StoreInfo(
    store_code="S001",
    store_name="便利店 人民路店",
    store_address="上海市人民路1号",
    terminal_code="T01",
    tax_mode="inclusive",
    cash_rounding="jiao_down",
    footer="谢谢惠顾",
)
DONE = datetime(2024, 5, 1, 9, 45, tzinfo=UTC)


def test_receipt_document_carries_lines_totals_tenders_and_change() -> None:
    cart = (
        Cart()
        .add(product(1, 350, name="可口可乐 500ml"), 2)
        .add(product(2, 1280, weighed=True, name="红富士苹果", rate=900), 350)
        .discount_sale(Discount("amount", 100))
    )
    priced = price_cart(cart, tax_mode=STORE.tax_mode, cash_rounding=STORE.cash_rounding)
    # 700 + 448 = 1148, minus 100 → 1048, 抹零 → 1040
    assert priced.totals.total == Money(1040)
    tenders = add_tender((), due=priced.totals.total, kind="cash", tendered=Money(2000))
    doc = build_receipt(
        priced=priced,
        tenders=tenders,
        receipt_no="S001-T01-000042",
        completed_at=DONE,
        store=STORE,
        cashier="张三",
    )
    assert doc.lines == (
        ReceiptLine("可口可乐 500ml", "2", Money(350), Money(700), Money(61), Money(639), 1300,
                    name_en="Product 1"),
        ReceiptLine("红富士苹果", "0.350kg", Money(1280), Money(448), Money(39), Money(409), 900,
                    name_en="Product 2"),
    )
    assert (doc.subtotal, doc.discount, doc.rounding, doc.total) == (
        Money(1148),
        Money(100),
        Money(-8),
        Money(1040),
    )
    assert doc.tax == Money(74 + 34)
    assert doc.manual_discount == Money(100) and doc.promotions == ()  # the F6 discount, named
    assert doc.tax_by_rate == ((900, Money(34)), (1300, Money(74)))
    assert (doc.paid, doc.change) == (Money(2000), Money(960))
    assert (doc.store_name, doc.store_address, doc.terminal_code, doc.footer) == (
        "便利店 人民路店",
        "上海市人民路1号",
        "T01",
        "谢谢惠顾",
    )
    assert doc.barcode_value == doc.receipt_no == "S001-T01-000042"
    assert (doc.cashier, doc.completed_at, doc.tenders, doc.tax_mode) == (
        "张三",
        DONE,
        tenders,
        "inclusive",
    )


def test_receipt_lines_carry_both_names_for_the_receipt_language_to_pick() -> None:
    priced = price_cart(Cart().add(product(7, 100, name="商品七")))
    doc = build_receipt(
        priced=priced,
        tenders=(),
        receipt_no="S001-T01-000001",
        completed_at=DONE,
        store=STORE,
        cashier="c",
    )
    line = doc.lines[0]
    assert (line.name, line.name_en) == ("商品七", "Product 7")
    assert (line.display_name("en_US"), line.display_name("zh_CN")) == ("Product 7", "商品七")
    assert replace(line, name_en="").display_name("en_US") == "商品七"  # no English name known
