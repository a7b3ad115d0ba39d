"""No silent wrong data (issue 15, log part), each case as a runner or coach meets it.

Every value in a log is either read as the runner meant it or refused in the one error
listing file, row, column and value; spreadsheet shapes that are only untidy read fine;
the writer never writes what it cannot write, and follows a symlinked log.
"""

import datetime as dt
import os

import pandas as pd
import pytest
from openpyxl import Workbook

from hipkit.errors import DataFileError
from hipkit.exercises.loaders import load_exercises
from hipkit.log.analysis import weekly_volume
from hipkit.log.columns import log_columns
from hipkit.log.reading import read_log
from hipkit.log.writing import append_entries
from tests.exercise_files import add_clamshell
from tests.test_training_log import write as write_text

TODAY = dt.date(2026, 3, 6)
HEADER = "date,exercise,side,sets,reps\n"
ROW = "2026-03-02,Single-leg bridge,left,2,15\n"
NUMBER_COLUMNS = [c.name for c in log_columns() if c.kind in ("whole", "number")]


def write(tmp_path, text, name="log.csv", encoding="utf-8"):
    """Save a log as the runner's program would: text in one encoding, or raw bytes."""
    if isinstance(text, str):
        return write_text(tmp_path, text, name, encoding)
    (tmp_path / name).write_bytes(text)
    return tmp_path / name


def refused(path, **kwargs):
    with pytest.raises(DataFileError) as error:
        read_log(path, today=TODAY, **kwargs)
    return error.value


def located(error):
    return [(p.row, p.field, p.value) for p in error.problems]


def test_year_typos_are_refused_with_row_and_value_not_read_as_another_century(tmp_path):
    path = write(tmp_path, HEADER + ROW
                 + "3026-02-02,Single-leg bridge,left,2,15\n"
                 + "0026-02-02,Single-leg bridge,left,2,15\n"
                 + "02.02.2999,Single-leg bridge,left,2,15\n"
                 + "1899-12-31 10:00,Single-leg bridge,left,2,15\n")
    error = refused(path)
    assert located(error) == [(3, "date", "3026-02-02"), (4, "date", "0026-02-02"),
                              (5, "date", "02.02.2999"), (6, "date", "1899-12-31 10:00")]
    assert [p.message for p in error.problems] == [
        "is in the future (after 2026-03-06)", "is before 1900: is the year mistyped?",
        "is in the future (after 2026-03-06)", "is before 1900: is the year mistyped?"]


def test_a_year_typo_in_a_new_entry_is_refused_and_the_log_is_untouched(tmp_path):
    path = write(tmp_path, HEADER + ROW)
    with pytest.raises(DataFileError, match="field 'date': is in the future"):
        append_entries(path, [{"date": "3026-02-02", "exercise": "Single-leg bridge",
                               "side": "left", "sets": 2, "reps": 15}], today=TODAY)
    assert path.read_text() == HEADER + ROW


def one_row(column, text):
    """A one-row log whose ``column`` holds ``text``; the other cells are good."""
    cells = {"date": "2026-03-02", "exercise": "Single-leg bridge", "side": "left",
             "sets": "2", "reps": "15", column: text}
    return ",".join(cells) + "\n" + ",".join(cells.values()) + "\n"


@pytest.mark.parametrize("column", ["sets", "reps", "sets_target", "reps_target"])
@pytest.mark.parametrize("huge", ["99999999999999999999", "9223372036854775808",
                                  "1e19", "18446744073709551616"])
def test_counts_beyond_64_bits_are_refused_not_wrapped(tmp_path, column, huge):
    error = refused(write(tmp_path, one_row(column, huge)))
    [(row, field, value)] = located(error)
    # A spreadsheet may show 1e19 in full: either way the value reported is that number.
    assert (row, field, float(value)) == (2, column, float(huge))
    assert "too large" in error.problems[0].message


def test_a_huge_count_never_reaches_the_file_so_the_log_stays_readable(tmp_path):
    path = write(tmp_path, HEADER + ROW)
    with pytest.raises(DataFileError, match="field 'reps': is too large"):
        append_entries(path, [{"date": "2026-03-03", "exercise": "Single-leg bridge",
                               "side": "left", "sets": 2, "reps": 10**20}], today=TODAY)
    assert read_log(path, today=TODAY)["reps"].tolist() == [15]


@pytest.mark.parametrize("column", NUMBER_COLUMNS)
@pytest.mark.parametrize("text", ["inf", "-inf", "Infinity", "nan", "NaN", "1e400"])
def test_infinity_and_nan_are_refused_in_every_number_column(tmp_path, column, text):
    error = refused(write(tmp_path, one_row(column, text)))
    [(row, field, value)] = located(error)
    # The value is reported as the number read ('inf' for 'Infinity').
    assert (row, field, str(float(value))) == (2, column, str(float(text)))


def test_a_file_mixing_utf8_and_windows_1252_is_refused_naming_the_row(tmp_path):
    # Rows 2-3 saved by one program (UTF-8), row 4 added in another (Windows-1252).
    data = ("date,runner,exercise,side,sets,reps\n"
            "2026-03-02,Zoë,Single-leg bridge,left,2,15\n"
            "2026-03-03,Zoë,Single-leg bridge,left,2,15\n").encode() + \
        "2026-03-04,Zoë,Single-leg bridge,left,2,15\n".encode("cp1252")
    error = refused(write(tmp_path, data))
    assert located(error) == [(4, "(encoding)", "Zoë")]
    assert "is not UTF-8 like row 2 before it" in error.problems[0].message
    # The other way round: a Windows-1252 file that later gets UTF-8 rows.
    data = "date,runner,exercise,side,sets,reps\n2026-03-02,Zoë,Single-leg bridge,left,2,15\n" \
        .encode("cp1252") + "2026-03-03,Zoë,Single-leg bridge,left,2,15\n".encode()
    error = refused(write(tmp_path, data))
    assert located(error) == [(3, "(encoding)", "Zoë")]
    assert "is UTF-8 while row 2 before it is not" in error.problems[0].message


def test_appending_to_a_mixed_encoding_file_is_refused_and_writes_nothing(tmp_path):
    data = ("date,runner,exercise,side,sets,reps\n2026-03-02,Zoë,Single-leg bridge,left,2,15\n"
            .encode() + "2026-03-03,Zoë,Single-leg bridge,left,2,15\n".encode("cp1252"))
    path = write(tmp_path, data)
    with pytest.raises(DataFileError, match="mixes two encodings"):
        append_entries(path, [{"date": "2026-03-04", "exercise": "Single-leg bridge",
                               "side": "left", "sets": 2, "reps": 15}], today=TODAY)
    assert path.read_bytes() == data


def test_one_encoding_files_still_read_with_accents(tmp_path):
    for encoding in ("utf-8", "utf-8-sig", "cp1252"):
        text = "date,runner,exercise,side,sets,reps\n2026-03-02,Zoë,Single-leg bridge,left,2,15\n"
        log = read_log(write(tmp_path, text, encoding=encoding), today=TODAY)
        assert log["runner"].tolist() == ["Zoë"]


def test_exercise_names_a_log_cannot_tell_apart_are_refused_naming_both_files(data_copy):
    new = add_clamshell(data_copy, name="Single leg bridge")
    with pytest.raises(DataFileError) as error:
        load_exercises(data_copy)
    [problem] = error.value.problems
    old = data_copy / "exercises" / "single_leg_bridge.toml"
    # Both files are named: one as the problem's file, the other in its message.
    assert {problem.file, str(new if problem.file == str(old) else old)} == {str(old), str(new)}
    assert str(new if problem.file == str(old) else old) in problem.message
    assert problem.value in ("Single leg bridge", "Single-leg bridge", "single_leg_bridge")


def test_an_exercise_named_like_another_ones_id_is_refused(data_copy):
    add_clamshell(data_copy, name="single_leg_bridge")
    with pytest.raises(DataFileError, match="reads the same in a log"):
        load_exercises(data_copy)


def test_a_distinct_fifth_exercise_still_loads(data_copy):
    add_clamshell(data_copy)
    assert "clamshell" in load_exercises(data_copy)["exercise_id"].tolist()


def test_excel_csv_export_with_trailing_empty_columns_reads(tmp_path):
    text = ("date,exercise,side,sets,reps,,,\n"
            "2026-03-02,Single-leg bridge,left,2,15,,,\n"
            "2026-03-03,Single-leg bridge,right,2,14,,,\n"
            ",,,,,,,\n")
    log = read_log(write(tmp_path, text), today=TODAY)
    assert log["reps"].tolist() == [15, 14]
    assert log.attrs["kept_columns"] == []


def test_an_unnamed_column_holding_data_is_still_reported(tmp_path):
    text = "date,exercise,side,sets,reps,\n2026-03-02,Single-leg bridge,left,2,15,oops\n"
    error = refused(write(tmp_path, text))
    assert [(p.field, p.message) for p in error.problems] == [
        ("(column 6)", "has no name in the header but holds data")]


def test_xlsx_whose_used_range_reaches_past_the_table_reads(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["date", "exercise", "side", "sets", "reps"])
    sheet.append([dt.datetime(2026, 3, 2), "Single-leg bridge", "left", 2, 15])
    # A cell once formatted far from the table stretches the sheet's used range.
    sheet["Z60"].number_format = "0.00"
    sheet["H1"].number_format = "@"
    path = tmp_path / "log.xlsx"
    book.save(path)
    log = read_log(path, today=TODAY)
    assert len(log) == 1 and log["sets"].tolist() == [2]


def test_date_cells_with_a_time_of_day_count_on_their_day(tmp_path):
    text = (HEADER + "2026-02-04 18:30,Single-leg bridge,left,2,15\n"
            "2026-02-04T07:05:09.123456,Single-leg bridge,right,2,15\n"
            "05/02/2026 23:59:59,Single-leg bridge,left,2,15\n")
    log = read_log(write(tmp_path, text), today=TODAY)
    assert log["date"].tolist() == [pd.Timestamp("2026-02-04")] * 2 + [
        pd.Timestamp("2026-02-05")]
    assert weekly_volume(log)["volume"].sum() == 90
    book = Workbook()
    book.active.append(["date", "exercise", "side", "sets", "reps"])
    book.active.append([dt.datetime(2026, 2, 4, 18, 30), "Single-leg bridge", "left", 2, 15])
    book.save(tmp_path / "log.xlsx")
    assert read_log(tmp_path / "log.xlsx", today=TODAY)["date"].tolist() == [
        pd.Timestamp("2026-02-04")]


def test_an_impossible_time_of_day_is_not_a_date(tmp_path):
    error = refused(write(tmp_path, HEADER + "2026-02-04 25:30,Single-leg bridge,left,2,15\n"))
    assert located(error) == [(2, "date", "2026-02-04 25:30")]


ENTRY = {"date": "2026-03-02", "exercise": "Single-leg bridge", "side": "left",
         "sets": 2, "reps": 15}


def test_writer_refuses_a_new_xlsx_log_and_creates_nothing(tmp_path):
    path = tmp_path / "my log.xlsx"
    with pytest.raises(DataFileError, match="writes CSV text only"):
        append_entries(path, [ENTRY], today=TODAY)
    assert list(tmp_path.iterdir()) == [] or not path.exists()


def test_writer_refuses_an_existing_workbook_and_leaves_it_whole(tmp_path):
    book = Workbook()
    book.active.append(["date", "exercise", "side", "sets", "reps"])
    book.save(tmp_path / "log.xlsx")
    (tmp_path / "log.csv").write_bytes((tmp_path / "log.xlsx").read_bytes())
    for name in ("log.xlsx", "log.csv"):  # whatever the workbook is called
        before = (tmp_path / name).read_bytes()
        with pytest.raises(DataFileError, match="spreadsheet workbook"):
            append_entries(tmp_path / name, [ENTRY], today=TODAY)
        assert (tmp_path / name).read_bytes() == before


def test_appending_through_a_symlink_writes_the_real_log_and_keeps_the_link(tmp_path):
    real = write(tmp_path, HEADER + ROW, name="real.csv")
    (tmp_path / "synced").mkdir()
    link = tmp_path / "synced" / "log.csv"
    link.symlink_to(real)
    append_entries(link, [ENTRY | {"date": "2026-03-03"}], today=TODAY)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert read_log(real, today=TODAY)["date"].dt.day.tolist() == [2, 3]
    assert not list((tmp_path / "synced").glob(".*tmp"))
