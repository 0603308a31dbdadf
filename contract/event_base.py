"""The base of every event payload (``protocol`` and ``store_events`` declare them)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class EventPayload(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
