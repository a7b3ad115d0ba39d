"""The exercise library: tidy tables from the exercise files, and broken files refused.

Run on the fixture pack; the shipped content is checked in test_content.py.
"""

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

FIXTURE_IDS = ["lying_leg_raise", "floor_bridge", "step_hold"]


def test_exercises_in_lesson_order_with_the_dosage_as_columns(fixture_pack):
    frame = load_exercises(fixture_pack)
    assert frame["exercise_id"].tolist() == FIXTURE_IDS
    assert frame["order"].tolist() == [1, 2, 3]
    rows = frame.set_index("exercise_id")
    assert rows.loc["lying_leg_raise", ["sets", "reps", "rep_unit", "each_side",
                                        "n_directions"]].tolist() == [2, 5, "raises", True, 2]
    assert rows.loc["lying_leg_raise", "directions"] == "forward / back"
    assert pd.isna(rows.loc["floor_bridge", "sets"])  # left out in the file: missing
    assert pd.isna(rows.loc["step_hold", "directions"]) and rows.loc["step_hold",
                                                                     "n_directions"] == 1
    assert rows.index[rows["top_pick"]].tolist() == ["floor_bridge"]
    assert rows["purpose"].astype(str).tolist() == ["awareness", "strength",
                                                    "awareness and strength"]


def test_exercise_dtypes(fixture_pack):
    frame = load_exercises(fixture_pack)
    assert isinstance(frame["exercise_id"].dtype, pd.CategoricalDtype)
    assert frame["exercise_id"].cat.ordered
    assert list(frame["purpose"].cat.categories) == [
        "awareness", "strength", "awareness and strength"]
    assert str(frame["sets"].dtype) == "Int64"
    assert frame["reps"].dtype == "int64"
    assert frame["top_pick"].dtype == bool
    assert frame.shape == (3, 15)


def test_long_texts_are_joined_into_one_line(fixture_pack):
    facts = load_facts(fixture_pack).set_index("fact_id")["text"]
    assert facts["second_fixture_fact"] == "A second made-up fact, written over two lines."


def test_steps_are_tidy_and_numbered_in_order(fixture_pack):
    steps = load_steps(fixture_pack)
    assert list(steps.columns) == ["exercise_id", "step", "text", "equipment", "source"]
    counts = steps.groupby("exercise_id", observed=True)["step"].agg(list)
    assert counts.to_dict() == {"lying_leg_raise": [1, 2], "floor_bridge": [1, 2],
                                "step_hold": [1]}
    assert steps["equipment"].fillna("-").tolist() == ["mat", "-", "loop band", "-", "-"]


def test_equipment_is_one_row_per_item(fixture_pack):
    equipment = load_equipment(fixture_pack)
    assert list(equipment.columns) == ["exercise_id", "item", "detail"]
    assert equipment[["exercise_id", "item"]].astype(str).values.tolist() == [
        ["lying_leg_raise", "mat"], ["floor_bridge", "loop band"]]


def test_cues_are_one_row_per_cue_by_kind(fixture_pack):
    cues = load_cues(fixture_pack)
    assert list(cues["kind"].cat.categories) == ["feel", "do", "avoid"]
    kinds = cues.groupby("exercise_id", observed=True)["kind"].agg(lambda k: sorted(map(str, k)))
    assert kinds.to_dict() == {"lying_leg_raise": ["avoid", "do", "feel"],
                               "floor_bridge": ["do", "feel"], "step_hold": ["avoid", "do"]}
    assert cues.loc[cues["exercise_id"] == "lying_leg_raise", "text"].tolist() == [
        "A light effort at the side of the hip.", "Move slowly.", "Rolling backwards."]


def test_sources_keep_missing_years_missing(fixture_pack):
    sources = load_sources(fixture_pack).set_index("id")
    assert str(sources["year"].dtype) == "Int64"
    assert pd.isna(sources.loc["fixture_guide", "year"])
    assert sources.loc["fixture_emg", "year"] == 2020


def test_data_folder_can_be_named_by_hipkit_data(fixture_pack, monkeypatch):
    monkeypatch.setenv("HIPKIT_DATA", str(fixture_pack))
    assert load_exercises()["exercise_id"].tolist() == FIXTURE_IDS
    assert load_exercises(data_root_of_shipped())["exercise_id"].tolist() != FIXTURE_IDS
    monkeypatch.delenv("HIPKIT_DATA")
    assert load_exercises()["exercise_id"].tolist() != FIXTURE_IDS


def data_root_of_shipped():
    from importlib import resources
    return resources.files("hipkit.data")


# --- broken files -----------------------------------------------------------------------

def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error_for(data_dir: Path) -> str:
    with pytest.raises(DataFileError) as caught:
        load_exercises(data_dir)
    return str(caught.value)


def test_negative_sets_names_file_field_and_value(fixture_pack):
    path = fixture_pack / "exercises" / "lying_leg_raise.toml"
    _edit(path, "sets = 2", "sets = -3")
    message = _error_for(fixture_pack)
    assert f"{path}, field 'dosage.sets': must be a whole number of 1 or more (got -3)" in message


def test_invalid_toml_is_reported_with_its_file(fixture_pack):
    path = fixture_pack / "exercises" / "floor_bridge.toml"
    _edit(path, 'name = "Floor bridge"', 'name = "unclosed')
    message = _error_for(fixture_pack)
    assert f"{path}, field '(whole file)': is not valid TOML" in message


def test_missing_field_and_unknown_field_are_both_reported(fixture_pack):
    path = fixture_pack / "exercises" / "lying_leg_raise.toml"
    _edit(path, 'position = "Lying', 'positon = "Lying')
    message = _error_for(fixture_pack)
    assert message.startswith("2 problems in the data:")
    assert f"{path}, field 'position': is missing" in message
    assert f"{path}, field 'positon': is not a known field" in message


def test_unknown_purpose_lists_the_allowed_values(fixture_pack):
    path = fixture_pack / "exercises" / "floor_bridge.toml"
    _edit(path, 'purpose = "strength"', 'purpose = "cardio"')
    message = _error_for(fixture_pack)
    assert ("field 'purpose': must be one of ['awareness', 'strength', "
            "'awareness and strength'] (got 'cardio')") in message


def test_duplicate_id_names_the_first_file(fixture_pack):
    first = fixture_pack / "exercises" / "floor_bridge.toml"
    copy = fixture_pack / "exercises" / "zz_copy.toml"
    text = first.read_text(encoding="utf-8").replace("order = 2", "order = 9")
    copy.write_text(text.replace('name = "Floor bridge"', 'name = "Copy"'), "utf-8")
    message = _error_for(fixture_pack)
    assert f"{copy}, field 'id': is already used by {first}" in message


def test_step_equipment_must_be_listed(fixture_pack):
    path = fixture_pack / "exercises" / "floor_bridge.toml"
    _edit(path, 'equipment = ["loop band"]', 'equipment = ["kettlebell"]')
    message = _error_for(fixture_pack)
    assert ("field 'steps[1].equipment': names an item not listed under [[equipment]] "
            "(got 'kettlebell')") in message


def test_unknown_source_id_is_refused(fixture_pack):
    path = fixture_pack / "exercises" / "step_hold.toml"
    _edit(path, 'source = "fixture_guide"', 'source = "my_blog"')
    assert (f"{path}, field 'source': is not an id in sources.csv (got 'my_blog')"
            in _error_for(fixture_pack))


def test_empty_exercise_folder_is_refused(fixture_pack):
    for path in (fixture_pack / "exercises").glob("*.toml"):
        path.unlink()
    assert "holds no .toml exercise files" in _error_for(fixture_pack)


def test_a_new_exercise_file_is_picked_up_without_python(fixture_pack):
    load_exercises(fixture_pack)  # read (and kept) before the coach adds the file
    add_clamshell(fixture_pack)
    frame = load_exercises(fixture_pack)
    assert frame["exercise_id"].tolist() == [*FIXTURE_IDS, "clamshell"]
    assert load_steps(fixture_pack)["exercise_id"].value_counts()["clamshell"] == 2


def test_sources_without_a_title_name_the_row(fixture_pack):
    path = fixture_pack / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + "blog2,Someone,2020,,,\n", "utf-8")
    with pytest.raises(DataFileError) as caught:
        load_sources(fixture_pack)
    rows = len(path.read_text(encoding="utf-8").splitlines())
    assert f"{path}, row {rows}, field 'title': is empty" in str(caught.value)


def test_background_fact_with_unknown_source_is_refused(fixture_pack):
    path = fixture_pack / "background.toml"
    _edit(path, 'source = "fixture_guide"', 'source = "nowhere"')
    with pytest.raises(DataFileError) as caught:
        load_facts(fixture_pack)
    assert f"{path}, field 'facts[1].source': is not an id in sources.csv" in str(caught.value)


def test_an_edit_is_seen_even_when_the_size_stays_the_same(fixture_pack):
    assert load_exercises(fixture_pack).set_index("exercise_id").loc["lying_leg_raise",
                                                                       "sets"] == 2
    path = fixture_pack / "exercises" / "lying_leg_raise.toml"
    _edit(path, "sets = 2", "sets = 5")  # same size, same second
    assert load_exercises(fixture_pack).set_index("exercise_id").loc["lying_leg_raise",
                                                                       "sets"] == 5


def test_callers_get_their_own_copies(fixture_pack):
    first = load_exercises(fixture_pack)
    first.loc[0, "name"] = "changed"
    assert load_exercises(fixture_pack).loc[0, "name"] == "Lying leg raise"
