"""Tenders taken against a sale: cash (may give change), card, mobile, member points, and the
credit of goods returned in an exchange (``exchange``: the return's refund paying the new
sale; ``core.returns.exchange_split``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from pos_app.core.errors import PosError
from pos_app.core.money import Money

TenderKind = Literal["cash", "card", "mobile", "points", "exchange"]
TENDER_KINDS: tuple[TenderKind, ...] = get_args(TenderKind)
PaymentCodeKind = Literal["wechat", "alipay"]
WECHAT_PREFIXES = ("10", "11", "12", "13", "14", "15")
ALIPAY_PREFIXES = ("25", "26", "27", "28", "29", "30")


@dataclass(frozen=True, slots=True)
class Tender:
    """``amount`` goes to the sale; ``tendered`` was handed over (differs for cash only)."""

    kind: TenderKind
    amount: Money
    tendered: Money
    reference: str = ""

    @property
    def change(self) -> Money:
        """Cash handed back for this tender."""
        return self.tendered - self.amount


@dataclass(frozen=True, slots=True)
class PaymentState:
    """How far a sale is paid: ``paid`` is applied, ``tendered`` handed over."""

    due: Money
    paid: Money
    remaining: Money
    change: Money
    tendered: Money

    @property
    def is_paid(self) -> bool:
        """True when nothing remains to pay."""
        return self.remaining.fen == 0


def payment_state(due: Money, tenders: tuple[Tender, ...]) -> PaymentState:
    """Paid, remaining and change for ``due`` after ``tenders``."""
    paid = Money.sum(t.amount for t in tenders)
    return PaymentState(
        due=due,
        paid=paid,
        remaining=Money(max(due.fen - paid.fen, 0)),
        change=Money.sum(t.change for t in tenders),
        tendered=Money.sum(t.tendered for t in tenders),
    )


def add_tender(
    tenders: tuple[Tender, ...],
    *,
    due: Money,
    kind: TenderKind,
    tendered: Money,
    reference: str = "",
) -> tuple[Tender, ...]:
    """Append a tender; only cash may exceed what remains (the excess is change)."""
    if kind not in TENDER_KINDS:
        raise ValueError(f"unknown tender kind {kind!r}")
    remaining = payment_state(due, tenders).remaining
    if remaining.fen == 0:
        raise PosError("tender.already_paid")
    if tendered.fen <= 0:
        raise PosError("tender.amount_invalid", amount=tendered.fen)
    reference = reference.strip()
    if kind in ("card", "points") and not reference:
        raise PosError("tender.reference_required", kind=kind)
    if kind == "cash":
        return (*tenders, Tender("cash", min(tendered, remaining), tendered, reference))
    if tendered > remaining:
        raise PosError("tender.exceeds_remaining", amount=tendered.fen, remaining=remaining.fen)
    return (*tenders, Tender(kind, tendered, tendered, reference))


def remove_tender(tenders: tuple[Tender, ...], index: int) -> tuple[Tender, ...]:
    """Drop the tender at ``index`` (a card/mobile one must be reversed by the caller first)."""
    if not 0 <= index < len(tenders):
        raise PosError("tender.no_such_tender", index=index)
    return tenders[:index] + tenders[index + 1 :]


def payment_code_kind(
    code: str,
    wechat_prefixes: tuple[str, ...] = WECHAT_PREFIXES,
    alipay_prefixes: tuple[str, ...] = ALIPAY_PREFIXES,
) -> PaymentCodeKind | None:
    """Which wallet an 18-digit customer payment code (付款码) belongs to, if any."""
    if len(code) != 18 or not (code.isascii() and code.isdigit()):
        return None
    if code.startswith(wechat_prefixes):
        return "wechat"
    if code.startswith(alipay_prefixes):
        return "alipay"
    return None
