"""The shipped sample runner follows the pack's own gate and plan rules (issue 21)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from hipkit.exercises.data_files import data_root
from hipkit.exercises.progression_gate import weekly_advice
from hipkit.exercises.progression_rules import load_progression
from hipkit.log.columns import BAND_COLOURS
from hipkit.log.pain_warnings import earlier_pain, pain_warning
from hipkit.log.reading import read_log

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_sample_log.py"


@pytest.fixture(scope="module")
def sample():
    return read_log(data_root() / "sample_log.csv")


@pytest.fixture(scope="module")
def weeks(sample):
    advice = weekly_advice(sample)
    advice["band_rank"] = [BAND_COLOURS.index(b) if pd.notna(b) else -1
                           for b in advice["band"]]
    return advice


def _pairs(weeks):
    """(this week, next week logged) per exercise."""
    for _, rows in weeks.groupby("exercise_id", observed=True):
        rows = rows.sort_values("week")
        yield from zip(rows.iloc[:-1].itertuples(), rows.iloc[1:].itertuples(), strict=True)


def test_targets_rise_only_after_a_week_the_gate_said_progress(weeks):
    pairs = list(_pairs(weeks))
    assert len(pairs) == 32  # four exercises, nine weeks
    for now, after in pairs:
        dosage_now = (now.sets, now.reps, now.band_rank)
        dosage_after = (after.sets, after.reps, after.band_rank)
        rose = dosage_after > dosage_now and all(
            a >= b for a, b in zip(dosage_after, dosage_now, strict=True))
        fell = all(a <= b for a, b in zip(dosage_after, dosage_now, strict=True)) and \
            dosage_after != dosage_now
        if now.advice == "stay":
            assert dosage_after == dosage_now, (now, after)
        if rose:
            assert now.advice == "progress", (now, after)
        if fell:
            assert now.advice == "step back", (now, after)


def test_the_sample_shows_each_kind_of_advice(weeks):
    counts = weeks["advice"].value_counts()
    assert counts["progress"] >= 8 and counts["stay"] >= 8 and counts["step back"] >= 1


def test_one_change_a_week_five_reps_at_a_time_one_band_colour(weeks, sample):
    rules = load_progression()
    for now, after in _pairs(weeks):
        changes = {"sets": after.sets - now.sets, "reps": after.reps - now.reps,
                   "band": after.band_rank - now.band_rank}
        assert sum(value != 0 for value in changes.values()) <= 1, (now, after)
        assert abs(changes["sets"]) in (0, 1)
        assert abs(changes["reps"]) in (0, rules.reps_step)
        assert abs(changes["band"]) in (0, 1)
    assert weeks["sets"].max() <= rules.max_sets and weeks["reps"].max() <= rules.max_reps
    bands = sample["band"].dropna().astype(str).unique().tolist()
    start = BAND_COLOURS.index(sample["band"].dropna().iloc[0])
    assert all(BAND_COLOURS.index(b) - start <= rules.band_steps for b in bands)
    hold = weeks[weeks["exercise_id"] == "glute_switch_bridge_hold"]
    assert set(hold["reps"]) == {10}  # the coach's bout never grows


def test_a_week_within_is_one_dosage(sample):
    monday = sample["date"] - pd.to_timedelta(sample["date"].dt.day_of_week, unit="D")
    per_week = sample.assign(monday=monday).groupby(["monday", "exercise_id"], observed=True)
    assert per_week[["sets_target", "reps_target"]].nunique().max().max() == 1


def test_the_warnings_in_the_sample_are_what_the_form_would_write(sample):
    assert sample["pain_warning"].notna().sum() >= 1
    for row in sample.itertuples():
        earlier = earlier_pain(sample, str(row.exercise_id), row.date)
        expected = pain_warning(earlier, row.pain)
        assert (None if pd.isna(row.pain_warning) else row.pain_warning) == expected, row


def test_the_script_makes_the_shipped_file(tmp_path):
    from hipkit.log.writing import write_log

    spec = importlib.util.spec_from_file_location("make_sample_log", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    write_log(module.sample_log(), tmp_path / "sample_log.csv")
    assert (tmp_path / "sample_log.csv").read_bytes() == \
        (data_root() / "sample_log.csv").read_bytes()
