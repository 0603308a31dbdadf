"""LabelService on a real store: choosing products, "price changed since the last print",
printing on the simulated label printer, and markdown labels sold by the real checkout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from contract.products import ProductRow
from drivers.labels.config import LabelPrinterConfig
from drivers.labels.sim import SimLabelPrinter
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.services.checkout import CheckoutService
from pos_app.services.labels import LabelService
from pos_app.store import catalog, terminal
from pos_app.store.models import sale_line
from tests.conftest import APPLES_LABEL_350G, BANANA_LABEL_1234, COLA, TEA

NOW = datetime(2026, 12, 5, 19, 30, tzinfo=UTC)


@pytest.fixture
def printer() -> SimLabelPrinter:
    return SimLabelPrinter()


@pytest.fixture
def labels(engine: Engine, printer: SimLabelPrinter) -> LabelService:
    return LabelService(engine=engine, config=LabelPrinterConfig(kind="sim"),
                        transport=printer, clock=lambda: NOW)


def checkout_for(engine: Engine) -> CheckoutService:
    return CheckoutService(engine=engine, store_info=terminal.get_store_info(engine=engine),
                           sleep=lambda _s: None)


def sell(checkout: CheckoutService, code: str) -> int:
    outcome = checkout.scan(code)
    assert outcome.ok, outcome.key
    due = checkout.current().priced.totals.total
    checkout.add_tender("cash", due)
    return checkout.complete().sale_id


def test_find_by_barcode_sku_and_scale_label(labels: LabelService) -> None:
    assert labels.find(COLA).product.sku == "T-COLA"
    assert labels.find("T-TEA").product.sku == "T-TEA"
    found = labels.find(APPLES_LABEL_350G)
    assert (found.product.sku, found.scale and found.scale.weight_g) == ("T-APPLE", 350)
    with pytest.raises(PosError) as err:
        labels.find("6990000009995")
    assert err.value.key == "labels.unknown_code"


def test_shelf_label_prints_tspl_on_the_simulator_and_is_recorded(
        labels: LabelService, printer: SimLabelPrinter) -> None:
    item = labels.shelf_item(labels.find(COLA).product)
    assert item.doc.barcode == COLA and item.doc.unit_price is not None
    assert item.doc.unit_price.price == Money(106)  # ¥3.50 / 330 ml → ¥1.06 per 100 ml
    result = labels.print_labels([item])
    out = printer.output()
    assert out.startswith(b"SIZE 40 mm,30 mm\r\n") and f'"{COLA}"'.encode() in out
    assert result.bytes_sent == len(out) and len(printer.labels) == 1
    assert printer.labels[0].startswith(b"\x89PNG")


def test_price_changed_since_last_print(engine: Engine, labels: LabelService) -> None:
    cola, tea = labels.find(COLA).product, labels.find(TEA).product
    labels.print_labels([labels.shelf_item(cola), labels.shelf_item(tea)])
    assert labels.price_changed() == []
    catalog.upsert_products(engine=engine, rows=[ProductRow(
        sku="T-COLA", name=cola.name, name_en=cola.name_en, price_fen=380, unit="罐",
        barcodes=(COLA,))])
    changed = labels.price_changed()
    assert [(p.sku, p.price) for p in changed] == [("T-COLA", Money(380))]
    labels.print_labels([labels.shelf_item(changed[0])])
    assert labels.price_changed() == []


def test_printer_off_is_a_message_and_records_nothing(
        labels: LabelService, printer: SimLabelPrinter) -> None:
    printer.online = False
    item = labels.shelf_item(labels.find(COLA).product)
    with pytest.raises(PosError) as err:
        labels.print_labels([item])
    assert err.value.key == "labels.printer_unavailable"
    printer.online = True
    assert labels.price_changed() == []  # nothing recorded: nothing was printed


def test_no_printer_configured(engine: Engine) -> None:
    service = LabelService(engine=engine, config=LabelPrinterConfig())
    with pytest.raises(PosError) as err:
        service.print_labels([service.shelf_item(service.find(COLA).product)])
    assert err.value.key == "labels.printer_not_configured"


def test_markdown_of_a_piece_product_sells_at_the_marked_down_price(
        engine: Engine, labels: LabelService) -> None:
    item = labels.markdown_item(labels.find(COLA), 30)  # ¥3.50 → ¥2.45
    assert (item.doc.price, item.doc.regular_price) == (Money(245), Money(350))
    (printed,) = labels.print_labels([item]).items
    code = printed.doc.barcode
    assert code.startswith("26") and len(code) == 13
    checkout = checkout_for(engine)
    sale_id = sell(checkout, code)
    with engine.connect() as conn:
        row = conn.execute(select(sale_line.c.gross_fen, sale_line.c.unit_price_fen,
                                  sale_line.c.qty, sale_line.c.scanned_code)
                           .where(sale_line.c.sale_id == sale_id)).one()
    assert tuple(row) == (245, 350, 1, code)
    report = labels.markdown_sales(NOW - timedelta(days=400), NOW + timedelta(days=400))
    assert (report.lines, report.sold, report.markdown) == (1, Money(245), Money(105))


def test_markdown_of_a_weighed_item_keeps_its_weight(
        engine: Engine, labels: LabelService) -> None:
    item = labels.markdown_item(labels.find(APPLES_LABEL_350G), 50)  # 350 g × ¥12.80/kg
    assert (item.doc.regular_price, item.doc.price, item.doc.weight_g) == (
        Money(448), Money(224), 350)
    (printed,) = labels.print_labels([item]).items
    checkout = checkout_for(engine)
    outcome = checkout.scan(printed.doc.barcode)
    assert outcome.ok and outcome.change is not None
    line = outcome.change.sale.cart.lines[0]
    assert (line.product.sku, line.qty, outcome.change.priced.lines[0].gross) == (
        "T-APPLE", 350, Money(224))


def test_markdown_from_a_price_label_derives_the_weight(labels: LabelService) -> None:
    item = labels.markdown_item(labels.find(BANANA_LABEL_1234), 20)  # ¥12.34 at ¥6.98/kg
    assert (item.doc.regular_price, item.doc.price, item.doc.weight_g) == (
        Money(1234), Money(987), 1768)


def test_a_weighed_product_needs_its_scale_label(labels: LabelService) -> None:
    with pytest.raises(PosError) as err:
        labels.markdown_item(labels.find("T-APPLE"), 30)
    assert err.value.key == "labels.weight_required"


def test_markdown_numbers_are_new_for_each_label(labels: LabelService) -> None:
    found = labels.find(COLA)
    printed = labels.print_labels([labels.markdown_item(found, 10),
                                   labels.markdown_item(found, 20)]).items
    printed2 = labels.print_labels([labels.markdown_item(found, 10)]).items
    codes = [i.doc.barcode[2:7] for i in (*printed, *printed2)]
    assert codes == ["00001", "00002", "00003"]


def test_unknown_markdown_code_stays_unknown_at_the_till(engine: Engine) -> None:
    outcome = checkout_for(engine).scan("2600999001002")
    assert (outcome.status, outcome.key) == ("unknown", "scan.unknown_barcode")


def test_a_markdown_prefix_the_till_does_not_read_as_a_price_label_is_refused(
        engine: Engine) -> None:
    with pytest.raises(PosError) as err:  # 28 is a weight-label prefix in the default rules
        LabelService(engine=engine, config=LabelPrinterConfig(kind="sim", markdown_prefix="28"))
    assert (err.value.key, err.value.data["prefix"]) == ("labels.markdown_rule_invalid", "28")


def test_escpos_kind_prints_page_mode(engine: Engine, printer: SimLabelPrinter) -> None:
    service = LabelService(engine=engine, config=LabelPrinterConfig(kind="escpos"),
                           transport=printer)
    service.print_labels([service.shelf_item(service.find(COLA).product)])
    out = printer.output()
    assert out.startswith(b"\x1b@\x1c&\x1bL") and b"\x1dkC\r" + COLA.encode() in out
