"""Latency of the scoring API, one declaration a request, warm, over loopback HTTP (a benchmark, never a
test): a real uvicorn server in a thread and a keep-alive HTTP client in this process."""

from __future__ import annotations

import socket
import statistics
import threading
import time
from typing import Any

import polars as pl

from ..engine.profile import Profile
from ..testing.synth import goods_lines
from .app import create_app
from .service import Service


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def bench_api(profile: Profile, requests: int = 500, warmup: int = 50, seed: int = 7) -> dict:
    """`api_latency` on synthetic declarations drawn from the profile's lists (`testing.synth`)."""
    lines = goods_lines(4_000, profile.lists, seed)
    rows = lines.with_columns(pl.col(pl.Date).cast(pl.String)).to_dicts()
    by_decl: dict[str, list[dict]] = {}
    for r in rows:
        by_decl.setdefault(str(r["decl_id"]), []).append(r)
    declarations = list(by_decl.values())[: max(1, requests)]
    got = api_latency(Service(profile), declarations, requests, warmup)
    got["lines_per_request"] = round(sum(map(len, declarations)) / len(declarations), 2)
    return got


def api_latency(service: Service, declarations: list[list[dict]], requests: int = 300, warmup: int = 30) -> dict:
    """Milliseconds per `POST /api/score` of one declaration (cycling through `declarations`, each a list
    of goods-line objects): p50, p90, p99, max, mean, over `requests` after `warmup` requests; `cpu_ms`,
    the process CPU time per request (server and client: both run here), which the machine's load
    does not inflate as it does the wall times."""
    import httpx
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(service), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    times: list[float] = []
    statuses: dict[int, int] = {}
    cpu = 0.0
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for i in range(warmup + requests):
                body: Any = declarations[i % len(declarations)]
                c0, t0 = time.process_time(), time.perf_counter()
                r = client.post("/api/score", json=body)
                dt_ms = (time.perf_counter() - t0) * 1000
                if i >= warmup:
                    cpu += time.process_time() - c0
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                if i >= warmup:
                    times.append(dt_ms)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return {
        "requests": requests,
        "warmup": warmup,
        "statuses": statuses,
        "p50_ms": round(_percentile(times, 0.50), 2),
        "p90_ms": round(_percentile(times, 0.90), 2),
        "p99_ms": round(_percentile(times, 0.99), 2),
        "max_ms": round(max(times), 2),
        "mean_ms": round(statistics.fmean(times), 2),
        "cpu_ms": round(1000 * cpu / max(1, requests), 2),
    }
