"""Documents are cited by title, in the reader's language, from one table (model.sources)."""

from pathlib import Path

from riskprofile.model.sources import DOCUMENTS, cite, title

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_titles_in_both_languages_for_every_seed_document():
    seeds = {p.name[:3] for p in SEEDS.glob("*.txt")}
    assert seeds and seeds <= set(DOCUMENTS)
    for code in DOCUMENTS:
        assert title(code, "en") and title(code, "zh") and title(code, "en") != title(code, "zh")


def test_cite_replaces_a_leading_prefix_only():
    assert cite("000 §一: 依职权", "en") == DOCUMENTS["000"][0] + " §一: 依职权"
    assert cite("004", "zh") == DOCUMENTS["004"][1]
    assert cite("assumption: 000 items") == "assumption: 000 items"
    assert cite("0001 rows") == "0001 rows"
    assert title("999") is None
