"""CheckoutService.scan goes through the scan router: non-product codes never become lines."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from pos_app.core.scan_router import ScanKind, ScanRules
from pos_app.services.checkout import CheckoutService
from pos_app.store import terminal
from pos_app.ui.messages import MESSAGES
from tests.conftest import COLA


@pytest.fixture
def checkout(engine: Engine) -> CheckoutService:
    return CheckoutService(
        engine=engine,
        store_info=terminal.get_store_info(engine=engine),
        sleep=lambda _s: None,
    )


def test_payment_code_on_the_sale_screen_asks_for_the_payment_window(
    checkout: CheckoutService,
) -> None:
    checkout.scan(COLA)
    outcome = checkout.scan("134567890123456789")
    assert (outcome.status, outcome.key) == ("payment_code", "scan.payment_code")
    assert outcome.data["wallet"] == "wechat" and outcome.kind == ScanKind.PAYMENT
    assert len(checkout.sale.cart.lines) == 1


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("PU12345678", "scan.pickup_not_available"),
        ("O2OP1:order-1", "scan.pickup_not_available"),
        ("STF0042", "scan.staff_badge_not_available"),
    ],
)
def test_later_features_say_not_available(
    checkout: CheckoutService, code: str, key: str
) -> None:
    outcome = checkout.scan(code)
    assert (outcome.status, outcome.key) == ("not_available", key)
    assert outcome.change is None and checkout.sale.cart.is_empty


def test_a_receipt_asks_for_the_return_screen(checkout: CheckoutService) -> None:
    outcome = checkout.scan("S001-T01-000042")
    assert (outcome.status, outcome.key, outcome.kind) == ("receipt", "scan.receipt",
                                                          ScanKind.RECEIPT)
    assert outcome.change is None and checkout.sale.cart.is_empty


def test_control_characters_are_unreadable(checkout: CheckoutService) -> None:
    outcome = checkout.scan("69\x0090000")
    assert (outcome.status, outcome.key) == ("invalid", "scan.unreadable")


def test_product_kinds_still_add(checkout: CheckoutService) -> None:
    outcome = checkout.scan(f" {COLA}\n")
    assert outcome.ok and outcome.kind == ScanKind.PRODUCT


def test_router_rules_are_configurable(checkout: CheckoutService, engine: Engine) -> None:
    svc = CheckoutService(
        engine=engine,
        store_info=checkout.store_info, scan_rules=ScanRules(member_prefix="VIP:"),
    )
    assert svc.scan("VIP:abc").key == "code.malformed"


@pytest.mark.parametrize("code", ["O2OM1:token", "O2OC1:token", "O2OC1:a.b.c"])
def test_malformed_member_and_coupon_codes_say_so(checkout: CheckoutService, code: str) -> None:
    outcome = checkout.scan(code)
    assert (outcome.status, outcome.key) == ("invalid", "code.malformed")
    assert outcome.change is None and checkout.sale.cart.is_empty and checkout.sale.member is None


def test_every_outcome_key_has_a_message() -> None:
    from pos_app.services import sale_scanner as module

    keys = set(module.LATER_KEYS.values()) | {"scan.payment_code", "scan.unreadable"}
    assert keys <= set(MESSAGES)


def test_times_a_code_adds_that_many_pieces(checkout: CheckoutService) -> None:
    outcome = checkout.scan(f"3*{COLA}")
    assert outcome.status == "added" and outcome.change is not None
    assert [ln.qty for ln in checkout.sale.cart.lines] == [3]
    checkout.scan(f"2*{COLA}")
    assert [ln.qty for ln in checkout.sale.cart.lines] == [5]
    assert checkout.scan("0*" + COLA).status == "unknown"  # no such thing as none of it
