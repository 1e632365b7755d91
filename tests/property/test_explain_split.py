"""explain computes line features for its one declaration only: the same explanation as preparing the whole input."""

from hypothesis import given
from hypothesis import strategies as st

from riskprofile.engine.explain import explain
from riskprofile.testing import strategies as rps


@given(rps.profiles(), rps.declaration_batches(min_size=2), st.data())
def test_explain_of_one_declaration_equals_whole_input(profile, decls, data):
    frame = profile.frame(decls)
    frame = frame.drop([c for c in frame.columns if c.startswith("_") and c not in ("_file", "_row")] + ["value_usd"])
    target = data.draw(st.sampled_from(sorted(set(frame["decl_id"].to_list()))))
    narrowed = profile.explain(target, frame)  # the declaration and its trader's declarations only
    whole = explain(profile, target, decls, whole=True)  # declaration models: the whole input prepared
    assert narrowed.to_json() == whole.to_json()
