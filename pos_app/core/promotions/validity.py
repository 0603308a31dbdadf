"""When a promotion runs: a date range, weekdays and a daily time window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time


@dataclass(frozen=True, slots=True)
class Validity:
    """A validity window; every part left empty means "always".

    ``at`` is the store's wall-clock time: weekdays and hours are read from it as given.
    A window that wraps midnight (22:00–02:00) belongs to the day it starts on, so "Friday
    22:00–02:00" still runs at 01:00 on Saturday and not at 01:00 on Friday.
    ``starts``/``ends`` must be aware if ``at`` is, naive if it is naive (Python refuses to
    compare the two): decode the cloud's times into the till's convention at the edge.
    """

    starts: datetime | None = None  # inclusive
    ends: datetime | None = None  # exclusive
    weekdays: frozenset[int] = frozenset()  # 0 = Monday .. 6 = Sunday; empty = every day
    hours: tuple[time, time] | None = None  # daily [start, end); may wrap midnight

    def __post_init__(self) -> None:
        if self.starts is not None and self.ends is not None:
            if (self.starts.tzinfo is None) != (self.ends.tzinfo is None):
                raise ValueError("Validity starts and ends must both be aware or both naive")
            if self.ends <= self.starts:
                raise ValueError(f"Validity ends {self.ends} is not after starts {self.starts}")
        if not isinstance(self.weekdays, frozenset):
            raise TypeError("Validity.weekdays must be a frozenset")
        for day in self.weekdays:
            if type(day) is not int or not 0 <= day <= 6:
                raise ValueError(f"Validity weekday must be 0..6, got {day!r}")
        if self.hours is not None:
            start, end = self.hours
            if not isinstance(start, time) or not isinstance(end, time):
                raise TypeError("Validity.hours must be two datetime.time values")
            # at.time() is naive; comparing it with an aware time would raise at pricing time.
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("Validity.hours must be naive wall-clock times")
            if start == end:
                raise ValueError("Validity.hours window is empty (start == end)")

    def covers(self, at: datetime) -> bool:
        """True when the promotion runs at ``at`` (store wall-clock time)."""
        if self.starts is not None and at < self.starts:
            return False
        if self.ends is not None and at >= self.ends:
            return False
        weekday = at.weekday()
        if self.hours is not None:
            start, end = self.hours
            now = at.time()
            if start < end:
                if not start <= now < end:
                    return False
            elif now < end:
                # After midnight in a wrapping window: it is yesterday's window.
                weekday = (weekday - 1) % 7
            elif now < start:
                return False
        return not self.weekdays or weekday in self.weekdays
