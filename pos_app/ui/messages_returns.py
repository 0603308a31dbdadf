"""Messages of returns and refunds (see ``messages``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
        """Marks ``text`` for lupdate; returns it unchanged."""
        ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

RETURN_MESSAGES: dict[str, str] = {
    "return.empty": QT_TRANSLATE_NOOP(
        "messages", "Nothing is marked to return. Enter a quantity on the lines that come back."
    ),
    "return.no_such_line": QT_TRANSLATE_NOOP(
        "messages", "The sale has no line {line}. Scan the receipt again and pick its lines."
    ),
    "return.qty_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "Line {line}: '{qty}' is not a quantity to return. Enter a whole number above zero "
        "(grams for goods sold by weight).",
    ),
    "return.qty_exceeds_sold": QT_TRANSLATE_NOOP(
        "messages",
        "Line {line}: {asked} cannot come back, only {left} of the {sold} sold are left "
        "({returned} already returned; grams for goods sold by weight). Lower the quantity.",
    ),
    "return.receipt_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "'{text}' is not a receipt number. Scan the barcode or QR code on the receipt, or type "
        "its number (like S001-T01-000042).",
    ),
    "return.receipt_not_found": QT_TRANSLATE_NOOP(
        "messages",
        "No sale has receipt number {receipt_no}. Check the number on the receipt, or find the "
        "sale by date, amount or member.",
    ),
    "return.other_store": QT_TRANSLATE_NOOP(
        "messages",
        "Receipt {receipt_no} is from another store. Its goods are returned at that store.",
    ),
    "return.other_till_offline": QT_TRANSLATE_NOOP(
        "messages",
        "Receipt {receipt_no} is from till {terminal} and the cloud cannot be reached. A "
        "supervisor may approve the return; it is priced like a return without a receipt and "
        "checked by head office.",
    ),
    "return.cloud_unreachable": QT_TRANSLATE_NOOP(
        "messages",
        "The cloud could not be asked about receipt {receipt_no}. Check the network and try "
        "again, or call a supervisor.",
    ),
    "return.sale_unreadable": QT_TRANSLATE_NOOP(
        "messages",
        "This sale's records do not add up, so it cannot be returned here. Call a manager.",
    ),
    "return.history_changed": QT_TRANSLATE_NOOP(
        "messages",
        "Another return of receipt {receipt_no} was made meanwhile. Open the receipt again "
        "and choose what comes back.",
    ),
    "return.reason_invalid": QT_TRANSLATE_NOOP(
        "messages", "'{reason}' is not a return reason. Pick one from the list."
    ),
    "return.disposition_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "'{disposition}' is neither back to stock nor damaged. Choose one for each line.",
    ),
    "return.exchange_credit_exceeded": QT_TRANSLATE_NOOP(
        "messages",
        "The exchange can use at most {credit_fen} of the returned goods, not {used_fen}. "
        "Take the rest as another payment.",
    ),
    "return.exchange_mismatch": QT_TRANSLATE_NOOP(
        "messages",
        "The exchange credit on this sale does not belong to the return being made. Remove "
        "the exchange payment and start the exchange again from the return screen.",
    ),
    "return.exchange_open": QT_TRANSLATE_NOOP(
        "messages",
        "This sale is an exchange: finish it (F12) or void it (F10); it cannot be suspended.",
    ),
    "return.no_receipt_limit": QT_TRANSLATE_NOOP(
        "messages",
        "This till has taken {count} returns without a receipt today ({amount_fen}); the "
        "limit is {max_count} returns or {max_fen} a day. Call the store manager.",
    ),
    "return.search_period_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "Search at most {max_days} days at a time, with the end after the start.",
    ),
    "payment.refund_declined": QT_TRANSLATE_NOOP(
        "messages",
        "The payment provider refused to refund {amount_fen}. Nothing was returned; refund "
        "it in cash with a supervisor's approval or call a manager.",
    ),
    "payment.refund_failed": QT_TRANSLATE_NOOP(
        "messages",
        "The payment provider did not answer the refund of {amount_fen}. Nothing was "
        "recorded; try again (the customer is never refunded twice).",
    ),
}
