"""Lesson 06 runs in real JupyterLab: its charts render and a self-check answers a click."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.lab_driver import (
    SCREENSHOTS,
    cell_errors,
    open_and_run_all,
    screenshot,
    widget_failures,
)

pytestmark = pytest.mark.browser

LESSON = "06_hip_work_and_running.ipynb"
# A chart (an <img alt> from hipkit.compact_figures) that has loaded and has a size: the
# browser really drew the figure.
CHART = '.jp-OutputArea-output img[alt^="Chart"]'
FIGURE_SIZES = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img[alt^="Chart"]'))
    .filter(img => img.complete)
    .map(img => [img.naturalWidth, img.naturalHeight])"""


def test_runs_lesson_draws_its_charts(page, lab):
    open_and_run_all(page, lab.lab_url(LESSON))
    assert cell_errors(page) == []
    assert widget_failures(page) == 0
    sizes = page.evaluate(FIGURE_SIZES)
    # Three charts: weekly runs beside hip sessions, the load chart, the coach's grid.
    assert len(sizes) == 3
    assert all(width >= 600 and height >= 300 for width, height in sizes)
    weekly_chart = page.locator(CHART).first
    weekly_chart.scroll_into_view_if_needed()
    expect(weekly_chart).to_be_visible()
    screenshot(page, SCREENSHOTS, "06_hip_work_and_running-weekly")

    check = page.locator(".widget-vbox").filter(has_text="two columns called Distance").first
    check.get_by_text("the one in metres, told apart from the display one by its values").click()
    check.locator("button[title='Check']").click()
    expect(check).to_contain_text("Right.")
