"""Weighing a product on the scale: stable grams, or a scale.* error the cashier can act on."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest

from drivers.device import DeviceState, DeviceStatus
from drivers.scale.config import ScaleConfig
from drivers.scale.serial_scale import ScaleError, ScaleResult, ScaleWorker
from drivers.scale.toledo import Reading, ScaleStatus
from drivers.sim.scale_sim import ScaleSim
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.product import ProductInfo
from pos_app.services.weighing import WeighingService
from tests.waiting import wait_until

APPLES = ProductInfo(product_id=1, sku="T-APPLE", name="红富士苹果", name_en="Fuji apples",
                     unit="kg", price=Money(1280), tax_rate_bp=900, is_weighed=True)
COLA = ProductInfo(product_id=2, sku="T-COLA", name="可口可乐", name_en="Coca-Cola",
                   unit="罐", price=Money(350), tax_rate_bp=1300)


class FakeScale:
    """Answers every request with ``result`` (None: never answers)."""

    def __init__(self, result: ScaleResult | None,
                 state: DeviceState = DeviceState.READY) -> None:
        self.result = result
        self.status = DeviceStatus("scale", state)
        self.asked: list[float | None] = []

    def request_weight(self, timeout_s: float | None = None) -> Future[ScaleResult]:
        self.asked.append(timeout_s)
        fut: Future[ScaleResult] = Future()
        if self.result is not None:
            fut.set_result(self.result)
        return fut


def weigh_key(result: ScaleResult | None, product: ProductInfo = APPLES) -> str:
    with pytest.raises(PosError) as err:
        WeighingService(scale=FakeScale(result), timeout_s=0.01, grace_s=0.01).weigh(product)
    assert err.value.data == {"name": product.name, "sku": product.sku}
    return err.value.key


def test_stable_reading_gives_grams() -> None:
    scale = FakeScale(Reading(350, True, ScaleStatus.OK))
    assert WeighingService(scale=scale, timeout_s=2.5).weigh(APPLES) == 350
    assert scale.asked == [2.5]


@pytest.mark.parametrize(("result", "key"), [
    (ScaleError("scale.unstable", Reading(0, False, ScaleStatus.MOTION)), "scale.unstable"),
    (ScaleError("scale.offline"), "scale.offline"),
    (ScaleError("scale.no_reply"), "scale.no_reply"),
    (ScaleError("scale.bad_reply"), "scale.bad_reply"),
    (Reading(0, True, ScaleStatus.ZERO), "scale.zero"),
    (Reading(-20, True, ScaleStatus.UNDER_ZERO), "scale.under_zero"),
    (Reading(0, True, ScaleStatus.OVERLOAD), "scale.overload"),
    (Reading(0, True, ScaleStatus.FAULT), "scale.fault"),
    (Reading(0, False, ScaleStatus.MOTION), "scale.unstable"),
    (Reading(0, True, ScaleStatus.OK), "scale.zero"),  # a bare acknowledgement
    (None, "scale.no_reply"),  # the worker never answered
])
def test_unusable_scale_answers_are_pos_errors(result: ScaleResult | None, key: str) -> None:
    assert weigh_key(result) == key


def test_piece_product_and_missing_scale_are_errors() -> None:
    assert weigh_key(Reading(350, True, ScaleStatus.OK), COLA) == "scale.not_weighed"
    with pytest.raises(PosError) as err:
        WeighingService(scale=None).weigh(APPLES)
    assert err.value.key == "scale.not_configured"


def test_available_follows_the_scale_state() -> None:
    assert WeighingService(scale=FakeScale(None)).available
    assert not WeighingService(scale=FakeScale(None, DeviceState.OFFLINE)).available
    assert not WeighingService(scale=None).available


def test_weigh_async_delivers_grams_or_the_error() -> None:
    got: list[int | PosError] = []
    WeighingService(scale=FakeScale(Reading(905, True, ScaleStatus.OK))).weigh_async(
        APPLES, got.append)
    WeighingService(scale=FakeScale(ScaleError("scale.offline"))).weigh_async(
        APPLES, got.append)
    WeighingService(scale=None).weigh_async(APPLES, got.append)
    assert got[0] == 905
    assert [e.key for e in got[1:] if isinstance(e, PosError)] == [
        "scale.offline", "scale.not_configured"]


@pytest.fixture
def real_scale(tmp_path: Path) -> Iterator[tuple[ScaleSim, ScaleWorker]]:
    sim = ScaleSim(link=tmp_path / "scale").start()
    worker = ScaleWorker(ScaleConfig(kind="sim", port=sim.path, timeout_s=0.2, retry_s=0.01,
                                     heartbeat_s=0), reconnect_s=0.02)
    worker.start()
    wait_until(lambda: worker.connected, what="the scale to connect")
    yield sim, worker
    worker.stop()
    sim.close()


def test_weigh_on_the_simulated_scale_waits_for_a_still_reading(
    real_scale: tuple[ScaleSim, ScaleWorker]
) -> None:
    sim, worker = real_scale
    service = WeighingService(scale=worker, timeout_s=1.0)
    sim.set_weight(640, moving_reads=4)
    assert service.weigh(APPLES) == 640
    sim.set_weight(0)
    with pytest.raises(PosError, match=r"scale\.zero"):
        service.weigh(APPLES)
    sim.set_weight(sim.capacity_g + 500)
    with pytest.raises(PosError, match=r"scale\.overload"):
        service.weigh(APPLES)
    sim.unplug()
    with pytest.raises(PosError, match=r"scale\.offline"):
        service.weigh(APPLES)
