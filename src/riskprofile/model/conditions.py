"""Condition trees: `all` / `any` / `not` over field tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import Code


@dataclass(frozen=True)
class Test:
    """One field test: `field: {op: value}`."""

    field: str
    op: str
    value: Any
    path: tuple = ()


@dataclass(frozen=True)
class All:
    items: tuple[Condition, ...]
    path: tuple = ()


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]
    path: tuple = ()


@dataclass(frozen=True)
class Not:
    item: Condition
    path: tuple = ()


Condition = Test | All | AnyOf | Not


def tests(cond: Condition) -> Iterator[Test]:
    """Every field test of a condition tree, depth first."""
    if isinstance(cond, Test):
        yield cond
    elif isinstance(cond, Not):
        yield from tests(cond.item)
    else:
        for c in cond.items:
            yield from tests(c)


def to_mapping(cond: Condition) -> dict:
    """The YAML/JSON form of a condition (inverse of parsing)."""
    if isinstance(cond, Test):
        return {cond.field: {cond.op: cond.value}}
    if isinstance(cond, Not):
        return {"not": to_mapping(cond.item)}
    key = "all" if isinstance(cond, All) else "any"
    return {key: [to_mapping(c) for c in cond.items]}


def parse(node: Any, path: tuple = ()) -> tuple[Condition | None, list[tuple[tuple, str, str]]]:
    """Parse a condition mapping. Returns the tree (None on error) and problems as (path, code, message).

    Field names and operand types are checked later against the profile's field registry and lists;
    this only checks the shape.
    """
    problems: list[tuple[tuple, str, str]] = []

    def walk(n: Any, p: tuple) -> Condition | None:
        if not isinstance(n, dict):
            problems.append((p, Code.BAD_SHAPE, f"a condition must be a mapping, got {type(n).__name__}"))
            return None
        if not n:
            problems.append((p, Code.EMPTY_CONDITION, "empty condition"))
            return None
        parts: list[Condition] = []
        for key, val in n.items():
            kp = p + (key,)
            if key in ("all", "any"):
                if not isinstance(val, list):
                    problems.append((kp, Code.BAD_SHAPE, f"`{key}` takes a list of conditions"))
                    continue
                if not val:
                    problems.append((kp, Code.EMPTY_CONDITION, f"empty `{key}`: it needs at least one condition"))
                    continue
                subs = [walk(v, kp + (i,)) for i, v in enumerate(val)]
                if all(s is not None for s in subs):
                    parts.append((All if key == "all" else AnyOf)(tuple(subs), kp))
            elif key == "not":
                sub = walk(val, kp)
                if sub is not None:
                    parts.append(Not(sub, kp))
            else:
                if not isinstance(key, str):
                    problems.append((kp, Code.UNKNOWN_FIELD, f"field name must be text, got {key!r}"))
                    continue
                if not isinstance(val, dict) or not val:
                    problems.append(
                        (kp, Code.BAD_SHAPE, f"field `{key}` needs a mapping of operator to value, e.g. {{eq: ...}}")
                    )
                    continue
                for op, operand in val.items():
                    parts.append(Test(key, str(op), operand, kp + (op,)))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else All(tuple(parts), p)

    cond = walk(node, path)
    return (cond if not problems else None), problems


def evaluate_tree(cond: Condition, leaf) -> bool:
    """Combine leaf results (`leaf(test) -> bool`) through the tree; `all`/`any`/`not` as in logic."""
    if isinstance(cond, Test):
        return bool(leaf(cond))
    if isinstance(cond, Not):
        return not evaluate_tree(cond.item, leaf)
    if isinstance(cond, All):
        return all(evaluate_tree(c, leaf) for c in cond.items)
    return any(evaluate_tree(c, leaf) for c in cond.items)


def describe(test: Test) -> str:
    """`field op value` as people read it."""
    return f"{test.field} {test.op} {test.value!r}"
