"""The shared contract: all that the till and the cloud have in common.

The sync protocol and every event payload schema (``protocol``), per-day summaries
(``summary``), the product row and product CSV parsing (``products``), member and tier
records (``members``), pinyin indexing (``pinyin``), the sync client's rejected-change
error (``errors``) and the demo chain both sides start from (``demo``). Money and signed
codes live in ``pos_app.core``, which is pure too.

It imports only ``pos_app.core`` and third-party libraries: never Qt, the till's store,
services, UI or drivers, nor ``sync`` (client or server). ``lint-imports`` checks it.
"""
