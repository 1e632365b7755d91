"""Condition trees: `all` / `any` / `not` over field tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from ..findings import Code
from .operators import OPERATORS

T = TypeVar("T")


@dataclass(frozen=True)
class Test:
    """One field test: `field: {op: value}`."""

    __test__ = False  # not a pytest test class
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


def fold(
    cond: Condition,
    *,
    test: Callable[[Test], T],
    all_: Callable[[All, Iterator[T]], T],
    any_: Callable[[AnyOf, Iterator[T]], T],
    not_: Callable[[Not, T], T],
) -> T:
    """The one walk of a condition tree: `test` at each leaf, then each combinator over its folded parts.

    `all_` and `any_` receive the node and a lazy iterator of its parts' results (so `all`/`any` can
    stop early); `not_` the node and its part's result."""

    def go(c: Condition) -> T:
        match c:
            case Test():
                return test(c)
            case Not(item=item):
                return not_(c, go(item))
            case All(items=items):
                return all_(c, (go(x) for x in items))
            case AnyOf(items=items):
                return any_(c, (go(x) for x in items))
        raise TypeError(f"not a condition: {c!r}")

    return go(cond)


def _concat(_: Any, parts: Iterator[list[Test]]) -> list[Test]:
    return [t for part in parts for t in part]


def tests(cond: Condition) -> list[Test]:
    """Every field test of a condition tree, depth first."""
    return fold(cond, test=lambda t: [t], all_=_concat, any_=_concat, not_=lambda _, part: part)


def to_mapping(cond: Condition) -> dict:
    """The YAML/JSON form of a condition (inverse of parsing)."""
    return fold(
        cond,
        test=lambda t: {t.field: {t.op: t.value}},
        all_=lambda _, parts: {"all": list(parts)},
        any_=lambda _, parts: {"any": list(parts)},
        not_=lambda _, part: {"not": part},
    )


def evaluate_tree(cond: Condition, leaf: Callable[[Test], Any]) -> bool:
    """Combine leaf results (`leaf(test) -> bool`) through the tree; `all`/`any`/`not` as in logic."""
    return fold(
        cond,
        test=lambda t: bool(leaf(t)),
        all_=lambda _, parts: all(parts),
        any_=lambda _, parts: any(parts),
        not_=lambda _, part: not part,
    )


def condition_json_schema(fields: list[str], list_names: list[str]) -> dict:
    """JSON Schema definitions of a condition tree (`Condition`, `FieldTest`), from the operator registry."""
    test = {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": {name: op.operand_schema(list_names) for name, op in OPERATORS.items()},
    }
    props: dict = {
        "all": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/Condition"}},
        "any": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/Condition"}},
        "not": {"$ref": "#/$defs/Condition"},
    }
    props.update({f: {"$ref": "#/$defs/FieldTest"} for f in fields})
    return {
        "Condition": {"type": "object", "minProperties": 1, "additionalProperties": False, "properties": props},
        "FieldTest": test,
    }


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
                done = [s for s in subs if s is not None]
                if len(done) == len(subs):
                    parts.append((All if key == "all" else AnyOf)(tuple(done), kp))
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


def describe(test: Test) -> str:
    """`field op value` as people read it."""
    return f"{test.field} {test.op} {test.value!r}"
