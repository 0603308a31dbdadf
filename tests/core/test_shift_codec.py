"""A Z report kept as JSON comes back as the same report."""

from __future__ import annotations

import json

import pytest

from pos_app.core.cash import CashCount
from pos_app.core.money import Money
from pos_app.core.shift_codec import z_from_plain, z_to_plain
from pos_app.core.shift_report import ShiftCount, x_report, z_report
from tests.core.shift_samples import CLOSED_AT, sample_facts


def test_a_kept_z_report_is_the_same_report() -> None:
    count = ShiftCount(CashCount.of({"note_100": 7, "note_10": 2, "coin_0_5": 16}),
                       card=Money(234_560), mobile=None, counted_by="张三")
    z = z_report(sample_facts(), count, closed_at=CLOSED_AT)
    kept = json.loads(json.dumps(z_to_plain(z)))  # through text, as the store keeps it
    again = z_from_plain(kept)
    assert again == z
    assert again.check("cash").over_short == z.check("cash").over_short


def test_only_a_z_report_is_kept() -> None:
    with pytest.raises(ValueError, match="only a Z"):
        z_to_plain(x_report(sample_facts(), at=CLOSED_AT))
