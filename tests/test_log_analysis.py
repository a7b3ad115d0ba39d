"""Log summaries, checked against sums worked out by hand."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from hipkit.exercises.data_files import data_root
from hipkit.log.analysis import (
    effort_trend,
    session_load,
    sessions_per_week,
    side_balance,
    streaks,
    volume,
    week_start,
    weekly_load,
    weekly_muscle_volume,
    weekly_volume,
)
from hipkit.log.reading import check_log, read_log, records_to_raw


def make_log(*rows):
    keys = ("date", "exercise", "side", "sets", "reps", "rpe", "pain", "duration_min")
    records = [dict(zip(keys, row, strict=False)) for row in rows]
    return check_log(records_to_raw(records), "test", today=dt.date(2026, 6, 1))


LOG = make_log(
    # Monday 2 March (week 1)
    ("2026-03-02", "single_leg_bridge", "left", 2, 15, 5, 1, 10),
    ("2026-03-02", "single_leg_bridge", "right", 2, 12, 5, 3, 10),
    ("2026-03-02", "standing_hip_abduction", "both", 2, 15, 5, 0, 5),
    ("2026-03-04", "glute_switch_bridge_hold", "both", 1, 10, 7, 0, 4),
    # week 2 has no training; Sunday 22 March (week 3)
    ("2026-03-22", "side_lying_hip_circles", "left", 3, 10, 4, None, None),
)


def test_volume_doubles_both_only_for_exercises_done_on_each_side():
    assert volume(LOG).tolist() == [30, 24, 60, 10, 30]


def test_week_starts_on_monday():
    weeks = week_start(LOG["date"])
    assert weeks.dt.day_of_week.eq(0).all()
    assert weeks.dt.strftime("%Y-%m-%d").tolist()[-1] == "2026-03-16"


def test_weekly_volume_fills_empty_weeks_with_zero():
    weekly = weekly_volume(LOG)
    assert weekly.shape == (3 * 4, 3)
    table = weekly.pivot(index="week", columns="exercise_id", values="volume")
    assert table.sum(axis=1).tolist() == [124, 0, 30]
    assert table.loc["2026-03-02", "single_leg_bridge"] == 54
    assert weekly["exercise_id"].cat.ordered


def test_weekly_muscle_volume_counts_target_roles_only():
    targets = pd.DataFrame({
        "exercise_id": ["single_leg_bridge", "single_leg_bridge", "standing_hip_abduction",
                        "glute_switch_bridge_hold"],
        "muscle_id": ["gluteus_maximus", "hamstrings", "gluteus_medius", "gluteus_maximus"],
        "role": ["target", "synergist", "target", "target"],
    })
    weekly = weekly_muscle_volume(LOG, targets)
    first = weekly[weekly["week"] == "2026-03-02"].set_index("muscle_id")["volume"]
    assert first.to_dict() == {"gluteus_maximus": 54 + 10, "gluteus_medius": 60}
    assert "hamstrings" not in set(weekly["muscle_id"])
    both = weekly_muscle_volume(LOG, targets, roles=("target", "synergist"))
    assert both.set_index(["week", "muscle_id"]).loc[("2026-03-02", "hamstrings"),
                                                     "volume"] == 54


def test_sessions_and_streaks():
    assert sessions_per_week(LOG)["sessions"].tolist() == [2, 0, 1]
    assert streaks(LOG).to_dict() == {"longest": 1, "latest": 1}
    assert streaks(LOG, min_sessions=2).to_dict() == {"longest": 1, "latest": 0}
    sample = read_log(data_root() / "sample_log.csv")
    assert streaks(sample).to_dict() == {"longest": 9, "latest": 9}


def test_side_balance_counts_both_on_each_side():
    balance = side_balance(LOG).set_index("exercise_id")
    assert balance.loc["single_leg_bridge", ["left", "right"]].tolist() == [30, 24]
    assert balance.loc["single_leg_bridge", "left_share"] == pytest.approx(30 / 54)
    assert balance.loc["standing_hip_abduction", "left_share"] == 0.5
    assert "glute_switch_bridge_hold" not in balance.index


def test_effort_trend_means_effort_and_keeps_worst_pain():
    trend = effort_trend(LOG)
    assert trend["rpe"].tolist() == [5.0, 7.0, 4.0]
    assert trend["pain"].tolist()[:2] == [3.0, 0.0] and pd.isna(trend["pain"][2])


def test_session_load_is_effort_times_minutes_and_missing_when_unrated():
    load = session_load(LOG)
    assert load["load"].tolist()[:2] == [5 * 25, 7 * 4]
    assert load["rpe"].tolist()[:2] == [5.0, 7.0]
    assert pd.isna(load["load"][2])


def test_weekly_load_monotony_and_strain_count_rest_days_as_zero():
    weekly = weekly_load(LOG)
    assert weekly["week"].dt.strftime("%d %b").tolist() == ["02 Mar", "09 Mar", "16 Mar"]
    daily = np.array([125, 0, 28, 0, 0, 0, 0])
    monotony = daily.mean() / daily.std(ddof=1)
    assert weekly["load"][0] == 153
    assert weekly["monotony"][0] == pytest.approx(monotony)
    assert weekly["strain"][0] == pytest.approx(monotony * 153)
    # A week without training has no variation: monotony is undefined, not 0 or infinite.
    assert weekly["load"][1] == 0 and pd.isna(weekly["monotony"][1])
    # A session without effort or minutes leaves its week's load missing.
    assert pd.isna(weekly["load"][2])
