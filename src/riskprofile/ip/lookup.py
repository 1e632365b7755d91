"""The officer's IP-status lookup (知识产权海关保护移动查询, 000 §4): a mark as typed or read off the goods
-> the recordations it matches, who may use them, and what to do.

Marks are found by the register's own matcher (`features.brand.MarkMatcher`, the one the brand features
score with), with the features' rules: the whole query equal to a mark or an alias, or a look-alike
spelling of a mark of 6+ characters, counts whatever the goods; a part of it (a word, a Chinese alias
inside), an abbreviation (TI) or a look-alike of a short mark (NIKEE) counts only on the mark's own
goods, so a short look-alike needs `goods`. The verdict for a trader is "authorised" when it is the
holder, a group company or a licensee, or holds a pre-confirmation (预确认) for the mark; "unauthorised"
otherwise; "unknown" without a trader; "not_recorded" when nothing matches.

`Register.of(profile)` builds the lookup tables once per profile; `lookup` is then a few dictionary
reads and one fuzzy search (see `riskprofile bench --lookup`). `LookupResult.model_dump(mode="json")`
is the `lookup --json` object of DESIGN.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

from ..engine.actions import HOLDER_NOTICE_WORKING_DAYS
from ..engine.profile import Profile
from ..features.brand import NO_BRAND, MarkMatcher
from ..features.brand import matcher as mark_matcher
from ..features.text import norm_mark
from ..io.normalise import alias_table

Verdict = Literal["authorised", "unauthorised", "unknown", "not_recorded"]
MatchKind = Literal["exact", "alias", "look-alike"]
_HS = re.compile(r"^\d{2,10}$")


class Holder(BaseModel):
    id: str
    name: str


class Match(BaseModel):
    """One recordation the query matches (DESIGN `lookup --json`: `matches[]`)."""

    mark: str
    recordation: str
    right: Literal["trademark", "patent", "copyright"]
    match: MatchKind
    holder: Holder
    licensees: list[str]  # licensees and the holder's group companies: every id allowed besides the holder
    preconfirmed: list[str]
    goods: list[str]
    valid_to: dt.date | None
    #: Past seizures / infringement records naming the mark (shown to officers, not in the JSON contract).
    seizures: list[str] = Field(default_factory=list, exclude=True)


NoteCode = Literal["preconfirmed_orders", "look_alike", "outside_goods", "expired"]


class Note(BaseModel):
    """One caveat of the advice, kept as data so that a page can say it in its own language."""

    code: NoteCode
    marks: list[str]  # what it is about: marks, order references, or "MARK (recordation) ended on DATE"
    today: dt.date | None = None  # `expired`: the day the lookup was made


class LookupResult(BaseModel):
    """The answer (DESIGN `lookup --json`); `notes` repeats the caveats of `advice` as data."""

    query: str
    matches: list[Match]
    verdict: Verdict
    advice: str
    notes: list[Note] = Field(default_factory=list, exclude=True)


@dataclass
class Register:
    """The recordation register of a profile, indexed for lookups."""

    matcher: MarkMatcher
    items: dict[str, list] = field(default_factory=dict)  # canonical mark -> recordations
    preconfirmations: dict[str, list] = field(default_factory=dict)  # mark -> pre-confirmations
    seizures: dict[str, list[str]] = field(default_factory=dict)  # mark -> past records
    goods_words: dict[str, list[str]] = field(default_factory=dict)  # keyword (lower) -> HS headings
    offices: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, profile: Profile) -> Register:
        """The profile's register (built once, cached on the profile)."""
        cached = profile.__dict__.get("_ip_register")
        if cached is None:
            cached = cls.build(profile)
            profile.__dict__["_ip_register"] = cached
        return cached

    @classmethod
    def build(cls, profile: Profile) -> Register:
        ctx = profile.context
        items: dict[str, list] = {}
        for it in ctx.items("recorded_marks"):
            items.setdefault(it.mark, []).append(it)
        pre: dict[str, list] = {}
        for p in ctx.items("preconfirmations"):
            pre.setdefault(p.mark, []).append(p)
        words: dict[str, list[str]] = {}
        for kw in ctx.items("hs_keywords"):
            for w in kw.keywords:
                words.setdefault(w.lower(), []).append(kw.heading)
        reg = cls(mark_matcher(ctx, "recorded_marks"), items, pre, {}, words, alias_table(profile.lists.get("offices")))
        for pen in ctx.items("penalties"):
            text = f"{pen.goods or ''}"
            mark, _ = reg.matcher.match(text) if text else (None, False)
            for m in {mark} | {k for k in items if k.lower() in text.lower()} - {None}:
                reg.seizures.setdefault(m, []).append(
                    f"{pen.date} {pen.trader_id} at {pen.office or '?'}: {pen.goods or pen.kind}"
                )
        return reg

    # -- pieces ---------------------------------------------------------------------------------------
    def goods_prefixes(self, goods: str | None) -> list[str] | None:
        """HS prefixes of `goods` (digits, or words through the hs_keywords list); None when not given,
        [] when words name nothing known."""
        if goods is None or not goods.strip():
            return None
        g = goods.strip().replace(".", "").replace(" ", "")
        if _HS.match(g):
            return [g]
        text = goods.lower()
        return sorted({h for w, hs in self.goods_words.items() if w in text for h in hs})

    @staticmethod
    def on_goods(item, prefixes: list[str]) -> bool:
        """The goods fall under the recordation (an item listing no goods covers all)."""
        if not item.goods:
            return True
        return any(p.startswith(g) or g.startswith(p) for p in prefixes for g in item.goods)

    def find(self, query: str, prefixes: list[str] | None) -> list[tuple[str, MatchKind]]:
        """(canonical mark, kind of match) for the query, the features' rules applied to `prefixes`."""
        if not query or norm_mark(query) in NO_BRAND:
            return []
        mark, exact, whole = self.matcher.resolve(query)
        part_ok = lambda m: prefixes is None or any(self.on_goods(i, prefixes) for i in self.items.get(m, []))  # noqa: E731
        own_goods = lambda m: prefixes is not None and any(self.on_goods(i, prefixes) for i in self.items.get(m, []))  # noqa: E731
        if mark is not None and (whole or part_ok(mark)):
            key = norm_mark(query)
            kind: MatchKind = "exact" if key == norm_mark(mark) else "alias" if exact else "look-alike"
            return [(mark, kind)]
        abbr = self.matcher.abbreviation(query)
        if abbr is not None and part_ok(abbr):
            return [(abbr, "alias")]
        short = self.matcher.short_match(query)
        if short is not None and own_goods(short):
            return [(short, "look-alike")]
        return []


def _parties(item) -> dict[str, str]:
    """id -> role for everyone allowed to use a recordation."""
    out: dict[str, str] = {}
    for i in [item.holder_id, *item.holder_ids]:
        if i:
            out.setdefault(i.strip().upper(), "holder")
    for i in item.group_ids:
        out.setdefault(i.strip().upper(), "group company")
    for i in item.licensee_ids:
        out.setdefault(i.strip().upper(), "licensee")
    return out


def _in_force(obj, on: dt.date | None) -> bool:
    if on is None:
        return True
    return (obj.valid_from is None or obj.valid_from <= on) and (obj.valid_to is None or on <= obj.valid_to)


def _precon_applies(p, on: dt.date | None, prefixes: list[str] | None, office: str | None) -> bool:
    if not _in_force(p, on):
        return False
    if (
        prefixes is not None
        and p.goods
        and not any(x.startswith(g) or g.startswith(x) for x in prefixes for g in p.goods)
    ):
        return False
    return not (office and p.office and p.office.upper() != office)


def lookup(
    query: str,
    goods: str | None = None,
    trader: str | None = None,
    office: str | None = None,
    on: dt.date | None = None,
    *,
    profile: Profile | None = None,
    register: Register | None = None,
    today: dt.date | None = None,
) -> LookupResult:
    """The IP status of a mark (see the module doc). `on`: only recordations and pre-confirmations in
    force that day (default: any, and the advice names those expired before `today`, default the
    system date). `profile` defaults to `rules/profile.yaml` (loaded once)."""
    reg = register or Register.of(profile or default_profile())
    prefixes = reg.goods_prefixes(goods)
    off = reg.offices.get(" ".join(office.upper().replace("-", " ").split()), office.upper()) if office else None
    tid = trader.strip().upper() if trader and trader.strip() else None
    matches: list[Match] = []
    roles: list[str | None] = []
    outside: list[str] = []
    orders: list[str] = []
    for mark, kind in reg.find(query, prefixes):
        for it in reg.items.get(mark, []):
            if not _in_force(it, on):
                continue
            parties = _parties(it)
            pre = [p for p in reg.preconfirmations.get(mark, []) if _precon_applies(p, on, prefixes, off)]
            holder_id = it.holder_key or ""
            matches.append(
                Match(
                    mark=mark,
                    recordation=it.recordation or "",
                    right=it.right,
                    match=kind,
                    holder=Holder(id=holder_id, name=it.holder or ""),
                    licensees=[i for i, r in parties.items() if r != "holder"],
                    preconfirmed=sorted({p.trader_id.strip().upper() for p in pre}),
                    goods=list(it.goods),
                    valid_to=it.valid_to,
                    seizures=reg.seizures.get(mark, []),
                )
            )
            role = parties.get(tid or "")
            if role is None and tid in matches[-1].preconfirmed:
                role = "pre-confirmed trader"
                orders += [p.order_ref for p in pre if p.trader_id.strip().upper() == tid and p.order_ref]
            roles.append(role)
            if prefixes is not None and not reg.on_goods(it, prefixes):
                outside.append(mark)
    if not matches:
        verdict: Verdict = "not_recorded"
    elif tid is None:
        verdict = "unknown"
    else:
        verdict = "authorised" if any(r is not None for r in roles) else "unauthorised"
    notes = _notes(verdict, matches, roles, outside, orders)
    if on is None:
        notes += _expired_notes(matches, today or dt.date.today())
    advice = _advice(verdict, matches, roles, tid) + "".join(" " + note_text(n) for n in notes)
    return LookupResult(query=query, matches=matches, verdict=verdict, advice=advice, notes=notes)


def expired(m: Match, today: dt.date) -> bool:
    """The recordation ended before `today`."""
    return m.valid_to is not None and m.valid_to < today


def _expired_notes(matches: list[Match], today: dt.date) -> list[Note]:
    """Without a date every recordation is shown: say which ones have expired."""
    gone = [m for m in matches if expired(m, today)]
    if not gone:
        return []
    which = list(dict.fromkeys(f"{m.mark} ({m.recordation or 'no number'}) ended on {m.valid_to}" for m in gone))
    return [Note(code="expired", marks=which, today=today)]


def _notes(
    verdict: Verdict, matches: list[Match], roles: list[str | None], outside: list[str], orders: list[str]
) -> list[Note]:
    notes: list[Note] = []
    marks = list(dict.fromkeys(m.mark for m in matches))
    if verdict == "authorised" and next(r for r in roles if r is not None) == "pre-confirmed trader" and orders:
        notes.append(Note(code="preconfirmed_orders", marks=sorted(set(orders))))
    if verdict != "not_recorded" and any(m.match == "look-alike" for m in matches):
        notes.append(Note(code="look_alike", marks=marks))
    if verdict != "not_recorded" and outside:
        notes.append(Note(code="outside_goods", marks=list(dict.fromkeys(outside))))
    return notes


def note_text(note: Note) -> str:
    """The English sentence of a note (the advice of `lookup` and the API)."""
    marks = ", ".join(note.marks)
    if note.code == "preconfirmed_orders":
        return f"Pre-confirmed for orders {marks}: check the order reference."
    if note.code == "look_alike":
        return f"The query is a look-alike spelling of {marks}: compare the goods with the recorded mark."
    if note.code == "outside_goods":
        return f"The recordation of {marks} does not list these goods."
    return (
        f"EXPIRED: the recordation of {'; '.join(note.marks)}; as of today ({note.today}) customs cannot act on"
        " it ex officio unless it was renewed. Give the goods' date (--on, or the date field) to check the day"
        " they were declared."
    )


def _advice(verdict: Verdict, matches: list[Match], roles: list[str | None], trader: str | None) -> str:
    notice = (
        f"if none is produced, suspend clearance and notify the holder ({HOLDER_NOTICE_WORKING_DAYS} working "
        "days to apply for detention and lodge a bond)"
    )
    if verdict == "not_recorded":
        return (
            "Not recorded with customs: no ex officio action on the IP ground; the holder may still apply "
            "for detention. Other risk indicators apply as usual."
        )
    marks = ", ".join(dict.fromkeys(m.mark for m in matches))
    if verdict == "authorised":
        role = next(r for r in roles if r is not None)
        of = "for" if role.startswith("pre-confirmed") else "of"
        article = "the" if role == "holder" else "a"
        return f"{trader} is {article} {role} {of} {marks}: release on the IP ground."
    if verdict == "unauthorised":
        return (
            f"{trader} is neither holder, group company, licensee nor pre-confirmed for {marks}: ask for the licence "
            f"or an IP-status declaration (补充申报知识产权状况); {notice}."
        )
    return (
        f"Recorded ({marks}): name the trader for a verdict. Ask the declarant for the licence or an IP-status "
        f"declaration; {notice}."
    )


_DEFAULT: dict[str, Profile] = {}


def default_profile() -> Profile:
    """`rules/profile.yaml`, loaded once per process."""
    if "p" not in _DEFAULT:
        from ..loader.profile import load_profile

        _DEFAULT["p"] = load_profile("rules/profile.yaml")
    return _DEFAULT["p"]


__all__ = [
    "HOLDER_NOTICE_WORKING_DAYS",
    "Holder",
    "LookupResult",
    "Match",
    "Register",
    "default_profile",
    "expired",
    "lookup",
]
