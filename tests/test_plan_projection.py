"""The plan ahead: expected loads, the projected curve against a hand-written recurrence,
and the plan as an .ics calendar read back by an independent reader (icalendar)."""

from __future__ import annotations

import datetime as dt
import math

import icalendar
import pandas as pd
import pytest

from hipkit.exercises.progression import build_plan
from hipkit.runs.fitness_model import fitness_fatigue
from hipkit.runs.plan_calendar import escape_text, fold_line, write_plan_ics
from hipkit.runs.plan_projection import planned_sessions, project_load, weekly_change
from hipkit.runs.training_load import SESSION_RPE, TRIMP, session_loads

STAMP = dt.datetime(2026, 1, 30, 12, 0, tzinfo=dt.UTC)


def logged_sessions():
    """Two weeks of logged sessions in two units: runs by RPE and one by heart rate."""
    rows = [("2026-01-19", "run", 200.0, SESSION_RPE), ("2026-01-21", "hip work", 90.0,
            SESSION_RPE), ("2026-01-24", "run", 300.0, SESSION_RPE),
            ("2026-01-26", "run", 220.0, SESSION_RPE), ("2026-01-28", "run", 70.0, TRIMP),
            ("2026-01-28", "hip work", 100.0, SESSION_RPE)]
    frame = pd.DataFrame(rows, columns=["date", "kind", "load", "method"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["load"] = frame["load"].astype("Float64")
    return frame


def hand_recurrence(loads, long_days=42, short_days=7):
    """GoldenCheetah's loop over a plain list of daily loads, from 0 the day before."""
    a_long, a_short = math.exp(-1 / long_days), math.exp(-1 / short_days)
    fitness, fatigue, last_long, last_short = [0.0], [0.0], 0.0, 0.0
    for load in loads:
        last_long = load * (1 - a_long) + last_long * a_long
        last_short = load * (1 - a_short) + last_short * a_short
        fitness.append(last_long)
        fatigue.append(last_short)
    return fitness, fatigue


def test_planned_loads_are_effort_times_reps_times_minutes_per_rep():
    plan = build_plan("2026-02-02", weeks=2)
    ahead = planned_sessions(plan, minutes_per_rep=0.08, effort=5)
    assert len(ahead) == plan["session"].nunique() == 6
    # Session reps counted by hand from the plan rows: sets x reps x sides.
    for session, rows in plan.groupby("session"):
        # A plan row is one side (or "both" for the bridge hold): sets x reps each.
        reps = float((rows["sets"] * rows["reps"]).sum())
        row = ahead[ahead["session"] == session].iloc[0]
        assert row["reps"] == reps
        assert abs(row["load"] - 5 * 0.08 * reps) < 1e-9
    assert set(ahead["method"]) == {SESSION_RPE}
    assert ahead.attrs["assumptions"] == ["minutes per repetition: 0.08, as given",
                                          "effort: 5 out of 10, as given"]


def test_planned_loads_take_their_minutes_and_effort_from_the_log_and_say_so():
    log = pd.DataFrame({"date": pd.to_datetime(["2026-01-26"] * 2 + ["2026-01-28"] * 2),
                        "exercise_id": pd.Categorical(["side_lying_hip_circles"] * 4),
                        "side": ["left", "right", "left", "right"], "sets": [3, 3, 3, 3],
                        "reps": [10, 10, 10, 10], "rpe": [4, 4, 6, 6],
                        "duration_min": [3.0, 3.0, 4.0, 2.0]})
    ahead = planned_sessions(build_plan("2026-02-02", weeks=1), log)
    assert ahead["rpe"].tolist() == [5.0] * 3  # median of 4 and 6
    assert abs(ahead["minutes"].iloc[0] / ahead["reps"].iloc[0] - 12.0 / 120) < 1e-12
    assert ahead.attrs["assumptions"][1] == ("effort: 5 out of 10, the median of the last "
                                             "6 logged sessions")
    with pytest.raises(ValueError, match="minutes_per_rep is needed"):
        planned_sessions(build_plan("2026-02-02", weeks=1), effort=5)
    with pytest.raises(ValueError, match="0-10 scale"):
        planned_sessions(build_plan("2026-02-02", weeks=1), minutes_per_rep=0.1, effort=12)


@pytest.mark.parametrize("runs_like_weeks", [0, 1])
def test_projected_fitness_and_fatigue_match_a_hand_written_recurrence(runs_like_weeks):
    logged = logged_sessions()
    plan = build_plan("2026-02-02", weeks=2)
    ahead = planned_sessions(plan, minutes_per_rep=0.09, effort=6)
    table = project_load(logged, ahead, runs_like_weeks=runs_like_weeks)
    model = fitness_fatigue(table["load"], unscored=table["unscored"])
    # The same loads, written out by hand: the logged session-RPE days (the TRIMP run
    # is not in this series), then each planned day's load, 0 between sessions.
    days = pd.date_range("2026-01-19", "2026-02-13")
    logged_rpe = {"2026-01-19": 200.0, "2026-01-21": 90.0, "2026-01-24": 300.0,
                  "2026-01-26": 220.0, "2026-01-28": 100.0}
    # Runs ahead repeat the last 7 days' run load weekday by weekday (Thu 22 to Wed 28
    # January: Saturday 300, Monday 220, the rest 0), when asked.
    planned = {pd.Timestamp(d).strftime("%Y-%m-%d"): 6 * 0.09 * r
               for d, r in zip(ahead["date"], ahead["reps"], strict=True)}
    loads = []
    for day in days:
        key = day.strftime("%Y-%m-%d")
        if day <= pd.Timestamp("2026-01-28"):
            loads.append(logged_rpe.get(key, 0.0))
        else:
            run = {0: 220.0, 5: 300.0}.get(day.day_of_week, 0.0) if runs_like_weeks else 0.0
            loads.append(planned.get(key, 0.0) + run)
    fitness, fatigue = hand_recurrence(loads)
    assert list(model.index[1:len(days) + 1]) == list(days)
    assert max(abs(a - b) for a, b in zip(model["fitness"].iloc[:len(days) + 1], fitness,
                                          strict=True)) < 1e-9
    assert max(abs(a - b) for a, b in zip(model["fatigue"].iloc[:len(days) + 1], fatigue,
                                          strict=True)) < 1e-9
    assert table.loc["2026-01-28", "planned"] == False  # noqa: E712
    assert table.loc["2026-01-29":, "planned"].all()
    assert table["runs_assumed"].any() == bool(runs_like_weeks)


def test_a_trimp_series_projects_runs_only():
    table = project_load(logged_sessions(), planned_sessions(
        build_plan("2026-02-02", weeks=1), minutes_per_rep=0.1, effort=5),
        method=TRIMP, runs_like_weeks=1)
    assert table.loc["2026-01-29":, "hip_load"].sum() == 0.0
    # The TRIMP run of Wednesday 28 January repeats on the Wednesdays ahead.
    assert table.loc["2026-02-04", "run_load"] == 70.0


def test_the_plan_rises_53_then_34_percent_week_on_week():
    change = weekly_change(build_plan("2026-02-02", weeks=4))
    assert change["volume"].tolist() == [570, 870, 1170, 1170]
    assert [round(c, 3) for c in change["change"].iloc[1:]] == [0.526, 0.345, 0.0]


def test_the_calendar_parses_with_icalendar_one_event_per_planned_session(tmp_path):
    plan = build_plan("2026-02-02", weeks=2, runner="Ana; O'Neil, \\ \"x\"\nnew")
    minutes = planned_sessions(plan, minutes_per_rep=0.085, effort=5).set_index(
        "session")["minutes"]
    path = write_plan_ics(plan, tmp_path / "plan.ics", minutes=minutes, start_time="18:30",
                          stamp=STAMP)
    raw = path.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == plan["session"].nunique() == 6
    starts = [event.decoded("DTSTART") for event in events]
    expected = [dt.datetime.combine(d.date(), dt.time(18, 30))
                for d in plan.groupby("session")["date"].first()]
    assert starts == expected and all(start.tzinfo is None for start in starts)
    assert [event.decoded("DURATION") for event in events] == [
        dt.timedelta(minutes=math.ceil(m)) for m in minutes]
    # User text comes back exactly as typed, escaping undone by the other reader.
    assert str(events[0]["SUMMARY"]) == ("Hip session 1 of 6 (week 1): "
                                         "Ana; O'Neil, \\ \"x\"\nnew")
    description = str(events[0]["DESCRIPTION"])
    assert "Single-leg bridge" in description or "bridge" in description.lower()
    assert "physiotherapist" in description
    alarms = list(events[0].walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == -dt.timedelta(minutes=30)
    assert len({str(event["UID"]) for event in events}) == 6


def test_a_failed_calendar_write_leaves_the_old_file(tmp_path):
    path = tmp_path / "plan.ics"
    path.write_bytes(b"old")
    with pytest.raises(ValueError, match="start_time must be HH:MM"):
        write_plan_ics(build_plan("2026-02-02", weeks=1), path, start_time="7pm")
    assert path.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [path]


def test_escaping_and_folding_follow_rfc_5545():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    folded = fold_line("X:" + "ü" * 100)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "X:" + "ü" * 100


def test_session_loads_feed_the_projection_from_real_tables():
    runs = pd.DataFrame({"start": pd.to_datetime(["2026-01-26 06:00"]), "type": ["Run"],
                         "moving_min": [40.0], "elapsed_min": [42.0], "avg_hr": [pd.NA],
                         "rpe": [5.0]})
    sessions = session_loads(runs)
    table = project_load(sessions, planned_sessions(build_plan("2026-02-02", weeks=1),
                                                    minutes_per_rep=0.1, effort=5))
    assert table.loc["2026-02-02", "run_load"] == 200.0  # Monday's run, repeated
    assert table.loc["2026-02-02", "hip_load"] == 5 * 0.1 * 190


def test_runs_ahead_stay_unknown_where_the_logged_runs_were_unscored():
    logged = pd.DataFrame({"date": pd.to_datetime(["2026-01-19", "2026-01-26", "2026-01-28"]),
                           "kind": ["run"] * 3,
                           "load": pd.array([100.0, None, 150.0], dtype="Float64"),
                           "method": [SESSION_RPE, "none", SESSION_RPE]})
    ahead = planned_sessions(build_plan("2026-02-02", weeks=1), minutes_per_rep=0.1,
                             effort=5)
    table = project_load(logged, ahead, runs_like_weeks=1)
    monday, wednesday, thursday = (pd.Timestamp(d) for d in
                                   ("2026-02-02", "2026-02-04", "2026-02-05"))
    assert pd.isna(table.loc[monday, "run_load"])  # Monday's run was unscored
    assert table.loc[monday, "unscored"] == 1
    assert table.loc[monday, "load"] == 95.0  # the planned hip session, the known part
    assert table.loc[wednesday, "run_load"] == 150.0
    assert table.loc[thursday, "load"] == 0.0  # no run logged on a Thursday: a rest
    model = fitness_fatigue(table["load"], unscored=table["unscored"])
    assert model.loc[monday, "leaves_out"] == 2
