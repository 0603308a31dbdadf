"""GTIN check digits and in-store scale labels (price or weight embedded in the code)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pos_app.core.errors import PosError
from pos_app.core.money import Money

GTIN_LENGTHS = (8, 12, 13, 14)
# Layout letters: P prefix, I item (PLU), $ price in fen, W weight in grams, C check digit.
_LAYOUT_LETTERS = frozenset("PI$WC")


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def gtin_check_digit(body: str) -> int:
    """GS1 mod-10 check digit for ``body`` (a code without its check digit, any length)."""
    if not _is_digits(body):
        raise ValueError(f"GTIN body must be ASCII digits, got {body!r}")
    # Weights 3,1,3,... from the rightmost body digit, so the rule works for every length.
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def with_check_digit(body: str) -> str:
    """``body`` followed by its GS1 check digit."""
    return body + str(gtin_check_digit(body))


def has_valid_check_digit(code: str) -> bool:
    """True when ``code`` is at least two ASCII digits whose last digit checks out."""
    if len(code) < 2 or not _is_digits(code):
        return False
    return gtin_check_digit(code[:-1]) == int(code[-1])


def is_valid_gtin(code: str) -> bool:
    """True for an 8/12/13/14-digit code with a correct check digit."""
    return len(code) in GTIN_LENGTHS and has_valid_check_digit(code)


@dataclass(frozen=True, slots=True)
class ScaleRule:
    """How one family of scale labels is laid out, e.g. ``PPIIIII$$$$$C``."""

    name: str
    prefixes: tuple[str, ...]
    layout: str

    def __post_init__(self) -> None:
        layout = self.layout
        if len(layout) not in (13, 18) or set(layout) - _LAYOUT_LETTERS:
            raise ValueError(f"bad scale layout {layout!r}")
        if not layout.endswith("C") or layout.count("C") != 1:
            raise ValueError("scale layout must end with one check digit C")
        for letter in "PI$W":
            if letter in layout and not _contiguous(layout, letter):
                raise ValueError(f"scale layout group {letter!r} must be contiguous")
        if "P" not in layout or "I" not in layout or not ({"$", "W"} & set(layout)):
            raise ValueError("scale layout needs P, I and at least one of $ or W")
        if not self.prefixes or any(
            len(p) != layout.count("P") or not _is_digits(p) for p in self.prefixes
        ):
            raise ValueError("scale prefixes must be digit strings as long as the P group")

    @property
    def length(self) -> int:
        """Total number of digits, check digit included (13 or 18)."""
        return len(self.layout)

    @property
    def value_kind(self) -> Literal["price", "weight", "price_weight"]:
        """Which values the label carries: price in fen, weight in grams, or both."""
        has_price, has_weight = "$" in self.layout, "W" in self.layout
        if has_price and has_weight:
            return "price_weight"
        return "price" if has_price else "weight"

    def field(self, code: str, letter: str) -> str:
        """The digits of ``code`` under ``letter`` in the layout ('' when absent)."""
        start = self.layout.find(letter)
        if start < 0:
            return ""
        return code[start : start + self.layout.count(letter)]

    def matches(self, code: str) -> bool:
        """True when ``code`` has this rule's length and one of its prefixes."""
        return (
            len(code) == self.length
            and _is_digits(code)
            and self.field(code, "P") in (self.prefixes)
        )


def _contiguous(layout: str, letter: str) -> bool:
    start = layout.find(letter)
    return layout[start : start + layout.count(letter)] == letter * layout.count(letter)


SCALE_RULE_PRICE = ScaleRule("ean13_price", tuple(str(p) for p in range(20, 27)), "PPIIIII$$$$$C")
SCALE_RULE_WEIGHT = ScaleRule("ean13_weight", tuple(str(p) for p in range(27, 30)), "PPIIIIIWWWWWC")
# Not in the defaults: 18-digit codes starting 25-30 are Alipay payment codes, so a store
# enabling this label must pick prefixes that do not collide (20-24 here).
SCALE_RULE_18_PRICE_WEIGHT = ScaleRule(
    "code18_price_weight", tuple(str(p) for p in range(20, 25)), "PPIIIII$$$$$WWWWWC"
)
DEFAULT_SCALE_RULES: tuple[ScaleRule, ...] = (SCALE_RULE_PRICE, SCALE_RULE_WEIGHT)


@dataclass(frozen=True, slots=True)
class ScaleCode:
    """A decoded scale label: its item code, the base code to look up, price and/or weight."""

    raw: str
    item_code: str
    lookup_barcode: str
    price: Money | None
    weight_g: int | None


def _lookup_barcode(rule: ScaleRule, code: str) -> str:
    if rule.length == 13:
        # Odoo style: the product stores the label with its value digits zeroed.
        body = "".join(
            "0" if c in "$W" else d for c, d in zip(rule.layout[:-1], code[:-1], strict=True)
        )
    else:
        body = (rule.field(code, "P") + rule.field(code, "I")).ljust(12, "0")[:12]
    return with_check_digit(body)


def parse_scale_barcode(
    code: str, rules: tuple[ScaleRule, ...] = DEFAULT_SCALE_RULES
) -> ScaleCode | None:
    """Decode a scale label; None when no rule matches, ``barcode.bad_check_digit`` if bad."""
    for rule in rules:
        if not rule.matches(code):
            continue
        if not has_valid_check_digit(code):
            raise PosError("barcode.bad_check_digit", code=code)
        price = rule.field(code, "$")
        weight = rule.field(code, "W")
        return ScaleCode(
            raw=code,
            item_code=rule.field(code, "I"),
            lookup_barcode=_lookup_barcode(rule, code),
            price=Money(int(price)) if price else None,
            weight_g=int(weight) if weight else None,
        )
    return None
    if any(rule.matches(code) for rule in rules):
        return "scale" if has_valid_check_digit(code) else "invalid_gtin"
    if len(code) in GTIN_LENGTHS:
        return "gtin" if has_valid_check_digit(code) else "invalid_gtin"
    return "other"
