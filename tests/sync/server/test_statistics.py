"""Pushes keep PostgreSQL's statistics fresh enough for the key lookups they make."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from sync.server import push
from tests.waiting import wait_until


def _analyzed(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT coalesce(sum(analyze_count), 0) FROM pg_stat_user_tables "
            "WHERE relname = 'applied_event'")).scalar_one())


def test_statistics_are_refreshed_at_most_every_30_s(
    engine: Engine, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(push, "_last_analyze", [0.0])
    if backend == "sqlite":
        push.refresh_statistics(engine)  # nothing to do: SQLite plans without them
        assert push._last_analyze == [0.0]
        return
    before = _analyzed(engine)
    push.refresh_statistics(engine)
    push.refresh_statistics(engine)  # throttled
    # The statistics collector reports asynchronously.
    wait_until(lambda: _analyzed(engine) != before, what="the analyze count to move")
    assert _analyzed(engine) == before + 1
