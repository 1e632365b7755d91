"""Per declaration, what the officer does (`engine.actions`) and what the instructions that fired ask for."""

from __future__ import annotations

import polars as pl

from ..engine.actions import action_expr
from ..engine.score import ScoreResult
from ..model.leads import Instruction

ADVICE = {
    "release": "release",
    "documents": "ask for the licence or an IP-status declaration (补充申报知识产权状况); inspect if none is produced",
    "inspection": "physical inspection; on a hit, notify the holder (3 working days to apply and lodge a bond)",
}


def declaration_actions(result: ScoreResult, instructions: list[Instruction] = ()) -> pl.DataFrame:
    """decl_id, lane, action, advice, the instructions that fired and their inspection requirements."""
    by_id = {i.id: i for i in instructions}
    decls = result.declarations.with_columns(action_expr())
    fired = [[r for r in rules if r in by_id] for rules in decls["rules"].to_list()]
    return decls.select(
        "decl_id",
        "lane",
        "action",
        pl.col("action").replace_strict(ADVICE, return_dtype=pl.String).alias("advice"),
        pl.Series("instructions", fired, dtype=pl.List(pl.String)),
        pl.Series(
            "inspection",
            [[by_id[i].inspection for i in ids if by_id[i].inspection] for ids in fired],
            dtype=pl.List(pl.String),
        ),
    )
