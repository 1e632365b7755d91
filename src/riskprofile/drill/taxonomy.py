"""The indicator taxonomy trainees choose from, in English and Chinese.

Each indicator is something an officer can see *at lodging* (never the inspection outcome). It is
mapped to the rule families and the declaration columns / derived features that express it, so that
the reveal can say which indicators the profile itself saw (a fired rule whose tested fields, tags or
family match). Scenario files name indicators by `id`; common spellings are accepted as aliases and
unknown ids are kept (shown by their id) rather than rejected, so a scenario never breaks a drill.

Names follow the wording of the two 2016 source documents where they have one
(口岸漂移, 预定式布控, 蚂蚁搬家, 混装, 低报价格 ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model.rules import FAMILIES as RULE_FAMILIES


@dataclass(frozen=True)
class Indicator:
    id: str
    en: str
    zh: str
    families: tuple[str, ...]
    features: tuple[str, ...] = ()
    hint_en: str = ""
    hint_zh: str = ""
    aliases: tuple[str, ...] = ()
    #: field -> values: the indicator only matches a rule testing that field when the line's value is one of these
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def name(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en

    def hint(self, lang: str = "en") -> str:
        return self.hint_zh if lang == "zh" else self.hint_en


def _i(id, en, zh, families, features=(), hint_en="", hint_zh="", aliases=(), values=None) -> Indicator:
    return Indicator(id, en, zh, tuple(families), tuple(features), hint_en, hint_zh, tuple(aliases), dict(values or {}))


#: Display order = the numbers trainees type (stable: results files record ids, not numbers).
INDICATORS: tuple[Indicator, ...] = (
    # goods
    _i(
        "sensitive_goods",
        "Health-and-safety or IP-sensitive goods category",
        "涉及健康安全或侵权高发的敏感商品",
        ["goods"],
        ["hs_code", "hs_chapter", "hs_heading", "hs6"],
        "lubricants, auto parts, medicines, ICs, sportswear ...",
        "润滑油、汽车配件、药品、集成电路、运动服装等",
        ["health_safety_goods", "health_safety", "sensitive_category", "high_risk_goods", "goods_category"],
    ),
    _i(
        "office_high_risk_goods",
        "Goods this office treats as high-risk",
        "本口岸重点监控的高风险商品",
        ["goods"],
        ["office_high_risk_goods"],
        "e.g. padlocks at Ningbo",
        "如宁波口岸的挂锁",
        ["high_risk_at_port", "port_high_risk_goods", "office_goods"],
    ),
    _i(
        "patent_product",
        "Patent-protected product",
        "受专利权保护的产品",
        ["goods"],
        [],
        "invention, utility-model or design patents (balance scooters, fishing rods)",
        "发明、实用新型、外观设计专利（平衡车、钓鱼竿）",
        ["patent", "patent_goods", "patent_protected"],
    ),
    _i(
        "hs_mismatch",
        "HS code does not fit the description",
        "商品编码与申报品名不符",
        ["goods"],
        ["desc_hs_mismatch", "desc_heading"],
        "misclassification hides the goods",
        "归类错误以掩盖真实货物",
        ["misclassification", "misdeclaration", "desc_hs_mismatch", "hs_description_mismatch"],
    ),
    # origin / destination / campaigns
    _i(
        "key_origin",
        "Origin or departure from a key country",
        "来自重点国家（地区）",
        ["origin"],
        ["origin_country", "departure_country"],
        "imports from countries under watch",
        "重点国家进口货物",
        ["origin", "origin_risk", "key_country", "key_countries", "risky_origin"],
    ),
    _i(
        "risk_destination",
        "Destination under enforcement focus",
        "输往重点目的国（地区）",
        ["origin", "campaign"],
        ["destination_country"],
        "e.g. Latin America, Vietnam, USA",
        "如拉美、越南、美国",
        ["destination", "destination_risk", "risky_destination", "destination_region"],
    ),
    _i(
        "campaign",
        "Falls inside a time-bounded special operation",
        "处于专项（联合）执法行动期间",
        ["campaign"],
        ["campaign", "in_campaign"],
        "window, goods, destination of an operation",
        "行动期间、商品、目的地",
        ["special_operation", "joint_operation", "in_campaign", "operation"],
    ),
    # brands
    _i(
        "recorded_mark",
        "Recorded brand (customs IP recordation)",
        "海关总署备案商标",
        ["brand"],
        ["brand_mark", "any_mark", "desc_mark", "brand"],
        "a mark recorded with China Customs",
        "已在海关备案的知识产权",
        [
            "recorded_brand",
            "recorded_marks",
            "brand",
            "famous_brand",
            "recorded_foreign_brand",
            "recorded_domestic_brand",
        ],
    ),
    _i(
        "lookalike_mark",
        "Look-alike or misspelt mark",
        "近似或变形商标",
        ["brand"],
        ["brand_exact"],
        "e.g. ADDIDAS for ADIDAS, ALL STAR look-alikes",
        "如“ADDIDAS”仿冒“ADIDAS”、近似“ALL STAR”",
        ["misspelt_mark", "lookalike", "look_alike", "look_alike_mark", "similar_mark", "deformed_mark"],
    ),
    _i(
        "unauthorised_mark",
        "Mark declared by someone who is not its holder or licensee",
        "非权利人申报他人商标",
        ["brand"],
        ["mark_authorised"],
        "ask for the licence",
        "要求补充申报知识产权状况",
        ["non_owner", "not_authorised", "unauthorized_mark", "non_owner_mark", "mark_not_authorised"],
    ),
    _i(
        "no_brand",
        "Declared 'no brand' for a branded-goods category",
        "申报“无品牌”",
        ["brand"],
        ["no_brand"],
        "normal goods at the door, brands behind",
        "门口放普通货，里面藏名牌",
        ["no_brand_declared", "nobrand"],
    ),
    # value
    _i(
        "undervaluation",
        "Unit value far below the reference",
        "申报价格明显偏低",
        ["value"],
        ["ref_value_ratio", "unit_value_usd", "kg_value_usd", "ref_value_usd"],
        "genuine goods cost far more",
        "远低于正品价格",
        ["low_value", "low_unit_value", "undervalued", "very_low_unit_value", "low_price"],
    ),
    _i(
        "high_value",
        "High declared value",
        "申报货值高",
        ["value"],
        ["decl_value_usd", "value_usd"],
        "large loss if counterfeit",
        "一旦侵权损失大",
        ["high_declared_value"],
    ),
    _i(
        "value_quantity_mismatch",
        "Quantity, mass or value inconsistent with the goods",
        "数量、重量、价格与品名不符",
        ["value"],
        ["net_mass_kg", "quantity", "kg_per_unit", "unit_mass_fits", "kg_per_unit_low", "kg_per_unit_high", "mass_ref"],
        "e.g. jackets that weigh like shoes",
        "如“防寒服”重量不符",
        ["inconsistent_declaration", "description_value_mismatch", "quantity_mismatch", "value_mismatch"],
    ),
    # loading
    _i(
        "mixed_loading",
        "Mixed loading of many kinds of goods",
        "多品种混装",
        ["loading"],
        ["n_lines", "n_chapters", "n_sensitive_chapters"],
        "infringing goods hidden among legitimate ones",
        "侵权货物夹藏在正常货物中",
        ["mixed_goods", "many_chapters", "mixed_cargo", "concealment"],
    ),
    # routing
    _i(
        "port_switch",
        "Lodged away from the goods' usual ports",
        "口岸漂移（异地报关）",
        ["routing"],
        ["port_switch", "usual_port"],
        "goods of one region, declared at a distant port",
        "货源地与报关口岸不符",
        ["port_drift", "port_shift", "port_switching", "unusual_port"],
    ),
    _i(
        "new_office",
        "Trader's first declaration at this office",
        "企业首次在本口岸申报",
        ["trader", "routing"],
        ["trader_new_office", "trader_prior_offices"],
        "usual port from its own history",
        "与企业以往报关口岸不同",
        ["trader_new_office", "first_time_at_office"],
    ),
    _i(
        "trader_remote",
        "Trader far from the port of lodging",
        "企业所在地远离报关口岸",
        ["routing"],
        ["trader_remote", "trader_far"],
        "e.g. a Chongqing trader at Huangpu",
        "如重庆企业在黄埔报关",
        ["remote_trader", "trader_far", "trader_region_far"],
    ),
    _i(
        "postal_express",
        "Postal or express small parcels",
        "邮递、快件渠道小包裹（“蚂蚁搬家”）",
        ["routing"],
        ["transport_mode"],
        "many small parcels of e-commerce sellers",
        "电商卖家化整为零",
        ["postal", "express", "small_parcels", "ant_moving", "postal_channel", "postal_express_channel"],
        {"transport_mode": ("postal", "express")},
    ),
    _i(
        "border_trade",
        "Land-border trade by road",
        "陆路边境贸易",
        ["routing"],
        ["trade_mode", "transport_mode"],
        "e.g. Pingxiang, Gyirong",
        "如凭祥、吉隆口岸",
        ["land_border", "border", "road_border"],
        {"trade_mode": ("border_trade",), "transport_mode": ("road", "rail")},
    ),
    _i(
        "ecommerce",
        "Goods sold on through cross-border e-commerce",
        "通过跨境电商平台销售",
        ["trader", "routing"],
        ["trade_mode"],
        "",
        "",
        ["cross_border_ecommerce", "e_commerce", "ecommerce_resale"],
        {"trade_mode": ("cross_border_ecommerce",)},
    ),
    # trader
    _i(
        "prior_penalty",
        "Trader penalised for IP infringement before",
        "企业曾因侵权受海关处罚",
        ["trader"],
        ["trader_penalties", "trader_penalties_2y"],
        "penalties on record within two years",
        "两年内有处罚记录",
        ["penalty_history", "prior_penalties", "repeat_offender", "trader_history"],
    ),
    _i(
        "trade_service_platform",
        "Trade-service platform lodging for many small sellers",
        "外贸综合服务平台代理申报",
        ["trader"],
        ["trader_type"],
        "",
        "",
        ["platform", "trade_platform", "service_platform"],
        {"trader_type": ("trade_service_platform",)},
    ),
    _i(
        "agent_declarant",
        "Lodged through an agent, not by the trader",
        "委托代理报关",
        ["trader"],
        ["declarant_is_trader"],
        "",
        "",
        ["agent", "via_agent", "declared_by_agent"],
    ),
    # intelligence
    _i(
        "tip_off",
        "Rights-holder tip-off or intelligence lead",
        "权利人举报或情报线索",
        ["intel"],
        [],
        "information received before lodging",
        "申报前掌握的线索",
        ["tipoff", "intelligence", "rights_holder_tip", "rights_holder_tipoff", "lead", "information_exchange"],
    ),
    _i(
        "targeting_instruction",
        "Pre-set targeting instruction in force",
        "预定式布控指令",
        ["intel"],
        [],
        "issued after an earlier hit or a tip-off",
        "在前案查获或举报后下达",
        ["targeting", "preset_targeting", "instruction", "pre_set_targeting"],
    ),
)

BY_ID: dict[str, Indicator] = {i.id: i for i in INDICATORS}
_ALIASES: dict[str, str] = {}
for _ind in INDICATORS:
    for _a in (_ind.id, *_ind.aliases):
        _ALIASES[_a.lower().replace("-", "_").replace(" ", "_")] = _ind.id

#: The rule families a drill can be narrowed to (`--family`): the profile's, but the catch-all "other".
FAMILIES: tuple[str, ...] = tuple(f for f in RULE_FAMILIES if f != "other")


def canonical(ind_id: str) -> str:
    """The taxonomy id for an id or alias; unknown ids are returned normalised (kept, not dropped)."""
    key = str(ind_id).strip().lower().replace("-", "_").replace(" ", "_")
    return _ALIASES.get(key, key)


def canonical_all(ids: Iterable[str]) -> list[str]:
    out: list[str] = []
    for i in ids or ():
        c = canonical(i)
        if c and c not in out:
            out.append(c)
    return out


def name(ind_id: str, lang: str = "en") -> str:
    ind = BY_ID.get(ind_id)
    return ind.name(lang) if ind else ind_id


def choices(extra: Iterable[str] = ()) -> list[str]:
    """Numbered choices: the taxonomy, then any unknown ids scenarios use (so they can be answered)."""
    ids = [i.id for i in INDICATORS]
    for e in extra:
        if e not in BY_ID and e not in ids:
            ids.append(e)
    return ids


def families_of(ind_id: str) -> tuple[str, ...]:
    ind = BY_ID.get(ind_id)
    return ind.families if ind else ()


#: Fields many rules test only to narrow their scope; they name an indicator only for rules of its family.
GENERIC_FIELDS = frozenset(
    {
        "hs_code",
        "hs_chapter",
        "hs_heading",
        "hs6",
        "brand",
        "any_mark",
        "brand_mark",
        "desc_mark",
        "origin_country",
        "departure_country",
        "destination_country",
        "transport_mode",
        "trade_mode",
    }
)


#: Named lists whose membership test (`in_list`) signals an indicator, whatever field or family.
LIST_INDICATORS: dict[str, str] = {
    "health_safety_goods": "sensitive_goods",
    "ip_sensitive_goods": "sensitive_goods",
    "patent_sensitive_goods": "patent_product",
    "key_origins": "key_origin",
}
_TIP = ("tip", "report", "lead", "举报", "线索", "information exchange", "情报")


def indicators_for_rule(
    rule_id: str,
    family: str,
    fields: dict,
    tags: Iterable[str] = (),
    forced: bool = False,
    list_tests: Iterable[str] = (),
    title: str = "",
) -> list[str]:
    """Indicators a fired rule expresses: its tags, the named lists it requires membership of
    (`list_tests`, e.g. health_safety_goods), then its tested fields (with the line's values; a generic
    field counts only for an indicator of the rule's family), then for intelligence rules the
    instruction (forced lane) and/or the tip-off (named so in its id or title), then its family when
    nothing more specific matched. `fields` maps each tested field to its value on the line that fired."""
    found: list[str] = []
    for tg in tags or ():
        c = canonical(tg)
        if c in BY_ID and c not in found:
            found.append(c)
    for name in list_tests or ():
        c = LIST_INDICATORS.get(name)
        if c and c not in found:
            found.append(c)
    for ind in INDICATORS:
        for f in ind.features:
            if f not in fields or (f in GENERIC_FIELDS and family not in ind.families):
                continue
            allowed = ind.values.get(f)
            if allowed is not None and str(fields.get(f)) not in allowed:
                continue
            if ind.id not in found:
                found.append(ind.id)
            break
    if family == "intel":
        text = f"{rule_id} {title}".lower()
        keys = (["targeting_instruction"] if forced else []) + (["tip_off"] if any(k in text for k in _TIP) else [])
        if not keys and not found:
            keys = ["tip_off"]
        found += [k for k in keys if k not in found]
    if not found:
        fam = [i.id for i in INDICATORS if family in i.families]
        if len(fam) == 1:
            found.append(fam[0])
    return found


SHORT_ZH: dict[str, str] = {
    "sensitive_goods": "敏感商品",
    "office_high_risk_goods": "口岸高风险商品",
    "patent_product": "专利产品",
    "hs_mismatch": "归类与品名不符",
    "key_origin": "重点来源国",
    "risk_destination": "重点目的国",
    "campaign": "专项行动",
    "recorded_mark": "备案商标",
    "lookalike_mark": "近似商标",
    "unauthorised_mark": "非权利人申报",
    "no_brand": "无品牌",
    "undervaluation": "低报价格",
    "high_value": "货值高",
    "value_quantity_mismatch": "量价不符",
    "mixed_loading": "混装",
    "port_switch": "口岸漂移",
    "new_office": "首次在本口岸",
    "trader_remote": "企业异地",
    "postal_express": "邮快件",
    "border_trade": "边境贸易",
    "ecommerce": "跨境电商",
    "prior_penalty": "曾受处罚",
    "trade_service_platform": "外综服平台",
    "agent_declarant": "代理报关",
    "tip_off": "举报线索",
    "targeting_instruction": "布控指令",
}


SHORT_EN: dict[str, str] = {
    "sensitive_goods": "sensitive goods",
    "office_high_risk_goods": "office goods",
    "patent_product": "patent product",
    "hs_mismatch": "HS mismatch",
    "key_origin": "key origin",
    "risk_destination": "destination",
    "campaign": "operation",
    "recorded_mark": "recorded mark",
    "lookalike_mark": "look-alike mark",
    "unauthorised_mark": "not holder",
    "no_brand": "no brand",
    "undervaluation": "low value",
    "high_value": "high value",
    "value_quantity_mismatch": "qty/value odd",
    "mixed_loading": "mixed loading",
    "port_switch": "port switch",
    "new_office": "new office",
    "trader_remote": "remote trader",
    "postal_express": "postal/express",
    "border_trade": "border trade",
    "ecommerce": "e-commerce",
    "prior_penalty": "prior penalty",
    "trade_service_platform": "platform",
    "agent_declarant": "agent",
    "tip_off": "tip-off",
    "targeting_instruction": "instruction",
}


def short(ind_id: str, lang: str = "en") -> str:
    """A short label for compact lists and tables (never a snake_case id for a known indicator)."""
    table = SHORT_ZH if lang == "zh" else SHORT_EN
    return table.get(ind_id) or ind_id.replace("_", " ")


#: What makes an indicator a *fact* of a declaration, in the rule language (field tests on the goods
#: lines the profile prepares). The drill scores these through the profile's own path
#: (`Assessor.facts`): an indicator that is a fact of the declaration is never marked wrong. Indicators
#: that are a matter of judgement (a low or high value, mixed loading, a tip-off) have no fact test:
#: they are facts only when a rule of the profile fired on them.
FACTS: dict[str, dict] = {
    "sensitive_goods": {
        "any": [{"hs_code": {"in_list": "health_safety_goods"}}, {"hs_code": {"in_list": "ip_sensitive_goods"}}]
    },
    "patent_product": {"hs_code": {"in_list": "patent_sensitive_goods"}},
    "key_origin": {
        "any": [{"origin_country": {"in_list": "key_origins"}}, {"departure_country": {"in_list": "key_origins"}}]
    },
    "office_high_risk_goods": {"office_high_risk_goods": {"eq": True}},
    "campaign": {"in_campaign": {"eq": True}},
    "hs_mismatch": {"desc_hs_mismatch": {"eq": True}},
    "recorded_mark": {"any_mark": {"missing": False}},
    "lookalike_mark": {"all": [{"brand_mark": {"missing": False}}, {"brand_exact": {"eq": False}}]},
    "unauthorised_mark": {"mark_authorised": {"eq": False}},
    "no_brand": {"no_brand": {"eq": True}},
    "port_switch": {"all": [{"port_switch": {"eq": True}}, {"office_province": {"missing": False}}]},
    "new_office": {"trader_new_office": {"eq": True}},
    "trader_remote": {"trader_remote": {"eq": True}},
    "postal_express": {"transport_mode": {"in": ["postal", "express"]}},
    "border_trade": {"trade_mode": {"eq": "border_trade"}},
    "ecommerce": {"trade_mode": {"eq": "cross_border_ecommerce"}},
    "prior_penalty": {"trader_penalties": {"gt": 0}},
    "trade_service_platform": {"trader_type": {"eq": "trade_service_platform"}},
    "agent_declarant": {"declarant_is_trader": {"eq": False}},
}


def fact_rules(lists: Iterable[str]) -> list[dict]:
    """`FACTS` as rule mappings (id FACT-n, weight 0) for a profile with these named lists: a test of a
    list the profile does not have is left out (the fact cannot be established)."""
    have = set(lists)

    def keep(cond: dict) -> dict | None:
        (key, val), *_ = cond.items()
        if key in ("any", "all"):
            parts = [p for p in (keep(c) for c in val) if p is not None]
            return {key: parts} if parts else None
        op, arg = next(iter(val.items()))
        return None if op == "in_list" and arg not in have else cond

    out = []
    for k, (ind, cond) in enumerate(FACTS.items(), start=1):
        when = keep(cond)
        if when is not None:
            out.append(
                {
                    "id": f"FACT-{k}",
                    "title": ind,
                    "weight": 0,
                    "when": when,
                    "rationale": "drill fact",
                    "references": ["drill"],
                }
            )
    return out
