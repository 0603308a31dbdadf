"""Times on screen are the store's: a held sale and the last sync, with the machine in UTC
and the store in Shanghai."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from pos_app.core.clock import StoreClock
from pos_app.store.suspended import SuspendedSummary
from pos_app.ui.resume_dialog import ResumeDialog
from pos_app.ui.sync_status import when_text

LATE_UTC_EVENING = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
SHANGHAI = StoreClock(ZoneInfo("Asia/Shanghai"), instant=lambda: LATE_UTC_EVENING)


@pytest.fixture(autouse=True)
def machine_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_held_sale_shows_the_store_time(qtbot: QtBot) -> None:
    held = SuspendedSummary(suspended_id=1, sale_uuid="u1", label="", total_fen=300,
                            line_count=1, created_at="2026-12-04T23:25:00+00:00")
    dialog = ResumeDialog(sales=[held], lang="en_US", clock=SHANGHAI)
    qtbot.addWidget(dialog)
    item = dialog.list.item(0)
    assert item is not None and "07:25" in item.text()


def test_the_last_sync_is_shown_in_store_time() -> None:
    now = SHANGHAI.now()
    assert when_text(datetime(2026, 12, 4, 23, 29, tzinfo=UTC), now) == "07:29"
    # 15:00 UTC was still the day before in Shanghai (23:00): shown with its date.
    assert when_text(datetime(2026, 12, 4, 15, 0, tzinfo=UTC), now) == "12-04 23:00"
