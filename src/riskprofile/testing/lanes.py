"""Category-test helpers: a batch scored by a profile (no random draw, no row rejected), and which of its
declarations went to inspection or stayed green, as (decl_id, score, rules) in input order."""

from __future__ import annotations

from typing import Any


def lanes(profile: Any, decls: list[dict], history: Any = None) -> dict[str, dict]:
    """Each declaration's result (decl_id, score, lane, rules, ...) by decl_id."""
    res = profile.score(decls, history=history, random=False)
    assert res.rejects.height == 0, res.rejects
    return {r["decl_id"]: r for r in res.declarations.iter_rows(named=True)}


def _where(profile: Any, decls: list[dict], history: Any, green: bool) -> list[tuple[str, float, list[str]]]:
    got = lanes(profile, decls, history)
    return [
        (d["decl_id"], got[d["decl_id"]]["score"], got[d["decl_id"]]["rules"])
        for d in decls
        if (got[d["decl_id"]]["lane"] == "green") == green
    ]


def flagged(profile: Any, decls: list[dict], history: Any = None) -> list[tuple[str, float, list[str]]]:
    """The declarations sent to inspection (yellow or red)."""
    return _where(profile, decls, history, green=False)


def missed(profile: Any, decls: list[dict], history: Any = None) -> list[tuple[str, float, list[str]]]:
    """The declarations left green."""
    return _where(profile, decls, history, green=True)
