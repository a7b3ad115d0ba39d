"""axe-core finds no critical or serious WCAG 2.1 A/AA violation in hipkit's output, and the
walkthrough works from the keyboard alone, in real JupyterLab and Voilà."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import serious, violations
from tests.browser.lab_driver import REPO, SCREENSHOTS, open_and_run_all

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(path.name for path in (REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_hipkit_output_passes_axe_in_lab(page: Page, lab, notebook: str):
    open_and_run_all(page, lab.lab_url(notebook))
    page.wait_for_timeout(1500)  # widget views render after the kernel goes idle
    # Every output counts, the lessons' own charts and tables too: a chart is an
    # <img alt> (hipkit.compact_figures), never a bare picture.
    assert serious(violations(page)) == []


def test_walkthrough_passes_axe_in_voila(page: Page, voila_walkthrough):
    page.goto(voila_walkthrough)
    expect(page.locator(".hipkit-walkthrough").first).to_contain_text("Step 1 of 4",
                                                                     timeout=120_000)
    page.wait_for_timeout(1500)
    assert serious(violations(page)) == []


FOCUS_LOST = """() => window.hipkitFocusLost"""
WATCH_FOCUS = """() => {
    window.hipkitFocusLost = [];
    document.addEventListener('focusout', event => {
        // Focus going nowhere lands on the page: that is what a keyboard user loses.
        setTimeout(() => {
            if (document.activeElement === document.body || !document.activeElement) {
                window.hipkitFocusLost.push(event.target.outerHTML.slice(0, 120));
            }
        }, 0);
    }, true);
}"""


def test_keyboard_alone_completes_an_exercise(page: Page, lab):
    open_and_run_all(page, lab.lab_url("02_exercise_walkthrough.ipynb"))
    session = page.locator(".hipkit-walkthrough").filter(
        has_text="Glute-switch bridge hold").first
    session.scroll_into_view_if_needed()
    expect(session).to_contain_text("Step 1 of 2")
    page.evaluate(WATCH_FOCUS)
    next_button = session.locator("button.hipkit-next")
    next_button.focus()  # where Tab lands; from here on only keys
    page.keyboard.press("Enter")
    expect(session).to_contain_text("Step 2 of 2")
    # Next is disabled on the last step: focus has moved on to Done, not to the page.
    expect(session.locator("button.hipkit-done")).to_be_focused()
    page.keyboard.press("Space")
    expect(session).to_contain_text("All done. Well worked!")
    expect(session).to_contain_text("1 of 1 blocks done")
    expect(session.locator("button.hipkit-undo")).to_be_focused()
    page.keyboard.press("Shift+Tab")  # over the disabled Done and Next, back to Back
    expect(session.locator("button.hipkit-back")).to_be_focused()
    page.keyboard.press("Enter")
    expect(session).to_contain_text("Step 1 of 2")
    expect(next_button).to_be_focused()
    page.wait_for_timeout(500)
    assert page.evaluate(FOCUS_LOST) == []
    assert page.evaluate("() => document.activeElement !== document.body")


def _on_screen(page: Page, locator) -> bool:
    box, size = locator.bounding_box(), page.viewport_size
    return (box is not None and box["y"] >= 0 and box["x"] >= 0
            and box["y"] + box["height"] <= size["height"] + 1
            and box["x"] + box["width"] <= size["width"] + 1)


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_walkthrough_fits_the_screen_with_next_figure_and_done(page: Page, lab, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_and_run_all(page, lab.lab_url("02_exercise_walkthrough.ipynb"))
    session = page.locator(".hipkit-walkthrough").filter(has_text="Side-lying hip circles").first
    figure = session.locator(".hipkit-movement img").first
    expect(figure).to_be_visible()
    # The runner scrolls the exercise's name to the top of the notebook.
    session.locator("h3").first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    for part in (session.locator("button.hipkit-next"), figure,
                 session.locator("button.hipkit-done")):
        assert _on_screen(page, part)
    size = float(session.locator(".hipkit-now .widget-html-content").evaluate(
        "e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= (17 if width >= 1920 else 14)  # grows with the window
    page.screenshot(path=str(SCREENSHOTS / f"walkthrough-lab-{width}x{height}.png"))
