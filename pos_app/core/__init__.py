"""Pure domain core: money, barcodes, cart, pricing, tenders, sale, receipt. No Qt, no I/O."""
