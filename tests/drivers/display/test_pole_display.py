"""The pole display worker through a pty pair and the simulated display."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.device import DeviceState
from drivers.display.config import DisplayConfig
from drivers.display.pole_display import PoleDisplayWorker
from drivers.sim.pole_sim import PoleSim
from pos_app.core.cart import Cart
from pos_app.core.money import Money
from pos_app.core.pricing import price_cart
from pos_app.core.product import ProductInfo
from pos_app.core.tenders import add_tender, payment_state
from tests.waiting import wait_until

APPLES = ProductInfo(product_id=1, sku="T-APPLE", name="红富士苹果", name_en="Fuji apples",
                     unit="kg", price=Money(1280), tax_rate_bp=900, is_weighed=True)
COLA = ProductInfo(product_id=2, sku="T-COLA", name="可口可乐", name_en="",
                   unit="罐", price=Money(350), tax_rate_bp=1300)


@pytest.fixture
def pole(tmp_path: Path) -> Iterator[tuple[PoleSim, PoleDisplayWorker]]:
    sim = PoleSim(link=tmp_path / "pole").start()
    worker = PoleDisplayWorker(DisplayConfig(kind="sim", port=sim.path), reconnect_s=0.02)
    worker.start()
    yield sim, worker
    worker.stop()
    sim.close()


def test_a_sale_on_the_pole_item_total_then_change(
    pole: tuple[PoleSim, PoleDisplayWorker]
) -> None:
    sim, worker = pole
    wait_until(lambda: sim.lines == ("WELCOME", ""))
    cart = Cart().add(APPLES, 350).add(COLA, 2)
    priced = price_cart(cart)
    due = priced.totals.total
    worker.show_sale(priced, payment_state(due, ()), line_id=1)
    wait_until(lambda: sim.lines == ("Fuji apples", "0.350kg         4.48"))
    worker.show_sale(priced, payment_state(due, ()), line_id=2)
    wait_until(lambda: sim.lines == ("T-COLA", "2               7.00"))  # no English name
    worker.show_sale(priced, payment_state(due, ()))
    wait_until(lambda: sim.lines == ("TOTAL          11.48", ""))
    tenders = add_tender((), due=due, kind="cash", tendered=Money(2000))
    worker.show_sale(priced, payment_state(due, tenders))
    wait_until(lambda: sim.lines == ("PAID           20.00", "CHANGE          8.52"))
    assert sim.received.startswith(b"\x1b@")


def test_only_the_newest_screen_is_sent_when_many_queue_up(
    pole: tuple[PoleSim, PoleDisplayWorker]
) -> None:
    sim, worker = pole
    wait_until(lambda: worker.status.state == DeviceState.READY)
    for i in range(50):
        worker.show_text(f"line {i}")
    wait_until(lambda: sim.lines == ("line 49", ""))
    assert sim.received.count(b"\x1bQA") < 50


def test_unplugged_pole_goes_offline_and_shows_the_last_screen_after_replug(
    pole: tuple[PoleSim, PoleDisplayWorker]
) -> None:
    sim, worker = pole
    wait_until(lambda: worker.status.state == DeviceState.READY)
    sim.unplug()
    worker.show_text("TOTAL", "9.99")
    wait_until(lambda: worker.status.state == DeviceState.OFFLINE)
    sim.replug()
    wait_until(lambda: worker.status.state == DeviceState.READY)
    wait_until(lambda: sim.lines == ("TOTAL", "9.99"))
