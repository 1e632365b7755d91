"""Report folders: an HTML page with the tables, PNG charts, and the metrics as JSON."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from ..fmt import NO_VALUE, pct
from .metrics import Evaluation


def _num(v: Any, nd: int = 2) -> str:
    if v is None:
        return NO_VALUE
    if isinstance(v, float):
        return f"{v:.{nd}f}"
    return str(v)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _charts(evals: dict[str, Evaluation], out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    files = []
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for name, ev in evals.items():
        xs = [100 * c["rate"] for c in ev.curve]
        ax.plot(xs, [c["precision"] for c in ev.curve], marker="o", ms=3, label=f"precision ({name})")
        ax.plot(xs, [c["recall"] for c in ev.curve], marker="s", ms=3, ls="--", label=f"recall ({name})")
    first = next(iter(evals.values()))
    if first.base_rate is not None:
        ax.axhline(first.base_rate, color="grey", lw=0.8, ls=":", label=f"base rate {first.base_rate:.1%}")
    ax.set_xlabel("inspection rate (% of declarations, highest scores first)")
    ax.set_ylabel(first.label)
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="center right")
    ax.set_title("Precision and recall vs inspection rate")
    fig.tight_layout()
    fig.savefig(out / "precision_recall.png", dpi=120)
    plt.close(fig)
    files.append("precision_recall.png")

    for name, ev in evals.items():
        rules = [r for r in ev.rules if r["support"] > 0 and r["lift"] is not None]
        rules.sort(key=lambda r: r["lift"])
        if not rules:
            continue
        fig, ax = plt.subplots(figsize=(7, 0.28 * len(rules) + 1.2))
        ax.barh([r["rule"] for r in rules], [r["lift"] for r in rules], color="#4a7ab7")
        for i, r in enumerate(rules):
            ax.text(r["lift"], i, f"  n={r['support']}, w={_num(r['weight'], 0)}", va="center", fontsize=7)
        ax.axvline(1.0, color="grey", lw=0.8, ls=":")
        ax.set_xlabel(f"lift (precision of the rule / base rate of {ev.label})")
        ax.set_title(f"Per-rule lift ({name})")
        ax.set_xlim(0, max(r["lift"] for r in rules) * 1.35)
        fig.tight_layout()
        fname = f"rule_lift{'' if len(evals) == 1 else '_' + name}.png"
        fig.savefig(out / fname, dpi=120)
        plt.close(fig)
        files.append(fname)
    return files


def rates_rows(ev: Evaluation) -> list[list[str]]:
    extra = ev.extra_labels
    return [
        [
            pct(r["rate"]),
            str(r["k"]),
            _num(r["min_score"], 1),
            _num(r["precision"], 3),
            _num(r.get("precision_worst"), 3),
            _num(r["recall"], 3),
            _num(r["lift"], 2),
            _num(r["value_recall"], 3),
            str(r.get("tied_at_cut", "")),
        ]
        + [_num(r.get(f"recall[{e}]"), 3) for e in extra]
        for r in ev.rates
    ]


def rates_headers(ev: Evaluation) -> list[str]:
    return [
        "inspect",
        "declarations",
        "min score",
        "precision",
        "precision (ties against)",
        "recall",
        "lift",
        "value recall",
        "tied at cut",
    ] + [f"recall {e}" for e in ev.extra_labels]


def lanes_rows(ev: Evaluation) -> list[list[str]]:
    return [
        [
            r["lanes"],
            str(r["n"]),
            pct(r["share"]),
            _num(r["hit_rate"], 3),
            _num(r["recall"], 3),
            _num(r["lift"], 2),
            _num(r["value_recall"], 3),
        ]
        + [_num(r.get(f"recall[{e}]"), 3) for e in ev.extra_labels]
        for r in ev.lanes
    ]


def lanes_headers(ev: Evaluation) -> list[str]:
    return ["lanes", "declarations", "share", "hit rate", "recall", "lift", "value recall"] + [
        f"recall {e}" for e in ev.extra_labels
    ]


def rules_rows(ev: Evaluation) -> list[list[str]]:
    return [
        [
            r["rule"],
            r["family"] or "",
            _num(r["weight"], 0),
            str(r["support"]),
            pct(r["share"]),
            _num(r["precision"], 3),
            _num(r["lift"], 2),
            _num(r["recall"], 3),
            str(r["only_rule"]),
        ]
        for r in ev.rules
    ]


RULES_HEADERS = ["rule", "family", "weight", "support", "share", "precision", "lift", "recall", "caught by it alone"]


def write_report(
    out: Path, evals: dict[str, Evaluation], title: str, meta: dict[str, Any] | None = None, extra_html: str = ""
) -> list[Path]:
    """Write report.html, PNG charts and metrics.json into `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    charts = _charts(evals, out)
    parts = [f"<h1>{html.escape(title)}</h1>"]
    if meta:
        parts.append("<pre>" + html.escape(json.dumps(meta, indent=2, ensure_ascii=False, default=str)) + "</pre>")
    for name, ev in evals.items():
        parts.append(
            f"<h2>{html.escape(name)}: {ev.declarations} declarations, {ev.positives} positive "
            f"({pct(ev.base_rate)}) for <code>{html.escape(ev.label)}</code></h2>"
        )
        parts.append("<h3>At inspection capacities</h3>" + _table(rates_headers(ev), rates_rows(ev)))
        parts.append("<h3>At the profile's lanes</h3>" + _table(lanes_headers(ev), lanes_rows(ev)))
        parts.append("<h3>Per rule</h3>" + _table(RULES_HEADERS, rules_rows(ev)))
    parts.append(extra_html)
    parts += [f'<p><img src="{c}" alt="{c}"></p>' for c in charts]
    style = (
        "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
        "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;"
        "text-align:right;font-size:13px}th{background:#f2f2f2}td:first-child{text-align:left}"
        "pre{background:#f7f7f7;padding:8px;font-size:12px}"
    )
    page = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{style}</style></head><body>{''.join(parts)}</body></html>"
    )
    (out / "report.html").write_text(page, encoding="utf-8")
    (out / "metrics.json").write_text(
        json.dumps(
            {k: v.to_dict() for k, v in evals.items()} | {"meta": meta or {}}, indent=2, ensure_ascii=False, default=str
        )
        + "\n",
        encoding="utf-8",
    )
    return [out / "report.html", out / "metrics.json", *[out / c for c in charts]]
