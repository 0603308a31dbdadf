"""`make run`'s launcher: the demo cloud starts, the till enrolls once, the cloud stops after."""

from __future__ import annotations

import socket
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from sync import demo_stack


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
