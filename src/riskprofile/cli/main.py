"""The `riskprofile` command: core verbs here, consumer verbs registered from their modules."""

from __future__ import annotations

import importlib
import importlib.util

import typer

from . import core
from .common import catch_errors
from .helptext import tidy

app = typer.Typer(
    name="riskprofile",
    help="Rule-based customs risk profiling: lint rules, score declarations, explain, replay the 2016 seizures, "
    "simulate traffic, backtest/tune on labelled data, and run trainer drills.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
core.register(app)

#: Consumer verb modules; each exposes `register(app)`.
VERB_MODULES = ("history", "replay", "simulate", "analyst", "drill", "serve", "ip")
for _name in VERB_MODULES:
    if importlib.util.find_spec(f"{__package__}.{_name}") is not None:
        importlib.import_module(f"{__package__}.{_name}").register(app)
tidy(app)
catch_errors(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
