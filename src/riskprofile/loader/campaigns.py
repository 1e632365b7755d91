"""Campaigns as data: the scoring entries of the `campaigns` list become rules of the `campaign` family.

A campaign entry carries its window, direction, channels, destinations, origins and goods, and, when it
scores, its rule id, weight, optional lane and optional extra condition (`when`). Entries sharing a rule
id (two one-month operations of one programme) make one rule that fires in any of them; they must agree
on weight and lane. The rule built is an ordinary rule (validated by the same checks, compiled and
explained like any other), so adding an operation is adding a list entry, not writing a rule. Findings
point into the list file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..findings import Code, Collector, Finding, read_yaml_file
from ..model.check import check_rule_node
from ..model.lists import CampaignItem, NamedList
from ..model.rules import Rule

LIST_NAME = "campaigns"


def _scope(item: CampaignItem) -> dict[str, Any]:
    """The condition of one entry: its window (a test, not the rule's validity: a past operation is history
    the replay and the simulator still need, not an expired rule), direction, channels, destinations,
    origins, goods and extra condition."""
    tests: list[dict[str, Any]] = [{"declared_at": {"between": [item.valid_from, item.valid_to]}}]
    if item.direction:
        tests.append({"direction": {"eq": item.direction}})
    if item.transport_modes:
        tests.append({"transport_mode": {"in": list(item.transport_modes)}})
    if item.destinations:
        tests.append({"destination_country": {"in": [d.upper() for d in item.destinations]}})
    if item.origins:
        tests.append({"origin_country": {"in": [o.upper() for o in item.origins]}})
    if item.goods:
        tests.append({"hs_code": {"prefix": list(item.goods)}})
    if item.when:
        tests.append(item.when)
    return {"all": tests}


def campaign_rule_node(items: list[CampaignItem]) -> dict[str, Any]:
    """The rule mapping of the scoring entries that share one rule id."""
    first = items[0]
    scopes = [_scope(it) for it in items]
    windows = ", ".join(f"{it.valid_from} - {it.valid_to}" for it in items)
    names = " / ".join(it.name for it in items)
    references = list(dict.fromkeys(r for it in items for r in [*it.references, *([it.source] if it.source else [])]))
    node: dict[str, Any] = {
        "id": first.rule,
        "title": first.rule_title or first.title or f"Special operation {names} ({windows})",
        "family": "campaign",
        "weight": first.weight,
        "when": scopes[0] if len(scopes) == 1 else {"any": scopes},
        "explain": first.explain or f"{{description}} ({{hs_code}}) on {{declared_at}}, during {names} ({windows})",
        "rationale": first.rationale or first.source,
        "references": references,
        "tags": ["campaign", *(it.name for it in items)],
    }
    if first.rule_title_zh or first.title_zh:
        node["title_zh"] = first.rule_title_zh or first.title_zh
    if first.explain_zh or not first.explain:
        node["explain_zh"] = (
            first.explain_zh or f"{{description}}（{{hs_code}}）于 {{declared_at}} 申报，正值 {names} 期间"
        )
    if first.lane:
        node["lane"] = first.lane
    return node


def campaign_rules(
    lists_folder: Path,
    lists: dict[str, NamedList],
    fields: dict[str, str],
    seen: dict[str, str],
    as_of: dt.date | None,
) -> tuple[list[Rule], list[Finding]]:
    """Rules of the scoring entries of the `campaigns` list; findings located in its file."""
    nl = lists.get(LIST_NAME)
    if nl is None:
        return [], []
    path, root = _list_file(lists_folder)
    col = Collector(str(path) if path else f"{LIST_NAME} list", root)
    groups: dict[str, list[tuple[int, CampaignItem]]] = {}
    for i, item in enumerate(nl.items):
        if item.rule is not None:
            groups.setdefault(item.rule, []).append((i, item))
    rules: list[Rule] = []
    for rid, members in groups.items():
        i, first = members[0]
        where = ("items", i)
        if rid in seen:
            col.add(
                Code.DUPLICATE_RULE_ID,
                where + ("rule",),
                f"duplicate rule id `{rid}` (first defined at {seen[rid]})",
                rid,
            )
            continue
        seen[rid] = f"{col.file} ({first.name})"
        clash = [(j, it) for j, it in members[1:] if (it.weight, it.lane) != (first.weight, first.lane)]
        for j, it in clash:
            col.add(
                Code.BAD_SHAPE,
                ("items", j, "weight"),
                f"campaign {it.name} shares rule `{rid}` with {first.name} but not its weight and lane",
                rid,
            )
        if clash:
            continue
        rule = check_rule_node(campaign_rule_node([it for _, it in members]), col, fields, lists, where, as_of)
        if rule is not None:
            rules.append(rule)
    return rules, col.findings


def _list_file(folder: Path) -> tuple[Path | None, Any]:
    """The file holding the campaigns list and its parsed YAML (for locations), if found."""
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        root, problems = read_yaml_file(path)
        if not problems and isinstance(root, dict) and root.get("name") == LIST_NAME:
            return path, root
    return None, None
