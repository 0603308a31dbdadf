"""The store's time zone setting: Asia/Shanghai unless set, an unknown zone refused with a
message that names it (at start-up, not as a traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app.config import Settings, load_settings
from pos_app.core.errors import PosError


def test_the_default_store_zone_is_shanghai() -> None:
    assert Settings().timezone == "Asia/Shanghai"
    assert str(Settings().store_clock().zone) == "Asia/Shanghai"


def test_the_zone_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POS_TIMEZONE", "Europe/Berlin")
    assert str(load_settings().store_clock().zone) == "Europe/Berlin"


def test_an_unknown_zone_names_the_zone_and_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POS_TIMEZONE", "Mars/Olympus")
    with pytest.raises(PosError) as caught:
        load_settings()
    assert caught.value.key == "settings.unknown_timezone"
    assert caught.value.data == {"zone": "Mars/Olympus", "name": "POS_TIMEZONE"}


def test_another_bad_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POS_SYNC__INTERVAL_S", "0")
    with pytest.raises(PosError) as caught:
        load_settings()
    assert caught.value.key == "settings.invalid"
    assert caught.value.data["name"] == "POS_SYNC__INTERVAL_S"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en_US", "There is no time zone called 'Mars/Olympus' (POS_TIMEZONE)"),
    ("zh_CN", "没有名为“Mars/Olympus”的时区（POS_TIMEZONE）"),
])
def test_the_till_refuses_to_start_with_an_unknown_zone_in_words(
        tmp_path: Path, lang: str, expected: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_DATA_DIR": str(tmp_path),
           "POS_TIMEZONE": "Mars/Olympus"}
    done = subprocess.run([sys.executable, "-m", "pos_app", "--ready-probe", "--lang", lang],
                          env=env, text=True, capture_output=True, timeout=120, check=False)
    assert done.returncode == 2
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "store.db").exists()  # refused before anything was opened
