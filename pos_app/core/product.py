"""The product facts the till needs to sell one item."""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.core.money import Money


@dataclass(frozen=True, slots=True)
class ProductInfo:
    """A sellable product; ``price`` is per piece, or per kg when ``is_weighed``."""

    product_id: int
    sku: str
    name: str
    name_en: str
    unit: str
    price: Money
    tax_rate_bp: int  # basis points: 1300 = 13 %
    is_weighed: bool = False
    age_restricted: bool = False
    category: str = ""
    brand: str = ""
    active: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.price, Money):
            raise TypeError("ProductInfo.price must be Money")
        if isinstance(self.tax_rate_bp, bool) or not isinstance(self.tax_rate_bp, int):
            raise TypeError("ProductInfo.tax_rate_bp must be int")
        if not 0 <= self.tax_rate_bp <= 10000:
            raise ValueError(f"tax_rate_bp out of range: {self.tax_rate_bp}")

    def display_name(self, locale: str) -> str:
        """Name for the given locale: English when asked for and known, else Chinese."""
        return localized_name(self.name, self.name_en, locale)


def localized_name(name: str, name_en: str, locale: str) -> str:
    """``name_en`` for an English ``locale`` when there is one, else the Chinese ``name``."""
    return name_en if locale.startswith("en") and name_en else name
