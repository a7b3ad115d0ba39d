"""Log against plan, on a fixture whose answer is worked out by hand."""

import datetime as dt

import pandas as pd

from hipkit.exercises.progression import build_plan
from hipkit.log.adherence import adherence, adherence_summary, plan_weeks
from hipkit.log.reading import check_log, records_to_raw

PLAN = build_plan(dt.date(2026, 2, 2), weeks=2)  # Mon/Wed/Fri, 570 then 870 reps a week


def as_log(rows):
    return check_log(records_to_raw(rows), "fixture", today=dt.date(2026, 6, 1))


def planned_rows(session):
    rows = PLAN[PLAN["session"] == session]
    return [{"date": r.date.date(), "exercise": str(r.exercise_id), "side": r.side,
             "sets": r.sets, "reps": r.reps} for r in rows.itertuples()]


# Week 1: sessions 1 and 2 as planned. Week 2: one day, single-leg bridge only (3 x 15 a
# side = 90 reps). A stray entry before the plan starts is ignored.
LOG = as_log(planned_rows(1) + planned_rows(2) + [
    {"date": "2026-02-11", "exercise": "single_leg_bridge", "side": "left", "sets": 3,
     "reps": 15},
    {"date": "2026-02-11", "exercise": "single_leg_bridge", "side": "right", "sets": 3,
     "reps": 15},
    {"date": "2026-01-30", "exercise": "single_leg_bridge", "side": "left", "sets": 2,
     "reps": 15},
])


def test_weekly_adherence_known_answer():
    table = adherence(LOG, PLAN)
    assert table["week"].tolist() == [1, 2]
    assert table["week_start"].dt.date.tolist() == [dt.date(2026, 2, 2), dt.date(2026, 2, 9)]
    assert table["planned_sessions"].tolist() == [3, 3]
    assert table["done_sessions"].tolist() == [2, 1]
    assert table["sessions_pct"].tolist() == [66.7, 33.3]
    assert table["planned_volume"].tolist() == [570, 870]
    assert table["done_volume"].tolist() == [380, 90]
    assert table["volume_pct"].tolist() == [66.7, 10.3]
    assert table.loc[0, "missed_exercises"] == ""
    assert table.loc[1, "missed_exercises"] == \
        "Side-lying hip circles; Standing banded hip abduction; Glute-switch bridge hold"
    assert table["followed"].tolist() == [False, False]


def test_as_of_counts_only_sessions_planned_so_far():
    table = adherence(LOG, PLAN, as_of="2026-02-04")
    assert table["week"].tolist() == [1]
    assert table[["planned_sessions", "done_sessions", "sessions_pct"]].values.tolist() == \
        [[2, 2, 100.0]]
    assert table["followed"].tolist() == [True]


def test_summary_adds_up_the_weeks():
    summary = adherence_summary(adherence(LOG, PLAN))
    assert summary.to_dict() == {"planned_sessions": 6, "done_sessions": 3,
                                 "sessions_pct": 50.0, "weeks_followed": 0}


def test_doing_the_whole_plan_follows_the_progression():
    log = as_log([row for session in range(1, 7) for row in planned_rows(session)])
    table = adherence(log, PLAN)
    assert table["sessions_pct"].tolist() == [100.0, 100.0]
    assert table["followed"].all() and (table["done_volume"] == table["planned_volume"]).all()


def test_plan_weeks_counts_from_the_first_session():
    dates = pd.Series(pd.to_datetime(["2026-02-01", "2026-02-08", "2026-02-09"]))
    assert plan_weeks(dates, pd.Timestamp("2026-02-02")).tolist() == [0, 1, 2]
