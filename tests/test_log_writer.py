"""Appending to a log: checked first, atomic, safe in a spreadsheet, and never lost."""

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from hipkit.errors import DataFileError
from hipkit.exercises.data_files import data_root
from hipkit.log import writing as log_writer
from hipkit.log.reading import COLUMNS, read_log
from hipkit.log.writing import append_entries, neutralise, write_log

TODAY = dt.date(2026, 6, 1)
ENTRY = {"date": dt.date(2026, 3, 2), "exercise": "Single-leg bridge", "side": "left",
         "sets": 2, "reps": 15, "rpe": 5.5, "notes": "steady"}


def test_creates_a_new_log_with_every_column(tmp_path):
    path = tmp_path / "log.csv"
    saved = append_entries(path, [ENTRY], today=TODAY)
    assert path.read_text().splitlines() == [
        ",".join(COLUMNS),
        "2026-03-02,,Single-leg bridge,left,,2,,15,,,,5.5,,,steady,",
    ]
    assert saved["exercise_id"].tolist() == ["single_leg_bridge"]
    pd.testing.assert_frame_equal(read_log(path, today=TODAY), saved)


def test_appends_after_existing_rows_without_touching_them(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(b"date,exercise,side,sets,reps\n2026-03-01,Single-leg bridge,right,2,15")
    before = path.read_bytes()
    append_entries(path, [ENTRY | {"notes": None, "rpe": None}], today=TODAY)
    after = path.read_bytes()
    assert after.startswith(before + b"\n")
    assert after.endswith(b"2026-03-02,Single-leg bridge,left,2,15\r\n"[:-2] + b"\n")
    assert read_log(path, today=TODAY)["side"].tolist() == ["right", "left"]


def test_keeps_the_files_own_dialect(tmp_path):
    path = tmp_path / "log.csv"
    header = "Date;Exercise;Side;Sets;Reps;RPE;Notes\r\n"
    path.write_bytes((header + "01/03/2026;Single-leg bridge;left;2;15;6,5;café\r\n")
                     .encode("cp1252"))
    append_entries(path, [ENTRY | {"notes": "très bien"}], today=TODAY)
    lines = path.read_bytes().decode("cp1252").split("\r\n")
    assert lines[2] == "2026-03-02;Single-leg bridge;left;2;15;5,5;très bien"
    log = read_log(path, today=TODAY)
    assert log["rpe"].tolist() == [6.5, 5.5] and log["notes"].tolist() == ["café", "très bien"]


def test_refuses_a_value_for_a_column_the_file_lacks(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("date,exercise,side,sets,reps\n")
    with pytest.raises(DataFileError, match="field 'rpe': column is not in this log"):
        append_entries(path, [ENTRY | {"notes": None}], today=TODAY)
    assert path.read_text() == "date,exercise,side,sets,reps\n"


def test_a_bad_entry_writes_nothing_and_names_every_field(tmp_path):
    path = tmp_path / "log.csv"
    append_entries(path, [ENTRY], today=TODAY)
    before = path.read_bytes()
    with pytest.raises(DataFileError) as error:
        append_entries(path, [ENTRY | {"reps": 0, "rpe": 11, "exercise": "Bridge"}],
                       today=TODAY)
    assert [p.field for p in error.value.problems] == ["exercise", "reps", "rpe"]
    assert "closest known: 'Single-leg bridge'" in str(error.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize("text", ["=1+1", "+44 7000", "-2 reps", "@user", "\tx", "\rx", "'=x"])
def test_formula_like_text_is_neutralised_and_reads_back_unchanged(tmp_path, text):
    path = tmp_path / "log.csv"
    append_entries(path, [ENTRY | {"notes": text, "runner": text}], today=TODAY)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert raw["notes"][0] == neutralise(text)
    assert not raw["notes"][0].startswith(("=", "+", "-", "@", "\t", "\r"))
    log = read_log(path, today=TODAY)
    assert log["notes"][0] == text
    assert log["runner"][0] == " ".join(text.split()) or text.startswith(("\t", "\r"))


def test_neutralise_leaves_plain_text_alone():
    assert neutralise("felt good") == "felt good"
    assert neutralise("=A1") == "'=A1"


def test_sample_round_trips_through_writer_and_reader(tmp_path):
    sample = read_log(data_root() / "sample_log.csv")
    write_log(sample, tmp_path / "copy.csv")
    assert (tmp_path / "copy.csv").read_bytes() == (data_root() / "sample_log.csv").read_bytes()
    pd.testing.assert_frame_equal(read_log(tmp_path / "copy.csv"), sample)


def test_failure_before_rename_leaves_the_original_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "log.csv"
    append_entries(path, [ENTRY], today=TODAY)
    before = path.read_bytes()

    def broken_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(log_writer.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        append_entries(path, [ENTRY], today=TODAY)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.csv", "log.csv.lock"]


CRASH = textwrap.dedent("""
    import datetime as dt, os, sys
    from hipkit.log import writing as log_writer
    def crash(source, target):
        # The process dies after the new file is written and synced, before the rename.
        assert open(source, "rb").read().count(b"\\n") == 3
        os._exit(9)
    log_writer.os.replace = crash
    log_writer.append_entries(sys.argv[1], [{"date": "2026-03-03", "exercise":
        "Single-leg bridge", "side": "right", "sets": 2, "reps": 15}],
        today=dt.date(2026, 6, 1))
""")


def test_a_crash_between_write_and_rename_leaves_the_original_intact(tmp_path):
    path = tmp_path / "log.csv"
    append_entries(path, [ENTRY], today=TODAY)
    before = path.read_bytes()
    result = subprocess.run([sys.executable, "-c", CRASH, str(path)], capture_output=True)
    assert result.returncode == 9, result.stderr.decode()
    assert path.read_bytes() == before
    assert len(read_log(path, today=TODAY)) == 1
    # The half-finished file is left aside under a hidden temporary name.
    assert [p.name.startswith(".log.csv.") for p in tmp_path.glob(".*.tmp")] == [True]


WRITER = textwrap.dedent("""
    import sys
    from hipkit.log.writing import append_entries
    path, who = sys.argv[1], sys.argv[2]
    for n in range(200):
        append_entries(path, [{"date": "2026-03-02", "exercise": "Single-leg bridge",
                               "side": "left", "sets": 1, "reps": n + 1, "runner": who}])
""")


def test_two_processes_appending_200_entries_each_all_land(tmp_path):
    path = tmp_path / "club.csv"
    env = os.environ | {"PYTHONDONTWRITEBYTECODE": "1"}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), who], env=env)
               for who in ("ana", "ben")]
    assert [w.wait(timeout=300) for w in writers] == [0, 0]
    log = read_log(path)
    assert len(log) == 400
    for who in ("ana", "ben"):
        assert sorted(log.loc[log["runner"] == who, "reps"]) == list(range(1, 201))
