from dataclasses import dataclass, field

import pytest

from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.core.payment import (
    PaymentResult,
    PaymentStatus,
    PaymentTimeout,
    SimulatedPaymentProvider,
    charge,
    refund,
)

AMOUNT = Money(1847)


class Sleeps:
    """Records requested sleeps instead of sleeping, so flows run instantly."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, ms: int) -> None:
        assert isinstance(ms, int)  # whole milliseconds, like every quantity in core
        self.delays.append(ms / 1000)


def run(
    code: str, provider: SimulatedPaymentProvider | None = None
) -> tuple[PaymentResult, list[str], Sleeps]:
    provider = provider or SimulatedPaymentProvider()
    sleeps = Sleeps()
    result = charge(provider, code=code, amount=AMOUNT, trade_no="T-1", sleep_ms=sleeps)
    return result, [name for name, _ in provider.calls], sleeps


def test_charge_approved_at_once() -> None:
    result, calls, sleeps = run("134567890123456781")
    assert (result.status, result.trade_no, result.message_key) == ("approved", "T-1", "")
    assert calls == ["pay"]
    assert sleeps.delays == []


def test_charge_declined_is_reported_with_its_key() -> None:
    result, calls, _ = run("134567890123456780")
    assert (result.status, result.message_key) == ("declined", "payment.declined")
    assert calls == ["pay"]


def test_charge_pending_while_shopper_confirms_then_approved() -> None:
    result, calls, sleeps = run("134567890123456786")
    assert result.status == "approved"
    assert calls == ["pay", "query", "query"]
    assert sleeps.delays == [1.0, 2.0]


def test_charge_timeout_then_query_says_approved() -> None:
    result, calls, sleeps = run("134567890123456787")
    assert result.status == "approved"
    assert calls == ["pay", "query"]
    assert sleeps.delays == [1.0]


def test_charge_timeout_and_still_unknown_is_reversed_and_declined() -> None:
    provider = SimulatedPaymentProvider()
    result, calls, sleeps = run("134567890123456788", provider)
    assert (result.status, result.message_key) == ("declined", "payment.reversed_after_timeout")
    assert calls == ["pay", "query", "query", "query", "query", "query", "reverse"]
    assert sleeps.delays == [1.0, 2.0, 4.0, 8.0, 8.0]
    assert provider.query(trade_no="T-1").status == "declined"


def test_charge_retry_with_same_trade_no_does_not_charge_twice() -> None:
    provider = SimulatedPaymentProvider()
    first = provider.pay(code="134567890123456781", amount=AMOUNT, trade_no="T-9")
    again = provider.pay(code="134567890123456780", amount=AMOUNT, trade_no="T-9")
    assert first == again
    assert first.status == "approved"


def test_charge_refuses_a_non_positive_amount() -> None:
    with pytest.raises(PosError) as exc:
        charge(SimulatedPaymentProvider(), code="1", amount=Money(0), trade_no="T",
               sleep_ms=Sleeps())
    assert (exc.value.key, exc.value.data) == ("payment.amount_invalid", {"amount": 0})


@dataclass
class ScriptedProvider:
    """Replays scripted answers; an exception in the script is raised."""

    pays: list[PaymentResult | Exception]
    queries: list[PaymentResult | Exception] = field(default_factory=list)
    reversals: list[PaymentResult | Exception] = field(default_factory=list)
    refunds: list[PaymentResult | Exception] = field(default_factory=list)

    @staticmethod
    def _next(script: list[PaymentResult | Exception]) -> PaymentResult:
        item = script.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    def pay(self, *, code: str, amount: Money, trade_no: str) -> PaymentResult:
        return self._next(self.pays)

    def query(self, *, trade_no: str) -> PaymentResult:
        return self._next(self.queries)

    def reverse(self, *, trade_no: str) -> PaymentResult:
        return self._next(self.reversals)

    def refund(self, *, reference: str, refund_no: str, amount: Money) -> PaymentResult:
        return self._next(self.refunds)


def r(status: PaymentStatus) -> PaymentResult:
    return PaymentResult(status, "T")


def test_charge_keeps_querying_through_query_timeouts() -> None:
    provider = ScriptedProvider(
        pays=[PaymentTimeout()], queries=[PaymentTimeout(), r("pending"), r("approved")]
    )
    assert charge(provider, code="1", amount=AMOUNT, trade_no="T", sleep_ms=Sleeps()).status == (
        "approved"
    )


def test_charge_never_claims_approved_when_the_reversal_fails() -> None:
    provider = ScriptedProvider(
        pays=[PaymentTimeout()],
        queries=[r("unknown")] * 2,
        reversals=[PaymentTimeout(), r("unknown"), PaymentTimeout()],
    )
    result = charge(provider, code="1", amount=AMOUNT, trade_no="T", sleep_ms=Sleeps(),
                    max_queries=2)
    assert (result.status, result.message_key) == ("unknown", "payment.reverse_failed")


def test_charge_reversal_retried_after_a_timeout() -> None:
    provider = ScriptedProvider(
        pays=[r("unknown")], queries=[r("unknown")], reversals=[PaymentTimeout(), r("declined")]
    )
    result = charge(provider, code="1", amount=AMOUNT, trade_no="T", sleep_ms=Sleeps(),
                    max_queries=1)
    assert (result.status, result.message_key) == ("declined", "payment.reversed_after_timeout")


def test_a_refund_is_asked_again_after_a_timeout_with_the_same_refund_number() -> None:
    provider = ScriptedProvider(pays=[], refunds=[PaymentTimeout(), r("approved")])
    result = refund(provider, reference="SIM-T", refund_no="R1", amount=AMOUNT,
                    sleep_ms=Sleeps())
    assert result.status == "approved"
    assert provider.refunds == []


def test_a_refund_never_answered_is_unknown_and_says_so() -> None:
    provider = ScriptedProvider(pays=[], refunds=[PaymentTimeout()] * 4)
    result = refund(provider, reference="SIM-T", refund_no="R1", amount=AMOUNT,
                    sleep_ms=Sleeps())
    assert (result.status, result.message_key) == ("unknown", "payment.refund_failed")


def test_the_simulated_provider_refunds_once_per_refund_number() -> None:
    sim = SimulatedPaymentProvider()
    first = sim.refund(reference="SIM-123", refund_no="R1", amount=Money(500))
    again = sim.refund(reference="SIM-123", refund_no="R1", amount=Money(500))
    assert first.status == again.status == "approved"
    assert sim.refunds == {"R1": ("SIM-123", 500)}
    assert sim.refund(reference="SIM-120", refund_no="R2", amount=Money(1)).status == "declined"
