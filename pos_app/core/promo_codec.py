"""Promotion rules to and from JSON-safe dicts (how the cloud sends them and the store keeps them).

Money is int fen, sets are sorted lists, datetimes ISO 8601 with offset, daily hours "HH:MM".
Fields left at their default are omitted, so a rule's JSON stays short and readable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.promotions import Promotion, Target, Validity

_SET_FIELDS = {"stores", "tiers", "channels"}
_MONEY_FIELDS = {"amount", "price", "threshold", "cap"}
_TARGET_FIELDS = {"target", "get_target"}


def _target_to(t: Target) -> dict[str, list[str]]:
    return {f: sorted(getattr(t, f)) for f in ("skus", "categories", "brands") if getattr(t, f)}


def _target_from(d: Mapping[str, Any]) -> Target:
    return Target(**{f: frozenset(str(x) for x in d.get(f, ()))
                     for f in ("skus", "categories", "brands")})


def _validity_to(v: Validity) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if v.starts is not None:
        out["starts"] = v.starts.isoformat()
    if v.ends is not None:
        out["ends"] = v.ends.isoformat()
    if v.weekdays:
        out["weekdays"] = sorted(v.weekdays)
    if v.hours is not None:
        out["hours"] = [v.hours[0].strftime("%H:%M"), v.hours[1].strftime("%H:%M")]
    return out


def _validity_from(d: Mapping[str, Any]) -> Validity:
    hours = d.get("hours")
    return Validity(
        starts=datetime.fromisoformat(d["starts"]) if d.get("starts") else None,
        ends=datetime.fromisoformat(d["ends"]) if d.get("ends") else None,
        weekdays=frozenset(int(x) for x in d.get("weekdays", ())),
        hours=(time.fromisoformat(hours[0]), time.fromisoformat(hours[1])) if hours else None,
    )


def promotion_to_dict(p: Promotion) -> dict[str, Any]:
    """The JSON-safe form of a rule (defaults left out)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(p):
        value = getattr(p, f.name)
        if value is None or _is_default(f, value):
            continue
        if f.name in _MONEY_FIELDS:
            value = value.fen
        elif f.name in _SET_FIELDS:
            value = sorted(value)
        elif f.name in _TARGET_FIELDS:
            value = _target_to(value)
        elif f.name == "validity":
            value = _validity_to(value)
        elif f.name == "tier_prices":
            value = [[tier, price.fen] for tier, price in value]
        out[f.name] = value
    return out


def _is_default(f: dataclasses.Field[Any], value: object) -> bool:
    if f.default is not dataclasses.MISSING:
        return bool(value == f.default)
    if f.default_factory is not dataclasses.MISSING:
        return bool(value == f.default_factory())
    return False


def promotion_from_dict(d: Mapping[str, Any]) -> Promotion:
    """A rule back from ``promotion_to_dict`` output; ``promo.rule_invalid`` when it is not one
    (unknown field, wrong type or parameters the engine refuses)."""
    known = {f.name for f in dataclasses.fields(Promotion)}
    try:
        unknown = set(d) - known
        if unknown:
            raise ValueError(f"unknown fields {sorted(unknown)}")
        kw: dict[str, Any] = {}
        for name, value in d.items():
            if name in _MONEY_FIELDS:
                kw[name] = Money(_int(value))
            elif name in _SET_FIELDS:
                kw[name] = frozenset(str(x) for x in value)
            elif name in _TARGET_FIELDS:
                kw[name] = _target_from(value)
            elif name == "validity":
                kw[name] = _validity_from(value)
            elif name == "tier_prices":
                kw[name] = tuple((str(t), Money(_int(fen))) for t, fen in value)
            else:
                kw[name] = value
        return Promotion(**kw)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        raise PosError("promo.rule_invalid", promo_id=str(d.get("promo_id", "?")),
                       reason=str(exc)) from exc


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an int, got {value!r}")
    return value
