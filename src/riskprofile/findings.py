"""Loader findings: stable codes, severities and hints (what `riskprofile lint` prints)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .errors import RiskProfileError

#: code -> (severity, short name, default hint)
CODES: dict[str, tuple[str, str, str]] = {
    "RP001": (
        "error",
        "yaml-syntax",
        "Fix the YAML syntax at the position shown (indentation, a missing colon or quote).",
    ),
    "RP002": (
        "error",
        "bad-shape",
        "Check the key names and value shapes against docs/rule-language.md or `riskprofile schema`.",
    ),
    "RP003": (
        "error",
        "unknown-field",
        "Use a declaration column, a registered feature or a field declared under `fields:` in profile.yaml.",
    ),
    "RP004": (
        "error",
        "unknown-operator",
        "Operators: eq ne in prefix contains regex lt le gt ge between in_list like_brand missing.",
    ),
    "RP005": ("error", "unknown-list", "Add the list to rules/lists/ or correct its name."),
    "RP006": ("error", "wrong-operand-type", "Give the operator a value of the type the field and operator take."),
    "RP007": ("error", "duplicate-rule-id", "Rule ids must be unique across the profile: rename one of them."),
    "RP008": (
        "error",
        "invalid-regex",
        "Fix the pattern; the compiled path uses Rust regex (no look-around, no back-references).",
    ),
    "RP009": ("error", "empty-condition", "Give `all`/`any` at least one condition, or remove it."),
    "RP010": ("error", "window-reversed", "Set valid_to on or after valid_from."),
    "RP011": ("error", "weight-out-of-range", "Weights lie between -100 and 100."),
    "RP012": ("error", "bad-value", "Use one of the allowed values shown."),
    "RP013": (
        "error",
        "unknown-template-field",
        "Use `{field}` names that are declaration columns or registered features.",
    ),
    "RP014": (
        "error",
        "bad-list",
        "Fix the list file: `name`, `kind`, `items` shaped for its kind (docs/rule-language.md).",
    ),
    "RP015": ("error", "missing-file", "Check the path; profile.yaml names rule files relative to itself."),
    "RP101": ("warning", "window-passed", "Retire the rule (status: retired) or extend valid_to."),
    "RP102": ("warning", "unsatisfiable", "No declaration can satisfy this test: check the bounds or values."),
    "RP103": ("warning", "no-provenance", "Give every rule a rationale and references (case ids or documents)."),
}


@dataclass(frozen=True)
class Finding:
    """One problem found while loading rules, lists or a profile."""

    code: str
    file: str
    line: int | None
    column: int | None
    rule_id: str | None
    message: str
    hint: str | None = None

    @property
    def severity(self) -> str:
        return CODES[self.code][0]

    def to_json(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity
        d["hint"] = self.hint or CODES[self.code][2]
        return {k: d[k] for k in ("code", "severity", "file", "line", "column", "rule_id", "message", "hint")}

    def where(self) -> str:
        return f"{self.file}:{self.line or 0}:{self.column or 0}"


def read_yaml_file(path) -> tuple[object, list[Finding]]:
    """Parse a YAML file keeping positions: (root, []) or (None, [the RP001 / RP015 finding])."""
    from .yamlio import YamlSyntaxError, read_yaml

    try:
        return read_yaml(path), []
    except YamlSyntaxError as e:
        return None, [Finding("RP001", str(path), e.line, e.column, None, f"YAML syntax error: {e}")]
    except OSError as e:
        return None, [Finding("RP015", str(path), None, None, None, f"cannot read file: {e.strerror or e}")]


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
