"""The log cases a runner's own files still tripped on: UTF-16 exports, a comma in a note,
a row typed twice, a misspelt exercise or column, each reported with file and row."""

import datetime as dt

import pytest

from hipkit.errors import DataFileError
from hipkit.log.reading import KeptColumnsWarning, RepeatedRowsWarning, read_log
from hipkit.log.writing import append_entries

TODAY = dt.date(2026, 6, 1)
LOG = ("date,exercise,side,sets,reps,notes\n"
       "2026-03-02,Single-leg bridge,left,2,15,felt strong\n"
       "2026-03-03,Side-lying hip circles,both,3,10,\n")


def problems(path):
    with pytest.raises(DataFileError) as error:
        read_log(path, today=TODAY)
    return str(error.value).splitlines()[1:]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_a_utf16_or_bom_log_reads_like_its_utf8_copy(tmp_path, encoding):
    plain = tmp_path / "plain.csv"
    plain.write_text(LOG.replace("felt strong", "Zoë: felt strong"), encoding="utf-8")
    saved = tmp_path / "unicode.csv"
    saved.write_bytes(LOG.replace("felt strong", "Zoë: felt strong").encode(encoding))
    log = read_log(saved, today=TODAY)
    assert log.equals(read_log(plain, today=TODAY))
    assert log["notes"].tolist()[0] == "Zoë: felt strong"


def test_excels_unicode_text_export_tabs_and_utf16_reads_and_takes_new_rows(tmp_path):
    path = tmp_path / "log.txt.csv"
    path.write_bytes(LOG.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"))
    append_entries(path, [{"date": "2026-03-04", "exercise": "Single-leg bridge",
                           "side": "right", "sets": 2, "reps": 12}], today=TODAY)
    data = path.read_bytes()
    assert data.startswith(b"\xff\xfe") and data.count(b"\xff\xfe") == 1
    assert data.decode("utf-16").splitlines()[-1] == "2026-03-04\tSingle-leg bridge\tright\t2\t12\t"
    assert read_log(path, today=TODAY)["reps"].tolist() == [15, 10, 12]


def test_a_comma_in_an_unquoted_note_names_every_row_it_shifts(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(LOG + "2026-03-04,Single-leg bridge,left,2,15,sore, then better\n"
                    "2026-03-05,Single-leg bridge,left,2,15,fine\n"
                    "2026-03-06,Single-leg bridge,left,2,15,ok, ok, ok\n")
    assert problems(path) == [
        "- log.csv, row 4, field '(extra cells)': has 1 cell more than the header's 6 "
        "columns: a ',' inside a note? Put that cell in quotes, or remove the extra cells "
        "(got ' then better')",
        "- log.csv, row 6, field '(extra cells)': has 2 cells more than the header's 6 "
        "columns: a ',' inside a note? Put that cell in quotes, or remove the extra cells "
        "(got ' ok, ok')",
    ]


def test_a_row_entered_twice_is_named_with_the_row_it_repeats(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(LOG + "2026-03-02,Single-leg bridge,left,2,15,felt strong\n"
                    "2026-03-02,Single-leg bridge,left,2,15,felt strong!\n"
                    "2026-03-03,Side-lying hip circles,both,3,10,\n")
    with pytest.warns(RepeatedRowsWarning) as caught:
        log = read_log(path, today=TODAY)
    assert str(caught[0].message) == (
        "log.csv: row 4 repeats row 2, row 6 repeats row 3 in every cell, so such an entry "
        "counts twice in the totals; delete the copy if a row was entered twice")
    assert log.attrs["repeated_rows"] == {4: 2, 6: 3}
    assert len(log) == 5  # kept: two like sessions on one day can be real


def test_a_misspelt_exercise_lists_the_closest_name_first(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("date,exercise,side,sets,reps\n"
                    "2026-03-02,single-leg brdge,left,2,15\n"
                    "2026-03-02,glute switch brige,left,2,15\n"
                    "2026-03-02,side_lying_hip_circels,left,2,15\n")
    assert problems(path) == [
        "- log.csv, row 2, field 'exercise': is not a known exercise; closest known: "
        "'Single-leg bridge', 'Glute-switch bridge hold' (got 'single-leg brdge')",
        "- log.csv, row 3, field 'exercise': is not a known exercise; closest known: "
        "'Glute-switch bridge hold', 'Single-leg bridge' (got 'glute switch brige')",
        "- log.csv, row 4, field 'exercise': is not a known exercise; closest known: "
        "'Side-lying hip circles', 'Standing banded hip abduction', 'Single-leg bridge' "
        "(got 'side_lying_hip_circels')",
    ]


def test_a_misspelt_optional_column_is_named_with_the_column_it_looks_like(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("date,exercise,side,sets,reps,Duraton min,weather\n"
                    "2026-03-02,Single-leg bridge,left,2,15,5,sun\n")
    with pytest.warns(KeptColumnsWarning) as caught:
        read_log(path, today=TODAY)
    assert str(caught[0].message) == (
        "log.csv: columns 'Duraton min' (a typo for 'duration_min'?), 'weather' kept, "
        "not used by hipkit")
