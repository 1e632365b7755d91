"""Reports of simulation runs, for people and for machines.

``write_report(directory, runs)`` takes named runs (e.g. ``{"static": r1, "routing+history": r2}``,
same seed and traffic model, different profiles) and writes:

- ``report.html`` and ``report.md``: a conclusion in words, the declared -> inspected -> seized funnel,
  the detained-goods shares against 2016 (labelled, sources cited by title), the control-group estimates
  against the truth, the weekly chart and the weekly figures (folded away; by four weeks in Markdown);
- ``weekly.png``: recall, hit rate, port drift and postal share by week, one line per run;
- ``summary.json``, ``shares.csv``, ``weekly.csv``, ``side_by_side.csv``, ``control.csv``: the figures.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import polars as pl

from ..fmt import NO_VALUE, num, pct
from ..model.sources import cite
from ..pages import Page, Table
from .engine import MIN_SIDE_BATCHES, SimResult

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


#: What each share and estimate means, for people (the JSON keys stay for machines).
SHARE_LABELS = {
    "export_batch_share": "exports, share of detained batches",
    "postal_batch_share": "postal parcels, share of detained batches",
    "sea_item_share": "sea freight, share of detained items",
    "trademark_item_share": "trademark infringements, share of detained items",
    "ex_officio_batch_share": "detained on customs' own initiative (ex officio), share of batches",
    "export_item_share": "exports, share of detained items",
    "ex_officio_item_share": "detained on customs' own initiative (ex officio), share of items",
    "postal_express_batch_share": "postal and express parcels, share of detained batches",
    "patent_batch_share": "patent infringements, share of detained batches",
}
ESTIMATE_LABELS = {
    "infringement_rate": "declarations that infringe",
    "recall": "infringing declarations the profile flags (recall)",
    "leakage": "infringing declarations not seized (leakage)",
}
RUN_LABELS = {
    "static": "static profile (without routing and trader-history rules)",
    "routing+history": "the profile (with routing and trader-history rules)",
}


def yes_no(v: bool | None) -> str:
    return NO_VALUE if v is None else ("yes" if v else "no")


def funnel(r: SimResult) -> dict[str, int]:
    """Declared -> flagged -> selected -> inspected -> seized, for all declarations and the infringing ones."""
    inf = pl.col("infringing")
    flagged = pl.col("lane").is_in(["yellow", "red"])
    row = r.outcomes.select(
        declared=pl.len(),
        flagged=flagged.sum(),
        red=(pl.col("lane") == "red").sum(),
        random=pl.col("random").sum(),
        selected=(pl.col("selected_by") != "none").sum(),
        inspected=pl.col("inspected").sum(),
        overflow=pl.col("overflow").sum(),
        seized=pl.col("seized").sum(),
        items_seized=pl.col("items_seized").sum(),
        infringing=inf.sum(),
        infringing_flagged=(inf & flagged).sum(),
        infringing_inspected=(inf & pl.col("inspected")).sum(),
        infringing_seized=(inf & pl.col("seized")).sum(),
    ).row(0, named=True)
    return {k: int(v) for k, v in row.items()}


FUNNEL_ROWS = [
    ("declared", "declarations lodged"),
    ("flagged", "flagged by the profile (yellow or red lane)"),
    ("red", "of them red"),
    ("random", "random control picks"),
    ("selected", "selected for inspection (profile or random)"),
    ("overflow", "of them released for lack of inspection capacity"),
    ("inspected", "inspected"),
    ("seized", "seized (batches)"),
    ("items_seized", "items seized"),
    ("infringing", "infringing declarations lodged"),
    ("infringing_flagged", "infringing: flagged"),
    ("infringing_inspected", "infringing: inspected"),
    ("infringing_seized", "infringing: seized"),
]


def _conclusion(main: str, runs: dict[str, SimResult], funnels: dict[str, dict[str, int]]) -> str:
    r, f = runs[main], funnels[main]
    checks = r.target_check()
    met = [t for t in checks if t["ok"]]
    missed = [SHARE_LABELS.get(t["key"], t["key"]) for t in checks if t["ok"] is False]
    unjudged = [t for t in checks if t["simulated"] is not None and not t["judged"]]
    parts = [
        f"Of {f['declared']:,} simulated declarations {f['infringing']:,} ({pct(f['infringing'] / f['declared'])}) "
        f"infringe. The profile flagged {f['flagged']:,} ({pct(f['flagged'] / f['declared'])}); "
        f"{f['inspected']:,} declarations were inspected within the offices' capacity ({f['overflow']:,} selected "
        f"ones released for lack of it) and {f['seized']:,} batches seized, "
        f"{pct(f['infringing_seized'] / f['infringing'] if f['infringing'] else None)} of the infringing ones.",
        f"{len(met)} of the {len(checks)} shares of detained goods reported for 2016 are reproduced within their "
        "tolerance" + (f"; missed: {', '.join(missed)}." if missed else "."),
    ]
    for t in unjudged:
        parts.append(
            f"The {SHARE_LABELS.get(t['key'], t['key'])} is not judged at this size: it rests on "
            f"{t['smaller_side_batches']} detained batch(es) on its smaller side (fewer than {MIN_SIDE_BATCHES}), "
            "each of which moves it by several points; a larger run judges it."
        )
    est = r.estimates.get("infringement_rate")
    if est is not None and est.low is not None:
        parts.append(
            f"The random control inspections estimate the share of infringing declarations at {pct(est.estimate, 2)} "
            f"(95% interval {pct(est.low, 2)} to {pct(est.high, 2)}; the simulation's true value "
            f"{pct(est.true, 2)} is {'inside' if est.covered else 'outside'} it): without them the infringing "
            "traffic the profile misses could not be measured."
        )
    if "static" in runs and main != "static":
        full = runs[main].weekly["recall"]
        static = runs["static"].weekly["recall"]
        better = float(full.tail(4).mean()) > float(static.tail(4).mean())
        parts.append(
            f"Against infringers who change port, channel, description or value after seizures, the profile flags "
            f"{pct(float(full.mean()))} of infringing declarations over the year and {pct(float(full.tail(4).mean()))} "
            f"in the last four weeks; without routing and trader-history rules {pct(float(static.mean()))} and "
            f"{pct(float(static.tail(4).mean()))}: "
            + (
                "those rules keep up with the adaptation."
                if better
                else "on this run those rules do not keep up better than the static profile."
            )
        )
    return " ".join(parts)


def _weekly_tables(main: str, runs: dict[str, SimResult]) -> tuple[Table, Table]:
    w = runs[main].weekly
    other = runs.get("static") if main != "static" else None
    headers = ["week", "declarations", "infringing", "flagged", "inspected", "seized", "recall", "hit rate"]
    headers += ["port drift"] + (["recall, static"] if other is not None else [])
    rows = []
    for i, x in enumerate(w.iter_rows(named=True)):
        row = [str(x["week"]), f"{x['declarations']:,}", f"{x['infringing']:,}", f"{x['flagged']:,}"]
        row += [f"{x['inspected']:,}", f"{x['seized']:,}", pct(x["recall"]), pct(x["hit_rate"]), pct(x["port_drift"])]
        if other is not None:
            row.append(pct(other.weekly["recall"][i]))
        rows.append(row)
    full = Table(headers, rows)
    periods = w.with_columns(((pl.col("week") - 1) // 4).alias("_p"))
    if other is not None:
        periods = periods.with_columns(other.weekly["recall"].alias("_static"))
    agg = (
        periods.group_by("_p", maintain_order=True)
        .agg(
            pl.col("week").min().alias("from"),
            pl.col("week").max().alias("to"),
            *[pl.col(c).sum() for c in ("declarations", "infringing", "flagged", "inspected", "seized")],
            *[pl.col(c).mean() for c in ("recall", "hit_rate", "port_drift")],
            *([pl.col("_static").mean()] if other is not None else []),
        )
        .iter_rows(named=True)
    )
    short = []
    for x in agg:
        row = [f"{x['from']}-{x['to']}", f"{x['declarations']:,}", f"{x['infringing']:,}", f"{x['flagged']:,}"]
        row += [f"{x['inspected']:,}", f"{x['seized']:,}", pct(x["recall"]), pct(x["hit_rate"]), pct(x["port_drift"])]
        if other is not None:
            row.append(pct(x["_static"]))
        short.append(row)
    return full, Table(["weeks", *headers[1:]], short, note="Four-week periods (means of the weekly rates).")


GLOSSARY = [
    ("batch", "one declaration; a seized declaration is a detained batch (the report counts batches and items)."),
    ("ex officio", "detained on customs' own initiative, as opposed to on a rights holder's application."),
    ("recall", "of the infringing declarations, the share the profile flags (yellow or red)."),
    ("hit rate", "of the inspections the profile asked for, the share that found infringing goods."),
    (
        "port drift",
        "of the infringing declarations, the share lodged away from the usual offices of their goods' region "
        "(infringers move ports after seizures, as in C02, C04, C13).",
    ),
    (
        "tolerance",
        "a share is met when it is within 3 percentage points of 2016 plus the run's own sampling error "
        "(shares of items rest on a few large batches; the error shrinks with more declarations). A share of "
        f"items with fewer than {MIN_SIDE_BATCHES} detained batches on one side is not judged: in 2016, 50 "
        "batches on application carried 8.33% of the items, so a 100,000-declaration run detains about two "
        "such batches and each moves the ex officio item share by several points.",
    ),
    (
        "random control group",
        "declarations inspected at random whatever their lane: the only unbiased measure of what the profile misses.",
    ),
]


def write_report(directory: str | Path, runs: dict[str, SimResult]) -> list[Path]:
    """Write report.html and report.md (for people), weekly.png, and the tables as CSV and JSON."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    written = []
    summary = {name: {k: v for k, v in r.as_json().items() if k != "weekly"} for name, r in runs.items()}
    p = d / "summary.json"
    p.write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    written.append(p)
    for name, df in (
        ("shares.csv", shares_table(runs)),
        ("weekly.csv", weekly_table(runs)),
        ("side_by_side.csv", side_by_side(runs)),
        ("control.csv", estimates_table(runs)),
    ):
        df.write_csv(d / name)
        written.append(d / name)
    (d / "weekly.png").write_bytes(chart(runs, "png"))
    written.append(d / "weekly.png")
    main = "routing+history" if "routing+history" in runs else next(reversed(runs))
    r = runs[main]
    funnels = {name: funnel(x) for name, x in runs.items()}
    page = Page(f"Simulated year {r.params.year}: {r.n:,} declarations over {r.weeks} weeks (seed {r.seed})")
    page.p(_conclusion(main, runs, funnels))
    page.h2("From declaration to seizure")
    names = list(runs)
    f = funnels[main]
    page.table(
        Table(
            ["", *[RUN_LABELS.get(n, n) for n in names], "share of declared" if len(names) == 1 else f"share ({main})"],
            [
                [
                    label,
                    *[f"{funnels[n][k]:,}" for n in names],
                    pct(f[k] / f["declared"], 2) if k != "items_seized" else "",
                ]
                for k, label in FUNNEL_ROWS
            ],
            note="Both runs see the same generated traffic (same seed); infringers adapt to each profile's seizures.",
        )
    )
    page.h2(f"Detained goods against the {r.params.year} statistics")
    page.table(
        Table(
            ["share", str(r.params.year), "simulated", "difference", "allowed", "met", "source"],
            [
                [
                    SHARE_LABELS.get(t["key"], t["key"]),
                    pct(t["target"], 2),
                    pct(t["simulated"], 2),
                    num(t["diff_pp"], "+.2f") + " pp",
                    f"±{t['tolerance_pp']:.2f} pp",
                    yes_no(t["ok"]) if t["judged"] or t["simulated"] is None else "not judged*",
                    cite(t["source"]),
                ]
                for t in r.target_check()
            ],
            note="Allowed: 3 percentage points plus the run's sampling error (see the glossary). * Not judged: a "
            f"share of items with fewer than {MIN_SIDE_BATCHES} detained batches on one side.",
            text=(6,),
        )
    )
    page.h2("Random control group: what it estimates, against the truth")
    page.table(
        Table(
            ["quantity", "estimate", "95% interval", "true value", "sample", "true value inside"],
            [
                [
                    ESTIMATE_LABELS.get(e.name, e.name),
                    pct(e.estimate, 2),
                    NO_VALUE if e.low is None else f"{pct(e.low, 2)} – {pct(e.high, 2)}",
                    pct(e.true, 2),
                    f"{e.n:,}",
                    yes_no(e.covered),
                ]
                for e in r.estimates.values()
            ],
            note="Sample: random control inspections (for recall: the infringing declarations they found).",
        )
    )
    page.h2("Week by week")
    page.img("weekly.png", "weekly recall, hit rate, port drift and postal share of both profiles")
    full, short = _weekly_tables(main, runs)
    page.details(f"The {r.weeks} weeks in figures (weekly.csv has every column)", full, short)
    page.h2("Glossary")
    page.glossary(GLOSSARY)
    written += page.write(d)
    return written


__all__ = [
    "write_report",
    "shares_table",
    "weekly_table",
    "side_by_side",
    "estimates_table",
    "chart",
    "funnel",
    "SHARE_LABELS",
    "ESTIMATE_LABELS",
]
