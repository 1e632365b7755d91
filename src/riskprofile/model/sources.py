"""The source documents (``../shared/seeds/`` by their three-digit prefix), cited by title.

Rules, scenarios and the simulator's parameter file cite a document by its prefix (``000 §一: ...``,
``seed: 004_...``); what people read is the title, in their language, never a file name or hash.
"""

from __future__ import annotations

#: Prefix -> (English title, Chinese title).
DOCUMENTS: dict[str, tuple[str, str]] = {
    "000": ("China Customs IP Protection in 2016 (annual report)", "《2016年中国海关知识产权保护状况》"),
    "004": ("Typical China Customs IP Protection Cases of 2016", "《2016年中国海关知识产权保护典型案例》"),
}


def title(code: str, lang: str = "en") -> str | None:
    """The title of document `code` (``000``, ``004``) in `lang` (en or zh), or None if unknown."""
    doc = DOCUMENTS.get(code)
    return None if doc is None else doc[1] if lang == "zh" else doc[0]


def cite(source: str, lang: str = "en") -> str:
    """`source` with a leading document prefix replaced by its title: ``000 §一: ...`` -> ``<title> §一: ...``."""
    name = title(source[:3], lang) if source[3:4] in (" ", ":", "") else None
    return name + source[3:] if name else source


__all__ = ["DOCUMENTS", "cite", "title"]
