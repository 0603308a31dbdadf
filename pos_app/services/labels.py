"""Shelf and markdown labels for managers: find products, build labels, preview, print.

A markdown label (晚间打折) carries a store-internal price-embedded code: the markdown
prefix of the price scale rule, an item number kept in ``markdown_label`` (its product, the
regular and marked-down totals, a weighed item's weight), the marked-down price. The till's
scale-label path sells it at that price (``SaleScanner._scan_markdown``); the sale line keeps
the code, its list price and what it charged, so reports sum the markdown
(``store.labels.markdown_sales``).

Printing talks to the label printer directly: the UI calls ``print_labels`` through the task
runner, never on its own thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from sqlalchemy import Engine

from drivers.device import DeviceUnavailable
from drivers.labels.config import LabelPrinterConfig
from drivers.labels.escpos_label import encode_escpos_label
from drivers.labels.layout import LabelLayout, layout_label
from drivers.labels.render import label_png
from drivers.labels.sim import SimLabelPrinter
from drivers.labels.tspl import encode_tspl
from drivers.printer.transports import Transport, make_transport
from pos_app.core.barcode import (
    ScaleCode,
    ScaleRule,
    is_valid_gtin,
    parse_scale_barcode,
)
from pos_app.core.clock import default_now
from pos_app.core.errors import PosError
from pos_app.core.money import Money, div_half_up
from pos_app.core.product import ProductInfo
from pos_app.core.scan_router import ScanRules
from pos_app.core.shelf_label import LabelDoc, marked_down, price_code, shelf_doc
from pos_app.store import catalog
from pos_app.store import labels as store

log = logging.getLogger(__name__)
LabelKind = Literal["shelf", "markdown"]
MAX_COPIES = 99


@dataclass(frozen=True, slots=True)
class Found:
    """A product found by a code, with the scale label it was scanned from (if any)."""

    product: ProductInfo
    scale: ScaleCode | None = None


@dataclass(frozen=True, slots=True)
class LabelItem:
    """One label to print: its product, what it shows, shelf or markdown."""

    product: ProductInfo
    doc: LabelDoc
    kind: LabelKind = "shelf"
    copies: int = 1


@dataclass(frozen=True, slots=True)
class PrintResult:
    """Labels printed (markdown ones with the codes they carry) and the bytes sent."""

    items: tuple[LabelItem, ...]
    bytes_sent: int


class LabelService:
    """What the label dialog calls; every method but ``preview_png`` touches the database,
    and ``print_labels`` the printer: the UI runs them through the task runner."""

    def __init__(self, *, engine: Engine, config: LabelPrinterConfig,
                 transport: Transport | None = None, scan_rules: ScanRules | None = None,
                 clock: Callable[[], datetime] = default_now, lang: str = "zh_CN") -> None:
        self._engine = engine
        self.config = config
        # "sim" without a transport: a simulated printer of its own (``transport`` reads it).
        self._transport = transport or (SimLabelPrinter() if config.kind == "sim" else None)
        self._rules = (scan_rules or ScanRules()).scale_rules
        self._clock = clock
        self.lang = lang
        self.markdown_rule = self._markdown_rule(config.markdown_prefix)

    @property
    def transport(self) -> Transport | None:
        """The printer's transport given or made (the simulator's recorded bytes)."""
        return self._transport

    def _markdown_rule(self, prefix: str) -> ScaleRule:
        # The prefix must be one the till reads as a 13-digit price label.
        for rule in self._rules:
            if prefix in rule.prefixes and rule.length == 13 and rule.value_kind == "price":
                return rule
        raise PosError("labels.markdown_rule_invalid", rule="", prefix=prefix)

    # ---- choosing products --------------------------------------------------------------

    def find(self, code: str) -> Found:
        """The product of a barcode, scale label or SKU; ``labels.unknown_code`` if none."""
        code = code.strip()
        if not code:
            raise PosError("labels.unknown_code", code=code)
        try:
            scale = parse_scale_barcode(code, self._rules)
        except PosError:
            raise PosError("labels.unknown_code", code=code) from None
        if scale is not None:
            product = catalog.find_by_barcode(engine=self._engine, code=scale.lookup_barcode)
            if product is not None:
                return Found(product, scale)
        product = (catalog.find_by_barcode(engine=self._engine, code=code)
                   or catalog.get_product_by_sku(engine=self._engine, sku=code))
        if product is None:
            raise PosError("labels.unknown_code", code=code)
        return Found(product)

    def search(self, query: str, limit: int = 20) -> list[ProductInfo]:
        """Products by name, pinyin or SKU (the catalog's bounded search)."""
        if not query.strip():
            return []
        return catalog.search_products(engine=self._engine, query=query, limit=limit)

    def price_changed(self) -> list[ProductInfo]:
        """Products whose price changed since their last shelf label was printed."""
        return store.price_changed(engine=self._engine)

    # ---- labels -------------------------------------------------------------------------

    def shelf_item(self, product: ProductInfo) -> LabelItem:
        """A shelf label: name, price, unit price, the product's barcode."""
        return LabelItem(product, shelf_doc(product, self._barcode_of(product)))

    def _barcode_of(self, product: ProductInfo) -> str:
        codes = catalog.barcodes_of(engine=self._engine, product_id=product.product_id)
        gtins = [c for c in codes if is_valid_gtin(c) and not self._is_scale(c)]
        return (gtins or codes or [product.sku])[0]

    def _is_scale(self, code: str) -> bool:
        return any(rule.matches(code) for rule in self._rules)

    def markdown_item(self, found: Found, percent_off: int) -> LabelItem:
        """A markdown label ``percent_off`` % below the regular price: a piece product's
        price, or a weighed item's total from the scale label it was scanned from."""
        product, scale = found.product, found.scale
        weight: int | None = None
        if product.is_weighed:
            if scale is None or not (scale.price or scale.weight_g):
                raise PosError("labels.weight_required", name=product.name)
            weight = scale.weight_g
            if scale.price:
                regular = scale.price
                if weight is None and product.price.fen > 0:
                    weight = div_half_up(regular.fen * 1000, product.price.fen)
            else:
                assert weight is not None
                regular = Money(div_half_up(product.price.fen * weight, 1000))
        else:
            regular = product.price
        price = marked_down(regular, percent_off)
        code = self._markdown_code(store.next_markdown_item(engine=self._engine), price)
        doc = LabelDoc(name=product.name, name_en=product.name_en, price=price,
                       unit=product.unit, barcode=code, regular_price=regular,
                       weight_g=weight)
        return LabelItem(product, doc, "markdown")

    def _markdown_code(self, item: int, price: Money) -> str:
        return price_code(self.markdown_rule, prefix=self.config.markdown_prefix, item=item,
                          price=price)

    def layout(self, item: LabelItem) -> LabelLayout:
        """The label laid out on the configured label size."""
        return layout_label(item.doc, self.config, lang=self.lang)

    def preview_png(self, item: LabelItem) -> bytes:
        """A picture of the label (no database, no printer)."""
        return label_png(self.layout(item))

    def encode(self, item: LabelItem) -> bytes:
        """The printer's bytes for ``item`` (TSPL, else ESC/POS page mode)."""
        layout = self.layout(item)
        if self.config.kind == "escpos":
            return encode_escpos_label(layout, copies=item.copies)
        return encode_tspl(layout, font=self.config.tspl_font, copies=item.copies)

    # ---- printing -----------------------------------------------------------------------

    def print_labels(self, items: list[LabelItem]) -> PrintResult:
        """Print ``items``; markdown labels get their item numbers now and are kept, every
        label is recorded (for "price changed"). ``labels.printer_*`` when it cannot print."""
        if not items:
            raise PosError("labels.nothing_to_print")
        if not self.config.enabled:
            raise PosError("labels.printer_not_configured")
        if any(not 1 <= i.copies <= MAX_COPIES for i in items):
            raise PosError("labels.copies_invalid", max=MAX_COPIES)
        final = self._number_markdowns(items)
        payload = b"".join(self.encode(i) for i in final)
        transport = self._open()
        try:
            transport.write(payload)
            if isinstance(transport, SimLabelPrinter):
                for i in final:
                    transport.keep_png(self.preview_png(i))
        except OSError as exc:
            log.warning("label printer: %s", exc)
            raise PosError("labels.printer_unavailable", reason=str(exc)) from None
        finally:
            transport.close()
        now = self._clock()
        for i in final:
            if i.kind == "markdown":
                self._save_markdown(i, now)
        store.record_prints(engine=self._engine, now=now, prints=[
            (i.product.product_id, i.doc.price.fen, i.kind) for i in final])
        return PrintResult(tuple(final), len(payload))

    def _number_markdowns(self, items: list[LabelItem]) -> list[LabelItem]:
        item_no = store.next_markdown_item(engine=self._engine)
        out = []
        for i in items:
            if i.kind == "markdown":
                i = replace(i, doc=replace(i.doc, barcode=self._markdown_code(
                    item_no, i.doc.price)))
                item_no = item_no % store.MAX_ITEM + 1
            out.append(i)
        return out

    def _save_markdown(self, item: LabelItem, now: datetime) -> None:
        code = item.doc.barcode
        scale = parse_scale_barcode(code, (self.markdown_rule,))
        assert scale is not None and item.doc.regular_price is not None
        store.save_markdown(engine=self._engine, base_code=scale.lookup_barcode, now=now,
                            record=store.MarkdownRecord(
                                code, item.product.product_id, item.doc.regular_price,
                                item.doc.price, item.doc.weight_g))

    def _open(self) -> Transport:
        transport = self._transport
        if transport is None and self.config.kind != "sim":
            transport = make_transport(self.config.transport_config())
        if transport is None:
            raise PosError("labels.printer_not_configured")
        try:
            transport.open()
        except (OSError, DeviceUnavailable) as exc:
            raise PosError("labels.printer_unavailable", reason=str(exc)) from None
        return transport

    def markdown_sales(self, start: datetime, end: datetime) -> store.MarkdownSales:
        """Markdown labels sold between ``start`` and ``end`` (aware instants)."""
        return store.markdown_sales(engine=self._engine, prefix=self.config.markdown_prefix,
                                    start=start, end=end)
