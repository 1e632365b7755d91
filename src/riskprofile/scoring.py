"""Score files: the library behind `riskprofile score` (testable without typer or rich).

Load the profile (with the fields a column mapping declares), add what leads and inspection results
know, override the random seed, read the inputs and history through the mapping, score them in one pass
(`Profile.score`) and write the results, the rejects and the actions when asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine.history_summary import HistorySummary, build_summary, file_digest
from .engine.profile import Profile
from .engine.score import ScoreResult
from .io.mapping import read_mapped
from .io.write import write_frame
from .ip.actions import declaration_actions
from .ip.feedback import penalties, read_results
from .loader.leads import active_rules, load_leads
from .loader.leads import instructions as to_instructions
from .loader.profile import load_with_mapping


@dataclass
class ScoreRun:
    """A scored batch: the profile that scored it, the result, the leads' instructions and files written."""

    profile: Profile
    result: ScoreResult
    instructions: list[Any] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def with_seed(profile: Profile, seed: int | None) -> Profile:
    """The profile with another random control-group seed (unchanged for None)."""
    if seed is None:
        return profile
    config = profile.config.model_copy(update={"random": profile.config.random.model_copy(update={"seed": seed})})
    return profile.replace(config=config)


def score_files(
    profile: Path | str,
    inputs: Sequence[Path | str],
    *,
    mapping: Path | str | None = None,
    history: Sequence[Path | str] = (),
    as_of: dt.date | None = None,
    seed: int | None = None,
    random: bool = True,
    leads: Sequence[Path | str] = (),
    results: Sequence[Path | str] = (),
    out: Path | str | None = None,
    rejects: Path | str | None = None,
    actions: Path | str | None = None,
    history_summary: Path | str | HistorySummary | None = None,
) -> ScoreRun:
    """Score `inputs` (with `history` for history features only) by the profile at `profile`.

    `leads`: their active instructions score alongside the profile; `results`: holder-confirmed cases
    join the trader history; `history_summary`: a summary directory (`summarise_history`) in place of
    `history`; `out`, `rejects`, `actions`: files written (atomically)."""
    prof = load_with_mapping(profile, mapping)
    instructions: list[Any] = []
    if leads or results:
        instructions = to_instructions(load_leads(leads, prof.lists), prof.lists) if leads else []
        confirmed = penalties(read_results(results)) if results else []
        prof = prof.with_context(penalties=confirmed, instructions=active_rules(instructions), source="--leads")
    prof = with_seed(prof, seed)
    frames = read_mapped(inputs, mapping)
    hist = read_mapped(history, mapping) if history else None
    summary = HistorySummary.read(history_summary) if isinstance(history_summary, (str, Path)) else history_summary
    result = prof.score(frames, history=hist, random=random, as_of=as_of, summary=summary)
    written: list[Path] = []
    for frame, path in ((result.declarations, out), (result.rejects, rejects)):
        if path is not None:
            write_frame(frame, path)
            written.append(Path(path))
    if actions is not None:
        write_frame(declaration_actions(result, instructions), actions)
        written.append(Path(actions))
    return ScoreRun(prof, result, instructions, written)


def summarise_history(
    profile: Path | str,
    inputs: Sequence[Path | str],
    out: Path | str,
    *,
    as_of: dt.date | None = None,
    mapping: Path | str | None = None,
) -> HistorySummary:
    """Build the trader-history summary of the history files `inputs` as of `as_of` (declarations
    strictly before it; default: all of them) and write it to the directory `out`."""
    prof = load_with_mapping(profile, mapping)
    frames = read_mapped(inputs, mapping)
    sources = [
        {"file": str(p), "sha256": file_digest(p), "rows": f.height} for p, f in zip(inputs, frames, strict=True)
    ]
    summary = build_summary(prof, frames, as_of=as_of, sources=sources)
    summary.write(out)
    return HistorySummary.read(out)
