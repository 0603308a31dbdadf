"""A worker runs at most ``push_slots`` push transactions at once; more pushes wait for a slot
(holding no database lock) and are then applied as usual."""

from __future__ import annotations

import threading
import warnings
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

import sync.server.app as app_module
from contract.protocol import PushResponse
from sync.server.app import create_app
from sync.server.settings import CloudSettings
from sync.server.slots import Slots
from tests.sync.server.helpers import Clock, enroll_till
from tests.waiting import wait_until

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx vs httpx2
    from fastapi.testclient import TestClient

WAIT_S = 10.0


def _until(condition: Any) -> None:
    wait_until(condition, timeout_s=WAIT_S, what="another thread to get there")


def test_second_holder_waits_until_the_first_leaves() -> None:
    slots = Slots(1)
    entered = threading.Event()

    def second() -> None:
        with slots.held():
            entered.set()

    with slots.held():
        t = threading.Thread(target=second)
        t.start()
        _until(lambda: slots.waiting == 1)
        assert not entered.is_set()
    t.join(WAIT_S)
    assert entered.is_set() and slots.waiting == 0


class _Gate:
    """A stand-in for ``push``: records how many run at once, each until released."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.inside = 0
        self.most = 0
        self.release = threading.Event()

    def __call__(self, engine: Engine, *, authorization: str | None, request: Any,
                 now: Any) -> PushResponse:
        with self.lock:
            self.inside += 1
            self.most = max(self.most, self.inside)
        self.release.wait(WAIT_S)
        with self.lock:
            self.inside -= 1
        return PushResponse(status="ok", cursor=0, expected_seq=1, server_time=now,
                            clock_skew_s=0.0)


@pytest.mark.parametrize("slots", [1, 2])
def test_pushes_beyond_the_slots_wait_for_one(slots: int, engine: Engine, clock: Clock,
                                              store_id: int, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    gate = _Gate()
    monkeypatch.setattr(app_module, "push", gate)
    settings = CloudSettings(data_dir=tmp_path / "cloud-data", database_url="sqlite://",
                             push_slots=slots)
    app = create_app(settings, engine=engine, clock=clock)
    with TestClient(app, raise_server_exceptions=False) as client:
        till = enroll_till(client, engine, clock, store_code="S001", terminal_code="T01")
        body = till.body(events=[till.sale()])
        answers: list[int] = []

        def send() -> None:
            r = client.post("/v1/push", json=body, headers=till.headers)
            answers.append(r.status_code)

        pushes = [threading.Thread(target=send) for _ in range(2)]
        pushes[0].start()
        _until(lambda: gate.inside == 1)
        pushes[1].start()
        if slots == 1:
            _until(lambda: app.state.push_slots.waiting == 1)
            assert gate.inside == 1
        else:
            _until(lambda: gate.inside == 2)
        gate.release.set()
        for t in pushes:
            t.join(WAIT_S)
    assert answers == [200, 200]
    assert gate.most == slots
