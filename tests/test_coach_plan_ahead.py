"""The coach app's plan-ahead view, driven as a coach would: folders typed, a runner
picked, the chart drawn, the runner's calendar offered (read back with icalendar)."""

from __future__ import annotations

import base64
import datetime as dt
import re

import icalendar
import pandas as pd
import pytest

from hipkit import settings
from hipkit.coach.plan_ahead import CALENDAR_FOLDER, PlanAhead, PlanAheadView
from hipkit.exercises.data_files import data_root
from hipkit.exercises.progression import build_plan
from hipkit.runs.activities import sample_runs_path

AS_OF = dt.date(2026, 3, 6)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HIPKIT_HOME", str(tmp_path))
    return tmp_path


def sample(**options) -> PlanAhead:
    return PlanAhead(data_root() / "sample_group", sample_runs_path() / "group",
                     as_of=AS_OF, **options)


def test_plan_ahead_pairs_runners_and_writes_the_sessions_still_ahead(home):
    state = sample(minutes_per_rep=0.09)
    assert state.load()
    assert sorted(state.pairs) == ["Ana Souza", "Eli Novak", "Gus Lindqvist", "Tom Brennan"]
    assert state.show("Ana Souza")
    assert state.png.startswith(b"\x89PNG")
    assert state.calendar == home / CALENDAR_FOLDER / "2026-03-06" / "ana_souza.ics"
    events = list(icalendar.Calendar.from_ical(state.calendar.read_bytes()).walk("VEVENT"))
    plan = build_plan("2026-02-02", runner="Ana Souza")
    left = plan[plan["date"] > pd.Timestamp(AS_OF)]
    assert len(events) == left["session"].nunique() > 0
    assert all(event.decoded("DTSTART").date() > AS_OF for event in events)
    # The sample group's logs carry no durations and its runs no effort: all unscored,
    # and the message says so rather than drawing zeros.
    assert "Not scored: " in state.message and "missing, not 0." in state.message
    assert "minutes per repetition: 0.09, as given" in state.message


def test_plan_ahead_asks_for_minutes_when_the_log_has_none(home):
    state = sample()
    assert state.load()
    assert not state.show("Ana Souza")
    assert "Enter the minutes per repetition" in state.message
    assert state.png is None and state.calendar is None


def test_plan_ahead_names_a_missing_folder(home, tmp_path):
    state = PlanAhead(data_root() / "sample_group", tmp_path / "nowhere", as_of=AS_OF)
    assert not state.load()
    assert state.message == (f"There is no folder {tmp_path / 'nowhere'}: type the folder "
                             "of the run exports.")


def test_the_view_lists_runners_then_draws_the_chosen_one(home):
    view = PlanAheadView(PlanAhead(as_of=AS_OF))
    assert view.logs.value == str(settings.home() / "group_logs")
    assert view.runner.disabled and view.show_button.disabled
    view.logs.value = str(data_root() / "sample_group")
    view.runs.value = str(sample_runs_path() / "group")
    view.find_button.click()
    assert list(view.runner.options) == ["Ana Souza", "Eli Novak", "Gus Lindqvist",
                                         "Tom Brennan"]
    assert not view.show_button.disabled
    assert "4 of 11 runners have runs to show." in view.status.value
    view.runner.value = "Tom Brennan"
    view.minutes_per_rep.value = 0.1
    view.show_button.click()
    assert view.chart.layout.display is None and bytes(view.chart.value).startswith(b"\x89PNG")
    link = re.search(r'download="([^"]+)" href="data:application/octet-stream;base64,'
                     r'([^"]+)"', view.download.value)
    assert link.group(1) == "tom_brennan.ics"
    calendar = icalendar.Calendar.from_ical(base64.b64decode(link.group(2)))
    assert "Tom Brennan" in str(next(iter(calendar.walk("VEVENT")))["SUMMARY"])


def test_the_view_escapes_what_it_says(home, tmp_path):
    odd = tmp_path / "<b>logs</b>"
    view = PlanAheadView(PlanAhead(odd, tmp_path, as_of=AS_OF))
    view.find_button.click()
    assert "&lt;b&gt;logs&lt;/b&gt;" in view.status.value and "<b>" not in view.status.value
    assert view.runner.disabled
