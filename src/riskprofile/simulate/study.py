"""One simulation study, the library behind `riskprofile simulate`: run the profile over generated traffic
(and, for a report, a static profile without routing and trader-history rules on the same seed), write
the lines and the report when asked, and gather the JSON payload the CLI prints."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine import ProfileScorer, SimResult, run
from .params import SimParams
from .report import write_report

#: Rule families removed from the given profile to make the "static" comparison profile.
STATIC_WITHOUT = ("routing", "trader")
#: Outcome columns joined to the generated lines written by `out`.
OUTCOME_COLUMNS = (
    "decl_id",
    "lane",
    "score",
    "random",
    "selected_by",
    "inspected",
    "overflow",
    "seized",
    "ex_officio",
    "items_seized",
)

#: Progress of one run: (run name, weeks done, weeks).
Progress = Callable[[str, int, int], None]


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far (max RSS), MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


@dataclass
class Study:
    """The runs of a study (`result` is the given profile's), the files written and the JSON payload."""

    result: SimResult
    runs: dict[str, SimResult]
    payload: dict[str, Any]
    written: list[Path] = field(default_factory=list)

    @property
    def missed(self) -> list[dict]:
        """The 2016 shares missed by more than their tolerance."""
        return [t for t in self.payload["targets"] if t["ok"] is False]


def write_lines(result: SimResult, out: Path) -> Path:
    """The generated goods lines with their outcomes, to .parquet or .csv."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = result.lines.join(result.outcomes.select(OUTCOME_COLUMNS), on="decl_id", how="left", maintain_order="left")
    if out.suffix.lower() == ".parquet":
        lines.write_parquet(out)
    else:
        lines.write_csv(out)
    return out


def _comparison(runs: dict[str, SimResult]) -> dict[str, dict[str, float]]:
    return {
        name: {
            "mean_recall": float(r.weekly["recall"].mean()),
            "last4_recall": float(r.weekly["recall"].tail(4).mean()),
            "mean_hit_rate": float(r.weekly["hit_rate"].mean()),
            "last4_port_drift": float(r.weekly["port_drift"].tail(4).mean()),
            "last4_zj_sea_at_shanghai": float(r.weekly["zj_sea_at_shanghai"].tail(4).mean()),
        }
        for name, r in runs.items()
    }


def simulate_study(
    params: SimParams,
    profile: Any,
    *,
    n: int,
    seed: int,
    weeks: int = 52,
    adaptive: bool = True,
    profile_name: str = "profile",
    out: Path | None = None,
    report: Path | None = None,
    progress: Progress | None = None,
) -> Study:
    """Simulate `n` declarations over `weeks` weeks scored by `profile` (a `Profile`); with `report`, also
    the static profile, and write the report folder; with `out`, write the lines with their outcomes."""

    def step(name: str) -> Callable[[int, int], None] | None:
        return None if progress is None else (lambda w, total: progress(name, w, total))

    t0 = time.perf_counter()
    result = run(
        params,
        ProfileScorer(profile, name=profile_name),
        n,
        seed,
        weeks,
        adaptive=adaptive,
        keep_lines=out is not None,
        progress=step("simulate"),
        profile_name=profile_name,
    )
    runs: dict[str, SimResult] = {}
    if report is not None:
        runs["static"] = run(
            params,
            ProfileScorer(profile.without(families=STATIC_WITHOUT), "static"),
            n,
            seed,
            weeks,
            adaptive=adaptive,
            keep_lines=False,
            progress=step("static profile"),
            profile_name=f"{profile_name} without {', '.join(STATIC_WITHOUT)}",
        )
        runs["routing+history"] = result
    elapsed = time.perf_counter() - t0
    written: list[Path] = []
    if out is not None:
        written.append(write_lines(result, out))
    if report is not None:
        written += write_report(report, runs)
    payload = result.as_json()
    payload.update(
        seconds=round(elapsed, 2), peak_memory_mb=round(peak_memory_mb(), 1), written=[str(p) for p in written]
    )
    if report is not None:
        payload["comparison"] = _comparison(runs)
    return Study(result, runs, payload, written)
