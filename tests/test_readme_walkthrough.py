"""The README's member walk-through is true: its steps, replayed through the services on
the demo store, give the figure it quotes (all read from README.md, so they cannot drift)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from contract.demo import DEMO_MEMBERS
from pos_app.config import Settings
from pos_app.core.money import Money, format_money
from pos_app.demo_codes import member_code
from pos_app.services.factory import Services, open_services

README = Path(__file__).resolve().parents[1] / "README.md"
TIMES = {"once": 1, "twice": 2, "three times": 3, "four times": 4, "five times": 5}


def walkthrough() -> str:
    """The "Try it with `make run`" paragraph of the members section, on one line."""
    text = README.read_text(encoding="utf-8")
    start = text.index("Try it with `make run`: press **Ctrl+M**")
    return " ".join(text[start:text.index("\n\n", start)].split())


def test_the_walkthrough_is_where_the_test_reads_it() -> None:
    steps = walkthrough()
    assert "再买" in steps and re.search(r"`\d{13}` (once|twice|three times)", steps)


@pytest.fixture(params=["2026-11-18T10:00:00+08:00",  # a Wednesday
                        "2026-11-22T10:00:00+08:00",  # a Sunday: double points
                        "2026-12-23T10:00:00+08:00"])  # Christmas week promotions
def demo_till(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    settings = Settings(data_dir=tmp_path)
    at = datetime.fromisoformat(request.param)
    services = open_services(db_path=tmp_path / "store.db", settings=settings, demo=True,
                             clock=replace(settings.store_clock(), instant=lambda: at))
    yield services
    services.close()


def test_following_the_member_walkthrough_gives_the_figure_it_quotes(
        demo_till: Services) -> None:
    steps = walkthrough()
    name = re.search(r'"Show to camera" next to (\w+)', steps)
    quoted = re.search(r"再买 (¥\d+\.\d{2})", steps)
    scans = re.findall(r"`(\d{13})` (once|twice|three times|four times|five times)", steps)
    assert name and quoted and scans
    [member] = [m for m in DEMO_MEMBERS if m.name == name.group(1)]
    checkout = demo_till.checkout
    # The camera hands the member code to the same scan as the keyboard.
    checkout.scan(member_code(member.member_id, now=demo_till.clock.now()))
    assert checkout.sale.member is not None
    assert checkout.sale.member.member_id == member.member_id
    for code, times in scans:
        for _ in range(TIMES[times]):
            assert checkout.scan(code).ok, code
    [hint] = [h for h in checkout.current().priced.promotions.hints
              if h.key == "promo.gift_near"]
    missing = hint.data["missing_fen"]
    assert isinstance(missing, int)
    assert format_money(Money(missing), "zh_CN") == quoted.group(1)
