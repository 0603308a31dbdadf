"""The till keeps the store's time, not the machine's: with the machine in UTC, a sale at
23:30 UTC in a Shanghai store is 07:30 the next morning on its receipt and in that day's
totals; a sale an older build stored with the machine's UTC offset reprints in store time."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from contract.demo import demo_private_key
from drivers.printer.config import PrinterConfig
from drivers.sim.escpos_decode import decode
from pos_app.config import Settings
from pos_app.core.clock import StoreClock
from pos_app.core.coupons import Coupon, make_coupon_code
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.receipt import ReceiptDocument
from pos_app.services.checkout import CheckoutService
from pos_app.services.demo_session import sign_in_demo
from pos_app.services.factory import Services, open_services
from pos_app.services.printing import PrintService
from pos_app.store import outbox
from pos_app.store.sync_state import day_summaries

LATE_UTC_EVENING = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
COKE_330 = "6901000000004"
CONFIG = PrinterConfig(kind="sim", paper_mm=80, columns=42)


@pytest.fixture
def machine_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    assert datetime.now().astimezone().utcoffset() == timedelta(0)
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def shanghai_till(tmp_path: Path, machine_in_utc: None) -> Iterator[Services]:
    settings = Settings(data_dir=tmp_path, timezone="Asia/Shanghai")
    # The store's clock as the settings give it, stopped at 23:30 UTC.
    clock = replace(settings.store_clock(), instant=lambda: LATE_UTC_EVENING)
    services = open_services(db_path=tmp_path / "store.db", settings=settings, demo=True,
                             clock=clock)
    sign_in_demo(services)
    yield services
    services.close()


def _sell(checkout: CheckoutService) -> ReceiptDocument:
    assert checkout.scan(COKE_330).ok
    checkout.add_tender("cash", checkout.current().priced.totals.total + Money(1_000))
    return checkout.complete().receipt


def _printed(printing: PrintService, doc: ReceiptDocument) -> str:
    return "\n".join(decode(printing.render(doc), "gb18030").texts())


def test_receipt_and_reprint_show_the_store_time(shanghai_till: Services) -> None:
    doc = _sell(shanghai_till.checkout)
    printing = PrintService(engine=shanghai_till.engine, config=CONFIG, worker=None,
                            store_info=shanghai_till.checkout.store_info,
                            clock=shanghai_till.clock)
    assert "2026-12-05 07:30" in _printed(printing, doc)
    assert "2026-12-05 07:30" in _printed(printing, printing.receipt_of(doc.receipt_no))


def test_the_sale_counts_in_the_store_day(shanghai_till: Services) -> None:
    _sell(shanghai_till.checkout)
    engine, terminal = shanghai_till.engine, shanghai_till.checkout.store_info.terminal_code
    [event] = [e for e in outbox.pending_events(engine=engine, terminal_code=terminal)
               if e.type == "sale.completed"]
    assert event.created_at.startswith("2026-12-05T07:30:00")
    assert event.created_at.endswith("+08:00")  # stored with its offset, as before
    outbox.mark_acked(engine=engine, terminal_code=terminal, up_to_seq=event.seq,
                      acked_at=event.created_at)
    [day] = day_summaries(engine=engine, terminal_code=terminal, since="2026-12-01")
    assert (day.business_date, day.sales_count) == ("2026-12-05", 1)


def test_a_sale_stored_in_utc_by_an_older_build_reprints_in_store_time(
        shanghai_till: Services) -> None:
    old_build = CheckoutService(  # took the machine's zone: UTC
        engine=shanghai_till.engine, store_info=shanghai_till.checkout.store_info,
        clock=StoreClock(ZoneInfo("UTC"), instant=lambda: LATE_UTC_EVENING).now)
    doc = _sell(old_build)
    assert doc.completed_at.isoformat() == "2026-12-04T23:30:00+00:00"
    printing = PrintService(engine=shanghai_till.engine, config=CONFIG, worker=None,
                            store_info=old_build.store_info, clock=shanghai_till.clock)
    assert "2026-12-05 07:30" in _printed(printing, printing.receipt_of(doc.receipt_no))


def test_a_coupon_not_yet_valid_says_when_in_store_time(shanghai_till: Services) -> None:
    starts = datetime(2026, 12, 5, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai
    coupon = Coupon(coupon_id="C-MORNING", kind="amount_off", name="早市券", value=100,
                    min_spend=Money(0), categories=frozenset(), skus=frozenset(), tier=None,
                    valid_from=starts, valid_to=starts + timedelta(days=1), member_id=None)
    checkout = shanghai_till.checkout
    assert checkout.scan(COKE_330).ok
    with pytest.raises(PosError) as caught:
        checkout.add_coupon(make_coupon_code(coupon, private_key=demo_private_key()))
    assert caught.value.key == "coupon.not_yet_valid"
    assert caught.value.data == {"valid_from": "2026-12-05 08:00"}
