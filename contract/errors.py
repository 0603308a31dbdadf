"""Sync errors that the till's store raises as well as the sync client: ``ChangeRejected``
for a pulled change the store cannot apply (the client stops that stream there), and their
base ``SyncError``, which the till shows in words by its ``key``."""

from __future__ import annotations

from pos_app.core.errors import PosError


class SyncError(PosError):
    """A sync that could not finish; ``key`` (``sync.*``) and ``data`` say why in words."""


class ChangeRejected(SyncError):
    """A pulled change the terminal cannot apply: its stream stops there (the page is not
    applied, the cursor stays before it) until the cloud sends something it can use."""

    def __init__(self, *, stream: str, key: str, seq: int, reason: str) -> None:
        super().__init__("sync.change_rejected", stream=stream, record=key, seq=seq,
                         reason=reason)
        self.stream = stream
        self.change_key = key
        self.seq = seq
        self.reason = reason
