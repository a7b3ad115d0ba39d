"""Reading training logs: what real spreadsheet exports do, and every kind of bad input."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from hipkit.errors import DataFileError
from hipkit.exercises.data_files import data_root
from hipkit.log.reading import BAND_COLOURS, COLUMNS, read_log

TODAY = dt.date(2026, 6, 1)
GOOD = (
    "date,exercise,side,sets,reps,rpe,band,notes\n"
    "2026-03-02,Single-leg bridge,left,2,15,5.5,,felt strong\n"
    "2026-03-02,standing_hip_abduction,both,2,15,6,green,\n"
)


def write(tmp_path, text, name="log.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems(path, **kwargs):
    with pytest.raises(DataFileError) as error:
        read_log(path, today=TODAY, **kwargs)
    return error.value


def test_reads_the_good_log_with_types(tmp_path):
    log = read_log(write(tmp_path, GOOD), today=TODAY)
    assert log.shape == (2, len(COLUMNS))
    assert log["exercise_id"].tolist() == ["single_leg_bridge", "standing_hip_abduction"]
    assert log["exercise_id"].cat.ordered
    assert log["band"].cat.categories.tolist() == list(BAND_COLOURS)
    assert log["band"].cat.ordered
    assert str(log["sets"].dtype) == "Int64" and str(log["rpe"].dtype) == "Float64"
    assert log["rpe"].tolist() == [5.5, 6.0]
    assert log["date"].tolist() == [pd.Timestamp("2026-03-02")] * 2
    assert log["pain"].isna().all() and log["runner"].isna().all()
    assert log["notes"].tolist()[0] == "felt strong"


def test_sample_log_covers_eight_weeks_for_one_runner():
    log = read_log(data_root() / "sample_log.csv")
    assert log["date"].max() - log["date"].min() >= pd.Timedelta(weeks=8)
    assert log["runner"].nunique() == 1
    assert set(log["exercise_id"]) == {"side_lying_hip_circles", "standing_hip_abduction",
                                       "single_leg_bridge", "glute_switch_bridge_hold"}


def test_template_is_header_only():
    log = read_log(data_root() / "log_template.csv")
    assert log.shape == (0, len(COLUMNS))


@pytest.mark.parametrize("encoding,bom", [("utf-8", ""), ("utf-8", "\ufeff"), ("cp1252", "")])
def test_encodings(tmp_path, encoding, bom):
    text = bom + GOOD.replace("felt strong", '"café, très bien"')
    log = read_log(write(tmp_path, text, encoding=encoding), today=TODAY)
    assert log["notes"][0] == "café, très bien"
    assert list(log.columns) == ["date", *COLUMNS[1:2], "exercise_id", *COLUMNS[3:]]


def test_semicolons_decimal_commas_day_first_dates_spaces_and_case(tmp_path):
    text = (
        " Date ;EXERCISE; Side ;Sets;Reps;RPE;Duration min\r\n"
        "02/03/2026;  single-leg  BRIDGE ; LEFT ;2;15;5,5;7,5\r\n"
        "03.03.2026;Glute switch bridge hold;both;1;10;;\r\n"
        ";;;;;;\r\n"
        ";;;;;;\r\n"
    )
    log = read_log(write(tmp_path, text, encoding="cp1252"), today=TODAY)
    assert len(log) == 2  # the empty trailing rows are skipped, nothing else
    assert log["date"].tolist() == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-03")]
    assert log["exercise_id"].tolist() == ["single_leg_bridge", "glute_switch_bridge_hold"]
    assert log["side"].tolist() == ["left", "both"]
    assert log["rpe"][0] == 5.5 and log["duration_min"][0] == 7.5


def test_xlsx_with_date_cells_and_empty_rows(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Exercise", "Side", "Sets", "Reps", "Notes"])
    sheet.append([dt.datetime(2026, 3, 2), "Single-leg bridge", "right", 2, 15, "ok"])
    sheet.append([None] * 6)
    sheet.append(["04/03/2026", "Side-lying hip circles", "left", 3.0, 10, None])
    sheet.append([dt.datetime(2026, 3, 5), "Side-lying hip circles", "left", 3, 0, None])
    path = tmp_path / "log.xlsx"
    book.save(path)
    error = problems(path)
    # Row numbers are Excel's, counting the empty row 3.
    assert str(error).splitlines()[1:] == [
        "- log.xlsx, row 5, field 'reps': must be a whole number of 1 or more (got '0')"]
    sheet.delete_rows(5)
    book.save(path)
    log = read_log(path, today=TODAY)
    assert log["date"].tolist() == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-04")]
    assert log["sets"].tolist() == [2, 3]


def test_every_bad_value_is_reported_together_with_row_column_and_value(tmp_path):
    text = (
        "date,exercise,side,sets,reps,rpe,pain,band,duration_min,load_kg\n"
        "2026-03-02,single leg brige,left,2,-3,11,,purple,,\n"        # row 2
        "2026-13-45,Side-lying hip circles,up,0,15,5,12,,0,-1\n"     # row 3
        "2027-01-01,Single-leg bridge,both,1.5,15,,,,,\n"            # row 4
        ",Single-leg bridge,both,2,,,,,,\n"                          # row 5
    )
    error = problems(write(tmp_path, text))
    lines = str(error).splitlines()
    assert lines[0] == "14 problems in the data:"
    assert lines[1:] == [
        "- log.csv, row 2, field 'exercise': is not a known exercise; closest known: "
        "'Single-leg bridge', 'Glute-switch bridge hold' (got 'single leg brige')",
        "- log.csv, row 2, field 'reps': must be a whole number of 1 or more (got '-3')",
        "- log.csv, row 2, field 'band': must be one of tan, yellow, red, green, blue, black, "
        "silver, gold (got 'purple')",
        "- log.csv, row 2, field 'rpe': must be an effort (RPE) from 0 to 10 (got '11')",
        "- log.csv, row 3, field 'date': is not a date; write it as 2026-03-02 (ISO) or "
        "02/03/2026 (day first) (got '2026-13-45')",
        "- log.csv, row 3, field 'side': must be one of left, right, both (got 'up')",
        "- log.csv, row 3, field 'sets': must be a whole number of 1 or more (got '0')",
        "- log.csv, row 3, field 'load_kg': must be a number of kilograms, 0 or more (got '-1')",
        "- log.csv, row 3, field 'pain': must be a pain score from 0 to 10 (got '12')",
        "- log.csv, row 3, field 'duration_min': must be a number of minutes above 0, at most "
        "1,440 (a day) (got '0')",
        "- log.csv, row 4, field 'date': is in the future (after 2026-06-01) (got '2027-01-01')",
        "- log.csv, row 4, field 'sets': must be a whole number of 1 or more (got '1.5')",
        "- log.csv, row 5, field 'date': is empty",
        "- log.csv, row 5, field 'reps': is empty",
    ]
    assert [p.row for p in error.problems][:3] == [2, 2, 2]
    assert error.problems[0].field == "exercise"


def test_unknown_exercise_with_no_close_name_lists_all(tmp_path):
    error = problems(write(tmp_path, GOOD.replace("Single-leg bridge", "Burpees")))
    assert "is not a known exercise; known exercises: 'Side-lying hip circles', " in str(error)
    assert "(got 'Burpees')" in str(error)


def test_missing_required_column_points_at_a_kept_column_that_looks_like_it(tmp_path):
    error = problems(write(tmp_path, "date,exercise,sids,sets,Notes\n2026-03-02,x,left,1,\n"))
    assert str(error).splitlines()[1:] == [
        "- log.csv, field 'side': required column is missing; is the column 'sids' meant "
        "to be it?",
        "- log.csv, field 'reps': required column is missing",
    ]


def test_repeated_header_is_an_error(tmp_path):
    error = problems(write(tmp_path, "date,exercise,side,sets,reps,reps\n"))
    assert "field 'reps': column appears twice in the header" in str(error)


def test_not_a_text_file(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(b"date,exercise\n\x81\x8d\x8f\n")
    assert "is neither UTF-8 nor Windows-1252 text" in str(problems(path))


def test_many_bad_rows_are_summarised(tmp_path):
    rows = "".join("2026-03-02,Single-leg bridge,left,2,0\n" for _ in range(25))
    error = problems(write(tmp_path, "date,exercise,side,sets,reps\n" + rows))
    assert len(error.problems) == 21
    assert error.problems[0].row == 2 and error.problems[19].row == 21
    assert error.problems[-1].message.startswith("5 more rows have this problem")


def test_no_row_is_dropped_or_altered(tmp_path):
    # Texts pandas would read as missing or as numbers stay what the runner wrote.
    text = ("date,exercise,side,sets,reps,notes,runner\n"
            "2026-03-02,Single-leg bridge,left,2,15,NA,None\n"
            "2026-03-03,Single-leg bridge,left,2,15,007,  Sam   Lee \n"
            "2026-03-04,Single-leg bridge,left,2,15,,\n")
    log = read_log(write(tmp_path, text), today=TODAY)
    assert len(log) == 3
    assert log["notes"].tolist()[:2] == ["NA", "007"] and pd.isna(log["notes"][2])
    assert log["runner"].tolist()[:2] == ["None", "Sam Lee"]


def test_whole_numbers_written_as_decimals_are_accepted(tmp_path):
    log = read_log(write(tmp_path, GOOD.replace(",2,15,", ",2.0,15,")), today=TODAY)
    assert log["sets"].tolist() == [2, 2]
    assert np.issubdtype(log["date"].dtype, np.datetime64)


def test_all_numeric_free_text_keeps_its_digits(tmp_path):
    text = ("date;exercise;side;sets;reps;runner;notes\n"
            "2026-03-02;Single-leg bridge;left;2;15;007;1,50\n"
            "2026-03-03;Single-leg bridge;left;2;15;042;2\n")
    log = read_log(write(tmp_path, text), today=TODAY)
    assert log["runner"].tolist() == ["007", "042"]
    assert log["notes"].tolist() == ["1,50", "2"]


def test_a_log_read_in_blocks_is_the_same_log_with_the_same_row_numbers(tmp_path, monkeypatch):
    from hipkit.log import opening

    text = ("date,runner,exercise,side,sets,reps,rpe,notes\n"
            "2026-03-02,007,Single-leg bridge,left,2,15,5,\n"
            "2026-03-02,Ana,Single-leg bridge,right,2,15,5.5,ok\n"
            "2026-03-03,Ana,Single-leg bridge,left,2,15,6,'=x\n"
            "2026-03-03,Ana,Single-leg bridge,right,two,15,6,\n"
            "2026-03-04,Ana,Single-leg bridge,left,2,15,7,fine\n")
    path = write(tmp_path, text)
    whole = read_log(write(tmp_path, text.replace("two", "2"), name="good.csv"), today=TODAY)
    monkeypatch.setattr(opening, "CHUNK_ROWS", 2)
    # Numbers in one block, text in another: still one error, on the sheet's row.
    error = problems(path)
    assert [(p.row, p.field, p.value) for p in error.problems] == [(5, "sets", "two")]
    pd.testing.assert_frame_equal(read_log(tmp_path / "good.csv", today=TODAY), whole)
    assert whole["runner"].tolist()[0] == "007" and whole["notes"].tolist()[2] == "=x"
