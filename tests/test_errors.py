"""One exception root: every error a user can catch derives from `RiskProfileError` and is located."""

import pytest

from riskprofile.drill.answers import BadAnswer
from riskprofile.drill.engine import ContextError
from riskprofile.errors import RiskProfileError
from riskprofile.findings import Finding, LoadError
from riskprofile.io.read import InputError, read_frame
from riskprofile.io.write import OutputError
from riskprofile.model.scenario import ScenarioFileError
from riskprofile.simulate.engine import SimulationError
from riskprofile.simulate.params import ParamsError, load_params
from riskprofile.yamlio import YamlSyntaxError, read_yaml


@pytest.mark.parametrize(
    "cls",
    [
        LoadError,
        InputError,
        OutputError,
        YamlSyntaxError,
        ScenarioFileError,
        ContextError,
        BadAnswer,
        ParamsError,
        SimulationError,
    ],
)
def test_every_user_error_derives_from_the_root(cls):
    assert issubclass(cls, RiskProfileError)


def test_load_error_is_located_at_its_first_error():
    found = [
        Finding("RP103", "r.yaml", 2, 3, "A-1", "no provenance"),
        Finding("RP003", "r.yaml", 7, 9, "A-2", "unknown field `x`"),
    ]
    e = LoadError(found)
    assert (e.file, e.line, e.column) == ("r.yaml", 7, 9)
    assert e.where() == "r.yaml:7:9"
    assert e.findings == found
    assert "RP003" in str(e) and e.hint


def test_yaml_syntax_error_names_the_file(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("a: [1, 2\nb: 3\n")
    with pytest.raises(RiskProfileError) as info:
        read_yaml(p)
    assert info.value.file == str(p) and info.value.line is not None


def test_input_and_params_errors_are_catchable_at_the_root(tmp_path):
    with pytest.raises(RiskProfileError):
        read_frame(tmp_path / "missing.csv")
    bad = tmp_path / "params.yaml"
    bad.write_text("- not a mapping\n")
    with pytest.raises(RiskProfileError) as info:
        load_params(bad)
    assert isinstance(info.value, ValueError) and info.value.file == str(bad)


def test_scenario_file_error_takes_its_location_from_its_findings():
    e = ScenarioFileError(findings=[Finding("RP002", "s.yaml", 4, 5, None, "bad shape")])
    assert e.where() == "s.yaml:4:5" and "RP002" in str(e)
