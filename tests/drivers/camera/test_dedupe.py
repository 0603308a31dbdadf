"""Repeat suppression with an injected clock."""

from __future__ import annotations

from drivers.camera.dedupe import RepeatFilter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_same_code_within_window_is_ignored_and_reported_again_after() -> None:
    clock = Clock()
    seen = RepeatFilter(3.0, clock)
    assert seen.accept("A")
    clock.now += 2.9
    assert not seen.accept("A")
    clock.now += 3.0
    assert seen.accept("A")


def test_code_held_in_view_is_reported_once() -> None:
    clock = Clock()
    seen = RepeatFilter(3.0, clock)
    results = []
    for _ in range(50):  # ten seconds of sightings, five per second
        results.append(seen.accept("A"))
        clock.now += 0.2
    assert results.count(True) == 1


def test_different_codes_are_independent() -> None:
    clock = Clock()
    seen = RepeatFilter(3.0, clock)
    assert seen.accept("A")
    assert seen.accept("B")
    assert not seen.accept("A")
    seen.reset()
    assert seen.accept("A")


def test_many_codes_do_not_grow_memory() -> None:
    clock = Clock()
    seen = RepeatFilter(1.0, clock)
    for i in range(1000):
        clock.now += 0.5
        assert seen.accept(f"C{i}")
    assert len(seen._last_seen) <= 65
