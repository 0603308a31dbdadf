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


class PromoTexts:
    """``promo_texts`` that keeps each explanation's text for the sale in progress.

    A scan re-prices the whole sale, so nearly every explanation comes back equal to the
    one before (same key, same fields) and would be translated and formatted again, and a
    gift's name looked up in the catalog again. The text is a function of the key and the
    fields, so it is kept by them; ``new_sale`` drops it all (a catalog or translation
    change then shows from the next sale on, as receipts do).
    """

    _MAX = 2048  # far above one sale's explanations; bounds a pathological sale

    def __init__(self, lang: str, name_of_sku: NameOfSku | None = None) -> None:
        self._lang = lang
        self._name_of_sku = name_of_sku
        self._texts: dict[tuple[object, ...], str] = {}
        self._sale: object = None

    def new_sale(self, sale_key: object) -> None:
        """Forget the texts when ``sale_key`` (the sale's uuid) is not the last one seen."""
        if sale_key != self._sale:
            self._sale = sale_key
            self._texts.clear()

    def text(self, expl: Explanation) -> str:
        """The text of ``expl`` (computed once per key and fields)."""
        try:
            key: tuple[object, ...] = (expl.key, *expl.data.items())
            hash(key)
        except TypeError:  # a field that cannot be a key: compute it every time
            return explanation_text(expl, self._lang, self._name_of_sku)
        text = self._texts.get(key)
        if text is None:
            if len(self._texts) >= self._MAX:
                self._texts.clear()
            text = self._texts[key] = explanation_text(expl, self._lang, self._name_of_sku)
        return text

    def describe(self, priced: PricedCart) -> tuple[list[str], list[str]]:
        """(what applied, hints) for ``priced``, as ``promo_texts`` gives them."""
        applied = [self.text(a.explanation) for a in priced.promotions.applied]
        hints = [self.text(h) for h in priced.promotions.hints]
        return applied, hints
