"""The IP-protection workflow around the profile (issue 12), a consumer of `engine.Profile`:

- `lookup`    the officer's IP-status lookup (`riskprofile.ip.lookup("三环", goods="8301", trader=...)`)
- `feedback`  inspection results -> the instructions report, trader history
- `alerts`    cross-office alerts and follow-ups proposed after a seizure
- `actions`   per declaration: release / documents / inspection and the instructions' requirements
- `year`      a simulated year with the loop closed; `bench` the lookup latency

Leads and instructions themselves are `model.leads` (format) and `loader.leads` (files, checks).
"""

from .lookup import LookupResult, Register, lookup

__all__ = ["LookupResult", "Register", "lookup"]
