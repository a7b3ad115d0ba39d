"""The command line writes a readable PDF and explains itself."""

import datetime as dt
import subprocess
import sys

import pytest
from pypdf import PdfReader

from hipkit.cli import main, next_monday
from hipkit.exercises.data_files import data_root

SAMPLE = data_root() / "sample_group"


def test_handout_command_writes_the_pdf(tmp_path, capsys):
    out = tmp_path / "sam.pdf"
    status = main(["handout", "--runner", "Sam <Okafor> & Co", "--weeks", "4", "--out",
                   str(out), "--paper", "letter", "--start", "2026-02-02", "--band", "Green"])
    assert status == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 6
    assert round(float(reader.pages[0].mediabox[2]) / 72, 2) == 8.5
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Sam <Okafor> & Co" in cover and "4 weeks, 3 sessions a week" in cover
    assert "2 Feb 2026 to 27 Feb 2026" in cover
    assert capsys.readouterr().out == f"Wrote {out}: 6 pages, 4 weeks from 02 Feb 2026.\n"


def test_start_defaults_to_the_next_monday(tmp_path, capsys):
    out = tmp_path / "plan.pdf"
    main(["handout", "--runner", "Sam", "--out", str(out), "--sessions-per-week", "2"],
         today=dt.date(2026, 3, 4))
    assert "6 weeks from 09 Mar 2026" in capsys.readouterr().out
    assert next_monday(dt.date(2026, 3, 8)) == dt.date(2026, 3, 9)


@pytest.mark.parametrize(("args", "message"), [
    (["--start", "02/03/2026"], "not a date like 2026-03-02: '02/03/2026'"),
    (["--weeks", "0"], "must be 1 or more, got 0"),
    (["--paper", "a5"], "invalid choice: 'a5'"),
    (["--sessions-per-week", "8"], "sessions_per_week must be 1 to 7, got 8"),
])
def test_bad_arguments_exit_with_a_message(tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as stop:
        main(["handout", "--runner", "Sam", "--out", str(tmp_path / "x.pdf"), *args],
             today=dt.date(2026, 3, 4))
    assert stop.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_help_lists_every_option():
    done = subprocess.run([sys.executable, "-m", "hipkit", "handout", "--help"],
                          capture_output=True, text=True, check=True)
    for option in ("--runner", "--weeks", "--out", "--paper", "--start",
                   "--sessions-per-week", "--band"):
        assert option in done.stdout
    assert "{a4,letter}" in done.stdout
    top = subprocess.run([sys.executable, "-m", "hipkit", "--help"], capture_output=True,
                         text=True, check=True)
    assert "handout" in top.stdout and "printable plan" in top.stdout


def test_a_group_gets_one_pdf_each_in_one_run(tmp_path, capsys):
    names = tmp_path / "names.csv"
    names.write_text("Name,Email\nAna Souza,a@example.org\nΚαλλιόπη Ζ.,k@example.org\n"
                     "Ёлкина,e@example.org\n", encoding="utf-8")
    out = tmp_path / "handouts"
    assert main(["handout", "--names", str(names), "--runner", "Ben", "--weeks", "2",
                 "--out", str(out), "--start", "2026-02-02"]) == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == ["ana_souza.pdf", "ben.pdf", "καλλιόπη_ζ.pdf", "ёлкина.pdf"]
    cover = PdfReader(out / "καλλιόπη_ζ.pdf").pages[0].extract_text()
    assert "Καλλιόπη Ζ." in cover
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 4 and printed[0].endswith("(Ben)")


def test_a_folder_of_logs_gives_its_runners_plans(tmp_path, capsys):
    out = tmp_path / "plans"
    assert main(["handout", "--group", str(SAMPLE), "--weeks", "1", "--out", str(out),
                 "--start", "2026-02-02"]) == 0
    assert len(list(out.glob("*.pdf"))) == 11  # the twelfth log is broken and reported
    assert "Skipped kit_lawson.csv" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["--runner", "Sam", "--weeks", "1000"], "at most 52 weeks (a year), got 1000"),
    (["--runner", "   "], "runner name is empty"),
    (["--runner", "A" * 400], "runner name is 400 characters long; at most 150"),
    (["--runner", "李小龙"], "has letters the handout's font (DejaVu Sans) cannot print"),
    (["--runner", "שרה כהן"], "is written right to left"),
    (["--runner", "Ana", "--runner", "Ben"], "2 runners need one each: give a folder"),
    ([], "give a runner"),
])
def test_inputs_out_of_bounds_are_refused_before_writing(tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as stop:
        main(["handout", "--out", str(tmp_path / "x.pdf"), *args], today=dt.date(2026, 3, 4))
    assert stop.value.code == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
