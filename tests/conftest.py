from pathlib import Path

from riskprofile.testing import settings as rps_settings

rps_settings.load()

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
