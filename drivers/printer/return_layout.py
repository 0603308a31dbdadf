"""ReturnReceipt → the printed return receipt (退货单), on the same grid as sales receipts
(``receipt_layout``): padded lines of N cells counted in the printer's bytes, and a CODE128
barcode of the return's own number. An exchange prints its return part with the new sale's
receipt number; ``layout_exchange`` puts both on one slip.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from drivers.printer.charset import printable
from drivers.printer.receipt_layout import (
    LABELS_EN,
    Align,
    BarcodeBlock,
    Block,
    ReceiptLabels,
    ReceiptLayout,
    TextLine,
    left_right,
    pad,
    wrap,
)
from pos_app.core.returns import ReturnReceipt


@dataclass(frozen=True, slots=True)
class ReturnLabels:
    """Printed words of a return receipt; Chinese by default."""

    lang: str = "zh_CN"
    title: str = "** 退货单 **"
    return_no: str = "退货单号"
    original: str = "原小票号"
    no_receipt: str = "无小票"
    time: str = "时间"
    terminal: str = "收银机"
    cashier: str = "收银员"
    approver: str = "审批"
    reason: str = "原因"
    damaged: str = "损坏 · 报废"
    total: str = "退款合计"
    rounding: str = "抹零"
    refunds: str = "退款方式"
    points_back: str = "退回积分"
    points_clawed_back: str = "扣回积分"
    exchange_sale: str = "换货小票"
    points_count: str = "({points}分)"
    tenders: Mapping[str, str] = field(default_factory=lambda: dict(ReceiptLabels().tenders))
    reasons: Mapping[str, str] = field(default_factory=lambda: {
        "defective": "质量问题", "wrong_item": "拿错商品", "not_as_described": "与描述不符",
        "changed_mind": "不想要了", "expired": "过期", "other": "其他"})


RETURN_LABELS_EN = ReturnLabels(
    lang="en_US", title="** RETURN **", return_no="Return No.", original="Receipt No.",
    no_receipt="no receipt", time="Time", terminal="Till", cashier="Cashier",
    approver="Approved by", reason="Reason", damaged="damaged, written off",
    total="REFUND", rounding="Rounding", refunds="Refunded to", points_back="Points back",
    points_clawed_back="Points taken back", exchange_sale="Exchange receipt",
    points_count="({points} pts)", tenders=dict(LABELS_EN.tenders),
    reasons={"defective": "Defective", "wrong_item": "Wrong item",
             "not_as_described": "Not as described", "changed_mind": "Changed mind",
             "expired": "Expired", "other": "Other"})


def return_labels_for(lang: str) -> ReturnLabels:
    """The printed words for a UI language (Chinese for ``zh*``, else English)."""
    return ReturnLabels() if lang.startswith("zh") else RETURN_LABELS_EN


def layout_return(doc: ReturnReceipt, *, columns: int, labels: ReturnLabels | None = None,
                  text_map: Mapping[str, str] | None = None, encoding: str | None = None
                  ) -> ReceiptLayout:
    """Lay a return receipt out for a printer ``columns`` cells wide printing in
    ``encoding`` (``None``: Unicode widths, for the screen)."""
    lab = labels or ReturnLabels()
    table = str.maketrans(dict(text_map or {}))
    w, enc = columns, encoding
    out: list[Block] = []

    def prep(text: str) -> str:
        return printable(text.translate(table), enc)

    def line(text: str, *, align: Align = "left", bold: bool = False) -> None:
        out.append(TextLine(pad(prep(text), w, align, enc), bold))

    def lr(left: str, right: str, *, bold: bool = False) -> None:
        out.append(TextLine(left_right(prep(left), prep(right), w, enc), bold))

    def para(text: str, align: Align = "left", *, bold: bool = False) -> None:
        for part in wrap(prep(text), w, enc):
            line(part, align=align, bold=bold)

    rule = "-" * w
    para(doc.store_name, "center", bold=True)
    para(doc.store_address, "center")
    line(lab.title, align="center", bold=True)
    line(rule)
    lr(lab.return_no, doc.return_no)
    lr(lab.original, doc.original_receipt_no or lab.no_receipt)
    lr(lab.time, doc.completed_at.strftime("%Y-%m-%d %H:%M:%S"))
    lr(f"{lab.terminal} {doc.terminal_code}", f"{lab.cashier} {doc.cashier}")
    if doc.approver:
        lr(lab.approver, doc.approver)
    lr(lab.reason, lab.reasons.get(doc.reason, doc.reason))
    line(rule)
    for item in doc.lines:
        name = item.name_en if lab.lang.startswith("en") and item.name_en else item.name
        para(name)
        lr(f"  {item.qty_text}", "-" + item.refund.yuan_text())
        if item.damaged:
            line(f"  {lab.damaged}")
    line(rule)
    if doc.rounding.fen:
        lr(lab.rounding, doc.rounding.yuan_text())
    lr(lab.total, "¥" + doc.total.yuan_text(), bold=True)
    line(rule)
    line(lab.refunds)
    for r in doc.refunds:
        name = lab.tenders.get(r.kind, r.kind)
        if r.points:
            name += " " + lab.points_count.format(points=r.points)
        lr(f"  {name}", r.amount.yuan_text())
        if r.reference and r.kind in ("card", "mobile"):
            para(f"    {r.reference}")
    if doc.points_back or doc.points_clawed_back:
        line(rule)
        if doc.points_back:
            lr(lab.points_back, f"+{doc.points_back}")
        if doc.points_clawed_back:
            lr(lab.points_clawed_back, f"-{doc.points_clawed_back}")
    if doc.exchange_receipt_no:
        lr(lab.exchange_sale, doc.exchange_receipt_no)
    line(rule)
    if doc.footer:
        para(doc.footer, "center")
    out.append(BarcodeBlock(doc.barcode_value))
    line(doc.barcode_value, align="center")
    return ReceiptLayout(columns=w, blocks=tuple(out), encoding=enc)


def layout_exchange(returned: ReceiptLayout, sold: ReceiptLayout) -> ReceiptLayout:
    """An exchange's one slip: the return part, then the new sale's receipt."""
    if (returned.columns, returned.encoding) != (sold.columns, sold.encoding):
        raise ValueError("both parts of an exchange print on the same printer")
    return ReceiptLayout(columns=returned.columns, blocks=returned.blocks + sold.blocks,
                         encoding=returned.encoding)
