"""A workshop group: loading a folder with a broken file, the flags, and the dashboard."""

import datetime as dt

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from hipkit.coach.dashboard import (
    export_csv,
    flags_html,
    plot_adherence_heatmap,
    plot_group_totals,
)
from hipkit.coach.group import (
    group_adherence,
    group_flags,
    group_weekly_totals,
    load_group,
    pain_rising,
    skipped_sides,
)
from hipkit.errors import DataFileError, Problem
from hipkit.exercises.data_files import data_root
from hipkit.exercises.progression import build_plan
from hipkit.log.many_logs import read_logs
from hipkit.log.pain_warnings import pain_warning
from hipkit.log.reading import check_log, read_log, records_to_raw
from hipkit.log.writing import write_log

AS_OF = dt.date(2026, 3, 6)
PLAN = build_plan(dt.date(2026, 2, 2))
SAMPLE = data_root() / "sample_group"


@pytest.fixture
def folder(tmp_path):
    """Two good logs, one broken file and a file that is not a log."""
    good = [{"date": "2026-03-02", "runner": "Ana", "exercise": "single_leg_bridge",
             "side": side, "sets": 2, "reps": 15, "pain": pain, "rpe": 5}
            for side, pain in (("left", 0), ("right", 0))]
    write_log(check_log(records_to_raw(good), "ana", today=AS_OF), tmp_path / "ana.csv")
    nameless = [{**row, "runner": None, "date": "2026-02-20"} for row in good]
    write_log(check_log(records_to_raw(nameless), "x", today=AS_OF), tmp_path / "ben_k.csv")
    (tmp_path / "broken.csv").write_text(
        "date,exercise,side,sets,reps\n2026-03-02,Single-leg bridge,left,two,15\n")
    (tmp_path / "readme.txt").write_text("not a log")
    return tmp_path


def test_broken_file_is_reported_by_name_and_the_rest_load(folder):
    group = load_group(folder, as_of=AS_OF)
    assert sorted(group.logs) == ["Ana", "ben_k"]  # no runner column value: the file name
    assert group.files == {"Ana": "ana.csv", "ben_k": "ben_k.csv"}
    assert list(group.problems) == ["broken.csv"]
    message = group.problems["broken.csv"]
    assert "broken.csv, row 2, field 'sets': must be a whole number of 1 or more" in message
    assert "(got 'two')" in message


def test_a_report_for_a_past_day_leaves_out_what_was_logged_after_it(folder):
    # Ana logged on 2 March; the coach re-runs the report of 25 February.
    group = load_group(folder, as_of=dt.date(2026, 2, 25))
    assert list(group.problems) == ["broken.csv"]
    assert len(group.logs["Ana"]) == 0 and len(group.logs["ben_k"]) == 2
    flags = group_flags(group, PLAN, as_of=dt.date(2026, 2, 25)).set_index("runner")
    assert pd.isna(flags.loc["Ana", "last_logged"]) and flags.loc["Ana", "not_logging"]


def test_entries_after_the_real_today_are_still_refused(folder):
    (folder / "cal.csv").write_text("date,runner,exercise,side,sets,reps\n"
                                    "2026-12-02,Cal,Single-leg bridge,left,2,15\n")
    group = load_group(folder, as_of=AS_OF)
    assert "cal.csv" in group.problems and "Cal" not in group.logs


def test_sample_group_loads_eleven_and_reports_the_malformed_file():
    group = load_group(SAMPLE, as_of=AS_OF)
    assert len(group.logs) == 11 and len(list(SAMPLE.glob("*.csv"))) == 12
    assert list(group.problems) == ["kit_lawson.csv"]
    text = group.problems["kit_lawson.csv"]
    assert "3 problems" in text and "'31/02/2026'" in text and "'Hip thrusts'" in text
    assert "must be a pain score from 0 to 10 (got '12')" in text


def test_flags_on_the_sample_group():
    flags = group_flags(load_group(SAMPLE, as_of=AS_OF), PLAN, as_of=AS_OF).set_index("runner")
    assert flags.index[0] == "Dana Whitfield"  # furthest behind first
    dana = flags.loc["Dana Whitfield"]
    assert dana["last_logged"] == pd.Timestamp("2026-02-11") and dana["days_since"] == 23
    assert bool(dana["not_logging"]) and dana["planned_sessions"] == 15
    assert flags.index[flags["not_logging"]].tolist() == ["Dana Whitfield", "Gus Lindqvist"]
    assert flags.index[flags["pain_rising"]].tolist() == ["Tom Brennan"]
    assert flags.loc["Priya Raman", "side_skipped"] == "left"
    assert (flags.drop(index="Priya Raman")["side_skipped"] == "").all()
    assert flags["sessions_pct"].is_monotonic_increasing
    assert (flags["behind"] == flags["planned_sessions"] - flags["done_sessions"]).all()


def test_quiet_days_is_a_parameter():
    group = load_group(SAMPLE, as_of=AS_OF)
    flags = group_flags(group, PLAN, as_of=AS_OF, quiet_days=30)
    assert not flags["not_logging"].any()


def pain_log(*pains, exercise="single_leg_bridge"):
    dates = pd.date_range("2026-03-02", periods=len(pains), freq="2D")
    return pd.DataFrame({"date": dates, "exercise_id": exercise, "side": "left",
                         "pain": pains})


def test_pain_rising_is_a_rise_at_each_of_the_last_sessions():
    assert pain_rising(pain_log(0.0, 1.0, 3.0))
    assert pain_rising(pain_log(5.0, 0.0, 1.0, 3.0))  # only the last three count
    assert not pain_rising(pain_log(0.0, 3.0, 1.0))
    assert not pain_rising(pain_log(2.0, 2.0, 2.0))
    assert not pain_rising(pain_log(1.0, 1.0, 2.0))  # a level step is not a rise
    assert not pain_rising(pain_log(1.0, 2.0))  # too few sessions to call it a trend
    assert not pain_rising(pain_log(0.0, 1.0, 3.0, 1.0))  # it fell again since


def test_the_coach_flag_and_the_runners_form_warn_on_the_same_sessions():
    """One rule: the flag stands exactly when the form's last warning says "rising"."""
    for pains in [(0.0, 1.0, 3.0), (1.0, 1.0, 2.0), (2.0, 3.0, 4.0, 4.0), (3.0, 4.0, 7.0),
                  (0.0, 2.0), (4.0, 2.0, 3.0, 5.0)]:
        form = pain_warning(list(pains[:-1]), pains[-1]) or ""
        assert pain_rising(pain_log(*pains)) == ("rising" in form), pains


def test_pain_rising_is_judged_per_exercise():
    two = pd.concat([pain_log(0.0, 1.0, 3.0),
                     pain_log(3.0, 1.0, 0.0, exercise="side_lying_hip_circles")])
    assert pain_rising(two)
    mixed = pd.concat([pain_log(0.0, 1.0), pain_log(2.0, exercise="side_lying_hip_circles")])
    assert not pain_rising(mixed.sort_values("date"))  # a rise across exercises is not one


def test_skipped_sides_reads_each_sided_exercises():
    priya = read_log(SAMPLE / "priya_raman.csv", today=AS_OF)
    assert skipped_sides(priya) == "left"
    assert skipped_sides(read_log(SAMPLE / "ana_souza.csv", today=AS_OF)) == ""


def test_group_tables_and_charts():
    group = load_group(SAMPLE, as_of=AS_OF)
    table = group_adherence(group, PLAN, as_of=AS_OF)
    assert len(table) == 11 * 5
    dana = table[table["runner"] == "Dana Whitfield"]
    assert dana["done_sessions"].tolist() == [1, 2, 0, 0, 0]
    totals = group_weekly_totals(table)
    assert totals["planned_sessions"].tolist() == [33] * 5
    assert totals["done_sessions"].sum() == table["done_sessions"].sum()

    order = group_flags(group, PLAN, as_of=AS_OF)["runner"].tolist()
    ax = plot_adherence_heatmap(table, order)
    assert [t.get_text() for t in ax.get_yticklabels()] == order
    assert ax.images[0].get_array().shape == (11, 5)
    assert ax.texts[0].get_text() == "33%" and len(ax.texts) == 55
    bars = plot_group_totals(totals)
    assert [round(p.get_height()) for p in bars.patches] == totals["done_sessions"].tolist()
    assert bars.lines[0].get_ydata().tolist() == [33] * 5
    plt.close("all")


def test_html_escapes_names_notes_and_file_problems():
    flags = pd.DataFrame({"runner": ["Sam <Fast> Okafor"], "sessions_pct": [73.3],
                          "behind": [4], "days_since": [0], "not_logging": [False],
                          "pain_rising": [True], "side_skipped": ["left"],
                          "notes": ["<script>alert(1)</script> & co"]})
    page = flags_html(flags, {"<b>.csv": "row 2 <bad>"})
    assert "Sam &lt;Fast&gt; Okafor" in page and "<Fast>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "<script>" not in page
    assert "pain rising, skips left side" in page
    assert "Could not read &lt;b&gt;.csv" in page and "row 2 &lt;bad&gt;" in page


def test_csv_export_neutralises_formulas(tmp_path):
    flags = group_flags(load_group(SAMPLE, as_of=AS_OF), PLAN, as_of=AS_OF)
    sam = flags.index[flags["runner"] == "Sam Okafor"][0]
    flags.loc[sam, "notes"] = "=2 sets felt easy, ask coach <b>today</b>"
    extra = pd.DataFrame({"runner": ["+1 set", "@coach", "-dash", "\tTab", "\rCR", "Jo"],
                          "behind": [1, 2, -3, 4, 5, 6]})
    out = tmp_path / "flags.csv"
    export_csv(pd.concat([flags[["runner", "notes"]].assign(behind=flags["behind"]),
                          extra]), out)
    back = pd.read_csv(out, keep_default_na=False)
    assert back.loc[sam, "notes"] == "'=2 sets felt easy, ask coach <b>today</b>"
    assert back["runner"].tail(6).tolist() == ["'+1 set", "'@coach", "'-dash", "'\tTab",
                                               "'\rCR", "Jo"]
    assert back["behind"].tail(6).tolist() == [1, 2, -3, 4, 5, 6]  # numbers stay numbers
    for cell in back.astype(str).to_numpy().ravel():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell.lstrip("-").isdigit()


def test_sample_generator_is_deterministic(tmp_path, monkeypatch):
    import scripts.make_sample_group as generator

    monkeypatch.setattr(generator, "FOLDER", tmp_path)
    generator.main()
    for path in sorted(SAMPLE.glob("*.csv")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_any_unreadable_entry_is_reported_by_name_and_the_rest_load(folder):
    # What a shared club folder collects: a link to a log since deleted, two links to
    # each other, a folder named like a log, a photo renamed .csv, a corrupt workbook.
    (folder / "gone.csv").symlink_to(folder / "deleted.csv")
    (folder / "loop_a.csv").symlink_to(folder / "loop_b.csv")
    (folder / "loop_b.csv").symlink_to(folder / "loop_a.csv")
    (folder / "archive.csv").mkdir()
    (folder / "photo.csv").write_bytes(bytes(range(256)) * 40)
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (folder / "~$sheet.xlsx").write_bytes(b"Excel lock file")
    group = load_group(folder, as_of=AS_OF)
    assert sorted(group.logs) == ["Ana", "ben_k"]
    problems = group.problems
    assert sorted(problems) == ["archive.csv", "broken.csv", "gone.csv", "loop_a.csv",
                                "loop_b.csv", "photo.csv", "sheet.xlsx"]
    # Each told as every other bad file is: DataFileError's text, file and field named.
    assert problems["gone.csv"] == str(DataFileError([
        Problem("gone.csv", "(whole file)", "is a link to a file that does not exist")]))
    assert "link loop" in problems["loop_a.csv"]
    assert problems["archive.csv"] == (
        "1 problem in the data:\n- archive.csv, field '(whole file)': is a folder, not a log "
        "file")
    assert "photo.csv" in problems["photo.csv"] and "sheet.xlsx" in problems["sheet.xlsx"]


def test_a_file_the_coach_may_not_read_is_reported(folder, monkeypatch):
    real_open = open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("ana.csv"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    group = load_group(folder, as_of=AS_OF)
    assert group.problems["ana.csv"] == (
        "1 problem in the data:\n- ana.csv, field '(whole file)': cannot be read: "
        "Permission denied")
    assert "ben_k" in group.logs


def test_a_file_holding_several_runners_is_split_per_runner(tmp_path):
    rows = [{"date": "2026-03-02", "runner": name, "exercise": "single_leg_bridge",
             "side": "left", "sets": 2, "reps": reps}
            for name, reps in (("Ana", 15), ("Ben", 10), ("Ana", 12))]
    write_log(check_log(records_to_raw(rows), "x", today=AS_OF), tmp_path / "club.csv")
    group = load_group(tmp_path, as_of=AS_OF)
    assert sorted(group.logs) == ["Ana", "Ben"] and not group.problems
    assert group.logs["Ana"]["reps"].tolist() == [15, 12]
    assert group.logs["Ben"]["reps"].tolist() == [10]
    assert group.files == {"Ana": "club.csv", "Ben": "club.csv"}


def test_several_runners_with_unnamed_rows_are_reported_not_guessed(tmp_path):
    rows = [{"date": "2026-03-02", "runner": name, "exercise": "single_leg_bridge",
             "side": "left", "sets": 2, "reps": 15} for name in ("Ana", "Ben", None)]
    write_log(check_log(records_to_raw(rows), "x", today=AS_OF), tmp_path / "club.csv")
    group = load_group(tmp_path, as_of=AS_OF)
    assert not group.logs
    assert group.problems["club.csv"].startswith(
        "1 problem in the data:\n- club.csv, field 'runner': holds several runners (Ana, Ben) "
        "and 1 rows naming none")


def test_runner_names_with_dollar_signs_are_drawn_as_written(tmp_path):
    table = pd.DataFrame({"runner": ["Sam $x^2$", "Jo $\\frac$", "Ben"], "week": [1, 1, 1],
                          "sessions_pct": [50.0, 100.0, 0.0]})
    ax = plot_adherence_heatmap(table)
    ax.figure.savefig(tmp_path / "heatmap.png")  # as mathtext, "$\frac$" fails to draw
    labels = ax.get_yticklabels()
    assert [t.get_text() for t in labels] == ["Ben", "Jo $\\frac$", "Sam $x^2$"]
    assert not any(t.get_parse_math() for t in labels)
    plt.close("all")


def test_a_big_club_heatmap_drops_cell_labels_but_keeps_every_name():
    runners = [f"Runner {n:03d}" for n in range(60)]
    table = pd.DataFrame({"runner": np.repeat(runners, 52), "week": np.tile(range(1, 53), 60),
                          "sessions_pct": 50.0})
    ax = plot_adherence_heatmap(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == runners
    assert len(ax.texts) == 0 and ax.images[0].get_array().shape == (60, 52)
    plt.close("all")


def test_flags_can_reuse_the_adherence_table():
    group = load_group(SAMPLE, as_of=AS_OF)
    table = group_adherence(group, PLAN, as_of=AS_OF)
    assert group_flags(group, PLAN, as_of=AS_OF, adherence=table).equals(
        group_flags(group, PLAN, as_of=AS_OF))


def test_reading_many_logs_at_once_gives_what_reading_each_gives(tmp_path):
    rows = [{"date": f"2026-02-{day:02d}", "runner": "Ana", "exercise": "single_leg_bridge",
             "side": "left", "sets": 2, "reps": 15, "rpe": 5, "notes": "ok, fine"}
            for day in range(2, 20, 2)]
    write_log(check_log(records_to_raw(rows), "x", today=AS_OF), tmp_path / "ana.csv")
    (tmp_path / "ben.csv").write_text(  # day-first dates, few columns, an empty row
        "Date,Exercise,Side,Sets,Reps\n03/02/2026,Single-leg bridge,right,2,15\n,,,,\n"
        "05/02/2026,Glute-switch bridge hold,both,1,10\n")
    (tmp_path / "cy.csv").write_text(  # a European export: ; and decimal commas
        "date;exercise;side;sets;reps;rpe\n2026-02-03;Single-leg bridge;left;2;15;5,5\n")
    (tmp_path / "bad.csv").write_text(
        "date,exercise,side,sets,reps\n2026-02-03,Single-leg bridge,left,0,15\n")
    paths = sorted(tmp_path.glob("*.csv"))
    logs, errors = read_logs(paths, today=AS_OF)
    assert [p.name for p in logs] == ["ana.csv", "ben.csv", "cy.csv"]
    for path in logs:
        pd.testing.assert_frame_equal(logs[path], read_log(path, today=AS_OF))
    with pytest.raises(DataFileError) as one_by_one:
        read_log(tmp_path / "bad.csv", today=AS_OF)
    assert str(errors[tmp_path / "bad.csv"]) == str(one_by_one.value)


@pytest.mark.parametrize(("files", "why"), [
    ({}, r"the folder has no log file \(\.csv, \.xlsx or \.xlsm\)"),
    ({"notes.txt": "not a log"}, r"the folder has no log file"),
    ({"kit.csv": "date,exercise\n2026-02-31,x\n"}, r"1 file could not be read \(kit\.csv\)"),
])
def test_an_empty_group_is_refused_with_a_clear_message(tmp_path, files, why):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    group = load_group(tmp_path, as_of=AS_OF)
    for report in (group_flags, group_adherence):
        with pytest.raises(ValueError, match="^the group holds no runner's log to report on: "
                           + why):
            report(group, PLAN, as_of=AS_OF)


def test_a_workbook_with_macros_is_read_like_any_log(tmp_path):
    rows = [{"Date": dt.datetime(2026, 3, 2), "Runner": "Ana", "Exercise": "Single-leg bridge",
             "Side": "left", "Sets": 2, "Reps": 15}]
    pd.DataFrame(rows).to_excel(tmp_path / "ana.xlsm", index=False)
    group = load_group(tmp_path, as_of=AS_OF)
    assert group.files == {"Ana": "ana.xlsm"} and not group.problems
