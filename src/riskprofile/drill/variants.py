"""Seeded variants of a case: new surface values, the same pattern.

A variant changes what a trainee could memorise - the mark (another recorded mark of the same goods
family, or a new misspelling of one when the original was a look-alike), the office (another office
of the same kind), the dates (all shifted together, so intervals such as "penalised within two
years" or "earlier declarations" keep their meaning), quantities and values (scaled together, so
unit values keep their meaning) and the ids (declarations, traders, agents; holders and licensees of
marks keep theirs, so authorisation keeps its meaning) - and keeps the indicators.

It is accepted only when the profile scores it exactly as it scores the original: the same lane for
every declaration and the same fired rules. A draw that changes the verdict (e.g. an office whose
high-risk goods differ, a date outside a campaign window) is redrawn, then the offending kind of
change is dropped. The profile is the judge; nothing here evaluates a rule.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..engine.profile import Profile
from ..features.brand import NO_BRAND, MarkMatcher
from ..features.text import norm_mark
from .engine import Assessor, Case

KINDS = ("mark", "office", "date", "scale", "ids")

_PSEUDO = (
    "HUAXIN",
    "JINDA",
    "HENGTAI",
    "YUANFENG",
    "XINGLONG",
    "RUIFENG",
    "DONGSHENG",
    "TIANCHENG",
    "MINGYANG",
    "HAORUN",
    "KAIDA",
    "BAOLI",
    "JIAHE",
    "SHENGDA",
    "FUXING",
    "LONGTENG",
    "ZHONGXIN",
    "HONGYUAN",
    "WEIYE",
    "XINYUAN",
    "CHANGHONG",
    "YONGSHENG",
    "DINGXIN",
    "HUARUI",
    "JINGCHENG",
    "TAIFENG",
    "ANKANG",
    "GUANGDA",
)
_ROLE_WORDS = {"AGENT", "BROKER", "DIST", "OEM", "POST", "EXPRESS", "PLATFORM", "CBEC", "SELLER", "FWD"}


@dataclass(frozen=True)
class Change:
    what: str
    old: str
    new: str


def sub_seed(*parts: Any) -> int:
    """A stable 63-bit seed from any parts (drill seed, base item id, variant number)."""
    h = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return int.from_bytes(h[:8], "big") >> 1


def _office_key(s: str) -> str:
    return re.sub(r"[\s\-_]+", "", str(s)).upper()


def _as_date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def replace_strings(obj: Any, mapping: dict[str, str], casefold: bool = False) -> Any:
    """Every string value equal to a key (optionally ignoring case) replaced; structure kept."""
    if not mapping:
        return obj
    look = {k.casefold(): v for k, v in mapping.items()} if casefold else mapping
    if isinstance(obj, dict):
        return {k: replace_strings(v, mapping, casefold) for k, v in obj.items()}
    if isinstance(obj, list):
        return [replace_strings(v, mapping, casefold) for v in obj]
    if isinstance(obj, str):
        return look.get(obj.casefold() if casefold else obj, obj)
    return obj


class Surface:
    """The profile's lists seen as surface vocabularies: marks by goods family, offices by kind."""

    def __init__(self, profile: Profile):
        lists = profile.lists
        marks = lists.get("recorded_marks")
        self.marks = list(marks.items) if marks else []
        feats = profile.config.features or {}
        self.matcher = MarkMatcher.from_items(
            self.marks, float(feats.get("brand_max_distance_ratio", 0.25)), int(feats.get("brand_min_length_fuzzy", 6))
        )
        self.by_mark = {m.mark: m for m in self.marks}
        self.protected_ids = {i for m in self.marks for i in (*m.holder_ids, *m.licensee_ids)}
        offices = lists.get("offices")
        self.offices = list(offices.items) if offices else []
        self.office_alias: dict[str, str] = {}
        for o in self.offices:
            for a in (o.code, *o.aliases):
                self.office_alias.setdefault(_office_key(a), o.code)
        self.office_by_code = {o.code: o for o in self.offices}
        pens = lists.get("penalties")
        self.list_penalties: dict[str, list[dict]] = {}
        for p in pens.items if pens else []:
            d = p.model_dump(exclude_none=True, exclude={"estimate", "note"})
            self.list_penalties.setdefault(p.trader_id, []).append(d)

    def penalties_for(self, ids: Iterable[str]) -> list[dict]:
        """The profile's recorded penalties (the `penalties` list) of these trader ids."""
        out: list[dict] = []
        for i in dict.fromkeys(x for x in ids if x):
            out += [dict(p) for p in self.list_penalties.get(i, [])]
        return out

    def materialise(self, case: Case) -> Case:
        """The case with the profile's penalties of its (renamable) traders copied into its context, so
        that renaming a trader (and shifting dates) carries its record along."""
        ids = [d.get(k) for d in [*case.declarations, *case.history] for k in ("trader_id", "declarant_id")]
        extra = self.penalties_for(i for i in ids if i not in self.protected_ids)
        if not extra:
            return case
        return Case(case.declarations, case.history, [*case.penalties, *extra], case.instructions)

    def office_code(self, value: str | None) -> str | None:
        return self.office_alias.get(_office_key(value)) if value else None

    def family_marks(self, old: str, hs_codes: Iterable[str], need_in_description: bool = False) -> list[str]:
        """Other marks of the same goods family: covering every HS code of the lines that bear the old
        mark at least as specifically as the old mark does (a sewing-machine mark listed under 8452 is
        not replaced by a car maker's mark listed under the whole chapter 84), and of the same origin
        (domestic/foreign) when both are known."""
        old_item = self.by_mark.get(old)
        codes = [str(c) for c in hs_codes if c]

        def depth(item, code: str) -> int:
            return max((len(p) for p in item.goods if code.startswith(p)), default=0)

        need = {c: (depth(old_item, c) if old_item is not None else 1) for c in codes}
        out = []
        for m in self.marks:
            if m.mark == old or not m.goods:
                continue
            if need_in_description and not m.in_description:
                continue
            if old_item is not None and old_item.origin and m.origin and m.origin != old_item.origin:
                continue
            if codes and not all(depth(m, c) >= max(1, need[c]) for c in codes):
                continue
            out.append(m.mark)
        return out

    def respell(self, text: str, old: str, new: str) -> str:
        """`text` with every spelling of mark `old` (the mark, its aliases) replaced by `new`'s spelling
        in the same script (Latin -> the new mark, other scripts -> the new mark's first such alias)."""
        old_item, new_item = self.by_mark.get(old), self.by_mark.get(new)
        words = [old, *(old_item.aliases if old_item else [])]
        other_script = next((a for a in (new_item.aliases if new_item else []) if not a.isascii()), new)
        for w in sorted(set(words), key=len, reverse=True):
            if not w:
                continue
            repl = new if w.isascii() else other_script
            pat = rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])" if w.isascii() else re.escape(w)
            text = re.sub(pat, lambda _m, r=repl: r, text, flags=re.IGNORECASE)
        return text


def _deform(mark: str, rng: random.Random, matcher: MarkMatcher) -> str | None:
    """A misspelling of `mark` the profile still sees as a look-alike (not an exact match)."""
    letters = [i for i, ch in enumerate(mark) if ch.isalpha()]
    if len(letters) < 5:
        return None
    for _ in range(12):
        i = rng.choice(letters[1:-1])
        op = rng.choice(("double", "insert", "swap", "drop"))
        if op == "double":
            s = mark[:i] + mark[i] + mark[i:]
        elif op == "insert":
            s = mark[:i] + rng.choice("YIEAO") + mark[i:]
        elif op == "swap" and mark[i + 1 : i + 2].isalpha() and mark[i] != mark[i + 1]:
            s = mark[:i] + mark[i + 1] + mark[i] + mark[i + 2 :]
        elif op == "drop":
            s = mark[:i] + mark[i + 1 :]
        else:
            continue
        if matcher.match(s) == (mark, False):
            return s
    return None


def _new_id(old: str, rng: random.Random) -> str:
    tokens = [t for t in re.split(r"[-_]", old) if t]
    out, used_pseudo = [], False
    for t in tokens:
        if t.isdigit():
            out.append(f"{rng.randrange(1, 100):0{max(2, len(t))}d}")
        elif t.upper() in _ROLE_WORDS or (len(t) <= 3 and t.isalpha()):
            out.append(t)
        elif not used_pseudo:
            out.append(rng.choice(_PSEUDO))
            used_pseudo = True
    if not used_pseudo:
        out.insert(min(1, len(out)), rng.choice(_PSEUDO))
    if not any(t.isdigit() for t in out):
        out.append(f"{rng.randrange(1, 100):02d}")
    new = "-".join(out)
    return new if new != old else new + "X"


def new_decl_id(decl: dict, rng: random.Random, surface: Surface | None = None) -> str:
    """An 18-digit number in the style of a Chinese declaration number: district, year, direction, sequence."""
    district = None
    if surface is not None:
        office = surface.office_by_code.get(surface.office_code(decl.get("customs_office")) or "")
        if office is not None:
            district = next((a for a in office.aliases if re.fullmatch(r"\d{4}", str(a))), None)
    district = district or f"{rng.randrange(1000, 10000)}"
    year = (_as_date(decl.get("declared_at")) or dt.date(2016, 1, 1)).year
    flag = "1" if decl.get("direction") == "export" else "0"
    return f"{district}{year}{flag}{rng.randrange(10**8, 10**9)}"


# ------------------------------------------------------------------------------------------------
# the kinds of change; each takes (case, rng, surface, changes) and returns a new case


def change_ids(
    case: Case, rng: random.Random, surface: Surface, changes: list[Change], decl_ids_only: bool = False
) -> Case:
    mapping: dict[str, str] = {}
    for d in [*case.declarations, *case.history]:
        mapping[d["decl_id"]] = new_decl_id(d, rng, surface)
    if not decl_ids_only:
        for d in [*case.declarations, *case.history]:
            for key in ("trader_id", "declarant_id"):
                v = d.get(key)
                if v and v not in mapping and v not in surface.protected_ids:
                    mapping[v] = _new_id(str(v), rng)
        for p in case.penalties:
            v = p.get("trader_id")
            if v and v not in mapping and v not in surface.protected_ids:
                mapping[v] = _new_id(str(v), rng)
    out = Case(
        replace_strings(case.declarations, mapping),
        replace_strings(case.history, mapping),
        replace_strings(case.penalties, mapping),
        replace_strings(case.instructions, mapping),
    )
    for d_old, d_new in zip(case.declarations, out.declarations, strict=False):
        changes.append(Change("decl_id", d_old["decl_id"], d_new["decl_id"]))
        if not decl_ids_only:
            for key in ("trader_id", "declarant_id"):
                if d_old.get(key) != d_new.get(key):
                    changes.append(Change(key, str(d_old.get(key)), str(d_new.get(key))))
    return out


def change_dates(case: Case, rng: random.Random, surface: Surface, changes: list[Change], max_shift: int = 45) -> Case:
    delta = 0
    while delta == 0 or abs(delta) < min(3, max_shift):
        delta = rng.randint(-max_shift, max_shift)
    shift = dt.timedelta(days=delta)

    def move(v):
        d = _as_date(v)
        return d + shift if d is not None else v

    out = copy.deepcopy(case)
    for d in [*out.declarations, *out.history]:
        d["declared_at"] = move(d["declared_at"])
    for p in out.penalties:
        if "date" in p:
            p["date"] = move(p["date"])
    for ins in out.instructions:
        for k in ("valid_from", "valid_to"):
            if ins.get(k) is not None:
                ins[k] = move(ins[k])
    for a, b in zip(case.declarations, out.declarations, strict=False):
        changes.append(Change("declared_at", str(_as_date(a["declared_at"])), str(b["declared_at"])))
    return out


def change_scale(case: Case, rng: random.Random, surface: Surface, changes: list[Change]) -> Case:
    out = copy.deepcopy(case)
    for d in out.declarations:
        f = rng.choice((rng.uniform(0.55, 0.88), rng.uniform(1.12, 1.8)))
        for ln in d["lines"]:
            g = f * rng.uniform(0.96, 1.04)
            q = ln.get("quantity")
            if q:
                ln["quantity"] = max(1, round(q * g)) if float(q).is_integer() else round(q * g, 2)
                g = ln["quantity"] / q  # value and mass follow the rounded quantity: unit values unchanged
            if ln.get("value"):
                ln["value"] = round(ln["value"] * g, 2)
            if ln.get("net_mass_kg"):
                ln["net_mass_kg"] = round(ln["net_mass_kg"] * g, 1)
        changes.append(Change("scale", "1", f"{f:.2f}"))
    return out


def change_office(case: Case, rng: random.Random, surface: Surface, changes: list[Change]) -> Case:
    present = {surface.office_code(d.get("customs_office")) for d in [*case.declarations, *case.history]}
    present |= {surface.office_code(p.get("office")) for p in case.penalties if p.get("office")}
    mapping: dict[str, str] = {}
    for d in case.declarations:
        raw = d.get("customs_office")
        code = surface.office_code(raw)
        if not raw or code is None or raw in mapping:
            continue
        kind = surface.office_by_code[code].kind
        cands = [o for o in surface.offices if o.kind == kind and o.code not in present]
        if not cands:
            continue
        new = rng.choice(cands)
        present.add(new.code)
        spelled = [new.code, *[a for a in new.aliases if not re.fullmatch(r"[\d]+", str(a))]]
        mapping[raw] = rng.choice(spelled[:4]) if rng.random() < 0.5 else new.code
        # every other spelling of the same office in the case follows (history, penalties)
        for o in [*case.declarations, *case.history]:
            v = o.get("customs_office")
            if v and surface.office_code(v) == code:
                mapping.setdefault(v, mapping[raw])
        for p in case.penalties:
            v = p.get("office")
            if v and surface.office_code(v) == code:
                mapping.setdefault(v, mapping[raw])
    if not mapping:
        return case
    names: list[tuple[str, str]] = []  # office names in instruction texts follow the move
    for raw, new_spelling in mapping.items():
        a = surface.office_by_code.get(surface.office_code(raw) or "")
        b = surface.office_by_code.get(surface.office_code(new_spelling) or "")
        if a is not None and b is not None:
            names += [(x, y) for x, y in ((a.name, b.name), (a.name_zh, b.name_zh)) if x and y]
    instructions = replace_strings(case.instructions, mapping, casefold=True)
    for ins in instructions:
        for key in ("title", "title_zh", "explain", "explain_zh", "rationale"):
            if isinstance(ins.get(key), str):
                text = ins[key]
                for x, y in dict(names).items():
                    pat = rf"(?<![A-Za-z]){re.escape(x)}(?![A-Za-z])" if x.isascii() else re.escape(x)
                    text = re.sub(pat, lambda _m, r=y: r, text)
                ins[key] = text
    out = Case(
        _map_field(case.declarations, "customs_office", mapping),
        _map_field(case.history, "customs_office", mapping),
        _map_field(case.penalties, "office", mapping),
        instructions,
    )
    for old, new in mapping.items():
        changes.append(Change("customs_office", old, new))
    return out


def _map_field(rows: list[dict], key: str, mapping: dict[str, str]) -> list[dict]:
    out = copy.deepcopy(rows)
    for r in out:
        if r.get(key) in mapping:
            r[key] = mapping[r[key]]
    return out


def change_marks(case: Case, rng: random.Random, surface: Surface, changes: list[Change]) -> Case:
    """Each recorded mark declared without authority becomes another mark of its goods family (one
    new mark per old mark, across all its spellings): an exact spelling becomes a spelling of the new
    mark, a look-alike becomes a look-alike of it. Same origin (domestic/foreign) when possible."""
    authorised: set[str] = set()
    by_mark: dict[str, dict[str, bool]] = {}  # old mark -> {declared brand string: exact?}
    codes: dict[str, list[str]] = {}
    for d in case.declarations:
        for ln in d["lines"]:
            b = ln.get("brand")
            if not b or norm_mark(b) in NO_BRAND:
                continue
            mark, exact = surface.matcher.match(b)
            if mark is None:
                continue
            item = surface.by_mark.get(mark)
            if item and ({d.get("trader_id"), d.get("declarant_id")} & set(item.holder_ids + item.licensee_ids)):
                authorised.add(mark)
            by_mark.setdefault(mark, {})[b] = exact
            codes.setdefault(mark, []).append(str(ln.get("hs_code", "")))
    used = set(by_mark)
    mapping: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []  # (old mark, new mark) for descriptions and instructions
    for mark in sorted(by_mark):
        if mark in authorised:
            continue
        cands = surface.family_marks(mark, codes[mark])
        old_origin = getattr(surface.by_mark.get(mark), "origin", None)
        same = [m for m in cands if m not in used and surface.by_mark[m].origin == old_origin]
        other = [m for m in cands if m not in used and m not in same]
        rng.shuffle(same)
        rng.shuffle(other)
        for new_mark in same + other:
            spelt: dict[str, str] = {}
            for brand, exact in sorted(by_mark[mark].items()):
                respelt = surface.respell(brand, mark, new_mark)
                if exact:
                    item = surface.by_mark[new_mark]
                    spellings = [new_mark, *[a for a in item.aliases if a.isascii()]][:3]
                    nb = respelt if respelt != brand and rng.random() < 0.5 else rng.choice(spellings)
                elif respelt != brand and surface.matcher.match(respelt) == (new_mark, False):
                    nb = respelt
                else:
                    nb = _deform(new_mark, rng, surface.matcher)
                if nb is None:
                    break
                spelt[brand] = nb
            else:
                mapping.update(spelt)
                used.add(new_mark)
                pairs.append((mark, new_mark))
                changes.extend(Change("brand", b, nb) for b, nb in spelt.items())
                break
    if not mapping:
        return case

    def fix(rows: list[dict]) -> list[dict]:
        rows = copy.deepcopy(rows)
        for d in rows:
            for ln in d.get("lines") or []:
                if ln.get("brand") in mapping:
                    ln["brand"] = mapping[ln["brand"]]
                desc = ln.get("description")
                if desc:
                    for old_mark, new_mark in pairs:
                        desc = surface.respell(desc, old_mark, new_mark)
                    ln["description"] = desc
        return rows

    text_map = dict(mapping)
    for old_mark, new_mark in pairs:
        old_item = surface.by_mark.get(old_mark)
        for w in [old_mark, *(old_item.aliases if old_item else [])]:
            text_map.setdefault(w, surface.respell(w, old_mark, new_mark))
    instructions = replace_strings(case.instructions, text_map, casefold=True)
    for ins in instructions:
        for key in ("title", "title_zh", "explain", "explain_zh", "rationale"):
            if isinstance(ins.get(key), str):
                for old_mark, new_mark in pairs:
                    ins[key] = surface.respell(ins[key], old_mark, new_mark)
    return Case(fix(case.declarations), fix(case.history), case.penalties, instructions)


CHANGERS: dict[str, Callable[..., Case]] = {
    "mark": change_marks,
    "office": change_office,
    "date": change_dates,
    "scale": change_scale,
    "ids": change_ids,
}


def _apply(
    case: Case, kinds: Iterable[str], rng: random.Random, surface: Surface, attempt: int
) -> tuple[Case, list[Change]]:
    changes: list[Change] = []
    out = case
    for k in KINDS:  # fixed order: marks and offices are read on the original spellings, ids last
        if k not in kinds:
            continue
        if k == "date":
            out = change_dates(out, rng, surface, changes, max_shift=max(3, 60 >> min(attempt, 4)))
        else:
            out = CHANGERS[k](out, rng, surface, changes)
    return out, changes


def make_variant(
    case: Case,
    assessor: Assessor,
    seed: int,
    surface: Surface | None = None,
    kinds: Iterable[str] = KINDS,
    attempts: int = 3,
) -> tuple[Case, list[Change]]:
    """A variant of `case` the profile scores exactly as it scores the original (lanes and fired rules).

    Draws all kinds of change up to `attempts` times; then drops, in turn, the office, the mark and the
    date change. Falls back to new declaration numbers only, which never changes a verdict."""
    surface = surface or Surface(assessor.profile)
    target = assessor.signature(case)
    original = case
    case = surface.materialise(case)
    rng = random.Random(seed)
    kinds = [k for k in KINDS if k in set(kinds)]
    plans = [(kinds, i) for i in range(attempts)]
    reduced = list(kinds)
    for drop in ("office", "mark", "date", "scale"):
        if drop in reduced:
            reduced = [k for k in reduced if k != drop]
            plans += [(reduced, i + 1) for i in range(3)]
    for plan, i in plans:
        cand, changes = _apply(case, plan, rng, surface, i)
        if assessor.signature(cand) == target:
            return cand, changes
    changes = []
    return change_ids(original, rng, surface, changes, decl_ids_only=True), changes
