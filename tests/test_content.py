"""Content tests: the shipped data says what the seed and its cited sources say.

These are the few tests that pin the shipped lessons' content (the four exercises, their
dosage, the cited figures). Every other unit test runs on the made-up fixture pack
(``tests/fixture_pack``), so a coach's change to the data breaks only these.
"""

import pandas as pd
import pytest

from hipkit import (
    load_cues,
    load_equipment,
    load_exercises,
    load_facts,
    load_sources,
    load_steps,
)

SEED_IDS = [
    "side_lying_hip_circles",
    "standing_hip_abduction",
    "single_leg_bridge",
    "glute_switch_bridge_hold",
]


@pytest.fixture(scope="module")
def exercises() -> pd.DataFrame:
    return load_exercises().set_index("exercise_id")


# --- the exercise library (hipkit.exercises.loaders) ----------------------------------------

def test_content_all_four_seed_exercises_in_lesson_order(exercises):
    assert list(exercises.index) == SEED_IDS
    assert list(exercises["order"]) == [1, 2, 3, 4]
    assert exercises.shape == (4, 14)


@pytest.mark.parametrize(
    ("exercise_id", "sets", "reps", "unit", "each_side", "n_directions"),
    [
        ("side_lying_hip_circles", 3, 10, "circles", True, 2),
        ("standing_hip_abduction", 2, 15, "kicks", True, 1),
        ("single_leg_bridge", 2, 15, "bridges", True, 1),
    ],
)
def test_content_dosage_matches_the_seed(exercises, exercise_id, sets, reps, unit, each_side,
                                         n_directions):
    row = exercises.loc[exercise_id]
    assert (row["sets"], row["reps"], row["rep_unit"]) == (sets, reps, unit)
    assert (row["each_side"], row["n_directions"]) == (each_side, n_directions)


def test_content_bridge_hold_is_ten_switches_then_a_break_with_no_set_count(exercises):
    row = exercises.loc["glute_switch_bridge_hold"]
    assert pd.isna(row["sets"])  # the seed gives no number of bouts: missing, not invented
    assert (row["reps"], row["rep_unit"], row["each_side"]) == (10, "switches", False)
    assert "break" in row["dosage_text"]


def test_content_only_the_bridge_hold_is_the_top_pick(exercises):
    assert exercises.index[exercises["top_pick"]].tolist() == ["glute_switch_bridge_hold"]


def test_content_purposes_follow_the_seed(exercises):
    assert exercises["purpose"].astype(str).to_dict() == {
        "side_lying_hip_circles": "awareness",
        "standing_hip_abduction": "strength",
        "single_leg_bridge": "strength",
        "glute_switch_bridge_hold": "awareness and strength",
    }


def test_content_circle_directions_are_named(exercises):
    assert exercises.loc["side_lying_hip_circles", "directions"] == "clockwise / anticlockwise"


def test_content_steps_of_each_exercise():
    counts = load_steps().groupby("exercise_id", observed=True)["step"].agg(list)
    assert counts.to_dict() == {
        "side_lying_hip_circles": [1, 2, 3, 4],
        "standing_hip_abduction": [1, 2, 3, 4],
        "single_leg_bridge": [1, 2, 3, 4],
        "glute_switch_bridge_hold": [1, 2],
    }
    assert load_steps()["text"].str.len().min() > 20


def test_content_steps_carry_the_seeds_key_facts():
    steps = load_steps().groupby("exercise_id", observed=True)["text"].agg(" ".join)
    assert "few inches" in steps["side_lying_hip_circles"]
    assert "behind" in steps["side_lying_hip_circles"]
    assert "without putting that foot down" in steps["standing_hip_abduction"]
    assert "parallel" in steps["single_leg_bridge"]
    assert "heel" in steps["single_leg_bridge"]
    assert "10 switches" in steps["glute_switch_bridge_hold"]


def test_content_band_step_names_the_band():
    steps = load_steps()
    first = steps[(steps["exercise_id"] == "standing_hip_abduction") & (steps["step"] == 1)]
    assert first["equipment"].tolist() == ["ankle loop band"]


def test_content_equipment_includes_the_seeds_kit():
    items = load_equipment().groupby("exercise_id", observed=True)["item"].agg(set)
    assert items["standing_hip_abduction"] == {
        "ankle loop band", "support for balance", "Theraband roll"}


def test_content_cues_cover_feel_do_and_avoid_for_every_exercise():
    cues = load_cues()
    kinds = cues.groupby("exercise_id", observed=True)["kind"].agg(lambda k: set(map(str, k)))
    assert len(kinds) == 4 and all(value == {"feel", "do", "avoid"} for value in kinds)
    feel = cues[(cues["kind"] == "feel")].set_index("exercise_id")["text"]
    assert "burn" in feel["side_lying_hip_circles"]
    assert "sinks" in feel["glute_switch_bridge_hold"]


def test_content_background_facts_teach_extension_and_compensation():
    facts = load_facts().set_index("fact_id")["text"]
    assert "full extension" in facts["no_full_extension"]
    assert "sprint" in facts["no_full_extension"]
    assert "hamstrings" in facts["hamstrings_compensate"]


def test_content_every_cited_source_exists():
    ids = set(load_sources()["id"])
    assert set(load_exercises()["source"]) <= ids
    assert set(load_facts()["source"]) <= ids


# --- one session of each shipped exercise (hipkit.exercises.session_plan) -----------------------

def test_content_session_volume_of_the_shipped_dosages():
    from hipkit.exercises.session_plan import session_blocks, session_volume

    volume = session_volume().set_index("exercise_id")
    assert volume.index.tolist() == SEED_IDS
    assert volume["blocks"].tolist() == [12, 4, 4, 1]
    assert volume["reps"].tolist() == [60, 60, 60, 10]  # a circle repetition: one each way
    circles = session_blocks(load_exercises().set_index("exercise_id", drop=False).loc[
        "side_lying_hip_circles"])
    assert circles["direction"].tolist()[:4] == ["clockwise", "anticlockwise"] * 2


# --- the shipped muscle charts (hipkit.views.muscle_heatmap and others) ---------------------

def test_content_heatmap_prints_the_cited_figures():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from hipkit.views.muscle_heatmap import muscle_heatmap

    cells = [t.get_text() for t in muscle_heatmap().texts]
    assert "target\n42–99.9 %MVIC\n[1,2,4]" in cells  # hip circles x gluteus medius
    assert "target\n25 %MVIC\n[4]" in cells  # bridge hold x gluteus maximus
    assert cells.count("—") == 4  # the pairs the pack does not list
    # The ranking of the shipped figures: test_content_ranking_* in test_muscle_charts.py.
    plt.close("all")
