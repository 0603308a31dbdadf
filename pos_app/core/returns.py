"""Returns at the till around the refund arithmetic of ``core.refunds``: the return's number,
its reason, where returned goods go, how an exchange spends the refund, and the printed
return receipt (pure data, laid out by ``drivers.printer.return_layout``).

- A return has its own gap-free number per terminal, the sale's format with ``R`` before
  the sequence: ``S001-T01-R000007``. The scan router never reads it as a receipt to
  return (a return is not returned again), and the cashier tells the two apart at a glance.
- ``restock``: the goods go back to sellable stock. ``damaged``: they come back and are
  written off at once (two stock movements, ``return`` then ``write_off``), so the ledger
  shows both and the sellable balance does not move.
- An exchange: the return's money refunds become a credit (the ``exchange`` tender) on the
  new sale, up to its total; what is left is paid out as the return planned it. Points paid
  with go back as points, never into the credit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, get_args

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.refunds import TenderRefund
from pos_app.core.tenders import TenderKind

ReasonCode = Literal["defective", "wrong_item", "not_as_described", "changed_mind", "expired",
                     "other"]
REASON_CODES: tuple[ReasonCode, ...] = get_args(ReasonCode)
Disposition = Literal["restock", "damaged"]
DISPOSITIONS: tuple[Disposition, ...] = get_args(Disposition)
_NO_FEN = Money(0)
# The order in which an exchange credit takes the refunds: what the till pays itself first,
# so that as little as possible has to go back through a card terminal or a provider.
_CREDIT_ORDER: dict[str, int] = {"cash": 0, "exchange": 0, "card": 1, "mobile": 2}


def return_number(store_code: str, terminal_code: str, seq: int) -> str:
    """``S001-T01-R000007``: gap-free per terminal, its own sequence beside the sales'."""
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise ValueError(f"return seq must be a positive int, got {seq!r}")
    return f"{store_code}-{terminal_code}-R{seq:06d}"


def check_reason(reason: str) -> ReasonCode:
    """``reason`` as a reason code (``return.reason_invalid`` when it is none)."""
    for code in REASON_CODES:
        if reason == code:
            return code
    raise PosError("return.reason_invalid", reason=reason)


def check_disposition(value: str) -> Disposition:
    """``value`` as a disposition (``return.disposition_invalid`` when it is none)."""
    for code in DISPOSITIONS:
        if value == code:
            return code
    raise PosError("return.disposition_invalid", disposition=value)


def exchange_credit(tenders: Sequence[TenderRefund]) -> int:
    """What a return can put towards a new sale: its refunds in money (fen), not points."""
    return sum(t.amount_fen for t in tenders if t.payout != "points")


def exchange_split(tenders: Sequence[TenderRefund], used_fen: int) -> tuple[TenderRefund, ...]:
    """The refunds of a return whose ``used_fen`` pays a new sale: that much of the money
    refunds is paid out as ``exchange`` (cash first, then card, then mobile), the rest as
    planned. A refund partly used becomes two rows of the same tender. Order kept."""
    if used_fen < 0 or used_fen > exchange_credit(tenders):
        raise PosError("return.exchange_credit_exceeded", used_fen=used_fen,
                       credit_fen=exchange_credit(tenders))
    left = used_fen
    used: dict[int, int] = {}
    for pos in sorted((i for i, t in enumerate(tenders) if t.payout != "points"),
                      key=lambda i: (_CREDIT_ORDER.get(tenders[i].payout, 3), i)):
        take = min(left, tenders[pos].amount_fen)
        used[pos], left = take, left - take
    out: list[TenderRefund] = []
    for i, t in enumerate(tenders):
        take = used.get(i, 0)
        if take:
            out.append(replace(t, payout="exchange", amount_fen=take))
        if t.amount_fen - take or (t.payout == "points" and t.points):
            out.append(replace(t, amount_fen=t.amount_fen - take))
    return tuple(out)


# ---- the printed return receipt ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReturnReceiptLine:
    """A returned line: its names, the quantity as printed, the refund, and whether the goods
    were written off as damaged."""

    name: str
    qty_text: str
    refund: Money
    name_en: str = ""
    damaged: bool = False


@dataclass(frozen=True, slots=True)
class ReturnRefund:
    """One payout of the refund: ``kind`` is how it goes back (cash from the drawer, the card
    terminal with ``reference``, the provider, points, the exchange's new sale)."""

    kind: TenderKind
    amount: Money
    points: int = 0
    reference: str = ""


@dataclass(frozen=True, slots=True)
class ReturnReceipt:
    """Everything a return receipt shows; ``barcode_value`` is the return's own number.
    ``original_receipt_no`` is empty for a return without a receipt."""

    store_name: str
    store_address: str
    store_code: str
    terminal_code: str
    return_no: str
    original_receipt_no: str
    cashier: str
    completed_at: datetime
    reason: str
    lines: tuple[ReturnReceiptLine, ...]
    refunds: tuple[ReturnRefund, ...]
    total: Money
    rounding: Money = _NO_FEN
    approver: str = ""
    points_back: int = 0  # points paid with in the sale, back to the member
    points_clawed_back: int = 0  # points the sale earned, taken back
    exchange_receipt_no: str = ""  # the new sale of an exchange
    footer: str = ""

    @property
    def barcode_value(self) -> str:
        return self.return_no
