"""Tune: fit rule weights on a training file, choose lane thresholds on a validation file, write both
back into the YAML files in place.

Weights: a logistic regression of the declaration label on the fired-rule matrix (one column per
active rule), sign-constrained (a rule keeps the sign of its current weight; 0 counts as positive),
L1 + L2 regularised, solved with scipy's L-BFGS-B. Training features are computed *as of each
declaration's date* (outcome features see the training labels of strictly earlier days only), so a
rule's weight reflects what it knew at the time. A weight is `round(scale x coefficient)` points,
clipped to [-100, 100]. Rules tagged `fixed-weight` keep their weight (it enters the fit as an offset).

Thresholds: the validation file is scored with the training file as labelled history (its own labels
hidden); `red` is the lowest score whose share of declarations at or above it does not exceed the red
target rate, `yellow` likewise for its rate.

Write-back: only the scalar tokens of changed `weight:` and `lanes.yellow/red` values are replaced in
the original text (positions from the round-trip parser), so comments, order, quoting and layout stay
byte-for-byte (CRLF files stay CRLF); a unified diff is shown first; the rule files, the profile and
`tuning.json` are replaced together or not at all (`commit`). Re-running on the same
data reproduces the same numbers, hence no change.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from scipy.optimize import minimize

from ..engine.profile import Profile
from ..errors import RiskProfileError
from ..loader.profile import rule_files
from ..model.rules import WEIGHT_MAX, WEIGHT_MIN
from ..yamlio import commit_files, read_text_exact, read_yaml

FIXED_TAG = "fixed-weight"
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass
class FitResult:
    coef: dict[str, float]
    intercept: float
    weights: dict[str, float]  # new points per tuned rule
    fixed: dict[str, float]  # rules left alone
    rows: int
    positives: int
    converged: bool
    loss: float


def fit_weights(
    X: np.ndarray,
    y: np.ndarray,
    rule_ids: list[str],
    current: dict[str, float],
    fixed: set[str] = frozenset(),
    l1: float = 20.0,
    l2: float = 1.0,
    scale: float = 20.0,
) -> FitResult:
    """Sign-constrained, L1+L2 regularised logistic regression on fired flags -> weight points."""
    y = y.astype(np.float64)
    X = X.astype(np.float64)
    free = [j for j, r in enumerate(rule_ids) if r not in fixed]
    offset = (
        np.zeros(len(y))
        if not fixed
        else X[:, [j for j, r in enumerate(rule_ids) if r in fixed]]
        @ np.array([current[r] / scale for r in rule_ids if r in fixed])
    )
    Xf = X[:, free]
    # identical fired patterns are merged (counts as sample weights): same optimum, far fewer rows
    key = np.concatenate([Xf, offset[:, None]], axis=1)
    uniq, inv = np.unique(key, axis=0, return_inverse=True)
    inv = inv.reshape(-1)
    cnt = np.bincount(inv).astype(np.float64)
    pos = np.bincount(inv, weights=y)
    Xu, off = uniq[:, :-1], uniq[:, -1]
    n = float(len(y))
    sign = np.array([-1.0 if current.get(rule_ids[j], 0.0) < 0 else 1.0 for j in free])

    def objective(w: np.ndarray):
        b, v = w[0], w[1:]
        beta = sign * v
        z = Xu @ beta + b + off
        loss = (cnt * np.logaddexp(0.0, z) - pos * z).sum() / n
        p = 1.0 / (1.0 + np.exp(-z))
        g = (cnt * p - pos) / n
        val = loss + (l2 * 0.5 * (v**2).sum() + l1 * v.sum()) / n
        grad = np.concatenate([[g.sum()], sign * (Xu.T @ g) + (l2 * v + l1) / n])
        return val, grad

    w0 = np.zeros(len(free) + 1)
    base = y.mean() if len(y) else 0.5
    w0[0] = np.log(max(base, 1e-6) / max(1 - base, 1e-6))
    res = minimize(
        objective,
        w0,
        jac=True,
        method="L-BFGS-B",
        bounds=[(None, None)] + [(0.0, None)] * len(free),
        options={"maxiter": 5000, "ftol": 1e-12, "gtol": 1e-9},
    )
    beta = sign * res.x[1:]
    coef = {rule_ids[j]: float(c) for j, c in zip(free, beta, strict=False)}
    weights = {r: float(np.clip(round(c * scale), WEIGHT_MIN, WEIGHT_MAX)) + 0.0 for r, c in coef.items()}
    return FitResult(
        coef,
        float(res.x[0]),
        weights,
        {r: current[r] for r in rule_ids if r in fixed},
        int(len(y)),
        int(y.sum()),
        bool(res.success),
        float(res.fun),
    )


def choose_thresholds(scores: np.ndarray, targets: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """Lane -> lowest positive score whose share (score >= it) does not exceed the lane's target rate;
    and the share each threshold gives. Red never below yellow."""
    n = len(scores)
    values = np.unique(scores[scores > 0])[::-1]  # distinct positive scores, high to low
    at_or_above = np.array([(scores >= v).sum() for v in values]) / max(n, 1)
    out, shares = {}, {}
    for lane, rate in targets.items():
        ok = values[at_or_above <= rate + 1e-12]
        t = float(ok.min()) if ok.size else float(values.max() + 1 if values.size else 1.0)
        out[lane] = t
        shares[lane] = float((scores >= t).mean()) if n else 0.0
    if "red" in out and "yellow" in out and out["red"] < out["yellow"]:
        out["red"] = out["yellow"]
        shares["red"] = shares["yellow"]
    return out, shares


# -- write-back ------------------------------------------------------------------------------------
def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.4g}"


def _same(text: str, v: float) -> bool:
    try:
        return float(text) == float(v)
    except ValueError:
        return False


def _replace_at(lines: list[str], line: int, col: int, value: float) -> bool:
    """Replace the number token starting at (line, col) (0-based); False when it already has the value."""
    m = _NUMBER.match(lines[line], col)
    if m is None:
        raise ValueError(f"line {line + 1}: no number at column {col + 1}")
    if _same(m.group(0), value):
        return False
    new, rest = _fmt(value), lines[line][m.end() :]
    gap = re.match(r"( +)#", rest)
    if gap:  # keep a trailing comment in its column when there is room
        spaces = max(1, len(gap.group(1)) + len(m.group(0)) - len(new))
        rest = " " * spaces + rest[len(gap.group(1)) :]
    lines[line] = lines[line][: m.start()] + new + rest
    return True


@dataclass
class Edit:
    path: Path
    before: str
    after: str

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=str(self.path),
                tofile=str(self.path),
            )
        )


def plan_edits(
    profile_path: Path, patterns: list[str], weights: dict[str, float], lanes: dict[str, float] | None
) -> list[Edit]:
    """Text edits (only changed numbers) of the rule files and the profile file."""
    edits: list[Edit] = []
    for f in rule_files(profile_path, patterns)[0]:
        text = read_text_exact(f)
        root = read_yaml(f)
        items = root.get("rules") if isinstance(root, dict) else None
        if not items:
            continue
        lines = text.splitlines(keepends=True)
        changed = False
        for node in items:
            if not isinstance(node, dict) or node.get("id") not in weights or "weight" not in node:
                continue
            ln, col = node.lc.value("weight")
            changed |= _replace_at(lines, ln, col, weights[node["id"]])
        if changed:
            edits.append(Edit(f, text, "".join(lines)))
    if lanes:
        text = read_text_exact(profile_path)
        root = read_yaml(profile_path)
        lines = text.splitlines(keepends=True)
        changed = False
        node = root.get("lanes") if isinstance(root, dict) else None
        if node is None:
            raise ValueError(
                f"{profile_path}: no `lanes:` mapping to write thresholds into; add `lanes: {{yellow: 40, red: 70}}`"
            )
        for lane, v in lanes.items():
            if lane not in node:
                raise ValueError(f"{profile_path}: `lanes.{lane}` is missing; add it so tune can set it")
            ln, col = node.lc.value(lane)
            changed |= _replace_at(lines, ln, col, v)
        if changed:
            edits.append(Edit(profile_path, text, "".join(lines)))
    return edits


# -- the tuning record -----------------------------------------------------------------------------
def record_path(profile_path: Path) -> Path:
    return profile_path.with_name("tuning.json")


#: What identifies a tuning outcome: same data, parameters and resulting numbers = nothing to record.
_RECORD_KEY = ("label", "train", "valid", "history", "parameters")


def _outcome(rec: dict[str, Any]) -> dict[str, Any]:
    rec = json.loads(json.dumps(rec, default=str))
    return {
        **{k: rec.get(k) for k in _RECORD_KEY},
        "weights": (rec.get("weights") or {}).get("after"),
        "lanes": (rec.get("lanes") or {}).get("after"),
    }


def record_text(path: Path, record: dict[str, Any]) -> str | None:
    """The text of `tuning.json` for `record`, or None when the existing one already records this outcome
    (same data fingerprints, parameters, resulting weights and lanes): a re-run leaves it as it is."""
    if path.exists():
        try:
            if _outcome(json.loads(path.read_text(encoding="utf-8"))) == _outcome(record):
                return None
        except (json.JSONDecodeError, OSError):
            pass
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def commit(edits: list[Edit], record_file: Path, record: dict[str, Any]) -> bool:
    """Write the rule files, the profile and `tuning.json` together or not at all (`yamlio.commit_files`):
    on a full disk or an interruption no file carries new numbers while another keeps old ones, and no
    temp file is left behind. True when the record was (re)written."""
    texts = {e.path: e.after for e in edits}
    rec = record_text(record_file, record)
    if rec is not None:
        texts[record_file] = rec
    commit_files(texts)
    return rec is not None


@dataclass
class TunePlan:
    fit: FitResult
    lanes_before: dict[str, float]
    lanes_after: dict[str, float]
    lane_shares: dict[str, float]
    weights_before: dict[str, float]
    edits: list[Edit] = field(default_factory=list)
    record: dict[str, Any] = field(default_factory=dict)


def declaration_dates(frames: list[pl.DataFrame]) -> pl.DataFrame:
    """decl_id -> first declared_at (ISO dates; others parsed leniently)."""
    df = pl.concat(
        [
            f.select(
                pl.col("decl_id").cast(pl.String).str.strip_chars(),
                pl.col("declared_at").cast(pl.String).str.strip_chars().str.slice(0, 10),
            )
            for f in frames
        ]
    )
    return df.group_by("decl_id", maintain_order=True).agg(
        pl.col("declared_at").first().str.to_date("%Y-%m-%d", strict=False).alias("date")
    )


def burn_in_mask(decl_ids: np.ndarray, dates: pl.DataFrame, burn_in_days: int, fit_from: dt.date | None) -> np.ndarray:
    d = pl.DataFrame({"decl_id": decl_ids.astype(str)}).join(dates, on="decl_id", how="left", maintain_order="left")[
        "date"
    ]
    start = fit_from
    if start is None and burn_in_days > 0 and d.drop_nulls().len():
        start = d.min() + dt.timedelta(days=burn_in_days)
    if start is None:
        return np.ones(len(decl_ids), dtype=bool)
    return (d >= start).fill_null(False).to_numpy()


def current_weights(profile: Profile) -> dict[str, float]:
    return {r.id: float(r.weight) for r in profile.rules}


def fixed_rules(profile: Profile) -> set[str]:
    return {r.id for r in profile.rules if FIXED_TAG in r.tags}


def run_tune(
    profile: Profile,
    train: list[pl.DataFrame],
    valid: list[pl.DataFrame],
    label,
    *,
    history: list[pl.DataFrame] | None = None,
    targets: dict[str, float] | None = None,
    l1: float = 20.0,
    l2: float = 1.0,
    scale: float = 20.0,
    burn_in_days: int = 0,
    fit_from: dt.date | None = None,
    extra_labels=(),
    progress=None,
) -> tuple[TunePlan, dict[str, Any]]:
    """Fit weights on `train` (as of each date), thresholds on `valid` (history = history + train).

    Returns the plan (new weights, lanes, text edits) and before/after evaluations on `valid`.
    """
    from .backtest import score_labelled
    from .metrics import evaluate

    if profile.path is None:
        raise ValueError("tune needs a profile loaded from a file (it writes the weights back)")
    targets = dict(targets or {"yellow": 0.10, "red": 0.05})
    labels = [label, *extra_labels]
    # 1. training matrix: as of each declaration's date, training labels of earlier days visible
    tr_scored, tr_time = score_labelled(profile, train, [label], history=history, online=True, progress=progress)
    y = tr_scored.truth[label.name]
    keep = (y >= 0) & burn_in_mask(tr_scored.decl_id, declaration_dates(train), burn_in_days, fit_from)
    current = current_weights(profile)
    fit = fit_weights(
        tr_scored.fired[keep], y[keep], tr_scored.rule_ids, current, fixed_rules(profile), l1=l1, l2=l2, scale=scale
    )
    new_weights = {**{r: current[r] for r in tr_scored.rule_ids}, **fit.weights}
    tuned = profile.with_weights(new_weights)
    # 2. thresholds on the validation file, history = history files + train (labels of valid hidden)
    va_hist = list(history or []) + list(train)
    va_after, va_time = score_labelled(tuned, valid, labels, history=va_hist, progress=progress)
    lanes, shares = choose_thresholds(va_after.score, targets)
    lanes_before = {"yellow": float(profile.config.lanes.yellow), "red": float(profile.config.lanes.red)}
    final = tuned.with_weights({}, lanes=lanes)
    va_before, _ = score_labelled(profile, valid, labels, history=va_hist)
    va_after.lane = np.where(
        va_after.score >= lanes.get("red", np.inf),
        "red",
        np.where(va_after.score >= lanes.get("yellow", np.inf), "yellow", "green"),
    )
    fams = {r.id: r.family for r in profile.rules}
    extra = [lab.name for lab in extra_labels]
    before = evaluate(va_before, label.name, extra, weights=current, families=fams)
    after = evaluate(va_after, label.name, extra, weights={r.id: r.weight for r in final.rules}, families=fams)
    edits = plan_edits(profile.path, profile.config.rules, fit.weights, lanes)
    plan = TunePlan(fit, lanes_before, lanes, shares, current, edits)
    return plan, {
        "before": before,
        "after": after,
        "train_timing": tr_time.to_dict(),
        "valid_timing": va_time.to_dict(),
        "train_rows_used": int(keep.sum()),
        "train_positives_used": int((y[keep] == 1).sum()),
    }


class TuneError(RiskProfileError):
    """Tuning cannot run on these files (a label column missing, a profile not loaded from a file...)."""


@dataclass
class TuneOutcome:
    """What `tune_files` did: the plan and its evaluations, the tuning record, the diff, what was written."""

    plan: TunePlan
    evaluation: dict[str, Any]
    record: dict[str, Any]
    record_file: Path
    diff: str
    dry_run: bool
    record_written: bool = False

    def to_json(self) -> dict[str, Any]:
        """The `tune --json` object: changed files, dry run, diff, record path, then the record."""
        return {
            "changed_files": [str(e.path) for e in self.plan.edits],
            "dry_run": self.dry_run,
            "diff": self.diff,
            "record": None if self.dry_run else str(self.record_file),
        } | self.record


def brief(ev: Any) -> dict[str, Any]:
    """An evaluation's rate and lane tables, floats rounded to 4 places (what a tuning record keeps)."""
    return {
        "rates": [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()} for r in ev.rates],
        "lanes": [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()} for r in ev.lanes],
    }


def tune_files(
    profile_path: Path,
    train: list[Path],
    valid: list[Path],
    label: Any,
    *,
    also: Sequence[Any] = (),
    mapping: Path | None = None,
    history: Sequence[Path] = (),
    targets: dict[str, float] | None = None,
    l1: float = 20.0,
    l2: float = 1.0,
    scale: float = 20.0,
    burn_in_days: int = 0,
    fit_from: dt.date | None = None,
    dry_run: bool = False,
    progress: Any = None,
) -> TuneOutcome:
    """Tune the profile at `profile_path` on labelled files (the library behind `riskprofile tune`): fit,
    choose thresholds, build the tuning record and, unless `dry_run`, rewrite the YAML and the record."""
    from ..io.mapping import read_mapped
    from ..loader.profile import load_with_mapping, resolve_profile_path
    from .data import fingerprint

    targets = dict(targets or {"yellow": 0.10, "red": 0.05})
    prof = load_with_mapping(profile_path, mapping)
    tr, va = read_mapped(train, mapping), read_mapped(valid, mapping)
    hist = read_mapped(history, mapping) if history else None
    try:
        plan, ev = run_tune(
            prof,
            tr,
            va,
            label,
            history=hist,
            targets=targets,
            l1=l1,
            l2=l2,
            scale=scale,
            burn_in_days=burn_in_days,
            fit_from=fit_from,
            extra_labels=also,
            progress=progress,
        )
    except (KeyError, ValueError) as e:
        raise TuneError(str(e).strip("'\"")) from None
    ppath = resolve_profile_path(profile_path)
    record = {
        "profile": str(ppath),
        "label": label.name,
        "also": [e.name for e in also],
        "train": fingerprint(train),
        "valid": fingerprint(valid),
        "history": fingerprint(history),
        "mapping": str(mapping) if mapping else None,
        "parameters": {
            "l1": l1,
            "l2": l2,
            "scale": scale,
            "burn_in_days": burn_in_days,
            "fit_from": fit_from.isoformat() if fit_from else None,
            "targets": targets,
        },
        "fit": {
            "rows": ev["train_rows_used"],
            "positives": ev["train_positives_used"],
            "converged": plan.fit.converged,
            "loss": round(plan.fit.loss, 6),
            "intercept": round(plan.fit.intercept, 6),
            "coefficients": {k: round(v, 6) for k, v in plan.fit.coef.items()},
            "fixed": plan.fit.fixed,
        },
        "weights": {"before": plan.weights_before, "after": {**plan.weights_before, **plan.fit.weights}},
        "lanes": {"before": plan.lanes_before, "after": plan.lanes_after, "valid_shares": plan.lane_shares},
        "valid_metrics": {"before": brief(ev["before"]), "after": brief(ev["after"])},
        "tuned_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    outcome = TuneOutcome(plan, ev, record, record_path(ppath), "".join(e.diff() for e in plan.edits), dry_run)
    if not dry_run:
        outcome.record_written = commit(plan.edits, outcome.record_file, record)
    return outcome
