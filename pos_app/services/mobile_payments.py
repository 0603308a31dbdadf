"""Charging a customer's WeChat Pay / Alipay payment code for part of the sale.

``CheckoutService`` asks ``MobilePayments`` to check a charge against the sale as it stands
and for the job that runs it; the job talks to the provider (pay, query with backoff,
reverse: ``core.payment.charge``) on the worker thread and the checkout adds the tender
when it is approved.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.payment import PaymentProvider, PaymentResult, SimulatedPaymentProvider, charge
from pos_app.core.tenders import payment_code_kind


class MobilePayments:
    """The payment provider, and how long to wait between its queries (``sleep`` takes
    seconds, as ``time.sleep``; tests pass one that returns at once)."""

    def __init__(self, provider: PaymentProvider | None = None, *,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.provider: PaymentProvider = provider or SimulatedPaymentProvider()
        self._sleep = sleep

    @staticmethod
    def check(code: str, amount: Money, *, sale_empty: bool, remaining: Money) -> str:
        """The code to charge (trimmed), or the error that stops the charge of ``amount``
        on a sale (empty or not) with ``remaining`` still due."""
        code = code.strip()
        if payment_code_kind(code) is None:
            raise PosError("payment.code_invalid", code=code)
        if sale_empty:
            raise PosError("sale.empty")
        if remaining.fen == 0:
            raise PosError("tender.already_paid")
        if amount.fen <= 0:
            raise PosError("tender.amount_invalid", amount=amount.fen)
        if amount > remaining:
            raise PosError("tender.exceeds_remaining", amount=amount.fen,
                           remaining=remaining.fen)
        return code

    def job(self, code: str, amount: Money, trade_no: str) -> Callable[[], PaymentResult]:
        """The charge, to run off the UI thread."""
        provider, sleep = self.provider, self._sleep
        return lambda: charge(provider, code=code, amount=amount, trade_no=trade_no,
                              sleep_ms=lambda ms: sleep(ms / 1000))
