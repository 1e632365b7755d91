"""`riskprofile drill report RESULTS`: per trainee and per indicator, the weakest indicators first, with a chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.cells import cell_len
from rich.table import Table

from ..fmt import NO_VALUE, num, pct
from ..safetext import cell, visible
from . import taxonomy
from .scoring import Summary

WEAKEST_INDENT, WEAKEST_HANG = 2, 6  # a trainee's line, and the lines its entries continue on


@dataclass
class IndicatorStats:
    id: str
    expected: int = 0  # items where it was expected
    found: int = 0  # ... and named
    missed: int = 0  # ... and not named
    wrong: int = 0  # named where it was not expected

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        return self.found / (self.found + self.wrong) if self.found + self.wrong else None

    @property
    def f1(self) -> float:
        d = 2 * self.found + self.missed + self.wrong
        return 2 * self.found / d if d else 1.0

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "expected": self.expected,
            "found": self.found,
            "missed": self.missed,
            "wrong": self.wrong,
            "recall": self.recall,
            "precision": self.precision,
            "f1": round(self.f1, 4),
        }


@dataclass
class Report:
    trainees: dict[str, Summary] = field(default_factory=dict)
    indicators: dict[str, IndicatorStats] = field(default_factory=dict)
    kinds: dict[str, Summary] = field(default_factory=dict)
    by_trainee: dict[str, dict[str, IndicatorStats]] = field(default_factory=dict)
    total: Summary = field(default_factory=Summary)
    skipped: int = 0

    def weakest(self) -> list[IndicatorStats]:
        """Indicators by F1 (then recall, then most expected) ascending: the ones to train first."""
        return sorted(
            self.indicators.values(), key=lambda s: (s.f1, s.recall if s.recall is not None else 1.0, -s.expected, s.id)
        )

    def weakest_of(self, trainee: str, k: int = 3) -> list[IndicatorStats]:
        stats = self.by_trainee.get(trainee, {}).values()
        return sorted(stats, key=lambda s: (s.f1, s.recall if s.recall is not None else 1.0, -s.expected, s.id))[:k]

    def to_json(self) -> dict:
        return {
            "total": self.total.to_json(),
            "trainees": {
                k: {**v.to_json(), "weakest": [s.to_json() for s in self.weakest_of(k)]}
                for k, v in self.trainees.items()
            },
            "kinds": {k: v.to_json() for k, v in self.kinds.items()},
            "indicators": [s.to_json() for s in self.weakest()],
            "skipped_lines": self.skipped,
        }


def build_report(records: list[dict], skipped: int = 0, trainee: str | None = None) -> Report:
    rep = Report(skipped=skipped)
    for r in records:
        if trainee and r.get("trainee") != trainee:
            continue
        sc = r.get("score") or {}
        if "lane_ok" not in sc:
            rep.skipped += 1
            continue
        rep.total.add(sc, r.get("seconds"))
        rep.trainees.setdefault(str(r.get("trainee") or "anonymous"), Summary()).add(sc, r.get("seconds"))
        rep.kinds.setdefault(str(r.get("kind") or "?"), Summary()).add(sc, r.get("seconds"))
        expected = set((r.get("expected") or {}).get("indicators") or [])
        present = set((r.get("expected") or {}).get("present") or [])
        named = set((r.get("answer") or {}).get("indicators") or []) - (present - expected)  # present: never wrong
        mine = rep.by_trainee.setdefault(str(r.get("trainee") or "anonymous"), {})
        for i in expected | named:
            for s in (rep.indicators.setdefault(i, IndicatorStats(i)), mine.setdefault(i, IndicatorStats(i))):
                if i in expected:
                    s.expected += 1
                    if i in named:
                        s.found += 1
                    else:
                        s.missed += 1
                else:
                    s.wrong += 1
    return rep


def trainee_table(rep: Report, lang: str = "en") -> Table:
    """Per trainee, weakest first: lane (released infringing / stopped clean), cost, indicator P/R,
    points and seconds per item."""
    zh = lang == "zh"
    tbl = Table(
        title="学员" if zh else "Trainees (released = infringing released, stopped = clean stopped)",
        title_justify="left",
    )
    heads = (
        ("学员", "题数", "通道正确", "放行侵权", "拦下合法", "代价", "查准率", "查全率", "平均分", "秒/题")
        if zh
        else ("trainee", "items", "lane ok", "released", "stopped", "cost", "prec.", "recall", "points", "s/item")
    )
    for c in heads:
        tbl.add_column(c, justify="left" if c in ("trainee", "学员") else "right")
    for name, s in sorted(rep.trainees.items(), key=lambda kv: (kv[1].mean_points or 0, kv[0])):
        tbl.add_row(
            cell(name),
            str(s.items),
            f"{s.lane_ok} ({pct(s.lane_accuracy, 0)})",
            str(s.released_infringing),
            str(s.stopped_clean),
            f"{s.cost:g}",
            pct(s.precision, 0),
            pct(s.recall, 0),
            num(s.mean_points, ".0f"),
            f"{s.seconds / s.items:.1f}" if s.items else NO_VALUE,
        )
    return tbl


def indicator_table(rep: Report, lang: str = "en") -> Table:
    """Indicators by F1, weakest first. The id is English; in Chinese the short Chinese name is added."""
    zh = lang == "zh"
    tbl = Table(title="风险指标（由弱到强）" if zh else "Indicators, weakest first", title_justify="left")
    heads = (
        ("指标", "名称", "应选", "答对", "漏选", "多选", "查全率", "查准率", "F1")
        if zh
        else ("indicator", "expected", "found", "missed", "wrong", "recall", "precision", "F1")
    )
    for c in heads:
        tbl.add_column(c, justify="left" if c in ("indicator", "指标", "名称") else "right")
    for s in rep.weakest():
        cells = [cell(s.id), cell(taxonomy.short(s.id, "zh"))] if zh else [cell(s.id)]
        tbl.add_row(
            *cells,
            str(s.expected),
            str(s.found),
            str(s.missed),
            str(s.wrong),
            pct(s.recall, 0),
            pct(s.precision, 0),
            f"{s.f1:.2f}",
        )
    return tbl


def kinds_table(rep: Report, lang: str = "en") -> Table:
    """Items by kind (scenario, variant, control, control-variant): lane accuracy and mean points."""
    zh = lang == "zh"
    tbl = Table(title="按题型" if zh else "Items by kind", title_justify="left")
    for c in ("题型", "题数", "通道正确", "平均分") if zh else ("kind", "items", "lane ok", "mean points"):
        tbl.add_column(c, justify="left" if c in ("kind", "题型") else "right")
    for k, s in sorted(rep.kinds.items()):
        tbl.add_row(cell(k), str(s.items), pct(s.lane_accuracy, 0), num(s.mean_points, ".0f"))
    return tbl


def weakest_lines(rep: Report, lang: str = "en", width: int | None = None) -> list[str]:
    """Per trainee (weakest first): their weakest indicators with found/expected and +wrong, as
    `  name: a (1/2, +0), b (0/1, +1)`. With `width`, an entry that does not fit goes on a line of its
    own indented under the name (never split), so the list stays readable at 80 columns."""
    out = []
    for name, _ in sorted(rep.trainees.items(), key=lambda kv: (kv[1].mean_points or 0, kv[0])):
        weak = [f"{taxonomy.short(w.id, lang)} ({w.found}/{w.expected}, +{w.wrong})" for w in rep.weakest_of(name)]
        items = [w + ("," if k < len(weak) - 1 else "") for k, w in enumerate(weak)] or ["-"]
        line = f"{' ' * WEAKEST_INDENT}{visible(name)}:"
        for item in items:
            if width is not None and cell_len(line) + 1 + cell_len(item) > width:
                out.append(line)
                line = " " * WEAKEST_HANG + item
            else:
                line += " " + item
        out.append(line)
    return out


def write_chart(rep: Report, path: Path, lang: str = "en") -> Path:
    """Per-indicator recall and precision (weakest at the top) and per-trainee lane accuracy, one PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    inds = rep.weakest()
    names = [s.id for s in inds]
    n_ind = max(1, len(inds))
    n_tr = max(1, len(rep.trainees))
    fig, (ax1, ax2) = plt.subplots(
        1, 2, figsize=(12, max(3.0, 0.35 * n_ind + 1.5)), gridspec_kw={"width_ratios": [2, 1]}
    )
    ys = list(range(len(inds)))[::-1]
    ax1.barh([y + 0.2 for y in ys], [s.recall or 0 for s in inds], height=0.4, label="recall", color="#d95f02")
    ax1.barh([y - 0.2 for y in ys], [s.precision or 0 for s in inds], height=0.4, label="precision", color="#1b9e77")
    ax1.set_yticks(ys)
    labels = [f"{nm} (exp {s.expected}, wrong {s.wrong})" for nm, s in zip(names, inds, strict=True)]
    ax1.set_yticklabels(labels, fontsize=8)
    for y, s in zip(ys, inds, strict=False):
        ax1.text(1.01, y, f"F1 {s.f1:.2f}", va="center", fontsize=7, transform=ax1.get_yaxis_transform())
    ax1.set_xlim(0, 1)
    ax1.set_title("Indicators, weakest first: recall and precision")
    ax1.legend(loc="lower right", fontsize=8)
    trs = sorted(rep.trainees.items(), key=lambda kv: kv[0])
    ax2.bar(range(len(trs)), [s.lane_accuracy or 0 for _, s in trs], color="#7570b3", label="lane correct")
    ax2.bar(
        range(len(trs)),
        [(s.released_infringing / s.items) if s.items else 0 for _, s in trs],
        color="#e7298a",
        label="infringing released",
        width=0.4,
    )
    ax2.set_xticks(range(len(trs)))
    ax2.set_xticklabels([k for k, _ in trs], rotation=30, ha="right", fontsize=8)
    ax2.set_ylim(0, 1)
    ax2.set_title(f"Trainees ({n_tr})")
    ax2.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
