"""Cold start to ready-to-scan, started as ``make run`` starts the till, big vs small catalog.

``python -m pos_app --db DB --sim --ready-probe``: every device on its simulator (scanner,
printer, drawer, scale, camera, customer display), the sync service running against a local
cloud (``make run``'s: ``pos-cloud`` on SQLite with the demo chain, on a free port) to which
the till was enrolled, on a private copy of the catalog with 500 active promotions and the
members (``bench.stack``). The app reports ``ready_s`` and ``rss_mb`` itself; we also time the
whole process from spawn to its JSON line (``wall_s``), and the same for a bare Qt window as
the reference.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import dataset, stack
from bench.report import log
from bench.stats import median
from sync.testing.cloud_process import CloudProcess

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


Command = tuple[list[str], dict[str, str]]  # argv and environment


def _spawn(command: Command) -> dict[str, float]:
    """Run one process; its last stdout line is JSON. Adds ``wall_s`` (spawn → exit)."""
    cmd, env = command
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120,
                          cwd=dataset.REPO_ROOT, check=False)
    wall = time.perf_counter() - start
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(lines[-1])
    figures["wall_s"] = wall
    return figures


def _measure(cmds: dict[str, Command], runs: int) -> dict[str, dict[str, float]]:
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


def _till(skus: int, directory: Path, cloud: CloudProcess, terminal: str) -> Command:
    """A till on its own copy of a ``skus`` catalog, enrolled to ``cloud`` as ``terminal``."""
    directory.mkdir()
    db_path = stack.working_db(skus, directory)
    data_dir = directory / "data"
    stack.enroll(cloud, db_path=db_path, data_dir=data_dir, terminal=terminal)
    return ([sys.executable, "-m", "pos_app", "--db", str(db_path), "--sim", "--ready-probe"],
            stack.till_env(data_dir, cloud.base_url))


def run(*, skus: int, small: bool) -> dict[str, object]:
    runs = 3 if small else 5
    with tempfile.TemporaryDirectory(dir=dataset.scratch_dir()) as tmp, \
            stack.local_cloud(Path(tmp)) as cloud:
        figures = _measure({
            "reference Qt window": ([sys.executable, "-c", QT_HELLO], _env()),
            f"app, {skus:,} SKUs": _till(skus, Path(tmp) / "big", cloud, "T01"),
            f"app, {SMALL_CATALOG:,} SKUs": _till(SMALL_CATALOG, Path(tmp) / "small", cloud,
                                                 "T02"),
        }, runs)
    ref, big, little = figures.values()
    return {
        "configuration": ("as make run: --sim devices (camera, customer display), sync to a "
                          "local cloud, 500 active promotions"),
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
