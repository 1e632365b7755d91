"""Numbers as people read them, with one rendering of "no value" (terminal tables, reports, drills)."""

from __future__ import annotations

import math
from typing import Any

#: What every table and report shows where there is no value (no data, not applicable).
NO_VALUE = "—"


def missing(v: Any) -> bool:
    """None or NaN."""
    return v is None or (isinstance(v, float) and math.isnan(v))


def pct(v: Any, digits: int = 1) -> str:
    """A share as a percentage (`0.1234` -> `12.3%`), or `NO_VALUE`."""
    return NO_VALUE if missing(v) else f"{100 * v:.{digits}f}%"


def num(v: Any, fmt: str = "g") -> str:
    """A number in `fmt` (e.g. `.0f`, `,d`), or `NO_VALUE`."""
    return NO_VALUE if missing(v) else format(v, fmt)
