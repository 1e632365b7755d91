"""Reports of simulation runs: tables (CSV, Markdown, HTML), a PNG chart and an HTML page with the chart.

``write_report(directory, runs)`` takes named runs (e.g. ``{"static": r1, "routing+history": r2}``,
same seed and traffic model, different profiles) and writes:

- ``summary.json``: per run shares vs 2016 targets, counts, control estimates, timings;
- ``shares.csv``, ``weekly.csv`` (one row per run and week);
- ``weekly.png``: hit rate, recall and port drift by week, one line per run;
- ``report.html``: the tables and the same chart inline (SVG), self-contained;
- ``report.md``: the tables in Markdown for notes and issues.
"""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import polars as pl

from .engine import SimResult

METRICS = [
    ("recall", "recall (flagged / infringing)"),
    ("hit_rate", "hit rate (seizures / profile examinations)"),
    ("port_drift", "infringing lodged away from usual ports"),
    ("postal_share", "infringing sent as postal parcels"),
]


def shares_table(runs: dict[str, SimResult]) -> pl.DataFrame:
    rows = []
    for name, r in runs.items():
        for t in r.target_check():
            rows.append(
                {
                    "run": name,
                    "key": t["key"],
                    "of": t["of"],
                    "target": t["target"],
                    "simulated": t["simulated"],
                    "diff_pp": t["diff_pp"],
                    "ok": t["ok"],
                }
            )
    return pl.DataFrame(rows)


def weekly_table(runs: dict[str, SimResult]) -> pl.DataFrame:
    return pl.concat(
        [r.weekly.with_columns(pl.lit(name).alias("run")).select("run", pl.exclude("run")) for name, r in runs.items()],
        how="diagonal",
    )


def side_by_side(
    runs: dict[str, SimResult], metrics: tuple[str, ...] = ("recall", "hit_rate", "port_drift", "zj_sea_at_shanghai")
) -> pl.DataFrame:
    """One row per week; for each run its recall, hit rate, port drift and the C04 Ningbo->Shanghai drift."""
    out = None
    for name, r in runs.items():
        w = r.weekly.select("week", *[pl.col(m).round(4).alias(f"{m} [{name}]") for m in metrics])
        out = w if out is None else out.join(w, on="week", how="left")
    return out if out is not None else pl.DataFrame()


def chart(runs: dict[str, SimResult], fmt: str = "png") -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(11, 7), sharex=True)
    for ax, (m, label) in zip(axes.flat, METRICS, strict=False):
        for name, r in runs.items():
            ax.plot(r.weekly["week"].to_list(), r.weekly[m].to_list(), label=name, linewidth=1.6)
        ax.set_title(label, fontsize=10)
        ax.set_ylim(0, 1)
        ax.grid(alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel("week")
    axes[0][0].legend(fontsize=9)
    first = next(iter(runs.values()))
    fig.suptitle(
        f"Adaptive infringers, {first.n:,} declarations over {first.weeks} weeks (seed {first.seed})", fontsize=11
    )
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=110)
    plt.close(fig)
    return buf.getvalue()


def _md(df: pl.DataFrame) -> str:
    cols = df.columns
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in df.iter_rows():
        lines.append("| " + " | ".join(_fmt(v) for v in row) + " |")
    return "\n".join(lines)


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4f}"
    return "" if v is None else str(v)


def _html_table(df: pl.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in df.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in row) + "</tr>" for row in df.iter_rows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def estimates_table(runs: dict[str, SimResult]) -> pl.DataFrame:
    rows = []
    for name, r in runs.items():
        for e in r.estimates.values():
            rows.append(
                {
                    "run": name,
                    "quantity": e.name,
                    "estimate": e.estimate,
                    "ci_low": e.low,
                    "ci_high": e.high,
                    "true": e.true,
                    "n": e.n,
                    "true_in_ci": e.covered,
                }
            )
    return pl.DataFrame(rows)


def write_report(directory: str | Path, runs: dict[str, SimResult]) -> list[Path]:
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    written = []
    summary = {name: {k: v for k, v in r.as_json().items() if k != "weekly"} for name, r in runs.items()}
    p = d / "summary.json"
    p.write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    written.append(p)
    sh = shares_table(runs)
    wk = weekly_table(runs)
    sbs = side_by_side(runs)
    est = estimates_table(runs)
    for name, df in (("shares.csv", sh), ("weekly.csv", wk), ("side_by_side.csv", sbs), ("control.csv", est)):
        df.write_csv(d / name)
        written.append(d / name)
    png = d / "weekly.png"
    png.write_bytes(chart(runs, "png"))
    written.append(png)
    svg = chart(runs, "svg").decode("utf-8")
    svg = svg[svg.find("<svg") :]
    first = next(iter(runs.values()))
    title = f"riskprofile simulate: {first.n:,} declarations, {first.weeks} weeks, seed {first.seed}"
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto}}
table{{border-collapse:collapse;margin:1em 0;font-size:13px}}
td,th{{border:1px solid #ccc;padding:3px 6px;text-align:right}}th{{background:#f3f3f3}}</style></head><body>
<h1>{html.escape(title)}</h1>
<h2>Weekly hit rate, recall and port drift</h2>{svg}
<h2>Detained shares vs 2016 (000 §一)</h2>{_html_table(sh)}
<h2>Random control group: estimates vs truth</h2>{_html_table(est)}
<h2>Side by side, by week</h2>{_html_table(sbs)}
</body></html>"""
    h = d / "report.html"
    h.write_text(page, encoding="utf-8")
    written.append(h)
    md = d / "report.md"
    md.write_text(
        f"# {title}\n\n## Shares vs 2016\n\n{_md(sh)}\n\n## Control group\n\n{_md(est)}\n\n"
        f"## Weekly, side by side\n\n{_md(sbs)}\n\n![weekly](weekly.png)\n",
        encoding="utf-8",
    )
    written.append(md)
    return written


__all__ = ["write_report", "shares_table", "weekly_table", "side_by_side", "estimates_table", "chart"]
