"""Loader findings: stable codes, severities and hints (what `riskprofile lint` prints)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, Literal

from .errors import RiskProfileError
from .yamlio import YamlSyntaxError, locate, read_yaml, walk

Severity = Literal["error", "warning"]


class Code(StrEnum):
    """A finding code: its stable `RPnnn` value, severity, short name and default hint."""

    severity: Severity
    slug: str
    hint: str

    def __new__(cls, value: str, severity: Severity, slug: str, hint: str) -> Code:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.severity, obj.slug, obj.hint = severity, slug, hint
        return obj

    YAML_SYNTAX = (
        "RP001",
        "error",
        "yaml-syntax",
        "Fix the YAML syntax at the position shown (indentation, a missing colon or quote).",
    )
    BAD_SHAPE = (
        "RP002",
        "error",
        "bad-shape",
        "Check the key names and value shapes against docs/rule-language.md or `riskprofile schema`.",
    )
    UNKNOWN_FIELD = (
        "RP003",
        "error",
        "unknown-field",
        "Use a declaration column, a registered feature or a field declared under `fields:` in profile.yaml.",
    )
    UNKNOWN_OPERATOR = (
        "RP004",
        "error",
        "unknown-operator",
        "Use an operator of the rule language (the RP004 finding lists them; docs/rule-language.md).",
    )
    UNKNOWN_LIST = ("RP005", "error", "unknown-list", "Add the list to rules/lists/ or correct its name.")
    WRONG_OPERAND = (
        "RP006",
        "error",
        "wrong-operand-type",
        "Give the operator a value of the type the field and operator take.",
    )
    DUPLICATE_RULE_ID = (
        "RP007",
        "error",
        "duplicate-rule-id",
        "Rule ids must be unique across the profile: rename one of them.",
    )
    INVALID_REGEX = (
        "RP008",
        "error",
        "invalid-regex",
        "Fix the pattern; the compiled path uses Rust regex (no look-around, no back-references).",
    )
    EMPTY_CONDITION = ("RP009", "error", "empty-condition", "Give `all`/`any` at least one condition, or remove it.")
    WINDOW_REVERSED = ("RP010", "error", "window-reversed", "Set valid_to on or after valid_from.")
    WEIGHT_OUT_OF_RANGE = ("RP011", "error", "weight-out-of-range", "Weights lie between -100 and 100.")
    BAD_VALUE = ("RP012", "error", "bad-value", "Use one of the allowed values shown.")
    UNKNOWN_TEMPLATE_FIELD = (
        "RP013",
        "error",
        "unknown-template-field",
        "Use `{field}` names that are declaration columns or registered features.",
    )
    BAD_LIST = (
        "RP014",
        "error",
        "bad-list",
        "Fix the list file: `name`, `kind`, `items` shaped for its kind (docs/rule-language.md).",
    )
    MISSING_FILE = (
        "RP015",
        "error",
        "missing-file",
        "Check the path; profile.yaml names rule files relative to itself.",
    )
    OUTSIDE_PROFILE = (
        "RP016",
        "error",
        "outside-profile",
        "Keep rule and list files inside the profile's folder: no `..`, absolute paths or symlinks out of it.",
    )
    WINDOW_PASSED = ("RP101", "warning", "window-passed", "Retire the rule (status: retired) or extend valid_to.")
    UNSATISFIABLE = (
        "RP102",
        "warning",
        "unsatisfiable",
        "No declaration can satisfy this test: check the bounds or values.",
    )
    NO_PROVENANCE = (
        "RP103",
        "warning",
        "no-provenance",
        "Give every rule a rationale and references (case ids or documents).",
    )
    INTERRUPTED_WRITE = (
        "RP104",
        "warning",
        "interrupted-write",
        "A write of several files (tune) was killed half-way; it was completed now: check the files' diff.",
    )


_BY_VALUE: dict[str, Code] = {c.value: c for c in Code}


def code_of(code: Code | str) -> Code:
    """The `Code` of an `RPnnn` value (KeyError for an unknown one)."""
    return code if isinstance(code, Code) else _BY_VALUE[code]


#: code -> (severity, short name, default hint), the table form of `Code`.
CODES: dict[str, tuple[str, str, str]] = {c.value: (c.severity, c.slug, c.hint) for c in Code}


@dataclass(frozen=True)
class Finding:
    """One problem found while loading rules, lists or a profile."""

    code: Code
    file: str
    line: int | None
    column: int | None
    rule_id: str | None
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", code_of(self.code))

    @property
    def severity(self) -> Severity:
        return self.code.severity

    def to_json(self) -> dict:
        d = asdict(self)
        d["code"] = self.code.value
        d["severity"] = self.severity
        d["hint"] = self.hint or self.code.hint
        return {k: d[k] for k in ("code", "severity", "file", "line", "column", "rule_id", "message", "hint")}

    def where(self) -> str:
        """`file:line:column`, `file:line` or `file`: only the parts known (no made-up line 0)."""
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column is not None else "")


def read_yaml_file(path) -> tuple[object, list[Finding]]:
    """Parse a YAML file keeping positions: (root, []) or (None, [the RP001 / RP015 finding])."""
    try:
        return read_yaml(path), []
    except YamlSyntaxError as e:
        return None, [Finding(Code.YAML_SYNTAX, str(path), e.line, e.column, None, f"YAML syntax error: {e}")]
    except OSError as e:
        return None, [Finding(Code.MISSING_FILE, str(path), None, None, None, f"cannot read file: {e.strerror or e}")]


def suggest(name: str, options: Iterable[str]) -> str | None:
    """`Did you mean `x`?` for the closest option, or None."""
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f"Did you mean `{close[0]}`?" if close else None


class Collector:
    """Accumulates the findings of one file, locating each path in its parsed YAML (`root`)."""

    def __init__(self, file: str, root: Any = None, at: tuple[int | None, int | None] = (None, None)):
        """`at`: the (line, column) of every finding when there is no parsed YAML (e.g. a CSV row)."""
        self.file, self.root, self.at = file, root, at
        self.findings: list[Finding] = []

    def add(
        self, code: Code | str, path: tuple, message: str, rule_id: str | None = None, hint: str | None = None
    ) -> None:
        line, col = locate(self.root, path) if self.root is not None else self.at
        self.findings.append(Finding(code_of(code), self.file, line, col, rule_id, message, hint))

    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)


#: A special case of one pydantic error: (error dict, its location within the data) -> (code, path, message)
#: or None to fall through to the generic wording.
Refine = Callable[[dict, tuple], "tuple[Code, tuple, str] | None"]


def _dotted(loc: tuple) -> str:
    return ".".join(map(str, loc))


def findings_from_validation(
    error: Any,
    col: Collector,
    *,
    data: Any = None,
    path: tuple = (),
    code: Code = Code.BAD_SHAPE,
    rule_id: str | None = None,
    known_keys: Iterable[str] = (),
    label: str = "",
    refine: Refine | None = None,
) -> None:
    """Turn a pydantic `ValidationError` into located findings (the one translation of pydantic errors).

    Each error is located at the longest prefix of its location that exists in `data` (pydantic adds union
    branch names), under `path` within the file. Unknown keys get a `Did you mean` hint from `known_keys`;
    `refine` maps special cases to their own codes; `label` names the whole when the location is empty.
    """
    seen: set[tuple] = set()
    for err in error.errors():
        loc = tuple(err["loc"])
        at = loc[: walk(data, loc)[1]] if data is not None else loc
        hint = None
        special = refine(err, at) if refine is not None else None
        if special is not None:
            this, at, msg = special
        elif err["type"] == "extra_forbidden":
            this = code
            parent = f" in `{_dotted(at[:-1])}`" if at[:-1] else ""
            msg = f"unknown key `{loc[-1]}`{parent}"
            hint = suggest(str(loc[-1]), known_keys)
        elif err["type"] == "missing":
            this = code
            parent = f" in `{_dotted(at)}`" if at else ""
            msg = f"missing required key `{loc[-1]}`{parent}"
        else:
            this = code
            msg = f"`{_dotted(at) or label}`: {err['msg']}"
        if (this, at, msg) in seen:
            continue
        seen.add((this, at, msg))
        col.add(this, path + at, msg, rule_id, hint)


class LoadError(RiskProfileError):
    """Raised when a profile cannot be loaded; carries every finding, located at the first error."""

    def __init__(self, findings: list[Finding]):
        errors = [f for f in findings if f.severity == "error"]
        first = errors[0] if errors else findings[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(
            f"{first.where()} {first.code} {first.message}{more}",
            file=first.file,
            line=first.line,
            column=first.column,
            hint=first.to_json()["hint"],
            findings=findings,
        )
        self.findings: list[Finding] = list(findings)
