"""An exercise's burn-or-pain line and physio notes as a runner sees them (lesson 02 in Voilà).

At a laptop's 1366x768 and at 1920x1080: the line sits beside the step in its box, the
notes under the cues, every heading readable; the presenter shows the whole line under its
figure, on a laptop's screen without scrolling, and Done stays on screen. Screenshots go
to artifacts/screenshots.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import serious, violations
from tests.browser.lab_driver import SCREENSHOTS

pytestmark = pytest.mark.browser

HEADINGS = ["Easier and harder", "Common faults and fixes", "Ask a professional first",
            "Check your progress"]


def _first_session(page: Page, url: str, width: int, height: int):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    session = page.locator(".hipkit-walkthrough").filter(
        has_text="Side-lying hip circles").first
    expect(session).to_contain_text("Step 1 of 4", timeout=180_000)
    return session


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_walkthrough_shows_the_burn_line_and_notes(page, voila_walkthrough, size):
    session = _first_session(page, voila_walkthrough, *size)
    line = session.locator(".hipkit-burn-or-pain").first
    expect(line).to_be_visible()
    expect(line).to_contain_text("Burn or pain?")
    expect(line).to_contain_text("sharp pain, pain in the hip joint or pain that grows")
    style = line.evaluate("e => { const s = getComputedStyle(e); return [s.borderLeftStyle, "
                          "s.borderLeftColor, parseFloat(s.fontSize)]; }")
    assert style[0] == "solid" and style[1] == "rgb(138, 90, 0)"
    assert style[2] >= 14  # the walkthrough's smallest type
    # Beside the step: the line is in the same column, just under the step's text.
    step = session.locator(".widget-html-content p b").first
    assert line.bounding_box()["y"] > step.bounding_box()["y"]
    assert abs(line.bounding_box()["x"] - step.bounding_box()["x"]) < 20
    for heading in HEADINGS:
        expect(session.get_by_text(heading, exact=True).first).to_be_visible()
    expect(session).to_contain_text("(Grimaldi 2015)")
    expect(session).to_contain_text("(adapted from Reiman 2012)")
    session.locator(".widget-html-content p b").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"guidance-walkthrough-{size[0]}x{size[1]}.png"))
    session.get_by_text("Common faults and fixes", exact=True).first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"guidance-notes-{size[0]}x{size[1]}.png"))
    assert serious(violations(page, ".hipkit-walkthrough")) == []


def test_presenter_line_is_on_a_laptop_screen_and_done_stays_on_it(page, voila_presenter):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(voila_presenter)
    view = page.locator(".hipkit-presenter")
    expect(view).to_contain_text("Step 1 of 4", timeout=120_000)
    line = view.locator(".hipkit-burn-or-pain")
    for number in range(1, 5):  # every shipped exercise, the longest line included
        expect(view).to_contain_text(f"Exercise {number} of 4")
        expect(line).to_contain_text("Burn or pain?")
        page.wait_for_function("() => [...document.querySelectorAll('.hipkit-movement img')]"
                               ".some(img => img.complete && img.naturalWidth > 0"
                               " && img.offsetParent !== null)", timeout=60_000)
        page.screenshot(path=str(SCREENSHOTS / f"guidance-presenter-1366x768-{number}.png"))
        # the whole line and the whole Done button, without scrolling
        assert page.evaluate("() => window.scrollY") == 0
        for box in (line.bounding_box(), view.locator("button.hipkit-done").bounding_box()):
            assert box["y"] >= 0 and box["y"] + box["height"] <= 768, (number, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 1366, (number, box)
        # under the figure, not over it
        figure = view.locator(".hipkit-movement img:visible").first.bounding_box()
        assert line.bounding_box()["y"] >= figure["y"] + figure["height"], number
        if number < 4:
            view.locator("button.hipkit-next-exercise").click()
    style = line.evaluate("e => { const s = getComputedStyle(e); return [s.borderLeftColor, "
                          "parseFloat(s.fontSize)]; }")
    assert style[0] == "rgb(138, 90, 0)" and style[1] >= 20
