"""The scale worker end to end through a pty pair and the simulated scale."""

from __future__ import annotations

from drivers.device import DeviceState, DeviceStatus
from drivers.scale.serial_scale import ScaleError, ScaleWorker
from drivers.scale.toledo import Reading, ScaleStatus
from drivers.sim.scale_sim import ScaleSim
from tests.waiting import wait_until


def test_stable_weight_is_read_in_grams(sim: ScaleSim, worker: ScaleWorker) -> None:
    sim.set_weight(350)
    assert worker.request_weight().result(2) == Reading(350, True, ScaleStatus.OK)
    assert worker.status.state == DeviceState.READY


def test_moving_weight_is_asked_again_until_still(sim: ScaleSim, worker: ScaleWorker) -> None:
    seen: list[Reading] = []
    worker.on_reading = seen.append
    sim.set_weight(1234, moving_reads=3)
    assert worker.request_weight().result(2) == Reading(1234, True, ScaleStatus.OK)
    assert [r.status for r in seen] == [ScaleStatus.MOTION] * 3 + [ScaleStatus.OK]


def test_weight_that_never_settles_is_unstable(sim: ScaleSim, worker: ScaleWorker) -> None:
    sim.set_weight(500, moving_reads=10_000)
    result = worker.request_weight(timeout_s=0.1).result(2)
    assert isinstance(result, ScaleError) and result.key == "scale.unstable"
    assert result.reading is not None and result.reading.status is ScaleStatus.MOTION


def test_tare_subtracts_the_container(sim: ScaleSim, worker: ScaleWorker) -> None:
    sim.set_weight(120)  # an empty bag
    tared = worker.tare().result(2)
    assert isinstance(tared, Reading) and tared.status is ScaleStatus.ZERO
    assert sim.tare_g == 120
    sim.set_weight(120 + 455)
    assert worker.request_weight().result(2) == Reading(455, True, ScaleStatus.OK)


def test_zero_resets_the_scale(sim: ScaleSim, worker: ScaleWorker) -> None:
    sim.set_weight(8)  # crumbs
    assert isinstance(worker.zero().result(2), Reading)
    reply = worker.request_weight().result(2)
    assert reply == Reading(0, True, ScaleStatus.ZERO)


def test_empty_and_overloaded_scale_are_reported(sim: ScaleSim, worker: ScaleWorker) -> None:
    assert worker.request_weight().result(2) == Reading(0, True, ScaleStatus.ZERO)
    sim.set_weight(sim.capacity_g + 1)
    assert worker.request_weight().result(2) == Reading(0, True, ScaleStatus.OVERLOAD)


def test_scale_fault_puts_the_device_in_error(sim: ScaleSim, worker: ScaleWorker) -> None:
    sim.set_fault()
    reply = worker.request_weight().result(2)
    assert isinstance(reply, Reading) and reply.status is ScaleStatus.FAULT
    wait_until(lambda: worker.status.key == "scale.fault")
    assert worker.status.state == DeviceState.ERROR
    sim.set_fault(False)
    wait_until(lambda: worker.status.state == DeviceState.READY)


def test_garbled_replies_give_an_error_value(sim: ScaleSim, worker: ScaleWorker) -> None:
    sim.send_raw_next(b"\x02ab.c\r", times=1000)
    result = worker.request_weight(timeout_s=0.05).result(2)
    assert isinstance(result, ScaleError) and result.key == "scale.bad_reply"
    wait_until(lambda: worker.status.key == "scale.bad_reply")


def test_one_noisy_reply_is_retried(sim: ScaleSim, worker: ScaleWorker) -> None:
    sim.set_weight(700)
    sim.send_raw_next(b"\x02\x7f\x7f\r")
    assert worker.request_weight().result(2) == Reading(700, True, ScaleStatus.OK)


def test_silent_scale_is_unknown(sim: ScaleSim, worker: ScaleWorker) -> None:
    sim.set_silent()
    result = worker.request_weight(timeout_s=0.1).result(2)
    assert isinstance(result, ScaleError) and result.key == "scale.no_reply"
    assert worker.status.state == DeviceState.UNKNOWN
    sim.set_silent(False)
    wait_until(lambda: worker.status.state == DeviceState.READY)


def test_unplug_goes_offline_and_replug_comes_back(
    sim: ScaleSim, worker: ScaleWorker, statuses: list[DeviceStatus]
) -> None:
    sim.set_weight(350)
    assert isinstance(worker.request_weight().result(2), Reading)
    sim.unplug()
    wait_until(lambda: worker.status.state == DeviceState.OFFLINE)  # noticed while idle
    assert worker.status.key == "device.offline"
    result = worker.request_weight().result(2)  # answered at once, not after a replug
    assert isinstance(result, ScaleError) and result.key == "scale.offline"
    sim.replug()
    wait_until(lambda: worker.status.state == DeviceState.READY)
    assert worker.request_weight().result(2) == Reading(350, True, ScaleStatus.OK)
    states = [s.state for s in statuses]
    assert DeviceState.OFFLINE in states and states[-1] == DeviceState.READY


def test_unplug_during_a_request_answers_offline(sim: ScaleSim, worker: ScaleWorker) -> None:
    sim.set_weight(350, moving_reads=10_000)
    future = worker.request_weight(timeout_s=2.0)
    wait_until(lambda: len(sim.requests) > 3)
    sim.unplug()
    result = future.result(2)
    assert isinstance(result, ScaleError) and result.key == "scale.offline"


def test_no_port_configured_is_offline(statuses: list[DeviceStatus]) -> None:
    from drivers.scale.config import ScaleConfig

    w = ScaleWorker(ScaleConfig(kind="serial", port=""), on_status=statuses.append,
                    reconnect_s=0.02)
    w.start()
    try:
        wait_until(lambda: w.status.state == DeviceState.OFFLINE)
        result = w.request_weight().result(1)
        assert isinstance(result, ScaleError) and result.key == "scale.offline"
    finally:
        w.stop()
