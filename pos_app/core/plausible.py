"""Typed quantities and prices so far from the usual that the cashier confirms them first.

Limits that refuse outright live with the values (``quantity.MAX_PIECES``, ``Money.parse``);
these only catch a slip of the finger — 99999 for 9, 12999 for 129.99 — before it reaches
the customer's total.
"""

from __future__ import annotations

from pos_app.core.money import Money

UNUSUAL_PIECES = 100
UNUSUAL_GRAMS = 50_000  # 50 kg on one line
UNUSUAL_PRICE_FACTOR = 10  # a new price over ten times the list price
UNUSUAL_PRICE_FLOOR = Money(100_00)  # ... and over ¥100 (cheap goods vary more)
UNUSUAL_LINE = Money(10_000_00)  # a single line over ¥10,000


def line_amount(unit_price: Money, qty: int, *, weighed: bool) -> Money:
    """Quantity × unit price (grams at a per-kg price), before discounts, for a check."""
    return Money(unit_price.fen * qty // 1000) if weighed else Money(unit_price.fen * qty)


def unusual_quantity(qty: int, *, weighed: bool, unit_price: Money) -> bool:
    """True when ``qty`` (pieces or grams) deserves a second look."""
    if qty >= (UNUSUAL_GRAMS if weighed else UNUSUAL_PIECES):
        return True
    return line_amount(unit_price, qty, weighed=weighed).fen > UNUSUAL_LINE.fen


def unusual_price(price: Money, *, list_price: Money, qty: int, weighed: bool) -> bool:
    """True when a new unit price above the list price deserves a second look."""
    if price.fen <= list_price.fen:
        return False  # a markdown is never a slip towards an absurd total
    ceiling = max(list_price.fen * UNUSUAL_PRICE_FACTOR, UNUSUAL_PRICE_FLOOR.fen)
    if price.fen > ceiling:
        return True
    return line_amount(price, qty, weighed=weighed).fen > UNUSUAL_LINE.fen
