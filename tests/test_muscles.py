"""The muscle data: tidy tables from the CSV files, and broken files refused.

Loading and checking run on the fixture pack; the tests named ``test_content_*`` check
that the shipped tables say what the seed and the cited studies say.
"""

from pathlib import Path

import pandas as pd
import pytest

from hipkit import DataFileError, UnknownIdError, load_exercises, load_sources
from hipkit.exercises.muscles import (
    ROLES,
    MuscleData,
    activation_summary,
    load_activation,
    load_muscles,
    load_targets,
    rank_exercises,
)
from tests.conftest import FIXTURE_PACK

# The reference figures gathered for the project; CI lays shared/ beside the checkout.
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "emg_activation.csv"


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return load_targets()


@pytest.fixture(scope="module")
def activation() -> pd.DataFrame:
    return load_activation()


def test_muscle_columns_and_types():
    muscles = load_muscles(FIXTURE_PACK)
    assert list(muscles.columns) == ["muscle_id", "name", "short_name", "latin_name", "group",
                                     "hip_actions", "runner_role", "location", "depth"]
    assert isinstance(muscles["muscle_id"].dtype, pd.CategoricalDtype)
    assert muscles["muscle_id"].tolist() == ["gluteus_maximus", "gluteus_medius", "hamstrings"]
    assert muscles["muscle_id"].cat.ordered
    assert list(muscles["group"].cat.categories) == [
        "gluteals", "hamstrings", "hip flexors and abductors", "core"]
    assert list(muscles["depth"].cat.categories) == ["superficial", "deep"]
    assert not muscles.isna().any().any()


def test_targets_are_one_row_per_pair_with_shared_categoricals():
    targets = load_targets(FIXTURE_PACK)
    assert targets["exercise_id"].dtype == load_exercises(FIXTURE_PACK)["exercise_id"].dtype
    assert targets["muscle_id"].dtype == load_muscles(FIXTURE_PACK)["muscle_id"].dtype
    assert targets["role"].cat.ordered
    assert (pd.Series(["target"], dtype=targets["role"].dtype)
            > pd.Series(["synergist"], dtype=targets["role"].dtype)).all()
    # by exercise in lesson order, then role (target first), then muscle
    assert targets[["exercise_id", "muscle_id", "role"]].astype(str).values.tolist() == [
        ["lying_leg_raise", "gluteus_medius", "target"],
        ["lying_leg_raise", "gluteus_maximus", "stabilizer"],
        ["floor_bridge", "gluteus_maximus", "target"],
        ["floor_bridge", "hamstrings", "synergist"],
        ["floor_bridge", "gluteus_medius", "stabilizer"],
        ["step_hold", "gluteus_medius", "target"],
    ]


def test_an_exercise_without_targets_rows_is_allowed(fixture_pack):
    path = fixture_pack / "targets.csv"
    _rewrite(path, "step_hold,gluteus_medius,target,Fixture: it keeps the hips level on one "
             "leg.\n", "")
    targets = load_targets(fixture_pack)
    assert "step_hold" not in set(targets["exercise_id"])
    assert "step_hold" in targets["exercise_id"].cat.categories
    assert MuscleData.load(fixture_pack).rank_exercises("gluteus_medius")[
        "exercise_id"].astype(str).tolist() == ["lying_leg_raise", "floor_bridge"]


def test_activation_columns_are_nullable_floats():
    activation = load_activation(FIXTURE_PACK)
    for column in ("pct_mvic_mean", "pct_mvic_sd", "pct_mvic_low", "pct_mvic_high"):
        assert activation[column].dtype == "Float64"
    assert activation["n_subjects"].dtype == "Int64"
    # sorted by exercise (lesson order), then muscle (muscles.csv order), file order within
    assert activation["study_exercise"].tolist() == [
        "fixture side raise", "fixture side raise (review)", "fixture bridge",
        "fixture bridge (review)", "fixture bridge (lifted leg)"]
    assert activation["n_subjects"].isna().tolist() == [False, True, False, True, False]
    assert activation["pct_mvic_sd"].isna().tolist() == [False, True, True, True, True]
    assert activation["match_note"].isna().tolist() == [False, True, True, False, True]
    assert list(activation["leg"].cat.categories) == ["working", "standing", "resting",
                                                      "not stated"]


def test_summary_gives_lowest_and_highest_working_leg_figures():
    summary = activation_summary(load_activation(FIXTURE_PACK))
    raise_ = summary.loc[("lying_leg_raise", "gluteus_medius")]
    # 40 (a mean) and 30-50 (a range); never averaged
    assert (raise_["n_figures"], raise_["lowest"], raise_["highest"]) == (2, 30.0, 50.0)
    assert raise_["source_ids"] == "fixture_emg"
    # the resting leg's 5 is left out: that pair has no working-leg figure
    assert ("floor_bridge", "gluteus_medius") not in summary.index
    assert ("floor_bridge", "hamstrings") not in summary.index
    assert summary.index.tolist() == [("lying_leg_raise", "gluteus_medius"),
                                      ("floor_bridge", "gluteus_maximus")]
    bridge = summary.loc[("floor_bridge", "gluteus_maximus")]
    assert (bridge["n_figures"], bridge["lowest"], bridge["highest"]) == (2, 20.0, 30.0)
    assert bridge["source_ids"] == "fixture_emg; fixture_review"


def test_ranking_puts_measured_first_then_role():
    data = MuscleData.load(FIXTURE_PACK)
    ranking = data.rank_exercises("gluteus_medius")
    assert ranking["exercise_id"].astype(str).tolist() == ["lying_leg_raise", "step_hold",
                                                           "floor_bridge"]
    assert ranking["rank"].tolist() == [1, 2, 3]
    assert ranking["n_figures"].tolist() == [2, 0, 0]
    assert ranking["highest"].isna().tolist() == [False, True, True]
    with pytest.raises(UnknownIdError) as caught:
        rank_exercises("piriformis", data.targets, data.activation)
    assert str(caught.value) == ("unknown muscle_id 'piriformis'; known: gluteus_maximus, "
                                 "gluteus_medius, hamstrings")


# --- the shipped content --------------------------------------------------------------------

def test_content_the_seed_muscles_are_all_there():
    muscles = load_muscles()
    assert set(muscles["muscle_id"]) >= {
        "gluteus_maximus", "gluteus_medius", "gluteus_minimus", "hamstrings", "abdominals",
        "tensor_fasciae_latae"}
    assert muscles.set_index("muscle_id").loc["tensor_fasciae_latae", "group"] == (
        "hip flexors and abductors")
    assert muscles.set_index("muscle_id").loc["gluteus_minimus", "depth"] == "deep"
    assert not muscles.isna().any().any()


def test_content_every_shipped_exercise_has_at_least_one_target_muscle(targets):
    with_target = set(targets.loc[targets["role"] == "target", "exercise_id"])
    assert with_target == set(load_exercises()["exercise_id"])
    assert not targets.duplicated(["exercise_id", "muscle_id"]).any()
    assert sorted(targets["role"].unique(), reverse=True) == list(ROLES)
    first = targets.groupby("exercise_id", observed=True)["role"].first()
    assert (first == "target").all()


def test_content_targets_follow_the_seed(targets):
    roles = targets.set_index(["exercise_id", "muscle_id"])["role"]
    # "This movement targets the glute medius" (side-lying hip circles).
    assert roles[("side_lying_hip_circles", "gluteus_medius")] == "target"
    # The band work uses the hip abductors, TFL among them.
    assert roles[("standing_hip_abduction", "tensor_fasciae_latae")] == "synergist"
    # The bridges put the glutes to work, the abs with them, the hamstrings helping.
    for bridge in ("single_leg_bridge", "glute_switch_bridge_hold"):
        assert roles[(bridge, "gluteus_maximus")] == "target"
        assert roles[(bridge, "hamstrings")] == "synergist"
        assert roles[(bridge, "abdominals")] == "stabilizer"


def test_content_every_activation_figure_has_a_source_in_sources_csv(activation):
    assert activation["source_id"].notna().all()
    assert set(activation["source_id"]) <= set(load_sources()["id"])
    has_mean = activation["pct_mvic_mean"].notna()
    has_range = activation["pct_mvic_low"].notna() & activation["pct_mvic_high"].notna()
    assert (has_mean ^ has_range).all()


def test_content_unmeasured_muscles_are_missing_not_zero(activation):
    measured = set(activation["muscle_id"].astype(str))
    # No TFL, hamstring, minimus or abdominal figure was found for these exercises.
    assert measured == {"gluteus_maximus", "gluteus_medius"}
    assert not (activation[["pct_mvic_mean", "pct_mvic_low", "pct_mvic_high"]] == 0).any().any()


def test_content_the_bridge_study_figures(activation):
    bridge = activation[activation["source_id"] == "bilateral_unilateral_gmed"].set_index(
        "study_exercise")
    assert bridge.loc["unilateral supine bridge (supporting leg)", "pct_mvic_mean"] == 33.2
    lifted = bridge.loc["unilateral supine bridge (lifted leg)"]
    assert (lifted["pct_mvic_mean"], lifted["leg"]) == (7.0, "resting")
    both_on = bridge[bridge["exercise_id"] == "glute_switch_bridge_hold"]["pct_mvic_mean"]
    assert sorted(both_on) == [14.7, 15.3]


def test_content_approximate_matches_carry_a_note(activation):
    circles = activation[activation["exercise_id"] == "side_lying_hip_circles"]
    assert circles["match_note"].str.startswith("Straight side-lying hip abduction").all()
    band = activation[(activation["exercise_id"] == "standing_hip_abduction")
                      & (activation["source_id"] == "bilateral_unilateral_gmed")]
    assert band["match_note"].str.contains("No band").all()


@pytest.mark.skipif(not REFERENCE.is_file(), reason="shared/reference is not beside the checkout")
def test_content_every_figure_is_copied_unchanged_from_the_reference(activation):
    reference = pd.read_csv(REFERENCE)
    columns = ["pct_mvic_mean", "pct_mvic_sd", "pct_mvic_low", "pct_mvic_high"]
    for _, figure in activation.iterrows():
        match = reference[(reference["study_id"] == figure["source_id"])
                          & (reference["exercise_in_study"] == figure["study_exercise"])
                          & (reference["muscle"] == figure["muscle_id"].replace("_", " "))]
        assert len(match) == 1, figure["study_exercise"]
        expected = match[columns].iloc[0].astype("Float64")
        assert figure[columns].astype("Float64").equals(expected), figure["study_exercise"]


def test_content_summary_of_the_single_leg_bridge(activation):
    summary = activation_summary(activation)
    bridge = summary.loc[("single_leg_bridge", "gluteus_medius")]
    # 33.2 (supporting leg) and 47-55 (review range); the lifted leg's 7.0 is left out.
    assert (bridge["n_figures"], bridge["lowest"], bridge["highest"]) == (2, 33.2, 55.0)
    assert bridge["source_ids"] == "bilateral_unilateral_gmed; ijspt2014_table2"
    assert ("single_leg_bridge", "hamstrings") not in summary.index


# --- broken files -------------------------------------------------------------------------


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(load, fixture_pack: Path) -> str:
    with pytest.raises(DataFileError) as caught:
        load(fixture_pack)
    return str(caught.value)


def test_muscles_with_a_bad_group_and_a_repeated_id(fixture_pack):
    muscles = fixture_pack / "muscles.csv"
    _rewrite(muscles, "hamstrings,Back thigh,Back T,musculi ficti,hamstrings",
             "gluteus_medius,Back thigh,Back T,musculi ficti,glutes")
    assert _error(load_muscles, fixture_pack) == (
        "2 problems in the data:\n"
        f"- {muscles}, row 4, field 'group': must be one of ['gluteals', 'hamstrings', "
        "'hip flexors and abductors', 'core'] (got 'glutes')\n"
        f"- {muscles}, row 4, field 'muscle_id': is already used by an earlier row "
        "(got 'gluteus_medius')")


def test_muscles_with_a_missing_column(fixture_pack):
    muscles = fixture_pack / "muscles.csv"
    _rewrite(muscles, ",location,depth\n", ",location,deep\n")
    assert _error(load_muscles, fixture_pack) == (
        "2 problems in the data:\n"
        f"- {muscles}, field 'depth': column is missing\n"
        f"- {muscles}, field 'deep': is not a known column; known columns: ['muscle_id', "
        "'name', 'short_name', 'latin_name', 'group', 'hip_actions', 'runner_role', "
        "'location', 'depth']")


def test_muscles_with_an_empty_name(fixture_pack):
    muscles = fixture_pack / "muscles.csv"
    _rewrite(muscles, "hamstrings,Back thigh,", "hamstrings,,")
    assert _error(load_muscles, fixture_pack) == (
        f"1 problem in the data:\n- {muscles}, row 4, field 'name': is empty")


def test_muscles_file_missing(fixture_pack):
    (fixture_pack / "muscles.csv").unlink()
    assert _error(load_targets, fixture_pack) == (
        f"1 problem in the data:\n- {fixture_pack / 'muscles.csv'}, field '(whole file)': "
        "is missing")


def test_targets_with_an_unknown_role_and_muscle(fixture_pack):
    targets = fixture_pack / "targets.csv"
    _rewrite(targets, "lying_leg_raise,gluteus_maximus,stabilizer",
             "lying_leg_raise,piriformis,main")
    assert _error(load_targets, fixture_pack) == (
        "2 problems in the data:\n"
        f"- {targets}, row 3, field 'muscle_id': is not a muscle_id in muscles.csv "
        "(got 'piriformis')\n"
        f"- {targets}, row 3, field 'role': must be one of ['target', 'synergist', "
        "'stabilizer'] (got 'main')")


def test_targets_with_an_exercise_without_a_target_and_a_repeated_pair(fixture_pack):
    targets = fixture_pack / "targets.csv"
    _rewrite(targets, "lying_leg_raise,gluteus_medius,target",
             "lying_leg_raise,gluteus_medius,synergist")
    _rewrite(targets, "floor_bridge,hamstrings,", "floor_bridge,gluteus_medius,")
    assert _error(load_targets, fixture_pack) == (
        "2 problems in the data:\n"
        f"- {targets}, field 'role': no row gives this exercise a target muscle "
        "(got 'lying_leg_raise')\n"
        f"- {targets}, row 6, field 'exercise_id, muscle_id': is already used by an earlier "
        "row (got ('floor_bridge', 'gluteus_medius'))")


def test_targets_naming_an_unknown_exercise(fixture_pack):
    targets = fixture_pack / "targets.csv"
    _rewrite(targets, "floor_bridge,hamstrings,", "floor_brigde,hamstrings,")
    assert _error(load_targets, fixture_pack) == (
        f"1 problem in the data:\n- {targets}, row 5, field 'exercise_id': is not the id of "
        "an exercise in exercises/ (got 'floor_brigde')")


def test_activation_with_every_kind_of_bad_figure(fixture_pack):
    activation = fixture_pack / "activation.csv"
    header = activation.read_text(encoding="utf-8").splitlines()[0]
    activation.write_text("\n".join([
        header,
        "lying_leg_raise,gluteus_medius,working,a,40,10,,,12,fixture_emgg,",
        "lying_leg_raise,gluteus_medius,working,b,40,lots,,,12,fixture_emg,",
        "lying_leg_raise,hamstrings,working,c,33.2,,30,40,0,fixture_emg,",
        "floor_bridge,gluteus_medius,lifted,d,,2,,,12,fixture_emg,",
        "floor_bridge,gluteus_maximus,working,e,,,55,47,,fixture_emg,",
        "floor_bridge,gluteus_maximus,working,f,,,28,,,fixture_emg,",
    ]) + "\n", encoding="utf-8")
    either = "give either a mean or a low-high range (not both, not neither)"
    assert _error(load_activation, fixture_pack) == "\n".join([
        "10 problems in the data:",
        f"- {activation}, row 2, field 'source_id': is not an id in sources.csv "
        "(got 'fixture_emgg')",
        f"- {activation}, row 3, field 'pct_mvic_sd': must be a number of 0 or more "
        "(got 'lots')",
        f"- {activation}, row 4, field 'n_subjects': must be a whole number of 1 or more "
        "(got '0')",
        f"- {activation}, row 4, field 'pct_mvic_mean': {either}",
        f"- {activation}, row 4, field 'exercise_id, muscle_id': is not a pair in "
        "targets.csv: give the muscle a role first "
        "(got ('lying_leg_raise', 'hamstrings'))",
        f"- {activation}, row 5, field 'leg': must be one of ['working', 'standing', "
        "'resting', 'not stated'] (got 'lifted')",
        f"- {activation}, row 5, field 'pct_mvic_mean': {either}",
        f"- {activation}, row 5, field 'pct_mvic_sd': needs a pct_mvic_mean to go with it",
        f"- {activation}, row 6, field 'pct_mvic_low': is above pct_mvic_high (got '55')",
        f"- {activation}, row 7, field 'pct_mvic_high': a range needs both pct_mvic_low "
        "and pct_mvic_high",
    ])


def test_activation_that_is_not_csv(fixture_pack):
    activation = fixture_pack / "activation.csv"
    activation.write_text("", encoding="utf-8")
    message = _error(load_activation, fixture_pack)
    assert message.startswith(f"1 problem in the data:\n- {activation}, field '(whole file)': "
                              "is not a readable CSV file")


def test_a_measured_zero_stays_a_zero(fixture_pack):
    # Missing means nobody measured it; a study that measured 0 would be kept as 0.
    _rewrite(fixture_pack / "activation.csv", ",5,,,,12,", ",0,,,,12,")
    lifted = load_activation(fixture_pack).query("leg == 'resting'")
    assert lifted["pct_mvic_mean"].tolist() == [0.0]
