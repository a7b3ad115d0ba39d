"""A coach adds a fifth exercise as data/README.md says, and nothing else breaks.

On a copy of the shipped data: a clamshell (one exercise file and one ``targets.csv``
row, keyframes left out) is taught in words while the four shipped exercises keep
their figures, the handout grows a fifth exercise page, and the lessons run against
that folder (pointed at with ``HIPKIT_DATA``). With a keyframe file, the clamshell is
drawn too.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import nbformat
import pytest
from nbclient import NotebookClient

from hipkit.coach.handout import handout_figures
from hipkit.exercises.keyframes import load_movements, movement
from hipkit.exercises.loaders import load_exercises
from hipkit.exercises.progression import build_plan
from hipkit.views.movement_view import MovementView
from hipkit.views.walkthrough_view import guided_session
from tests.exercise_files import add_clamshell

NOTEBOOKS = Path(__file__).parent.parent / "notebooks"
SHIPPED = ["side_lying_hip_circles", "standing_hip_abduction", "single_leg_bridge",
           "glute_switch_bridge_hold"]


@pytest.fixture
def five(data_copy):
    """The shipped data plus a clamshell without keyframes."""
    add_clamshell(data_copy)
    return data_copy


def _exercise_pages(data_dir):
    plan = build_plan("2026-02-02", weeks=1, data_dir=data_dir)
    figures = list(handout_figures("Sam", plan, data_dir=data_dir))
    names = set(load_exercises(data_dir)["name"])
    return {fig.texts[0].get_text(): fig for fig in figures
            if fig.texts and fig.texts[0].get_text() in names}


def _drawn(fig) -> bool:
    """Whether an exercise page shows the moving figure (lines), not a summary in words."""
    panel = fig.axes[0]
    return len(panel.lines) > 0


def test_fifth_exercise_without_keyframes_leaves_the_others_their_figures(five):
    assert load_exercises(five)["exercise_id"].astype(str).tolist() == [*SHIPPED, "clamshell"]
    assert sorted(load_movements(five)) == sorted(SHIPPED)
    for exercise_id in SHIPPED:
        assert movement(exercise_id, five).exercise_id == exercise_id
    with pytest.raises(KeyError, match="keyframes/clamshell.toml is missing"):
        movement("clamshell", five)


def test_handout_has_five_exercise_pages_and_teaches_the_new_one_in_words(five):
    pages = _exercise_pages(five)
    assert list(pages) == load_exercises(five)["name"].tolist()
    assert len(pages) == 5
    for name, fig in pages.items():
        assert _drawn(fig) == (name != "Clamshell"), name
    words = " ".join(t.get_text() for t in pages["Clamshell"].axes[0].texts)
    assert "open the top knee like a shell" in " ".join(words.split())


def test_walkthrough_teaches_the_new_exercise_in_words_and_draws_the_others(five):
    clamshell = guided_session("clamshell", data_dir=five)
    note = clamshell.movement.children[0]
    assert "No drawing for this exercise" in note.value
    assert "keyframes/clamshell.toml is missing" in note.value
    assert clamshell.step_label.value == "Step 1 of 2"
    bridge = guided_session("glute_switch_bridge_hold", data_dir=five)
    assert isinstance(bridge._movement_for(0), MovementView)


def test_fifth_exercise_with_keyframes_is_drawn(data_copy):
    add_clamshell(data_copy, keyframes=True)
    assert sorted(load_movements(data_copy)) == sorted([*SHIPPED, "clamshell"])
    assert movement("clamshell", data_copy).readout_motion == "abduction"
    pages = _exercise_pages(data_copy)
    assert len(pages) == 5 and all(_drawn(fig) for fig in pages.values())
    view = guided_session("clamshell", data_dir=data_copy)
    assert isinstance(view._movement_for(0), MovementView)


def test_a_broken_keyframe_file_takes_only_its_own_figure(data_copy):
    add_clamshell(data_copy, keyframes=True)
    path = data_copy / "keyframes" / "clamshell.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("right = 25", "right = 80"),
                    encoding="utf-8")
    with pytest.raises(ValueError, match="is outside the normal range of motion") as caught:
        movement("clamshell", data_copy)
    assert f"{path}, field 'steps[2].poses[2].hip_abduction.right'" in str(caught.value)
    assert "(got 80)" in str(caught.value)
    pages = _exercise_pages(data_copy)
    assert [name for name, fig in pages.items() if not _drawn(fig)] == ["Clamshell"]


def _failing_cells(notebook) -> list[str]:
    return [f"cell {cell.get('id')}: {cell.source.splitlines()[0] if cell.source else ''}"
            for cell in notebook.cells if cell.cell_type == "code"
            and any(o.output_type == "error" for o in cell.outputs)]


@pytest.mark.parametrize("lesson", sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")))
def test_lessons_run_against_a_pack_with_five_exercises(five, lesson, monkeypatch, tmp_path):
    monkeypatch.setenv("HIPKIT_DATA", str(five))
    # A home of its own: the lessons' practice logs written here must not be found again
    # by the strict nbval run of the same lessons later in the test run.
    monkeypatch.setenv("HIPKIT_HOME", str(tmp_path))
    notebook = nbformat.read(NOTEBOOKS / lesson, as_version=4)
    # Run every cell even after one fails, so the failure lists every cell at fault.
    NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    assert _failing_cells(notebook) == []
