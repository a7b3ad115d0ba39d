"""Lessons 06 and 07 read as lessons: objectives and a time first, self-checks between
sections (each asked question in the quiz file, an apply-type one among them), key points
last, no test plumbing, and the evidence the issue asked for said in the text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hipkit.views.quiz import load_questions

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LESSONS = {"06_reading_your_runs": 25, "07_load_picture": 35}
# A question that makes the runner work a case out, not recall a sentence.
APPLY = {"06_reading_your_runs": "big_week_band", "07_load_picture": "heart_rate_reserve"}


def cells(lesson: str) -> list[dict]:
    return json.loads((NOTEBOOKS / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]


def text(cell: dict) -> str:
    return "".join(cell["source"])


def prose(lesson: str) -> str:
    return " ".join(text(c) for c in cells(lesson) if c["cell_type"] == "markdown")


@pytest.mark.parametrize("lesson", LESSONS)
def test_objectives_time_and_safety_open_the_lesson(lesson):
    opening = text(cells(lesson)[0])
    assert "**By the end you can:**" in opening
    assert f"**Time:** about {LESSONS[lesson]} minutes" in opening
    assert "Safety first" in opening and "Stop any" in opening


@pytest.mark.parametrize("lesson", LESSONS)
def test_self_checks_come_between_sections_and_key_points_close(lesson):
    every = cells(lesson)
    assert every[-1]["cell_type"] == "markdown" and "## Key points" in text(every[-1])
    headings = [i for i, c in enumerate(every) if c["cell_type"] == "markdown"
                and re.search(r"^## ", text(c), re.MULTILINE)]
    asked = [(i, m.group(1)) for i, c in enumerate(every)
             for m in [re.search(r'quiz\(LESSON, "(\w+)"\)', text(c))] if m]
    assert min(i for i, _ in asked) < headings[1]  # not all at the end
    assert sorted(q for _, q in asked) == sorted(load_questions(lesson))
    assert APPLY[lesson] in {q for _, q in asked}


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_assert_cells_and_every_code_cell_ran(lesson):
    code = [cell for cell in cells(lesson) if cell["cell_type"] == "code"]
    for cell in code:
        assert not re.search(r"^\s*assert\b", text(cell), re.MULTILINE)
    for cell in code[1:]:  # after the imports, every cell shows something, stored
        assert cell["outputs"], text(cell)


def test_lesson_06_gives_both_studies_with_their_results_and_limits():
    words = prose("06_reading_your_runs")
    for fact in ("874 novice runners", "1.59", "0.96 to 2.66", "P = 0.07", "7 days",
                 "calendar weeks", "532 novices", "20.8 %", "20.3 %", "`buist2008`",
                 "`nielsen2014`"):
        assert fact in words, fact


def test_lesson_07_defines_heart_rate_reserve_and_explains_the_warm_up_and_the_plan():
    words = prose("07_load_picture")
    assert "**heart-rate reserve**: the beats between your resting heart rate and your" \
        in words
    assert "warming up" in words and "not Alex being tired" in words
    assert "10 % rule" in words and "`buist2008`" in words
    outputs = " ".join("".join(o.get("text", "")) for c in cells("07_load_picture")
                       if c["cell_type"] == "code" for o in c["outputs"])
    assert "Not scored: 1 session (1 run): missing, not 0." in outputs
    assert "hip_plan.ics holds 18 sessions" in outputs
