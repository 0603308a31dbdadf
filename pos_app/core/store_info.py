"""Who and where the till is: the store and terminal settings a receipt needs."""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.core.modes import CASH_ROUNDINGS, TAX_MODES, CashRounding, TaxMode


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """Store and terminal identity plus the store's tax and cash-rounding modes."""

    store_code: str
    store_name: str
    store_address: str
    terminal_code: str
    tax_mode: TaxMode = "inclusive"
    cash_rounding: CashRounding = "none"
    footer: str = ""

    def __post_init__(self) -> None:
        if self.tax_mode not in TAX_MODES:
            raise ValueError(f"unknown tax_mode {self.tax_mode!r}")
        if self.cash_rounding not in CASH_ROUNDINGS:
            raise ValueError(f"unknown cash_rounding {self.cash_rounding!r}")
