"""Reference lookup properties: the vectorised choice of a line's reference (value and mass) is the one a
plain loop over the list makes: references with keywords first, then the longest prefix, then the first
listed, among those whose prefix the code starts with, whose keywords the description names (as whole
words) and none of whose excludes it contains."""

from hypothesis import given, settings
from hypothesis import strategies as st

from riskprofile.model.lists import NamedList
from riskprofile.testing.builders import prepared_lines
from riskprofile.testing.strategies import sample_lists

WORDS = ["oil", "engine", "base", "fuel", "jacket", "slippers", "bag", "shoes"]
PREFIXES = ["27", "2710", "271019", "27101991", "64", "6402", "640299"]

references = st.lists(
    st.fixed_dictionaries(
        {
            "heading": st.sampled_from(PREFIXES),
            "usd": st.one_of(st.none(), st.integers(1, 50).map(float)),
            "kg": st.one_of(st.none(), st.integers(1, 20).map(lambda x: [x / 10, x / 5])),
            "keywords": st.lists(st.sampled_from(WORDS), max_size=2, unique=True),
            "excludes": st.lists(st.sampled_from(WORDS), max_size=1),
        }
    ).filter(lambda r: r["usd"] is not None or r["kg"] is not None),
    min_size=1,
    max_size=8,
)
lines = st.lists(
    st.tuples(
        st.sampled_from(["2710199100", "2710193000", "271019", "6402999000", "6404190000", "8301100000"]),
        st.one_of(st.none(), st.lists(st.sampled_from([*WORDS, "ENGINE", "oily", "misc"]), max_size=3).map(" ".join)),
    ),
    min_size=1,
    max_size=6,
)


def _oracle(refs: list[dict], code: str, desc: str | None, attr: str) -> int | None:
    order = sorted(range(len(refs)), key=lambda i: (not refs[i]["keywords"], -len(refs[i]["heading"]), i))
    words = set((desc or "").lower().split())
    for i in order:
        r = refs[i]
        if r[attr] is None or not code.startswith(r["heading"]):
            continue
        if r["keywords"] and (desc is None or not words & set(r["keywords"])):
            continue
        if r["excludes"] and desc is not None and any(w in desc.lower() for w in r["excludes"]):
            continue
        return i
    return None


@settings(deadline=None)
@given(references, lines)
def test_the_chosen_references_are_those_of_a_plain_loop(refs, rows):
    items = [
        {
            "heading": r["heading"],
            **({"usd": r["usd"], "per": "unit"} if r["usd"] is not None else {}),
            **({"kg_per_unit": r["kg"]} if r["kg"] is not None else {}),
            "keywords": r["keywords"],
            "excludes": r["excludes"],
        }
        for r in refs
    ]
    lists = {
        **sample_lists(),
        "reference_values": NamedList.model_validate(
            {"name": "reference_values", "kind": "reference_values", "items": items}
        ),
    }
    got = prepared_lines(
        [{"hs_code": c, "description": d, "quantity": 10, "value": 10, "net_mass_kg": 5} for c, d in rows],
        {"ref_value_usd", "kg_per_unit_low", "kg_per_unit_high"},
        lists,
        declared_at="2016-03-10",
        direction="export",
        currency="USD",
    )
    for (code, desc), line in zip(rows, got, strict=True):
        v = _oracle(refs, code, desc, "usd")
        m = _oracle(refs, code, desc, "kg")
        assert line["ref_value_usd"] == (refs[v]["usd"] if v is not None else None), (code, desc)
        assert (line["kg_per_unit_low"], line["kg_per_unit_high"]) == (
            tuple(refs[m]["kg"]) if m is not None else (None, None)
        ), (code, desc)
