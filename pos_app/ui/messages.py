"""Translated, actionable text for every PosError key (format fields come from the error data)."""

from __future__ import annotations

import logging
import string
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from pos_app.core.errors import PosError
from pos_app.core.money import Money, format_money
from pos_app.ui.messages_labels import LABEL_MESSAGES
from pos_app.ui.messages_loyalty import LOYALTY_MESSAGES
from pos_app.ui.messages_returns import RETURN_MESSAGES
from pos_app.ui.messages_staff import STAFF_MESSAGES
from pos_app.ui.messages_stock import STOCK_MESSAGES
from pos_app.ui.messages_stock_ops import STOCK_OPS_MESSAGES
from pos_app.ui.messages_sync import SYNC_MESSAGES

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
        """Marks ``text`` for lupdate; returns it unchanged."""
        ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

CONTEXT = "messages"

MESSAGES: dict[str, str] = {
    # barcodes and scanning
    "barcode.bad_check_digit": QT_TRANSLATE_NOOP(
        "messages", "Barcode {code} has a wrong check digit. Scan it again or type it carefully."
    ),
    "scan.unknown_barcode": QT_TRANSLATE_NOOP(
        "messages", "Unknown barcode {code}. Press F2 to search the product by name or SKU."
    ),
    "scan.too_short": QT_TRANSLATE_NOOP(
        "messages", "'{code}' is too short for a barcode. Scan again or press F2 to search."
    ),
    "scan.inactive_product": QT_TRANSLATE_NOOP(
        "messages", "{name} is not for sale (inactive). Put it aside and call a supervisor."
    ),
    "scan.weight_required": QT_TRANSLATE_NOOP(
        "messages", "{name} is sold by weight. Enter the weight in kg (F3) or scan its scale label."
    ),
    "scan.unreadable": QT_TRANSLATE_NOOP(
        "messages", "The scanner sent something that is not a code. Scan again or type the code."
    ),
    "scan.payment_code": QT_TRANSLATE_NOOP(
        "messages",
        "This is the customer's payment code. Press F12 (Pay), then scan it in the payment window.",
    ),
    "scan.pickup_not_available": QT_TRANSLATE_NOOP(
        "messages", "Online-order pickup is not available on this till yet. Call a supervisor."
    ),
    "scan.receipt": QT_TRANSLATE_NOOP(
        "messages", "Receipt {code}: the return screen opens for it."
    ),
    "scan.staff_badge_not_available": QT_TRANSLATE_NOOP(
        "messages", "Staff badges cannot be used on this till yet. Continue the sale."
    ),
    # cart
    "cart.qty_invalid": QT_TRANSLATE_NOOP(
        "messages", "Quantity '{qty}' is not valid. Enter pieces, or kg with 3 decimals at most."
    ),
    "cart.qty_too_large": QT_TRANSLATE_NOOP(
        "messages", "Quantity {qty} is too large (at most {max}). Check it and enter it again."
    ),
    "cart.no_such_line": QT_TRANSLATE_NOOP(
        "messages", "That line is no longer in the sale. Select a line with the arrow keys."
    ),
    "cart.no_line_selected": QT_TRANSLATE_NOOP(
        "messages", "No line selected. Scan an item or select a line with the arrow keys first."
    ),
    "cart.discount_invalid": QT_TRANSLATE_NOOP(
        "messages", "Discount is not valid. Enter a percent from 0.01 to 100, or an amount above 0."
    ),
    "cart.discount_exceeds_line": QT_TRANSLATE_NOOP(
        "messages", "Discount {amount} is more than the line amount {max}. Enter less."
    ),
    "cart.discount_exceeds_sale": QT_TRANSLATE_NOOP(
        "messages", "Discount {amount} is more than the sale amount {max}. Enter less."
    ),
    "cart.price_invalid": QT_TRANSLATE_NOOP(
        "messages", "Price {price} is not valid. Enter an amount of zero or more."
    ),
    "cart.price_fixed_by_label": QT_TRANSLATE_NOOP(
        "messages", "The price of this line comes from its scale label and cannot be changed."
    ),
    "cart.qty_fixed_by_label": QT_TRANSLATE_NOOP(
        "messages", "The weight of this line comes from its scale label and cannot be changed."
    ),
    "cart.product_inactive": QT_TRANSLATE_NOOP(
        "messages", "{name} is not for sale (inactive). Put it aside and call a supervisor."
    ),
    "cart.product_not_weighed": QT_TRANSLATE_NOOP(
        "messages", "{name} is not sold by weight; this scale label is wrong. Call a supervisor."
    ),
    "cart.weight_required": QT_TRANSLATE_NOOP(
        "messages", "{name} is sold by weight. Enter the weight in kg (F3) or scan its scale label."
    ),
    "cart.payload_invalid": QT_TRANSLATE_NOOP(
        "messages", "This suspended sale cannot be read. Ring the items up again."
    ),
    # money and quantities typed by hand
    "money.invalid": QT_TRANSLATE_NOOP(
        "messages", "'{text}' is not an amount. Type yuan like 12 or 12.50."
    ),
    # counting the cash drawer
    "cash.count_invalid": QT_TRANSLATE_NOOP(
        "messages", "'{text}' is not a number of ¥{yuan} pieces. Type whole pieces, like 12."
    ),
    "cash.count_negative": QT_TRANSLATE_NOOP(
        "messages", "The number of ¥{yuan} pieces cannot be negative. Type how many you counted."
    ),
    "cash.count_too_large": QT_TRANSLATE_NOOP(
        "messages", "{count} pieces of ¥{yuan} is more than a drawer holds (at most {max}). "
        "Count them again."
    ),
    "cash.denomination_unknown": QT_TRANSLATE_NOOP(
        "messages", "This till does not know the cash kind '{code}'. Call a supervisor."
    ),
    # tenders and payment
    "tender.exceeds_remaining": QT_TRANSLATE_NOOP(
        "messages", "Only cash may exceed the amount due ({remaining}). Enter a smaller amount."
    ),
    "tender.already_paid": QT_TRANSLATE_NOOP(
        "messages", "The sale is already fully paid. Finish the sale."
    ),
    "tender.amount_invalid": QT_TRANSLATE_NOOP(
        "messages", "The payment amount must be more than zero."
    ),
    "tender.reference_required": QT_TRANSLATE_NOOP(
        "messages", "Enter the reference number printed by the card terminal."
    ),
    "tender.not_removable": QT_TRANSLATE_NOOP(
        "messages", "A mobile payment cannot be removed here. Finish the sale, then refund it."
    ),
    "payment.code_invalid": QT_TRANSLATE_NOOP(
        "messages", "'{code}' is not a payment code. Ask the customer to show it again."
    ),
    "payment.declined": QT_TRANSLATE_NOOP(
        "messages", "The mobile payment was declined. Ask for another payment method."
    ),
    "payment.reversed_after_timeout": QT_TRANSLATE_NOOP(
        "messages", "No answer from the payment service; the payment was cancelled. Try again."
    ),
    "payment.unknown": QT_TRANSLATE_NOOP(
        "messages", "The payment result is unknown. Do not hand over goods; call a supervisor."
    ),
    # the sale
    "sale.not_open": QT_TRANSLATE_NOOP(
        "messages", "This sale is closed. Start a new sale by scanning an item."
    ),
    "sale.not_paid": QT_TRANSLATE_NOOP(
        "messages", "The sale is not fully paid yet. Add a payment (F12)."
    ),
    "sale.empty": QT_TRANSLATE_NOOP(
        "messages", "The sale has no items. Scan an item first."
    ),
    "sale.busy": QT_TRANSLATE_NOOP(
        "messages", "Still saving the last action. Try again in a moment."
    ),
    "sale.not_empty": QT_TRANSLATE_NOOP(
        "messages", "Finish or suspend (F8) the current sale before resuming another one."
    ),
    "sale.no_suspended": QT_TRANSLATE_NOOP(
        "messages", "There are no suspended sales."
    ),
    "suspended.not_found": QT_TRANSLATE_NOOP(
        "messages", "That suspended sale was already resumed on this till."
    ),
    "permission.denied": QT_TRANSLATE_NOOP(
        "messages", "You may not do this ({action}). Call a supervisor."
    ),
    # devices: printer and cash drawer
    "printer.no_paper": QT_TRANSLATE_NOOP(
        "messages", "The printer is out of paper. Put in a new roll; the receipt prints then."
    ),
    "printer.paper_low": QT_TRANSLATE_NOOP(
        "messages", "The receipt paper is running low. Have a new roll ready."
    ),
    "printer.status_unknown": QT_TRANSLATE_NOOP(
        "messages", "The printer does not answer status questions. Check the receipt printed."
    ),
    "printer.offline": QT_TRANSLATE_NOOP(
        "messages", "The printer is off or unplugged. The receipt waits and prints when it is back."
    ),
    "printer.drawer_expired": QT_TRANSLATE_NOOP(
        "messages", "The drawer was not opened because the printer was away too long. Press Ctrl+O."
    ),
    "printer.receipt_not_found": QT_TRANSLATE_NOOP(
        "messages", "There is no completed sale with receipt number {receipt_no}. Check the number."
    ),
    "printer.no_receipt": QT_TRANSLATE_NOOP(
        "messages", "No receipt to reprint yet. Complete a sale first."
    ),
    "printer.not_configured": QT_TRANSLATE_NOOP(
        "messages", "No receipt printer is set up on this till. Call a supervisor."
    ),
    "device.offline": QT_TRANSLATE_NOOP(
        "messages", "Not connected ({reason}). It reconnects by itself when plugged in."
    ),
    "device.failed": QT_TRANSLATE_NOOP(
        "messages", "The device reports a fault. Switch it off and on again, or call a supervisor."
    ),
    "devices.no_sim_scanner": QT_TRANSLATE_NOOP(
        "messages", "Test scan needs the simulated scanner or camera. Scan a product instead."
    ),
    # devices: camera
    "camera.missing": QT_TRANSLATE_NOOP(
        "messages", "No camera found. Plug it in, or type the code instead."
    ),
    "camera.no_frames": QT_TRANSLATE_NOOP(
        "messages", "The camera sends no picture. Replug it, or type the code instead."
    ),
    "camera.lost": QT_TRANSLATE_NOOP(
        "messages", "The camera stopped. It reconnects by itself; type the code meanwhile."
    ),
    "camera.decoder_failed": QT_TRANSLATE_NOOP(
        "messages", "Codes cannot be read from the camera. Type the code; call a supervisor."
    ),
    # devices: scale
    "scale.not_configured": QT_TRANSLATE_NOOP(
        "messages", "No scale is set up. Enter the weight of {name} in kg."
    ),
    "scale.not_weighed": QT_TRANSLATE_NOOP(
        "messages", "{name} is not sold by weight."
    ),
    "scale.offline": QT_TRANSLATE_NOOP(
        "messages", "The scale is off or unplugged. Enter the weight of {name} by hand."
    ),
    "scale.no_reply": QT_TRANSLATE_NOOP(
        "messages", "The scale did not answer. Enter the weight of {name} by hand."
    ),
    "scale.bad_reply": QT_TRANSLATE_NOOP(
        "messages", "The scale's answer could not be read. Enter the weight of {name} by hand."
    ),
    "scale.failed": QT_TRANSLATE_NOOP(
        "messages", "The scale failed. Enter the weight of {name} by hand."
    ),
    "scale.unstable": QT_TRANSLATE_NOOP(
        "messages", "The weight of {name} is still moving. Let it settle, or enter it by hand."
    ),
    "scale.zero": QT_TRANSLATE_NOOP(
        "messages", "Nothing on the scale. Put {name} on it, or enter the weight by hand."
    ),
    "scale.under_zero": QT_TRANSLATE_NOOP(
        "messages", "The scale shows less than zero. Zero it, then weigh {name} again."
    ),
    "scale.overload": QT_TRANSLATE_NOOP(
        "messages", "{name} is too heavy for the scale. Weigh it in parts or enter the weight."
    ),
    "scale.fault": QT_TRANSLATE_NOOP(
        "messages", "The scale reports a fault. Enter the weight of {name} by hand."
    ),
    # database and files
    "db.schema_too_new": QT_TRANSLATE_NOOP(
        "messages",
        "The database was made by a newer version of O2O POS ({found}). Update the software.",
    ),
    "terminal.not_configured": QT_TRANSLATE_NOOP(
        "messages", "This till has no store or terminal set up yet. Call a supervisor."
    ),
    "demo.bad_data": QT_TRANSLATE_NOOP(
        "messages", "The demo data is damaged (line {line}). Reinstall the application."
    ),
    # sale states
    "sale.payment_started": QT_TRANSLATE_NOOP(
        "messages", "Payments were already taken. Remove them in the payment window (F12) first."
    ),
    "sale.not_suspended": QT_TRANSLATE_NOOP(
        "messages", "This sale is not suspended, so it cannot be resumed."
    ),
    "sale.already_suspended": QT_TRANSLATE_NOOP(
        "messages", "This sale is already suspended. Resume it with F9."
    ),
    "tender.no_such_tender": QT_TRANSLATE_NOOP(
        "messages", "That payment is no longer in the list. Select another one."
    ),
    "payment.amount_invalid": QT_TRANSLATE_NOOP(
        "messages", "The payment amount must be more than zero."
    ),
    "payment.reversed": QT_TRANSLATE_NOOP(
        "messages", "The mobile payment was cancelled. Ask for another payment method."
    ),
    "payment.reverse_failed": QT_TRANSLATE_NOOP(
        "messages",
        "Payment neither confirmed nor cancelled. Keep the goods; call a supervisor.",
    ),
    "settings.file_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "Some device settings in {path} could not be used ({reason}); those devices start "
        "with their defaults. Choose them again on the Devices page (Ctrl+D).",
    ),
    "settings.unknown_timezone": QT_TRANSLATE_NOOP(
        "messages",
        "There is no time zone called '{zone}' ({name}). Set the store's time zone by its "
        "name, e.g. Asia/Shanghai, then start the till again.",
    ),
    "settings.invalid": QT_TRANSLATE_NOOP(
        "messages", "The setting {name} is not valid ({reason}). Correct it, then start the "
        "till again.",
    ),
    # products CSV import: the line number is shown next to each message
    "csv.file_unreadable": QT_TRANSLATE_NOOP(
        "messages", "Cannot read the file {path} ({reason}). Check it exists and try again."
    ),
    "csv.encoding_unknown": QT_TRANSLATE_NOOP(
        "messages", "The file is neither UTF-8 nor GB18030. Save it as UTF-8 CSV."
    ),
    "csv.empty_file": QT_TRANSLATE_NOOP(
        "messages", "The file is empty. The first line must name the columns."
    ),
    "csv.no_rows": QT_TRANSLATE_NOOP(
        "messages", "The file has a header but no products."
    ),
    "csv.missing_column": QT_TRANSLATE_NOOP(
        "messages", "Column '{column}' is missing from the header line. Add it."
    ),
    "csv.unknown_column": QT_TRANSLATE_NOOP(
        "messages", "Column '{column}' is unknown. Rename or remove it."
    ),
    "csv.duplicate_column": QT_TRANSLATE_NOOP(
        "messages", "Column '{column}' appears twice. Keep one."
    ),
    "csv.column_count": QT_TRANSLATE_NOOP(
        "messages", "This row has {found} values but the header has {expected}. Check commas."
    ),
    "csv.sku_missing": QT_TRANSLATE_NOOP(
        "messages", "The SKU is empty. Every product needs one."
    ),
    "csv.sku_invalid": QT_TRANSLATE_NOOP(
        "messages", "SKU '{sku}' is not valid: no spaces, at most 64 characters."
    ),
    "csv.name_missing": QT_TRANSLATE_NOOP(
        "messages", "Product {sku} has no name. Add the name."
    ),
    "csv.price_invalid": QT_TRANSLATE_NOOP(
        "messages", "Price '{text}' is not valid. Write yuan like 12.50."
    ),
    "csv.cost_invalid": QT_TRANSLATE_NOOP(
        "messages",
        "Cost '{text}' is not valid. Write yuan like 8.20, or leave it empty when unknown.",
    ),
    "csv.tax_rate_invalid": QT_TRANSLATE_NOOP(
        "messages", "Tax rate '{text}' is not valid. Write a percent like 13 or 9."
    ),
    "csv.bool_invalid": QT_TRANSLATE_NOOP(
        "messages", "'{text}' in column {column} is not yes/no. Write 1 or 0."
    ),
    "csv.barcode_invalid": QT_TRANSLATE_NOOP(
        "messages", "Barcode {code} is not a valid EAN/UPC (check digit). Correct it."
    ),
    "csv.duplicate_sku": QT_TRANSLATE_NOOP(
        "messages", "SKU {sku} appears again (first on line {first_line}). Keep one row."
    ),
    "csv.duplicate_barcode": QT_TRANSLATE_NOOP(
        "messages", "Barcode {code} is used again (first on line {first_line}). Keep one."
    ),
    "csv.barcode_taken": QT_TRANSLATE_NOOP(
        "messages", "Barcode {code} already belongs to product {sku}. Correct the file."
    ),
    "csv.text_invalid": QT_TRANSLATE_NOOP(
        "messages", "Column {column} holds a control character ({char}, character {position}). "
        "Remove it from the file."
    ),
    "csv.field_too_long": QT_TRANSLATE_NOOP(
        "messages", "A value in this row is longer than {max} characters. Shorten it."
    ),
    "csv.malformed": QT_TRANSLATE_NOOP(
        "messages", "This row is not valid CSV ({reason}). Check its quotes and commas."
    ),
    # text typed or pasted at the till (see pos_app.core.text)
    "search.text_invalid": QT_TRANSLATE_NOOP(
        "messages", "The search text holds a control character ({char}). Clear it and type again."
    ),
    "tender.reference_invalid": QT_TRANSLATE_NOOP(
        "messages", "The reference holds a control character ({char}, character {position}). "
        "Clear it and type it again."
    ),
    "suspend.label_invalid": QT_TRANSLATE_NOOP(
        "messages", "The label holds a control character ({char}, character {position}). "
        "Clear it and type it again."
    ),
    # sales reports
    "report.period_reversed": QT_TRANSLATE_NOOP(
        "messages", "The period ends ({last}) before it starts ({first}). Set the dates again."
    ),
    "report.period_too_long": QT_TRANSLATE_NOOP(
        "messages", "{days} days is too long for the till: choose at most {max} days."
    ),
    **LABEL_MESSAGES,
    **LOYALTY_MESSAGES,
    **RETURN_MESSAGES,
    **STAFF_MESSAGES,
    **STOCK_MESSAGES,
    **STOCK_OPS_MESSAGES,
    **SYNC_MESSAGES,
}

GENERIC = QT_TRANSLATE_NOOP(
    "messages", "Something went wrong. The sale is kept; try again or call a supervisor."
)


class _Fields(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _display(value: object, lang: str) -> str:
    if isinstance(value, Money):
        return format_money(value, lang)
    return "" if value is None else str(value)


def _is_money(key: str, name: str) -> bool:
    # Fen amounts in the data: any field named *_fen, and these older ones.
    return name.endswith("_fen") or name in _money_fields(key)


def _money_fields(key: str) -> frozenset[str]:
    if key.startswith(("cart.discount_exceeds", "tender.")) or key == "cart.price_invalid":
        return frozenset({"amount", "max", "remaining", "price", "due"})
    if key in ("points.over_sale_limit", "coupon.min_spend_not_met"):
        return frozenset({"limit_amount", "min_spend", "missing"})
    return frozenset()


def message_text(key: str, data: Mapping[str, object] | None = None, lang: str = "") -> str:
    """Translated text of ``key`` with its fields filled (unknown keys give the generic text)."""
    lang = lang or QLocale().name()
    source = MESSAGES.get(key)
    if source is None:
        log.error("no message for key %s", key)
        source = GENERIC
    text = QCoreApplication.translate(CONTEXT, source)
    fields = _Fields()
    for name, value in (data or {}).items():
        if _is_money(key, name) and isinstance(value, int) and not isinstance(value, bool):
            value = Money(value)
        fields[name] = _display(value, lang)
    try:
        return string.Formatter().vformat(text, (), fields)
    except (ValueError, IndexError):
        return text


def error_text(exc: BaseException, lang: str = "") -> str:
    """What to show for an exception: its message when a PosError, else the generic text."""
    if isinstance(exc, PosError):
        return message_text(exc.key, exc.data, lang)
    return QCoreApplication.translate(CONTEXT, GENERIC)
