"""The muscle lookup: the ranking rule on a small fixture, the state object, and its widget view.

The tables are written here, over the fixture pack's exercises plus a clamshell (four
exercises in lesson order); the shipped data is checked by the ``test_content_*`` tests.
"""

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from hipkit.errors import UnknownIdError
from hipkit.exercises.muscles import MuscleData, rank_exercises
from hipkit.views.muscle_lookup import MuscleLookup, MuscleLookupView, muscle_lookup
from hipkit.views.quiz import load_questions
from tests.exercise_files import add_clamshell

MUSCLES = (
    "muscle_id,name,short_name,latin_name,group,hip_actions,runner_role,location,depth\n"
    "gluteus_medius,Gluteus medius,Glute med,musculus gluteus medius,gluteals,abduction,"
    "Levels the pelvis.,Side of the hip.,superficial\n"
    "hamstrings,Ham <b>strings</b>,Hams,musculi ischiocrurales,hamstrings,extension,"
    "Slow the leg.,Back of the thigh.,superficial\n"
    "abdominals,Abdominals,Abs,musculi abdominis,core,none,Steady the trunk.,The belly.,"
    "superficial\n"
)
TARGETS = """\
exercise_id,muscle_id,role,why
lying_leg_raise,gluteus_medius,target,x
lying_leg_raise,hamstrings,stabilizer,x
floor_bridge,gluteus_medius,target,x
step_hold,gluteus_medius,stabilizer,x
step_hold,hamstrings,synergist,x
step_hold,abdominals,target,x
clamshell,gluteus_medius,stabilizer,x
clamshell,hamstrings,target,x
clamshell,abdominals,stabilizer,x
"""
# Leg raise 50 (a target); step hold up to 50 (a stabilizer, tied with the raise); the
# clamshell 60 (a stabilizer, but the highest figure); the floor bridge only has a
# resting-leg figure, which does not count: it is unmeasured.
ACTIVATION = """\
exercise_id,muscle_id,leg,study_exercise,pct_mvic_mean,pct_mvic_sd,pct_mvic_low,pct_mvic_high,n_subjects,source_id,match_note
lying_leg_raise,gluteus_medius,working,a,50,5,,,,fixture_emg,
floor_bridge,gluteus_medius,resting,b,90,,,,,fixture_review,
step_hold,gluteus_medius,not stated,c,,,30,50,,fixture_guide,
clamshell,gluteus_medius,working,d,60,,,,12,bilateral_unilateral_gmed,
clamshell,gluteus_medius,standing,e,20,,,,12,bilateral_unilateral_gmed,
"""


@pytest.fixture
def small(fixture_pack: Path) -> MuscleData:
    add_clamshell(fixture_pack)
    for name, text in (("muscles.csv", MUSCLES), ("targets.csv", TARGETS),
                       ("activation.csv", ACTIVATION)):
        (fixture_pack / name).write_text(text, encoding="utf-8")
    return MuscleData.load(fixture_pack)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_ranking_puts_measured_first_by_highest_figure_then_role(small):
    ranking = rank_exercises("gluteus_medius", small.targets, small.activation)
    assert ranking["exercise_id"].astype(str).tolist() == [
        "clamshell",  # 60: highest figure, though only a stabilizer
        "lying_leg_raise",  # 50, a target: wins the tie on role
        "step_hold",  # up to 50, a stabilizer
        "floor_bridge",  # a target, but only a resting-leg figure: unmeasured
    ]
    assert ranking["rank"].tolist() == [1, 2, 3, 4]
    assert ranking["highest"].tolist()[:3] == [60.0, 50.0, 50.0]
    assert ranking["lowest"].tolist()[:3] == [20.0, 50.0, 30.0]
    assert ranking["n_figures"].tolist() == [2, 1, 1, 0]


def test_ranking_of_an_unmeasured_muscle_follows_role_and_leaves_out_non_listed(small):
    ranking = rank_exercises("hamstrings", small.targets, small.activation)
    assert ranking["exercise_id"].astype(str).tolist() == [
        "clamshell", "step_hold", "lying_leg_raise"]
    assert ranking["role"].astype(str).tolist() == ["target", "synergist", "stabilizer"]
    assert ranking["highest"].isna().all()


def test_ranking_refuses_an_unknown_muscle(small):
    with pytest.raises(UnknownIdError) as caught:
        rank_exercises("piriformis", small.targets, small.activation)
    assert str(caught.value) == ("unknown muscle_id 'piriformis'; known: gluteus_medius, "
                                 "hamstrings, abdominals")


def test_lookup_by_muscle_gives_a_readable_ranking(small):
    lookup = MuscleLookup(small)
    lookup.pick_muscle("gluteus_medius")
    table = lookup.table()
    assert table["Exercise"].tolist() == ["Clamshell", "Lying leg raise",
                                          "Step hold", "Floor bridge"]
    # the clamshell's standing leg (20) is kept apart from its working leg (60)
    assert table["Measured activation"].tolist() == [
        "working leg 60 %MVIC; standing leg 20 %MVIC", "50 %MVIC",
        "leg not stated 30–50 %MVIC", "not measured"]
    assert table["Sources"].tolist()[:3] == ["bilateral_unilateral_gmed", "fixture_emg",
                                             "fixture_guide"]


def test_lookup_by_exercise_lists_its_muscles_by_role(small):
    lookup = MuscleLookup(small)
    lookup.pick_exercise("clamshell")
    table = lookup.table()
    assert lookup.mode == "exercise"
    assert table["Muscle"].tolist() == ["Ham <b>strings</b>", "Gluteus medius", "Abdominals"]
    assert table["Role"].tolist() == ["target", "stabilizer", "stabilizer"]
    assert table["Measured activation"].tolist() == [
        "not measured", "working leg 60 %MVIC; standing leg 20 %MVIC", "not measured"]


def test_lookup_draws_the_body_map_of_its_answer(small):
    lookup = MuscleLookup(small)
    lookup.pick_muscle("gluteus_medius")
    ax = lookup.draw()
    assert [p.get_gid() for p in ax.patches if p.get_gid() == "highlight"] == ["highlight"]
    assert ax.get_title(loc="left") == "Where to find the gluteus medius"
    lookup.pick_exercise("step_hold")
    assert lookup.draw().get_title(loc="left") == "Muscles worked: Step hold"


def test_lookup_tells_its_listeners_and_refuses_unknown_ids(small):
    lookup = MuscleLookup(small)
    seen = []
    lookup.subscribe(lambda state: seen.append((state.mode, state.muscle_id,
                                                state.exercise_id)))
    lookup.pick_muscle("hamstrings")
    lookup.pick_exercise("step_hold")
    assert seen == [("muscle", "hamstrings", "lying_leg_raise"),
                    ("exercise", "hamstrings", "step_hold")]
    with pytest.raises(UnknownIdError, match="unknown muscle_id 'biceps'; known: "
                       "gluteus_medius, hamstrings, abdominals"):
        lookup.pick_muscle("biceps")
    with pytest.raises(UnknownIdError, match="unknown exercise_id 'hop_scotch'; known: "
                       "lying_leg_raise, floor_bridge, step_hold, clamshell"):
        lookup.pick_exercise("hop_scotch")
    assert len(seen) == 2


def test_view_follows_the_dropdown_and_the_mode_buttons(small):
    view = MuscleLookupView(MuscleLookup(small))
    assert view.choice.description == "Muscle:"
    assert [value for _, value in view.choice.options] == [
        "gluteus_medius", "hamstrings", "abdominals"]
    view.choice.value = "hamstrings"
    assert (view.lookup.mode, view.lookup.muscle_id) == ("muscle", "hamstrings")
    assert "Clamshell" in view.table.value
    view.mode.value = "By exercise"
    assert view.lookup.mode == "exercise"
    assert view.choice.description == "Exercise:"
    assert view.choice.value == "lying_leg_raise"
    view.choice.value = "clamshell"
    assert view.lookup.exercise_id == "clamshell"
    assert view.image.value.startswith('<img src="data:image/png;base64,iVBORw0KGgo')
    assert 'alt="Muscles worked: Clamshell"' in view.image.value


def test_view_follows_changes_made_on_the_state(small):
    view = MuscleLookupView(MuscleLookup(small))
    before = view.image.value
    assert view.status.value == "<i>Showing: Where to find the gluteus medius</i>"
    view.lookup.pick_exercise("step_hold")
    assert (view.mode.value, view.choice.value) == ("By exercise", "step_hold")
    assert view.image.value != before
    assert view.status.value == "<i>Showing: Muscles worked: Step hold</i>"


def test_view_escapes_data_text(small):
    view = MuscleLookupView(MuscleLookup(small))
    view.lookup.pick_exercise("clamshell")
    assert "Ham &lt;b&gt;strings&lt;/b&gt;" in view.table.value
    assert "<b>strings" not in view.table.value


def test_content_muscle_lookup_reads_the_shipped_data():
    view = muscle_lookup()
    assert view.lookup.muscle_id == "gluteus_maximus"
    assert view.lookup.table()["Exercise"].tolist()[0] == "Single-leg bridge"


def test_content_lesson_self_check_answers_agree_with_the_data():
    questions = load_questions("03_muscles_targeted")
    data = MuscleData.load()
    names = data.exercises.set_index("exercise_id")["name"]
    top = data.rank_exercises("gluteus_medius")["exercise_id"].iloc[0]
    best = questions["best_for_medius"]
    assert best.check(best.options.index(names[top]))[0]
    assert not best.check(best.options.index("Glute-switch bridge hold"))[0]
    missing = questions["missing_figure"]
    assert "nobody" in missing.options[missing.answer].lower()
    tfl = data.activation[data.activation["muscle_id"] == "tensor_fasciae_latae"]
    assert tfl.empty  # the question's premise: no TFL figure was found


def test_content_lookup_keeps_the_standing_leg_apart_from_the_kicking_leg():
    lookup = muscle_lookup().lookup
    lookup.pick_exercise("standing_hip_abduction")
    shown = lookup.table().set_index("Muscle")["Measured activation"]["Gluteus medius"]
    figures = load_activation_rows("standing_hip_abduction", "gluteus_medius")
    kicking, standing = figures["working"], figures["standing"]
    assert f"working leg {kicking:g} %MVIC" in shown
    assert f"standing leg {standing:g} %MVIC" in shown
    # no single range runs from one leg's figure to the other's
    assert f"{kicking:g}–{standing:g}" not in shown


def load_activation_rows(exercise_id: str, muscle_id: str) -> dict[str, float]:
    """The study means of one pair, by leg (the content test's premise, read from the data)."""
    activation = MuscleData.load().activation
    rows = activation[(activation["exercise_id"] == exercise_id)
                      & (activation["muscle_id"] == muscle_id)
                      & activation["pct_mvic_mean"].notna()]
    return dict(zip(rows["leg"].astype(str), rows["pct_mvic_mean"].astype(float), strict=True))
