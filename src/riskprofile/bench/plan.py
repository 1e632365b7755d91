"""The full `score` path against a hand-written polars plan of the same rules, each run in a fresh process.

The four bench rules (`BENCH_RULES`) read a reference price, the usual ports of the goods' region, the
trader's earlier declarations and the look-alike marks: one rule per kind of feature the engine
computes (per line with a lookup, per line against a list, per trader over time, per distinct value).
`hand_plan` computes the same scores the way one would write them directly in polars for these four
rules only, with no rule language, no normalisation and no rejects; `Profile.score` runs the whole
path (normalise, reject, features, compiled rules, aggregation, random draw). Both read the same
Parquet file; each run is a new interpreter so that its peak RSS is its own.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import statistics
import time
from pathlib import Path

import polars as pl

BENCH_RULES: list[dict] = [
    {
        "id": "BENCH-VALUE",
        "title": "Unit value under a third of the reference",
        "family": "value",
        "weight": 30,
        "when": {"ref_value_ratio": {"lt": 0.33}},
        "rationale": "bench: a reference price per HS prefix (longest listed prefix, per unit or per kg)",
    },
    {
        "id": "BENCH-PORT",
        "title": "Not a usual port of the goods' region",
        "family": "routing",
        "weight": 20,
        "when": {"port_switch": {"eq": True}},
        "rationale": "bench: the office against the region's usual offices",
    },
    {
        "id": "BENCH-TRADER",
        "title": "Trader with fewer than 3 earlier declarations",
        "family": "trader",
        "weight": 15,
        "when": {"trader_prior_decls": {"lt": 3}},
        "rationale": "bench: the trader's declarations strictly before this one's date",
    },
    {
        "id": "BENCH-MARK",
        "title": "Brand resembles a recorded mark",
        "family": "brand",
        "weight": 40,
        "when": {"brand": {"like_brand": "recorded_marks"}},
        "rationale": "bench: look-alike matching per distinct brand",
    },
]


def bench_profile(profile):
    """The profile's lists and thresholds with the four bench rules only."""
    return profile.replace(rules=[]).with_context(instructions=BENCH_RULES, source="<bench>")


def hand_plan(lines: pl.DataFrame, profile) -> pl.DataFrame:
    """decl_id, score, lane of the bench rules, written directly in polars (clean typed input assumed)."""
    from ..features.brand import MarkMatcher
    from ..features.text import alternation
    from ..features.value import MASS_UNITS

    lists = profile.lists
    items = lambda name: list(lists[name].items) if name in lists else []  # noqa: E731
    fx = {it.currency.upper(): it.usd for it in items("fx_rates")} or {"USD": 1.0}
    refs = [r for r in items("reference_values") if r.usd is not None]
    usual = [f"{r.code.upper()}|{o.upper()}" for r in items("regions") for o in r.usual_offices]
    known = [r.code.upper() for r in items("regions") if r.usual_offices]
    offices = [o.code.upper() for o in items("offices")]
    params = profile.config.features
    matcher = MarkMatcher.from_items(
        items("recorded_marks"),
        max_distance_ratio=params.get("brand_max_distance_ratio", 0.25),
        min_length_fuzzy=params.get("brand_min_length_fuzzy", 6),
    )

    hs, desc = pl.col("hs_code"), pl.col("description")
    # the first reference that applies: keyword references first, then the longest prefix, then the first
    # listed; one applies when the code starts with its prefix, the description names one of its keywords
    # (if it has any) and none of the goods it excludes
    order = sorted(range(len(refs)), key=lambda i: (not refs[i].keywords, -len(refs[i].heading), i))

    def applies(r) -> pl.Expr:
        ok = hs.str.starts_with(r.heading)
        if r.keywords:
            ok = ok & desc.str.contains(alternation(r.keywords))
        if r.excludes:
            excluded = desc.str.contains_any([w.lower() for w in r.excludes], ascii_case_insensitive=True)
            ok = ok & ~excluded.fill_null(False)
        return ok.fill_null(False)

    ref_ix = pl.coalesce([pl.when(applies(refs[i])).then(pl.lit(i)) for i in order]) if refs else pl.lit(None)
    rate = pl.col("currency").replace_strict(list(fx), list(fx.values()), default=None)
    usd = pl.col("value") * pl.when(pl.col("currency").is_null()).then(1.0).otherwise(rate)
    per_kg = ref_ix.replace_strict(list(range(len(refs))), [r.per == "kg" for r in refs], default=None)
    ref_usd = ref_ix.replace_strict(list(range(len(refs))), [r.usd for r in refs], default=None)
    declared = pl.when(per_kg).then(pl.when(pl.col("net_mass_kg") > 0).then(usd / pl.col("net_mass_kg")))
    by_mass = pl.col("unit").str.to_uppercase().is_in(MASS_UNITS).fill_null(False)  # no unit value per piece
    declared = declared.otherwise(pl.when((pl.col("quantity") > 0) & ~by_mass).then(usd / pl.col("quantity")))
    ratio = pl.when(ref_usd > 0).then(declared / ref_usd)

    office, region = pl.col("customs_office"), pl.col("goods_source_region")
    port_switch = (
        region.is_in(known) & office.is_in(offices) & ~pl.concat_str([region, pl.lit("|"), office]).is_in(usual)
    )

    brands = lines["brand"].str.strip_chars()
    table = matcher.table(brands.filter(brands.str.len_chars() > 0))
    # a whole-brand match or a part of it (word, alias inside, look-alike): what like_brand tests
    marks = table.filter(pl.col("brand_mark").is_not_null() | pl.col("_part_mark").is_not_null())["_brand"]

    # earlier declarations of the trader: those dated strictly before (none without a trader or date)
    headers = (
        lines.group_by("decl_id")
        .agg(pl.col("trader_id").first(), pl.col("declared_at").first())
        .with_columns(
            pl.when(pl.col("trader_id").is_not_null())
            .then(pl.col("declared_at").rank("min").over("trader_id") - 1)
            .alias("prior")
        )
    )
    weights = {r["id"]: float(r["weight"]) for r in BENCH_RULES}
    per_decl = (
        lines.lazy()
        .select(
            "decl_id",
            (ratio < 0.33).fill_null(False).alias("BENCH-VALUE"),
            port_switch.fill_null(False).alias("BENCH-PORT"),
            pl.col("brand").str.strip_chars().is_in(marks.implode()).fill_null(False).alias("BENCH-MARK"),
        )
        .group_by("decl_id", maintain_order=True)
        .agg(pl.col("BENCH-VALUE", "BENCH-PORT", "BENCH-MARK").any())
        .join(headers.lazy().select("decl_id", (pl.col("prior") < 3).alias("BENCH-TRADER")), on="decl_id", how="left")
        .with_columns(pl.sum_horizontal(pl.col(k).fill_null(False) * w for k, w in weights.items()).alias("score"))
    )
    lanes = profile.config.lanes
    lane = pl.when(pl.col("score") >= lanes.red).then(pl.lit("red")).when(pl.col("score") >= lanes.yellow)
    return per_decl.select(
        "decl_id", "score", lane.then(pl.lit("yellow")).otherwise(pl.lit("green")).alias("lane")
    ).collect()


def peak_rss_mb() -> float:
    """This process's peak resident memory (MiB). Linux: VmHWM, which starts afresh at exec, whereas
    ru_maxrss keeps the high-water mark of the process that spawned it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(kind: str, profile_path: str, data_path: str, out_path: str, queue) -> None:
    from ..io.read import read_frame
    from ..loader.profile import load_profile

    full = load_profile(profile_path)
    profile = full if kind == "score-shipped" else bench_profile(full)
    wall, cpu = time.perf_counter(), time.process_time()
    if kind == "plan":
        out = hand_plan(pl.read_parquet(data_path), profile)
        rows_out = out.height
    else:
        result = profile.score(read_frame(data_path))
        out = result.declarations.select("decl_id", "score", "lane")
        rows_out = result.rows_scored + result.rows_rejected
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    out.write_parquet(out_path)
    queue.put(
        {
            "wall": wall,
            "cpu": cpu,
            "peak_rss_mb": peak_rss_mb(),
            "rows": rows_out,
        }
    )


def compare(profile_path: Path, data_path: Path, runs: int = 3, workdir: Path | None = None, progress=None) -> dict:
    """Median wall and CPU seconds and peak RSS of `score` (bench rules and shipped profile) and of the
    hand-written plan, `runs` fresh processes each, interleaved; and whether bench scores agree."""
    import tempfile

    ctx = mp.get_context("spawn")
    kinds = ("plan", "score", "score-shipped")
    runs_by: dict[str, list[dict]] = {k: [] for k in kinds}
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        for i in range(runs):
            for kind in kinds:
                if progress:
                    progress(f"{kind} run {i + 1}/{runs}")
                queue = ctx.Queue()
                proc = ctx.Process(
                    target=_child, args=(kind, str(profile_path), str(data_path), f"{tmp}/{kind}.parquet", queue)
                )
                proc.start()
                got = queue.get()
                proc.join()
                runs_by[kind].append(got)
        plan = pl.read_parquet(f"{tmp}/plan.parquet")
        score = pl.read_parquet(f"{tmp}/score.parquet")
    joined = score.join(plan, on="decl_id", how="full", suffix="_plan")
    agree = bool(
        plan.height == score.height
        and joined.filter((pl.col("score") - pl.col("score_plan")).abs() > 1e-9).height == 0
        and (joined["lane"] == joined["lane_plan"]).all()
    )
    out: dict = {"declarations": plan.height, "agree": agree, "runs": runs}
    for kind, rs in runs_by.items():
        out[kind] = {
            "wall_s": statistics.median(r["wall"] for r in rs),
            "cpu_s": statistics.median(r["cpu"] for r in rs),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in rs),
        }
    out["ratio_wall"] = out["score"]["wall_s"] / out["plan"]["wall_s"]
    out["ratio_cpu"] = out["score"]["cpu_s"] / out["plan"]["cpu_s"]
    return out
