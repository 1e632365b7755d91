"""Fixtures for the web application: one loaded profile per session, a TestClient, and a live server
with headless Chromium for the browser tests (skipped, saying why, when Chromium is absent)."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

fastapi = pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'riskprofile[web]')")

from fastapi.testclient import TestClient  # noqa: E402

from riskprofile.loader.profile import load_profile  # noqa: E402
from riskprofile.web.app import create_app  # noqa: E402
from riskprofile.web.service import Service  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def shipped_profile():
    return load_profile(ROOT / "rules" / "profile.yaml")


@pytest.fixture
def service(shipped_profile, tmp_path) -> Service:
    return Service(shipped_profile, tmp_path / "results.jsonl")


@pytest.fixture
def client(service) -> TestClient:
    return TestClient(create_app(service))


@pytest.fixture(scope="module")
def class_service(shipped_profile, tmp_path_factory) -> Service:
    """One service per module for the drill tests: preparing a class's items costs seconds."""
    return Service(shipped_profile, tmp_path_factory.mktemp("class") / "results.jsonl")


@pytest.fixture(scope="module")
def class_client(class_service) -> TestClient:
    return TestClient(create_app(class_service))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(service):
    """The app served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(service), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from the system packages, driven by Playwright (no browser download)."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Chromium puts its singleton socket under $TMPDIR; a Unix socket path has at most 107 bytes, so a long
    # TMPDIR (CI runners, pytest's basetemp) kills the browser at start. It gets a short one of its own.
    short_tmp = tempfile.mkdtemp(prefix="rp-chromium-", dir="/tmp" if os.access("/tmp", os.W_OK) else None)
    env = {**os.environ, "TMPDIR": short_tmp, "TMP": short_tmp, "TEMP": short_tmp}
    try:
        with sync_api.sync_playwright() as p:
            b = p.chromium.launch(
                executable_path=CHROMIUM,
                env=env,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            yield b
            b.close()
    finally:
        shutil.rmtree(short_tmp, ignore_errors=True)


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True)
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def desktop(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx.new_page()
    ctx.close()
