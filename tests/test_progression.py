"""The workshop plan: the seed's dosage in week 1, cited steps after, and the gate."""

import datetime as dt

import pandas as pd
import pytest

from hipkit.errors import DataFileError
from hipkit.progression import (
    build_plan,
    dosage_label,
    load_progression,
    plan_volume,
    suggest_progression,
    training_days,
    weekly_dosage,
)
from hipkit.training_log import check_log, records_to_raw

START = dt.date(2026, 2, 2)


def test_rules_come_from_the_cited_data_file():
    rules = load_progression()
    assert (rules.weeks, rules.sessions_per_week) == (6, 3)
    assert rules.order == ("set", "reps", "band")
    assert (rules.max_sets, rules.reps_step, rules.max_reps, rules.band_steps) == (3, 5, 20, 1)
    assert (rules.effort_low, rules.effort_high, rules.pain_days) == (5, 6, 1)
    assert {"willy_davis2011", "ferber2015", "snyder2009", "mckay2020",
            "myhipexercise"} <= set(rules.sources)


def test_week_one_is_the_seed_dosage():
    plan = build_plan(START)
    week1 = plan[plan["session"] == 1].set_index(["exercise_id", "side"], drop=False)
    assert len(week1) == 7  # three exercises on each side and the two-footed hold
    assert week1.loc[("side_lying_hip_circles", "left"), ["sets", "reps"]].tolist() == [3, 10]
    assert week1.loc[("side_lying_hip_circles", "right"), "directions"] == \
        "clockwise / anticlockwise"
    for exercise in ("standing_hip_abduction", "single_leg_bridge"):
        for side in ("left", "right"):
            assert week1.loc[(exercise, side), ["sets", "reps"]].tolist() == [2, 15]
    hold = week1.loc[("glute_switch_bridge_hold", "both")]
    assert (hold["sets"], hold["reps"], hold["rep_unit"]) == (1, 10, "switches")
    assert set(plan.loc[plan["week"] == 1, "change"]) == {"start"}


def test_plan_shape_dates_and_frequency():
    plan = build_plan(START, weeks=4, sessions_per_week=2)
    assert len(plan) == 4 * 2 * 7
    dates = sorted(plan["date"].dt.date.unique())
    assert dates[:4] == [START, dt.date(2026, 2, 5), dt.date(2026, 2, 9),
                         dt.date(2026, 2, 12)]
    assert plan.groupby("week")["session"].nunique().tolist() == [2, 2, 2, 2]
    assert training_days(3) == [0, 2, 4]
    with pytest.raises(ValueError, match="sessions_per_week must be 1 to 7"):
        training_days(8)


def test_steps_follow_set_then_reps_then_band():
    dosage = weekly_dosage(6).set_index(["exercise_id", "week"])
    kicks = dosage.loc["standing_hip_abduction"]
    assert kicks["change"].tolist() == ["start", "set", "reps", "band", "hold", "hold"]
    assert kicks["sets"].tolist() == [2, 3, 3, 3, 3, 3]
    assert kicks["reps"].tolist() == [15, 15, 20, 20, 20, 20]
    assert kicks["band_step"].tolist() == [0, 0, 0, 1, 1, 1]
    # Circles already have 3 sets, so they go straight to reps; no band, so they hold.
    circles = dosage.loc["side_lying_hip_circles"]
    assert circles["change"].tolist() == ["start", "reps", "reps", "hold", "hold", "hold"]
    assert circles["reps"].max() == 20
    assert dosage["sets"].max() == 3 and dosage["reps"].max() == 20


def test_volume_never_falls_without_a_declared_deload():
    for weeks in (6, 10):
        volumes = plan_volume(build_plan(START, weeks=weeks))
        assert volumes["volume"].diff().dropna().ge(0).all()
        assert not volumes["deload"].any()
    assert plan_volume(build_plan(START, weeks=2))["volume"].tolist() == [570, 870]


def test_a_declared_deload_drops_volume_then_resumes():
    volumes = plan_volume(build_plan(START, deload_weeks=(4,)))
    assert volumes["deload"].tolist() == [False, False, False, True, False, False]
    assert volumes.loc[3, "volume"] == volumes.loc[0, "volume"]
    rises = volumes[~volumes["deload"]]["volume"]
    assert rises.is_monotonic_increasing
    with pytest.raises(ValueError, match="deload weeks must lie between week 2"):
        build_plan(START, deload_weeks=(1,))


def test_band_colours_step_up_from_the_starting_band():
    plan = build_plan(START, band="green")
    kicks = plan[plan["exercise_id"] == "standing_hip_abduction"]
    assert kicks.groupby("week")["band"].first().astype(str).tolist() == \
        ["green", "green", "green", "blue", "blue", "blue"]
    assert plan.loc[plan["exercise_id"] != "standing_hip_abduction", "band"].isna().all()
    assert build_plan(START)["band"].isna().all()
    with pytest.raises(ValueError, match="band must be one of"):
        build_plan(START, band="purple")


def test_dosage_label_reads_like_the_seed():
    assert dosage_label(2, 15, "kicks", None, True) == "2 x 15 kicks, each side"


def test_broken_rules_file_names_file_and_field(data_copy):
    path = data_copy / "progression.toml"
    text = path.read_text().replace("max_sets = 3", "max_sets = 0")
    path.write_text(text.replace('sources = ["mckay2020", "pack"]', 'sources = ["nobody1999"]'))
    with pytest.raises(DataFileError) as error:
        load_progression(data_copy)
    message = str(error.value)
    assert "progression.toml" in message
    assert "progression.max_sets" in message and "got 0" in message
    assert "is not an id in sources.csv (got 'nobody1999')" in message


def log_of(*rows):
    keys = ("date", "exercise", "side", "sets_target", "sets", "reps_target", "reps",
            "rpe", "pain")
    return check_log(records_to_raw([dict(zip(keys, row, strict=True)) for row in rows]),
                     "test", today=dt.date(2026, 6, 1))


def test_suggestion_progresses_only_when_easy_painless_and_done():
    easy = log_of(("2026-03-02", "single_leg_bridge", "left", 2, 2, 15, 15, 3, 0),
                  ("2026-03-04", "single_leg_bridge", "left", 2, 2, 15, 15, 4, 0))
    yes = suggest_progression(easy, "2026-03-06")
    assert yes.progress is True and yes.effort == 3.5
    assert "slow and controlled" in str(yes)

    on_target = suggest_progression(log_of(
        ("2026-03-02", "single_leg_bridge", "left", 2, 2, 15, 15, 6, 0)), "2026-03-06")
    assert on_target.progress is False
    assert "6.0/10, right in the 5-6/10" in on_target.reasons[0]

    sore = log_of(("2026-03-02", "single_leg_bridge", "left", 2, 2, 15, 15, 3, 2),
                  ("2026-03-04", "single_leg_bridge", "left", 2, 2, 15, 15, 3, 1))
    said = suggest_progression(sore, "2026-03-06")
    assert said.progress is False
    assert "Pain was still there" in said.reasons[0] and "02 Mar and 04 Mar" in said.reasons[0]

    short = log_of(("2026-03-02", "single_leg_bridge", "left", 2, 2, 15, 12, 3, 0))
    assert "1 logged exercise(s) fell short" in str(suggest_progression(short, "2026-03-06"))

    quiet = suggest_progression(easy, "2026-03-20")
    assert quiet.progress is None and "Nothing was logged in the 7 days to 20 Mar 2026" in \
        quiet.reasons[0]


def test_suggestion_ignores_entries_after_as_of():
    log = log_of(("2026-03-02", "single_leg_bridge", "left", 2, 2, 15, 15, 3, 0),
                 ("2026-03-09", "single_leg_bridge", "left", 2, 2, 15, 15, 9, 5))
    assert suggest_progression(log, pd.Timestamp("2026-03-06")).progress is True
