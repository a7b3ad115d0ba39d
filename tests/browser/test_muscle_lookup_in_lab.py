"""The muscle lookup of lesson 03 answers clicks in real JupyterLab."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.lab_driver import SCREENSHOTS, open_and_run_all

pytestmark = pytest.mark.browser


def test_muscle_lookup_answers_clicks(page, lab):
    open_and_run_all(page, lab.lab_url("03_muscles_targeted.ipynb"))
    lookup = page.locator(".widget-vbox").filter(
        has=page.locator(".widget-toggle-buttons")).first
    lookup.scroll_into_view_if_needed()
    expect(lookup).to_contain_text("Single-leg bridge")  # first for the gluteus maximus
    lookup.locator("select").select_option(label="Hamstrings")
    table = lookup.locator("table").first
    expect(table).to_contain_text("Glute-switch bridge hold")
    expect(table).not_to_contain_text("Side-lying hip circles")
    expect(table).to_contain_text("not measured")
    expect(lookup).to_contain_text("Showing: Where to find the hamstrings")
    image = lookup.locator("img").first
    muscle_map = image.get_attribute("src")
    lookup.locator("button", has_text="By exercise").click()
    expect(lookup).to_contain_text("Showing: Muscles worked: Side-lying hip circles")
    lookup.locator("select").select_option(label="Glute-switch bridge hold")
    expect(table).to_contain_text("For a runner")
    expect(table).to_contain_text("14.7–28 %MVIC")
    # The status line is set after the picture, so the exercise's map has arrived.
    expect(lookup).to_contain_text("Showing: Muscles worked: Glute-switch bridge hold")
    expect(image).not_to_have_attribute("src", muscle_map)
    page.wait_for_function("img => img.complete && img.naturalWidth > 300",
                           arg=image.element_handle())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    lookup.screenshot(path=str(SCREENSHOTS / "03_muscle_lookup.png"))
    lookup.locator("select").select_option(label="Standing banded hip abduction")
    expect(lookup).to_contain_text("Showing: Muscles worked: Standing banded hip abduction")
    # the standing leg's figure is its own, apart from the kicking leg's
    expect(table).to_contain_text("working leg 24.7 %MVIC; standing leg 34.5 %MVIC")
