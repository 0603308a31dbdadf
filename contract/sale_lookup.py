"""``GET /v1/sales/{receipt_no}``: a sale of the caller's store as the cloud has it, with
every return of it the cloud knows (from any till), so a till can return a receipt of
another till and never give back more than was sold.

Refusals (``Problem``): ``sync.receipt_other_store`` (403: the receipt number names another
store; its sales are never shown), ``sync.receipt_not_found`` (404: no completed sale of
this store has that number, or its till has not pushed it yet).

Amounts in fen, quantities in pieces (grams when weighed); ``line_no`` from 1 as on the
receipt, tender ``index`` from 0 in the order the sale took them. Fields a newer cloud adds
are ignored.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, StrictBool, StrictInt, StrictStr


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class LookupLine(_Answer):
    line_no: StrictInt
    sku: StrictStr
    name: StrictStr = ""
    qty: StrictInt
    is_weighed: StrictBool = False
    unit_price_fen: StrictInt = 0
    net_fen: StrictInt
    tax_fen: StrictInt = 0
    tax_rate_bp: StrictInt = 0


class LookupTender(_Answer):
    kind: StrictStr
    amount_fen: StrictInt
    reference: StrictStr = ""  # a points tender's: the points paid with


class LookupReturnedLine(_Answer):
    line_no: StrictInt
    qty: StrictInt
    net_fen: StrictInt
    tax_fen: StrictInt = 0


class LookupRefundedTender(_Answer):
    index: StrictInt
    amount_fen: StrictInt
    points: StrictInt = 0


class LookupReturn(_Answer):
    """A return of the sale already recorded by the cloud (from any till of the store)."""

    return_uuid: StrictStr
    return_no: StrictStr = ""
    terminal_code: StrictStr = ""
    lines: list[LookupReturnedLine] = []
    tenders: list[LookupRefundedTender] = []
    points_clawback: StrictInt = 0


class SaleLookup(_Answer):
    """The sale: enough for ``pos_app.core.refunds.OriginalSale`` and the return screen."""

    sale_uuid: StrictStr
    receipt_no: StrictStr
    store_code: StrictStr
    terminal_code: StrictStr
    closed_at: StrictStr = ""
    cashier: StrictStr = ""
    member_id: StrictStr | None = None
    total_fen: StrictInt
    tax_fen: StrictInt = 0
    rounding_fen: StrictInt = 0
    points_earned: StrictInt = 0
    lines: list[LookupLine]
    tenders: list[LookupTender] = []
    returns: list[LookupReturn] = []
