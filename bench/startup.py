"""Cold start to ready-to-scan: `python -m pos_app --db DB --ready-probe`, big vs small catalog.

The app reports ``ready_s`` and ``rss_mb`` itself; we also time the whole process from spawn
to its JSON line (``wall_s``), and the same for a bare Qt window as the reference.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from bench import dataset
from bench.report import log
from bench.stats import median

SMALL_CATALOG = 1_000
# The reference: the least a PySide6 window app can do before it is ready.
QT_HELLO = """
import json, time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
app = QApplication([])
w = QMainWindow(); e = QLineEdit(); w.setCentralWidget(e); w.show(); e.setFocus()
app.processEvents()
rss = next(int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmRSS:"))
print(json.dumps({"ready_s": time.perf_counter() - t0, "rss_mb": rss}))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _spawn(cmd: list[str]) -> dict[str, float]:
    """Run one process; its last stdout line is JSON. Adds ``wall_s`` (spawn → exit)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=120,
                          cwd=dataset.REPO_ROOT, check=False)
    wall = time.perf_counter() - start
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    figures = json.loads(lines[-1])
    figures["wall_s"] = wall
    return figures


def _measure(cmds: dict[str, list[str]], runs: int) -> dict[str, dict[str, float]]:
    """Median figures per command; runs are interleaved so drift hits every command alike."""
    first = {label: _spawn(cmd) for label, cmd in cmds.items()}  # warm-up: page cache, imports
    samples: dict[str, list[dict[str, float]]] = {label: [] for label in cmds}
    for i in range(runs):
        for label, cmd in cmds.items():
            samples[label].append(s := _spawn(cmd))
            log(f"{label}: run {i + 1}/{runs} ready_s={s['ready_s']:.3f} "
                f"rss_mb={s['rss_mb']:.0f} wall_s={s['wall_s']:.3f}")
    return {
        label: {
            "ready_s": round(median([s["ready_s"] for s in runs_]), 3),
            "rss_mb": round(median([s["rss_mb"] for s in runs_]), 1),
            "wall_s": round(median([s["wall_s"] for s in runs_]), 3),
            "first_ready_s": round(first[label]["ready_s"], 3),
        }
        for label, runs_ in samples.items()
    }


def _app_cmd(db_path: object) -> list[str]:
    return [sys.executable, "-m", "pos_app", "--db", str(db_path), "--ready-probe"]


def run(*, skus: int, small: bool) -> dict[str, object]:
    runs = 3 if small else 5
    big_db = dataset.ensure_db(skus)
    small_db = dataset.ensure_db(SMALL_CATALOG)
    figures = _measure({
        "reference Qt window": [sys.executable, "-c", QT_HELLO],
        f"app, {skus:,} SKUs": _app_cmd(big_db),
        f"app, {SMALL_CATALOG:,} SKUs": _app_cmd(small_db),
    }, runs)
    ref, big, little = figures.values()
    return {
        "skus": skus,
        "ready_s": big["ready_s"],
        "rss_mb": big["rss_mb"],
        "ready_s_small": little["ready_s"],
        "rss_mb_small": little["rss_mb"],
        "skus_small": SMALL_CATALOG,
        "wall_s": big["wall_s"],
        "wall_s_small": little["wall_s"],
        "first_ready_s": big["first_ready_s"],
        "ref_qt_window_ready_s": ref["ready_s"],
        "ref_qt_window_rss_mb": ref["rss_mb"],
        "ref_qt_window_wall_s": ref["wall_s"],
        "runs": runs,
        "targets": {"ready_s": 2.0, "rss_mb": 300},
    }
