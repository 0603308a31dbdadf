"""``GET /v1/stock/{sku}``: how much of one product the other stores of the chain hold, as
the cloud's per-store balances have it (附近门店库存), so a cashier can send a shopper to a
store that has it.

``updated_at`` is when that store's balance last moved in the cloud (ISO, UTC);
``as_of`` when the cloud answered. Quantities in pieces (grams when weighed). The asking
store is not in the list. An unknown SKU is answered with no stores, never an error.
Fields a newer cloud adds are ignored.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

MAX_STORES = 50  # the stores shown: those holding the most first


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class StoreStock(_Answer):
    store_code: StrictStr
    store_name: StrictStr = ""
    address: StrictStr = ""
    on_hand: StrictInt
    updated_at: StrictStr = ""


class ChainStock(_Answer):
    sku: StrictStr
    as_of: StrictStr
    stores: list[StoreStock] = Field(default_factory=list, max_length=MAX_STORES)
