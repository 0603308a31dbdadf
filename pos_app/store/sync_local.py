"""The terminal's SQLite database as the sync client's ``LocalStore``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from sqlalchemy import Engine

from contract.protocol import DaySummary, OutEvent, PullPage
from pos_app.core.clock import default_now
from pos_app.store import sync_state
from pos_app.store.sync_apply import Context
from pos_app.store.sync_pages import Prepared, apply_page, prepare_page


class TerminalSyncStore:
    """``sync.client.LocalStore`` over the terminal database (every write a short
    background transaction)."""

    def __init__(self, *, engine: Engine, terminal_code: str,
                 clock: Callable[[], datetime] = default_now) -> None:
        self.engine = engine
        self.terminal_code = terminal_code
        self._clock = clock

    def _at(self) -> str:
        return self._clock().isoformat()

    def pending_batch(self, limit: int) -> list[OutEvent]:
        return sync_state.pending_batch(engine=self.engine, terminal_code=self.terminal_code,
                                        limit=limit)

    def ack(self, first_seq: int, last_seq: int, quarantined: Mapping[str, str]) -> int:
        return sync_state.ack(engine=self.engine, terminal_code=self.terminal_code,
                              from_seq=first_seq, up_to_seq=last_seq, at=self._at(),
                              quarantined=quarantined)

    def unack_above(self, seq: int) -> int:
        return sync_state.unack_above(engine=self.engine, terminal_code=self.terminal_code,
                                      seq=seq)

    def unack_dates(self, dates: Sequence[str]) -> int:
        return sync_state.unack_dates(engine=self.engine, terminal_code=self.terminal_code,
                                      dates=dates)

    def acked_seq(self) -> int:
        return sync_state.get_status(engine=self.engine).acked_seq

    def last_seq(self) -> int:
        return sync_state.last_seq(engine=self.engine, terminal_code=self.terminal_code)

    def cursors(self) -> dict[str, int]:
        return sync_state.cursors(engine=self.engine)

    def prepare_page(self, page: PullPage) -> object:
        return prepare_page(page)

    def apply_page(self, page: PullPage, *, reset: bool, basis_seq: int,
                   progress: Callable[[int], None] | None,
                   prepared: object | None = None) -> int:
        done = apply_page(engine=self.engine, page=page, reset=reset, progress=progress,
                          ctx=Context(terminal_code=self.terminal_code, basis_seq=basis_seq,
                                      at=self._at()),
                          prepared=prepared if isinstance(prepared, Prepared) else None)
        return done.applied

    def day_summaries(self, since: str) -> list[DaySummary]:
        return sync_state.day_summaries(engine=self.engine, terminal_code=self.terminal_code,
                                        since=since)

    def prune(self, before: str) -> int:
        return sync_state.prune_acked(engine=self.engine, terminal_code=self.terminal_code,
                                      before=before)

    def note_server(self, *, cursor: int, clock_skew_s: float) -> None:
        sync_state.update_status(engine=self.engine, server_cursor=cursor,
                                 clock_skew_s=clock_skew_s)
