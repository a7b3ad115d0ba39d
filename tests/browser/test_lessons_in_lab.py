"""Every lesson runs in real JupyterLab, and its widgets answer clicks in the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.lab_driver import (
    REPO,
    SCREENSHOTS,
    cell_errors,
    open_and_run_all,
    screenshot,
    widget_failures,
)

pytestmark = pytest.mark.browser

# Buttons are found by their title (ipywidgets sets it to the description): their
# accessible name also holds the icon font's glyph.

LESSONS = sorted(path.name for path in (REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_without_errors(page, lab, lesson):
    open_and_run_all(page, lab.lab_url(lesson))
    assert cell_errors(page) == []
    assert widget_failures(page) == 0
    screenshot(page, SCREENSHOTS, lesson.removesuffix(".ipynb"))


def test_walkthrough_answers_clicks(page, lab):
    open_and_run_all(page, lab.lab_url("02_exercise_walkthrough.ipynb"))
    session = page.locator(".widget-vbox").filter(has_text="Side-lying hip circles").first
    expect(session).to_contain_text("Step 1 of 4")
    figure = session.locator(".hipkit-movement img").first
    expect(figure).to_be_visible()
    first_picture = figure.get_attribute("src")
    session.locator("button[title='Next']").click()
    expect(session).to_contain_text("Step 2 of 4")
    expect(session).to_contain_text("a few inches")
    expect(figure).not_to_have_attribute("src", first_picture)  # the step's own drawing
    assert figure.get_attribute("alt").startswith("Drawing of side lying hip circles, step 2")
    # Play the movement: once the step's frames are drawn, the browser's Play widget
    # steps through them, each a new picture of the same size.
    step_picture = figure.get_attribute("src")
    size = figure.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    session.locator("button", has_text="Play the movement").click()
    expect(figure).not_to_have_attribute("src", step_picture, timeout=30_000)
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=figure.element_handle())
    assert figure.evaluate("img => [img.naturalWidth, img.naturalHeight]") == size
    session.locator("button[title='Done']").click()
    expect(session).to_contain_text("1 of 12 blocks done")
    expect(session).to_contain_text("Set 1 of 3, left side, anticlockwise: 10 circles")
    session.locator("button[title='Done']").click()
    expect(session).to_contain_text("Rest:")  # the set is over: the rest countdown shows

    check = page.locator(".widget-vbox").filter(has_text="Self-check:").first
    check.get_by_text("the brain's link to the gluteus medius").click()
    check.locator("button[title='Check']").click()
    expect(check).to_contain_text("Right.")
    screenshot(page, SCREENSHOTS, "02_exercise_walkthrough-clicked")
