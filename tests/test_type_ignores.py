"""Every ``type: ignore`` in the tree names its error codes and says why (STYLE.md habit 8):
``x = f()  # type: ignore[arg-type]  # the wrong type under test``."""

from __future__ import annotations

import io
import re
import tokenize
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_IGNORE = re.compile(r"#\s*type:\s*ignore\b")
_JUSTIFIED = re.compile(
    r"#\s*type:\s*ignore\[[a-z][a-z0-9-]*(\s*,\s*[a-z][a-z0-9-]*)*\]\s*#\s*\S")


def checked_dirs(root: Path) -> list[Path]:
    """The directories mypy checks (``[tool.mypy] files`` in pyproject.toml)."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return [root / name for name in config["tool"]["mypy"]["files"]]


def unjustified(source: str) -> list[int]:
    """Lines of ``source`` whose ``type: ignore`` comment lacks an error code or a reason
    (comments only: a string that mentions one is not an ignore)."""
    return [tok.start[0] for tok in tokenize.generate_tokens(io.StringIO(source).readline)
            if tok.type == tokenize.COMMENT and _IGNORE.match(tok.string)
            and not _JUSTIFIED.match(tok.string)]


@pytest.mark.parametrize(("line", "bare"), [
    ("x = f()  # type: ignore\n", True),
    ("x = f()  # type: ignore  # the stubs are wrong\n", True),
    ("x = f()  # type: ignore[arg-type]\n", True),
    ("x = f()  # type: ignore[arg-type]  #\n", True),
    ("x = f()  #type:ignore[arg-type]\n", True),
    ("x = f()  # type: ignore[arg-type]  # the wrong type under test\n", False),
    ("x = f()  # type: ignore[attr-defined,assignment]  # a fake clock\n", False),
    ("x = f()  # type: ignore[attr-defined, assignment] # a fake clock\n", False),
    ('x = "# type: ignore"\n', False),
    ("x = f()  # a comment about type: ignore\n", False),
])
def test_an_ignore_needs_its_codes_and_a_reason(line: str, bare: bool) -> None:
    assert unjustified(line) == ([1] if bare else [])


def test_every_type_ignore_in_the_tree_is_justified() -> None:
    found = [f"{path.relative_to(ROOT)}:{n}"
             for top in checked_dirs(ROOT) for path in sorted(top.rglob("*.py"))
             for n in unjustified(path.read_text(encoding="utf-8"))]
    assert found == [], "a type: ignore needs [its-code] and '# why' after it"
