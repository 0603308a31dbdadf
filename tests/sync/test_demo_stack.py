"""`make run`'s launcher: the demo cloud starts, the till enrolls once, the cloud stops after;
SIGTERM or Ctrl+C stop all of it cleanly with exit code 0."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from sync import demo_stack
from tests.waiting import wait_until


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.timeout(120)
def test_cloud_seeded_till_enrolled_and_cloud_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "till"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    port = free_port()
    cloud = tmp_path / "cloud"
    shot = tmp_path / "till.png"
    # --screenshot makes the till render its window once and exit.
    args = ["--port", str(port), "--cloud-dir", str(cloud), "--screenshot", str(shot)]
    assert demo_stack.main(args) == 0
    credential = tmp_path / "till" / "sync-credential.json"
    assert stat.S_IMODE(credential.stat().st_mode) == 0o600
    assert shot.exists()
    engine = sa.create_engine(f"sqlite:///{cloud / 'cloud.db'}")
    with engine.connect() as conn:
        codes = conn.execute(sa.text("SELECT code FROM terminal")).scalars().all()
    engine.dispose()
    assert codes == ["T01"]
    with socket.socket() as s:  # the cloud is gone: its port is free again
        s.bind(("127.0.0.1", port))
    # A second run reuses the credential: no second enrollment.
    assert demo_stack.main(args) == 0
    engine = sa.create_engine(f"sqlite:///{cloud / 'cloud.db'}")
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM terminal")).scalar_one() == 1
    engine.dispose()


def _children(pid: int) -> set[int]:
    """The processes descended from ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat_line = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat_line.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.timeout(180)
@pytest.mark.parametrize("to_group", [False, True], ids=["SIGTERM to make run's process",
                                                         "Ctrl+C (SIGINT to the group)"])
def test_a_stop_signal_closes_till_and_cloud_and_exits_0(tmp_path: Path, to_group: bool) -> None:
    env = {**os.environ, "POS_DATA_DIR": str(tmp_path / "till"), "QT_QPA_PLATFORM": "offscreen"}
    # A sale is open (one item scanned) when the stop comes: no question blocks the quit.
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.demo_stack", "--port", str(free_port()),
         "--cloud-dir", str(tmp_path / "cloud"), "--scan", "6901000000004"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    lines: list[str] = []
    pipe = proc.stdout
    assert pipe is not None
    reader = threading.Thread(target=lambda: lines.extend(iter(pipe.readline, "")), daemon=True)
    reader.start()
    try:
        wait_until(lambda: any("pos_app.ui.app: ready" in ln for ln in lines)
                   or proc.poll() is not None, timeout_s=120, what="the till to be up")
        assert proc.poll() is None, "".join(lines)
        children = _children(proc.pid)
        assert len(children) >= 2  # the cloud and the till
        if to_group:
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0, "".join(lines)
        left = [pid for pid in children if _alive(pid)]
    finally:
        with contextlib.suppress(ProcessLookupError):  # what a failed stop left behind
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert left == []
    reader.join(timeout=10)
    out = "".join(lines)
    assert "pos_app.ui.app: quitting on signal" in out and "pos_app.ui.app: closed" in out
    assert "Traceback" not in out
    # Nor what extension modules say at exit about objects still alive (zxing-cpp's list
    # of "leaked" types names one "Error"): what start-up froze was freed at the close.
    assert "leaked" not in out
    # The till closed its database: SQLite removes the WAL when the last connection closes.
    assert not (tmp_path / "till" / "store.db-wal").exists()
