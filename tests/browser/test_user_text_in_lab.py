"""Runner names and notes holding HTML or script are shown as text, never run.

The log and workshop lessons are run in JupyterLab on logs whose runner name and notes
carry an image tag with an ``onerror`` handler; had any of it reached the page as
markup, the handler would set a flag on the window.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from hipkit.library import data_root
from hipkit.log_writer import append_entries, write_log
from hipkit.training_log import read_log
from playwright.sync_api import expect

from tests.browser.lab_driver import SCREENSHOTS, cell_errors, open_and_run_all, screenshot

pytestmark = pytest.mark.browser

ATTACK = '<img src=x onerror="window.__hipkit_injected = 1">'
FLAG = "() => window.__hipkit_injected === undefined"
AS_OF = dt.date(2026, 3, 6)  # the workshop lesson's fixed date


def _entry(day: str) -> dict:
    return {"date": day, "runner": "Alex (fictional)", "exercise": "Single-leg bridge",
            "side": "left", "sets": 2, "reps": 15, "rpe": 5, "pain": 0,
            "notes": "note " + ATTACK}


def _lesson_on(lab, lesson: str, old: str, new: str) -> str:
    """Copy a served lesson with its data path swapped; return the copy's name."""
    notebook = json.loads((lab.root / lesson).read_text(encoding="utf-8"))
    swapped = 0
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and old in source:
            cell["source"] = source.replace(old, new)
            swapped += 1
    assert swapped, f"{lesson} no longer reads {old}"
    name = "injected_" + lesson
    (lab.root / name).write_text(json.dumps(notebook), encoding="utf-8")
    return name


def _assert_shown_as_text(page) -> None:
    assert cell_errors(page) == []
    assert page.evaluate(FLAG), "an onerror handler from user text ran"
    expect(page.get_by_text("onerror=", exact=False).first).to_be_visible()
    assert page.locator(".jp-OutputArea img[src='x']").count() == 0


def test_log_lesson_shows_html_in_notes_as_text(page, lab):
    log = lab.root / "injected_log.csv"
    shutil.copy(data_root() / "sample_log.csv", log)
    append_entries(log, [_entry("2025-10-31")], today=dt.date(2025, 11, 1))
    lesson = _lesson_on(lab, "04_training_log.ipynb", 'data_root() / "sample_log.csv"',
                        '"injected_log.csv"')
    open_and_run_all(page, lab.lab_url(lesson))
    page.get_by_text("note <img src=x", exact=False).first.scroll_into_view_if_needed()
    _assert_shown_as_text(page)
    screenshot(page, SCREENSHOTS, "injected-log-lesson")


def test_workshop_dashboard_shows_html_in_names_and_notes_as_text(page, lab):
    group = lab.root / "injected_group"
    shutil.copytree(data_root() / "sample_group", group)
    # Rename a runner the lesson's own checks do not mention, and give her a note.
    path = group / "hana_kobayashi.csv"
    log = read_log(path, today=AS_OF)
    log["runner"] = ATTACK
    log.loc[log.index[-1], "notes"] = "note " + ATTACK
    write_log(log, path)
    lesson = _lesson_on(lab, "05_coach_workshop.ipynb", 'data_root() / "sample_group"',
                        '"injected_group"')
    open_and_run_all(page, lab.lab_url(lesson))
    page.locator("table.hipkit-flags").first.scroll_into_view_if_needed()
    _assert_shown_as_text(page)
    expect(page.locator("table.hipkit-flags").first).to_contain_text(ATTACK)
    screenshot(page, SCREENSHOTS, "injected-workshop-dashboard")
