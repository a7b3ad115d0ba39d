"""Session loads, daily load, GoldenCheetah's fitness/fatigue recurrence, weekly view."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hipkit.runs.fitness_model import acute_chronic_ratio, fitness_fatigue, seed_from_weeks
from hipkit.runs.running_weeks import (
    dropped_after_big_weeks,
    group_running_weeks,
    weekly_running_and_hips,
)
from hipkit.runs.training_load import (
    SESSION_RPE,
    TRIMP,
    UNSCORED,
    daily_load,
    not_scored_line,
    session_loads,
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


def test_fitness_fatigue_refuses_infinite_stress():
    with pytest.raises(ValueError, match="finite number every day"):
        fitness_fatigue(pd.Series([1.0, float("inf")],
                                  index=pd.date_range("2025-09-01", periods=2)))


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


def test_a_trimp_run_and_an_rpe_hip_session_on_one_day_make_two_series_never_a_sum():
    runs = runs_table([("2025-09-02 06:00", 8.0, 45.0, 50.0, 140.0, None),
                       ("2025-09-03 06:00", 5.0, 30.0, 32.0, 150.0, 6.0)])
    log = log_table([("2025-09-02", 5, 20.0)])
    sessions = session_loads(runs, log, fallback="trimp", hr_rest=50, hr_max=190)
    trimp_run = float(sessions.loc[sessions["method"] == TRIMP, "load"].iloc[0])
    rpe = daily_load(sessions, method=SESSION_RPE)
    heart = daily_load(sessions, method=TRIMP)
    day = pd.Timestamp("2025-09-02")
    assert rpe.loc[day, "load"] == 100.0  # the hip session alone, in its own unit
    assert rpe.loc[day, "run_load"] == 0.0 and rpe.loc[day, "other_method"] == 1
    assert abs(heart.loc[day, "load"] - trimp_run) < 1e-9  # the run alone
    assert heart.loc[day, "hip_load"] == 0.0 and heart.loc[day, "other_method"] == 1
    assert abs(rpe.loc[day, "load"] + heart.loc[day, "load"] - (100.0 + trimp_run)) < 1e-9
    assert set(rpe["method"]) == {SESSION_RPE} and set(heart["method"]) == {TRIMP}
    # No table holds the sum of the two units.
    for table in (rpe, heart):
        assert not (table["load"].astype(float) - (100.0 + trimp_run)).abs().lt(1e-6).any()
    with pytest.raises(ValueError, match="method must be one of"):
        daily_load(sessions, method="session-RPE + TRIMP (heart rate)")


def test_an_unscored_run_is_missing_and_counted_never_zero():
    runs = runs_table([("2025-09-02 06:00", 5.0, 30.0, 32.0, 150.0, 6.0),
                       ("2025-09-04 06:00", 8.0, 41.0, 43.0, None, None)])
    log = log_table([("2025-09-02", 5, 20.0), ("2025-09-05", 4, None)])
    sessions = session_loads(runs, log)
    assert not_scored_line(sessions) == ("Not scored: 2 sessions (1 run, 1 hip session): "
                                         "missing, not 0.")
    daily = daily_load(sessions)
    assert daily.index.tolist() == list(pd.date_range("2025-09-02", "2025-09-05"))
    assert daily["run_load"].iloc[:2].tolist() == [180.0, 0.0]
    assert pd.isna(daily.loc["2025-09-04", "run_load"])
    assert pd.isna(daily.loc["2025-09-04", "load"])  # a gap, not a rest day
    assert daily.loc["2025-09-03", "load"] == 0.0  # a rest day is 0
    assert pd.isna(daily.loc["2025-09-05", "hip_load"])
    assert daily["unscored"].tolist() == [0, 0, 1, 1]
    assert daily["hip_share"].iloc[0] == 100.0 / 280.0
    assert pd.isna(daily["hip_share"].iloc[1])
    model = fitness_fatigue(daily["load"], unscored=daily["unscored"])
    assert pd.isna(model.loc["2025-09-04", "stress"])
    assert model.loc["2025-09-03", "leaves_out"] == 0
    assert model.loc["2025-09-05", "leaves_out"] == 2
    # The ratio needs every day of its windows known.
    days = pd.date_range("2025-09-01", periods=35)
    stress = pd.Series([10.0] * 35, index=days).astype("Float64")
    stress.iloc[30] = pd.NA
    assert acute_chronic_ratio(stress).iloc[30:].isna().all()


def test_trimp_rows_say_which_weighting_scored_them():
    runs = runs_table([("2025-09-04 06:00", 8.0, 45.0, 50.0, 140.0, None)])
    stated = session_loads(runs, fallback="trimp", hr_rest=50, hr_max=190)
    assert stated["trimp_weights"].tolist() == ["male (default: sex not given)"]
    female = session_loads(runs, fallback="trimp", hr_rest=50, hr_max=190, sex="female")
    fraction = 90 / 140
    assert abs(female["load"].iloc[0] - 45 * fraction * 0.86 * math.exp(1.67 * fraction)) \
        < 1e-9
    assert female["trimp_weights"].tolist() == ["female"]
    with pytest.raises(ValueError, match="sex must be 'female' or 'male'"):
        session_loads(runs, fallback="trimp", hr_rest=50, hr_max=190, sex="f")


def test_the_warm_up_is_marked_and_a_seed_skips_it():
    days = pd.date_range("2025-09-01", periods=60)
    stress = pd.Series([50.0] * 60, index=days)
    cold = fitness_fatigue(stress)
    # Day 0 is the day before the first session; the warm-up is the first 42 days after.
    assert cold["warming_up"].sum() == 43
    assert cold.index[cold["warming_up"]][-1] == pd.Timestamp("2025-10-12")
    warm = fitness_fatigue(stress, seed=seed_from_weeks(stress))
    assert not warm["warming_up"].any()
    assert abs(warm["fitness"].iloc[0] - 50.0) < 1e-12
    # A steady load from its own level stays put: no start-up dip in form.
    assert warm["form"].abs().max() < 1e-9
    assert cold["form"].iloc[2:30].lt(-1).all()
    with pytest.raises(ValueError, match="at least 28 days"):
        seed_from_weeks(stress.iloc[:10])


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
