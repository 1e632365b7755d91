"""What a trainee sees, as plain data (label/value rows and tables) in English or Chinese.

`ItemView` is the judged declaration as lodged with what was knowable at lodging (earlier
declarations, penalties on record, instructions and special operations in force, the office's
high-risk goods); `RevealView` is the reveal (the profile's verdict with its rules' reasons, what was
found, the marks). Both are plain data shared by the terminal (rich), the handout (HTML/Markdown) and
any other front end; every text exists in both languages (rule and scenario texts come from their
`*_zh` keys, falling back to English where a file has none). Sources are cited by document title.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..model import sources
from . import taxonomy

T: dict[str, dict[str, str]] = {
    "item": {"en": "Item {i} of {n}", "zh": "第 {i} 题 / 共 {n} 题"},
    "declaration": {"en": "Declaration as lodged", "zh": "报关单（申报时）"},
    "lines": {"en": "Goods lines", "zh": "商品项"},
    "known": {"en": "Known at lodging", "zh": "申报时已掌握的信息"},
    "earlier": {"en": "Earlier declarations by this trader", "zh": "该企业此前的报关单"},
    "penalties": {"en": "IP penalties on record", "zh": "知识产权处罚记录"},
    "instructions": {"en": "Targeting instructions in force", "zh": "有效的布控指令"},
    "nothing_known": {
        "en": "Nothing on record for this trader; no instruction in force.",
        "zh": "该企业无记录，无有效布控指令。",
    },
    "lane_prompt": {
        "en": "Lane? [g]reen release / [y]ellow document check / [r]ed inspect",
        "zh": "通道？[g]绿色放行 / [y]黄色审单 / [r]红色查验",
    },
    "lane_hint": {
        "en": "Type g, y or r (or green, yellow, red; 1, 2, 3).",
        "zh": "请输入 g、y 或 r（也可输入 绿/黄/红 或 1/2/3）。",
    },
    "bad_lane": {"en": "lane {x} not understood", "zh": "无法识别的通道：{x}"},
    "bad_ind": {"en": "indicator(s) {x} not understood", "zh": "无法识别的指标：{x}"},
    "bad_next": {"en": "{x} not understood", "zh": "无法识别：{x}"},
    "ind_title": {"en": "Indicators", "zh": "风险指标"},
    "ind_prompt": {
        "en": "Indicators you see (numbers separated by spaces; Enter for none)",
        "zh": "你看到的风险指标（输入编号，用空格分隔；没有则直接回车）",
    },
    "ind_hint": {
        "en": "Use numbers 1-{n} separated by spaces or commas, e.g. 3 8 16; Enter for none. Not understood: {bad}",
        "zh": "请输入 1-{n} 的编号，用空格或逗号分隔，如 3 8 16；没有则直接回车。无法识别：{bad}",
    },
    "note_prompt": {"en": "Note (optional; Enter to skip)", "zh": "备注（可选，回车跳过）"},
    "next_prompt": {"en": "Enter for the next item, q to stop", "zh": "回车进入下一题，输入 q 结束"},
    "next_hint": {"en": "Press Enter to go on or type q to stop.", "zh": "回车继续，或输入 q 结束。"},
    "trainee_prompt": {"en": "Trainee name", "zh": "学员姓名"},
    "trainee_hint": {"en": "A name or an id, up to 60 characters.", "zh": "请输入姓名或编号（不超过 60 个字符）。"},
    "reveal": {"en": "Reveal", "zh": "答案揭晓"},
    "profile_saw": {"en": "What the profile saw", "zh": "风险参数命中情况"},
    "no_rule": {"en": "No rule fired.", "zh": "未命中任何规则。"},
    "profile_lane": {
        "en": "Profile: score {score:g} -> {lane} lane ({arith})",
        "zh": "参数评分 {score:g} -> {lane}（{arith}）",
    },
    "other_decls": {"en": "Other declarations of the case: {lanes}", "zh": "本案其他报关单：{lanes}"},
    "outcome": {"en": "Documented outcome", "zh": "实际查获情况"},
    "clean": {"en": "Legitimate shipment (control): {why}", "zh": "合法货物（对照）：{why}"},
    "source": {"en": "Source", "zh": "出处"},
    "your_answer": {"en": "Your answer", "zh": "你的答案"},
    "expected": {"en": "Expected", "zh": "参考答案"},
    "lane_word": {"en": " lane", "zh": "通道"},
    "at_least": {"en": "at least {lane}", "zh": "至少 {lane}"},
    "found": {"en": "Found", "zh": "答对"},
    "missed": {"en": "Missed", "zh": "漏选"},
    "extra": {"en": "Added wrongly", "zh": "多选"},
    "none": {"en": "none", "zh": "无"},
    "variant_of": {
        "en": "Generated variant of {base} (surface changed: {what})",
        "zh": "{base} 的变体（已更改：{what}）",
    },
    "documented": {"en": "Documented case {base}", "zh": "真实案例 {base}"},
    "control_of": {"en": "Control {base}", "zh": "对照 {base}"},
    "points": {"en": "{points:.0f} points", "zh": "{points:.0f} 分"},
    "summary": {"en": "Session summary", "zh": "本次训练小结"},
    "saved": {"en": "{k} answer(s) saved to {path}", "zh": "已保存 {k} 条答题记录到 {path}"},
    "stopped": {"en": "Stopped: {k} of {n} items answered.", "zh": "已中止：共 {n} 题，已答 {k} 题。"},
    "lane_outcome.caught": {"en": "caught", "zh": "正确拦截"},
    "lane_outcome.released_infringing": {"en": "released an infringing shipment", "zh": "放行了侵权货物"},
    "lane_outcome.under_inspected": {"en": "document check where inspection was needed", "zh": "应查验却仅审单"},
    "lane_outcome.cleared_clean": {"en": "cleared a clean shipment", "zh": "正确放行"},
    "lane_outcome.checked_clean": {"en": "held a clean shipment for documents", "zh": "对合法货物审单"},
    "lane_outcome.opened_clean": {"en": "opened a clean shipment", "zh": "查验了合法货物"},
    "in_documented": {"en": "(in the documented case) ", "zh": "（原案例）"},
    "near_miss": {"en": "Near misses", "zh": "差一点命中"},
    "operations": {"en": "Special operations in force", "zh": "正在开展的专项行动"},
    "office_goods": {"en": "High-risk goods at this office (HS)", "zh": "本口岸高风险商品（商品编码）"},
    "also": {"en": "Also on the declaration (fine)", "zh": "报关单上也存在（不扣分）"},
    "present": {"en": "On the declaration", "zh": "报关单上存在的指标"},
    "mitigating": {"en": "mitigating (lowers the score)", "zh": "减分因素（降低评分）"},
    "forced": {"en": "lane forced by {rule}", "zh": "通道由 {rule} 强制"},
    "marking": {"en": "Marking", "zh": "评分规则"},
    "rule_col": {"en": "rule", "zh": "规则"},
    "reason_col": {"en": "reason", "zh": "理由"},
    "profile_failed": {"en": "The profile could not assess this item: {error}", "zh": "风险参数无法评估本题：{error}"},
    "exports_to": {"en": "exports to {x}", "zh": "出口至 {x}"},
    "imports_from": {"en": "imports from {x}", "zh": "进口自 {x}"},
    "goods": {"en": "goods {x}", "zh": "商品 {x}"},
    "modes": {"en": "by {x}", "zh": "运输方式 {x}"},
}

_CASE_NO = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

LANE_NAMES = {
    "green": {"en": "green", "zh": "绿色"},
    "yellow": {"en": "yellow", "zh": "黄色"},
    "red": {"en": "red", "zh": "红色"},
}

HEADER_LABELS = {
    "decl_id": ("Declaration no.", "报关单号"),
    "declared_at": ("Declared", "申报日期"),
    "direction": ("Direction", "进出口"),
    "customs_office": ("Office", "申报口岸"),
    "transport_mode": ("Transport", "运输方式"),
    "trade_mode": ("Trade mode", "贸易方式"),
    "trader_id": ("Trader", "收发货人"),
    "trader_type": ("Trader type", "企业类型"),
    "trader_region": ("Trader region", "企业所在地"),
    "declarant_id": ("Declarant", "申报单位"),
    "goods_source_region": ("Goods source", "货源地"),
    "origin_country": ("Origin", "原产国"),
    "departure_country": ("Departure", "启运国"),
    "destination_country": ("Destination", "目的国"),
    "n_containers": ("Containers", "集装箱数"),
}
LINE_LABELS = {
    "item_no": ("No.", "项号"),
    "hs_code": ("HS code", "商品编码"),
    "description": ("Description", "品名"),
    "brand": ("Brand", "品牌"),
    "quantity": ("Quantity", "数量"),
    "unit": ("Unit", "单位"),
    "value": ("Value", "金额"),
    "currency": ("Cur.", "币制"),
    "net_mass_kg": ("Net kg", "净重(千克)"),
}
ENUM_ZH = {
    "export": "出口",
    "import": "进口",
    "sea": "海运",
    "air": "空运",
    "road": "公路",
    "rail": "铁路",
    "postal": "邮递",
    "express": "快件",
    "other": "其他",
    "general": "一般贸易",
    "cross_border_ecommerce": "跨境电商",
    "border_trade": "边境贸易",
    "processing": "加工贸易",
    "manufacturer": "生产企业",
    "trading_company": "贸易公司",
    "trade_service_platform": "外贸综合服务平台",
    "individual": "个人",
}


def text(key: str, lang: str = "en", **kw: Any) -> str:
    """The interface text `key` in `lang`, formatted with `kw`."""
    s = T[key].get(lang) or T[key]["en"]
    return s.format(**kw) if kw else s


def lane_name(lane: str, lang: str = "en") -> str:
    return LANE_NAMES.get(lane, {}).get(lang, lane)


def _label(labels: dict, key: str, lang: str) -> str:
    en, zh = labels[key]
    return zh if lang == "zh" else en


def _num(v: Any) -> str:
    if v is None or v == "":
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    return f"{int(f):,}" if f.is_integer() else f"{f:,.2f}"


class Namer:
    """Offices and regions shown with their names (from the profile's lists) next to the codes."""

    def __init__(self, lists: dict | None = None):
        self.offices: dict[str, Any] = {}
        self.regions: dict[str, Any] = {}
        self._office_alias: dict[str, str] = {}
        if lists:
            if "offices" in lists:
                for o in lists["offices"].items:
                    self.offices[o.code] = o
                    for a in (o.code, *o.aliases):
                        self._office_alias.setdefault(_key(a), o.code)
            if "regions" in lists:
                for r in lists["regions"].items:
                    self.regions[r.code] = r

    def office_code(self, v: Any) -> str | None:
        return self._office_alias.get(_key(v)) if v else None

    def office(self, v: Any, lang: str) -> str:
        if not v:
            return ""
        code = self._office_alias.get(_key(v))
        o = self.offices.get(code) if code else None
        if o is None:
            return str(v)
        name = (o.name_zh if lang == "zh" else o.name) or o.name or ""
        return f"{v} ({name})" if name and name != v else str(v)

    def region(self, v: Any, lang: str) -> str:
        r = self.regions.get(str(v)) if v else None
        if r is None:
            return "" if v is None else str(v)
        name = (r.name_zh if lang == "zh" else r.name) or r.name or ""
        return f"{v} ({name})" if name else str(v)


def _key(s: Any) -> str:
    return "".join(ch for ch in str(s) if ch not in " -_").upper()


def header_rows(decl: dict, lang: str, namer: Namer) -> list[tuple[str, str]]:
    rows = []
    for key in HEADER_LABELS:
        v = decl.get(key)
        if v is None or v == "":
            continue
        if key == "customs_office":
            s = namer.office(v, lang)
        elif key in ("trader_region", "goods_source_region"):
            s = namer.region(v, lang)
        elif lang == "zh" and str(v) in ENUM_ZH:
            s = f"{ENUM_ZH[str(v)]} ({v})"
        elif str(v) in ENUM_ZH:
            s = str(v).replace("_", " ")
        else:
            s = str(v)
        rows.append((_label(HEADER_LABELS, key, lang), s))
    return rows


def line_table(decl: dict, lang: str) -> tuple[list[str], list[list[str]], list[str]]:
    """(head, body, column keys) of the goods lines; quantity and value carry their unit and currency."""
    skip = {"unit", "currency"}
    cols = [k for k in LINE_LABELS if k not in skip and any(ln.get(k) not in (None, "") for ln in decl["lines"])]
    head = [_label(LINE_LABELS, k, lang) for k in cols]
    body = []
    for i, ln in enumerate(decl["lines"], start=1):
        row = []
        for k in cols:
            v = ln.get(k, i if k == "item_no" else None)
            cell = _num(v) if k in ("quantity", "value", "net_mass_kg") else ("" if v is None else str(v))
            suffix = ln.get("unit") if k == "quantity" else ln.get("currency") if k == "value" else None
            row.append(f"{cell} {suffix}".strip() if suffix else cell)
        body.append(row)
    return head, body, cols


def earlier_table(decls: list[dict], lang: str, namer: Namer) -> tuple[list[str], list[list[str]]]:
    head = [
        _label(HEADER_LABELS, "declared_at", lang),
        _label(HEADER_LABELS, "customs_office", lang),
        _label(LINE_LABELS, "description", lang),
        _label(LINE_LABELS, "brand", lang),
        _label(LINE_LABELS, "value", lang),
    ]
    body = []
    for d in sorted(decls, key=lambda d: str(d.get("declared_at"))):
        first = d["lines"][0] if d.get("lines") else {}
        total = sum(float(ln.get("value") or 0) for ln in d.get("lines") or [])
        body.append(
            [
                str(d.get("declared_at")),
                namer.office(d.get("customs_office"), lang),
                str(first.get("description") or ""),
                str(first.get("brand") or ""),
                f"{_num(total)} {first.get('currency') or ''}".strip(),
            ]
        )
    return head, body


def penalty_rows(penalties: list[dict], lang: str, namer: Namer) -> list[str]:
    out = []
    for p in penalties:
        bits = [
            str(p.get("date", "")),
            str(p.get("trader_id", "")),
            namer.office(p.get("office"), lang) if p.get("office") else "",
            str(p.get("goods") or ""),
            str(p.get("kind") or ""),
        ]
        out.append(" · ".join(b for b in bits if b))
    return out


def instruction_rows(instructions: list[dict], lang: str) -> list[str]:
    out = []
    for ins in instructions:
        window = ""
        if ins.get("valid_from") or ins.get("valid_to"):
            window = f" [{ins.get('valid_from') or '…'} – {ins.get('valid_to') or '…'}]"
        lane = f" → {lane_name(ins['lane'], lang)}" if ins.get("lane") else ""
        title = (ins.get("title_zh") if lang == "zh" else None) or ins.get("title") or ins.get("id")
        out.append(f"{title}{window}{lane}")
    return out


def trader_context(item, lang: str) -> tuple[list[dict], list[dict], list[dict]]:
    """(earlier declarations of the focus trader, penalties on record, instructions) known at lodging.
    Penalties are the case's own and the profile's recorded ones for the trader or declarant."""
    decl = item.focus_decl
    trader = decl.get("trader_id")
    at = str(decl.get("declared_at"))
    earlier = [
        d
        for d in [*item.case.history, *item.earlier()]
        if (not trader or d.get("trader_id") == trader) and str(d.get("declared_at")) < at
    ]
    pens = [p for p in [*item.case.penalties, *item.recorded_penalties] if str(p.get("date")) < at]
    return earlier, pens, in_force(item.case.instructions, at)


def in_force(instructions: list[dict], at: str) -> list[dict]:
    """Instructions whose validity window covers the date `at` (ISO text): what was in force at lodging."""
    day = at[:10]
    return [
        ins
        for ins in instructions
        if (not ins.get("valid_from") or str(ins["valid_from"])[:10] <= day)
        and (not ins.get("valid_to") or day <= str(ins["valid_to"])[:10])
    ]


def _few(xs: list[str], k: int = 6) -> str:
    return ", ".join(xs[:k]) + (f" … ({len(xs)})" if len(xs) > k else "")


def operation_rows(decl: dict, lists: dict, lang: str) -> list[str]:
    """The special operations (campaigns list) in force on the declaration's date for its direction."""
    camps = lists.get("campaigns")
    day = str(decl.get("declared_at"))[:10]
    out = []
    for c in camps.items if camps else []:
        if not (str(c.valid_from) <= day <= str(c.valid_to)) or c.direction not in (None, decl.get("direction")):
            continue
        scope = []
        if c.destinations:
            scope.append(text("exports_to", lang, x=_few(c.destinations)))
        if c.origins:
            scope.append(text("imports_from", lang, x=_few(c.origins)))
        if c.goods:
            scope.append(text("goods", lang, x=_few(c.goods)))
        if c.transport_modes:
            modes = [ENUM_ZH.get(m, m) if lang == "zh" else m for m in c.transport_modes]
            scope.append(text("modes", lang, x=", ".join(modes)))
        title = (c.title_zh if lang == "zh" else c.title) or c.title or c.name
        out.append(f"{title} [{c.valid_from} – {c.valid_to}]" + (": " + "; ".join(scope) if scope else ""))
    return out


def office_goods_rows(decl: dict, lists: dict, namer: Namer) -> list[str]:
    """The HS prefixes the office_goods list names as high-risk at the declaration's office."""
    goods = lists.get("office_goods")
    code = namer.office_code(decl.get("customs_office"))
    if goods is None or code is None:
        return []
    return sorted({p for g in goods.items if namer.office_code(g.office) == code for p in g.hs_prefixes})


def source_title(source: Any, lang: str = "en") -> str:
    """A scenario's `source` with its documents cited by title (never by file name)."""
    if isinstance(source, str):
        parts, also = [source], []
    else:
        seed = str(source.get("seed", ""))
        title = sources.title(seed[:3], lang) or seed
        case = str(source.get("case", ""))
        if lang != "zh" and case.startswith("案例") and case[2:] in _CASE_NO:
            case = f"case {_CASE_NO[case[2:]]}"
        parts, also = [f"{title}, {case}" if case else title], [str(a) for a in source.get("also") or []]
    parts += [sources.cite(a, lang) for a in also]
    return "; ".join(parts)


# -- the views ---------------------------------------------------------------------------------------
@dataclass
class ItemView:
    """Item `number` of `total` as the trainee sees it: the declaration as lodged and what was knowable
    at lodging. Rows are (label, value); tables are (head, body)."""

    number: int
    total: int
    title: str
    header: list[tuple[str, str]]
    lines: tuple[list[str], list[list[str]]]
    numeric: set[int]  # columns of `lines` to right-align
    wrap: set[int]  # columns of `lines` that may wrap (descriptions, brands); codes and numbers never do
    earlier: tuple[list[str], list[list[str]]] | None
    penalties: list[str]
    instructions: list[str]
    operations: list[str]
    office_goods: list[str]
    choices: list[tuple[int, str, str]]  # (number, full name, short label)

    @property
    def nothing_known(self) -> bool:
        return not (self.earlier or self.penalties or self.instructions or self.operations or self.office_goods)

    def to_json(self) -> dict:
        return asdict(self) | {"numeric": sorted(self.numeric), "wrap": sorted(self.wrap)}


_NUMERIC = {"quantity", "value", "net_mass_kg"}


def item_view(item, number: int, total: int, choices: list[str], lang: str, namer: Namer, lists: dict) -> ItemView:
    decl = item.focus_decl
    head, body, cols = line_table(decl, lang)
    earlier, pens, ins = trader_context(item, lang)
    return ItemView(
        number,
        total,
        f"{text('item', lang, i=number, n=total)} · {text('declaration', lang)}",
        header_rows(decl, lang, namer),
        (head, body),
        {i for i, k in enumerate(cols) if k in _NUMERIC},
        {i for i, k in enumerate(cols) if k in ("description", "brand")},
        earlier_table(earlier, lang, namer) if earlier else None,
        penalty_rows(pens, lang, namer),
        instruction_rows(ins, lang),
        operation_rows(decl, lists, lang),
        office_goods_rows(decl, lists, namer),
        [(k, taxonomy.name(i, lang), taxonomy.short(i, lang)) for k, i in enumerate(choices, start=1)],
    )


@dataclass
class RuleRow:
    id: str
    weight: float
    lane: str | None  # the lane the rule forces, in `lang`
    title: str
    reason: str
    indicators: list[str]  # short labels; for a mitigating rule, the word for it
    mitigating: bool


@dataclass
class RevealView:
    """The reveal of one answered item, as plain data in one language."""

    profile: str  # "Profile: score 140 -> red lane (...)"; empty when the profile failed
    profile_lane: str | None
    forced: str | None
    rules: list[RuleRow]
    others: str | None
    outcome: str
    infringing: bool
    origin: str  # documented case / control / variant of ..., title, source by title
    answer: str
    lane_ok: bool
    expected: str
    found: str
    also: str
    missed: str
    extra: str
    present: str
    points: str
    error: str | None = None

    def to_json(self) -> dict:
        return asdict(self)


def names(ids: list[str], lang: str) -> str:
    return ", ".join(taxonomy.name(i, lang) for i in ids) if ids else text("none", lang)


def expected_lane(item, lang: str) -> str:
    lane = lane_name(item.expected_lane, lang)
    return text("at_least", lang, lane=lane) if item.infringing and item.expected_lane != "red" else lane


def change_label(what: str, lang: str) -> str:
    """What a variant changed, in words (`decl_id`, `brand`, `scale`... never shown as ids)."""
    if what in HEADER_LABELS:
        return _label(HEADER_LABELS, what, lang)
    if what in LINE_LABELS:
        return _label(LINE_LABELS, what, lang)
    return {"scale": ("quantities and values", "数量和金额")}.get(what, (what, what))[lang == "zh"]


def origin_line(item, lang: str) -> str:
    if item.is_variant:
        sep = "、" if lang == "zh" else ", "
        what = sep.join(sorted({change_label(c.what, lang) for c in item.changes if c.what != "decl_id"}))
        kind = text("variant_of", lang, base=item.base_id, what=what)
    else:
        kind = text("documented" if item.kind == "scenario" else "control_of", lang, base=item.base_id)
    stop = "。" if lang == "zh" else ". "
    return f"{kind} — {item.text('title', lang)}{stop}{text('source', lang)}: {source_title(item.source, lang)}"


def outcome_line(item, lang: str) -> str:
    if item.infringing:
        pre = text("in_documented", lang) if item.is_variant else ""
        return f"{text('outcome', lang)}: {pre}{item.text('outcome', lang)}"
    return text("clean", lang, why=item.text("why", lang) or item.text("title", lang))


def reveal_view(item, verdict, answer, score, lang: str, error: str | None = None) -> RevealView:
    """The reveal: the profile's verdict (None with `error` when it failed), what was found, the marks."""
    rules: list[RuleRow] = []
    profile = forced = others = None
    if verdict is not None:
        profile = text(
            "profile_lane", lang, score=verdict.score, lane=lane_name(verdict.lane, lang), arith=verdict.arithmetic
        )
        forced = text("forced", lang, rule=verdict.forced_by) if verdict.forced_by else None
        for r in verdict.seen:
            title, reason = r.text(lang)
            inds = [text("mitigating", lang)] if r.mitigating else [taxonomy.short(i, lang) for i in r.indicators]
            rules.append(
                RuleRow(r.id, r.weight, lane_name(r.lane, lang) if r.lane else None, title, reason, inds, r.mitigating)
            )
        rest = {k: v for k, v in verdict.lanes.items() if k != verdict.decl_id}
        if rest:
            others = text("other_decls", lang, lanes=", ".join(f"{k}: {lane_name(v, lang)}" for k, v in rest.items()))
    ind = score.indicators
    lane_word = f"{lane_name(answer.lane, lang)}{text('lane_word', lang)}"
    return RevealView(
        profile=profile or "",
        profile_lane=verdict.lane if verdict is not None else None,
        forced=forced,
        rules=rules,
        others=others,
        outcome=outcome_line(item, lang),
        infringing=item.infringing,
        origin=origin_line(item, lang),
        answer=f"{'✔' if score.lane.ok else '✘'} {lane_word} ({text('lane_outcome.' + score.lane.outcome, lang)})",
        lane_ok=score.lane.ok,
        expected=expected_lane(item, lang),
        found=names(ind.hit, lang),
        also=names(ind.also, lang) if ind.also else "",
        missed=names(ind.missed, lang),
        extra=names(ind.extra, lang),
        present=names(item.present, lang),
        points=text("points", lang, points=score.points),
        error=text("profile_failed", lang, error=error) if error else None,
    )
