"""CheckoutService against a real temporary SQLite store."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, text

from pos_app.core.cart import Discount
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.services.checkout import CheckoutService
from pos_app.services.results import ScanOutcome
from pos_app.store import sales as sales_store
from pos_app.store import terminal
from tests.conftest import (
    APPLES_LABEL_350G,
    BANANA_LABEL_1234,
    CHIPS,
    COLA,
    INACTIVE,
    TEA,
    UNKNOWN,
)
from tests.staffing import signed_in

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture
def checkout(engine: Engine) -> CheckoutService:
    ticks = itertools.count()
    uuids = (f"00000000-0000-4000-8000-{n:012d}" for n in itertools.count(1))
    return CheckoutService(
        engine=engine,
        store_info=terminal.get_store_info(engine=engine),
        cashier="张三",
        clock=lambda: T0 + timedelta(seconds=next(ticks)),
        new_uuid=lambda: next(uuids),
        sleep=lambda _s: None,
    )


def test_scan_three_products_adds_lines_and_merges_repeats(checkout: CheckoutService) -> None:
    for code in (COLA, TEA, COLA):
        assert checkout.scan(code).ok
    lines = checkout.sale.cart.lines
    assert [(ln.product.sku, ln.qty) for ln in lines] == [("T-COLA", 2), ("T-TEA", 1)]
    assert checkout.current().priced.totals.total == Money(2 * 350 + 300)


def test_weight_label_adds_weighed_line(checkout: CheckoutService) -> None:
    outcome = checkout.scan(APPLES_LABEL_350G)
    assert outcome.ok and outcome.change is not None
    line = outcome.change.sale.cart.lines[0]
    assert (line.product.sku, line.qty) == ("T-APPLE", 350)
    assert outcome.change.priced.lines[0].gross == Money(448)  # 12.80/kg × 0.350 kg


def test_price_label_uses_printed_amount(checkout: CheckoutService) -> None:
    outcome = checkout.scan(BANANA_LABEL_1234)
    assert outcome.ok and outcome.change is not None
    assert outcome.change.priced.lines[0].gross == Money(1234)


def test_bad_check_digit_is_its_own_message(checkout: CheckoutService) -> None:
    outcome = checkout.scan(COLA[:-1] + str((int(COLA[-1]) + 1) % 10))
    assert (outcome.status, outcome.key) == ("invalid", "barcode.bad_check_digit")
    assert checkout.sale.cart.is_empty


def test_unknown_barcode_asks_to_search(checkout: CheckoutService) -> None:
    outcome = checkout.scan(UNKNOWN)
    assert (outcome.status, outcome.key) == ("unknown", "scan.unknown_barcode")


def test_inactive_product_is_refused(checkout: CheckoutService) -> None:
    outcome = checkout.scan(INACTIVE)
    assert (outcome.status, outcome.key) == ("inactive", "scan.inactive_product")


def test_sku_typed_by_hand_is_found(checkout: CheckoutService) -> None:
    assert checkout.scan("T-CHIPS").ok


def test_weighed_product_by_base_code_needs_weight(checkout: CheckoutService) -> None:
    from tests.conftest import APPLES_BASE

    outcome = checkout.scan(APPLES_BASE)
    assert outcome.status == "needs_weight" and outcome.product is not None
    change = checkout.add_product(outcome.product, 1500)
    assert change.priced.lines[0].gross == Money(1920)


def _added_line(outcome: ScanOutcome) -> int:
    """The id of the line a scan added."""
    assert outcome.change is not None and outcome.change.line_id is not None, outcome
    return outcome.change.line_id


def test_edits_discounts_and_override(checkout: CheckoutService) -> None:
    checkout.scan(COLA)
    line_id = _added_line(checkout.scan(CHIPS))
    checkout.set_qty(line_id, 2)
    checkout.discount_line(line_id, Discount("amount", 100))
    change = checkout.discount_sale(Discount("percent", 1000))
    totals = change.priced.totals
    assert totals.subtotal == Money(350 + 1500)
    assert totals.line_discount == Money(100)
    assert totals.sale_discount == Money(175)
    change = checkout.override_price(line_id, Money(700))
    assert change.priced.line(line_id).gross == Money(1400)
    change = checkout.void_line(line_id)
    assert len(change.sale.cart.lines) == 1


def test_price_override_asks_permission(engine: Engine) -> None:
    svc = CheckoutService(engine=engine, store_info=terminal.get_store_info(engine=engine),
                          staff=signed_in(engine, "cashier"))
    line_id = _added_line(svc.scan(COLA))
    with pytest.raises(PosError) as err:
        svc.override_price(line_id, Money(1))
    assert (err.value.key, err.value.data["action"]) == ("permission.denied", "price_override")


def test_split_tender_cash_and_card_commits_sale(
    checkout: CheckoutService, engine: Engine
) -> None:
    for code in (COLA, TEA, CHIPS):
        checkout.scan(code)
    due = checkout.current().priced.totals.total  # 14.00
    checkout.add_tender("card", Money(1000), "REF123")
    change = checkout.add_tender("cash", Money(1000))
    assert change.payment.is_paid and change.payment.change == Money(2000 - due.fen)
    done = checkout.complete()
    assert done.receipt.receipt_no.endswith("-000001")
    assert done.receipt.change == Money(600)
    assert done.change.sale.cart.is_empty
    stored = sales_store.get_sale(engine=engine, receipt_no=done.receipt.receipt_no)
    assert stored is not None and stored.state == "completed"
    assert [t.kind for t in stored.record.tenders] == ["card", "cash"]
    assert stored.record.total_fen == due.fen


def test_mobile_then_cash_with_change(checkout: CheckoutService) -> None:
    checkout.scan(CHIPS)
    checkout.pay_mobile("134567890123456781", Money(500))
    change = checkout.add_tender("cash", Money(1000))
    assert change.payment.change == Money(750)
    assert [t.kind for t in change.sale.tenders] == ["mobile", "cash"]
    assert checkout.complete().receipt.change == Money(750)


def test_declined_mobile_payment_adds_nothing(checkout: CheckoutService) -> None:
    checkout.scan(CHIPS)
    with pytest.raises(PosError) as err:
        checkout.pay_mobile("134567890123456780", Money(750))
    assert err.value.key == "payment.declined"
    assert checkout.sale.tenders == () and not checkout.busy


def test_cart_is_locked_once_paid_partly(checkout: CheckoutService) -> None:
    checkout.scan(CHIPS)
    checkout.add_tender("cash", Money(100))
    with pytest.raises(PosError):
        checkout.scan(COLA)


def test_incomplete_payment_cannot_complete(checkout: CheckoutService) -> None:
    checkout.scan(CHIPS)
    with pytest.raises(PosError) as err:
        checkout.complete()
    assert err.value.key == "sale.not_paid" and not checkout.busy


def test_suspend_and_resume_round_trip(checkout: CheckoutService) -> None:
    checkout.scan(COLA)
    checkout.scan(APPLES_LABEL_350G)
    before = checkout.current().priced.totals
    uuid = checkout.sale.sale_uuid
    assert checkout.suspend("table 3").sale.cart.is_empty
    listed = checkout.list_suspended()
    assert [(s.label, s.line_count, s.total_fen) for s in listed] == [
        ("table 3", 2, before.total.fen)
    ]
    change = checkout.resume(listed[0].suspended_id)
    assert change.sale.sale_uuid == uuid
    assert change.priced.totals == before
    assert checkout.list_suspended() == []


def test_resume_needs_an_empty_sale(checkout: CheckoutService) -> None:
    checkout.scan(COLA)
    checkout.suspend()
    checkout.scan(TEA)
    sid = checkout.list_suspended()[0].suspended_id
    with pytest.raises(PosError) as err:
        checkout.resume(sid)
    assert err.value.key == "sale.not_empty"


def test_void_records_voided_sale(checkout: CheckoutService, engine: Engine) -> None:
    checkout.scan(COLA)
    uuid = checkout.sale.sale_uuid
    assert checkout.void().sale.cart.is_empty
    with engine.connect() as conn:
        state = conn.execute(
            text("SELECT state FROM sale WHERE sale_uuid = :u"), {"u": uuid}
        ).scalar()
    assert state == "voided"


def test_failed_write_releases_the_sale(checkout: CheckoutService) -> None:
    checkout.scan(COLA)
    checkout.add_tender("cash", Money(350))
    pending = checkout.begin_complete()
    assert checkout.busy
    with pytest.raises(PosError):
        checkout.scan(TEA)  # no edits while the sale is being written
    pending.abort()
    assert not checkout.busy
    assert checkout.complete().receipt.total == Money(350)


@pytest.mark.parametrize("bad", ["Cola\x00Zero", "ref\x1b", "x\ud800"])
def test_typed_text_with_a_control_character_is_refused_before_it_is_stored(
    checkout: CheckoutService, bad: str
) -> None:
    with pytest.raises(PosError) as err:
        checkout.search(bad)
    assert err.value.key == "search.text_invalid"
    checkout.scan(COLA)
    with pytest.raises(PosError) as err:
        checkout.add_tender("card", Money(300), reference=bad)
    assert err.value.key == "tender.reference_invalid"
    assert checkout.sale.tenders == ()
    with pytest.raises(PosError) as err:
        checkout.begin_suspend(bad)
    assert err.value.key == "suspend.label_invalid"
    assert checkout.list_suspended() == []
