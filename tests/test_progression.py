"""The workshop plan: the pack's dosage in week 1, the rules' steps after, and the gate.

Run on the fixture pack (4 weeks, 2 sessions a week, up to 3 sets and 8 reps by 2);
the shipped, cited rules and the seed's week 1 are checked by ``test_content_*``.
"""

import datetime as dt

import pandas as pd
import pytest

from hipkit.errors import DataFileError
from hipkit.exercises.progression import (
    build_plan,
    dosage_label,
    plan_volume,
    training_days,
    weekly_dosage,
)
from hipkit.exercises.progression_gate import suggest_progression, weekly_advice
from hipkit.exercises.progression_rules import load_progression
from hipkit.log.reading import check_log, records_to_raw
from tests.conftest import FIXTURE_PACK

START = dt.date(2026, 2, 2)


def test_rules_come_from_the_data_file():
    rules = load_progression(FIXTURE_PACK)
    assert (rules.weeks, rules.sessions_per_week) == (4, 2)
    assert rules.order == ("set", "reps", "band")
    assert (rules.max_sets, rules.reps_step, rules.max_reps, rules.band_steps) == (3, 2, 8, 1)
    assert (rules.effort_low, rules.effort_high, rules.pain_days) == (5, 6, 1)
    assert (rules.pain_warn_at, rules.pain_rising_sessions) == (6, 3)
    assert rules.sources == ("fixture_guide",)


def test_content_rules_come_from_the_cited_data_file():
    rules = load_progression()
    assert (rules.weeks, rules.sessions_per_week) == (6, 3)
    assert rules.order == ("set", "reps", "band")
    assert (rules.max_sets, rules.reps_step, rules.max_reps, rules.band_steps) == (3, 5, 20, 1)
    assert (rules.effort_low, rules.effort_high, rules.pain_days) == (5, 6, 1)
    assert (rules.pain_warn_at, rules.pain_rising_sessions) == (6, 3)
    assert {"willy_davis2011", "ferber2015", "snyder2009", "mckay2020",
            "myhipexercise"} <= set(rules.sources)


def test_week_one_is_the_dosage_of_the_exercise_files():
    plan = build_plan(START, data_dir=FIXTURE_PACK)
    week1 = plan[plan["session"] == 1].set_index(["exercise_id", "side"], drop=False)
    assert len(week1) == 5  # two exercises on each side and the two-footed bridge
    assert week1.loc[("lying_leg_raise", "left"), ["sets", "reps"]].tolist() == [2, 5]
    assert week1.loc[("lying_leg_raise", "right"), "directions"] == "forward / back"
    assert week1.loc[("step_hold", "right"), ["sets", "reps"]].tolist() == [1, 4]
    bridge = week1.loc[("floor_bridge", "both")]  # no number of sets in the file: one
    assert (bridge["sets"], bridge["reps"], bridge["rep_unit"]) == (1, 3, "squeezes")
    assert set(plan.loc[plan["week"] == 1, "change"]) == {"start"}


def test_content_week_one_is_the_seed_dosage():
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
    plan = build_plan(START, data_dir=FIXTURE_PACK)  # the file's 4 weeks, 2 a week
    assert len(plan) == 4 * 2 * 5
    assert len(build_plan(START, weeks=3, sessions_per_week=3, data_dir=FIXTURE_PACK)) == \
        3 * 3 * 5
    dates = sorted(plan["date"].dt.date.unique())
    assert dates[:4] == [START, dt.date(2026, 2, 5), dt.date(2026, 2, 9),
                         dt.date(2026, 2, 12)]
    assert plan.groupby("week")["session"].nunique().tolist() == [2, 2, 2, 2]
    assert training_days(3) == [0, 2, 4]
    with pytest.raises(ValueError, match="sessions_per_week must be 1 to 7"):
        training_days(8)


def test_steps_follow_set_then_reps_then_band():
    dosage = weekly_dosage(8, data_dir=FIXTURE_PACK).set_index(["exercise_id", "week"])
    # The bridge has a band in its kit: sets, then reps (the last step capped at 8), then band.
    bridge = dosage.loc["floor_bridge"]
    assert bridge["change"].tolist() == ["start", "set", "set", "reps", "reps", "reps",
                                         "band", "hold"]
    assert bridge["sets"].tolist() == [1, 2, 3, 3, 3, 3, 3, 3]
    assert bridge["reps"].tolist() == [3, 3, 3, 5, 7, 8, 8, 8]
    assert bridge["band_step"].tolist() == [0, 0, 0, 0, 0, 0, 1, 1]
    # The raise needs no band, so once sets and reps are full it holds.
    raise_ = dosage.loc["lying_leg_raise"]
    assert raise_["change"].tolist() == ["start", "set", "reps", "reps", "hold", "hold",
                                         "hold", "hold"]
    assert raise_["band_step"].max() == 0
    assert dosage["sets"].max() == 3 and dosage["reps"].max() == 8


def test_volume_never_falls_without_a_declared_deload():
    for weeks in (6, 10):
        volumes = plan_volume(build_plan(START, weeks=weeks, data_dir=FIXTURE_PACK),
                              FIXTURE_PACK)
        assert volumes["volume"].diff().dropna().ge(0).all()
        assert not volumes["deload"].any()
    # week 1: 2 sessions x (raise 2 sets x 5 x 2 sides + bridge 3 + hold 4 x 2 sides)
    assert plan_volume(build_plan(START, weeks=2, data_dir=FIXTURE_PACK),
                       FIXTURE_PACK)["volume"].tolist() == [62, 104]


def test_a_declared_deload_drops_volume_then_resumes():
    volumes = plan_volume(build_plan(START, weeks=6, deload_weeks=(4,), data_dir=FIXTURE_PACK),
                          FIXTURE_PACK)
    assert volumes["deload"].tolist() == [False, False, False, True, False, False]
    assert volumes.loc[3, "volume"] == volumes.loc[0, "volume"]
    rises = volumes[~volumes["deload"]]["volume"]
    assert rises.is_monotonic_increasing
    with pytest.raises(ValueError, match="deload weeks must lie between week 2"):
        build_plan(START, deload_weeks=(1,), data_dir=FIXTURE_PACK)


def test_band_colours_step_up_from_the_starting_band():
    plan = build_plan(START, weeks=8, band="green", data_dir=FIXTURE_PACK)
    bridge = plan[plan["exercise_id"] == "floor_bridge"]
    assert bridge.groupby("week")["band"].first().astype(str).tolist() == \
        ["green"] * 6 + ["blue"] * 2
    assert plan.loc[plan["exercise_id"] != "floor_bridge", "band"].isna().all()
    assert build_plan(START, data_dir=FIXTURE_PACK)["band"].isna().all()
    with pytest.raises(ValueError, match="band must be one of"):
        build_plan(START, band="purple", data_dir=FIXTURE_PACK)


def test_dosage_label_reads_like_the_seed():
    assert dosage_label(2, 15, "kicks", None, True) == "2 x 15 kicks, each side"


def test_broken_rules_file_names_file_and_field(fixture_pack):
    path = fixture_pack / "progression.toml"
    text = path.read_text().replace("max_sets = 3", "max_sets = 0")
    path.write_text(text.replace('sources = ["fixture_guide"]\n\n[gate]',
                                 'sources = ["nobody1999"]\n\n[gate]'))
    with pytest.raises(DataFileError) as error:
        load_progression(fixture_pack)
    message = str(error.value)
    assert "progression.toml" in message
    assert "progression.max_sets" in message and "got 0" in message
    assert "is not an id in sources.csv (got 'nobody1999')" in message


def log_of(*rows):
    keys = ("date", "exercise", "side", "sets_target", "sets", "reps_target", "reps",
            "rpe", "pain")
    return check_log(records_to_raw([dict(zip(keys, row, strict=True)) for row in rows]),
                     "test", today=dt.date(2026, 6, 1), data_dir=FIXTURE_PACK)


def test_suggestion_progresses_only_when_easy_painless_and_done():
    easy = log_of(("2026-03-02", "lying_leg_raise", "left", 2, 2, 5, 5, 3, 0),
                  ("2026-03-04", "lying_leg_raise", "left", 2, 2, 5, 5, 4, 0))
    yes = suggest_progression(easy, "2026-03-06", data_dir=FIXTURE_PACK)
    assert yes.progress is True and yes.effort == 3.5
    assert "slow and controlled" in str(yes)

    on_target = suggest_progression(log_of(
        ("2026-03-02", "lying_leg_raise", "left", 2, 2, 5, 5, 6, 0)), "2026-03-06",
        data_dir=FIXTURE_PACK)
    assert on_target.progress is False
    assert "6.0/10, right in the 5-6/10" in on_target.reasons[0]

    sore = log_of(("2026-03-02", "lying_leg_raise", "left", 2, 2, 5, 5, 3, 2),
                  ("2026-03-04", "lying_leg_raise", "left", 2, 2, 5, 5, 3, 1))
    said = suggest_progression(sore, "2026-03-06", data_dir=FIXTURE_PACK)
    assert said.progress is False
    assert "Pain was still there" in said.reasons[0] and "02 Mar and 04 Mar" in said.reasons[0]

    short = log_of(("2026-03-02", "lying_leg_raise", "left", 2, 2, 5, 4, 3, 0))
    assert "1 logged exercise(s) fell short" in str(suggest_progression(short, "2026-03-06",
                                                                  data_dir=FIXTURE_PACK))

    quiet = suggest_progression(easy, "2026-03-20", data_dir=FIXTURE_PACK)
    assert quiet.progress is None and "Nothing was logged in the 7 days to 20 Mar 2026" in \
        quiet.reasons[0]


def test_suggestion_ignores_entries_after_as_of():
    log = log_of(("2026-03-02", "lying_leg_raise", "left", 2, 2, 5, 5, 3, 0),
                 ("2026-03-09", "lying_leg_raise", "left", 2, 2, 5, 5, 9, 5))
    assert suggest_progression(log, pd.Timestamp("2026-03-06"),
                               data_dir=FIXTURE_PACK).progress is True


def test_weekly_advice_per_exercise_and_week_with_its_reason():
    log = log_of(
        # week 1: easy, done, no pain -> progress
        ("2026-03-02", "lying_leg_raise", "left", 2, 2, 5, 5, 3, 0),
        ("2026-03-04", "lying_leg_raise", "left", 2, 2, 5, 5, 4, 0),
        # the other exercise the same week: on target effort -> stay
        ("2026-03-02", "floor_bridge", "both", 1, 1, 3, 3, 6, 0),
        # week 2: pain at the limit -> step back
        ("2026-03-09", "lying_leg_raise", "left", 3, 3, 5, 5, 4, 6),
        # week 3: pain 1 on Monday and Wednesday -> stay (pain lasted)
        ("2026-03-16", "lying_leg_raise", "left", 2, 2, 5, 5, 3, 1),
        ("2026-03-18", "lying_leg_raise", "left", 2, 2, 5, 5, 3, 1),
        # week 5 (week 4 not logged): no effort rated -> stay
        ("2026-03-30", "lying_leg_raise", "left", 2, 2, 5, 5, None, 0))
    advice = weekly_advice(log, data_dir=FIXTURE_PACK)
    table = advice[["week", "exercise_id", "sets", "advice"]].astype(
        {"exercise_id": str, "advice": str}).values.tolist()
    assert table == [[1, "lying_leg_raise", 2, "progress"], [1, "floor_bridge", 1, "stay"],
                     [2, "lying_leg_raise", 3, "step back"], [3, "lying_leg_raise", 2, "stay"],
                     [5, "lying_leg_raise", 2, "stay"]]
    reasons = advice["reason"].tolist()
    assert reasons[0].startswith("Effort averaged 3.5/10, easier than the 5-6/10")
    assert reasons[1] == "Effort averaged 6.0/10, right in the 5-6/10 aimed for."
    assert reasons[2].startswith("Pain 6/10 on 9 Mar (at or above 6/10): go back to the dosage")
    assert "physiotherapist or doctor" in reasons[2]
    assert reasons[3].startswith("Pain was still there at the next session")
    assert reasons[4] == "No effort was rated, and effort decides."
    assert advice["week_start"].dt.day_of_week.eq(0).all()
    assert advice.loc[0, "effort"] == 3.5 and advice.loc[2, "pain"] == 6


def test_weekly_advice_of_an_empty_log_is_an_empty_table():
    empty = log_of(("2026-03-02", "lying_leg_raise", "left", 2, 2, 5, 5, 3, 0)).iloc[:0]
    advice = weekly_advice(empty, data_dir=FIXTURE_PACK)
    assert advice.empty and "advice" in advice.columns and "reason" in advice.columns
