"""What a shelf or markdown label says: unit price per 500 g / 100 ml from the product's net
content, marked-down prices and the store-internal price-embedded code that carries them.

Rounding rule (unit price and markdown): half-up to the fen (``div_half_up``), as on the till.
The catalog has no net-content column: the size is read from the product's name
(``可口可乐 500ml``, ``大米 5kg``, ``可乐 330ml×24``); a name without one gets no unit price.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pos_app.core.barcode import ScaleRule, with_check_digit
from pos_app.core.errors import PosError
from pos_app.core.money import Money, div_half_up
from pos_app.core.product import ProductInfo

Basis = Literal["500g", "100ml"]
# A size: number, unit, optional multipack count (×24, x6, *12); not inside a longer word.
_SIZE = re.compile(
    r"(?<![0-9A-Za-z.])([0-9]{1,5}(?:\.[0-9]{1,3})?)\s*"
    r"(ml|mL|ML|毫升|l|L|升|kg|KG|Kg|千克|公斤|g|G|克)"
    r"(?:\s*[×xX*]\s*([0-9]{1,3}))?(?![A-Za-z])"
)
# Unit → (dimension, thousandths of the base unit per unit): ml or g as the base.
_UNITS: dict[str, tuple[Literal["g", "ml"], int]] = {
    "ml": ("ml", 1000), "mL": ("ml", 1000), "ML": ("ml", 1000), "毫升": ("ml", 1000),
    "l": ("ml", 1_000_000), "L": ("ml", 1_000_000), "升": ("ml", 1_000_000),
    "g": ("g", 1000), "G": ("g", 1000), "克": ("g", 1000),
    "kg": ("g", 1_000_000), "KG": ("g", 1_000_000), "Kg": ("g", 1_000_000),
    "千克": ("g", 1_000_000), "公斤": ("g", 1_000_000),
}
MAX_PERCENT_OFF = 90
# The price-label prefix reserved for markdown labels unless a store sets another one.
DEFAULT_MARKDOWN_PREFIX = "26"


@dataclass(frozen=True, slots=True)
class NetContent:
    """A pack's content: ``milli`` thousandths of a gram or of a millilitre."""

    dimension: Literal["g", "ml"]
    milli: int


def parse_net_content(text: str) -> NetContent | None:
    """The last size written in ``text`` (a product name), None when there is none."""
    found = None
    for m in _SIZE.finditer(text):
        found = m
    if found is None:
        return None
    number, unit, times = found.group(1), found.group(2), found.group(3)
    whole, _, frac = number.partition(".")
    dimension, per_unit = _UNITS[unit]
    # Exact integer arithmetic: 1.5 L → 1500 ml, never a float.
    milli = (int(whole) * 1000 + int(frac.ljust(3, "0") or "0")) * per_unit // 1000
    milli *= int(times) if times else 1
    return NetContent(dimension, milli) if milli > 0 else None


@dataclass(frozen=True, slots=True)
class UnitPrice:
    """A comparison price: ``price`` per ``basis``."""

    price: Money
    basis: Basis


def unit_price(product: ProductInfo, price: Money | None = None) -> UnitPrice | None:
    """The price per 500 g (weighed or solid) or per 100 ml (liquid), half-up to the fen.

    A weighed product's price is per kg; a piece product needs a size in its name."""
    pay = product.price if price is None else price
    if product.is_weighed:
        return UnitPrice(Money(div_half_up(pay.fen * 500, 1000)), "500g")
    content = parse_net_content(product.name) or parse_net_content(product.name_en)
    if content is None:
        return None
    if content.dimension == "g":
        return UnitPrice(Money(div_half_up(pay.fen * 500 * 1000, content.milli)), "500g")
    return UnitPrice(Money(div_half_up(pay.fen * 100 * 1000, content.milli)), "100ml")


def marked_down(regular: Money, percent_off: int) -> Money:
    """``regular`` less ``percent_off`` % (1..90), half-up to the fen."""
    if isinstance(percent_off, bool) or not isinstance(percent_off, int) or not (
            0 < percent_off <= MAX_PERCENT_OFF):
        raise PosError("labels.percent_invalid", percent=percent_off, max=MAX_PERCENT_OFF)
    return Money(div_half_up(regular.fen * (100 - percent_off), 100))


def price_code(rule: ScaleRule, *, prefix: str, item: int, price: Money) -> str:
    """A 13-digit price-embedded code of ``rule`` (a price layout): prefix, item, price."""
    if rule.length != 13 or rule.value_kind != "price" or prefix not in rule.prefixes:
        raise PosError("labels.markdown_rule_invalid", rule=rule.name, prefix=prefix)
    item_digits = rule.layout.count("I")
    price_digits = rule.layout.count("$")
    if not 0 <= item < 10 ** item_digits:
        raise PosError("labels.markdown_item_invalid", item=item)
    if not 0 < price.fen < 10 ** price_digits:
        raise PosError("labels.price_out_of_range", price_fen=price.fen,
                       max_fen=10 ** price_digits - 1)
    values = {"P": prefix, "I": str(item).zfill(item_digits),
              "$": str(price.fen).zfill(price_digits)}
    taken = dict.fromkeys(values, 0)
    body = ""
    for letter in rule.layout[:-1]:
        body += values[letter][taken[letter]]
        taken[letter] += 1
    return with_check_digit(body)


@dataclass(frozen=True, slots=True)
class LabelDoc:
    """What one label shows; the drivers lay it out for their paper."""

    name: str
    name_en: str
    price: Money
    unit: str
    barcode: str
    unit_price: UnitPrice | None = None
    regular_price: Money | None = None  # set on a markdown label: 原价 (was)
    weight_g: int | None = None  # a weighed markdown: the weight the price is for

    @property
    def is_markdown(self) -> bool:
        """True for a markdown label (a regular price above the price shown)."""
        return self.regular_price is not None


def shelf_doc(product: ProductInfo, barcode: str) -> LabelDoc:
    """A shelf label of ``product`` at its price, scanned by ``barcode``."""
    return LabelDoc(name=product.name, name_en=product.name_en, price=product.price,
                    unit=product.unit, barcode=barcode, unit_price=unit_price(product))
