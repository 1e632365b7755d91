"""A printable classroom pack: the items as lodged (one per page, with an answer box), then the answers,
each on its own page (HTML with CSS page breaks, and Markdown with the same breaks as HTML divs)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from ..yamlio import atomic_write_text
from . import taxonomy
from .session import Drill
from .view import RevealView, change_label, names, text

_CSS = """
body { font-family: "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", Arial, sans-serif;
       font-size: 11pt; margin: 2em; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; border-bottom: 1px solid #999; } h3 { font-size: 12pt; }
table { border-collapse: collapse; margin: 0.5em 0; }
td, th { border: 1px solid #bbb; padding: 2px 6px; vertical-align: top; }
th { background: #eee; text-align: left; } .num { text-align: right; }
.page { break-after: page; page-break-after: always; }
.box { border: 1px solid #444; padding: 0.6em; margin-top: 1em; min-height: 7em; }
.lane-green { color: #080; font-weight: bold; } .lane-yellow { color: #a70; font-weight: bold; }
.lane-red { color: #b00; font-weight: bold; }
.dim { color: #666; } ol.ind { columns: 2; font-size: 9.5pt; }
.rule { border-left: 3px solid #888; padding-left: 0.8em; font-size: 10pt; }
@media print { body { margin: 0; } }
"""
_HTML_LANG = {"en": "en", "zh": "zh-CN"}
_BREAK_MD = '\n<div style="page-break-after: always;"></div>\n\n'

_ZH = {
    "title": ("Customs risk drill", "海关风险布控训练"),
    "answers": ("Answers", "参考答案"),
    "intro": (
        "For each item decide a lane - green (release), yellow (document check) or red (inspection) - and "
        "tick the indicators you see. Answers are on separate pages at the end.",
        "请对每题选择通道：绿色（放行）、黄色（审单）或红色（查验），并勾选你看到的风险指标。参考答案在最后，另页印刷。",
    ),
    "lane_box": ("Lane:  ☐ green   ☐ yellow   ☐ red", "通道：☐ 绿色   ☐ 黄色   ☐ 红色"),
    "ind_box": ("Indicators (numbers):", "风险指标（编号）："),
    "note_box": ("Notes:", "备注："),
    "exp_lane": ("Expected lane", "应选通道"),
    "exp_ind": ("Indicators", "风险指标"),
    "changed": ("Surface changed", "更改的表面信息"),
    "also_ok": ("Also on the declaration (naming them is fine)", "报关单上也存在的指标（选出不扣分）"),
}


def _z(key: str, lang: str) -> str:
    en, zh = _ZH[key]
    return zh if lang == "zh" else en


def _e(x) -> str:
    return html.escape("" if x is None else str(x))


def _html_table(head: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    out = ["<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for r in rows:
        out.append(
            "<tr>"
            + "".join(f'<td class="num">{_e(c)}</td>' if i in numeric else f"<td>{_e(c)}</td>" for i, c in enumerate(r))
            + "</tr>"
        )
    out.append("</table>")
    return "\n".join(out)


def _m(x) -> str:
    """Text for the Markdown handout: HTML special characters escaped, so scenario text never becomes markup
    (a Markdown renderer passes raw HTML through)."""
    return html.escape("" if x is None else str(x), quote=False)


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    def cell(c):
        return _m(c).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def write_handout(drill: Drill, folder: Path) -> list[Path]:
    """drill.html and drill.md in `folder`: the marking rule and the indicators, each item as knowable at
    lodging (one per page, with an answer box), then the answers, each on its own page."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lang, n = drill.lang, len(drill)
    other = "en" if lang == "zh" else "zh"
    sub = (
        f"共 {n} 题 · 随机种子 {drill.seed}" if lang == "zh" else f"{n} items · seed {drill.seed}"
    ) + f" · {dt.date.today()}"
    rule = drill.marking_rule
    h: list[str] = [
        f'<!doctype html><html lang="{_HTML_LANG[lang]}"><head><meta charset="utf-8">'
        f"<title>{_e(_z('title', lang))}</title><style>{_CSS}</style></head><body>"
    ]
    m: list[str] = [f"# {_z('title', lang)}\n\n_{sub}_\n\n{_z('intro', lang)}\n\n"]
    h.append(
        f'<div class="page"><h1>{_e(_z("title", lang))}</h1><p class="dim">{_e(sub)}</p><p>{_e(_z("intro", lang))}</p>'
    )
    h.append(
        f'<h3>{_e(text("marking", lang))}</h3><div class="rule">'
        + "".join(f"<p>{_e(p)}</p>" for p in rule.split("\n"))
        + "</div>"
    )
    m.append(f"## {text('marking', lang)}\n\n" + "\n\n".join(_m(x) for x in rule.split("\n")) + "\n\n")
    first = drill.show(1)
    h.append(f'<h3>{_e(text("ind_title", lang))}</h3><ol class="ind">')
    m.append(f"## {text('ind_title', lang)}\n\n")
    for k, full, _ in first.choices:
        ind = drill.choices[k - 1]
        h.append(
            f'<li>{_e(full)} <span class="dim" lang="{_HTML_LANG[other]}">{_e(taxonomy.name(ind, other))}</span></li>'
        )
        m.append(f"{k}. {_m(full)} — {_m(taxonomy.name(ind, other))}\n")
    h.append("</ol></div>")
    m.append(_BREAK_MD)

    for k in range(1, n + 1):
        v = drill.show(k)
        h.append(f'<div class="page" id="item-{k}"><h2>{_e(v.title)}</h2>')
        m.append(f"## {_m(v.title)}\n\n")
        h.append(_html_table(["", ""], [[a, b] for a, b in v.header]))
        m.append(_md_table(["", ""], [[a, b] for a, b in v.header]) + "\n\n")
        cols, body = v.lines
        h.append(f"<h3>{_e(text('lines', lang))}</h3>" + _html_table(cols, body, v.numeric))
        m.append(f"### {text('lines', lang)}\n\n" + _md_table(cols, body) + "\n\n")
        h.append(f"<h3>{_e(text('known', lang))}</h3>")
        m.append(f"### {text('known', lang)}\n\n")
        if v.earlier:
            ec, eb = v.earlier
            h.append(f"<p>{_e(text('earlier', lang))}</p>" + _html_table(ec, eb))
            m.append(f"{text('earlier', lang)}\n\n" + _md_table(ec, eb) + "\n\n")
        rows_by_key = [("penalties", v.penalties), ("instructions", v.instructions), ("operations", v.operations)]
        if v.office_goods:
            rows_by_key.append(("office_goods", [", ".join(v.office_goods)]))
        for key, rows in rows_by_key:
            if rows:
                h.append(f"<p>{_e(text(key, lang))}</p><ul>" + "".join(f"<li>{_e(r)}</li>" for r in rows) + "</ul>")
                m.append(f"{text(key, lang)}\n\n" + "".join(f"- {_m(r)}\n" for r in rows) + "\n")
        if v.nothing_known:
            h.append(f'<p class="dim">{_e(text("nothing_known", lang))}</p>')
            m.append(f"_{text('nothing_known', lang)}_\n\n")
        h.append(
            f'<div class="box"><p>{_e(_z("lane_box", lang))}</p><p>{_e(_z("ind_box", lang))}</p>'
            f"<p>{_e(_z('note_box', lang))}</p></div></div>"
        )
        m.append(
            f"> {_z('lane_box', lang)}\n>\n> {_z('ind_box', lang)} ____________________\n>\n"
            f"> {_z('note_box', lang)} ____________________\n"
        )
        m.append(_BREAK_MD)

    for k in range(1, n + 1):
        item = drill.item(k)
        marked = drill.mark(k, drill.perfect_answer(k))
        r = drill.reveal(marked)
        head = f"{_z('answers', lang)} · {text('item', lang, i=k, n=n)}"
        key = [f"{drill.choices.index(i) + 1}. {taxonomy.name(i, lang)}" for i in item.indicators]
        also = [i for i in item.present if i not in item.indicators]
        h.append(f'<div class="page" id="answer-{k}"><h2>{_e(head)}</h2><p><b>{_e(r.origin)}</b></p>')
        h.append(f'<p>{_e(_z("exp_lane", lang))}: <span class="lane-{item.expected_lane}">{_e(r.expected)}</span></p>')
        h.append(
            f"<p>{_e(_z('exp_ind', lang))}:</p><ul>" + "".join(f"<li>{_e(x)}</li>" for x in key) + "</ul>"
            if key
            else f"<p>{_e(_z('exp_ind', lang))}: {_e(text('none', lang))}</p>"
        )
        if also:
            h.append(f'<p class="dim">{_e(_z("also_ok", lang))}: {_e(names(also, lang))}</p>')
        h.append(_html_reveal(r, lang))
        h.append(f"<p><b>{_e(r.outcome)}</b></p>")
        if item.infringing and item.narrative:
            h.append(f'<p class="dim">{_e(item.text("narrative", lang))}</p>')
        changed = [f"{change_label(c.what, lang)}: {c.old} → {c.new}" for c in item.changes if c.what != "decl_id"]
        if changed:
            h.append(f'<p class="dim">{_e(_z("changed", lang))}: {_e("; ".join(changed))}</p>')
        h.append("</div>")
        m.append(f"## {_m(head)}\n\n**{_m(r.origin)}**\n\n{_z('exp_lane', lang)}: **{_m(r.expected)}**\n\n")
        m.append(
            f"{_z('exp_ind', lang)}:\n\n"
            + ("".join(f"- {_m(x)}\n" for x in key) if key else f"- {text('none', lang)}\n")
            + "\n"
        )
        if also:
            m.append(f"_{_z('also_ok', lang)}: {_m(names(also, lang))}_\n\n")
        m.append(f"{_m(r.profile or r.error)}\n\n")
        if r.forced:
            m.append(f"{_m(r.forced)}\n\n")
        if r.rules:
            m.append(_md_table(*_rule_table(r, lang)) + "\n\n")
        m.append(f"**{_m(r.outcome)}**\n\n")
        if changed:
            m.append(f"_{_z('changed', lang)}: {_m('; '.join(changed))}_\n\n")
        if k < n:
            m.append(_BREAK_MD)
    h.append("</body></html>")
    paths = [folder / "drill.html", folder / "drill.md"]
    atomic_write_text(paths[0], "\n".join(h))
    atomic_write_text(paths[1], "".join(m))
    return paths


def _rule_table(r: RevealView, lang: str) -> tuple[list[str], list[list[str]]]:
    head = [text("rule_col", lang), "+", text("reason_col", lang), text("ind_title", lang)]
    rows = [
        [
            x.id + (f" → {x.lane}" if x.lane else ""),
            f"{x.weight:g}",
            f"{x.title}: {x.reason}",
            ", ".join(x.indicators),
        ]
        for x in r.rules
    ]
    return head, rows


def _html_reveal(r: RevealView, lang: str) -> str:
    out = [f'<p><span class="lane-{r.profile_lane}">{_e(r.profile or r.error)}</span></p>']
    if r.forced:
        out.append(f"<p>{_e(r.forced)}</p>")
    if r.rules:
        out.append(_html_table(*_rule_table(r, lang), {1}))
    return "".join(out)
