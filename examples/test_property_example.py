"""The README's property-test example, run by the suite as written."""

from hypothesis import given
from hypothesis import strategies as st

from riskprofile.testing import settings as rps_settings
from riskprofile.testing import strategies as rps

rps_settings.load()  # the shipped `dev` profile ($HYPOTHESIS_PROFILE=ci in CI): no 200 ms deadline


@given(rps.profiles(weight=st.integers(0, 100).map(float)), rps.declaration_batches())
def test_no_declaration_scores_below_zero_without_negative_weights(profile, decls):
    scores = profile.score(decls).declarations["score"]
    assert len(scores) == len(decls)
    assert (scores >= 0).all()
