"""An exchange: goods come back and others go out, in ONE transaction with one receipt.

The return's money refunds become a credit on the new sale (the ``exchange`` tender):

    exchange = returns.exchange(draft, approval)          # checks now, like a return
    checkout.add_tender("exchange", exchange.tender_for(remaining), exchange.reference)
    ... cash / card / mobile for any difference ...
    completed = checkout.begin_complete(commit=exchange.commit).run_now()
    exchange.done.receipt                                  # the return part of the receipt

``commit`` runs on the writer thread: the credit the sale took is split off the return's
payouts (``core.returns.exchange_split``), what is left is paid back as the return planned
it (mobile through the provider), then the sale and the return are written together. A new
sale smaller than the credit gives the difference back that way; a bigger one is paid as
usual. Points paid with go back as points, never into the credit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.payment import PaymentProvider
from pos_app.core.returns import exchange_credit, exchange_split
from pos_app.core.store_info import StoreInfo
from pos_app.services.return_writes import (
    ReturnDone,
    ReturnDraft,
    Who,
    pay_out,
    return_receipt,
    return_record,
)
from pos_app.store.audit import AuditRecord
from pos_app.store.returns import commit_exchange
from pos_app.store.sales import CommittedSale, SaleRecord


@dataclass
class Exchange:
    """A return waiting for its new sale (made by ``ReturnService.exchange``)."""

    draft: ReturnDraft
    who: Who
    audit: tuple[AuditRecord, ...]
    store: StoreInfo
    provider: PaymentProvider | None
    sleep_ms: Callable[[int], None]
    done: ReturnDone | None = field(default=None)

    @property
    def credit(self) -> Money:
        """What the returned goods pay towards the new sale at most."""
        return Money(exchange_credit(self.draft.plan.tenders))

    @property
    def reference(self) -> str:
        """The ``exchange`` tender's reference: the return's uuid."""
        return self.draft.return_uuid

    def tender_for(self, remaining: Money) -> Money:
        """The ``exchange`` tender to add to a sale with ``remaining`` still to pay."""
        return Money(min(self.credit.fen, remaining.fen))

    def commit(self, engine: Engine, sale: SaleRecord) -> CommittedSale:
        """Write the new sale and the return in one transaction (the checkout's writer)."""
        used = [t for t in sale.tenders if t.kind == "exchange"]
        if any(t.reference != self.reference for t in used):
            raise PosError("return.exchange_mismatch")
        used_fen = sum(t.amount_fen for t in used)
        payouts = pay_out(self.draft, exchange_split(self.draft.plan.tenders, used_fen),
                          self.provider, self.sleep_ms)
        record = return_record(self.draft, self.who, payouts, audit=self.audit)
        committed, returned = commit_exchange(engine=engine, sale=sale, ret=record)
        self.done = ReturnDone(return_receipt(record, returned, store=self.store,
                                              exchange_receipt_no=committed.receipt_no),
                               returned, record)
        return committed
