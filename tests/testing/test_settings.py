"""The hypothesis settings profiles shipped with the public strategies, and the README example that uses them."""

import re
from pathlib import Path

import pytest
from hypothesis import settings

from riskprofile.testing import settings as rps_settings

ROOT = Path(__file__).resolve().parents[2]


def test_profiles_are_registered_on_import_and_have_no_deadline():
    for name in ("dev", "ci"):
        prof = settings.get_profile(name)
        assert prof.deadline is None
    assert settings.get_profile("ci").derandomize is True


def test_load_activates_the_environment_profile(monkeypatch):
    try:
        monkeypatch.setenv("HYPOTHESIS_PROFILE", "ci")
        assert rps_settings.load() == "ci"
        assert settings.default.max_examples == rps_settings.CI.max_examples
        assert settings.default.derandomize is True
        with pytest.raises(ValueError, match="unknown hypothesis profile"):
            rps_settings.load("nightly")
    finally:
        monkeypatch.undo()
        rps_settings.load()


def test_readme_property_example_is_the_file_the_suite_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Property-testing your own profiles") :]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shipped = (ROOT / "examples" / "test_property_example.py").read_text(encoding="utf-8")
    body = shipped.split('"""', 2)[2].lstrip("\n")
    assert block == body
