"""The walkthrough runs as a Voilà app a coach can project; the coach app takes uploads."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import voila_app
from tests.browser.lab_driver import SCREENSHOTS, screenshot

pytestmark = pytest.mark.browser


def test_walkthrough_steps_forward_in_voila(page, voila_walkthrough):
    page.goto(voila_walkthrough)
    session = page.locator(".widget-vbox").filter(has_text="Side-lying hip circles").first
    expect(session).to_contain_text("Step 1 of 4", timeout=120_000)
    session.locator("button[title='Next']").click()
    expect(session).to_contain_text("Step 2 of 4")
    session.locator("button[title='Done']").click()
    expect(session).to_contain_text("1 of 12 blocks done")
    # Voilà shows outputs only: no code cell reaches the page.
    expect(page.get_by_text("guided_session(")).to_have_count(0)
    screenshot(page, SCREENSHOTS, "voila-walkthrough")


HEADER = "date,runner,exercise,side,sets,reps,notes\n"


def _log(runner: str) -> bytes:
    return (HEADER + f"2026-03-02,{runner},Single-leg bridge,left,2,15,\n").encode()


def _file(name: str, content: bytes, kind: str = "text/csv") -> dict:
    return {"name": name, "mimeType": kind, "buffer": content}


def _choose(page: Page, files: list[dict]) -> None:
    """Press Upload logs and pick the files in the browser's file chooser."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Upload logs").click()
    chooser.value.set_files(files)


@pytest.fixture(scope="module")
def coach_app_home(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The coach app served by Voilà, with a hipkit folder of its own: (URL, folder)."""
    home = tmp_path_factory.mktemp("coach-home")
    before = os.environ["HIPKIT_HOME"]
    os.environ["HIPKIT_HOME"] = str(home)  # the Voilà server and its kernels inherit it
    try:
        with voila_app(tmp_path_factory, "coach_app.ipynb") as url:
            yield url, home
    finally:
        os.environ["HIPKIT_HOME"] = before


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_coach_uploads_two_batches_and_two_my_logs_in_voila(page, coach_app_home, width,
                                                           height):
    url, home = coach_app_home
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    status = page.locator("[role=status]")
    expect(page.get_by_text("Upload logs")).to_be_visible(timeout=120_000)
    batches = home / "uploaded_logs" / "2026-03-06"
    done = len(list(batches.glob("batch_*")))

    _choose(page, [_file("jo.csv", _log("Jo")), _file("ann.csv", _log("Ann"))])
    expect(status.first).to_contain_text(f"Upload batch {done + 1} of 2026-03-06: saved 2 "
                                         "log file(s)", timeout=60_000)
    expect(status.last).to_contain_text("2 runners loaded")

    # The second batch: lesson 04's default name twice, and a file that is not a log.
    _choose(page, [_file("my_log.csv", _log("Max")), _file("my_log.csv", _log("Bea")),
                   _file("evil.html", b"<script>alert(1)</script>", "text/html")])
    first = status.first
    expect(first).to_contain_text(f"Upload batch {done + 2} of 2026-03-06: saved 2 log file(s)",
                                  timeout=60_000)
    expect(first).to_contain_text("'my_log.csv' as 'my_log_2.csv'")
    expect(first).to_contain_text("Ignored 1 file(s), not saved: 'evil.html' (not a log file")
    expect(status.last).to_contain_text("2 runners loaded")
    flags = page.locator("table").first
    expect(flags).to_contain_text("Max")
    expect(flags).to_contain_text("Bea")
    # The first batch's runners are not mixed into this dashboard.
    expect(flags).not_to_contain_text("Jo")
    expect(flags).not_to_contain_text("Ann")
    second = batches / f"batch_{done + 2}"
    assert sorted(p.name for p in second.iterdir()) == ["my_log.csv", "my_log_2.csv"]
    assert (second / "my_log_2.csv").read_bytes() == _log("Bea")
    assert not list(home.rglob("evil.html"))
    folder_box = page.locator(".widget-text input").first
    expect(folder_box).to_have_value(str(second))
    screenshot(page, SCREENSHOTS, f"voila-coach-uploads-{width}x{height}")
