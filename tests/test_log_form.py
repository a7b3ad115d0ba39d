"""The log form: driven through its state object and through the widgets."""

import datetime as dt
import html
import threading

import pytest

from hipkit.log.reading import read_log
from hipkit.views.log_form import LogForm
from hipkit.views.log_form_view import LogFormView

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
    assert view.form.message == "Saved: Single-leg bridge, left, 2 x 15 on 4 Mar 2026."
    assert view.status.value == ('<span role="status">Saved: Single-leg bridge, left, '
                                 '2 x 15 on 4 Mar 2026.</span>')


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
    assert view.form.message.startswith("Not saved") and "Not saved" in view.status.value
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
    assert form.save() and not form.save() and form.confirm()  # the second time asks
    form.values["sets"] = 0
    assert not form.save()
    assert seen == [1, 2]
    assert form.undo()
    assert seen == [1, 2, 1]


def test_form_defaults_to_the_runners_own_log_and_today(monkeypatch, tmp_path):
    monkeypatch.setenv("HIPKIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HIPKIT_TODAY", "2026-05-04")
    view = LogFormView(LogForm())
    assert view.form.path == tmp_path / "home" / "my_log.csv"
    assert view.path_input.value == str(tmp_path / "home" / "my_log.csv")
    assert view.inputs["date"].value == dt.date(2026, 5, 4)
    view.save_button.click()  # the folder is made on the first save
    log = read_log(tmp_path / "home" / "my_log.csv", today=dt.date(2026, 5, 4))
    assert log["date"].tolist() == [dt.datetime(2026, 5, 4)]


def test_log_file_can_be_changed_in_the_form(view, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    view.path_input.value = str(tmp_path / "elsewhere" / "mine.csv")
    view.save_button.click()
    assert view.form.path == tmp_path / "elsewhere" / "mine.csv"
    assert len(read_log(tmp_path / "elsewhere" / "mine.csv", today=TODAY)) == 1
    assert not (tmp_path / "log.csv").exists()
    assert "mine.csv" in repr(view._repr_mimebundle_()["text/plain"])


def test_a_typed_path_in_a_missing_folder_is_refused_not_created(view, tmp_path):
    typo = tmp_path / "Documnets" / "my_log.csv"
    view.path_input.value = str(typo)
    view.save_button.click()
    assert view.form.saved == 0 and not typo.parent.exists()
    assert view.status.value == (
        f'<span role="status">Not saved: {html.escape(str(typo))}: cannot be written: the '
        f"folder {html.escape(repr(str(typo.parent)))} does not exist (a typo in the path?); "
        "create it first</span>")
    assert not any(label.value for label in view.error_labels.values())


def test_a_double_click_saves_once_and_asks_before_a_second_row(view):
    view.save_button.click()
    view.save_button.click()
    assert len(read_log(view.form.path, today=TODAY)) == 1
    assert view.form.confirming and view.confirm_button.layout.display is None
    assert ("Nothing changed since you saved Side-lying hip circles, both, 3 x 10 on 4 Mar "
            "2026. Save Standing banded hip abduction, both, 2 x 15 on 4 Mar 2026 too?"
            ) in view.status.value
    assert not view.save_button.disabled  # enabled again once the save is over
    view.confirm_button.click()
    assert len(read_log(view.form.path, today=TODAY)) == 2
    assert view.confirm_button.layout.display == "none" and not view.form.confirming


def test_the_same_entry_typed_again_asks_first(view):
    for _ in range(2):
        view.inputs["exercise"].value = "single_leg_bridge"
        view.inputs["side"].value = "both"
        view.inputs["sets"].value = 2
        view.inputs["reps"].value = 12
        view.save_button.click()
    assert view.form.saved == 1 and view.form.confirming
    assert view.form.message.startswith("You just saved this entry: Single-leg bridge, both")
    view.inputs["reps"].value = 11  # a changed entry saves without asking
    view.save_button.click()
    assert view.form.saved == 2 and not view.form.confirming


def test_form_clears_for_the_other_side_then_the_next_exercise(view):
    view.inputs["exercise"].value = "single_leg_bridge"
    view.inputs["side"].value = "left"
    view.inputs["sets"].value = 2
    view.inputs["pain"].value = 2
    view.inputs["rpe"].value = 6
    view.inputs["notes"].value = "wobbly"
    view.save_button.click()
    shown = {field: widget.value for field, widget in view.inputs.items()}
    assert (shown["exercise"], shown["side"], shown["sets"]) == ("single_leg_bridge", "right", 2)
    assert (shown["notes"], shown["pain"], shown["rpe"]) == ("", "", 6)
    view.save_button.click()  # nothing changed: the form asks before saving the right side
    assert view.form.saved == 1 and view.form.confirming
    view.inputs["reps"].value = 14  # the right side fell one short
    view.save_button.click()
    assert view.form.saved == 2
    assert (view.inputs["exercise"].value, view.inputs["side"].value) == (
        "glute_switch_bridge_hold", "left")


def test_band_and_pain_choices_are_never_blank(view):
    for field, label in [("band", "no band"), ("rpe", "not rated"), ("pain", "not rated")]:
        assert view.inputs[field].label == label and view.inputs[field].index == 0
    view.inputs["band"].value = "red"
    view.save_button.click()
    assert view.inputs["pain"].label == "not rated"
    assert read_log(view.form.path, today=TODAY).loc[0, "band"] == "red"
    assert view.form.values["pain"] is None


def test_undo_removes_only_the_forms_last_row(view):
    view.inputs["notes"].value = 'two\nlines, "quoted"'
    view.save_button.click()
    before_second = view.form.path.read_bytes()
    view.inputs["reps"].value = 9
    view.inputs["notes"].value = 'a note\nover "two" lines'
    view.save_button.click()
    assert not view.undo_button.disabled
    view.undo_button.click()
    assert view.form.path.read_bytes() == before_second
    assert view.form.message.startswith("Undone: Standing banded hip abduction")
    assert view.undo_button.disabled and not view.form.undo()


def test_undo_refuses_when_another_entry_came_after(view):
    from hipkit.log.writing import append_entries

    view.save_button.click()
    append_entries(view.form.path, [{"date": TODAY, "exercise": "Single-leg bridge",
                                     "side": "left", "sets": 1, "reps": 5}], today=TODAY)
    before = view.form.path.read_bytes()
    view.undo_button.click()
    assert view.form.path.read_bytes() == before
    assert "no longer the last row" in view.status.value


def test_chart_shows_the_logs_weeks_after_each_save_and_undo(tmp_path):
    view = LogFormView(LogForm(tmp_path / "log.csv", today=TODAY), chart=True)
    assert view.chart.layout.display == "none"  # nothing logged yet
    view.save_button.click()
    assert view.chart.layout.display is None and bytes(view.chart.value)[:4] == b"\x89PNG"
    view.undo_button.click()
    assert view.chart.layout.display == "none"


def test_form_says_what_the_log_holds_when_it_opens(tmp_path):
    assert LogForm(tmp_path / "log.csv", today=TODAY).message == (
        "Your log log.csv is new: nothing is saved in it yet.")
    form = LogForm(tmp_path / "log.csv", today=TODAY)
    form.values["reps"] = 12
    form.save()
    view = LogFormView(LogForm(tmp_path / "log.csv", today=TODAY))  # e.g. after a restart
    assert view.form.message == ("Your log log.csv holds 1 entry; the last: Side-lying hip "
                                 "circles, both, 3 x 12 on 4 Mar 2026.")
    assert "holds 1 entry" in view.status.value


def _slow_saves(monkeypatch) -> tuple[threading.Event, threading.Event]:
    """Make each save wait, once started, until released: a save still running."""
    import hipkit.views.log_form

    started, release = threading.Event(), threading.Event()
    real_append = hipkit.views.log_form.append_entries

    def slow_append(*args, **kwargs):
        started.set()
        release.wait(10)
        return real_append(*args, **kwargs)

    monkeypatch.setattr(hipkit.views.log_form, "append_entries", slow_append)
    return started, release


def test_a_click_arriving_during_a_save_writes_nothing(tmp_path, monkeypatch):
    started, release = _slow_saves(monkeypatch)
    view = LogFormView(LogForm(tmp_path / "log.csv", today=TODAY))
    first = threading.Thread(target=view.save_button.click)
    first.start()
    assert started.wait(10)
    assert view.save_button.disabled  # off while the first save runs
    view.save_button.click()  # the second click of a double click, handled meanwhile
    assert view.form.message == "Still saving the entry before: nothing else was saved."
    assert view.save_button.disabled  # still off: the first save has not finished
    release.set()
    first.join(10)
    assert len(read_log(tmp_path / "log.csv", today=TODAY)) == 1 and view.form.saved == 1


def test_save_is_on_again_whichever_click_of_a_double_click_ends_last(tmp_path, monkeypatch):
    started, release = _slow_saves(monkeypatch)
    view = LogFormView(LogForm(tmp_path / "log.csv", today=TODAY))
    first = threading.Thread(target=view.save_button.click)
    first.start()
    assert started.wait(10)
    save_during_the_first = view.form.save

    def second_click_ends_last(*args, **kwargs):
        result = save_during_the_first(*args, **kwargs)  # writes nothing: a save runs
        release.set()
        first.join(10)  # the first click's handler ends before this one does
        return result

    monkeypatch.setattr(view.form, "save", second_click_ends_last)
    view.save_button.click()
    assert not first.is_alive()
    assert not view.save_button.disabled  # under load this once left Save off for good
    assert len(read_log(tmp_path / "log.csv", today=TODAY)) == 1
