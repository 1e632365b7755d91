"""How real declarations write the same thing differently, for the baseline generator (`make_baseline.py`).

The same office, province, mark, "no brand" or HS code reaches customs in many forms: an office as its
UN/LOCODE (CNNGB), its 4-digit customs code (3104), its English or Chinese name (Ningbo, 宁波), or one of its
sub-offices, sub-ports and zones (Beilun, 梅山保税港区); a province as ZJ, 浙江, 330000; a mark as recorded
(SHELL), in mixed case (Shell), in Chinese (壳牌), as a sub-brand (SHELL HELIX) or an abbreviation (TI); no
brand as NO BRAND, 无品牌, 无牌, N/M, NONE or nothing; an HS code with 10, 8 or 6 digits; a unit as KG,
KGS, 千克 or its 3-digit code 035. Every form is drawn
from the shipped lists (`rules/lists/offices.yaml`, `regions.yaml`, `recorded_marks*`), so a form the lists do
not know never enters the baseline by accident; a few forms in other case and spacing do, as they do in
real traffic. Shares are our estimates (no published statistic gives them).
"""

from __future__ import annotations

import random
import re

_CJK = re.compile(r"[\u3400-\u9fff]")
#: How "no brand" is written (weights: our estimate of their frequency on 2016 export declarations).
NO_BRAND = {"NO BRAND": 34, "": 18, "无品牌": 14, "无牌": 6, "N/M": 8, "NONE": 4, "no brand": 5, "No Brand": 4,
            "无": 2, "N/A": 3, "NIL": 2}  # fmt: skip
#: Share of declarations writing each kind of office form (the rest: the UN/LOCODE-style code).
OFFICE_FORMS = {"code": 55, "customs_code": 12, "name": 12, "name_zh": 7, "sub_office": 12, "case": 2}
#: Share of lines writing a recorded mark in each form.
MARK_FORMS = {"mark": 58, "mixed_case": 14, "chinese": 12, "alias": 11, "abbreviation": 5}
#: Share of goods lines by the number of HS digits declared.
HS_DIGITS = {10: 76, 8: 15, 6: 9}
#: How units are written: the code, other abbreviations, Chinese, or China's 3-digit unit code (035 千克,
#: 007 个, 011 件, 025 双, 006 套); weights are our estimate.
UNITS = {
    "KG": {"KG": 70, "KGS": 10, "KGM": 4, "千克": 8, "公斤": 3, "035": 5},
    "PCS": {"PCS": 72, "PC": 6, "个": 8, "件": 6, "007": 4, "011": 4},
    "PAIR": {"PAIR": 70, "PRS": 8, "PR": 4, "双": 12, "025": 6},
    "SET": {"SET": 75, "SETS": 10, "套": 10, "006": 5},
}
_AIR_OR_POST = re.compile(r"airport|机场|post|邮|express|快件", re.I)


def _pick(r: random.Random, weights: dict) -> object:
    return r.choices(list(weights), weights=list(weights.values()))[0]


class Notation:
    """Draws the written form of offices, provinces, marks, "no brand" and HS codes."""

    def __init__(self, offices, regions) -> None:
        self.office_forms: dict[str, dict[str, list[str]]] = {}
        for o in offices:
            al = [a for a in o.aliases if a.upper() != o.code]
            self.office_forms[o.code] = {
                "customs_code": [a for a in al if a.isdigit() and len(a) == 4],
                "name": [o.name] if o.name else [],
                "name_zh": [o.name_zh] if getattr(o, "name_zh", None) else [a for a in al if _CJK.search(a)][:1],
                "sub_office": [a for a in al if not (a.isdigit() or a == o.name)],
            }
        self.region_forms = {r.code: [r.name, getattr(r, "name_zh", None), *r.aliases] for r in regions}

    def office(self, r: random.Random, code: str, mode: str = "sea") -> str:
        forms = self.office_forms.get(code)
        kind = _pick(r, OFFICE_FORMS)
        if not forms or kind == "code":
            return code
        if kind == "case":
            return r.choice([code.lower(), f"{code[:2]} {code[2:]}", (forms["name"] or [code])[0].upper()])
        cands = forms[kind]
        if kind == "sub_office" and mode not in ("air", "postal", "express"):
            cands = [a for a in cands if not _AIR_OR_POST.search(a)]
        return r.choice(cands) if cands else code

    def region(self, r: random.Random, code: str) -> str:
        forms = [f for f in self.region_forms.get(code, []) if f]
        return r.choice(forms) if forms and r.random() < 0.12 else code

    @staticmethod
    def mark(r: random.Random, item) -> str:
        """A recorded mark (register item) as a declarant writes it."""
        kind = _pick(r, MARK_FORMS)
        chinese = [a for a in item.aliases if _CJK.search(a)]
        latin = [a for a in item.aliases if not _CJK.search(a)]
        if kind == "mixed_case" and item.mark.isascii():
            return r.choice([item.mark.title(), item.mark.lower(), item.mark.capitalize()])
        if kind == "chinese" and chinese:
            return r.choice(chinese)
        if kind == "alias" and latin:
            return r.choice(latin)
        if kind == "abbreviation" and item.abbreviations:
            return r.choice(item.abbreviations)
        return item.mark

    @staticmethod
    def no_brand(r: random.Random) -> str:
        return str(_pick(r, NO_BRAND))

    @staticmethod
    def unit(r: random.Random, unit: str) -> str:
        forms = UNITS.get(unit)
        return str(_pick(r, forms)) if forms else unit

    @staticmethod
    def hs(r: random.Random, code: str) -> str:
        return code[: int(_pick(r, HS_DIGITS))]
