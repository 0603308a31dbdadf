"""Verify: per-day summaries of what the cloud recorded for a terminal, compared with the
terminal's own (protocol step 4)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, select

from contract.protocol import DaySummary, VerifyRequest, VerifyResponse
from contract.summary import summarize
from sync.server.auth import authenticate, check_identity
from sync.server.db import read_tx
from sync.server.ledger_tables import applied_event
from sync.server.tables import terminal


def _empty(day: str) -> DaySummary:
    return DaySummary(business_date=day, events=0, sales_count=0, sales_total_fen=0,
                      voided_count=0, points_delta=0, stock_delta=0)


def verify(engine: Engine, *, authorization: str | None, request: VerifyRequest
           ) -> VerifyResponse:
    """The days (of those the terminal sent) whose summaries differ: every event recorded
    for the terminal counts, applied or quarantined, with the payload as it arrived."""
    days = sorted({d.business_date for d in request.days})
    with read_tx(engine) as conn:
        caller = authenticate(conn, authorization)
        check_identity(caller, store_code=request.store_code,
                       terminal_code=request.terminal_code)
        cursor = int(conn.execute(select(terminal.c.cursor).where(
            terminal.c.store_id == caller.store_id,
            terminal.c.terminal_id == caller.terminal_id)).scalar_one())
        rows: Iterable[Any] = conn.execute(select(
            applied_event.c.type, applied_event.c.created_at, applied_event.c.payload
        ).where(applied_event.c.store_id == caller.store_id,
                applied_event.c.terminal_id == caller.terminal_id,
                applied_event.c.business_date.in_(days))) if days else []
        server = {d.business_date: d for d in summarize(
            (type_, created_at, json.loads(payload)) for type_, created_at, payload in rows)}
    theirs = {d.business_date: d for d in request.days}
    server_days = [server.get(day) or _empty(day) for day in days]
    mismatched = [d.business_date for d in server_days if d != theirs[d.business_date]]
    return VerifyResponse(mismatched=mismatched, cursor=cursor, server_days=server_days)
