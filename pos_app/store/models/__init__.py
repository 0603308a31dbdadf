"""The terminal's schema: SQLModel table classes, one module per aggregate.

These classes are the schema. Migrations are generated from them
(``python -m pos_app.store.migrate revision "what changes"``, ``make migration``) and a test
fails when the migrated database differs (``pos_app.store.migrate.schema_differences``).
The store's queries are built from the Core tables exported here (``product``, ``sale``...);
what must stay raw SQL (FTS5, the bulk inserts a benchmark needs, triggers) is named in
``pos_app.store.raw_sql``.
"""

from pos_app.store.models.base import LocalTable, metadata, table_of
from pos_app.store.models.catalog import (
    Barcode,
    CatalogImport,
    Product,
    StoreInfoRow,
    barcode,
    catalog_import,
    product,
    store_info,
)
from pos_app.store.models.counts import CountLineRow, CountSession, count_line, count_session
from pos_app.store.models.labels import LabelPrint, MarkdownLabel, label_print, markdown_label
from pos_app.store.models.loyalty import (
    ChainKey,
    CouponRedemption,
    Member,
    MemberCoupon,
    MemberLookupKey,
    MemberPromoUsage,
    MemberTier,
    PointsEntry,
    Promotion,
    RevokedCoupon,
    chain_key,
    coupon_redemption,
    member,
    member_coupon,
    member_lookup_key,
    member_promo_usage,
    member_tier,
    points_entry,
    promotion,
    revoked_coupon,
)
from pos_app.store.models.outbox import (
    Counter,
    OutboxDay,
    OutboxEvent,
    SyncCursor,
    SyncStatus,
    counter,
    outbox_day,
    outbox_event,
    sync_cursor,
    sync_status,
)
from pos_app.store.models.printing import PrintJob, print_job
from pos_app.store.models.returns import (
    SaleReturn,
    SaleReturnLine,
    SaleReturnTender,
    sale_return,
    sale_return_line,
    sale_return_tender,
)
from pos_app.store.models.sales import (
    Sale,
    SaleLine,
    SaleLinePromotion,
    SaleMember,
    SalePromotion,
    SaleTender,
    SuspendedSale,
    sale,
    sale_line,
    sale_line_promotion,
    sale_member,
    sale_promotion,
    sale_tender,
    suspended_sale,
)
from pos_app.store.models.shifts import CashMovement, Shift, cash_movement, shift
from pos_app.store.models.staff import (
    AuditEntry,
    Staff,
    StaffLock,
    StaffRole,
    audit_entry,
    staff,
    staff_lock,
    staff_role,
)
from pos_app.store.models.stock import (
    RetentionGate,
    StockBalance,
    StockCarried,
    StockCloud,
    StockMovement,
    retention_gate,
    stock_balance,
    stock_carried,
    stock_cloud,
    stock_movement,
)
from pos_app.store.models.stock_ops import (
    ExpectedReceipt,
    ExpectedReceiptLine,
    ProductStock,
    StockDocument,
    StockDocumentLine,
    expected_receipt,
    expected_receipt_line,
    product_stock,
    stock_document,
    stock_document_line,
)

__all__ = [
    "AuditEntry", "Barcode", "CashMovement", "CatalogImport", "ChainKey", "CountLineRow",
    "CountSession", "Counter", "CouponRedemption", "ExpectedReceipt", "ExpectedReceiptLine",
    "LabelPrint", "LocalTable", "MarkdownLabel", "Member", "MemberCoupon", "MemberLookupKey",
    "MemberPromoUsage", "MemberTier", "OutboxDay", "OutboxEvent", "PointsEntry", "PrintJob",
    "Product", "ProductStock", "Promotion", "RetentionGate", "RevokedCoupon", "Sale",
    "SaleLine", "SaleLinePromotion", "SaleMember", "SalePromotion", "SaleReturn",
    "SaleReturnLine", "SaleReturnTender", "SaleTender", "Shift", "Staff", "StaffLock",
    "StaffRole", "StockBalance", "StockCarried", "StockCloud", "StockDocument",
    "StockDocumentLine", "StockMovement", "StoreInfoRow", "SuspendedSale", "SyncCursor",
    "SyncStatus", "audit_entry", "barcode", "cash_movement", "catalog_import", "chain_key",
    "count_line", "count_session", "counter", "coupon_redemption", "expected_receipt",
    "expected_receipt_line", "label_print", "markdown_label", "member", "member_coupon",
    "member_lookup_key", "member_promo_usage", "member_tier", "metadata", "outbox_day",
    "outbox_event", "points_entry", "print_job", "product", "product_stock", "promotion",
    "retention_gate", "revoked_coupon", "sale", "sale_line", "sale_line_promotion",
    "sale_member", "sale_promotion", "sale_return", "sale_return_line", "sale_return_tender",
    "sale_tender", "shift", "staff", "staff_lock", "staff_role", "stock_balance",
    "stock_carried", "stock_cloud", "stock_document", "stock_document_line", "stock_movement",
    "store_info", "suspended_sale", "sync_cursor", "sync_status", "table_of"
]
