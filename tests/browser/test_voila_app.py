"""The walkthrough runs as a Voilà app a coach can project."""

import pytest
from playwright.sync_api import expect

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
