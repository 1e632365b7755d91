"""drill.terminal: what a trainee reads at 80 columns."""

import io

from rich.console import Console

from riskprofile.drill.terminal import _bullets


def test_a_bullet_that_wraps_goes_on_under_its_text():
    item = "2014-08-19 · ZJ-JINDA-SEW-84 · CNNGB (Ningbo) · sewing machines bearing SINGER · trademark"
    console = Console(width=40, record=True, file=io.StringIO())
    console.print(_bullets("IP penalties on record", [item, "short one"]))
    lines = [x.rstrip() for x in console.export_text().splitlines()]
    assert lines[0] == "IP penalties on record:"
    assert lines[1].startswith("  • 2014-08-19") and lines[-1] == "  • short one"
    body = lines[2:-1]
    assert body and all(x.startswith("    ") and x[4] != " " for x in body)  # under the text, not the bullet
    assert " ".join(x.strip().lstrip("• ") for x in lines[1:-1]).split() == item.split()
