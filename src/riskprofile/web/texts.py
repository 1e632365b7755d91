"""Every text the pages show, in English and Chinese."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "title": {"en": "riskprofile", "zh": "风险布控"},
    "nav_lookup": {"en": "IP lookup", "zh": "知识产权查询"},
    "nav_drill": {"en": "Drills", "zh": "布控演练"},
    "nav_api": {"en": "API", "zh": "接口"},
    "other_lang": {"en": "中文", "zh": "English"},
    "index_intro": {
        "en": "Customs risk profiling on the rules drawn from China Customs' documented 2016 IP seizures.",
        "zh": "基于2016年海关知识产权典型案例规则的风险布控工具。",
    },
    "index_lookup": {
        "en": "Check a mark read off the goods at the inspection site: recordation, holder, licensees, what to do.",
        "zh": "在查验现场核对货物上的商标：备案、权利人、被许可人及处置建议。",
    },
    "index_drill": {
        "en": "Run a scenario drill for a class: trainees decide the lane and name the indicators.",
        "zh": "为学员组织情景演练：判断通道并指出风险指标。",
    },
    "index_api": {
        "en": "Score declarations at lodging: POST /api/score, /api/explain; GET /api/lookup.",
        "zh": "申报时评分：POST /api/score、/api/explain；GET /api/lookup。",
    },
    "profile": {"en": "Profile", "zh": "规则集"},
    "lookup_title": {"en": "IP status lookup", "zh": "知识产权保护状况查询"},
    "lookup_hint": {
        "en": "Type the mark as read off the goods: any script, alias or look-alike spelling.",
        "zh": "输入货物上的商标：任何文字、别名或近似拼写均可。",
    },
    "mark": {"en": "Mark", "zh": "商标"},
    "goods": {"en": "Goods (HS code or words)", "zh": "商品（税号或名称）"},
    "trader": {"en": "Trader (consignor / consignee id)", "zh": "收发货人（企业编码）"},
    "office": {"en": "Customs office", "zh": "海关"},
    "on_date": {"en": "On date", "zh": "日期"},
    "search": {"en": "Look up", "zh": "查询"},
    "verdict_authorised": {"en": "Authorised", "zh": "已授权"},
    "verdict_unauthorised": {"en": "Not authorised", "zh": "未获授权"},
    "verdict_unknown": {"en": "Recorded: trader not checked", "zh": "已备案：未核对收发货人"},
    "verdict_not_recorded": {"en": "Not recorded", "zh": "未备案"},
    "advice": {"en": "What to do", "zh": "处置建议"},
    "matches": {"en": "Recordations", "zh": "备案"},
    "recordation": {"en": "Recordation", "zh": "备案号"},
    "right": {"en": "Right", "zh": "权利类型"},
    "match": {"en": "Match", "zh": "匹配"},
    "holder": {"en": "Holder", "zh": "权利人"},
    "licensees": {"en": "Licensees", "zh": "被许可人"},
    "preconfirmed": {"en": "Pre-confirmed traders", "zh": "预确认企业"},
    "valid_to": {"en": "Valid to", "zh": "有效期至"},
    "none": {"en": "none", "zh": "无"},
    "no_match": {"en": "No recordation matches this mark.", "zh": "没有与该商标匹配的备案。"},
    "right_trademark": {"en": "trademark", "zh": "商标权"},
    "right_patent": {"en": "patent", "zh": "专利权"},
    "right_copyright": {"en": "copyright", "zh": "著作权"},
    "match_exact": {"en": "exact", "zh": "完全一致"},
    "match_alias": {"en": "alias", "zh": "别名"},
    "match_look-alike": {"en": "look-alike", "zh": "近似"},
    "rules": {"en": "rules", "zh": "条规则"},
}


def text(key: str, lang: str) -> str:
    entry = TEXTS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]
