"""`riskprofile serve`: the local web application (lookup, drills, scoring API)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import DEFAULT_PROFILE, err_console, fail, load_profile_or_exit


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default serves this machine only."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile file."),
    scenarios: Path = typer.Option(Path("scenarios"), "--scenarios", help="Scenario folder the drills draw from."),
    results: Path = typer.Option(
        Path("drill-results.jsonl"),
        "--results",
        help="Drill results file (JSON Lines, appended): the only file the server writes.",
    ),
) -> None:
    """Serve the officer's IP lookup (phone-sized), classroom drills and the scoring API on one port.

    Pages: / (index), /lookup, /drill (trainer: start a class; trainees: join with the code),
    /drill/class/ID (the trainer's live class view). API: GET /healthz, POST /api/score, POST /api/explain,
    GET /api/lookup; interactive documentation at /api/docs.

    Example: riskprofile serve --port 8000        (then open http://127.0.0.1:8000/lookup)
    """
    try:
        import uvicorn

        from ..web.app import create_app
        from ..web.service import Service
    except ImportError as e:
        fail(
            f"the web application needs its optional dependencies ({e.name} is missing)",
            "Install them with: pip install 'riskprofile[web]'",
        )
    prof = load_profile_or_exit(profile)
    app = create_app(Service(prof, results, scenarios))
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/] serving on {host}: anyone who reaches this address can use it.")
    err_console.print(f"serving on http://{host}:{port}/  (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(serve)
