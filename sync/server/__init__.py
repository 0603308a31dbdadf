"""The cloud server (``pos-cloud``): the sync API of ``contract.protocol``, its database and the
status page. No Qt here.

- ``app`` FastAPI app factory and routes; ``cli`` the ``pos-cloud`` command; ``settings``.
- ``db`` engines, transactions, upserts, migrations; ``tables`` and ``ledger_tables`` the
  schema (owned by ``migrations/``).
- ``auth`` protocol header and credentials; ``enroll`` one-time codes; ``problems`` errors.
- ``hello``, ``push`` (with ``batch``, ``effects``, ``payloads``, ``upgrades``, ``flags``),
  ``pull`` (with ``changes``), ``verify``: the four protocol steps.
- ``admin``, ``catalog``, ``seed``: what HQ writes (stores, keys, coupons, reference data).
- ``status_page``: the read-only page at ``/``.
"""
