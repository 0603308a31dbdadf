"""Hello: where the terminal stands with the cloud (protocol step 1)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select, update

from contract.protocol import HelloRequest, HelloResponse
from sync.server.auth import authenticate, check_identity
from sync.server.db import write_tx
from sync.server.flags import clock_skew_flag
from sync.server.payloads import storable
from sync.server.pull import pending_refetch
from sync.server.tables import terminal


def hello(engine: Engine, *, authorization: str | None, request: HelloRequest,
          now: datetime, last_seq: int | None = None) -> HelloResponse:
    """The terminal's cursor, the server clock and the streams to refetch; notes when the
    terminal was last seen, how far its clock is off (flagged beyond the limit) and, when it
    says (``last_seq``, already bounded), the newest seq it has written."""
    skew = (now - request.sent_at).total_seconds()
    values: dict[str, Any] = {"last_seen_at": now, "last_clock_skew_s": skew,
                              "app_version": storable(request.app_version[:64])}
    if last_seq is not None:
        values.update(last_seq=last_seq, last_seq_at=now)
    with write_tx(engine) as conn:
        caller = authenticate(conn, authorization)
        check_identity(caller, store_code=request.store_code,
                       terminal_code=request.terminal_code)
        where = (terminal.c.store_id == caller.store_id,
                 terminal.c.terminal_id == caller.terminal_id)
        conn.execute(update(terminal).where(*where).values(**values))
        clock_skew_flag(conn, store_id=caller.store_id, terminal_id=caller.terminal_id,
                        terminal_code=caller.terminal_code, skew_s=skew, at=now)
        cursor = int(conn.execute(select(terminal.c.cursor).where(*where)).scalar_one())
        refetch = pending_refetch(conn, caller=caller)
    return HelloResponse(cursor=cursor, server_time=now, clock_skew_s=skew, refetch=refetch)
