"""Every error key raised anywhere has a translated, actionable message."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from pos_app.core.errors import PosError
from pos_app.ui.messages import MESSAGES, error_text, message_text

ROOT = Path(__file__).resolve().parents[2]
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
# Calls whose dotted string arguments are message keys.
KEY_CALLS = {"PosError", "RowError", "CountRowError", "PaymentResult"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def raised_keys() -> dict[str, str]:
    """key → first file using it, over pos_app/, drivers/, sync/ and contract/."""
    found: dict[str, str] = {}
    for folder in ("pos_app", "drivers", "sync", "contract"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                values = []
                if _name(node.func) in KEY_CALLS:
                    values += node.args
                values += [kw.value for kw in node.keywords if kw.arg in ("message_key", "key")]
                for v in values:
                    if isinstance(v, ast.Constant) and isinstance(v.value, str):
                        if KEY_RE.match(v.value):
                            found.setdefault(v.value, str(path.relative_to(ROOT)))
    return found


def test_the_scan_finds_keys() -> None:
    keys = raised_keys()
    assert "barcode.bad_check_digit" in keys
    assert "csv.price_invalid" in keys


def test_every_raised_key_has_a_message() -> None:
    missing = {k: where for k, where in raised_keys().items() if k not in MESSAGES}
    assert missing == {}


def test_messages_fill_their_fields() -> None:
    text = message_text("barcode.bad_check_digit", {"code": "6901234567891"}, "en_US")
    assert "6901234567891" in text and "{" not in text


def test_money_fields_are_formatted() -> None:
    text = message_text("tender.exceeds_remaining", {"amount": 2000, "remaining": 1250}, "zh_CN")
    assert "¥12.50" in text


def test_missing_field_does_not_crash() -> None:
    assert message_text("barcode.bad_check_digit", {}, "en_US")


def test_unexpected_errors_get_the_generic_text() -> None:
    assert "went wrong" in error_text(RuntimeError("boom"), "en_US")
    assert "boom" not in error_text(RuntimeError("boom"), "en_US")
    assert error_text(PosError("sale.empty"), "en_US").startswith("The sale has no items")
