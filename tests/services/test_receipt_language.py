"""Product names follow the receipt's language (the printer setting, else the screen's), on
the receipt of a real sale and on its reprint, read back by the independent ESC/POS reader."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from sqlalchemy import Engine

from drivers.printer.config import PrinterConfig
from drivers.printer.receipt_layout import labels_for
from pos_app.core.money import Money
from pos_app.services.checkout import CheckoutService
from pos_app.services.printing import PrintService
from pos_app.store import sales, terminal
from tests.conftest import CHIPS, COLA
from tests.drivers.printer import escpos_reference as ref

COLA_ZH, COLA_EN = "可口可乐 330ml 测试", "Coca-Cola 330ml test"
CHIPS_ZH, CHIPS_EN = "乐事薯片 测试", "Lay's chips test"


def _sale(engine: Engine) -> str:
    info = terminal.get_store_info(engine=engine)
    checkout = CheckoutService(engine=engine, store_info=info, cashier="c")
    for code in (COLA, CHIPS):
        assert checkout.scan(code).ok
    checkout.add_tender("cash", Money(5_000))
    return checkout.complete().receipt.receipt_no


def _printing(engine: Engine, ui_lang: str, **config: Any) -> PrintService:
    given = {k: v for k, v in config.items() if v}  # "" is the default: not set
    return PrintService(engine=engine, config=PrinterConfig(kind="sim", paper_mm=58, **given),
                        worker=None, store_info=terminal.get_store_info(engine=engine),
                        labels=labels_for(ui_lang))


def _printed(printing: PrintService, receipt_no: str, *, reprint: bool) -> list[str]:
    doc = printing.receipt_of(receipt_no)
    encoding = printing.config.encoding
    return [raw.decode(encoding) for raw in ref.read(printing.render(doc, reprint=reprint)).lines]


def _sold_receipt(engine: Engine, printing: PrintService) -> list[str]:
    # The receipt of the sale itself, as the till prints it after "complete".
    info = terminal.get_store_info(engine=engine)
    checkout = CheckoutService(engine=engine, store_info=info, cashier="c")
    for code in (COLA, CHIPS):
        assert checkout.scan(code).ok
    checkout.add_tender("cash", Money(5_000))
    doc = checkout.complete().receipt
    encoding = printing.config.encoding
    return [raw.decode(encoding) for raw in ref.read(printing.render(doc)).lines]


@pytest.mark.parametrize(("ui_lang", "receipt_lang"), [("en_US", ""), ("zh_CN", "en_US")])
def test_an_english_receipt_prints_english_product_names(
        engine: Engine, ui_lang: str, receipt_lang: str) -> None:
    printing = _printing(engine, ui_lang, receipt_lang=receipt_lang)
    receipt_no = _sale(engine)
    for lines in (_sold_receipt(engine, printing), _printed(printing, receipt_no, reprint=True)):
        assert COLA_EN in lines and CHIPS_EN in lines
        assert not any("可口可乐" in t or "薯片" in t for t in lines), lines
        assert any(t.startswith("TOTAL") for t in lines)


def test_a_chinese_receipt_on_an_english_screen_prints_chinese_names(engine: Engine) -> None:
    printing = _printing(engine, "en_US", receipt_lang="zh_CN")
    lines = _printed(printing, _sale(engine), reprint=False)
    assert COLA_ZH in lines and CHIPS_ZH in lines and not any("Coca" in t for t in lines)
    assert any(t.startswith("合计") for t in lines)


@pytest.mark.parametrize(("receipt_lang", "first", "second"),
                         [("zh_CN", COLA_ZH, COLA_EN), ("en_US", COLA_EN, COLA_ZH)])
def test_a_bilingual_receipt_prints_each_name_with_the_other_language_under_it(
        engine: Engine, receipt_lang: str, first: str, second: str) -> None:
    printing = _printing(engine, "zh_CN", receipt_lang=receipt_lang, bilingual=True)
    receipt_no = _sale(engine)
    for reprint in (False, True):
        lines = _printed(printing, receipt_no, reprint=reprint)
        i = lines.index(first)
        assert lines[i + 1] == "  " + second


def test_a_sale_kept_before_english_names_were_reprints_with_the_products_english_name(
        engine: Engine) -> None:
    stored = sales.get_sale(engine=engine, receipt_no=_sale(engine))
    assert stored is not None and stored.record.lines[0].name_en == COLA_EN
    # As a sale written before the English names were kept: the lines have none.
    legacy = dataclasses.replace(stored.record, sale_uuid="legacy-1", lines=tuple(
        dataclasses.replace(ln, name_en="") for ln in stored.record.lines))
    done = sales.commit_sale(engine=engine, record=legacy)
    lines = _printed(_printing(engine, "en_US"), done.receipt_no, reprint=True)
    assert COLA_EN in lines and CHIPS_EN in lines
