"""Translated explanations of the promotions a sale got, and hints of ones it nearly got."""

from __future__ import annotations

from collections.abc import Callable

from pos_app.core.pricing import PricedCart
from pos_app.core.promotions import Explanation
from pos_app.ui.messages import message_text

NameOfSku = Callable[[str], str]


def explanation_text(expl: Explanation, lang: str, name_of_sku: NameOfSku | None = None) -> str:
    """One explanation or hint in the UI language (a gift's name looked up when missing)."""
    data = dict(expl.data)
    if "percent" in data:  # 12.5 % off is 8.75折 in Chinese: a convention, not a wording
        data["off"] = (f"{data['zhe']}折" if lang.startswith("zh")
                       else f"{data['percent']} % off")
    sku = data.get("gift_sku")
    if isinstance(sku, str) and not data.get("gift_name"):
        data["gift_name"] = name_of_sku(sku) if name_of_sku is not None else sku
    return message_text(expl.key, data, lang)


def promo_texts(
    priced: PricedCart, lang: str, name_of_sku: NameOfSku | None = None
) -> tuple[list[str], list[str]]:
    """(what applied, hints) for ``priced``, in application order."""
    applied = [explanation_text(a.explanation, lang, name_of_sku)
               for a in priced.promotions.applied]
    hints = [explanation_text(h, lang, name_of_sku) for h in priced.promotions.hints]
    return applied, hints
