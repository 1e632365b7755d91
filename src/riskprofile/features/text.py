"""Text helpers shared by the brand, party and description features: normalisation, keyword patterns and
holders' names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_UNSAFE = re.compile(r"[^\x00-\x7f\u3400-\u9fff\uf900-\ufaff]+")


def norm_mark(text: str | None) -> str:
    """Upper-case, NFKC, without spaces or punctuation: 'Tri-Circle ' -> 'TRICIRCLE'."""
    if not text:
        return ""
    return _NON_ALNUM.sub("", unicodedata.normalize("NFKC", text).upper())


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def phrase_pattern(phrase: str) -> str:
    """Rust/Python regex for a phrase inside free text: Latin words bounded, separators flexible."""
    if has_cjk(phrase):
        return re.escape(phrase)
    words = [re.escape(w) for w in re.split(r"[\s\-._/&']+", phrase.upper()) if w]
    if not words:
        return ""
    return r"\b" + r"[\s\-._/&']*".join(words) + r"\b"


def alternation(phrases: list[str]) -> str | None:
    """One case-insensitive pattern matching any phrase (longest first)."""
    return Alternation.of(phrases).pattern


#: Texts up to which `Alternation.narrowed` looks for each phrase's literal (a few µs a phrase a text);
#: beyond, the whole pattern is cheaper than the search.
NARROW_TEXTS = 8


def _needle(phrase: str) -> str | None:
    """A literal every case-insensitive match of the phrase's pattern contains, case-folded: the longest
    run of ASCII or CJK characters of the phrase (Chinese) or of one of its words. Other characters are
    left out, as they may fold differently in Python and in the regex engine; None when nothing is left
    (such a phrase is never narrowed away)."""
    words = [phrase] if has_cjk(phrase) else re.split(r"[\s\-._/&']+", phrase.upper())
    runs = [r for w in words for r in _UNSAFE.split(w) if r]
    return max(runs, key=len).casefold() if runs else None


@dataclass(frozen=True)
class Alternation:
    """One case-insensitive alternation of many phrases (marks, keywords), built once per list.

    `narrowed(texts)` is the same alternation keeping only the phrases whose literal (`_needle`) occurs
    in one of `texts`: a phrase whose literal is absent cannot match there, and leftmost-first matching
    over the others is unchanged, so the narrowed pattern finds what the whole one finds in those texts.
    On a few texts (one declaration) it compiles in microseconds where the whole pattern of thousands of
    phrases takes about a millisecond at each call."""

    parts: tuple[str, ...]
    needles: dict[str, tuple[int, ...]]  # literal -> the parts (indices) that contain it
    always: tuple[int, ...]  # parts without a literal

    @classmethod
    def of(cls, phrases: list[str]) -> Alternation:
        needle_of: dict[str, str | None] = {}
        for x in phrases:
            part = phrase_pattern(x)
            if part:
                needle_of.setdefault(part, _needle(x))
        parts = tuple(sorted(set(needle_of), key=len, reverse=True))
        needles: dict[str, list[int]] = {}
        always = []
        for i, part in enumerate(parts):
            n = needle_of[part]
            if n is None:
                always.append(i)
            else:
                needles.setdefault(n, []).append(i)
        return cls(parts, {n: tuple(ix) for n, ix in needles.items()}, tuple(always))

    @property
    def pattern(self) -> str | None:
        return _pattern(self.parts)

    def narrowed(self, texts: list[str | None]) -> str | None:
        """The pattern for matching in `texts` only (None when no phrase can match there); the whole
        pattern for more than `NARROW_TEXTS` texts."""
        if len(texts) > NARROW_TEXTS:
            return self.pattern
        keep = set(self.always)
        for t in {t.casefold() for t in texts if t}:
            for n, ix in self.needles.items():
                if n in t:
                    keep.update(ix)
        return _pattern(tuple(self.parts[i] for i in sorted(keep)))


def _pattern(parts: tuple[str, ...]) -> str | None:
    return "(?i)(" + "|".join(parts) + ")" if parts else None


#: Words of company names that say nothing of who the company is (legal forms, articles, group).
_LEGAL_WORDS = frozenset(
    "THE A AN INC INCORPORATED LTD LIMITED LLC LP CO COMPANY CORP CORPORATION GMBH AG SA SAS SARL SE SPA PLC KG BV NV"
    " AB OY KK CV PTY PJSC JSC GROUP HOLDING HOLDINGS".split()
)


def holder_core(holder: str | None) -> str:
    """The normalised first two words of a holder's name, without parentheses, articles and legal forms
    ('Robert Bosch GmbH' -> 'ROBERTBOSCH', 'The Procter & Gamble Company' -> 'PROCTERGAMBLE', 'Xiaomi Inc.'
    -> 'XIAOMI'), so that a common first word ('Shanghai', 'General') does not name a holder in a party's
    name; empty when that leaves fewer than 6 characters."""
    if not holder:
        return ""
    text = re.sub(r"\([^)]*\)|（[^）]*）", " ", holder)
    words = [w for w in (norm_mark(x) for x in re.split(r"[\s,&+/]+", text)) if w and w not in _LEGAL_WORDS]
    core = "".join(words[:2])
    return core if len(core) >= 6 and not has_cjk(core) else ""
