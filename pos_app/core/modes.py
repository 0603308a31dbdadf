"""Store-wide pricing modes shared by StoreInfo and pricing."""

from __future__ import annotations

from typing import Literal, get_args

TaxMode = Literal["inclusive", "exclusive"]
# 抹零: "jiao_down" drops the fen, "jiao_half_up" rounds to the nearest jiao.
CashRounding = Literal["none", "jiao_down", "jiao_half_up"]

TAX_MODES: tuple[TaxMode, ...] = get_args(TaxMode)
CASH_ROUNDINGS: tuple[CashRounding, ...] = get_args(CashRounding)
