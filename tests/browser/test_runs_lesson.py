"""Lessons 06 and 07 run in real JupyterLab: their charts render, a self-check answers a
click, and the load chart's legend carries the "not scored" count."""

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

RUNS_LESSON = "06_reading_your_runs.ipynb"
LOAD_LESSON = "07_load_picture.ipynb"
# A chart (an <img alt> from hipkit.compact_figures) that has loaded and has a size: the
# browser really drew the figure.
CHART = '.jp-OutputArea-output img[alt^="Chart"]'
FIGURES = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img[alt^="Chart"]'))
    .filter(img => img.complete)
    .map(img => [img.naturalWidth, img.naturalHeight, img.alt])"""


def test_runs_lesson_draws_its_charts(page, lab):
    open_and_run_all(page, lab.lab_url(RUNS_LESSON))
    assert cell_errors(page) == []
    assert widget_failures(page) == 0
    figures = page.evaluate(FIGURES)
    # Two charts: weekly runs beside hip sessions, the coach's grid.
    assert len(figures) == 2
    assert all(width >= 600 and height >= 300 for width, height, _ in figures)
    weekly_chart = page.locator(CHART).first
    weekly_chart.scroll_into_view_if_needed()
    expect(weekly_chart).to_be_visible()
    screenshot(page, SCREENSHOTS, "06_reading_your_runs-weekly")

    check = page.locator(".widget-vbox").filter(has_text="27 km").first
    check.get_by_text("over 30 %: no overall difference", exact=False).click()
    check.locator("button[title='Check']").click()
    expect(check).to_contain_text("Right.")


def test_load_lesson_draws_one_unit_per_chart_and_the_plan_ahead(page, lab):
    open_and_run_all(page, lab.lab_url(LOAD_LESSON))
    assert cell_errors(page) == []
    assert widget_failures(page) == 0
    figures = page.evaluate(FIGURES)
    # The two series (one panel each) in one figure, then the plan ahead.
    assert len(figures) == 2
    assert all(width >= 600 and height >= 300 for width, height, _ in figures)
    series, ahead = (alt for _, _, alt in figures)
    assert "one unit: session-RPE" in series and "one unit: TRIMP (heart rate)" in series
    assert "The plan ahead (session-RPE)" in ahead
    load_chart = page.locator(CHART).first
    load_chart.scroll_into_view_if_needed()
    expect(load_chart).to_be_visible()
    screenshot(page, SCREENSHOTS, "07_load_picture-series")
    ahead_chart = page.locator(CHART).nth(1)
    ahead_chart.scroll_into_view_if_needed()
    expect(ahead_chart).to_be_visible()
    screenshot(page, SCREENSHOTS, "07_load_picture-plan-ahead")
    expect(page.locator(".jp-OutputArea-output").filter(
        has_text="Not scored: 1 session (1 run): missing, not 0.").first).to_be_visible()
    expect(page.locator(".jp-OutputArea-output").filter(
        has_text="hip_plan.ics holds 18 sessions").first).to_be_visible()

    check = page.locator(".widget-vbox").filter(has_text="heart-rate reserve").first
    check.get_by_text("60 %", exact=True).click()
    check.locator("button[title='Check']").click()
    expect(check).to_contain_text("Right.")
