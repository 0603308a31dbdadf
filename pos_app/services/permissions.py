"""Who may do protected actions: the staff service answers at a till; ``AllowAll`` for
scripts, benchmarks and tests of other rules."""

from __future__ import annotations

from typing import Protocol


class PermissionCheck(Protocol):
    """Asked before protected actions (price override, drawer, ...)."""

    def allows(self, action: str, *, discount_bp: int = 0) -> bool:
        """True when the current user may do ``action`` (a ``core.roles.Permission``
        value); a discount also within the limit (``discount_bp`` of its base)."""
        ...


class AllowAll:
    """Everything allowed (no staff: scripts, benchmarks, tests of other rules)."""

    def allows(self, action: str, *, discount_bp: int = 0) -> bool:
        return True
