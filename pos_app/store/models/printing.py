"""The persisted printer queue."""

from __future__ import annotations

from sqlalchemy import Index, text
from sqlmodel import Field

from pos_app.store.models.base import LocalTable, table_of

# The jobs that still hold their bytes (retention drops them from printed jobs): the partial
# index's condition, which a query repeats word for word (a bound 0 would not match it).
HOLDS_BYTES = text("length(payload) > 0")


class PrintJob(LocalTable, table=True):
    """A persisted printer job (receipt, reprint, drawer kick, test page): retried until done."""

    __tablename__ = "print_job"
    __table_args__ = (Index("ix_print_job_with_bytes", "updated_at", sqlite_where=HOLDS_BYTES),)

    id: int | None = Field(default=None, primary_key=True)
    receipt_no: str | None = Field(default=None, index=True)
    kind: str
    payload: bytes
    state: str = Field(index=True)
    attempts: int = 0
    last_error_key: str = ""
    created_at: str
    updated_at: str


print_job = table_of(PrintJob)
