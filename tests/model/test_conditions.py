"""Condition trees: parsing, the one fold, and its walkers (tests, to_mapping, evaluate_tree)."""

from riskprofile.model import conditions
from riskprofile.model.conditions import All, AnyOf, Not, Test, evaluate_tree, fold, parse, to_mapping

TREE = {
    "all": [
        {"hs_code": {"prefix": "8301"}},
        {"any": [{"brand": {"missing": True}}, {"not": {"value_usd": {"gt": 5}}}]},
    ]
}


def test_parse_and_to_mapping_are_inverse():
    cond, problems = parse(TREE)
    assert problems == []
    assert to_mapping(cond) == TREE


def test_tests_lists_the_leaves_depth_first():
    cond, _ = parse(TREE)
    leaves = [(t.field, t.op) for t in conditions.tests(cond)]
    assert leaves == [("hs_code", "prefix"), ("brand", "missing"), ("value_usd", "gt")]


def test_fold_visits_each_node_kind_once():
    cond, _ = parse(TREE)
    kinds = fold(
        cond,
        test=lambda t: ["test"],
        all_=lambda n, parts: ["all", *(k for p in parts for k in p)],
        any_=lambda n, parts: ["any", *(k for p in parts for k in p)],
        not_=lambda n, part: ["not", *part],
    )
    assert kinds == ["all", "test", "any", "test", "not", "test"]


def test_evaluate_tree_is_boolean_logic_and_stops_early():
    seen = []

    def leaf(t):
        seen.append(t.field)
        return t.field == "a"

    a, b = Test("a", "eq", 1), Test("b", "eq", 1)
    assert evaluate_tree(AnyOf((a, b)), leaf) is True and seen == ["a"]
    assert evaluate_tree(All((a, Not(b))), leaf) is True
    assert evaluate_tree(All((b, a)), leaf) is False


def test_parse_reports_shape_problems_with_their_codes():
    cond, problems = parse({"all": []})
    assert cond is None and [(p, c.value) for p, c, _ in problems] == [(("all",), "RP009")]
