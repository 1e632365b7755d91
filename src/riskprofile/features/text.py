"""Text helpers shared by the brand and description features: normalisation and keyword patterns."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


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
    parts = sorted({p for p in (phrase_pattern(x) for x in phrases) if p}, key=len, reverse=True)
    return "(?i)(" + "|".join(parts) + ")" if parts else None
