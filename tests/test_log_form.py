"""The log form: driven through its state object and through the widgets."""

import datetime as dt

import pytest

from hipkit.log_form import LogForm, LogFormView
from hipkit.training_log import read_log

TODAY = dt.date(2026, 3, 4)


@pytest.fixture
def view(tmp_path):
    return LogFormView(LogForm(tmp_path / "log.csv", today=TODAY))


def test_form_starts_on_the_first_exercise_and_its_dosage(view):
    assert view.inputs["exercise"].value == "side_lying_hip_circles"
    assert (view.inputs["sets"].value, view.inputs["reps"].value) == (3, 10)
    assert view.inputs["date"].value == TODAY


def test_saving_through_the_widgets_appends_the_entry(view):
    view.inputs["exercise"].value = "single_leg_bridge"
    view.inputs["side"].value = "left"
    view.inputs["sets"].value = 2
    view.inputs["reps"].value = 15
    view.inputs["rpe"].value = 6
    view.inputs["duration_min"].value = "7,5"
    view.inputs["notes"].value = "=felt easy"
    view.save_button.click()
    assert view.form.saved == 1 and view.form.errors == {}
    log = read_log(view.form.path, today=TODAY)
    assert log.loc[0, ["exercise_id", "side", "sets", "reps", "rpe"]].tolist() == [
        "single_leg_bridge", "left", 2, 15, 6.0]
    assert log.loc[0, "notes"] == "=felt easy"
    assert "'=felt easy" in view.form.path.read_text()
    assert view.status.value == "Saved: Single-leg bridge, left, 2 x 15 on 4 Mar 2026."


def test_errors_show_next_to_their_fields_and_nothing_is_written(view):
    view.inputs["reps"].value = -3
    view.inputs["date"].value = dt.date(2026, 3, 9)
    view.inputs["duration_min"].value = "<b>ten</b>"
    view.save_button.click()
    assert view.form.saved == 0 and not view.form.path.exists()
    assert set(view.form.errors) == {"date", "reps", "duration_min"}
    assert "must be a whole number of 1 or more (got -3)" in view.error_labels["reps"].value
    assert "in the future" in view.error_labels["date"].value
    # The runner's text is shown, never run as HTML.
    assert "&lt;b&gt;ten&lt;/b&gt;" in view.error_labels["duration_min"].value
    assert view.error_labels["sets"].value == ""
    assert view.status.value.startswith("Not saved")
    # Fixing the fields clears the errors.
    view.inputs["reps"].value = 10
    view.inputs["date"].value = TODAY
    view.inputs["duration_min"].value = "10"
    view.save_button.click()
    assert view.form.saved == 1 and view.error_labels["reps"].value == ""


def test_listeners_run_after_each_save_only(tmp_path):
    form = LogForm(tmp_path / "log.csv", today=TODAY)
    seen = []
    form.on_save(lambda f: seen.append(len(read_log(f.path, today=TODAY))))
    assert form.save() and form.save()
    form.values["sets"] = 0
    assert not form.save()
    assert seen == [1, 2]
