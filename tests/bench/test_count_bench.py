"""``python -m bench count`` at its smallest, so it cannot rot: a small catalog and a count of
a few hundred lines in a cache of this test's own. Figures are not asserted (timings belong
to the benchmark); what the benchmark claims to have measured is."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from bench import __main__ as bench_main
from bench import count, dataset


def test_count_smallest_run_prints_its_figures_and_posts_what_it_counted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(dataset, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(count, "SMALL_LINES", 500)
    monkeypatch.setattr(count, "SMALL_SCANS", 20)
    sigterm = signal.getsignal(signal.SIGTERM)
    try:
        code = bench_main.main(["count", "--small", "--json", "--skus", "2000"])
    finally:
        signal.signal(signal.SIGTERM, sigterm)
    assert code == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert list(result)[:2] == ["variance_s", "post_s"]
    assert result["variance_s"] > 0 and result["post_s"] > 0
    assert 0 < result["scan_to_count_ms_p50"] <= result["scan_to_count_ms_p99"]
    assert (result["lines"], result["products_counted"], result["scans"]) == (500, 400, 20)
    assert result["post_matches"] is True
    assert result["uncounted_products"] == 2000 - 400
