"""Lessons 00-03 read as lessons: objectives and time first, self-checks, key points last,
a safety note, no test plumbing, no saved widget state, small enough to review.

The checks a lesson used to carry in ``assert`` cells live here instead.
"""

import json
import re
from pathlib import Path

import pytest

from hipkit import load_exercises
from hipkit.exercises.muscles import MuscleData
from hipkit.exercises.session_plan import session_volume
from hipkit.views.quiz import load_questions

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LESSONS = ["00_start_here", "01_why_hips", "02_exercise_walkthrough", "03_muscles_targeted"]
MAX_BYTES = 300_000


def cells(lesson: str) -> list[dict]:
    return load(lesson)["cells"]


def load(lesson: str) -> dict:
    return json.loads((NOTEBOOKS / f"{lesson}.ipynb").read_text(encoding="utf-8"))


def text(cell: dict) -> str:
    return "".join(cell["source"])


@pytest.mark.parametrize("lesson", LESSONS)
def test_objectives_time_and_safety_come_first(lesson):
    first = cells(lesson)[0]
    assert first["cell_type"] == "markdown"
    opening = text(first)
    assert "By the end of this lesson you can" in opening
    assert re.search(r"\*\*Time:\*\* about \d+ minutes", opening)
    assert "Safety first" in opening and "Stop any exercise that causes pain" in opening


@pytest.mark.parametrize("lesson", LESSONS)
def test_self_checks_sit_between_sections_and_key_points_close(lesson):
    every = cells(lesson)
    last = every[-1]
    assert last["cell_type"] == "markdown" and "## Key points" in text(last)
    headings = [i for i, c in enumerate(every) if c["cell_type"] == "markdown"
                and re.search(r"^## ", text(c), re.MULTILINE)]
    checks = [i for i, c in enumerate(every) if "quiz(" in text(c)]
    assert len(checks) >= 2
    # at least one self-check comes before the last section: they are not all at the end
    assert min(checks) < headings[-2]


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_assert_cells_no_widget_state_and_small(lesson):
    for cell in cells(lesson):
        if cell["cell_type"] == "code":
            assert not re.search(r"^\s*assert\b", text(cell), re.MULTILINE), text(cell)
    assert "widgets" not in load(lesson)["metadata"]
    assert (NOTEBOOKS / f"{lesson}.ipynb").stat().st_size < MAX_BYTES


@pytest.mark.parametrize("lesson", LESSONS)
def test_counts_come_from_the_data_not_the_prose(lesson):
    prose = " ".join(text(c) for c in cells(lesson) if c["cell_type"] == "markdown")
    assert not re.search(r"\bfour\b", prose, re.IGNORECASE)


def test_each_exercise_in_lesson_02_shows_its_key_moment_as_a_plain_image():
    shown = {}
    for cell in cells("02_exercise_walkthrough"):
        found = re.search(r'draw_key_moment\("(\w+)"\)', text(cell))
        if found:
            # A stored picture a static reader shows: a PNG, or an <img alt> holding one.
            shown[found.group(1)] = any(
                "image/png" in output.get("data", {})
                or re.match(r'<img src="data:image/png;base64,[^"]+" alt="[^"]+">$',
                            "".join(output.get("data", {}).get("text/html", "")))
                for output in cell["outputs"])
    exercise_ids = load_exercises()["exercise_id"].astype(str).tolist()
    assert shown == dict.fromkeys(exercise_ids, True)


def test_lesson_01_circle_question_matches_the_counted_session():
    question = load_questions("01_why_hips")["circle_rep"]
    circles = session_volume().set_index("exercise_id").loc["side_lying_hip_circles", "reps"]
    assert question.options[question.answer] == str(circles)


def test_lesson_03_gluteus_medius_answer_is_the_highest_unloaded_figure():
    data = MuscleData.load()
    figures = data.activation[(data.activation["muscle_id"] == "gluteus_medius")
                              & ~data.activation["study_exercise"].str.contains("repetition")]
    top = figures.loc[figures["pct_mvic_mean"].idxmax(), "exercise_id"]
    question = load_questions("03_muscles_targeted")["best_for_medius"]
    name = data.exercises.set_index("exercise_id").loc[top, "name"]
    assert question.options[question.answer] == name
