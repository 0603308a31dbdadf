"""Keyboard-wedge burst detector: tells a scanner's key burst from a person typing.

A wedge scanner types a code as keys less than ``max_gap_s`` apart (typically 2–20 ms), then
its suffix (Enter or Tab, or nothing). A person rarely types two keys within 50 ms, and never a
whole code. The detector holds every key it is fed until a decision covers it:

- ``ScanDone(code, keys)``: the first ``keys`` held keys were a scan (prefix and suffix
  included); swallow them and use ``code``;
- ``GiveBack(keys)``: the first ``len(keys)`` held keys were typing; deliver them as typed.

Decisions always cover the oldest held keys first. Keys are one-character strings; Enter is
``"\\r"`` (``"\\n"`` is accepted too) and Tab ``"\\t"``. Pure: time is passed in (seconds).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Suffix = Literal["enter", "tab", "none"]
ENTER = "\r"
TAB = "\t"
_TERMINATORS = {"\r": "enter", "\n": "enter", "\t": "tab"}
_EPS = 1e-9  # float seconds: a gap of exactly max_gap_s still belongs to the burst


@dataclass(frozen=True, slots=True)
class WedgeSettings:
    """How the store's scanners are programmed (prefix/suffix) and what counts as a burst."""

    max_gap_s: float = 0.05
    min_length: int = 4
    prefix: str = ""
    suffix: Suffix = "enter"
    # False: a burst that stops without its suffix still counts as a scan after max_gap_s.
    suffix_required: bool = True
    max_length: int = 4096

    def __post_init__(self) -> None:
        if self.max_gap_s <= 0 or self.min_length < 1 or self.max_length < self.min_length:
            raise ValueError("wedge: max_gap_s > 0 and 1 <= min_length <= max_length")
        if any(c in _TERMINATORS for c in self.prefix):
            raise ValueError("wedge: the prefix cannot contain Enter or Tab")


@dataclass(frozen=True, slots=True)
class ScanDone:
    """The oldest ``keys`` held keys were a scanner burst that read ``code``."""

    code: str
    keys: int


@dataclass(frozen=True, slots=True)
class GiveBack:
    """The oldest held keys, in order, were human typing: deliver them unchanged."""

    keys: tuple[str, ...]


Decision = ScanDone | GiveBack


class WedgeDetector:
    """Feed it every text key with its time; act on the decisions it returns."""

    def __init__(self, settings: WedgeSettings | None = None) -> None:
        self.settings = settings or WedgeSettings()
        self._keys: list[str] = []
        self._last = 0.0

    @property
    def held(self) -> int:
        """How many keys are held, waiting for a decision."""
        return len(self._keys)

    @property
    def deadline(self) -> float | None:
        """When the held keys time out (call ``tick`` then), None when nothing is held."""
        return self._last + self.settings.max_gap_s if self._keys else None

    def feed(self, key: str, timestamp: float) -> tuple[Decision, ...]:
        """One key typed at ``timestamp`` (seconds); returns the decisions it made possible."""
        out: list[Decision] = []
        if self._keys and timestamp - self._last > self.settings.max_gap_s + _EPS:
            out += self.expire()
        self._keys.append(key)
        self._last = timestamp
        if key in _TERMINATORS:
            code = self._code(self._keys[:-1])
            if _TERMINATORS[key] == self.settings.suffix and code is not None:
                out.append(ScanDone(code, len(self._keys)))
                self._keys = []
            else:
                out.append(self._give_back(len(self._keys)))
            return tuple(out)
        if not self._could_be_scan() or len(self._keys) > self.settings.max_length:
            # Give back what came before; the new key may start a scan on its own.
            out.append(self._give_back(len(self._keys) - 1))
            if not self._could_be_scan():
                out.append(self._give_back(1))
        return tuple(k for k in out if not (isinstance(k, GiveBack) and not k.keys))

    def tick(self, now: float) -> tuple[Decision, ...]:
        """Resolve held keys whose burst has ended by ``now``."""
        if self._keys and now - self._last > self.settings.max_gap_s + _EPS:
            return self.expire()
        return ()

    def expire(self) -> tuple[Decision, ...]:
        """The burst ended (timeout, or a non-text key): resolve every held key now."""
        if not self._keys:
            return ()
        code = self._code(self._keys)
        optional = self.settings.suffix == "none" or not self.settings.suffix_required
        if optional and code is not None:
            done = ScanDone(code, len(self._keys))
            self._keys = []
            return (done,)
        return (self._give_back(len(self._keys)),)

    def _give_back(self, count: int) -> GiveBack:
        keys, self._keys = tuple(self._keys[:count]), self._keys[count:]
        return GiveBack(keys)

    def _could_be_scan(self) -> bool:
        prefix = self.settings.prefix
        text = "".join(self._keys)
        return text[: len(prefix)] == prefix[: len(text)]

    def _code(self, keys: list[str]) -> str | None:
        text = "".join(keys)
        prefix = self.settings.prefix
        if not text.startswith(prefix):
            return None
        code = text[len(prefix) :]
        return code if len(code) >= self.settings.min_length else None
