"""A simulated scale on a real pty pair and a worker talking to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.device import DeviceStatus
from drivers.scale.config import ScaleConfig
from drivers.scale.serial_scale import ScaleWorker
from drivers.sim.scale_sim import ScaleSim
from tests.waiting import wait_until


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[ScaleSim]:
    s = ScaleSim(grams=0, link=tmp_path / "scale").start()
    yield s
    s.close()


@pytest.fixture
def statuses() -> list[DeviceStatus]:
    return []


@pytest.fixture
def worker(sim: ScaleSim, statuses: list[DeviceStatus]) -> Iterator[ScaleWorker]:
    cfg = ScaleConfig(kind="sim", port=sim.path, timeout_s=0.2, retry_s=0.01,
                      stable_timeout_s=1.0, heartbeat_s=0.05)
    w = ScaleWorker(cfg, on_status=statuses.append, reconnect_s=0.02)
    w.start()
    wait_until(lambda: w.connected)
    yield w
    w.stop()
