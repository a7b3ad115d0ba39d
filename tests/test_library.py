"""The exercise library: the seed's facts come back exactly, and broken files are refused."""

from pathlib import Path

import pandas as pd
import pytest

from hipkit import (
    DataFileError,
    load_cues,
    load_equipment,
    load_exercises,
    load_facts,
    load_sources,
    load_steps,
)
from tests.exercise_files import add_clamshell

SEED_IDS = [
    "side_lying_hip_circles",
    "standing_hip_abduction",
    "single_leg_bridge",
    "glute_switch_bridge_hold",
]


@pytest.fixture(scope="module")
def exercises() -> pd.DataFrame:
    return load_exercises().set_index("exercise_id")


def test_all_four_seed_exercises_in_lesson_order(exercises):
    assert list(exercises.index) == SEED_IDS
    assert list(exercises["order"]) == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("exercise_id", "sets", "reps", "unit", "each_side", "n_directions"),
    [
        ("side_lying_hip_circles", 3, 10, "circles", True, 2),
        ("standing_hip_abduction", 2, 15, "kicks", True, 1),
        ("single_leg_bridge", 2, 15, "bridges", True, 1),
    ],
)
def test_dosage_matches_the_seed(exercises, exercise_id, sets, reps, unit, each_side,
                                 n_directions):
    row = exercises.loc[exercise_id]
    assert (row["sets"], row["reps"], row["rep_unit"]) == (sets, reps, unit)
    assert (row["each_side"], row["n_directions"]) == (each_side, n_directions)


def test_bridge_hold_is_ten_switches_then_a_break_with_no_set_count(exercises):
    row = exercises.loc["glute_switch_bridge_hold"]
    assert pd.isna(row["sets"])  # the seed gives no number of bouts: missing, not invented
    assert (row["reps"], row["rep_unit"], row["each_side"]) == (10, "switches", False)
    assert "break" in row["dosage_text"]


def test_only_the_bridge_hold_is_the_top_pick(exercises):
    assert exercises.index[exercises["top_pick"]].tolist() == ["glute_switch_bridge_hold"]


def test_purposes_follow_the_seed(exercises):
    assert exercises["purpose"].astype(str).to_dict() == {
        "side_lying_hip_circles": "awareness",
        "standing_hip_abduction": "strength",
        "single_leg_bridge": "strength",
        "glute_switch_bridge_hold": "awareness and strength",
    }


def test_circle_directions_are_named(exercises):
    assert exercises.loc["side_lying_hip_circles", "directions"] == "clockwise / anticlockwise"


def test_exercise_dtypes(exercises):
    frame = load_exercises()
    assert isinstance(frame["exercise_id"].dtype, pd.CategoricalDtype)
    assert frame["exercise_id"].cat.ordered
    assert list(frame["purpose"].cat.categories) == [
        "awareness", "strength", "awareness and strength"]
    assert str(frame["sets"].dtype) == "Int64"
    assert frame["reps"].dtype == "int64"
    assert frame["top_pick"].dtype == bool
    assert frame.shape == (4, 15)


def test_steps_are_tidy_and_numbered_in_order():
    steps = load_steps()
    assert list(steps.columns) == ["exercise_id", "step", "text", "equipment", "source"]
    counts = steps.groupby("exercise_id", observed=True)["step"].agg(list)
    assert counts.to_dict() == {
        "side_lying_hip_circles": [1, 2, 3, 4],
        "standing_hip_abduction": [1, 2, 3, 4],
        "single_leg_bridge": [1, 2, 3, 4],
        "glute_switch_bridge_hold": [1, 2],
    }
    assert steps["text"].str.len().min() > 20


def test_steps_carry_the_seeds_key_facts():
    steps = load_steps().groupby("exercise_id", observed=True)["text"].agg(" ".join)
    assert "few inches" in steps["side_lying_hip_circles"]
    assert "behind" in steps["side_lying_hip_circles"]
    assert "without putting that foot down" in steps["standing_hip_abduction"]
    assert "parallel" in steps["single_leg_bridge"]
    assert "heel" in steps["single_leg_bridge"]
    assert "10 switches" in steps["glute_switch_bridge_hold"]


def test_band_step_names_the_band():
    steps = load_steps()
    first = steps[(steps["exercise_id"] == "standing_hip_abduction") & (steps["step"] == 1)]
    assert first["equipment"].tolist() == ["ankle loop band"]


def test_equipment_includes_the_seeds_kit():
    items = load_equipment().groupby("exercise_id", observed=True)["item"].agg(set)
    assert items["standing_hip_abduction"] == {
        "ankle loop band", "support for balance", "Theraband roll"}


def test_cues_cover_feel_do_and_avoid_for_every_exercise():
    cues = load_cues()
    assert list(cues["kind"].cat.categories) == ["feel", "do", "avoid"]
    kinds = cues.groupby("exercise_id", observed=True)["kind"].agg(lambda k: set(map(str, k)))
    assert all(value == {"feel", "do", "avoid"} for value in kinds)
    feel = cues[(cues["kind"] == "feel")].set_index("exercise_id")["text"]
    assert "burn" in feel["side_lying_hip_circles"]
    assert "sinks" in feel["glute_switch_bridge_hold"]


def test_background_facts_teach_extension_and_compensation():
    facts = load_facts().set_index("fact_id")["text"]
    assert "full extension" in facts["no_full_extension"]
    assert "sprint" in facts["no_full_extension"]
    assert "hamstrings" in facts["hamstrings_compensate"]


def test_every_cited_source_exists():
    ids = set(load_sources()["id"])
    assert set(load_exercises()["source"]) <= ids
    assert set(load_facts()["source"]) <= ids


# --- broken files -----------------------------------------------------------------------

def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error_for(data_dir: Path) -> str:
    with pytest.raises(DataFileError) as caught:
        load_exercises(data_dir)
    return str(caught.value)


def test_negative_sets_names_file_field_and_value(data_copy):
    path = data_copy / "exercises" / "single_leg_bridge.toml"
    _edit(path, "sets = 2", "sets = -3")
    message = _error_for(data_copy)
    assert f"{path}, field 'dosage.sets': must be a whole number of 1 or more (got -3)" in message


def test_invalid_toml_is_reported_with_its_file(data_copy):
    path = data_copy / "exercises" / "standing_hip_abduction.toml"
    _edit(path, 'name = "Standing banded hip abduction"', 'name = "unclosed')
    message = _error_for(data_copy)
    assert f"{path}, field '(whole file)': is not valid TOML" in message


def test_missing_field_and_unknown_field_are_both_reported(data_copy):
    path = data_copy / "exercises" / "side_lying_hip_circles.toml"
    _edit(path, 'position = "Lying', 'positon = "Lying')
    message = _error_for(data_copy)
    assert message.startswith("2 problems in the data:")
    assert f"{path}, field 'position': is missing" in message
    assert f"{path}, field 'positon': is not a known field" in message


def test_unknown_purpose_lists_the_allowed_values(data_copy):
    path = data_copy / "exercises" / "single_leg_bridge.toml"
    _edit(path, 'purpose = "strength"', 'purpose = "cardio"')
    message = _error_for(data_copy)
    assert ("field 'purpose': must be one of ['awareness', 'strength', "
            "'awareness and strength'] (got 'cardio')") in message


def test_duplicate_id_names_the_first_file(data_copy):
    first = data_copy / "exercises" / "single_leg_bridge.toml"
    copy = data_copy / "exercises" / "zz_copy.toml"
    text = first.read_text(encoding="utf-8").replace("order = 3", "order = 9")
    copy.write_text(text.replace('name = "Single-leg bridge"', 'name = "Copy"'), "utf-8")
    message = _error_for(data_copy)
    assert f"{copy}, field 'id': is already used by {first}" in message


def test_step_equipment_must_be_listed(data_copy):
    path = data_copy / "exercises" / "standing_hip_abduction.toml"
    _edit(path, 'equipment = ["support for balance"]', 'equipment = ["kettlebell"]')
    message = _error_for(data_copy)
    assert ("field 'steps[2].equipment': names an item not listed under [[equipment]] "
            "(got 'kettlebell')") in message


def test_unknown_source_id_is_refused(data_copy):
    path = data_copy / "exercises" / "side_lying_hip_circles.toml"
    _edit(path, 'source = "runners_hips_post"', 'source = "my_blog"')
    assert "field 'source': is not an id in sources.csv (got 'my_blog')" in _error_for(data_copy)


def test_empty_exercise_folder_is_refused(data_copy):
    for path in (data_copy / "exercises").glob("*.toml"):
        path.unlink()
    assert "holds no .toml exercise files" in _error_for(data_copy)


def test_a_new_exercise_file_is_picked_up_without_python(data_copy):
    add_clamshell(data_copy)
    frame = load_exercises(data_copy)
    assert frame["exercise_id"].tolist()[-1] == "clamshell"
    assert load_steps(data_copy)["exercise_id"].value_counts()["clamshell"] == 4


def test_sources_without_a_title_name_the_row(data_copy):
    path = data_copy / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + "blog2,Someone,2020,,,\n", "utf-8")
    with pytest.raises(DataFileError) as caught:
        load_sources(data_copy)
    rows = len(path.read_text(encoding="utf-8").splitlines())
    assert f"{path}, row {rows}, field 'title': is empty" in str(caught.value)


def test_background_fact_with_unknown_source_is_refused(data_copy):
    path = data_copy / "background.toml"
    _edit(path, 'source = "runners_hips_post"', 'source = "nowhere"')
    with pytest.raises(DataFileError) as caught:
        load_facts(data_copy)
    assert f"{path}, field 'facts[1].source': is not an id in sources.csv" in str(caught.value)


def test_an_edit_is_seen_even_when_the_size_stays_the_same(data_copy):
    assert load_exercises(data_copy).set_index("exercise_id").loc["single_leg_bridge",
                                                                    "sets"] == 2
    path = data_copy / "exercises" / "single_leg_bridge.toml"
    _edit(path, "sets = 2", "sets = 5")  # same size, same second
    assert load_exercises(data_copy).set_index("exercise_id").loc["single_leg_bridge",
                                                                    "sets"] == 5


def test_callers_get_their_own_copies():
    first = load_exercises()
    first.loc[0, "name"] = "changed"
    assert load_exercises().loc[0, "name"] == "Side-lying hip circles"
