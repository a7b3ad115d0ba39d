"""Lessons 06 and 07 run in real JupyterLab: their charts render, a self-check answers a
click, and the load chart's legend carries the "not scored" count; the coach app's
plan-ahead view draws a runner's curve in Voilà and offers the calendar."""

from __future__ import annotations

import pytest
from hipkit.activities import sample_runs_path
from hipkit.library import data_root
from playwright.sync_api import expect

from tests.browser.conftest import voila_app
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


def run_and_measure(page, lab, lesson: str) -> list:
    """Run every cell of ``lesson``; return each drawn chart's [width, height, alt]."""
    open_and_run_all(page, lab.lab_url(lesson))
    assert cell_errors(page) == []
    assert widget_failures(page) == 0
    figures = page.evaluate(FIGURES)
    assert all(width >= 600 and height >= 300 for width, height, _ in figures)
    return figures


def test_runs_lesson_draws_its_charts(page, lab):
    figures = run_and_measure(page, lab, RUNS_LESSON)
    # Two charts: weekly runs beside hip sessions, the coach's grid.
    assert len(figures) == 2
    weekly_chart = page.locator(CHART).first
    weekly_chart.scroll_into_view_if_needed()
    expect(weekly_chart).to_be_visible()
    screenshot(page, SCREENSHOTS, "06_reading_your_runs-weekly")

    check = page.locator(".widget-vbox").filter(has_text="27 km").first
    check.get_by_text("over 30 %: no overall difference", exact=False).click()
    check.locator("button[title='Check']").click()
    expect(check).to_contain_text("Right.")


def test_load_lesson_draws_one_unit_per_chart_and_the_plan_ahead(page, lab):
    figures = run_and_measure(page, lab, LOAD_LESSON)
    # The two series (one panel each) in one figure, then the plan ahead.
    assert len(figures) == 2
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


@pytest.fixture(scope="module")
def voila_coach_app(tmp_path_factory: pytest.TempPathFactory):
    """URL of the coach's app served by Voilà."""
    with voila_app(tmp_path_factory, "coach_app.ipynb") as url:
        yield url


def test_coach_app_shows_a_runners_plan_ahead_and_offers_the_calendar(page, voila_coach_app):
    page.goto(voila_coach_app)
    logs = page.locator(".widget-text").filter(has_text="Group's logs").locator("input")
    expect(logs).to_be_visible(timeout=120_000)
    logs.fill(str(data_root() / "sample_group"))
    runs = page.locator(".widget-text").filter(has_text="Run exports").locator("input")
    runs.fill(str(sample_runs_path() / "group"))
    runs.press("Enter")
    page.locator(".widget-text").filter(has_text="Minutes per repetition").locator(
        "input").fill("0.09")
    page.locator("button[title='Find runners with runs']").click()
    expect(page.get_by_text("4 of 11 runners have runs to show.")).to_be_visible(
        timeout=60_000)
    page.locator(".widget-dropdown select").last.select_option("Gus Lindqvist")
    page.locator("button[title='Show the plan ahead']").click()
    link = page.locator("a[download='gus_lindqvist.ics']")
    expect(link).to_be_visible(timeout=60_000)
    chart = page.locator(".widget-image").last
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["width"] >= 600 and box["height"] >= 250
    chart.scroll_into_view_if_needed()
    screenshot(page, SCREENSHOTS, "coach-app-plan-ahead")
    expect(page.get_by_text("Not scored:", exact=False)).to_be_visible()
