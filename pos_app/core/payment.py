"""Mobile payment (付款码) flow: pay, query on timeout, reverse when still unknown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from pos_app.core.errors import PosError
from pos_app.core.money import Money

PaymentStatus = Literal["approved", "declined", "pending", "unknown"]
FINAL_STATUSES: frozenset[PaymentStatus] = frozenset({"approved", "declined"})


@dataclass(frozen=True, slots=True)
class PaymentResult:
    """What a provider (or ``charge``) says about one trade."""

    status: PaymentStatus
    trade_no: str
    provider_ref: str = ""
    message_key: str = ""


class PaymentTimeout(Exception):
    """The provider did not answer in time; the trade's outcome is unknown."""


class PaymentProvider(Protocol):
    """A payment gateway; every call may raise ``PaymentTimeout``."""

    def pay(self, *, code: str, amount: Money, trade_no: str) -> PaymentResult: ...

    def query(self, *, trade_no: str) -> PaymentResult: ...

    def reverse(self, *, trade_no: str) -> PaymentResult:
        """Cancel the trade; ``declined`` means no money is (any longer) taken."""
        ...

    def refund(self, *, reference: str, refund_no: str, amount: Money) -> PaymentResult:
        """Give ``amount`` of a settled trade back (``reference``: what the sale kept of it,
        the provider's id or our trade number); ``approved`` when it is refunded. The same
        ``refund_no`` again refunds nothing more (a retry after a timeout)."""
        ...


@dataclass
class SimulatedPaymentProvider:
    """Deterministic provider keyed on the code's last digit (see ``pay``)."""

    calls: list[tuple[str, str]] = field(default_factory=list)
    _trades: dict[str, PaymentStatus] = field(default_factory=dict)
    refunds: dict[str, tuple[str, int]] = field(default_factory=dict)  # refund_no → (ref, fen)
    _pending_queries: dict[str, int] = field(default_factory=dict)

    def pay(self, *, code: str, amount: Money, trade_no: str) -> PaymentResult:
        """…0 declined, …6 pending then approved, …7 timeout then approved, …8 timeout and
        stays unknown until reversed, anything else approved."""
        self.calls.append(("pay", trade_no))
        if trade_no in self._trades:
            # Gateways are idempotent on trade_no; a retry must not charge twice.
            return self._result(trade_no)
        last = code[-1:] or "0"
        if amount.fen <= 0 or last == "0":
            self._trades[trade_no] = "declined"
            return self._result(trade_no)
        if last == "6":
            # The shopper is confirming with a password (输入密码) on the phone.
            self._trades[trade_no] = "pending"
            self._pending_queries[trade_no] = 1
            return self._result(trade_no)
        if last == "7":
            self._trades[trade_no] = "approved"
            raise PaymentTimeout(trade_no)
        if last == "8":
            self._trades[trade_no] = "unknown"
            raise PaymentTimeout(trade_no)
        self._trades[trade_no] = "approved"
        return self._result(trade_no)

    def query(self, *, trade_no: str) -> PaymentResult:
        """Current status of a trade (``unknown`` if never seen)."""
        self.calls.append(("query", trade_no))
        left = self._pending_queries.get(trade_no, 0)
        if left > 0:
            self._pending_queries[trade_no] = left - 1
        elif self._trades.get(trade_no) == "pending":
            self._trades[trade_no] = "approved"
        return self._result(trade_no)

    def reverse(self, *, trade_no: str) -> PaymentResult:
        """Cancel a trade whatever its state; the money, if taken, goes back."""
        self.calls.append(("reverse", trade_no))
        self._trades[trade_no] = "declined"
        return PaymentResult("declined", trade_no, f"SIM-{trade_no}", "payment.reversed")

    def refund(self, *, reference: str, refund_no: str, amount: Money) -> PaymentResult:
        """Refunds once per ``refund_no``; a reference ending in ``0`` (a declined code's
        trade) or a non-positive amount is declined."""
        self.calls.append(("refund", refund_no))
        if refund_no not in self.refunds:
            if amount.fen <= 0 or reference.endswith("0") or not reference:
                return PaymentResult("declined", refund_no, "", "payment.refund_declined")
            self.refunds[refund_no] = (reference, amount.fen)
        return PaymentResult("approved", refund_no, f"SIMR-{refund_no}")

    def _result(self, trade_no: str) -> PaymentResult:
        status = self._trades.get(trade_no, "unknown")
        key = "payment.declined" if status == "declined" else ""
        return PaymentResult(status, trade_no, f"SIM-{trade_no}", key)


def _backoff_ms(attempt: int, first_ms: int, cap_ms: int) -> int:
    return min(first_ms << attempt, cap_ms)


def charge(
    provider: PaymentProvider,
    *,
    code: str,
    amount: Money,
    trade_no: str,
    sleep_ms: Callable[[int], None],
    max_queries: int = 5,
    first_delay_ms: int = 1000,
    max_delay_ms: int = 8000,
    max_reversals: int = 3,
) -> PaymentResult:
    """Take a mobile payment; approved only if the provider said so, else reversed/declined.

    A reversal that itself never succeeds is reported ``unknown`` with
    ``payment.reverse_failed``: the cashier must check the trade by hand. Waits between
    queries are whole milliseconds, passed to ``sleep_ms``.
    """
    if amount.fen <= 0:
        raise PosError("payment.amount_invalid", amount=amount.fen)
    try:
        result = provider.pay(code=code, amount=amount, trade_no=trade_no)
        if result.status in FINAL_STATUSES:
            return result
    except PaymentTimeout:
        pass
    for attempt in range(max_queries):
        sleep_ms(_backoff_ms(attempt, first_delay_ms, max_delay_ms))
        try:
            result = provider.query(trade_no=trade_no)
        except PaymentTimeout:
            continue
        if result.status in FINAL_STATUSES:
            return result
    for attempt in range(max_reversals):
        try:
            reversed_ = provider.reverse(trade_no=trade_no)
        except PaymentTimeout:
            sleep_ms(_backoff_ms(attempt, first_delay_ms, max_delay_ms))
            continue
        if reversed_.status == "declined":
            return PaymentResult(
                "declined", trade_no, reversed_.provider_ref, "payment.reversed_after_timeout"
            )
        sleep_ms(_backoff_ms(attempt, first_delay_ms, max_delay_ms))
    return PaymentResult("unknown", trade_no, "", "payment.reverse_failed")


def refund(provider: PaymentProvider, *, reference: str, refund_no: str, amount: Money,
           sleep_ms: Callable[[int], None], attempts: int = 4, first_delay_ms: int = 1000,
           max_delay_ms: int = 8000) -> PaymentResult:
    """Refund part of a mobile payment, asking again after a timeout (the same
    ``refund_no``: never twice); ``unknown`` with ``payment.refund_failed`` when the
    provider never answered (the cashier checks it by hand, nothing is recorded)."""
    if amount.fen <= 0:
        raise PosError("payment.amount_invalid", amount=amount.fen)
    for attempt in range(attempts):
        try:
            return provider.refund(reference=reference, refund_no=refund_no, amount=amount)
        except PaymentTimeout:
            sleep_ms(_backoff_ms(attempt, first_delay_ms, max_delay_ms))
    return PaymentResult("unknown", refund_no, "", "payment.refund_failed")
