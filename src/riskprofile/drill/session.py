"""The drill session: one core loop for the interactive (rich prompts) and scripted (`--answers`) paths.

For each item: show the declaration as lodged and what was known; get an answer (lane, indicators,
note) from the answer source; ask the profile (through `Assessor`) for its verdict; score; append
the record to the results file; show the reveal. Ctrl-C (or end of input) stops the run: every item
already answered is in the results file, the one being answered is not.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..errors import RiskProfileError
from . import taxonomy
from .engine import Assessor
from .items import DrillItem
from .results import ResultsWriter
from .scoring import Summary, score_item
from .view import Namer, _num, earlier_table, header_rows, instruction_rows, lane_name, penalty_rows, t, trader_context

LANE_INPUT = {
    "g": "green",
    "green": "green",
    "1": "green",
    "绿": "green",
    "绿色": "green",
    "release": "green",
    "y": "yellow",
    "yellow": "yellow",
    "2": "yellow",
    "黄": "yellow",
    "黄色": "yellow",
    "documents": "yellow",
    "r": "red",
    "red": "red",
    "3": "red",
    "红": "red",
    "红色": "red",
    "inspect": "red",
}
NONE_INPUT = {"", "0", "-", "none", "no", "n", "无", "没有"}
LANE_STYLE = {"green": "bold green", "yellow": "bold yellow", "red": "bold red"}


class BadAnswer(RiskProfileError, ValueError):
    """An answer that cannot be understood; `hint` says what is expected."""

    def __init__(self, message: str, hint: str):
        super().__init__(message, hint=hint)
        self.hint: str = hint


class Stop(Exception):
    """The trainee asked to stop (q) or input ended."""


def parse_lane(text: str, lang: str = "en") -> str:
    key = str(text).strip().lower()
    if key in LANE_INPUT:
        return LANE_INPUT[key]
    raise BadAnswer(t("bad_lane", lang, x=repr(text)), t("lane_hint", lang))


def parse_indicators(value: Any, choices: list[str], lang: str = "en") -> list[str]:
    """Numbers (1-based, into `choices`) or taxonomy ids/aliases, separated by spaces or commas."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        tokens = [str(v) for v in value]
    else:
        text = str(value).strip()
        if text.lower() in NONE_INPUT:
            return []
        tokens = [tok for tok in re.split(r"[\s,;，、；]+", text) if tok]
    out, bad = [], []
    for tok in tokens:
        if tok.lower() in NONE_INPUT and len(tokens) == 1:
            return []
        if tok.isdigit():
            k = int(tok)
            if 1 <= k <= len(choices):
                ind = choices[k - 1]
            else:
                bad.append(tok)
                continue
        else:
            ind = taxonomy.canonical(tok)
            if ind not in choices:
                bad.append(tok)
                continue
        if ind not in out:
            out.append(ind)
    if bad:
        raise BadAnswer(t("bad_ind", lang, x=", ".join(bad)), t("ind_hint", lang, n=len(choices), bad=" ".join(bad)))
    return out


@dataclass
class Answer:
    lane: str
    indicators: list[str]
    note: str = ""


class AnswerSource(Protocol):
    interactive: bool

    def answer(self, item: DrillItem, number: int, choices: list[str], lang: str) -> Answer: ...

    def proceed(self, lang: str) -> None: ...


class PromptAnswers:
    """Asks on the terminal; a wrong entry is asked again with a hint."""

    interactive = True

    def __init__(self, console: Console, read: Callable[[str], str] | None = None):
        self.console = console
        self.read = read or self._input

    def _input(self, prompt: str) -> str:
        self.console.print(prompt, end="", highlight=False)
        return input()

    def _ask(self, prompt: str, parse: Callable[[str], Any]) -> Any:
        while True:
            try:
                raw = self.read(f"[bold cyan]{escape(prompt)}[/]: ")
            except EOFError:
                raise Stop() from None
            try:
                return parse(raw)
            except BadAnswer as e:
                self.console.print(f"[yellow]{escape(str(e))}.[/] [dim]{escape(e.hint)}[/]", highlight=False)

    def answer(self, item: DrillItem, number: int, choices: list[str], lang: str) -> Answer:
        lane = self._ask(t("lane_prompt", lang), lambda s: parse_lane(s, lang))
        inds = self._ask(t("ind_prompt", lang), lambda s: parse_indicators(s, choices, lang))
        note = self._ask(t("note_prompt", lang), lambda s: s.strip()[:500])
        return Answer(lane, inds, note)

    def proceed(self, lang: str) -> None:
        def parse(s: str) -> bool:
            s = s.strip().lower()
            if s in ("", "n", "next"):
                return True
            if s in ("q", "quit", "stop", "exit", "退出"):
                raise Stop()
            raise BadAnswer(t("bad_next", lang, x=repr(s)), t("next_hint", lang))

        self._ask(t("next_prompt", lang), parse)

    def trainee(self, default: str, lang: str) -> str:
        def parse(s: str) -> str:
            s = s.strip() or default
            if not s or len(s) > 60 or any(ch in s for ch in "\n\r\t"):
                raise BadAnswer("name not accepted", t("trainee_hint", lang))
            return s

        return self._ask(f"{t('trainee_prompt', lang)} [{default}]", parse)


class ScriptedAnswers:
    """Answers read from a file: a list in item order, or a mapping keyed by item number or id.

    Each answer: {lane: g|y|r|green|..., indicators: [ids or numbers] or "3 8 16", note: str}. The
    whole file is checked before the run starts (`check`), so a bad answer stops with exit 2 and
    nothing half-done."""

    interactive = False

    def __init__(self, entries: list[dict] | dict[str, dict], source: str = "<answers>"):
        self.entries = entries
        self.source = source

    @classmethod
    def from_file(cls, path: Path) -> ScriptedAnswers:
        from ..yamlio import YamlSyntaxError, plain, read_yaml

        text = Path(path).read_text(encoding="utf-8")
        data: Any
        if Path(path).suffix.lower() == ".jsonl":
            data = []
            for k, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        data.append(json.loads(line))
                    except json.JSONDecodeError as e:
                        raise BadAnswer(f"{path}:{k}: not JSON ({e.msg})", "One JSON object per line.") from None
        else:
            try:
                data = plain(read_yaml(path))  # YAML is a superset of JSON
            except YamlSyntaxError as e:
                raise BadAnswer(f"{path}:{e.line or '?'}: {e}", "Write a YAML/JSON list of answers.") from None
        if isinstance(data, dict) and "answers" in data:
            data = data["answers"]
        if not isinstance(data, (list, dict)):
            raise BadAnswer(f"{path}: expected a list of answers", "e.g. - {lane: red, indicators: [port_switch]}")
        return cls(data, str(path))

    def _entry(self, item: DrillItem, number: int) -> dict:
        if isinstance(self.entries, list):
            if number - 1 >= len(self.entries):
                raise BadAnswer(
                    f"{self.source}: no answer for item {number}",
                    f"The file has {len(self.entries)} answers; give one per item (--n).",
                )
            e = self.entries[number - 1]
        else:
            e = self.entries.get(str(number), self.entries.get(number, self.entries.get(item.item_id)))  # type: ignore[call-overload]
            if e is None:
                raise BadAnswer(
                    f"{self.source}: no answer for item {number} ({item.item_id})",
                    "Key answers by item number (1, 2, ...) or item id.",
                )
        if isinstance(e, str):  # compact form: "r 3 8 16"
            lane, _, rest = e.strip().partition(" ")
            e = {"lane": lane, "indicators": rest}
        if not isinstance(e, dict) or "lane" not in e:
            raise BadAnswer(f"{self.source}: answer {number} has no lane", "Each answer needs lane: g|y|r.")
        return e

    def answer(self, item: DrillItem, number: int, choices: list[str], lang: str) -> Answer:
        e = self._entry(item, number)
        try:
            lane = parse_lane(str(e["lane"]), lang)
            inds = parse_indicators(e.get("indicators"), choices, lang)
        except BadAnswer as err:
            raise BadAnswer(f"{self.source}: answer {number}: {err}", err.hint) from None
        return Answer(lane, inds, str(e.get("note") or "")[:500])

    def check(self, items: list[DrillItem], choices: list[str], lang: str) -> None:
        for k, item in enumerate(items, start=1):
            self.answer(item, k, choices, lang)

    def proceed(self, lang: str) -> None:
        return None


# ------------------------------------------------------------------------------------------------
# rendering


def item_panel(item: DrillItem, number: int, total: int, lang: str, namer: Namer) -> Group:
    decl = item.focus_decl
    head = Table.grid(padding=(0, 2))
    head.add_column(style="dim")
    head.add_column()
    head.add_column(style="dim")
    head.add_column()
    rows = header_rows(decl, lang, namer)
    half = (len(rows) + 1) // 2
    for k in range(half):
        right = rows[k + half] if k + half < len(rows) else ("", "")
        head.add_row(*rows[k], *right)
    lines = Table(title=t("lines", lang), title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    for c, justify, wrap in _LINE_COLS[lang]:
        lines.add_column(c, justify=justify, no_wrap=not wrap, overflow="fold")
    for i, ln in enumerate(decl["lines"], start=1):
        unit = ln.get("unit") or ""
        cur = ln.get("currency") or ""
        lines.add_row(
            str(ln.get("item_no") or i),
            str(ln.get("hs_code") or ""),
            str(ln.get("description") or ""),
            str(ln.get("brand") or ""),
            f"{_num(ln.get('quantity'))} {unit}".strip(),
            f"{_num(ln.get('value'))} {cur}".strip(),
            _num(ln.get("net_mass_kg")),
        )
    earlier, pens, ins = trader_context(item, lang)
    known: list[Any] = []
    if earlier:
        ec, eb = earlier_table(earlier, lang, namer)
        et = Table(title=t("earlier", lang), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for c in ec:
            et.add_column(c, overflow="fold")
        for row in eb[-8:]:
            et.add_row(*row)
        known.append(et)
    if pens:
        known.append(
            Text(t("penalties", lang) + ":\n" + "\n".join("  • " + p for p in penalty_rows(pens, lang, namer)))
        )
    if ins:
        known.append(Text(t("instructions", lang) + ":\n" + "\n".join("  • " + p for p in instruction_rows(ins, lang))))
    if not known:
        known.append(Text(t("nothing_known", lang), style="dim"))
    return Group(
        Panel(
            Group(head, lines),
            title=f"{t('item', lang, i=number, n=total)} · {t('declaration', lang)}",
            title_align="left",
            border_style="cyan",
        ),
        Panel(Group(*known), title=t("known", lang), title_align="left", border_style="blue"),
    )


_LINE_COLS = {
    "en": [
        ("No.", "right", False),
        ("HS code", "left", False),
        ("Description", "left", True),
        ("Brand", "left", True),
        ("Quantity", "right", False),
        ("Value", "right", False),
        ("Net kg", "right", False),
    ],
    "zh": [
        ("项号", "right", False),
        ("商品编码", "left", False),
        ("品名", "left", True),
        ("品牌", "left", True),
        ("数量", "right", False),
        ("金额", "right", False),
        ("净重(千克)", "right", False),
    ],
}


def choices_table(choices: list[str], lang: str, compact: bool = False) -> Table:
    """The numbered indicators: full names in two columns, or (compact) short labels in four."""
    ncols = 4 if compact else 2
    grid = Table(title=t("ind_title", lang), title_justify="left", show_header=False, box=None, padding=(0, 1))
    rows = (len(choices) + ncols - 1) // ncols
    for _ in range(ncols):
        grid.add_column(justify="right", style="bold")
        grid.add_column()
    for r in range(rows):
        cells: list[str] = []
        for c in range(ncols):
            k = r + c * rows
            if k < len(choices):
                cells += [str(k + 1), taxonomy.short(choices[k], lang) if compact else taxonomy.name(choices[k], lang)]
            else:
                cells += ["", ""]
        grid.add_row(*cells)
    return grid


def _names(ids: list[str], lang: str) -> str:
    return ", ".join(taxonomy.name(i, lang) for i in ids) if ids else t("none", lang)


def reveal_panel(item: DrillItem, verdict, answer: Answer, score, lang: str) -> Panel:
    parts: list[Any] = []
    lane_l = lane_name(verdict.lane, lang)
    parts.append(
        Text(
            t("profile_lane", lang, score=verdict.score, lane=lane_l, arith=verdict.arithmetic),
            style=LANE_STYLE.get(verdict.lane, ""),
        )
    )
    if verdict.seen:
        tbl = Table(
            title=t("profile_saw", lang), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=True
        )
        zh = lang == "zh"
        tbl.add_column("规则" if zh else "rule", no_wrap=True)
        tbl.add_column("+", justify="right", no_wrap=True)
        tbl.add_column("理由" if zh else "reason", ratio=3, overflow="fold")
        tbl.add_column(t("ind_title", lang), no_wrap=True, overflow="ellipsis")
        for r in verdict.seen:
            forced = f"\n→ {lane_name(r.lane, lang)}" if r.lane else ""
            tbl.add_row(
                f"{r.id}{forced}",
                f"{r.weight:g}",
                Text.assemble((r.title, "bold"), "\n", r.reason),
                "\n".join(taxonomy.short(i, lang) for i in r.indicators),
            )
        parts.append(tbl)
    else:
        parts.append(Text(t("no_rule", lang), style="dim"))
    others = {k: v for k, v in verdict.lanes.items() if k != verdict.decl_id}
    if others:
        parts.append(
            Text(
                t("other_decls", lang, lanes=", ".join(f"{k}: {lane_name(v, lang)}" for k, v in others.items())),
                style="dim",
            )
        )
    if item.infringing:
        pre = t("in_documented", lang) if item.is_variant else ""
        parts.append(Text(f"{t('outcome', lang)}: {pre}{item.outcome}", style="bold"))
    else:
        parts.append(Text(t("clean", lang, why=item.why or item.title), style="bold green"))
    origin = (
        t(
            "variant_of",
            lang,
            base=item.base_id,
            what=", ".join(sorted({c.what for c in item.changes if c.what != "decl_id"})),
        )
        if item.is_variant
        else t("documented" if item.kind == "scenario" else "control_of", lang, base=item.base_id)
    )
    parts.append(Text(f"{origin} — {item.title}. {t('source', lang)}: {item.source}", style="dim"))
    exp_lane = lane_name(item.expected_lane, lang)
    exp = t("at_least", lang, lane=exp_lane) if item.infringing and item.expected_lane != "red" else exp_lane
    lane_mark = "✔" if score.lane.ok else "✘"
    lane_style = "green" if score.lane.ok else "red"
    ind = score.indicators
    res = Table.grid(padding=(0, 2))
    res.add_column(style="dim")
    res.add_column()
    res.add_row(
        t("your_answer", lang),
        Text(
            f"{lane_mark} {lane_name(answer.lane, lang)}{t('lane_word', lang)} "
            f"({t('lane_outcome.' + score.lane.outcome, lang)}); {t('expected', lang)}: {exp}",
            style=lane_style,
        ),
    )
    res.add_row(t("found", lang), _names(ind.hit, lang))
    res.add_row(t("missed", lang), Text(_names(ind.missed, lang), style="yellow" if ind.missed else ""))
    res.add_row(t("extra", lang), Text(_names(ind.extra, lang), style="yellow" if ind.extra else ""))
    res.add_row("", Text(t("points", lang, points=score.points), style="bold"))
    parts.append(res)
    return Panel(Group(*parts), title=t("reveal", lang), title_align="left", border_style="magenta")


def summary_table(summary: Summary, lang: str) -> Table:
    tbl = Table(title=t("summary", lang), title_justify="left", show_header=False)
    tbl.add_column(style="dim")
    tbl.add_column()

    def pct(x):
        return "n/a" if x is None else f"{x:.0%}"

    zh = lang == "zh"
    tbl.add_row("题数" if zh else "items", str(summary.items))
    tbl.add_row(
        "通道正确率" if zh else "lane correct", f"{summary.lane_ok}/{summary.items} ({pct(summary.lane_accuracy)})"
    )
    tbl.add_row("放行侵权货物" if zh else "infringing released", str(summary.released_infringing))
    tbl.add_row("拦下合法货物" if zh else "clean stopped", str(summary.stopped_clean))
    tbl.add_row("代价" if zh else "cost", f"{summary.cost:g}")
    tbl.add_row("指标查准率" if zh else "indicator precision", pct(summary.precision))
    tbl.add_row("指标查全率" if zh else "indicator recall", pct(summary.recall))
    tbl.add_row(
        "平均得分" if zh else "mean points", "n/a" if summary.mean_points is None else f"{summary.mean_points:.0f}"
    )
    return tbl


# ------------------------------------------------------------------------------------------------
# the core


@dataclass
class SessionResult:
    answered: int
    total: int
    summary: Summary
    interrupted: bool = False
    records: list[dict] = field(default_factory=list)


def shown(item: DrillItem) -> dict:
    """The surface of the focus declaration as the trainee saw it (what variants change)."""
    d = item.focus_decl
    return {
        "declared_at": str(d.get("declared_at")),
        "customs_office": d.get("customs_office"),
        "trader_id": d.get("trader_id"),
        "declarant_id": d.get("declarant_id"),
        "brands": [ln.get("brand") for ln in d["lines"]],
        "quantity": sum(float(ln.get("quantity") or 0) for ln in d["lines"]),
        "value": round(sum(float(ln.get("value") or 0) for ln in d["lines"]), 2),
    }


def run_session(
    items: list[DrillItem],
    assessor: Assessor,
    source: AnswerSource,
    writer: ResultsWriter,
    console: Console,
    *,
    lang: str = "en",
    trainee: str = "anonymous",
    seed: int | None = None,
    run_info: dict | None = None,
    namer: Namer | None = None,
) -> SessionResult:
    choices = taxonomy.choices(i for it in items for i in it.indicators)
    namer = namer or Namer(assessor.profile.lists)
    session_id = uuid.uuid4().hex[:12]
    summary = Summary()
    result = SessionResult(0, len(items), summary)
    # Interactive runs ask the profile in the background while the trainee reads and answers, so the
    # reveal is immediate. Only the worker thread touches the assessor during the session.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drill-verdict") if source.interactive else None
    pending: dict[int, Future] = {}
    ctx = _Run(
        items,
        assessor,
        source,
        writer,
        console,
        lang,
        trainee,
        seed,
        run_info or {},
        namer,
        choices,
        session_id,
        summary,
        result,
        pool,
        pending,
    )
    try:
        _loop(ctx)
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    return result


@dataclass
class _Run:
    items: list[DrillItem]
    assessor: Assessor
    source: AnswerSource
    writer: ResultsWriter
    console: Console
    lang: str
    trainee: str
    seed: int | None
    run_info: dict
    namer: Namer
    choices: list[str]
    session_id: str
    summary: Summary
    result: SessionResult
    pool: ThreadPoolExecutor | None
    pending: dict


def _loop(r: _Run) -> None:
    items, assessor, source, writer, console, lang = r.items, r.assessor, r.source, r.writer, r.console, r.lang
    trainee, seed, run_info, namer, choices, session_id = (
        r.trainee,
        r.seed,
        r.run_info,
        r.namer,
        r.choices,
        r.session_id,
    )
    summary, result, pool, pending = r.summary, r.result, r.pool, r.pending
    for number, item in enumerate(items, start=1):
        try:
            if pool is not None and number not in pending:
                pending[number] = pool.submit(_verdict, item, assessor)
            console.print(item_panel(item, number, len(items), lang, namer))
            console.print(choices_table(choices, lang, compact=number > 1))
            started = dt.datetime.now(dt.UTC)
            t0 = time.monotonic()
            answer = source.answer(item, number, choices, lang)
            seconds = round(time.monotonic() - t0, 2)
            verdict, error = pending[number].result() if number in pending else _verdict(item, assessor)
            score = score_item(answer.lane, answer.indicators, item.expected_lane, item.infringing, item.indicators)
            record = {
                **run_info,
                "session": session_id,
                "trainee": trainee,
                "at": started.isoformat(timespec="seconds"),
                "seed": seed,
                "lang": lang,
                "n": number,
                "of": len(items),
                "item": item.item_id,
                "kind": item.kind,
                "scenario": item.scenario_id,
                "base": item.base_id,
                "variant_seed": item.variant_seed,
                "decl_id": item.decl_id,
                "shown": shown(item),
                "answer": {"lane": answer.lane, "indicators": answer.indicators, "note": answer.note},
                "expected": {
                    "lane": item.expected_lane,
                    "infringing": item.infringing,
                    "indicators": item.indicators,
                    "case_indicators": item.case_indicators,
                },
                "profile": (
                    {
                        "lane": verdict.lane,
                        "score": verdict.score,
                        "rules": verdict.rules,
                        "forced_by": verdict.forced_by,
                        "indicators": verdict.indicators,
                    }
                    if verdict
                    else {"error": error}
                ),
                "score": score.to_json(),
                "seconds": seconds,
            }
        except (KeyboardInterrupt, Stop):
            result.interrupted = True
            break
        # Recorded before the reveal. Ctrl-C during the write is held until the line is complete and
        # surfaces here; the answer is kept either way.
        stop = False
        try:
            writer.write(record)
        except KeyboardInterrupt:
            stop = True
        result.records.append(record)
        result.answered += 1
        summary.add(record["score"], seconds)
        try:
            if stop:
                raise KeyboardInterrupt
            if verdict is not None:
                console.print(reveal_panel(item, verdict, answer, score, lang))
            else:
                console.print(f"[red]The profile could not assess this item:[/] {escape(str(error))}", highlight=False)
            if number < len(items):
                source.proceed(lang)
        except (KeyboardInterrupt, Stop):
            result.interrupted = number < len(items)
            break


def _verdict(item: DrillItem, assessor: Assessor):
    """The profile's verdict, or (None, message) when the engine fails on this item (never a traceback)."""
    try:
        return item.verdict(assessor), None
    except KeyboardInterrupt:
        raise
    except Exception as e:  # an engine error on one item must not end the session
        return None, f"{type(e).__name__}: {e}"
