"""Real-browser fixtures: a JupyterLab server on loopback and Debian's chromium.

The server and the browser are stopped when the session ends, also after a failure.
Without /usr/bin/chromium the tests are skipped with a message, except where
HIPKIT_REQUIRE_BROWSER is set (CI sets it), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.lab_driver import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    message = ("Debian's chromium is not at /usr/bin/chromium: install it with "
               "`apt-get install chromium` to run the browser tests")
    if os.environ.get("HIPKIT_REQUIRE_BROWSER"):
        raise pytest.UsageError(message + " (HIPKIT_REQUIRE_BROWSER is set, so not skipping)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=message))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A JupyterLab server serving a scratch copy of the lessons."""

    def __init__(self, root: Path, url: str, token: str):
        self.root, self.url, self.token = root, url, token

    def lab_url(self, notebook: str) -> str:
        return f"{self.url}/lab/tree/{notebook}?token={self.token}&reset"


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"jupyter lab did not answer at {url} within {timeout} s")


@contextmanager
def _server(command: list[str], cwd: Path, ready_url: str, log_path: Path) -> Iterator[None]:
    """Run a server process until the block ends, stopping it even after a failure."""
    with log_path.open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=cwd)
        try:
            _wait_until_up(ready_url, process)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _copy_lessons(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    # Servers may autosave what they open: serve a copy so the lessons stay untouched.
    root = tmp_path_factory.mktemp(name) / "notebooks"
    shutil.copytree(REPO / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_*"))
    return root


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    root = _copy_lessons(tmp_path_factory, "lab")
    # Render every cell (windowed notebooks leave off-screen widgets out of the page),
    # and keep the news prompt, which would go online, off the screenshots.
    settings = root.parent / "user-settings" / "@jupyterlab"
    for extension, name, value in [("notebook-extension", "tracker", '{"windowingMode": "none"}'),
                                   ("apputils-extension", "notification",
                                    '{"fetchNews": "false"}')]:
        (settings / extension).mkdir(parents=True)
        (settings / extension / f"{name}.jupyterlab-settings").write_text(value)
    port, token = _free_port(), "hipkit-browser-test"
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
        f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.user_settings_dir={root.parent / 'user-settings'}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    with _server(command, root, f"{url}/api/status?token={token}", root.parent / "lab.log"):
        yield LabServer(root, url, token)


@contextmanager
def voila_app(tmp_path_factory: pytest.TempPathFactory, notebook: str) -> Iterator[str]:
    """Serve one notebook of a copy of the lessons as a Voilà app; yield its URL."""
    root = _copy_lessons(tmp_path_factory, "voila")
    port = _free_port()
    command = [sys.executable, "-m", "voila", notebook, "--no-browser",
               f"--port={port}", "--Voila.ip=127.0.0.1"]
    url = f"http://127.0.0.1:{port}/"
    with _server(command, root, url, root.parent / f"voila-{Path(notebook).stem}.log"):
        yield url


@pytest.fixture(scope="session")
def voila_walkthrough(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the walkthrough lesson served as an app by Voilà."""
    with voila_app(tmp_path_factory, "02_exercise_walkthrough.ipynb") as url:
        yield url


@pytest.fixture(scope="session")
def voila_presenter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the presenter view served as an app by Voilà."""
    with voila_app(tmp_path_factory, "presenter.ipynb") as url:
        yield url


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 1000},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    page.set_default_timeout(60_000)
    try:
        yield page
    finally:
        page.close()
