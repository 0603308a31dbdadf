"""``python -m bench zreport`` at its smallest, so it cannot rot: a small catalog, a shift of
a few dozen sales sold through the services, ten copied shifts of history, all built in a
cache of this test's own. Figures are not asserted (timings belong to the benchmark), what
the benchmark claims to have measured is."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from bench import __main__ as bench_main
from bench import dataset, shift_sales, zreport

SALES = 40


def test_zreport_smallest_run_prints_its_figures_and_its_z_equals_the_close(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(dataset, "CACHE_DIR", tmp_path / "cache")
    sigterm = signal.getsignal(signal.SIGTERM)
    try:
        code = bench_main.main(["zreport", "--small", "--json", "--skus", "2000",
                                "--sales", str(SALES)])
    finally:
        signal.signal(signal.SIGTERM, sigterm)
    assert code == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert list(result)[:2] == ["z_ms_p50", "z_ms_p99"]
    assert 0 < result["z_ms_p50"] <= result["z_ms_p99"] <= result["z_ms_max"]
    assert result["repeats"] == zreport.REPEATS
    assert result["x_ms_p50"] > 0 and result["close_ms"] > 0
    # The close's own Z summed the same figures the timed runs did.
    assert result["close_matches_timed"] is True
    assert result["sales"] == SALES
    assert result["sales_completed"] + result["voided_sales"] == SALES
    assert result["lines"] == SALES * shift_sales.LINES
    assert result["history_shifts"] == zreport.SMALL_SHIFTS
    assert result["history_sales"] == zreport.SMALL_SHIFTS * SALES
    assert result["cashiers"] >= 3 and {"cash", "card", "mobile"} <= set(result["tenders"])
    assert result["target_p99_ms"] == 300 and "Odoo" in result["anchor"]
    assert "small_note" in result


def test_a_count_of_an_amount_adds_up_to_it_in_tenths_of_a_yuan() -> None:
    for fen in (0, 10, 12_345, 150_000_000):  # ¥1.5M: every ¥100 and ¥50 note the count allows
        assert shift_sales.count_of(fen).total.fen == fen - fen % 10
    with pytest.raises(ValueError):
        shift_sales.count_of(200_000_000)
