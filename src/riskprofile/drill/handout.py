"""A printable classroom pack: the items as lodged (one per page, with an answer box), then the answers,
each on its own page (HTML with CSS page breaks, and Markdown with the same breaks as HTML divs)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from . import taxonomy
from .engine import Assessor
from .items import DrillItem
from .view import (
    Namer,
    earlier_table,
    header_rows,
    instruction_rows,
    lane_name,
    line_table,
    penalty_rows,
    t,
    trader_context,
)

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
@media print { body { margin: 0; } }
"""
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
    "profile": ("Profile", "风险参数"),
    "changed": ("Surface changed", "更改的表面信息"),
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


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    def cell(c):
        return str(c).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def _expected_lane(item: DrillItem, lang: str) -> str:
    lane = lane_name(item.expected_lane, lang)
    return t("at_least", lang, lane=lane) if item.infringing and item.expected_lane != "red" else lane


def write_handout(
    items: list[DrillItem], assessor: Assessor, folder: Path, lang: str = "en", seed: int | None = None
) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    namer = Namer(assessor.profile.lists)
    choices = taxonomy.choices(i for it in items for i in it.indicators)
    today = dt.date.today().isoformat()
    sub = f"{len(items)} items · seed {seed} · {today}"

    h: list[str] = [
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{_e(_z("title", lang))}</title>'
        f"<style>{_CSS}</style></head><body>"
    ]
    m: list[str] = [f"# {_z('title', lang)}\n\n_{sub}_\n\n{_z('intro', lang)}\n\n"]
    h.append(
        f'<div class="page"><h1>{_e(_z("title", lang))}</h1><p class="dim">{_e(sub)}</p><p>{_e(_z("intro", lang))}</p>'
    )
    h.append(f'<h3>{_e(t("ind_title", lang))}</h3><ol class="ind">')
    m.append(f"## {t('ind_title', lang)}\n\n")
    for k, ind in enumerate(choices, start=1):
        other = "en" if lang == "zh" else "zh"
        h.append(f'<li>{_e(taxonomy.name(ind, lang))} <span class="dim">{_e(taxonomy.name(ind, other))}</span></li>')
        m.append(f"{k}. {taxonomy.name(ind, lang)} — {taxonomy.name(ind, other)}\n")
    h.append("</ol></div>")
    m.append(_BREAK_MD)

    for k, item in enumerate(items, start=1):
        decl = item.focus_decl
        title = t("item", lang, i=k, n=len(items))
        h.append(f'<div class="page"><h2>{_e(title)} · {_e(t("declaration", lang))}</h2>')
        m.append(f"## {title} · {t('declaration', lang)}\n\n")
        hr = header_rows(decl, lang, namer)
        h.append(_html_table(["", ""], [[a, b] for a, b in hr]))
        m.append(_md_table(["", ""], [[a, b] for a, b in hr]) + "\n\n")
        cols, body = line_table(decl, lang)
        numeric = {i for i, c in enumerate(cols) if c in ("Quantity", "Value", "Net kg", "数量", "金额", "净重(千克)")}
        h.append(f"<h3>{_e(t('lines', lang))}</h3>" + _html_table(cols, body, numeric))
        m.append(f"### {t('lines', lang)}\n\n" + _md_table(cols, body) + "\n\n")
        earlier, pens, ins = trader_context(item, lang)
        h.append(f"<h3>{_e(t('known', lang))}</h3>")
        m.append(f"### {t('known', lang)}\n\n")
        if earlier:
            ec, eb = earlier_table(earlier, lang, namer)
            h.append(f"<p>{_e(t('earlier', lang))}</p>" + _html_table(ec, eb))
            m.append(f"{t('earlier', lang)}\n\n" + _md_table(ec, eb) + "\n\n")
        for key, rows in (
            ("penalties", penalty_rows(pens, lang, namer)),
            ("instructions", instruction_rows(ins, lang)),
        ):
            if rows:
                h.append(f"<p>{_e(t(key, lang))}</p><ul>" + "".join(f"<li>{_e(r)}</li>" for r in rows) + "</ul>")
                m.append(f"{t(key, lang)}\n\n" + "".join(f"- {r}\n" for r in rows) + "\n")
        if not (earlier or pens or ins):
            h.append(f'<p class="dim">{_e(t("nothing_known", lang))}</p>')
            m.append(f"_{t('nothing_known', lang)}_\n\n")
        h.append(
            f'<div class="box"><p>{_e(_z("lane_box", lang))}</p><p>{_e(_z("ind_box", lang))}</p>'
            f"<p>{_e(_z('note_box', lang))}</p></div></div>"
        )
        m.append(
            f"> {_z('lane_box', lang)}\n>\n> {_z('ind_box', lang)} ____________________\n>\n"
            f"> {_z('note_box', lang)} ____________________\n"
        )
        m.append(_BREAK_MD)

    for k, item in enumerate(items, start=1):
        v = item.verdict(assessor)
        head = f"{_z('answers', lang)} · {t('item', lang, i=k, n=len(items))}"
        kind = (
            t(
                "variant_of",
                lang,
                base=item.base_id,
                what=", ".join(sorted({c.what for c in item.changes if c.what != "decl_id"})),
            )
            if item.is_variant
            else t("documented" if item.kind == "scenario" else "control_of", lang, base=item.base_id)
        )
        inds = [f"{choices.index(i) + 1 if i in choices else '?'}. {taxonomy.name(i, lang)}" for i in item.indicators]
        outcome = (
            f"{t('outcome', lang)}: {t('in_documented', lang) if item.is_variant else ''}{item.outcome}"
            if item.infringing
            else t("clean", lang, why=item.why or item.title)
        )
        rules = [
            [
                r.id + (f" → {lane_name(r.lane, lang)}" if r.lane else ""),
                f"{r.weight:g}",
                f"{r.title}: {r.reason}",
                ", ".join(taxonomy.short(i, lang) for i in r.indicators),
            ]
            for r in v.seen
        ]
        h.append(f'<div class="page"><h2>{_e(head)}</h2><p><b>{_e(kind)}</b> — {_e(item.title)}</p>')
        h.append(
            f"<p>{_e(_z('exp_lane', lang))}: "
            f'<span class="lane-{item.expected_lane}">{_e(_expected_lane(item, lang))}</span></p>'
        )
        h.append(
            f"<p>{_e(_z('exp_ind', lang))}:</p><ul>" + "".join(f"<li>{_e(x)}</li>" for x in inds) + "</ul>"
            if inds
            else f"<p>{_e(_z('exp_ind', lang))}: {_e(t('none', lang))}</p>"
        )
        h.append(
            f'<p>{_e(_z("profile", lang))}: <span class="lane-{v.lane}">{_e(lane_name(v.lane, lang))}</span> '
            f"({_e(v.arithmetic)})</p>"
        )
        if rules:
            h.append(_html_table(["rule", "+", "reason", t("ind_title", lang)], rules, {1}))
        h.append(f'<p><b>{_e(outcome)}</b></p><p class="dim">{_e(t("source", lang))}: {_e(item.source)}</p>')
        if item.narrative and item.infringing:
            h.append(f'<p class="dim">{_e(item.narrative)}</p>')
        changed = [f"{c.what}: {c.old} → {c.new}" for c in item.changes if c.what != "decl_id"]
        if changed:
            h.append(f'<p class="dim">{_e(_z("changed", lang))}: {_e("; ".join(changed))}</p>')
        h.append("</div>")
        m.append(
            f"## {head}\n\n**{kind}** — {item.title}\n\n{_z('exp_lane', lang)}: **{_expected_lane(item, lang)}**\n\n"
        )
        m.append(
            f"{_z('exp_ind', lang)}:\n\n"
            + ("".join(f"- {x}\n" for x in inds) if inds else f"- {t('none', lang)}\n")
            + "\n"
        )
        m.append(f"{_z('profile', lang)}: **{lane_name(v.lane, lang)}** ({v.arithmetic})\n\n")
        if rules:
            m.append(_md_table(["rule", "+", "reason", t("ind_title", lang)], rules) + "\n\n")
        m.append(f"**{outcome}**\n\n_{t('source', lang)}: {item.source}_\n\n")
        if changed:
            m.append(f"_{_z('changed', lang)}: {'; '.join(changed)}_\n\n")
        if k < len(items):
            m.append(_BREAK_MD)
    h.append("</body></html>")
    paths = [folder / "drill.html", folder / "drill.md"]
    paths[0].write_text("\n".join(h), encoding="utf-8")
    paths[1].write_text("".join(m), encoding="utf-8")
    return paths
