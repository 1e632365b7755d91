"""Every text the pages show, in English and Chinese."""

from __future__ import annotations

import re
from typing import Any

from ..ip.lookup import note_text

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
    "drill_title": {"en": "Classroom drills", "zh": "课堂演练"},
    "drill_start": {"en": "Start a class (trainer)", "zh": "开始一堂课（教员）"},
    "drill_join": {"en": "Join a class (trainee)", "zh": "加入课堂（学员）"},
    "items": {"en": "Number of items", "zh": "题目数量"},
    "n_items": {"en": "{n} items", "zh": "共 {n} 题"},
    "seed": {"en": "Seed (empty: random)", "zh": "随机种子（留空则随机）"},
    "language": {"en": "Language of the class", "zh": "课堂语言"},
    "scenarios": {"en": "Scenarios (none ticked: all)", "zh": "情景（不选则全部）"},
    "start": {"en": "Start the class", "zh": "开始"},
    "join_code": {"en": "Join code", "zh": "加入码"},
    "your_name": {"en": "Your name", "zh": "姓名"},
    "join": {"en": "Join", "zh": "加入"},
    "class_view": {"en": "Class", "zh": "课堂"},
    "join_at": {"en": "Trainees join at", "zh": "学员加入地址"},
    "trainee": {"en": "Trainee", "zh": "学员"},
    "answered": {"en": "Answered", "zh": "已答"},
    "points": {"en": "Points", "zh": "得分"},
    "mean_points": {"en": "Mean points", "zh": "平均得分"},
    "lane_accuracy": {"en": "Lane right", "zh": "通道正确率"},
    "no_trainees": {"en": "No trainee has joined yet.", "zh": "尚无学员加入。"},
    "export_jsonl": {
        "en": "Results (JSON Lines, as drill report reads them)",
        "zh": "结果（JSON Lines，可用 drill report 读取）",
    },
    "export_report": {"en": "Report (JSON)", "zh": "报告（JSON）"},
    "weakest": {"en": "Indicators to train first", "zh": "需加强的指标"},
    "seed_used": {"en": "seed", "zh": "种子"},
    "preparing": {"en": "Preparing the items takes a few seconds.", "zh": "准备题目需要几秒钟。"},
    "decide": {"en": "Your decision", "zh": "你的判断"},
    "lane": {"en": "Lane", "zh": "通道"},
    "lane_green": {"en": "Green: release", "zh": "绿色：放行"},
    "lane_yellow": {"en": "Yellow: documents check", "zh": "黄色：审单"},
    "lane_red": {"en": "Red: physical inspection", "zh": "红色：查验"},
    "indicators": {"en": "Indicators you see", "zh": "你发现的风险指标"},
    "note": {"en": "Your reasoning (optional)", "zh": "理由（可选）"},
    "submit": {"en": "Submit", "zh": "提交"},
    "header": {"en": "Header", "zh": "表头"},
    "goods_lines": {"en": "Goods lines", "zh": "商品项"},
    "known": {"en": "Known at lodging", "zh": "申报时已知"},
    "earlier": {"en": "Earlier declarations of the trader", "zh": "该企业此前的申报"},
    "penalties": {"en": "Penalties", "zh": "处罚记录"},
    "instructions": {"en": "Targeting instructions", "zh": "布控指令"},
    "operations": {"en": "Operations in force", "zh": "正在开展的专项行动"},
    "office_goods": {"en": "High-risk goods at this office", "zh": "本关区高风险商品"},
    "nothing_known": {"en": "Nothing else was known.", "zh": "无其他已知信息。"},
    "marking_rule": {"en": "How answers are marked", "zh": "评分规则"},
    "reveal": {"en": "What the rules saw", "zh": "规则的判断"},
    "outcome": {"en": "What was found", "zh": "查获情况"},
    "your_answer": {"en": "Your answer", "zh": "你的答案"},
    "expected": {"en": "Expected", "zh": "应选"},
    "found": {"en": "Named and key", "zh": "答对的关键指标"},
    "also": {"en": "Named and present", "zh": "答出的其他真实指标"},
    "missed": {"en": "Missed", "zh": "遗漏"},
    "extra": {"en": "Not on the declaration", "zh": "申报中并不存在"},
    "rule": {"en": "Rule", "zh": "规则"},
    "weight": {"en": "Weight", "zh": "权重"},
    "why": {"en": "Why", "zh": "原因"},
    "mitigating": {"en": "mitigating", "zh": "减分项"},
    "next": {"en": "Next item", "zh": "下一题"},
    "finish": {"en": "See my results", "zh": "查看成绩"},
    "done": {"en": "Drill finished", "zh": "演练结束"},
    "total_points": {"en": "Total points", "zh": "总分"},
    "lookup_title": {"en": "IP status lookup", "zh": "知识产权保护状况查询"},
    "lookup_hint": {
        "en": "Type the mark as read off the goods: any script, alias or look-alike spelling.",
        "zh": "输入货物上的商标：任何文字、别名或近似拼写均可。",
    },
    "mark": {"en": "Mark", "zh": "商标"},
    "more_fields": {"en": "Goods, trader, office, date", "zh": "商品、收发货人、海关、日期"},
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
    "advice_not_recorded": {
        "en": "Not recorded with customs: no ex officio action on the IP ground.",
        "zh": "未在海关备案：不能以知识产权为由依职权采取保护措施；权利人仍可申请扣留。其他风险指标照常适用。",
    },
    "advice_authorised": {
        "en": "The trader may use the mark: release on the IP ground.",
        "zh": "该企业是权利人、关联企业、被许可人或已获预确认：可就知识产权事项放行。",
    },
    "advice_unauthorised": {
        "en": "Ask for the licence or an IP-status declaration; if none, notify the holder.",
        "zh": "该企业既非权利人、关联企业、被许可人，也未获预确认：要求提供授权证明或补充申报知识产权状况；"
        "不能提供的，中止放行并通知权利人（3个工作日内申请扣留并提供担保）。",
    },
    "advice_unknown": {
        "en": "Recorded: enter the trader for a verdict.",
        "zh": "该商标已备案：请输入收发货人以得出结论。可要求申报人提供授权证明或补充申报知识产权状况；"
        "不能提供的，中止放行并通知权利人（3个工作日内申请扣留并提供担保）。",
    },
    "note_preconfirmed_orders": {"zh": "预确认限于订单 {marks}：请核对订单号。"},
    "note_look_alike": {"zh": "查询内容与 {marks} 近似：请将货物与备案商标比对。"},
    "note_outside_goods": {"zh": "{marks} 的备案未列明该商品。"},
    "note_expired": {
        "zh": "备案已过期：{marks}；截至今天（{today}）海关不能依职权采取保护措施，除非已续展。"
        "请填写货物申报日期以按申报当日核对。"
    },
    "seizures": {"en": "Past seizures and penalties", "zh": "既往查获与处罚"},
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


def note(n: Any, lang: str) -> str:
    """A lookup note (`ip.lookup.Note`) in `lang`; English is the library's own sentence."""
    if lang != "zh":
        return note_text(n)
    marks = "；".join(re.sub(r"^(.*) \((.*)\) ended on (.*)$", r"\1（\2）已于 \3 到期", m) for m in n.marks)
    return TEXTS[f"note_{n.code}"]["zh"].format(marks=marks, today=n.today)


def text(key: str, lang: str) -> str:
    entry = TEXTS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]
