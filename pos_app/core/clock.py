"""The store's clock: "now" in the store's time zone, the one place the till takes the time.

Receipts, sale records, business days ("today", day totals) and the times on screen are
the store's, whatever zone the machine is set to: the zone is a setting of the till
(``Settings.timezone``), given here as a ``ZoneInfo``. Stored timestamps carry their UTC
offset (ISO 8601), so a moment written in any zone reads back as the same instant;
``local`` shows it in the store's zone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pos_app.core.errors import PosError

DEFAULT_TIMEZONE = "Asia/Shanghai"


def store_zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name`` (``Asia/Shanghai``); ``settings.unknown_timezone`` when
    there is no such zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        # Not found, a malformed key ("../x", ""), or a folder of zones ("Asia").
        raise PosError("settings.unknown_timezone", zone=name) from exc


def utc_now() -> datetime:
    """The current instant (aware, UTC)."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class StoreClock:
    """Now, today and stored moments in the store's ``zone``. ``instant`` gives the current
    instant (any offset); tests pass a fixed one."""

    zone: ZoneInfo
    instant: Callable[[], datetime] = utc_now

    def now(self) -> datetime:
        """The current time in the store's zone (aware)."""
        return self.instant().astimezone(self.zone)

    def local(self, moment: datetime) -> datetime:
        """``moment`` (aware, any offset) in the store's zone."""
        return moment.astimezone(self.zone)

    def today(self) -> date:
        """The store's business day now."""
        return self.now().date()


# For services built without the store's clock (tests, benchmarks, tools): the default
# zone of the setting. The app passes ``Settings.store_clock()`` everywhere.
DEFAULT_CLOCK = StoreClock(store_zone(DEFAULT_TIMEZONE))


def default_now() -> datetime:
    """Now in the default store zone (``DEFAULT_CLOCK``)."""
    return DEFAULT_CLOCK.now()
