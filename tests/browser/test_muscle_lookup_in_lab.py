"""The muscle lookup of lesson 03 answers clicks in real JupyterLab."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.lab_driver import SCREENSHOTS, open_and_run_all

pytestmark = pytest.mark.browser


def test_muscle_lookup_answers_clicks(page, lab):
    open_and_run_all(page, lab.lab_url("03_muscles_targeted.ipynb"))
    lookup = page.locator(".widget-vbox").filter(
        has=page.locator("button[title='By exercise']")).first
    lookup.scroll_into_view_if_needed()
    expect(lookup).to_contain_text("Single-leg bridge")  # first for the gluteus maximus
    lookup.locator("select").select_option(label="Hamstrings")
    table = lookup.locator("table").first
    expect(table).to_contain_text("Glute-switch bridge hold")
    expect(table).not_to_contain_text("Side-lying hip circles")
    expect(table).to_contain_text("not measured")
    lookup.locator("button[title='By exercise']").click()
    lookup.locator("select").select_option(label="Glute-switch bridge hold")
    expect(table).to_contain_text("For a runner")
    expect(table).to_contain_text("14.7–28 %MVIC")
    image = lookup.locator("img").first
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") > 300
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    lookup.screenshot(path=str(SCREENSHOTS / "03_muscle_lookup.png"))
