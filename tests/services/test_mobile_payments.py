"""A mobile charge is checked against the sale before the provider is ever called."""

from __future__ import annotations

import pytest

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.payment import SimulatedPaymentProvider
from pos_app.services.mobile_payments import MobilePayments

WECHAT = "134567890123456781"


@pytest.mark.parametrize(("code", "amount", "empty", "remaining", "key"), [
    ("12345", 100, False, 500, "payment.code_invalid"),
    (WECHAT, 100, True, 500, "sale.empty"),
    (WECHAT, 100, False, 0, "tender.already_paid"),
    (WECHAT, 0, False, 500, "tender.amount_invalid"),
    (WECHAT, 600, False, 500, "tender.exceeds_remaining"),
])
def test_a_charge_that_cannot_be_right_is_refused(
    code: str, amount: int, empty: bool, remaining: int, key: str
) -> None:
    with pytest.raises(PosError) as refused:
        MobilePayments.check(code, Money(amount), sale_empty=empty, remaining=Money(remaining))
    assert refused.value.key == key


def test_the_job_charges_the_provider_and_waits_in_seconds() -> None:
    slept: list[float] = []
    provider = SimulatedPaymentProvider()
    payments = MobilePayments(provider, sleep=slept.append)
    code = MobilePayments.check(f" {WECHAT} ", Money(250), sale_empty=False,
                                remaining=Money(500))
    result = payments.job(code, Money(250), "T-1")()
    assert code == WECHAT and result.status == "approved" and result.trade_no == "T-1"
    assert all(isinstance(s, float) for s in slept)
