"""Start-up: the CLI and a lint of the shipped profile import none of the heavy libraries that only some
verbs use (scipy, scikit-learn, matplotlib, the web stack, hypothesis): each costs up to a second of CPU
on every command. Checked in a fresh interpreter, where `sys.modules` shows what was imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ["scipy", "sklearn", "matplotlib", "fastapi", "uvicorn", "starlette", "hypothesis", "pytest"]

SCRIPT = """
import json, sys
from typer.testing import CliRunner
from riskprofile.cli.main import app
loaded = {m for m in HEAVY if m in sys.modules}
result = CliRunner().invoke(app, ["lint", "rules/"])
print(json.dumps({"import": sorted(loaded), "lint": sorted(m for m in HEAVY if m in sys.modules),
                  "exit": result.exit_code}))
"""


def test_the_cli_and_lint_import_no_heavy_library():
    code = f"HEAVY = {HEAVY!r}\n" + SCRIPT
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"import": [], "lint": [], "exit": 0}
