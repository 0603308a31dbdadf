"""CountSheet → the printed count summary (盘点单), on the receipt grid
(``receipt_layout``): padded lines of N cells counted in the printer's bytes."""

from __future__ import annotations

from dataclasses import dataclass, field

from drivers.printer.charset import printable
from drivers.printer.receipt_layout import (
    Align,
    Block,
    ReceiptLayout,
    TextLine,
    left_right,
    pad,
    wrap,
)
from pos_app.core.count_sheet import CountSheet
from pos_app.core.money import Money


@dataclass(frozen=True, slots=True)
class CountLabels:
    """Printed words of a count summary; Chinese by default."""

    lang: str = "zh_CN"
    title: str = "** 盘点单 **"
    draft: str = "(未过账 · 草稿)"
    count_no: str = "盘点单号"
    scope: str = "范围"
    blind: str = "盲盘"
    opened: str = "开始"
    opened_by: str = "发起人"
    approver: str = "审核"
    posted: str = "过账"
    lines: str = "盘点记录"
    products: str = "已盘商品"
    uncounted: str = "未盘商品"
    unknown: str = "未知条码"
    differing: str = "差异商品"
    expected_counted: str = "账面 {expected} / 实盘 {counted}"
    at_cost: str = "差异金额(进价)"
    at_price: str = "差异金额(售价)"
    scopes: dict[str, str] = field(default_factory=lambda: {
        "store": "全店", "category": "品类", "zone": "区域", "products": "指定商品"})


COUNT_LABELS_EN = CountLabels(
    lang="en_US", title="** STOCK COUNT **", draft="(not posted: draft)", count_no="Count",
    scope="Scope", blind="blind", opened="Started", opened_by="Started by",
    approver="Approved by", posted="Posted", lines="Count lines", products="Products counted",
    uncounted="Not counted", unknown="Unknown codes", differing="Differences",
    expected_counted="book {expected} / counted {counted}", at_cost="Variance at cost",
    at_price="Variance at price", scopes={"store": "whole store", "category": "category",
                                          "zone": "zone", "products": "products"})


def count_labels_for(lang: str) -> CountLabels:
    """The printed words for a UI language (Chinese for ``zh*``, else English)."""
    return CountLabels() if lang.startswith("zh") else COUNT_LABELS_EN


def _signed(fen: int) -> str:
    return ("-" if fen < 0 else "+" if fen > 0 else "") + Money(abs(fen)).yuan_text()


def layout_count(sheet: CountSheet, *, columns: int, labels: CountLabels | None = None,
                 encoding: str | None = None) -> ReceiptLayout:
    """Lay a count summary out for a printer ``columns`` cells wide printing in
    ``encoding`` (``None``: Unicode widths, for the screen)."""
    lab = labels or CountLabels()
    w, enc = columns, encoding
    out: list[Block] = []

    def line(text: str, *, align: Align = "left", bold: bool = False) -> None:
        out.append(TextLine(pad(printable(text, enc), w, align, enc), bold))

    def lr(left: str, right: str, *, bold: bool = False) -> None:
        out.append(TextLine(left_right(printable(left, enc), printable(right, enc), w, enc),
                            bold))

    def para(text: str, align: Align = "left") -> None:
        for part in wrap(printable(text, enc), w, enc):
            line(part, align=align)

    rule = "-" * w
    para(sheet.store_name, "center")
    line(lab.title, align="center", bold=True)
    if sheet.state != "posted":
        line(lab.draft, align="center")
    line(rule)
    lr(lab.count_no, sheet.session_uuid[:8])
    scope = lab.scopes.get(sheet.scope_kind, sheet.scope_kind)
    lr(lab.scope, " ".join(p for p in (scope, sheet.scope_value,
                                       lab.blind if sheet.blind else "") if p))
    lr(lab.opened, sheet.opened_at[:16].replace("T", " "))
    if sheet.opened_by:
        lr(lab.opened_by, sheet.opened_by)
    if sheet.approver:
        lr(lab.approver, sheet.approver)
    if sheet.posted_at:
        lr(lab.posted, sheet.posted_at[:16].replace("T", " "))
    line(rule)
    lr(lab.lines, str(sheet.lines))
    lr(lab.products, str(sheet.products))
    lr(lab.uncounted, str(sheet.uncounted))
    if sheet.unknown_codes:
        lr(lab.unknown, str(sheet.unknown_codes))
    lr(lab.differing, str(len(sheet.differing)))
    line(rule)
    for item in sheet.differing:
        name = item.name_en if lab.lang.startswith("en") and item.name_en else item.name
        para(f"{item.sku} {name}")
        lr("  " + lab.expected_counted.format(expected=item.expected_text,
                                              counted=item.counted_text),
           item.variance_text)
        lr("", _signed(item.value_price_fen))
    line(rule)
    lr(lab.at_cost, _signed(sheet.value_cost_fen), bold=True)
    lr(lab.at_price, _signed(sheet.value_price_fen), bold=True)
    return ReceiptLayout(columns=w, blocks=tuple(out), encoding=enc)
