"""Session loads, daily load, GoldenCheetah's fitness/fatigue recurrence, weekly view."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hipkit.training_load import (
    SESSION_RPE,
    TRIMP,
    UNSCORED,
    acute_chronic_ratio,
    daily_load,
    dropped_after_big_weeks,
    fitness_fatigue,
    group_running_weeks,
    session_loads,
    weekly_running_and_hips,
)


def runs_table(rows):
    """Rows of (start, km, moving_min, elapsed_min, avg_hr, rpe) as read_activities gives."""
    frame = pd.DataFrame(rows, columns=["start", "distance_km", "moving_min", "elapsed_min",
                                        "avg_hr", "rpe"])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["type"] = "Run"
    for column in ("distance_km", "moving_min", "elapsed_min", "avg_hr", "rpe"):
        frame[column] = frame[column].astype("Float64")
    return frame


def log_table(rows):
    """Rows of (date, rpe, duration_min), one per logged exercise."""
    frame = pd.DataFrame(rows, columns=["date", "rpe", "duration_min"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.astype({"rpe": "Float64", "duration_min": "Float64"})


def hand_pmc(stress, long_days, short_days):
    """GoldenCheetah's loop written out by hand from PMCData.cpp, day 0 = day before."""
    lte, ste = math.exp(-1 / long_days), math.exp(-1 / short_days)
    series = [0.0, *stress, 0.0]
    lts, sts, sb = [], [], [0.0] * (len(series) + 1)
    last_lts = last_sts = 0.0
    for day, load in enumerate(series):
        if day:
            last_lts, last_sts = lts[day - 1], sts[day - 1]
        lts.append(load * (1 - lte) + last_lts * lte)
        sts.append(load * (1 - ste) + last_sts * ste)
        sb[day + 1] = lts[day] - sts[day]
    return lts, sts, sb[:len(series)]


@pytest.mark.parametrize(("long_days", "short_days"), [(42, 7), (28, 5)])
def test_fitness_fatigue_matches_the_goldencheetah_recurrence(long_days, short_days):
    stress = [120.0, 0.0, 0.0, 300.5, 80.0, 0.0, 45.25, 0.0, 210.0, 0.0]
    days = pd.date_range("2025-09-01", periods=len(stress))
    model = fitness_fatigue(pd.Series(stress, index=days), long_days=long_days,
                            short_days=short_days)
    lts, sts, sb = hand_pmc(stress, long_days, short_days)
    assert model.index[0] == pd.Timestamp("2025-08-31")
    assert model.index[-1] == pd.Timestamp("2025-09-11")  # one day on, for the last form
    assert model["stress"].tolist() == [0.0, *stress, 0.0]
    assert max(abs(a - b) for a, b in zip(model["fitness"], lts, strict=True)) < 1e-9
    assert max(abs(a - b) for a, b in zip(model["fatigue"], sts, strict=True)) < 1e-9
    assert max(abs(a - b) for a, b in zip(model["form"], sb, strict=True)) < 1e-9
    # Next-day form: the first stress day's balance shows on the following day.
    first = pd.Timestamp("2025-09-01")
    assert model.loc[first, "form"] == 0.0
    alpha_long, alpha_short = 1 - math.exp(-1 / long_days), 1 - math.exp(-1 / short_days)
    assert abs(model.loc[first + pd.Timedelta(days=1), "form"]
               - 120.0 * (alpha_long - alpha_short)) < 1e-9


def test_form_on_the_same_day_when_asked():
    days = pd.date_range("2025-09-01", periods=3)
    model = fitness_fatigue(pd.Series([100.0, 0.0, 50.0], index=days), form_next_day=False)
    assert len(model) == 4
    assert (model["form"] - (model["fitness"] - model["fatigue"])).abs().max() == 0.0


@pytest.mark.parametrize("bad", [[1.0, float("inf")], [1.0, float("nan")]])
def test_fitness_fatigue_refuses_non_finite_stress(bad):
    with pytest.raises(ValueError, match="finite number every day"):
        fitness_fatigue(pd.Series(bad, index=pd.date_range("2025-09-01", periods=2)))


def test_fitness_fatigue_refuses_gaps_between_days():
    index = pd.to_datetime(["2025-09-01", "2025-09-02", "2025-09-05"])
    with pytest.raises(ValueError, match="every consecutive day"):
        fitness_fatigue(pd.Series([1.0, 2.0, 3.0], index=index))


def test_session_loads_say_which_method_scored_each_session():
    runs = runs_table([("2025-09-02 06:00", 5.0, 30.0, 32.0, 150.0, 6.0),
                       ("2025-09-04 06:00", 8.0, 45.0, 50.0, 140.0, None),
                       ("2025-09-06 06:00", 4.0, None, 25.0, None, None)])
    log = log_table([("2025-09-01", 5, 3.0), ("2025-09-01", 5, 2.5), ("2025-09-03", 6, 7.0),
                     ("2025-09-05", 6, None)])
    plain = session_loads(runs, log)
    assert plain["method"].tolist() == [SESSION_RPE, SESSION_RPE, SESSION_RPE, UNSCORED,
                                        UNSCORED, UNSCORED]
    assert plain["load"].fillna(-1.0).tolist() == [27.5, 180.0, 42.0, -1.0, -1.0, -1.0]
    fallback = session_loads(runs, log, fallback="trimp", hr_rest=50, hr_max=190)
    fraction = (140 - 50) / 140
    assert fallback["method"].tolist()[3] == TRIMP
    assert abs(fallback["load"].iloc[3] - 45.0 * fraction * 0.64 * math.exp(1.92 * fraction)) \
        < 1e-9
    assert fallback["method"].tolist()[5] == UNSCORED  # no exertion, no heart rate
    elapsed = session_loads(runs, None, minutes="elapsed")
    assert elapsed["load"].iloc[0] == 192.0


def test_trimp_fallback_needs_the_runners_heart_rates():
    with pytest.raises(ValueError, match="needs hr_rest and hr_max"):
        session_loads(runs_table([]), fallback="trimp")


def test_daily_load_keeps_methods_apart_and_rest_days_at_zero():
    runs = runs_table([("2025-09-02 06:00", 5.0, 30.0, 32.0, 150.0, 6.0),
                       ("2025-09-04 06:00", 8.0, 45.0, 50.0, 140.0, None)])
    log = log_table([("2025-09-02", 5, 20.0), ("2025-09-05", 4, None)])
    sessions = session_loads(runs, log, fallback="trimp", hr_rest=50, hr_max=190)
    daily = daily_load(sessions)
    assert daily.index.tolist() == list(pd.date_range("2025-09-02", "2025-09-05"))
    assert daily["run_load"].iloc[:2].tolist() == [180.0, 0.0]
    assert daily["hip_load"].tolist() == [100.0, 0.0, 0.0, 0.0]
    assert daily["method"].tolist() == [SESSION_RPE, "", TRIMP, ""]
    assert daily["unscored"].tolist() == [0, 0, 0, 1]
    assert daily["hip_share"].iloc[0] == 100.0 / 280.0
    assert pd.isna(daily["hip_share"].iloc[1])


def test_acute_chronic_ratio_coupled_and_uncoupled():
    days = pd.date_range("2025-09-01", periods=35)
    stress = pd.Series([10.0] * 28 + [20.0] * 7, index=days)
    uncoupled = acute_chronic_ratio(stress)
    coupled = acute_chronic_ratio(stress, coupled=True)
    assert uncoupled.iloc[:34].isna().all()  # 7 + 28 days of data needed
    assert uncoupled.iloc[-1] == 2.0
    assert coupled.iloc[:27].isna().all()
    assert coupled.iloc[-1] == 20.0 / ((21 * 10.0 + 7 * 20.0) / 28)


def test_weekly_view_finds_dropped_hip_work_after_big_weeks():
    runs = runs_table([("2025-09-01 07:00", 10.0, 60, 60, None, None),
                       ("2025-09-08 07:00", 14.0, 80, 80, None, None),  # +40 %: big
                       ("2025-09-15 07:00", 10.0, 60, 60, None, None),
                       ("2025-09-29 07:00", 10.0, 60, 60, None, None)])
    log = log_table([(day, 5, 20.0) for day in ("2025-09-01", "2025-09-03", "2025-09-05",
                                                "2025-09-08", "2025-09-10", "2025-09-12",
                                                "2025-09-17", "2025-09-22", "2025-09-24",
                                                "2025-09-26")])
    weekly = weekly_running_and_hips(runs, log)
    assert weekly.index.tolist() == list(pd.date_range("2025-09-01", periods=5, freq="7D"))
    assert weekly["run_km"].tolist() == [10.0, 14.0, 10.0, 0.0, 10.0]
    assert weekly["hip_sessions"].tolist() == [3, 3, 1, 3, 0]
    assert weekly["hip_dropped"].tolist() == [False, False, True, False, True]
    assert weekly["big_week"].tolist() == [False, True, False, False, False]
    assert weekly["after_big_week"].tolist() == [False, False, True, False, False]
    summary = dropped_after_big_weeks(weekly)
    assert summary.loc["after a big week"].tolist() == [1, 1, 1.0]
    assert summary.loc["other weeks", "weeks"] == 3


def test_group_table_has_one_row_per_runner_and_week():
    runs = runs_table([("2025-09-01 07:00", 10.0, 60, 60, None, None)])
    log = log_table([("2025-09-02", 5, 20.0)])
    table = group_running_weeks({"Ana": (runs, log), "Ben": (runs, log.iloc[:0])})
    assert table["runner"].tolist() == ["Ana", "Ben"]
    assert table["hip_sessions"].tolist() == [1, 0]
    assert table.columns[:3].tolist() == ["runner", "week_start", "run_km"]
