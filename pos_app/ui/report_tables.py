"""A sales report as titled tables in the reader's words: what the reports screen shows, and
what the CSV and PDF exports write, so the three never disagree.

Cells keep their values (``Money``, ``int``, a share in basis points) until they are shown:
on screen and in the PDF an amount reads ``¥12.50``, in the CSV ``12.50`` so a spreadsheet
takes it as a number.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from pos_app.core.money import Money, format_money
from pos_app.core.quantity import format_quantity
from pos_app.core.sales_report import Figures, SalesReport, share_bp
from pos_app.ui.payment_dialog import tender_name

translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class Share:
    """A part of a whole, in basis points (shown as a percentage)."""

    bp: int


@dataclass(frozen=True, slots=True)
class Qty:
    """A quantity: pieces, or grams of a weighed product."""

    value: int
    weighed: bool


Cell = str | int | Money | Share | Qty


@dataclass(frozen=True, slots=True)
class Table:
    """One titled table: ``headings`` and rows of cells, first column text."""

    key: str
    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def cell_text(cell: Cell, lang: str, *, plain: bool = False) -> str:
    """A cell as shown (``plain``: as a spreadsheet reads it, no currency sign)."""
    if isinstance(cell, Money):
        return cell.yuan_text() if plain else format_money(cell, lang)
    if isinstance(cell, Share):
        return f"{cell.bp / 100:.2f}" if plain else f"{cell.bp / 100:.1f}%"
    if isinstance(cell, Qty):
        if plain and cell.weighed:
            return f"{cell.value / 1000:.3f}"
        return format_quantity(cell.value, weighed=cell.weighed)
    return str(cell)


def discount_name(kind: str) -> str:
    """The reader's words for a kind of discount."""
    names = {
        "promotion": translate("reports", "Promotions"),
        "line_discount": translate("reports", "Line discounts"),
        "sale_discount": translate("reports", "Sale discounts"),
        "price_override": translate("reports", "Price overrides"),
        "markdown": translate("reports", "Markdown labels"),
    }
    return names.get(kind, kind)


def _figures_row(label: str, f: Figures) -> tuple[Cell, ...]:
    return (label, f.amount, f.count, f.average)


def _figure_headings(first: str) -> tuple[str, ...]:
    return (first, translate("reports", "Sales"), translate("reports", "Count"),
            translate("reports", "Average ticket"))


def summary_table(report: SalesReport) -> Table:
    """The period's headline figures."""
    m = report.members
    rows: tuple[tuple[Cell, ...], ...] = (
        _figures_row(translate("reports", "All sales"), report.sales),
        _figures_row(translate("reports", "Members"), m.members),
        _figures_row(translate("reports", "Non-members"), m.others),
        (translate("reports", "Returns"), -report.returns.amount, report.returns.count, ""),
        (translate("reports", "Net sales"), report.net, "", ""),
        (translate("reports", "Discounts given"), report.discount_total, "", ""),
        (translate("reports", "Voided sales"), report.voided.amount, report.voided.count, ""),
    )
    return Table("summary", translate("reports", "Summary"), _figure_headings(""), rows)


def hour_table(report: SalesReport) -> Table:
    """Every hour that sold, store time."""
    rows = tuple(_figures_row(f"{h.hour:02d}:00–{h.hour + 1:02d}:00", h.figures)
                 for h in report.by_hour if h.figures.count)
    return Table("hours", translate("reports", "By hour"),
                 _figure_headings(translate("reports", "Hour")), rows)


def day_table(report: SalesReport) -> Table:
    """Every day of the period."""
    rows = tuple(_figures_row(d.day.isoformat(), d.figures) for d in report.by_day)
    return Table("days", translate("reports", "By day"),
                 _figure_headings(translate("reports", "Day")), rows)


def category_table(report: SalesReport) -> Table:
    whole = Money.sum(c.amount for c in report.categories)
    rows = tuple((c.category or translate("reports", "(no category)"), c.amount,
                  Share(share_bp(c.amount, whole)), c.lines, c.products)
                 for c in report.categories)
    return Table("categories", translate("reports", "By category"), (
        translate("reports", "Category"), translate("reports", "Sales"),
        translate("reports", "Share"), translate("reports", "Lines"),
        translate("reports", "Products sold")), rows)


def tender_table(report: SalesReport) -> Table:
    whole = Money.sum(t.net for t in report.tenders)
    rows = tuple((tender_name(t.kind), t.sales, -t.refunds, t.net,
                  Share(share_bp(t.net, whole)), t.sales_count, t.refunds_count)
                 for t in report.tenders)
    return Table("tenders", translate("reports", "By tender"), (
        translate("reports", "Tender"), translate("reports", "Taken"),
        translate("reports", "Refunded"), translate("reports", "Net"),
        translate("reports", "Share"), translate("reports", "Sales"),
        translate("reports", "Returns")), rows)


def cashier_table(report: SalesReport) -> Table:
    rows = tuple((c.name or translate("reports", "(not signed in)"), c.staff_code,
                  c.sales_amount, c.sales_count,
                  Figures(c.sales_amount, c.sales_count).average, -c.returns_amount,
                  c.returns_count) for c in report.cashiers)
    return Table("cashiers", translate("reports", "By cashier"), (
        translate("reports", "Cashier"), translate("reports", "Code"),
        translate("reports", "Sales"), translate("reports", "Count"),
        translate("reports", "Average ticket"), translate("reports", "Returns"),
        translate("reports", "Returned")), rows)


def _product_name(name: str, name_en: str, lang: str) -> str:
    return name_en if lang.startswith("en") and name_en else name


def product_table(report: SalesReport, lang: str, *, by_qty: bool) -> Table:
    products = report.top_by_qty if by_qty else report.top_by_amount
    rows = tuple((n, _product_name(p.name, p.name_en, lang), p.sku,
                  p.category or translate("reports", "(no category)"), Qty(p.qty, p.is_weighed),
                  p.amount, p.lines) for n, p in enumerate(products, 1))
    title = (translate("reports", "Top products by quantity (pieces)") if by_qty
             else translate("reports", "Top products by amount"))
    return Table("top_qty" if by_qty else "top_amount", title, (
        "#", translate("reports", "Product"), translate("reports", "SKU"),
        translate("reports", "Category"), translate("reports", "Quantity"),
        translate("reports", "Sales"), translate("reports", "Lines")), rows)


def discount_table(report: SalesReport) -> Table:
    rows = tuple((discount_name(d.kind), d.amount, d.count) for d in report.discounts)
    return Table("discounts", translate("reports", "Discounts"), (
        translate("reports", "Kind"), translate("reports", "Amount"),
        translate("reports", "Lines or sales")), rows)


def promotion_table(report: SalesReport) -> Table:
    rows = tuple((p.name, p.promo_id, p.amount, p.count) for p in report.promotions)
    return Table("promotions", translate("reports", "What each promotion gave"), (
        translate("reports", "Promotion"), translate("reports", "Code"),
        translate("reports", "Given"), translate("reports", "Sales")), rows)


def report_tables(report: SalesReport, lang: str) -> list[Table]:
    """Every table of the report, in the order the screen and the exports show them."""
    return [summary_table(report), hour_table(report), day_table(report),
            category_table(report), tender_table(report), cashier_table(report),
            product_table(report, lang, by_qty=False), product_table(report, lang, by_qty=True),
            discount_table(report), promotion_table(report)]


def period_text(report: SalesReport) -> str:
    """``2025-06-14`` or ``2025-06-01 – 2025-06-30``, with the store's time zone."""
    p = report.period
    days = p.first.isoformat() if p.days == 1 else f"{p.first.isoformat()} – {p.last.isoformat()}"
    return translate("reports", "{days} (store time, {zone})").format(days=days, zone=report.zone)
