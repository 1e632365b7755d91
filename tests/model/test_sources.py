"""Documents are cited by title, in the reader's language, from one table (model.sources)."""

from pathlib import Path

import pytest

from riskprofile.model.sources import DOCUMENTS, cite, title

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_titles_in_both_languages_for_every_document():
    for code in DOCUMENTS:
        assert title(code, "en") and title(code, "zh") and title(code, "en") != title(code, "zh")


def test_every_seed_document_has_a_title():
    seeds = {p.name[:3] for p in SEEDS.glob("*.txt")}
    if not seeds:
        pytest.skip(f"the source documents are not at {SEEDS} (../shared is absent)")
    assert seeds <= set(DOCUMENTS)


def test_cite_replaces_a_leading_prefix_only():
    assert cite("000 §一: 依职权", "en") == DOCUMENTS["000"][0] + " §一: 依职权"
    assert cite("004", "zh") == DOCUMENTS["004"][1]
    assert cite("assumption: 000 items") == "assumption: 000 items"
    assert cite("0001 rows") == "0001 rows"
    assert title("999") is None
