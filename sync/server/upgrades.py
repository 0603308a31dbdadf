"""Old event versions are upgraded on the server, never dropped.

``UPGRADERS[(type, v)]`` turns a version-``v`` payload into version ``v + 1``; an event is
upgraded step by step to ``CURRENT_VERSIONS[type]``. A till still writing an old version
keeps working after the cloud moves on; when an event type gets a version 2, add its step
from 1 here with a test (none is needed yet: every type is at version 1).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from contract.protocol import EVENT_VERSIONS

Upgrader = Callable[[dict[str, Any]], dict[str, Any]]

# The versions this server applies (the protocol's, unless a test pretends otherwise).
CURRENT_VERSIONS: dict[str, int] = dict(EVENT_VERSIONS)
UPGRADERS: dict[tuple[str, int], Upgrader] = {}


class UpgradeMissing(Exception):
    """No step from an event's version towards the current one (a server bug to fix)."""


def is_known_type(type_: str) -> bool:
    return type_ in CURRENT_VERSIONS


def is_too_new(type_: str, version: int) -> bool:
    """Written by a till newer than this server: refuse the batch until the cloud updates."""
    return version > CURRENT_VERSIONS[type_]


def upgrade(type_: str, version: int, payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` brought to the current version of ``type_`` (a new dict)."""
    current = dict(payload)
    for step in range(version, CURRENT_VERSIONS[type_]):
        upgrader = UPGRADERS.get((type_, step))
        if upgrader is None:
            raise UpgradeMissing(f"{type_} v{step} → v{step + 1}")
        current = upgrader(current)
    return current
