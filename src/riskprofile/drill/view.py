"""What a trainee sees, as plain data (label/value rows and tables) in English or Chinese.

Shared by the terminal session (rich) and the handout (HTML/Markdown). Nothing here shows an
outcome or a rule hit: those belong to the reveal.
"""

from __future__ import annotations

from typing import Any

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
}

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


def t(key: str, lang: str = "en", **kw: Any) -> str:
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
        else:
            s = str(v)
        rows.append((_label(HEADER_LABELS, key, lang), s))
    return rows


def line_table(decl: dict, lang: str) -> tuple[list[str], list[list[str]]]:
    cols = [k for k in LINE_LABELS if any(ln.get(k) not in (None, "") for ln in decl["lines"])]
    head = [_label(LINE_LABELS, k, lang) for k in cols]
    body = []
    for i, ln in enumerate(decl["lines"], start=1):
        row = []
        for k in cols:
            v = ln.get(k, i if k == "item_no" else None)
            row.append(_num(v) if k in ("quantity", "value", "net_mass_kg") else ("" if v is None else str(v)))
        body.append(row)
    return head, body


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
        out.append(f"{ins.get('title') or ins.get('id')}{window}{lane}")
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
    return earlier, pens, list(item.case.instructions)
