"""The customer display window: lines, total, paid and change in large type."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.config import Settings
from pos_app.core.cart import Cart
from pos_app.core.money import Money
from pos_app.core.pricing import PricedCart, price_cart
from pos_app.core.product import ProductInfo
from pos_app.core.receipt import build_receipt
from pos_app.core.sale import Sale
from pos_app.core.store_info import StoreInfo
from pos_app.core.tenders import PaymentState, add_tender, payment_state
from pos_app.services.results import CartChange, CompletedSale
from pos_app.ui import i18n
from pos_app.ui.customer_display import CustomerDisplay, pick_screen

APPLES = ProductInfo(product_id=1, sku="T-APPLE", name="红富士苹果（山东烟台）",
                     name_en="Fuji apples", unit="kg", price=Money(1280), tax_rate_bp=900,
                     is_weighed=True)
COLA = ProductInfo(product_id=2, sku="T-COLA", name="可口可乐 330ml", name_en="Coca-Cola",
                   unit="罐", price=Money(350), tax_rate_bp=1300)
CHIPS = ProductInfo(product_id=3, sku="T-CHIPS", name="乐事薯片 黄瓜味 超大家庭装 135g",
                    name_en="", unit="袋", price=Money(750), tax_rate_bp=1300)
OPENED = datetime(2026, 1, 5, 9, 30)


def priced_cart() -> PricedCart:
    return price_cart(Cart().add(APPLES, 350).add(COLA, 2).add(CHIPS, 1))


def unpaid(priced: PricedCart) -> PaymentState:
    return payment_state(priced.totals.total, ())


@pytest.fixture
def display(qtbot: QtBot) -> CustomerDisplay:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    families = Settings().ui_font_families
    i18n.apply_fonts(app, families)
    win = CustomerDisplay(lang="zh_CN", font_families=families,
                          promo_message="会员日：全场果蔬 9 折，扫码入会立享优惠！")
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def cell(win: CustomerDisplay, row: int, col: int) -> str:
    item = win.table.item(row, col)
    assert item is not None
    return item.text()


def test_idle_display_shows_welcome_and_zero(display: CustomerDisplay) -> None:
    assert display.table.rowCount() == 0
    assert display.total_value.text() == "¥0.00"
    assert display.paid_value.isHidden() and display.change_value.isHidden()
    assert display.promo.text().startswith("会员日")


def test_sale_in_progress_shows_lines_and_total(display: CustomerDisplay) -> None:
    priced = priced_cart()
    display.show_sale(priced, unpaid(priced), line_id=2)
    assert display.table.rowCount() == 3
    assert [cell(display, 0, c) for c in range(3)] == ["红富士苹果（山东烟台）", "0.350kg", "¥4.48"]
    assert [cell(display, 1, c) for c in range(3)] == ["可口可乐 330ml", "2 罐", "¥7.00"]
    assert display.total_value.text() == "¥18.98"
    assert display.count_label.text() == "Items: 4"  # no translator installed in this test
    assert display.table.currentRow() == 1
    assert display.change_value.isHidden()


def test_paid_sale_shows_paid_and_change_and_keeps_it_for_the_next_empty_sale(
    display: CustomerDisplay, qtbot: QtBot, tmp_path: Path
) -> None:
    priced = priced_cart()
    due = priced.totals.total
    tenders = add_tender((), due=due, kind="cash", tendered=Money(5000))
    receipt = build_receipt(priced=priced, tenders=tenders, receipt_no="S001-T01-000042",
                            completed_at=OPENED, cashier="cashier",
                            store=StoreInfo(store_code="S001", store_name="测试门店",
                                            store_address="测试路 1 号", terminal_code="T01",
                                            footer="谢谢惠顾"))
    fresh = Sale.new(sale_uuid="next", opened_at=OPENED)
    empty = CartChange(sale=fresh, priced=fresh.priced(), payment=payment_state(Money(0), ()))
    display.show_sale(priced, payment_state(due, tenders))
    assert display.change_value.text() == "¥31.02"
    display.on_sale_completed(CompletedSale(receipt=receipt, sale_id=42, change=empty))
    display.on_cart_changed(empty)  # the cashier window redraws the empty next sale
    assert display.paid_value.text() == "¥50.00"
    assert display.change_value.text() == "¥31.02"
    assert display.total_value.text() == "¥18.98"
    assert display.table.rowCount() == 3
    assert display.header.text().startswith("Thank you")
    assert display.change_value.isVisible()
    shot = display.grab()
    assert shot.save(str(tmp_path / "customer_display_1024x768.png"))
    label = display.change_value
    assert label.width() >= label.sizeHint().width()  # nothing cut at 1024×768
    assert display.total_value.width() >= display.total_value.sizeHint().width()
    nxt = Cart().add(COLA, 1)
    p2 = price_cart(nxt)
    display.show_sale(p2, unpaid(p2))
    assert display.table.rowCount() == 1
    assert display.change_value.isHidden()


def test_second_screen_is_used_when_there_is_one() -> None:
    screens = QApplication.screens()
    assert pick_screen(screens[:1], screens[0], -1) is None
    fake_a, fake_b = cast(QScreen, object()), cast(QScreen, object())
    assert pick_screen([fake_a, fake_b], fake_a, -1) is fake_b
    assert pick_screen([fake_a, fake_b], fake_a, 0) is fake_a
    assert pick_screen([fake_a, fake_b], fake_a, 5) is fake_b


def test_display_opened_after_the_sale_shows_the_receipt_lines(display: CustomerDisplay) -> None:
    priced = priced_cart()
    tenders = add_tender((), due=priced.totals.total, kind="mobile",
                         tendered=priced.totals.total, reference="wx1")
    receipt = build_receipt(priced=priced, tenders=tenders, receipt_no="R1",
                            completed_at=OPENED, cashier="c",
                            store=StoreInfo(store_code="S001", store_name="店",
                                            store_address="", terminal_code="T01", footer=""))
    fresh = Sale.new(sale_uuid="next", opened_at=OPENED)
    empty = CartChange(sale=fresh, priced=fresh.priced(), payment=payment_state(Money(0), ()))
    display.show_sale(empty.priced, empty.payment,
                      CompletedSale(receipt=receipt, sale_id=1, change=empty))
    assert display.table.rowCount() == 3
    assert cell(display, 2, 0) == "乐事薯片 黄瓜味 超大家庭装 135g"
    assert display.change_value.text() == "¥0.00"
