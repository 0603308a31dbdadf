"""A closed shift's Z report as plain JSON values and back: its facts and its count, from
which ``shift_report.z_report`` computes the same report again (kept, reprintable and
synced without the sales it came from)."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from typing import Any, Union

from pos_app.core.cash import CashCount
from pos_app.core.money import Money
from pos_app.core.shift_facts import ShiftFacts
from pos_app.core.shift_report import ShiftCount, ShiftReport, z_report


def to_plain(value: Any) -> Any:
    """Dataclasses as dicts, ``Money`` as fen, datetimes as ISO text, tuples as lists."""
    if isinstance(value, Money):
        return value.fen
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, CashCount):
        return value.as_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    return value


def from_plain(kind: Any, value: Any) -> Any:
    """The value of type ``kind`` that ``to_plain`` turned into ``value``."""
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        kind = next(a for a in typing.get_args(kind) if a is not type(None))
        return from_plain(kind, value)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(from_plain(item, v) for v in value)
    if kind is Money:
        return Money(int(value))
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is CashCount:
        return CashCount.of({str(k): int(v) for k, v in value.items()})
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: from_plain(hints[f.name], value[f.name])
                       for f in dataclasses.fields(kind) if f.name in value})
    return value


def z_to_plain(report: ShiftReport) -> dict[str, Any]:
    """What a closed shift keeps of its Z report."""
    if report.kind != "Z" or report.count is None:
        raise ValueError("only a Z report is kept")
    return {"facts": to_plain(report.facts), "count": to_plain(report.count),
            "closed_at": report.at.isoformat()}


def z_from_plain(data: dict[str, Any]) -> ShiftReport:
    """The Z report again, from what ``z_to_plain`` kept."""
    return z_report(from_plain(ShiftFacts, data["facts"]), from_plain(ShiftCount, data["count"]),
                    closed_at=datetime.fromisoformat(data["closed_at"]))
