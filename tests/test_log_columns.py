"""One declaration of the log's columns drives the reader, writer, form and docs (issue 11).

Also: a runner's own columns are kept through read and write (issue 11.3).
"""

import csv
import dataclasses
import datetime as dt
import io
import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from hipkit.errors import DataFileError
from hipkit.exercises.data_files import data_root
from hipkit.log import columns as log_columns
from hipkit.log.columns import LogColumn, column_names, markdown_table
from hipkit.log.reading import KeptColumnsWarning, read_log
from hipkit.log.writing import append_entries
from hipkit.views.log_form import LogForm
from hipkit.views.log_form_view import LogFormView
from hipkit.views.log_plots import plot_holds

TODAY = dt.date(2026, 3, 6)
CADENCE = LogColumn("cadence_spm", "whole", low=100, high=250,
                    message="must be a cadence of 100 to 250 steps a minute",
                    widget="text", label="Cadence", placeholder="steps a minute",
                    form_place=12, help="running cadence after the session")


@pytest.fixture
def with_cadence(monkeypatch):
    """A coach's extra column, added to the declaration and nowhere else."""
    monkeypatch.setattr(log_columns, "LOG_COLUMNS", (*log_columns.LOG_COLUMNS, CADENCE))


def test_a_column_added_to_the_declaration_alone_is_read_checked_written_and_shown(
        tmp_path, with_cadence):
    path = tmp_path / "log.csv"
    view = LogFormView(LogForm(path, today=TODAY))
    # Shown in the form, captioned, in its place (last).
    assert view.inputs["cadence_spm"].description == "Cadence"
    assert view.inputs["cadence_spm"].placeholder == "steps a minute"
    # The last field's row comes just before the buttons, the status and the chart.
    rows = [row for row in view.widget.children if getattr(row, "children", ())]
    field_rows = [row.children[0] for row in rows if row.children[0] in view.inputs.values()]
    assert field_rows[-1] is view.inputs["cadence_spm"]
    view.inputs["cadence_spm"].value = "300"
    view.save_button.click()
    assert view.form.errors == {
        "cadence_spm": "must be a cadence of 100 to 250 steps a minute (got 300)"}
    view.inputs["cadence_spm"].value = "172"
    view.save_button.click()
    assert view.form.saved == 1
    # Written: a new log gets the column in the header and the value in the row.
    header, row = list(csv.reader(io.StringIO(path.read_text())))
    assert header[-1] == "cadence_spm" and row[-1] == "172"
    # Read back typed, and refused when impossible.
    log = read_log(path, today=TODAY)
    assert str(log["cadence_spm"].dtype) == "Int64" and log["cadence_spm"].tolist() == [172]
    assert log.attrs["kept_columns"] == []
    path.write_text(path.read_text().replace(",172", ",12"))
    with pytest.raises(DataFileError, match="field 'cadence_spm': must be a cadence"):
        read_log(path, today=TODAY)
    # And documented.
    assert "| `cadence_spm` | no | whole number, 100 to 250 | running cadence" in markdown_table()


def test_the_format_page_and_template_match_the_declaration():
    page = (data_root() / "log_format.md").read_text(encoding="utf-8")
    assert markdown_table() in page
    header = (data_root() / "log_template.csv").read_text(encoding="utf-8").strip()
    assert header.split(",") == list(column_names())


def test_every_column_kind_and_widget_in_the_declaration_is_one_the_code_handles():
    for column in log_columns.log_columns():
        assert column.kind in log_columns.KINDS
        assert column.widget is None or column.widget in log_columns.WIDGETS
        assert column.help and (column.kind not in ("whole", "number") or column.message)
        assert dataclasses.replace(column) == column


def test_hold_time_goes_from_the_form_to_the_file_to_the_chart(tmp_path):
    path = tmp_path / "log.csv"
    view = LogFormView(LogForm(path, today=TODAY))
    assert view.inputs["hold_s"].description == "Hold (s)"
    view.inputs["exercise"].value = "glute_switch_bridge_hold"
    view.inputs["sets"].value = 1
    view.inputs["reps"].value = 10
    view.inputs["hold_s"].value = "-5"
    view.save_button.click()
    assert view.form.errors["hold_s"].startswith("must be a number of seconds above 0")
    for day, hold in ((dt.date(2026, 3, 2), "30"), (dt.date(2026, 3, 4), "42,5")):
        # After a save the form moves on to the next exercise: pick the hold again.
        view.inputs["exercise"].value = "glute_switch_bridge_hold"
        view.inputs["sets"].value = 1
        view.inputs["reps"].value = 10
        view.inputs["date"].value = day
        view.inputs["hold_s"].value = hold
        view.save_button.click()
    log = read_log(path, today=TODAY)
    assert log["hold_s"].tolist() == [30.0, 42.5]
    assert path.read_text().splitlines()[2].split(",")[8] == "42.5"
    ax = plot_holds(log, ax=plt.figure().subplots())
    [line] = ax.get_lines()
    assert line.get_label() == "Glute-switch bridge hold (both)"
    assert line.get_ydata().tolist() == [30.0, 42.5]
    assert ax.get_ylabel() == "Seconds held (per side)"
    plt.close("all")


def test_a_log_without_hold_times_says_so_instead_of_an_empty_chart():
    ax = plot_holds(read_log(data_root() / "sample_log.csv"))
    assert [t.get_text() for t in ax.texts] == ["No hold times logged yet (column hold_s)"]
    assert ax.get_lines() == []
    plt.close("all")


OWN = ("date,exercise,side,sets,reps, Weather ,shoes\n"
       '2026-03-02,Single-leg bridge,left,2,15," wet, 12°C ",Pegasus 41\n'
       "2026-03-03,Single-leg bridge,right,2,15,=rain?,007\n"
       "2026-03-04,Single-leg bridge,right,2,15,,NA\n")


def cells(path, column):
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    return [row[column] for row in rows]


def test_a_runners_own_columns_are_kept_through_read_append_read(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(OWN, encoding="utf-8")
    before = {c: cells(path, c) for c in (" Weather ", "shoes")}
    with pytest.warns(KeptColumnsWarning, match="'Weather', 'shoes' kept, not used by hipkit"):
        log = read_log(path, today=TODAY)
    assert log.attrs["kept_columns"] == ["Weather", "shoes"]
    assert log["Weather"].tolist()[:2] == [" wet, 12°C ", "=rain?"]
    assert log["shoes"].tolist() == ["Pegasus 41", "007", "NA"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KeptColumnsWarning)
        # A new entry with the runner's own values, and one without.
        append_entries(path, [{"date": "2026-03-05", "exercise": "Single-leg bridge",
                               "side": "left", "sets": 2, "reps": 15, "weather": "=sun",
                               "shoes": "Pegasus 41"},
                              {"date": "2026-03-05", "exercise": "Single-leg bridge",
                               "side": "right", "sets": 2, "reps": 15}], today=TODAY)
        again = read_log(path, today=TODAY)
    after = {c: cells(path, c) for c in (" Weather ", "shoes")}
    # The cells that were there are byte for byte the same; the new ones follow.
    assert {c: v[:3] for c, v in after.items()} == before
    assert after[" Weather "][3:] == ["'=sun", ""] and after["shoes"][3:] == ["Pegasus 41", ""]
    pd.testing.assert_series_equal(again["Weather"][:3], log["Weather"])
    assert again["Weather"].tolist()[3] == "=sun" and pd.isna(again["Weather"][4])


def test_a_read_log_with_own_columns_can_be_appended_to_another_log(tmp_path):
    source = tmp_path / "old.csv"
    source.write_text(OWN, encoding="utf-8")
    with pytest.warns(KeptColumnsWarning):
        log = read_log(source, today=TODAY)
    copy = tmp_path / "new.csv"
    append_entries(copy, log, today=TODAY)
    assert cells(copy, "Weather") == [" wet, 12°C ", "'=rain?", ""]
    assert cells(copy, "shoes") == ["Pegasus 41", "007", "NA"]


def test_own_columns_never_hide_the_other_problems(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(OWN.replace(",2,15,=rain?", ",0,15,=rain?").replace(
        "2026-03-04,", "3026-03-04,"), encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        read_log(path, today=TODAY)
    assert [(p.row, p.field) for p in error.value.problems] == [(3, "sets"), (4, "date")]


def test_a_value_for_an_own_column_the_file_lacks_is_refused(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("date,exercise,side,sets,reps\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="field 'weather': column is not in this log"):
        append_entries(path, [{"date": "2026-03-05", "exercise": "Single-leg bridge",
                               "side": "left", "sets": 2, "reps": 15, "weather": "sun"}],
                       today=TODAY)
    assert path.read_text() == "date,exercise,side,sets,reps\n"
