import functools
import pickle
from pathlib import Path

import pytest

from riskprofile import yamlio
from riskprofile.testing import settings as rps_settings
from riskprofile.testing.strategies import sample_lists
from riskprofile.yamlio import dump_yaml

rps_settings.load()


def _parse_each_text_once(parse):
    """`parse_yaml` remembering its result per text: the suite loads the same shipped profile, lists and
    scenarios hundreds of times (every in-process CLI call loads its profile), and the round-trip parser
    is most of that cost. A text is parsed for real the first time; later calls get an exact copy of that
    tree (positions and comments included, through pickle). Errors are never remembered: a text that fails
    is parsed again on every call."""
    trees: dict[str, bytes] = {}

    @functools.wraps(parse)
    def parse_yaml(text: str):
        if text in trees:
            return pickle.loads(trees[text])
        tree = parse(text)
        try:
            trees[text] = pickle.dumps(tree, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a tree that cannot be copied this way is simply not remembered
            pass
        return tree

    return parse_yaml


yamlio.parse_yaml = _parse_each_text_once(yamlio.parse_yaml)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


SCORE_RULES = """rules:
  - id: BRAND-LOOKALIKE
    title: Recorded mark on goods of a non-holder
    family: brand
    weight: 45
    when:
      all:
        - brand: {like_brand: recorded_marks}
        - mark_authorised: {eq: false}
    explain: "declared brand {brand} resembles the recorded mark {brand_mark}"
    rationale: look-alike marks
    references: [C07]
  - id: ROUTE-SWITCH
    title: Office not a usual port of the source region
    family: routing
    weight: 30
    when: {port_switch: {eq: true}, direction: {eq: export}}
    rationale: port drift
    references: [C04]
  - id: INTEL-TIP
    title: Tip-off on a trader
    family: intel
    weight: 0
    lane: red
    when: {trader_id: {eq: T5}}
    rationale: tip-off
    references: [C06]
"""

SCORE_CSV = """decl_id,declared_at,direction,customs_office,trader_id,goods_source_region,hs_code,brand,value,currency
K1,2016-03-18,export,Beilun,T9,CN-FJ,8301400000,TRI-CYIRCELE,1000,USD
K2,2016-03-18,export,Ningbo,T1,Zhejiang,8301400000,三环,1000,USD
K3,2016-03-19,export,CNSZX,T5,CN-GD,6403990000,NO BRAND,500,USD
K4,2016-03-19,export,CNSZX,T6,CN-GD,6403990000,,oops,USD
"""


@pytest.fixture()
def score_workdir(tmp_path):
    """A folder with a small profile (three rules, the sample lists) and a four-row input `in.csv`."""
    (tmp_path / "lists").mkdir()
    for name, lst in sample_lists().items():
        (tmp_path / "lists" / f"{name}.yaml").write_text(dump_yaml(lst.model_dump(mode="json", exclude_none=True)))
    (tmp_path / "profile.yaml").write_text(
        "name: t\nlanes: {yellow: 40, red: 70}\nrandom: {rate: 0.0}\nrules: [rules.yaml]\n"
    )
    (tmp_path / "rules.yaml").write_text(SCORE_RULES)
    (tmp_path / "in.csv").write_text(SCORE_CSV)
    return tmp_path


@pytest.fixture()
def score_rules() -> str:
    """The rule file of `score_workdir`."""
    return SCORE_RULES
