"""Trader-history summaries: what the trader-history features need of past declarations, as of a date.

`build_summary` normalises history files the way scoring does and keeps, per trader and per trader x
office, the number of declarations and their first and last dates (declarations strictly before the
summary's `as_of` date). Scoring with a summary (`Profile.score(..., summary=...)`, `score
--history-summary DIR`) gives the scores of scoring with the history files themselves: each trader x
office row stands for its declarations, the first of them on its first date, which is all the counts
of `features.history.decl_history` read, provided every summarised declaration of a trader is earlier
than that trader's scored declarations. The checks refuse, with a code and what to do, the cases where
the scores would differ:

| code | refused when |
|---|---|
| HS001 | the directory is not a summary, or one of another format version |
| HS002 | the profile normalises trader ids or offices differently from the one that built it |
| HS003 | the profile needs history features a summary does not hold (outcome rates) |
| HS004 | a scored declaration is not later than its trader's last summarised declaration |
| HS005 | history files held declarations on or after `as_of` (left out), and a scored one is later |
| HS006 | raw history files are given with a summary (score with one or the other) |

On disk a summary is a directory: `traders-<id>.parquet` (trader_id, decls, first_seen, last_seen,
offices), `offices-<id>.parquet` (trader_id, customs_office, decls, first_seen, last_seen) and
`manifest.json` naming them. The manifest is written last, so a reader sees the old summary or the new
one, never half of one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from ..errors import RiskProfileError
from ..features.history import HISTORY, decl_history, headers
from ..features.keys import codes_of, collect, with_key_codes
from ..features.registry import plan
from ..io.normalise import normalise, whole_declarations
from ..io.read import frame_from
from ..model.lists import NamedList
from ..yamlio import atomic_write, atomic_write_text

FORMAT = "riskprofile-history-summary"
#: Bump when what a summary holds, or how the trader-history features read it, changes.
VERSION = 1
#: The features a summary can stand in for (the `history` feature group).
PROVIDES = tuple(HISTORY.provides)

ONE_OR_OTHER = "Score with --history FILE... or with --history-summary DIR, not both."
_H = ("decl_id", "trader_id", "declared_at", "customs_office")


class SummaryError(RiskProfileError, ValueError):
    """A history summary that cannot be used for these declarations or this profile (`code`: HS00n)."""

    def __init__(self, code: str, message: str, hint: str, *, file: str | Path | None = None) -> None:
        super().__init__(f"{code} {message}", hint=hint, file=file)
        self.code = code


def normalisation_key(lists: Mapping[str, NamedList]) -> str:
    """What trader ids and offices normalise by (the offices list and its aliases), hashed: a summary
    built under another key could hold other keys for the same traders and offices."""
    offices = lists.get("offices")
    items = [it.model_dump(mode="json") for it in offices.items] if offices is not None else []
    text = json.dumps({"version": VERSION, "offices": items}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _normalise(frames: Sequence[pl.DataFrame], lists, extra) -> tuple[pl.DataFrame | None, int, int]:
    kept, rejects = [], []
    for f in frames:
        k, r = normalise(frame_from(f), lists, extra)
        kept.append(k)
        rejects.append(r)
    if not kept:
        return None, 0, 0
    k, r = whole_declarations(pl.concat(kept, how="diagonal_relaxed"), pl.concat(rejects, how="diagonal_relaxed"))
    return k.select(_H), sum(f.height for f in frames), r.height


@dataclass(frozen=True)
class HistorySummary:
    """A trader-history summary: the manifest and its two tables."""

    manifest: dict[str, Any]
    traders: pl.DataFrame
    offices: pl.DataFrame
    path: Path | None = None

    @property
    def as_of(self) -> dt.date:
        return dt.date.fromisoformat(self.manifest["as_of"])

    @property
    def left_out_from(self) -> dt.date | None:
        v = self.manifest.get("left_out_from")
        return dt.date.fromisoformat(v) if v else None

    # -- files ------------------------------------------------------------------------------------
    def write(self, directory: Path | str) -> Path:
        """Write the summary to `directory` (created; an older summary there is replaced, atomically)."""
        d = Path(directory)
        if d.exists() and not d.is_dir():
            raise SummaryError("HS001", f"{d} is a file, not a summary directory", "Give a directory path to --out.")
        d.mkdir(parents=True, exist_ok=True)
        token = secrets.token_hex(4)
        names = {"traders": f"traders-{token}.parquet", "offices": f"offices-{token}.parquet"}
        atomic_write(d / names["traders"], self.traders.write_parquet)
        atomic_write(d / names["offices"], self.offices.write_parquet)
        manifest = {**self.manifest, "files": names}
        atomic_write_text(d / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        for old in d.glob("*.parquet"):  # the tables of a summary replaced
            if old.name not in names.values() and old.name.startswith(("traders-", "offices-")):
                old.unlink(missing_ok=True)
        return d

    @classmethod
    def read(cls, directory: Path | str) -> HistorySummary:
        """The summary in `directory`; `SummaryError` HS001 when it is none (or of another version)."""
        d = Path(directory)
        build = f"Build one with: riskprofile history build HISTORY... --out {d}"
        try:
            manifest = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SummaryError("HS001", f"{d} holds no history summary (no manifest.json)", build, file=d) from None
        except (OSError, ValueError) as e:
            raise SummaryError("HS001", f"{d}/manifest.json cannot be read: {e}", build, file=d) from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise SummaryError("HS001", f"{d}/manifest.json is not a history summary manifest", build, file=d)
        if manifest.get("version") != VERSION:
            raise SummaryError(
                "HS001",
                f"{d} is a summary of format version {manifest.get('version')}; this riskprofile reads version "
                f"{VERSION}",
                f"Rebuild it: riskprofile history build HISTORY... --out {d}",
                file=d,
            )
        try:
            files = manifest["files"]
            traders = pl.read_parquet(d / files["traders"])
            offices = pl.read_parquet(d / files["offices"])
        except (KeyError, TypeError, OSError, pl.exceptions.PolarsError) as e:
            raise SummaryError("HS001", f"{d}: the summary's tables cannot be read ({e})", build, file=d) from None
        return cls(manifest, traders, offices, d)

    # -- scoring ----------------------------------------------------------------------------------
    def headers(self) -> pl.DataFrame:
        """Header rows for `features.history.decl_history`: one per trader x office, dated its first
        declaration there and standing for `_n` declarations (`_decl` null: none of them is scored)."""
        o = self.offices
        return pl.DataFrame(
            {
                "_decl": pl.Series([None] * o.height, dtype=pl.UInt32),
                "_trader": codes_of("trader_id", o["trader_id"]),
                "declared_at": o["first_seen"],
                "_office": codes_of("customs_office", o["customs_office"]),
                "_n": o["decls"].cast(pl.Int64),
            }
        )

    def check_profile(self, profile, scored: pl.DataFrame | None = None) -> None:
        """`check` for a profile's lists and feature groups."""
        self.check(profile.lists, plan(set(profile.compiled().features), profile.context.params), scored)

    def check(self, lists, groups, scored: pl.DataFrame | None = None) -> None:
        """Raise `SummaryError` when scoring `scored` (normalised lines with decl_id, trader_id and
        declared_at) with features of `groups` and this summary would not give the scores of the raw
        history."""
        where = self.path or "the summary"
        rebuild = f"Rebuild it with this profile: riskprofile history build HISTORY... --out {where}"
        if self.manifest.get("normalisation") != normalisation_key(lists):
            raise SummaryError(
                "HS002",
                f"{where} was built by a profile whose offices list differs from this profile's (trader and "
                "office keys could differ)",
                rebuild,
            )
        others = sorted(g.name for g in groups if g.scope == "history" and g.name != "history")
        if others:
            raise SummaryError(
                "HS003",
                f"the profile's {', '.join(others)} features need the history rows themselves; a history summary "
                f"holds trader history only ({', '.join(PROVIDES[:4])}, ...)",
                "Score with --history FILE... instead of --history-summary.",
            )
        if scored is None or not scored.height:
            return
        d = scored.select("decl_id", "trader_id", "declared_at").drop_nulls().unique("decl_id", keep="first")
        newer = (
            d.join(self.traders.select("trader_id", "last_seen"), on="trader_id", how="inner")
            .filter(pl.col("declared_at") <= pl.col("last_seen"))
            .sort("declared_at", "decl_id")
        )
        if newer.height:
            first = newer.row(0, named=True)
            raise SummaryError(
                "HS004",
                f"{newer.height} declaration(s) are not later than their trader's history in {where} (as of "
                f"{self.as_of}): e.g. {first['decl_id']} of {first['declared_at']} and trader "
                f"{first['trader_id']}, whose last summarised declaration is of {first['last_seen']}; the summary "
                "would count declarations made on or after theirs",
                f"Rebuild the summary as of their earliest date: riskprofile history build HISTORY... --as-of "
                f"{first['declared_at']} --out DIR (or score with --history).",
            )
        cut = self.left_out_from
        if cut is not None:
            later = d.filter(pl.col("declared_at") > cut).sort("declared_at")
            if later.height:
                raise SummaryError(
                    "HS005",
                    f"{where} is as of {self.as_of}, but its history files held {self.manifest['left_out']} "
                    f"declaration(s) from {cut} on that it left out; {later.height} scored declaration(s) are "
                    f"later than {cut} and the raw history would count them",
                    f"Rebuild the summary as of {later.row(0, named=True)['declared_at']} or later: "
                    "riskprofile history build HISTORY... --as-of DATE --out DIR.",
                )


def build_summary(
    profile,
    frames: Sequence[pl.DataFrame],
    as_of: dt.date | None = None,
    sources: Sequence[dict[str, Any]] = (),
) -> HistorySummary:
    """A summary of the declarations in `frames` (goods lines, normalised here as scoring does) dated
    strictly before `as_of` (default: the day after the latest). Declarations on or after `as_of` are
    left out and counted in the manifest (`left_out`, `left_out_from`)."""
    kept, rows_in, rejected = _normalise(frames, profile.lists, profile.config.fields)
    schema = {"decl_id": pl.String, "trader_id": pl.String, "declared_at": pl.Date, "customs_office": pl.String}
    if kept is None:
        kept = pl.DataFrame(schema=schema)
    hdr = (
        kept.group_by("decl_id", maintain_order=True)
        .agg(pl.col("trader_id").first(), pl.col("declared_at").first(), pl.col("customs_office").first())
        .filter(pl.col("trader_id").is_not_null() & pl.col("declared_at").is_not_null())
    )
    latest = hdr["declared_at"].max()
    if as_of is None:
        as_of = (latest + dt.timedelta(days=1)) if isinstance(latest, dt.date) else dt.date.today()
    left_out = hdr.filter(pl.col("declared_at") >= as_of)
    hdr = hdr.filter(pl.col("declared_at") < as_of)
    span = [pl.len().cast(pl.Int64).alias("decls"), pl.col("declared_at").min().alias("first_seen")]
    span.append(pl.col("declared_at").max().alias("last_seen"))
    offices = hdr.group_by("trader_id", "customs_office").agg(span).sort("trader_id", "customs_office")
    traders = (
        offices.group_by("trader_id")
        .agg(
            pl.col("decls").sum(),
            pl.col("first_seen").min(),
            pl.col("last_seen").max(),
            pl.col("customs_office").drop_nulls().n_unique().cast(pl.Int64).alias("offices"),
        )
        .sort("trader_id")
    )
    included_max = hdr["declared_at"].max()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "as_of": as_of.isoformat(),
        "latest": included_max.isoformat() if isinstance(included_max, dt.date) else None,
        "profile": profile.config.name,
        "normalisation": normalisation_key(profile.lists),
        "features": list(PROVIDES),
        "declarations": hdr.height,
        "traders": traders.height,
        "left_out": left_out.height,
        "left_out_from": left_out["declared_at"].min().isoformat() if left_out.height else None,  # type: ignore[union-attr]
        "rows_in": rows_in,
        "rows_rejected": rejected,
        "sources": list(sources),
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    return HistorySummary(manifest, traders, offices)


def summary_history(summary: HistorySummary, kept: pl.DataFrame, ctx) -> pl.DataFrame:
    """Per scored declaration (`_decl` code + features): the trader-history features of `kept`
    (normalised lines to score) with `summary` as their history (`summary.check` them first)."""
    own = collect(headers(with_key_codes(kept.select(_H)).lazy()))
    hdr = pl.concat(
        [own.with_columns(pl.lit(1, dtype=pl.Int64).alias("_n")), summary.headers()], how="vertical_relaxed"
    )
    return collect(decl_history(hdr.lazy(), ctx))


def file_digest(path: Path | str) -> str:
    """sha256 of a file's bytes (recorded per source in the manifest)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


__all__ = ["HistorySummary", "SummaryError", "build_summary", "file_digest", "normalisation_key", "summary_history"]
