"""Where a log is written: a mistyped folder, a folder given as the log, the umask,
a crash mid-write and an empty append, each as a runner would meet them."""

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from hipkit.errors import DataFileError
from hipkit.log.reading import read_log
from hipkit.log.writing import NothingAppendedWarning, append_entries, read_log_template, write_log

TODAY = dt.date(2026, 6, 1)
ENTRY = {"date": dt.date(2026, 3, 2), "exercise": "Single-leg bridge", "side": "left",
         "sets": 2, "reps": 15}


def test_a_log_in_a_missing_folder_is_refused_naming_the_users_path(tmp_path):
    given = tmp_path / "trainign" / "my_log.csv"  # a typo in the folder's name
    with pytest.raises(DataFileError) as error:
        append_entries(given, [ENTRY], today=TODAY)
    assert str(error.value).splitlines()[1] == (
        f"- {given}, field '(whole file)': cannot be written: the folder "
        f"'{tmp_path / 'trainign'}' does not exist (a typo in the path?); create it first")
    assert list(tmp_path.iterdir()) == []  # no folder, no lock, no log made


def test_writing_a_log_into_a_missing_folder_names_the_path_not_a_temp_file(tmp_path):
    given = tmp_path / "missing" / "template.csv"
    with pytest.raises(DataFileError) as error:
        write_log(read_log_template(), given)
    assert str(given) in str(error.value)
    assert ".tmp" not in str(error.value)


@pytest.mark.parametrize("write", ["append", "write_log"])
def test_a_folder_given_as_the_log_is_refused_naming_it(tmp_path, write):
    folder = tmp_path / "logs"
    folder.mkdir()
    with pytest.raises(DataFileError) as error:
        if write == "append":
            append_entries(folder, [ENTRY], today=TODAY)
        else:
            write_log(read_log_template(), folder)
    assert str(error.value).splitlines()[1] == (
        f"- {folder}, field '(whole file)': is a folder, not a log file; give the path of "
        "a .csv file (e.g. inside it: my_log.csv)")
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logs"]


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_a_new_log_gets_the_permissions_the_umask_gives(tmp_path, umask):
    old = os.umask(umask)
    try:
        append_entries(tmp_path / "log.csv", [ENTRY], today=TODAY)
    finally:
        os.umask(old)
    assert (tmp_path / "log.csv").stat().st_mode & 0o777 == 0o666 & ~umask


def test_an_existing_log_keeps_its_own_permissions(tmp_path):
    path = tmp_path / "log.csv"
    append_entries(path, [ENTRY], today=TODAY)
    path.chmod(0o640)
    append_entries(path, [ENTRY], today=TODAY)
    assert path.stat().st_mode & 0o777 == 0o640


def test_appending_no_entries_leaves_the_log_untouched_and_says_so(tmp_path):
    path = tmp_path / "log.csv"
    append_entries(path, [ENTRY], today=TODAY)
    before = path.read_bytes(), path.stat().st_mtime_ns
    with pytest.warns(NothingAppendedWarning, match="no entries given, nothing appended"):
        saved = append_entries(path, [], today=TODAY)
    assert saved.shape == (0, read_log_template().shape[1])
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    with pytest.warns(NothingAppendedWarning):
        append_entries(tmp_path / "new.csv", [], today=TODAY)
    assert not (tmp_path / "new.csv").exists()


def test_a_write_killed_mid_way_leaves_no_temp_file_once_the_log_is_used_again(tmp_path):
    path = tmp_path / "log.csv"
    append_entries(path, [ENTRY], today=TODAY)
    before = path.read_bytes()
    # A second notebook killed after writing its temporary file, before the rename.
    script = textwrap.dedent(f"""
        import datetime, os, signal
        from hipkit.log import writing as log_writer
        def killed(*args):
            os.kill(os.getpid(), signal.SIGKILL)
        log_writer.os.replace = killed
        log_writer.append_entries({str(path)!r}, [{ENTRY!r}], today={TODAY!r})
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert run.returncode == -signal.SIGKILL
    assert path.read_bytes() == before  # the log itself is whole
    assert [p.name for p in tmp_path.glob("*.tmp")] != []  # what the crash left
    append_entries(path, [{**ENTRY, "sets": 3}], today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.csv", "log.csv.lock"]
    assert len(read_log(path, today=TODAY)) == 2


@pytest.mark.parametrize("out", ["missing/dashboard.html", "."])
def test_a_dashboard_written_to_a_missing_folder_or_a_folder_names_that_path(
        tmp_path, capsys, monkeypatch, out):
    from hipkit import cli
    from hipkit.exercises.data_files import data_root

    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        cli.main(["dashboard", str(data_root() / "sample_group"), "--out", out,
                  "--as-of", "2026-03-06"])
    assert stop.value.code == 2
    error = capsys.readouterr().err.strip()
    assert error == "python -m hipkit dashboard: error: cannot write " + (
        "missing/dashboard.html: the folder 'missing' does not exist (a typo in the path?)"
        if out != "." else ".: it is a folder; give a file name inside it")
    assert list(tmp_path.iterdir()) == []  # no temporary file, no folder
