"""What a declaration's outcome asks the officer to do: an action, not only a lane.

- `release`: green, not drawn for the control group;
- `documents`: yellow: ask the declarant for the licence or an IP-status declaration (补充申报知识产权状况,
  004 case 10) before any physical inspection; an inspection follows when none is produced;
- `inspection`: red, or drawn for the control group: physical examination.

After a hit the holder is notified (ex officio procedure, 000 §1): it has `HOLDER_NOTICE_WORKING_DAYS`
working days from the notice to apply for detention and lodge a bond, else the goods are released
(Regulations on Customs Protection of IPR, art. 16; the deadline is not in the seed documents).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

ACTIONS = ("release", "documents", "inspection")
HOLDER_NOTICE_WORKING_DAYS = 3


def action_expr(lane: str = "lane", random: str = "random") -> pl.Expr:
    """The action of each declaration from its lane and control-group draw."""
    return (
        pl.when(pl.col(random).fill_null(False) | (pl.col(lane) == "red"))
        .then(pl.lit("inspection"))
        .when(pl.col(lane) == "yellow")
        .then(pl.lit("documents"))
        .otherwise(pl.lit("release"))
        .alias("action")
    )


def action_for(lane: str, random: bool = False) -> str:
    """The action of one declaration (as `action_expr`)."""
    return "inspection" if random or lane == "red" else "documents" if lane == "yellow" else "release"


def holder_notice_deadline(notice: dt.date, working_days: int = HOLDER_NOTICE_WORKING_DAYS) -> dt.date:
    """The last day for the holder to apply and lodge a bond: `working_days` working days (Mon-Fri) after
    the notice day."""
    day, left = notice, working_days
    while left:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day
