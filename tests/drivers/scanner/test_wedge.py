"""The wedge detector with an injected clock: bursts are scans, typing is given back."""

from __future__ import annotations

from typing import Any

import pytest

from drivers.scanner.wedge import (
    Decision,
    GiveBack,
    ScanDone,
    WedgeDetector,
    WedgeSettings,
)

MS = 0.001


def run(settings: WedgeSettings, keys: list[tuple[str, float]], end: float | None = None
        ) -> list[Decision]:
    """Feed (key, time in ms) pairs, then tick at ``end`` ms; all decisions in order."""
    det = WedgeDetector(settings)
    out: list[Decision] = []
    for key, t in keys:
        out += det.feed(key, t * MS)
    if end is not None:
        out += det.tick(end * MS)
    return out


def burst(text: str, start: float = 0, gap: float = 10) -> list[tuple[str, float]]:
    return [(c, start + i * gap) for i, c in enumerate(text)]


def typed(decisions: list[Decision]) -> str:
    return "".join("".join(d.keys) for d in decisions if isinstance(d, GiveBack))


def scans(decisions: list[Decision]) -> list[str]:
    return [d.code for d in decisions if isinstance(d, ScanDone)]


DEFAULT = WedgeSettings()
NO_SUFFIX = WedgeSettings(suffix="none")
OPTIONAL = WedgeSettings(suffix="enter", suffix_required=False)
PREFIXED = WedgeSettings(prefix="]Q")
TAB = WedgeSettings(suffix="tab")


@pytest.mark.parametrize(
    ("name", "settings", "keys", "end", "want_scans", "want_typed"),
    [
        ("fast burst + Enter is a scan", DEFAULT, burst("6901234567892\r"), None,
         ["6901234567892"], ""),
        ("LF suffix counts as Enter", DEFAULT, burst("12345\n"), None, ["12345"], ""),
        ("slow typing is given back", DEFAULT, burst("abc\r", gap=120), 2000, [], "abc\r"),
        ("gap at the limit is still a burst", DEFAULT, burst("1234\r", gap=50), None,
         ["1234"], ""),
        ("a fast roll shorter than min length is typing", DEFAULT, burst("12\r"), None,
         [], "12\r"),
        ("typing then a scan split correctly", DEFAULT,
         burst("ab", gap=200) + burst("6901234567892\r", start=600), None,
         ["6901234567892"], "ab"),
        ("scan then typing split correctly", DEFAULT,
         burst("1234567\r") + burst("xy\r", start=500, gap=150), 2000, ["1234567"], "xy\r"),
        ("two scans back to back", DEFAULT,
         burst("11111\r") + burst("22222\r", start=200), None, ["11111", "22222"], ""),
        ("burst without required suffix is typing", DEFAULT, burst("123456"), 500, [],
         "123456"),
        ("burst without suffix times out into a scan (suffix none)", NO_SUFFIX,
         burst("123456"), 500, ["123456"], ""),
        ("burst without suffix times out into a scan (suffix optional)", OPTIONAL,
         burst("123456"), 500, ["123456"], ""),
        ("no tick before the gap passes: still held", NO_SUFFIX, burst("123456"), 80,
         [], ""),
        ("Enter with suffix none is given back", NO_SUFFIX, burst("1234\r"), None,
         [], "1234\r"),
        ("tab suffix", TAB, burst("A1B2C3\t"), None, ["A1B2C3"], ""),
        ("enter when tab is the suffix is typing", TAB, burst("A1B2C3\r"), None,
         [], "A1B2C3\r"),
        ("prefix is stripped", PREFIXED, burst("]Q6901234567892\r"), None,
         ["6901234567892"], ""),
        ("without the prefix a burst is typing", PREFIXED, burst("6901234\r"), None,
         [], "6901234\r"),
        ("a lone Enter passes", DEFAULT, [("\r", 0)], None, [], "\r"),
    ],
)
def test_table(name: str, settings: WedgeSettings, keys: list[tuple[str, float]],
               end: float | None, want_scans: list[str], want_typed: str) -> None:
    out = run(settings, keys, end)
    assert (scans(out), typed(out)) == (want_scans, want_typed), name


def test_decisions_cover_keys_in_order() -> None:
    det = WedgeDetector()
    assert det.feed("a", 0.0) == ()
    assert det.held == 1 and det.deadline == pytest.approx(0.05)
    assert det.feed("b", 0.2) == (GiveBack(("a",)),)
    assert det.feed("c", 0.21) == ()
    assert det.tick(0.25) == ()
    assert det.tick(0.3) == (GiveBack(("b", "c")),)
    assert det.held == 0 and det.deadline is None


def test_scan_counts_its_suffix_key() -> None:
    out = run(DEFAULT, burst("12345\r"))
    assert out == [ScanDone("12345", 6)]


def test_expire_resolves_everything_now() -> None:
    det = WedgeDetector(NO_SUFFIX)
    for key, t in burst("98765"):
        det.feed(key, t * MS)
    assert det.expire() == (ScanDone("98765", 5),)


def test_overlong_burst_is_given_back() -> None:
    det = WedgeDetector(WedgeSettings(min_length=2, max_length=5))
    out: list[Decision] = []
    for key, t in burst("1234567\r"):
        out += det.feed(key, t * MS)
    assert typed(out).startswith("12345")


@pytest.mark.parametrize("kw", [{"max_gap_s": 0}, {"min_length": 0}, {"prefix": "\r"},
                                {"min_length": 9, "max_length": 8}])
def test_bad_settings(kw: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        WedgeSettings(**kw)
