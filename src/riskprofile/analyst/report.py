"""Report folders of `backtest` and `compare`: an HTML page and the same text in Markdown, PNG charts, and
the metrics as JSON.

A page is a list of blocks (headings, paragraphs, tables, images, a glossary) rendered twice, to
`report.html` (self-contained apart from the PNGs beside it) and `report.md`. Pages open with what the
numbers say in words, define every term they use, and keep the raw figures for `metrics.json`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..fmt import NO_VALUE, pct
from ..pages import Page, Table
from .metrics import Evaluation

GLOSSARY: list[tuple[str, str]] = [
    ("positive", "a declaration whose label says the inspection found what is looked for (e.g. fraud = 1)."),
    ("base rate", "the share of labelled declarations that are positive: what inspecting at random finds."),
    (
        "inspect the top x% (capacity)",
        "inspect the x% of declarations with the highest scores, highest first (equal scores in input order).",
    ),
    ("precision (hit rate)", "of the declarations inspected, the share that are positive."),
    ("recall", "of all positive declarations, the share among those inspected."),
    ("lift", "precision divided by the base rate: 3 means three times as many finds as random inspection."),
    (
        "value recall",
        "of the total value of the positive declarations, the share carried by the positives inspected: "
        "whether the profile finds the large cases or only many small ones.",
    ),
    (
        "ties, worst tie",
        "a rule-weight score has few distinct values, so many declarations can share the score at the cut; "
        "'tied at cut' counts them and 'precision (ties against)' is the precision if every tie were broken "
        "in favour of the negatives: the figure to plan with.",
    ),
    ("support", "the number of declarations a rule fired on."),
    (
        "95% interval",
        "the Wilson score interval of a rule's precision: with few firings the precision is uncertain and the "
        "interval is wide; a rule whose interval lies above the base rate really selects.",
    ),
    (
        "caught by it alone",
        "positives on which this rule was the only rule that fired: what would be lost without it "
        "(a rule with 0 may still add score to declarations other rules also flag).",
    ),
    (
        "confusion matrix",
        "inspected and positive (found), inspected and negative (a wasted inspection), not inspected and "
        "positive (missed), not inspected and negative (correctly released).",
    ),
    (
        "cost and benefit",
        "value found = the value of the positive declarations inspected; cost = inspections x the cost of "
        "one inspection; break-even cost = value found per inspection: an inspection costing less pays.",
    ),
]


# -- formatting -----------------------------------------------------------------------------------------
def num(v: Any, nd: int = 3) -> str:
    if v is None:
        return NO_VALUE
    if isinstance(v, float):
        return f"{v:.{nd}f}"
    return str(v)


def count(v: Any) -> str:
    return NO_VALUE if v is None else f"{v:,.0f}"


def delta(a: Any, b: Any, nd: int = 3, as_pct: bool = False) -> str:
    if a is None or b is None:
        return NO_VALUE
    d = b - a
    if abs(d) < 10 ** -(nd + 1):
        return "0"
    return f"{100 * d:+.1f} pp" if as_pct else f"{d:+.{nd}f}"


# -- tables ---------------------------------------------------------------------------------------------
def rates_table(ev: Evaluation) -> Table:
    extra = ev.extra_labels
    return Table(
        ["inspect", "declarations", "lowest score", "precision", "precision (ties against)", "tied at cut"]
        + ["recall", "lift", "value recall"]
        + [f"recall {e}" for e in extra],
        [
            [
                pct(r["rate"], 0),
                count(r["k"]),
                num(r["min_score"], 1),
                num(r["precision"]),
                num(r.get("precision_worst")),
                count(r.get("tied_at_cut")),
                num(r["recall"]),
                num(r["lift"], 2),
                num(r["value_recall"]),
            ]
            + [num(r.get(f"recall[{e}]")) for e in extra]
            for r in ev.rates
        ],
    )


def _lane_name(name: str, lanes: dict[str, float] | None) -> str:
    if not lanes:
        return name
    return f"red (score >= {lanes['red']:g})" if name == "red" else f"yellow or red (>= {lanes['yellow']:g})"


def lanes_table(ev: Evaluation, lanes: dict[str, float] | None = None) -> Table:
    extra = ev.extra_labels
    return Table(
        ["inspected", "declarations", "share", "precision", "recall", "lift", "value recall"]
        + [f"recall {e}" for e in extra],
        [
            [
                _lane_name(r["lanes"], lanes),
                count(r["n"]),
                pct(r["share"]),
                num(r["hit_rate"]),
                num(r["recall"]),
                num(r["lift"], 2),
                num(r["value_recall"]),
            ]
            + [num(r.get(f"recall[{e}]")) for e in extra]
            for r in ev.lanes
        ],
    )


def confusion_table(ev: Evaluation, lanes: dict[str, float] | None = None) -> Table:
    rows = []
    for r in ev.lanes:
        rows.append(
            [
                _lane_name(r["lanes"], lanes),
                count(r.get("tp")),
                count(r.get("fp")),
                count(r.get("fn")),
                count(r.get("tn")),
                num(r["hit_rate"]),
                num(r["recall"]),
            ]
        )
    return Table(
        [
            "inspected",
            f"found (inspected, {ev.label})",
            "wasted (inspected, negative)",
            f"missed (released, {ev.label})",
            "released, negative",
            "precision",
            "recall",
        ],
        rows,
        note="Labelled declarations only; precision = found / inspected, recall = found / (found + missed).",
    )


def cost_table(ev: Evaluation, cost: float | None, currency: str) -> Table:
    rows = []
    plans = [(_lane_name(r["lanes"], ev.meta.get("lanes")), r["n"], r) for r in ev.lanes] + [
        (f"top {pct(r['rate'], 0)}", r["k"], r) for r in ev.rates
    ]
    for name, n, r in plans:
        value = r.get("value_caught")
        row = [name, count(n), count(r.get("caught")), count(value), count(value / n if n and value else None)]
        if cost is not None:
            row += [count(n * cost), count(value - n * cost if value is not None else None)]
        rows.append(row)
    headers = ["inspect", "inspections", "positives found", f"value found ({currency})", "break-even cost"]
    if cost is not None:
        headers += [f"cost at {cost:,g} each", "net benefit"]
    note = (
        "Value found: the declared value of the positive declarations inspected (what is at stake in them, not "
        "the duty or fine recovered). Break-even cost: value found per inspection; an inspection that costs less "
        "pays for itself. " + ("" if cost is not None else "Give --inspection-cost to see the net benefit.")
    )
    return Table(headers, rows, note=note)


def rules_table(ev: Evaluation) -> Table:
    rows = []
    for r in sorted(ev.rules, key=lambda r: (-(r["weight"] or 0), r["rule"])):
        low, high = r.get("precision_low"), r.get("precision_high")
        ci = NO_VALUE if low is None else f"{num(low, 2)} – {num(high, 2)}"
        rows.append(
            [
                r["rule"],
                r["family"] or "",
                num(r["weight"], 0),
                count(r["support"]),
                num(r["precision"]),
                ci,
                num(r["lift"], 2),
                num(r["recall"]),
                count(r["only_rule"]),
            ]
        )
    return Table(
        ["rule", "family", "weight", "support", "precision", "95% interval", "lift", "recall", "caught by it alone"],
        rows,
        left=2,
        note="Highest weight first. A negative weight lowers the score (a mitigating rule).",
    )


# -- charts ---------------------------------------------------------------------------------------------
COLOURS = ["#1f5fa8", "#c2571a"]  # profile A (or the only one), profile B


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def chart_thresholds(evals: dict[str, Evaluation], lanes: dict[str, dict[str, float]], path: Path) -> None:
    """Precision and recall of 'inspect every declaration scoring at least t', with the lanes marked."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8, 4.4))
    for (name, ev), c in zip(evals.items(), COLOURS, strict=False):
        pts = [p for p in ev.thresholds if p["precision"] is not None]
        xs = [p["score"] for p in pts]
        suffix = "" if len(evals) == 1 else f" ({name})"
        ax.step(xs, [p["precision"] for p in pts], where="post", color=c, label=f"precision{suffix}")
        ax.step(xs, [p["recall"] for p in pts], where="post", color=c, ls="--", label=f"recall{suffix}")
        for lane, style in (("yellow", ":"), ("red", "-.")):
            t = lanes.get(name, {}).get(lane)
            if t is not None:
                ax.axvline(t, color="#b8860b" if lane == "yellow" else "#b22222", ls=style, lw=1.2)
                ax.annotate(
                    f"{lane}{suffix} >= {t:g}",
                    (t, 0.0),
                    xytext=(3, 4 if c == COLOURS[0] else 16),
                    textcoords="offset points",
                    fontsize=8,
                    color="#b8860b" if lane == "yellow" else "#b22222",
                )
    first = next(iter(evals.values()))
    if first.base_rate is not None:
        ax.axhline(first.base_rate, color="grey", lw=0.8, ls=":", label=f"base rate {first.base_rate:.1%}")
    ax.set_xlabel("score threshold t (inspect every declaration scoring at least t)")
    ax.set_ylabel(first.label)
    ax.set_ylim(0, 1.05)
    ax.invert_xaxis()
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower left")
    ax.set_title("Precision and recall against the score threshold")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def chart_capacity(evals: dict[str, Evaluation], path: Path) -> None:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8, 4.2))
    for (name, ev), c in zip(evals.items(), COLOURS, strict=False):
        xs = [100 * p["rate"] for p in ev.curve]
        suffix = "" if len(evals) == 1 else f" ({name})"
        ax.plot(xs, [p["precision"] for p in ev.curve], color=c, marker="o", ms=3, label=f"precision{suffix}")
        ax.plot(xs, [p["recall"] for p in ev.curve], color=c, marker="s", ms=3, ls="--", label=f"recall{suffix}")
    first = next(iter(evals.values()))
    if first.base_rate is not None:
        ax.axhline(first.base_rate, color="grey", lw=0.8, ls=":", label=f"base rate {first.base_rate:.1%}")
    ax.set_xlabel("inspection capacity (% of declarations, highest scores first)")
    ax.set_ylabel(first.label)
    ax.set_ylim(0, 1.05)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="center right")
    ax.set_title("Precision and recall against the inspection capacity")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def chart_rules(ev: Evaluation, path: Path, title: str) -> bool:
    """Per-rule precision with its 95% interval, the base rate marked."""
    rules = [r for r in ev.rules if r["support"] > 0 and r["precision"] is not None]
    if not rules:
        return False
    rules.sort(key=lambda r: r["precision"])
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(rules) + 1.4))
    ys = range(len(rules))
    lo = [r["precision"] - r["precision_low"] for r in rules]
    hi = [r["precision_high"] - r["precision"] for r in rules]
    ax.errorbar([r["precision"] for r in rules], ys, xerr=[lo, hi], fmt="o", ms=4, color="#1f5fa8", capsize=2)
    ax.set_yticks(list(ys), [r["rule"] for r in rules], fontsize=8)
    for i, r in enumerate(rules):
        ax.annotate(
            f"n={r['support']:,}, w={num(r['weight'], 0)}",
            (1.0, i),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            annotation_clip=False,
        )
    if ev.base_rate is not None:
        ax.axvline(ev.base_rate, color="grey", lw=0.9, ls=":", label=f"base rate {ev.base_rate:.1%}")
        ax.legend(fontsize=8, loc="lower right")
    ax.set_xlim(0, 1.02)
    ax.set_xlabel(f"precision for {ev.label} (declarations the rule fired on), with its 95% interval")
    ax.set_title(title)
    ax.grid(alpha=0.3, axis="x")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


# -- pages ----------------------------------------------------------------------------------------------
def _summary(ev: Evaluation, lanes: dict[str, float] | None) -> str:
    red = next((r for r in ev.lanes if r["lanes"] == "red"), None)
    flagged = next((r for r in ev.lanes if r["lanes"] == "yellow+red"), None)
    five = next((r for r in ev.rates if abs(r["rate"] - 0.05) < 1e-9), ev.rates[-1] if ev.rates else None)
    parts = [
        f"{ev.declarations:,} declarations, {ev.positives:,} of them positive for {ev.label} "
        f"(base rate {pct(ev.base_rate)})."
    ]
    if flagged and red:
        parts.append(
            f"The profile's lanes send {count(flagged['n'])} declarations ({pct(flagged['share'])}) to inspection, "
            f"{count(red['n'])} of them red; {pct(flagged['hit_rate'])} of those inspected are positive "
            f"({num(flagged['lift'], 1)} times the base rate) and they find {pct(flagged['recall'])} of all "
            f"positives, carrying {pct(flagged['value_recall'])} of the positives' value."
        )
    if five:
        parts.append(
            f"Inspecting the top {pct(five['rate'], 0)} by score gives precision {num(five['precision'])} "
            f"({num(five.get('precision_worst'))} if every tie at the cut went against the profile) and recall "
            f"{num(five['recall'])}."
        )
    weak = [
        r["rule"]
        for r in ev.rules
        if r["precision_high"] is not None and ev.base_rate is not None and r["precision_high"] < ev.base_rate
    ]
    if weak:
        parts.append(
            "Rules whose precision is below the base rate even at the top of its 95% interval: "
            + ", ".join(weak)
            + " (review their weights)."
        )
    return " ".join(parts)


def _setup_table(setup: dict[str, str]) -> Table:
    return Table(["", ""], [[k, v] for k, v in setup.items()], left=2)


def write_backtest_report(
    out: Path,
    ev: Evaluation,
    title: str,
    setup: dict[str, str],
    cost: float | None = None,
    currency: str = "input currency",
) -> list[Path]:
    """Write report.html, report.md, thresholds.png, capacity.png, rule_precision.png and metrics.json."""
    out.mkdir(parents=True, exist_ok=True)
    lanes = ev.meta.get("lanes")
    page = Page(title)
    page.p(_summary(ev, lanes))
    page.h2("Set-up")
    page.table(_setup_table(setup))
    page.h2("At the profile's lanes: confusion matrix")
    page.p("Every declaration in the lane(s) is inspected, every other one is released.")
    page.table(confusion_table(ev, lanes))
    page.table(lanes_table(ev, lanes))
    page.h2("Precision and recall against the score threshold")
    chart_thresholds({"profile": ev}, {"profile": lanes or {}}, out / "thresholds.png")
    page.img("thresholds.png", "precision and recall against the score threshold, lanes marked")
    page.h2("At inspection capacities")
    page.table(rates_table(ev))
    chart_capacity({"profile": ev}, out / "capacity.png")
    page.img("capacity.png", "precision and recall against the inspection capacity")
    page.h2("Cost and benefit")
    page.table(cost_table(ev, cost, currency))
    page.h2("Per rule")
    page.table(rules_table(ev))
    files = []
    if chart_rules(ev, out / "rule_precision.png", "Per-rule precision"):
        page.img("rule_precision.png", "per-rule precision with 95% intervals")
        files.append(out / "rule_precision.png")
    page.h2("Glossary")
    page.glossary(GLOSSARY)
    written = page.write(out)
    (out / "metrics.json").write_text(json.dumps(ev.to_dict(), indent=2, ensure_ascii=False, default=str) + "\n")
    return [*written, out / "metrics.json", out / "thresholds.png", out / "capacity.png", *files]


# -- compare --------------------------------------------------------------------------------------------
def side_by_side(a: Evaluation, b: Evaluation) -> list[tuple[str, Any, Any, str]]:
    """(metric, A, B, kind) rows: kind is 'ratio', 'pct' or 'count' (how to format and take the delta)."""
    rows: list[tuple[str, Any, Any, str]] = []
    for ra, rb in zip(a.lanes, b.lanes, strict=False):
        name = "red lane" if ra["lanes"] == "red" else "yellow or red lanes"
        rows += [
            (f"{name}: declarations", ra["n"], rb["n"], "count"),
            (f"{name}: share inspected", ra["share"], rb["share"], "pct"),
            (f"{name}: precision", ra["hit_rate"], rb["hit_rate"], "ratio"),
            (f"{name}: recall", ra["recall"], rb["recall"], "ratio"),
            (f"{name}: value recall", ra["value_recall"], rb["value_recall"], "ratio"),
        ]
    for ra, rb in zip(a.rates, b.rates, strict=False):
        name = f"top {pct(ra['rate'], 0)}"
        rows += [
            (f"{name}: precision", ra["precision"], rb["precision"], "ratio"),
            (f"{name}: precision (ties against)", ra.get("precision_worst"), rb.get("precision_worst"), "ratio"),
            (f"{name}: recall", ra["recall"], rb["recall"], "ratio"),
            (f"{name}: value recall", ra["value_recall"], rb["value_recall"], "ratio"),
        ]
        for e in a.extra_labels:
            rows.append((f"{name}: recall {e}", ra.get(f"recall[{e}]"), rb.get(f"recall[{e}]"), "ratio"))
    return rows


def format_side_by_side(rows: list[tuple[str, Any, Any, str]]) -> list[list[str]]:
    out = []
    for metric, va, vb, kind in rows:
        if kind == "count":
            out.append([metric, count(va), count(vb), NO_VALUE if va is None or vb is None else f"{vb - va:+,}"])
        elif kind == "pct":
            out.append([metric, pct(va), pct(vb), delta(va, vb, as_pct=True)])
        else:
            out.append([metric, num(va), num(vb), delta(va, vb)])
    return out


def changed_rules(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rules added, removed or re-weighted between A and B (same weight in both: left out)."""
    out = []
    for r in rules:
        wa, wb = r["weight_a"], r["weight_b"]
        if wa is None and wb is None:
            continue
        if wa is None:
            change = "added in B"
        elif wb is None:
            change = "removed in B"
        elif wa != wb:
            change = f"weight {wa:g} -> {wb:g}"
        else:
            continue
        out.append(r | {"change": change})
    return out


def changed_rules_rows(rules: list[dict[str, Any]]) -> list[list[str]]:
    return [
        [
            r["rule"],
            r["change"],
            num(r["weight_a"], 0),
            num(r["weight_b"], 0),
            count(r["support_a"]),
            count(r["support_b"]),
            num(r["precision_a"]),
            num(r["precision_b"]),
        ]
        for r in changed_rules(rules)
    ]


CHANGED_HEADERS = ["rule", "change", "weight A", "weight B", "support A", "support B", "precision A", "precision B"]


def write_compare_report(
    out: Path, res: dict[str, Any], a_name: str, b_name: str, setup: dict[str, str], lanes: dict[str, dict]
) -> list[Path]:
    """Write the comparison: one side-by-side table, who inspects what only one of them does, the rules
    that changed, the threshold chart of both; report.html, report.md, PNGs and metrics.json."""
    out.mkdir(parents=True, exist_ok=True)
    a, b = res["a"], res["b"]
    page = Page(f"Compare A = {a_name} with B = {b_name}")
    flagged_a = next((r for r in a.lanes if r["lanes"] == "yellow+red"), None)
    flagged_b = next((r for r in b.lanes if r["lanes"] == "yellow+red"), None)
    changed = changed_rules(res["rules"])
    summary = (
        f"Both profiles scored the same {a.declarations:,} declarations ({a.positives:,} positive for {a.label}, "
        f"base rate {pct(a.base_rate)}). "
    )
    if flagged_a and flagged_b:
        summary += (
            f"At their lanes A inspects {count(flagged_a['n'])} with precision {num(flagged_a['hit_rate'])} and "
            f"recall {num(flagged_a['recall'])}; B inspects {count(flagged_b['n'])} with precision "
            f"{num(flagged_b['hit_rate'])} and recall {num(flagged_b['recall'])}. "
        )
    summary += f"{len(changed)} rule(s) differ (added, removed or re-weighted)."
    page.p(summary)
    page.h2("Set-up")
    page.table(_setup_table(setup))
    page.h2("Side by side")
    page.table(
        Table(
            ["metric", "A", "B", "B - A"],
            format_side_by_side(side_by_side(a, b)),
            note="Deltas of shares in percentage points (pp); of precision and recall as fractions.",
        )
    )
    page.h2("Inspected by only one of them")
    page.table(
        Table(
            ["inspect", "only A", "positive among them", "only B", "positive among them", "positive in both"],
            [
                [
                    f"top {pct(o['rate'], 0)}",
                    count(o["only_a"]),
                    count(o["only_a_positive"]),
                    count(o["only_b"]),
                    count(o["only_b_positive"]),
                    count(o["both_positive"]),
                ]
                for o in res["only_one"]
            ],
            note="At the same capacity the two profiles inspect partly different declarations; this is where "
            "their results differ.",
        )
    )
    page.h2("Rules that changed")
    rows = changed_rules_rows(res["rules"])
    if rows:
        page.table(Table(CHANGED_HEADERS, rows, left=2))
    else:
        page.p("None: both profiles hold the same rules with the same weights.")
    page.h2("Precision and recall against the score threshold")
    chart_thresholds({"A": a, "B": b}, lanes, out / "thresholds.png")
    page.img("thresholds.png", "precision and recall of A and B against the score threshold, lanes marked")
    chart_capacity({"A": a, "B": b}, out / "capacity.png")
    page.img("capacity.png", "precision and recall of A and B against the inspection capacity")
    page.h2("Glossary")
    page.glossary(GLOSSARY)
    written = page.write(out)
    payload = {"a": a.to_dict(), "b": b.to_dict(), "only_one": res["only_one"], "rules": res["rules"]}
    (out / "metrics.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    return [*written, out / "metrics.json", out / "thresholds.png", out / "capacity.png"]
