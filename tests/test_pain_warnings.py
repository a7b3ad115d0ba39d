"""Pain acted on: the form warns and still saves, the log keeps the warning, the coach
sees it; the rule itself on edge cases; the form's view with values it does not list."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from hipkit.coach.dashboard_page import Dashboard
from hipkit.coach.group import load_group
from hipkit.errors import DataFileError
from hipkit.exercises.progression import build_plan
from hipkit.exercises.progression_rules import load_progression
from hipkit.log.pain_warnings import earlier_pain, logged_warnings, pain_warning
from hipkit.log.reading import read_log
from hipkit.views.log_form import LogForm
from hipkit.views.log_form_view import LogFormView

MONDAY = dt.date(2026, 3, 2)


def _form(folder, today=MONDAY, **kwargs):
    folder.mkdir(exist_ok=True)
    return LogFormView(LogForm(folder / "jo.csv", today=today, **kwargs))


def _log_bridge(view, day, pain, side="left"):
    view.inputs["date"].value = day
    view.inputs["exercise"].value = "single_leg_bridge"
    view.inputs["side"].value = side
    view.inputs["sets"].value, view.inputs["reps"].value = 2, 15
    view.inputs["rpe"].value = 5
    view.inputs["pain"].value = pain
    view.save_button.click()


def _dashboard_flags(folder, as_of):
    group = load_group(folder, as_of=as_of)
    return Dashboard(group, build_plan(MONDAY), as_of).flags_html()


def test_pain_8_is_saved_with_a_warning_shown_logged_and_on_the_dashboard(tmp_path):
    club = tmp_path / "club"
    view = _form(club)
    _log_bridge(view, MONDAY, 8)
    form = view.form
    assert form.saved == 1 and form.message.startswith("Saved: Single-leg bridge, left")
    assert "Pain 8/10 in Single-leg bridge is at or above 6/10" in form.warning
    assert "Stop this exercise for today" in form.warning
    assert "see a physiotherapist or doctor" in form.warning
    # The view shows it as an alert, escaped, and visible.
    assert view.warning.layout.display is None
    assert 'role="alert"' in view.warning.value and "Pain 8/10" in view.warning.value
    log = read_log(form.path, today=MONDAY)
    assert log["pain"].tolist() == [8.0] and log["pain_warning"].astype(str).tolist() == ["high"]
    assert "pain warning 2 Mar: high (Single-leg bridge, 8/10)" in _dashboard_flags(club, MONDAY)


def test_a_rising_run_of_pain_warns_at_the_third_session_only(tmp_path):
    club = tmp_path / "club"
    view = _form(club, today=MONDAY + dt.timedelta(days=4))
    for offset, pain in ((0, 1), (2, 2)):
        _log_bridge(view, MONDAY + dt.timedelta(days=offset), pain)
        assert view.form.warning == "" and view.warning.layout.display == "none"
    _log_bridge(view, MONDAY + dt.timedelta(days=4), 3)
    assert view.form.saved == 3
    assert ("Your pain in Single-leg bridge has gone up over your last 3 sessions "
            "(1, 2, 3 out of 10)") in view.form.warning
    assert "Stop this exercise for today" in view.warning.value
    log = read_log(view.form.path, today=MONDAY + dt.timedelta(days=4))
    assert log["pain_warning"].astype("string").fillna("").tolist() == ["", "", "rising"]
    flags = _dashboard_flags(club, MONDAY + dt.timedelta(days=4))
    assert "pain warning 6 Mar: rising (Single-leg bridge, 3/10)" in flags


def test_the_next_entry_without_pain_clears_the_warning(tmp_path):
    view = _form(tmp_path / "club")
    _log_bridge(view, MONDAY, 9)
    assert view.form.warning
    _log_bridge(view, MONDAY, 0, side="right")
    assert view.form.saved == 2 and view.form.warning == ""
    assert view.warning.value == "" and view.warning.layout.display == "none"


def test_an_older_log_without_the_column_still_gets_the_entry(tmp_path):
    club = tmp_path / "club"
    club.mkdir()
    (club / "jo.csv").write_text("date,exercise,side,sets,reps,rpe,pain\n"
                                 "2026-03-01,Single-leg bridge,left,2,15,5,0\n")
    view = _form(club)
    _log_bridge(view, MONDAY, 7)
    assert view.form.saved == 1
    assert "has no pain_warning column" in view.form.warning
    last = (club / "jo.csv").read_text().splitlines()[-1]
    assert last == "2026-03-02,Single-leg bridge,left,2,15,5,7"
    # The dashboard works the warning out from the pain score.
    assert "pain warning 2 Mar: high (Single-leg bridge, 7/10)" in _dashboard_flags(club, MONDAY)


def test_a_warning_the_log_holds_that_the_rule_would_not_give_is_still_shown():
    log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"]),
                        "exercise_id": ["single_leg_bridge"], "side": ["left"],
                        "pain": [2.0], "pain_warning": ["high"]})
    assert logged_warnings(log)["pain_warning"].tolist() == ["high"]


@pytest.mark.parametrize(("earlier", "pain", "expected"), [
    ([], 6, "high"), ([], 5, None), ([4, 5], 5.5, "rising"), ([0, 0], 1, None),
    ([1, 1], 2, None), ([0, 2], 1, None), ([5], 6, "high"), ([2, 4], 6, "high and rising"),
    ([0, 1], None, None), ([3, 0, 1], 2, "rising"),
])
def test_the_rule(earlier, pain, expected):
    assert pain_warning(earlier, pain) == expected


def test_limits_are_read_from_the_pack_and_checked(fixture_pack):
    path = fixture_pack / "progression.toml"
    text = path.read_text()
    path.write_text(text.replace("warn_at = 6", "warn_at = 11"))
    with pytest.raises(DataFileError, match=r"pain\.warn_at.*from 1 to 10"):
        load_progression(fixture_pack)
    path.write_text(text.replace("warn_at = 6", "warn_at = 4"))
    assert pain_warning([], 4, data_dir=fixture_pack) == "high"
    path.write_text(text.replace("[pain]\nwarn_at = 6\nrising_sessions = 3\n", ""))
    with pytest.raises(DataFileError, match="pain"):
        load_progression(fixture_pack)


@pytest.mark.parametrize(("field", "value", "error"), [
    ("pain", 7.5, None), ("rpe", 4.5, None), ("band", "purple", "band"),
    ("exercise", "hip_thrust", "exercise"), ("side", "middle", "side"),
])
def test_the_view_shows_a_value_its_dropdown_does_not_list(tmp_path, field, value, error):
    form = LogForm(tmp_path / "log.csv", today=MONDAY)
    form.values[field] = value
    view = LogFormView(form)  # raised TraitError before
    assert view.inputs[field].value == value
    assert f"{value} (not a choice)" in [label for label, _ in view.inputs[field].options]
    view.save_button.click()
    if error is None:
        assert form.saved == 1
    else:
        assert form.saved == 0 and error in form.errors


@pytest.mark.parametrize("seed", range(5))
def test_the_whole_log_pass_agrees_with_the_form_row_by_row(seed):
    rng = np.random.default_rng(seed)
    days = pd.date_range("2026-01-05", periods=40, freq="2D")
    rows = pd.DataFrame({
        "date": rng.choice(days, 120), "side": rng.choice(["left", "right"], 120),
        "exercise_id": rng.choice(["single_leg_bridge", "side_lying_hip_circles"], 120),
        "pain": pd.array(rng.choice([0, 1, 2, 3, 4, 6, 7, np.nan], 120), dtype="Float64")})
    rows = rows.sort_values("date", kind="stable").reset_index(drop=True)
    by_form = [pain_warning(earlier_pain(rows, r.exercise_id, r.date), r.pain)
               for r in rows.itertuples()]
    found = logged_warnings(rows)
    expected = [(r.date, r.exercise_id, r.side, w)
                for r, w in zip(rows.itertuples(), by_form, strict=True) if w]
    assert list(found[["date", "exercise_id", "side", "pain_warning"]].itertuples(
        index=False, name=None)) == expected
    assert len(expected) > 5


def test_runners_in_one_pass_are_never_compared_with_each_other():
    one = pd.DataFrame({"runner": ["Jo", "Jo", "Max"], "exercise_id": ["single_leg_bridge"] * 3,
                        "date": pd.to_datetime(["2026-03-02", "2026-03-04", "2026-03-06"]),
                        "side": ["left"] * 3, "pain": [1.0, 2.0, 3.0]})
    assert logged_warnings(one, by=["runner"]).empty
    assert logged_warnings(one.assign(runner="Jo"), by=["runner"])["pain"].tolist() == [3.0]
