"""Report pages for people: headings, paragraphs, tables, images, a glossary and folded tables, rendered
twice, to an HTML page (self-contained apart from the PNGs beside it) and to Markdown. Used by the analyst
and simulator reports."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;"
    "line-height:1.45}h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #ddd}"
    "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
    "font-size:13px}th{background:#f2f2f2;text-align:center}td.r{text-align:right;"
    "font-variant-numeric:tabular-nums}td.l{text-align:left}p.note{font-size:12px;color:#555;margin-top:0}"
    "dt{font-weight:600;margin-top:0.4em}dd{margin-left:1.5em}img{max-width:100%}"
    "details{margin:0.5em 0}summary{cursor:pointer;color:#1f5fa8}"
)


@dataclass
class Table:
    headers: list[str]  # all empty: no header row
    rows: list[list[str]]
    note: str = ""
    left: int = 1  # leading columns aligned left (labels); the rest are figures
    text: tuple[int, ...] = ()  # further columns of text (aligned left)


def _html_table(t: Table) -> str:
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in t.headers) if any(t.headers) else ""
    body = "".join(
        "<tr>"
        + "".join(f'<td class="{"l" if i < t.left or i in t.text else "r"}">{e(c)}</td>' for i, c in enumerate(r))
        + "</tr>"
        for r in t.rows
    )
    thead = f"<thead><tr>{head}</tr></thead>" if head else ""
    note = f'<p class="note">{e(t.note)}</p>' if t.note else ""
    return f"<table>{thead}<tbody>{body}</tbody></table>{note}"


def _md_table(t: Table) -> list[str]:
    def cell(c: str) -> str:
        return c.replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(cell(h) for h in t.headers) + " |"]
    out.append("|" + "".join("---|" if i < t.left or i in t.text else "---:|" for i in range(len(t.headers))))
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in t.rows]
    return out + (["", t.note, ""] if t.note else [""])


@dataclass
class Page:
    title: str
    blocks: list[tuple[str, Any]] = field(default_factory=list)

    def h2(self, text: str) -> None:
        self.blocks.append(("h2", text))

    def p(self, text: str) -> None:
        self.blocks.append(("p", text))

    def table(self, t: Table) -> None:
        self.blocks.append(("table", t))

    def img(self, file: str, alt: str) -> None:
        self.blocks.append(("img", (file, alt)))

    def glossary(self, terms: list[tuple[str, str]]) -> None:
        self.blocks.append(("dl", terms))

    def details(self, summary: str, t: Table, markdown: Table | None = None) -> None:
        """A table folded away in HTML (opens on a click); Markdown shows `markdown` (e.g. a shorter one)."""
        self.blocks.append(("details", (summary, t, markdown or t)))

    def html(self) -> str:
        e = html.escape
        parts = [f"<h1>{e(self.title)}</h1>"]
        for kind, x in self.blocks:
            if kind == "h2":
                parts.append(f"<h2>{e(x)}</h2>")
            elif kind == "p":
                parts.append(f"<p>{e(x)}</p>")
            elif kind == "img":
                parts.append(f'<p><img src="{e(x[0])}" alt="{e(x[1])}"></p>')
            elif kind == "dl":
                parts.append("<dl>" + "".join(f"<dt>{e(t)}</dt><dd>{e(d)}</dd>" for t, d in x) + "</dl>")
            elif kind == "details":
                parts.append(f"<details><summary>{e(x[0])}</summary>{_html_table(x[1])}</details>")
            else:
                parts.append(_html_table(x))
        return (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{e(self.title)}</title>"
            f"<style>{STYLE}</style></head><body>{''.join(parts)}</body></html>\n"
        )

    def markdown(self) -> str:
        out = [f"# {self.title}", ""]
        for kind, x in self.blocks:
            if kind == "h2":
                out += [f"## {x}", ""]
            elif kind == "p":
                out += [x, ""]
            elif kind == "img":
                out += [f"![{x[1]}]({x[0]})", ""]
            elif kind == "dl":
                out += [f"- **{t}**: {d}" for t, d in x] + [""]
            elif kind == "details":
                out += [f"{x[0]}:", "", *_md_table(x[2])]
            else:
                out += _md_table(x)
        return "\n".join(out)

    def write(self, out: Path) -> list[Path]:
        (out / "report.html").write_text(self.html(), encoding="utf-8")
        (out / "report.md").write_text(self.markdown(), encoding="utf-8")
        return [out / "report.html", out / "report.md"]
