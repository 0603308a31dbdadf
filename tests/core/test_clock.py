"""The store's clock: now, today and stored moments in the store's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pos_app.core.clock import StoreClock, store_zone
from pos_app.core.errors import PosError

LATE_UTC_EVENING = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)


def test_late_utc_evening_is_the_next_morning_in_shanghai() -> None:
    clock = StoreClock(store_zone("Asia/Shanghai"), instant=lambda: LATE_UTC_EVENING)
    assert clock.now().isoformat() == "2026-12-05T07:30:00+08:00"
    assert clock.today() == date(2026, 12, 5)


def test_a_moment_stored_with_any_offset_is_shown_in_the_store_zone() -> None:
    clock = StoreClock(ZoneInfo("Asia/Shanghai"))
    stored = datetime(2026, 12, 4, 16, 30, tzinfo=timezone(timedelta(hours=-7)))
    assert clock.local(stored).strftime("%Y-%m-%d %H:%M") == "2026-12-05 07:30"


@pytest.mark.parametrize("name", ["Mars/Olympus", "Asia", "../etc/passwd", "", "zone.tab"])
def test_a_zone_that_does_not_exist_is_a_domain_error(name: str) -> None:
    with pytest.raises(PosError) as caught:
        store_zone(name)
    assert caught.value.key == "settings.unknown_timezone"
    assert caught.value.data == {"zone": name}
