"""The presenter view in real Voilà: readable from the back of a room, driven by keys."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.axe import serious, violations
from tests.browser.lab_driver import SCREENSHOTS

pytestmark = pytest.mark.browser

# The smallest type the room reads: 32 px at 1920x1080.
ROOM_TYPE_PX = 32


def _open(page: Page, url: str, width: int, height: int) -> Locator:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    view = page.locator(".hipkit-presenter")
    expect(view).to_contain_text("Step 1 of 4", timeout=120_000)
    page.wait_for_function("() => [...document.querySelectorAll('.hipkit-movement img')]"
                           ".some(img => img.complete && img.naturalWidth > 0)")
    return view


def _font_px(locator: Locator) -> float:
    return float(locator.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))


def _on_screen(page: Page, locator: Locator) -> bool:
    box, size = locator.bounding_box(), page.viewport_size
    return (box is not None and box["x"] >= 0 and box["y"] >= 0
            and box["x"] + box["width"] <= size["width"] + 1
            and box["y"] + box["height"] <= size["height"] + 1)


def test_presenter_reads_from_the_back_and_follows_a_clickers_keys(page, voila_presenter):
    view = _open(page, voila_presenter, 1920, 1080)
    readable = {
        "exercise": view.locator("h3").first,
        "step": view.get_by_text("Step 1 of 4").first,
        "step text": view.locator(".widget-html-content p b").first,
        "set to call out": view.locator(".hipkit-now .widget-html-content").first,
        "Next": view.locator("button.hipkit-next"),
        "Done": view.locator("button.hipkit-done"),
    }
    sizes = {name: _font_px(locator) for name, locator in readable.items()}
    assert min(sizes.values()) >= ROOM_TYPE_PX, sizes
    figure = view.locator(".hipkit-movement img").first
    assert figure.get_attribute("alt").startswith("Drawing of side lying hip circles, step 1")
    assert figure.evaluate("img => img.naturalWidth") >= 1900  # drawn for a full HD screen
    assert figure.bounding_box()["width"] >= 900  # and shown big
    for name in ("Next", "Done", "step text"):
        assert _on_screen(page, readable[name]), name
    assert _on_screen(page, figure)
    page.screenshot(path=str(SCREENSHOTS / "presenter-1920x1080.png"))

    page.keyboard.press("ArrowRight")
    expect(view).to_contain_text("Step 2 of 4")
    page.keyboard.press("PageDown")
    expect(view).to_contain_text("Step 3 of 4")
    page.keyboard.press("PageUp")
    expect(view).to_contain_text("Step 2 of 4")
    page.keyboard.press("ArrowLeft")
    expect(view).to_contain_text("Step 1 of 4")
    page.keyboard.press(" ")
    expect(view).to_contain_text("1 of 12 blocks done")
    page.keyboard.press(" ")  # the set is over: the rest counts down, large
    rest = view.locator(".hipkit-rest .widget-html-content")
    expect(rest).to_contain_text("s left")
    assert _font_px(rest) >= 2 * ROOM_TYPE_PX
    expect(view.locator("button.hipkit-skip-rest")).to_be_focused()
    page.screenshot(path=str(SCREENSHOTS / "presenter-1920x1080-rest.png"))

    assert serious(violations(page, ".hipkit-presenter")) == []


def test_presenter_fits_a_laptop_screen(page, voila_presenter):
    view = _open(page, voila_presenter, 1366, 768)
    figure = view.locator(".hipkit-movement img").first
    for locator in (view.locator("button.hipkit-next"), view.locator("button.hipkit-done"),
                    figure, view.locator(".hipkit-now")):
        assert _on_screen(page, locator)
    assert _font_px(view.locator("button.hipkit-next")) >= ROOM_TYPE_PX
    page.screenshot(path=str(SCREENSHOTS / "presenter-1366x768.png"))
