"""The write gate: one owner at a time, even when a writer has waited past its timeout."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from pos_app.store import db
from tests.waiting import wait_until

DEADLINE_S = 20.0


def _until(condition: Callable[[], object], what: str) -> None:
    """Wait for ``condition()`` (a deadline only against a hang, never a timing window)."""
    wait_until(condition, timeout_s=DEADLINE_S, every_s=0.001, what=what)


@pytest.mark.parametrize("waiter_background", [False, True])
def test_a_writer_past_its_timeout_keeps_waiting_and_never_shares_the_gate(
    monkeypatch: pytest.MonkeyPatch, waiter_background: bool,
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 5)  # a tiny timeout: the test stays fast
    gate = db._WriteGate()
    owners: list[str] = []  # who is inside, as seen on entry
    inside: set[str] = set()
    lock = threading.Lock()
    first_in, release_first, second_in = threading.Event(), threading.Event(), threading.Event()

    def run(name: str, *, background: bool, entered: threading.Event,
            release: threading.Event | None) -> None:
        with gate.hold(background=background):
            with lock:
                owners.append(",".join(sorted(inside | {name})))
                inside.add(name)
            entered.set()
            if release is not None:
                release.wait()
            with lock:
                inside.discard(name)

    first = threading.Thread(target=run, args=("first",),
                             kwargs={"background": True, "entered": first_in,
                                     "release": release_first}, daemon=True)
    first.start()
    assert first_in.wait(DEADLINE_S)
    second = threading.Thread(target=run, args=("second",),
                              kwargs={"background": waiter_background, "entered": second_in,
                                      "release": None}, daemon=True)
    second.start()
    try:
        # The waiter passes its timeout several times while the first writer still holds.
        _until(lambda: second_in.is_set() or getattr(gate, "waits_overdue", 0) >= 3,
               "the waiter to pass its timeout")
        assert not second_in.is_set(), "the waiter took the gate while another thread held it"
    finally:
        release_first.set()
    first.join(DEADLINE_S)
    second.join(DEADLINE_S)
    assert second_in.is_set()
    assert owners == ["first", "second"]  # never two inside at once


def test_a_nested_hold_on_the_owner_thread_does_not_wait() -> None:
    gate = db._WriteGate(warn_after_s=0.005)
    with gate.hold(background=True), gate.hold(background=False):
        pass
    assert gate.waits_overdue == 0


def test_a_background_loop_gives_way_while_a_sale_writes_and_not_otherwise() -> None:
    """``give_way`` (an import's checks call it between rows) pauses while a foreground
    writer holds the gate, returns the moment it ends, and at once when none writes or only a
    background writer does."""
    gate = db._WriteGate()
    with gate.hold(background=True):  # only a background writer (another sync chunk)
        started = time.monotonic()
        gate.give_way(DEADLINE_S)
        assert time.monotonic() - started < DEADLINE_S / 2
    sale_in, sale_end, loop_done = threading.Event(), threading.Event(), threading.Event()

    def sale() -> None:
        with gate.hold(background=False):
            sale_in.set()
            sale_end.wait(DEADLINE_S)

    def loop() -> None:
        gate.give_way(DEADLINE_S)
        loop_done.set()

    seller = threading.Thread(target=sale, daemon=True)
    seller.start()
    assert sale_in.wait(DEADLINE_S)
    looper = threading.Thread(target=loop, daemon=True)
    looper.start()
    try:
        assert not loop_done.wait(0.2), "the loop ran on while the sale wrote"
    finally:
        sale_end.set()
    assert loop_done.wait(DEADLINE_S), "the loop stayed paused after the sale"
    seller.join(DEADLINE_S)
    looper.join(DEADLINE_S)
