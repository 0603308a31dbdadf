"""Messages of receiving, transfers, adjustments and low stock (see ``messages``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
        """Marks ``text`` for lupdate; returns it unchanged."""
        ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

STOCK_OPS_MESSAGES: dict[str, str] = {
    "stock.unknown_code": QT_TRANSLATE_NOOP(
        "messages",
        "No product has the code '{code}'. Scan the item again or type its SKU; a product "
        "new to the store must be added to the catalog at head office first.",
    ),
    "stock.qty_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "Line {line}: {qty} is not a quantity here. Enter a whole number from 1 to {limit} "
        "(grams for goods sold by weight).",
    ),
    "stock.reason_unknown": QT_TRANSLATE_NOOP(
        "messages",
        "'{reason}' is not a reason for an adjustment. Choose damaged, expired, own use, "
        "theft or found.",
    ),
    "stock.nothing_to_post": QT_TRANSLATE_NOOP(
        "messages", "There is nothing to post: enter at least one line with a quantity."
    ),
    "stock.already_posted": QT_TRANSLATE_NOOP(
        "messages",
        "This was posted already as {doc_no}; posting it again would count the goods twice. "
        "Start a new one for other goods.",
    ),
    "stock.min_invalid": QT_TRANSLATE_NOOP(
        "messages", "{qty} cannot be a minimum stock. Enter a whole number from 0 to {limit}."
    ),
    "receiving.order_unknown": QT_TRANSLATE_NOOP(
        "messages",
        "This till has no order or transfer {order}. Sync the till and try again, or "
        "receive the goods as a free receipt.",
    ),
    "receiving.other_store": QT_TRANSLATE_NOOP(
        "messages",
        "{order} is for store {store}, not this store ({here}). Do not receive it here: "
        "call head office.",
    ),
    "receiving.already_received": QT_TRANSLATE_NOOP(
        "messages",
        "{order} was received already ({doc_no}). Receive more goods as a free receipt.",
    ),
    "receiving.supplier_needed": QT_TRANSLATE_NOOP(
        "messages", "Enter the supplier's name (up to 128 characters) for a free receipt."
    ),
    "receiving.expiry_needed": QT_TRANSLATE_NOOP(
        "messages",
        "Line {line}: {name} carries a best-before date. Enter it (like 2027-03-31) before "
        "posting.",
    ),
    "receiving.expiry_invalid": QT_TRANSLATE_NOOP(
        "messages", "'{text}' is not a date. Enter the best-before date like 2027-03-31."
    ),
    "receiving.cost_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "{sku}: that unit cost is not possible. Enter the cost in yuan, zero or more.",
    ),
    "receiving.product_unknown": QT_TRANSLATE_NOOP(
        "messages",
        "Line {line}: product {sku} is not in this till's catalog. Sync the till, or set the "
        "line to 0 and tell head office.",
    ),
    "transfer.store_invalid": QT_TRANSLATE_NOOP(
        "messages", "'{store}' is not a store code. Enter the other store's code, like S002."
    ),
    "transfer.same_store": QT_TRANSLATE_NOOP(
        "messages", "{store} is this store. A transfer goes to another store of the chain."
    ),
    # quarantine reasons the cloud gives for these records
    "sync.stock_doc_exists": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud already has this receipt, transfer or adjustment from another record. "
        "Call head office.",
    ),
    "sync.stock_doc_out_of_bounds": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud refused this receipt, transfer or adjustment: a quantity or cost is "
        "beyond what a till can take. Call head office.",
    ),
    "sync.transfer_store_unknown": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud does not know the store this transfer goes to. Call head office to "
        "correct the transfer.",
    ),
}
