"""The one exception root: every error riskprofile raises for its users to catch derives from it.

`RiskProfileError` carries a location (file, 1-based line and column) where there is one, and a hint
saying what to do. The CLI catches it once (exit 2). Errors holding several located problems (a profile
that does not load, a scenario file) keep them in `findings`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


class RiskProfileError(Exception):
    """Root of the errors a user of riskprofile can catch; `where()` locates it when a file is known."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        findings: Sequence[Any] = (),
    ) -> None:
        super().__init__(message)
        self.file = None if file is None else str(file)
        self.line, self.column, self.hint = line, column, hint
        self.findings: list[Any] = list(findings)

    def where(self) -> str | None:
        """`file:line:column` (the parts known), or None without a file."""
        if self.file is None:
            return None
        return ":".join([self.file, *(str(x) for x in (self.line, self.column) if x is not None)])
