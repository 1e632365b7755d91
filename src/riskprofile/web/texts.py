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
    "rules": {"en": "rules", "zh": "条规则"},
}


def text(key: str, lang: str) -> str:
    entry = TEXTS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]
