"""The printable summary of a stock count (盘点单): what was counted, by whom, and every
product whose count differs from the ledger, with the values at cost and at price."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CountSheetLine:
    """A product that differs: quantities as text (pieces, or kg for weighed goods)."""

    sku: str
    name: str
    name_en: str
    expected_text: str
    counted_text: str
    variance_text: str
    value_cost_fen: int
    value_price_fen: int


@dataclass(frozen=True, slots=True)
class CountSheet:
    """A count as printed; ``state`` open, approved or posted (a draft says so)."""

    store_name: str
    store_code: str
    terminal_code: str
    session_uuid: str
    scope_kind: str
    scope_value: str
    blind: bool
    state: str
    opened_at: str
    opened_by: str
    approver: str
    posted_at: str
    lines: int
    products: int
    uncounted: int
    unknown_codes: int
    value_cost_fen: int
    value_price_fen: int
    differing: tuple[CountSheetLine, ...]
