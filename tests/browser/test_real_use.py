"""Used for real: a runner's own log survives a restart, a double click saves once, and a
coach runs the workshop app in Voilà on a folder chosen in the app."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from hipkit.training_log import read_log
from playwright.sync_api import expect
from pypdf import PdfReader

from hipkit import settings
from tests.browser.conftest import voila_app
from tests.browser.lab_driver import (
    ALL_CELLS_RUN,
    CURRENT_NOTEBOOK,
    KERNEL_IDLE,
    SCREENSHOTS,
    cell_errors,
    open_and_run_all,
    screenshot,
)

pytestmark = pytest.mark.browser

TODAY = settings.today()  # what the servers' kernels see: the test run pins it


def _my_log() -> list:
    path = settings.my_log_path()
    return read_log(path, today=TODAY).to_dict("records") if path.exists() else []


def _runner_form(page):
    return page.locator(".widget-vbox").filter(has_text="Log file").filter(
        has=page.locator("button[title='Save entry']")).first


def _restart_and_run_all(page) -> None:
    page.evaluate(f"() => {CURRENT_NOTEBOOK}.sessionContext.session.kernel.restart()")
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)
    page.evaluate("() => window.jupyterapp.commands.execute("
                  "'notebook:clear-all-cell-outputs')")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(ALL_CELLS_RUN, timeout=240_000, polling=500)


def test_runner_logs_today_and_finds_it_after_a_restart(page, lab):
    before = len(_my_log())
    open_and_run_all(page, lab.lab_url("04_training_log.ipynb"))
    assert cell_errors(page) == []
    form = _runner_form(page)
    form.scroll_into_view_if_needed()
    expect(form.locator("input[type='date']").first).to_have_value(TODAY.isoformat())
    reps = form.locator(".widget-inline-hbox").filter(has_text="Reps").locator("input")
    reps.fill("13")
    reps.press("Tab")
    form.locator("button[title='Save entry']").click()
    expect(form).to_contain_text("Saved: Side-lying hip circles, both, 3 x 13 on", timeout=30_000)
    log = _my_log()
    assert len(log) == before + 1 and log[-1]["reps"] == 13
    assert log[-1]["date"].date() == TODAY
    screenshot(page, SCREENSHOTS, "04-runner-saved")

    _restart_and_run_all(page)
    form = _runner_form(page)
    form.scroll_into_view_if_needed()
    expect(form).to_contain_text(f"holds {before + 1} entr")
    expect(form).to_contain_text("the last: Side-lying hip circles, both, 3 x 13 on "
                                 f"{TODAY.day} {TODAY:%b %Y}")
    expect(form.locator(".widget-image")).to_be_visible()  # the weeks chart of their log
    screenshot(page, SCREENSHOTS, "04-runner-after-restart")


def test_a_double_click_on_save_saves_once(page, lab):
    open_and_run_all(page, lab.lab_url("04_training_log.ipynb"))
    before = len(_my_log())
    form = _runner_form(page)
    form.scroll_into_view_if_needed()
    notes = form.locator(".widget-textarea textarea")
    notes.fill("double click test")
    notes.press("Tab")
    save = form.locator("button[title='Save entry']")
    save.dblclick()
    # The second click meets a disabled button, a save still running, or a question.
    expect(form).to_contain_text(re.compile(r"Saved: Side-lying hip circles|Still saving|"
                                            r"Nothing changed since you saved"), timeout=30_000)
    page.wait_for_timeout(3000)
    assert len(_my_log()) == before + 1
    save.click()  # the untouched form again: it asks first
    expect(form).to_contain_text("Press “Yes, save it”", timeout=30_000)
    expect(form.locator("button[title='Yes, save it']")).to_be_visible()
    assert len(_my_log()) == before + 1
    screenshot(page, SCREENSHOTS, "04-double-click")
    form.locator("button[title='Undo last entry']").click()
    expect(form).to_contain_text("Undone:", timeout=30_000)
    assert len(_my_log()) == before


def test_pain_8_is_saved_and_the_form_shows_what_to_do(page, lab):
    open_and_run_all(page, lab.lab_url("04_training_log.ipynb"))
    before = len(_my_log())
    form = _runner_form(page)
    form.scroll_into_view_if_needed()
    form.locator(".widget-dropdown").filter(has_text="Pain 0-10").locator(
        "select").select_option(label="8")
    form.locator("button[title='Save entry']").click()
    expect(form).to_contain_text("Saved: Side-lying hip circles", timeout=30_000)
    alert = form.locator("[role='alert']")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Pain warning. Pain 8/10 in Side-lying hip circles is at "
                                  "or above 6/10. Stop this exercise for today")
    expect(alert).to_contain_text("see a physiotherapist or doctor")
    log = _my_log()
    assert len(log) == before + 1 and log[-1]["pain"] == 8
    assert log[-1]["pain_warning"] == "high"
    alert.scroll_into_view_if_needed()
    screenshot(page, SCREENSHOTS, "04-pain-warning")
    form.locator("button[title='Undo last entry']").click()
    expect(form).to_contain_text("Undone:", timeout=30_000)
    expect(alert).to_be_hidden()


@pytest.fixture(scope="module")
def voila_coach_app(tmp_path_factory: pytest.TempPathFactory):
    """URL of the coach's app served by Voilà."""
    with voila_app(tmp_path_factory, "coach_app.ipynb") as url:
        yield url


def test_coach_app_loads_a_chosen_folder_and_downloads_a_handout(page, voila_coach_app,
                                                                 tmp_path):
    folder = tmp_path / "my club"
    folder.mkdir()
    header = "date,runner,exercise,side,sets,reps\n"
    monday = TODAY - dt.timedelta(days=TODAY.weekday() + 7)
    (folder / "ana.csv").write_text(header + f"{monday},Ana Souza,Single-leg bridge,left,2,15\n")
    (folder / "ben.csv").write_text(header + f"{monday},Ben Achterberg,Single-leg bridge,"
                                    "both,2,15\n")
    page.goto(voila_coach_app)
    logs = page.locator(".widget-text").filter(has_text="Logs folder").locator("input")
    expect(logs).to_have_value(str(settings.home() / "group_logs"), timeout=120_000)
    logs.fill(str(folder))
    logs.press("Enter")
    page.locator("button[title='Show dashboard']").click()
    expect(page.get_by_text("2 runners loaded from")).to_be_visible(timeout=60_000)
    expect(page.locator("table.hipkit-flags")).to_contain_text("Ben Achterberg")
    expect(page.locator(".widget-image").first).to_be_visible()
    page.locator("button[title='Write every handout']").click()
    expect(page.get_by_text("Wrote 2 handouts in")).to_be_visible(timeout=120_000)
    link = page.locator("a[download='ana_souza.pdf']")
    expect(link).to_be_visible()
    screenshot(page, SCREENSHOTS, "coach-app-handouts")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "ana_souza.pdf"
    saved = tmp_path / "downloaded.pdf"
    download.save_as(saved)
    reader = PdfReader(saved)
    assert len(reader.pages) >= 3 and "Ana Souza" in reader.pages[0].extract_text()
    written = settings.home() / "handouts" / TODAY.isoformat() / "ana_souza.pdf"
    assert written.exists() and written.read_bytes() == saved.read_bytes()
    assert os.path.getsize(settings.home() / "handouts" / TODAY.isoformat()
                           / "all_handouts.zip") > 0
    expect(page.get_by_text(str(written))).to_be_visible()


@pytest.mark.parametrize("lesson", ["04_training_log.ipynb", "05_coach_workshop.ipynb",
                                    "coach_app.ipynb"])
def test_lesson_reads_well_before_it_runs(page, lab, lesson):
    page.goto(lab.lab_url(lesson))
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)
    outputs = page.locator(".jp-OutputArea-output")
    expect(outputs.first).to_be_visible()
    text = " ".join(outputs.all_inner_texts())
    assert "children=" not in text and "VBox(" not in text and "NaN" not in text
    screenshot(page, SCREENSHOTS, lesson.removesuffix(".ipynb") + "-first-open")
