"""A test run keeps to its own directories: the user's data and another run's are untouched."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from pos_app.config import Settings


def test_the_till_and_the_demo_cloud_use_this_runs_directories(own_user_dirs: Path) -> None:
    real_home = Path(os.path.expanduser("~"))
    for path in (Settings().data_dir, Path(user_data_dir("o2o-cloud")),
                 Path(user_data_dir("o2o-pos"))):
        assert path.is_relative_to(own_user_dirs), path
        assert not path.is_relative_to(real_home / ".local"), path


def test_shell_settings_do_not_leak_into_the_tests() -> None:
    leaked = [k for k in os.environ if k.startswith("POS_")
              and k not in ("POS_DATA_DIR", "POS_TEST_PG_URL")]
    assert leaked == []
