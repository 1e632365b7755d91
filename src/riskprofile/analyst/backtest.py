"""Backtest: score labelled declarations as of each one's date, through the one scoring path.

Labels: the labels of the scored declarations are hidden from scoring (they are unknown when a
declaration is lodged), so outcome features learn only from labelled `--history` files. `online=True`
lets them also learn from the labels of the scored file's earlier days (an as-of, rolling backtest).

Memory. What is kept per declaration is compact (score, lane, fired flags, truth, value: a few dozen
bytes). The goods lines themselves are scored in batches:
- *streaming* (`score_files`): when no feature needs the scored file's own earlier rows (the profile's
  history-scope features are outcome rates only, and labels are hidden), each batch of rows is read
  from the file, scored with `history=` the history files, and dropped: memory does not grow with the
  data (batches end on declaration boundaries);
- *as of* (`score_labelled`): otherwise batches are date-ordered (cut at day boundaries) and each is
  scored with the history files plus the earlier batches, which equals scoring everything at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from ..engine.profile import Profile
from ..features.medians import streams
from ..features.registry import plan
from .data import LabelSpec, declaration_truth, outcome_labels, split_labels
from .data import online as online_profile
from .metrics import Scored


@dataclass
class Timing:
    seconds: float
    declarations: int
    lines: int
    batches: int
    mode: str = "as-of"

    def to_dict(self) -> dict:
        return {
            "seconds": round(self.seconds, 3),
            "declarations": self.declarations,
            "lines": self.lines,
            "batches": self.batches,
            "mode": self.mode,
            "declarations_per_second": round(self.declarations / self.seconds) if self.seconds else None,
        }


def _batches(frame: pl.DataFrame, batch_rows: int) -> list[pl.DataFrame]:
    """Date-ordered batches of about `batch_rows` lines, never splitting a day (nor a declaration)."""
    if frame.height <= batch_rows:
        return [frame]
    day = pl.col("declared_at").cast(pl.String).str.strip_chars().str.slice(0, 10)
    f = frame.with_columns(day.alias("_day"))
    days = f.group_by("_day").len().sort("_day", nulls_last=True)
    cuts, acc, cur = [], 0, []
    for d, n in days.iter_rows():
        cur.append(d)
        acc += n
        if acc >= batch_rows:
            cuts.append(cur)
            cur, acc = [], 0
    if cur:
        cuts.append(cur)
    out = []
    for group in cuts:
        has_null = any(d is None for d in group)
        sel = pl.col("_day").is_in([d for d in group if d is not None])
        if has_null:
            sel = sel | pl.col("_day").is_null()
        out.append(f.filter(sel).drop("_day"))
    return out


class _Collector:
    """Accumulates the compact per-declaration arrays of scored batches."""

    def __init__(self, labels: list[LabelSpec]):
        self.labels = labels
        self.parts: list[pl.DataFrame] = []
        self.fired: list[np.ndarray] = []
        self.rule_ids: list[str] = []
        self.lines = 0
        self.batches = 0

    def add(self, res, truth: pl.DataFrame) -> None:
        names = [lab.name for lab in self.labels]
        d = res.declarations.select("decl_id", "score", "lane").join(
            truth, on="decl_id", how="left", maintain_order="left"
        )
        self.parts.append(d.select("decl_id", "score", "lane", "value", *names))
        self.rule_ids = res.rule_ids
        cols = [f"_r{i}" for i in range(len(res.rule_ids))]
        self.fired.append(res.fired.select(cols).to_numpy().astype(bool) if cols else np.zeros((d.height, 0), bool))
        self.lines += res.rows_scored
        self.batches += 1

    def scored(self) -> Scored:
        names = [lab.name for lab in self.labels]
        d = (
            pl.concat(self.parts)
            if self.parts
            else pl.DataFrame(
                schema={
                    "decl_id": pl.String,
                    "score": pl.Float64,
                    "lane": pl.String,
                    "value": pl.Float64,
                    **{n: pl.Int8 for n in names},
                }
            )
        )
        return Scored(
            decl_id=d["decl_id"].to_numpy(),
            score=d["score"].to_numpy().astype(np.float64),
            lane=d["lane"].to_numpy(),
            fired=np.concatenate(self.fired) if self.fired else np.zeros((0, len(self.rule_ids)), bool),
            rule_ids=list(self.rule_ids),
            truth={n: d[n].fill_null(-1).cast(pl.Int8).to_numpy() for n in names},
            value=d["value"].cast(pl.Float64).to_numpy(),
        )


def score_labelled(
    profile: Profile,
    data: list[pl.DataFrame],
    labels: list[LabelSpec],
    history: list[pl.DataFrame] | None = None,
    *,
    online: bool = False,
    batch_rows: int = 250_000,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Scored, Timing]:
    """Score labelled goods lines held in memory (date-ordered batches, as of each date)."""
    t0 = time.perf_counter()
    hide = outcome_labels(profile) | {lab.column for lab in labels}
    prof = online_profile(profile, True) if online else profile
    frame = pl.concat(data, how="diagonal_relaxed") if len(data) > 1 else data[0]
    truth = declaration_truth([frame], labels)
    if not online:
        frame = split_labels([frame], hide)[0]
    batches = _batches(frame, batch_rows)
    hist = list(history or [])
    acc = _Collector(labels)
    for i, batch in enumerate(batches):
        res = prof.score(batch, history=hist or None, random=False)
        acc.add(res, truth)
        if len(batches) > 1:
            hist = hist + [batch]
        if progress:
            progress(i + 1, len(batches))
    scored = acc.scored()
    return scored, Timing(time.perf_counter() - t0, scored.n, acc.lines, acc.batches)


def can_stream(profile: Profile, online: bool) -> bool:
    """True when no feature of the profile reads the scored file's own earlier rows."""
    if online:
        return False
    needed = set(profile.compiled().features)
    groups = plan(needed, profile.config.features)
    medians_stream = streams(profile.config.features.get("medians"))
    return all(g.scope != "history" or g.name == "outcomes" or (g.name == "medians" and medians_stream) for g in groups)


def _row_batches(path: Path, batch_rows: int, mapping) -> Iterator[pl.DataFrame]:
    """Raw frames of about `batch_rows` rows (through the mapping), ending on declaration boundaries."""
    from ..io.read import InputError, read_frame

    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        if not path.exists():
            raise InputError(f"{path}: no such file")
        lf = pl.scan_csv(path, infer_schema=False, separator="\t" if suffix == ".tsv" else ",", encoding="utf8-lossy")
    elif suffix in (".parquet", ".pq"):
        lf = pl.scan_parquet(path)
    else:
        lf = read_frame(path).drop("_file", "_row").lazy()
    total = lf.select(pl.len()).collect().item()
    carry: pl.DataFrame | None = None
    for offset in range(0, max(total, 1), batch_rows):
        raw = (
            lf.slice(offset, batch_rows)
            .collect()
            .with_columns(
                pl.lit(str(path)).alias("_file"),
                pl.int_range(offset + 1, offset + 1 + pl.len(), dtype=pl.Int64).alias("_row"),
            )
        )
        df = mapping.apply(raw) if mapping is not None else raw
        if carry is not None:
            df = pl.concat([carry, df], how="diagonal_relaxed")
        last = offset + batch_rows >= total
        if not last and df.height and "decl_id" in df.columns:
            tail_id = df["decl_id"][-1]
            keep = df["decl_id"] != tail_id
            carry, df = df.filter(~keep), df.filter(keep)
        else:
            carry = None
        if df.height:
            yield df
    if carry is not None and carry.height:
        yield carry


def score_files(
    profile: Profile,
    paths: list[Path],
    labels: list[LabelSpec],
    mapping=None,
    history: list[pl.DataFrame] | None = None,
    *,
    batch_rows: int = 250_000,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Scored, Timing]:
    """Stream labelled files in row batches (only when `can_stream`): constant memory in the data size."""
    t0 = time.perf_counter()
    hide = outcome_labels(profile) | {lab.column for lab in labels}
    totals = []
    for p in paths:
        p = Path(p)
        if p.suffix.lower() in (".csv", ".txt", ".tsv") and p.exists():
            totals.append(pl.scan_csv(p, infer_schema=False, encoding="utf8-lossy").select(pl.len()).collect().item())
        else:
            totals.append(batch_rows)
    expected = sum(max(1, -(-t // batch_rows)) for t in totals)
    acc = _Collector(labels)
    for p in paths:
        for batch in _row_batches(Path(p), batch_rows, mapping):
            truth = declaration_truth([batch], labels)
            res = profile.score(split_labels([batch], hide)[0], history=history or None, random=False)
            acc.add(res, truth)
            if progress:
                progress(acc.batches, max(expected, acc.batches))
    scored = acc.scored()
    return scored, Timing(time.perf_counter() - t0, scored.n, acc.lines, acc.batches, "streaming")
