"""installer/system-deps.sh, run for real with stand-ins for dpkg-query, id and apt-get on
PATH: a fresh machine gets its packages installed (root) or the exact command to run."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "installer" / "system-deps.sh"


def fake_machine(tmp_path: Path, *, missing: set[str], uid: int) -> tuple[dict[str, str], Path]:
    """A PATH whose dpkg-query lacks ``missing``, whose id says ``uid`` and whose apt-get
    only writes down how it was called (to the returned file)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "apt-calls"
    scripts = {
        "dpkg-query": "\n".join(
            [f'[ "${{@: -1}}" = {p} ] && exit 1' for p in sorted(missing)]
            + ['printf "install ok installed"']),
        "id": f"echo {uid}",
        "apt-get": f'echo "$*" >> {calls}',
    }
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text(f"#!/bin/bash\n{body}\n")
        path.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    return env, calls


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(SCRIPT), *args], env=env, capture_output=True,
                          text=True, timeout=60, check=False)


def test_not_root_stops_with_the_exact_command(tmp_path: Path) -> None:
    env, calls = fake_machine(tmp_path, missing={"libzbar0", "fonts-noto-cjk"}, uid=1000)
    done = run(env)
    assert done.returncode != 0
    assert done.stdout.strip() == "sudo apt-get install -y fonts-noto-cjk libzbar0"
    assert "missing Debian packages: fonts-noto-cjk libzbar0" in done.stderr
    assert not calls.exists()


def test_check_only_never_installs_even_as_root(tmp_path: Path) -> None:
    env, calls = fake_machine(tmp_path, missing={"libzbar0"}, uid=0)
    done = run(env, "--check")
    assert done.returncode != 0
    assert done.stdout.strip() == "sudo apt-get install -y libzbar0"
    assert not calls.exists()


def test_root_installs_what_is_missing(tmp_path: Path) -> None:
    env, calls = fake_machine(tmp_path, missing={"libzbar0", "xdotool"}, uid=0)
    done = run(env, "--with-test-tools")
    assert done.returncode == 0, done.stderr
    assert calls.read_text().splitlines() == ["update -q", "install -y -q libzbar0 xdotool"]


@pytest.mark.parametrize("uid", [0, 1000])
def test_nothing_missing_is_quiet_and_installs_nothing(tmp_path: Path, uid: int) -> None:
    env, calls = fake_machine(tmp_path, missing=set(), uid=uid)
    done = run(env, "--with-test-tools")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert not calls.exists()


def test_the_readme_commands_and_ci_run_it() -> None:
    root = SCRIPT.parents[1]
    makefile = (root / "Makefile").read_text()
    assert "installer/system-deps.sh" in makefile.split("\nrun:", 1)[0]  # in setup
    assert "installer/system-deps.sh --with-test-tools" in (root / ".ci" / "run").read_text()
