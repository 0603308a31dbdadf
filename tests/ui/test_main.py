"""The entry point as a user starts it: screenshot and start-up probe, offscreen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from pos_app.__main__ import parse_args


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_DATA_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "pos_app", *args], env=env, text=True,
                          capture_output=True, timeout=120, check=False)


def test_defaults() -> None:
    args = parse_args([])
    assert (args.mode, args.db, args.demo, args.screenshot) == (None, None, False, None)


def test_screenshot_in_chinese(db_path: Path, tmp_path: Path) -> None:
    png = tmp_path / "main.png"
    done = _run("--db", str(db_path), "--lang", "zh_CN", "--size", "1024x768",
                "--screenshot", str(png), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1024, 768)


def test_ready_probe_prints_json(tmp_path: Path) -> None:
    done = _run("--db", str(tmp_path / "new.db"), "--ready-probe", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["ready_s"] > 0 and figures["rss_mb"] > 0
