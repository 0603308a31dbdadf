"""Who may do protected actions: a protocol now, staff roles and PINs later."""

from __future__ import annotations

from typing import Protocol


class PermissionCheck(Protocol):
    """Asked before protected actions (price override, ...); roles and PINs come later."""

    def allows(self, action: str) -> bool:
        """True when the current user may do ``action``."""
        ...


class AllowAll:
    """Default permission check: everything allowed."""

    def allows(self, action: str) -> bool:
        return True
