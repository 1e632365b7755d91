"""The parameter file: loads, every figure has a source, references are consistent (also with rules/lists)."""

from __future__ import annotations

import copy

import pytest
from ruamel.yaml import YAML

from riskprofile.simulate.params import load_params

from .helpers import PARAMS, ROOT

RAW = YAML(typ="safe", pure=True).load(PARAMS.read_text(encoding="utf-8"))
SOURCE_OK = ("000", "004", "assumption", "calibrated", "issue 5", "C0", "C1")


def _blocks(node, path=""):
    """Every mapping that holds numbers or lists of items, with its path."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            if k != "source":
                yield from _blocks(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _blocks(v, f"{path}[{i}]")


def test_loads():
    p = load_params(PARAMS)
    assert p.year == 2016
    keys = {t.key for t in p.targets}
    assert {
        "export_batch_share",
        "postal_batch_share",
        "sea_item_share",
        "trademark_item_share",
        "ex_officio_batch_share",
    } <= keys


def test_every_block_has_a_source():
    skip_inner = {
        "weight",
        "channels",
        "trader_types",
        "trade_modes",
        "goods",
        "destinations",
        "origins",
        "ip_kind",
        "items",
        "concealment",
        "types",
        "undervalue",
        "factor",
        "detained",
    }
    missing = []
    for path, block in _blocks(RAW):
        leaf = path.rsplit(".", 1)[-1].split("[")[0]
        if path == "" or leaf in skip_inner or path.startswith(".infringement.schemes[") and path.count(".") > 3:
            continue
        if path.startswith(".traders.types") or path.startswith(".inspection.priority"):
            continue
        has = "source" in block or "priority_source" in block
        if not has and path.count(".") >= 1 and not any(isinstance(v, (dict, list)) for v in block.values()):
            missing.append(path)
        if has:
            src = str(block.get("source") or block.get("priority_source"))
            assert any(s in src for s in SOURCE_OK), f"{path}: source {src!r} names no document, case or assumption"
    assert not missing, f"blocks without a source: {missing}"


def test_targets_match_cases_md():
    p = load_params(PARAMS)
    want = {
        "export_batch_share": 0.962,
        "postal_batch_share": 0.8133,
        "sea_item_share": 0.9368,
        "trademark_item_share": 0.9856,
        "ex_officio_batch_share": 0.99,
    }
    for k, v in want.items():
        assert p.target(k).value == pytest.approx(v)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.update(bogus=1), "bogus"),
        (lambda d: d["inspection"]["yellow_exam_rate"].update(value=1.5), "yellow_exam_rate"),
        (lambda d: d["regions"][0]["usual_offices"].append("XXNOP"), "unknown office"),
        (lambda d: d["infringement"]["schemes"][0]["goods"].update(unobtainium=1.0), "unknown goods"),
        (lambda d: d["infringement"]["schemes"][0].update(concealment={"teleport": 1.0}), "concealment"),
        (lambda d: d["inspection"]["detect"].pop("sea"), "sea"),
    ],
)
def test_rejects_bad_parameters(tmp_path, mutate, message):
    data = copy.deepcopy(RAW)
    mutate(data)
    f = tmp_path / "bad.yaml"
    y = YAML()
    with f.open("w") as fh:
        y.dump(data, fh)
    with pytest.raises(ValueError, match=message):
        load_params(f)


def test_missing_file_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        load_params(tmp_path / "nope.yaml")


def test_offices_and_regions_agree_with_rule_lists():
    """Legitimate traffic uses only offices the rule pack counts as usual for the goods' region, so a
    port switch in the traffic is a port switch for the rules too."""
    lists = ROOT / "rules" / "lists"
    assert (lists / "regions.yaml").exists() and (lists / "offices.yaml").exists(), "shipped lists missing"
    y = YAML(typ="safe", pure=True)
    regions = {
        r["code"]: set(r.get("usual_offices", [])) for r in y.load((lists / "regions.yaml").read_text())["items"]
    }
    offices = {o["code"] for o in y.load((lists / "offices.yaml").read_text())["items"]}
    p = load_params(PARAMS)
    for o in p.offices:
        assert o.code in offices, f"office {o.code} is not in rules/lists/offices.yaml"
    for r in p.regions:
        assert r.code in regions, f"region {r.code} is not in rules/lists/regions.yaml"
        extra = set(r.usual_offices) - regions[r.code]
        assert not extra, f"{r.code}: usual offices {extra} are not usual in rules/lists/regions.yaml"
