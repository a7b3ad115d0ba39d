"""The shipped exercises as a physio hands them out (issue 21, item 3 and the pain lines).

Pins the four shipped exercises: each has an easier and a harder version, at least two
faults with fixes, its cautions, a self-test and a burn-or-pain line, every item with a
source or marked pack advice; the line reaches the walkthrough, the presenter and the
printed handout, and the handout's cover carries the full safety line.
"""

import re

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest
from pypdf import PdfReader

from hipkit.coach.handout import make_handout
from hipkit.coach.presenter import presenter
from hipkit.exercises.exercise_files import read_library
from hipkit.exercises.guidance import (
    guidance_for,
    load_burn_or_pain,
    load_cautions,
    load_faults,
    load_self_tests,
    load_versions,
)
from hipkit.exercises.loaders import load_exercises
from hipkit.exercises.progression import build_plan
from hipkit.exercises.sources import SEED_SOURCE, load_sources
from hipkit.views.walkthrough_view import full_workout

SHIPPED = ["side_lying_hip_circles", "standing_hip_abduction", "single_leg_bridge",
           "glute_switch_bridge_hold"]
#: What lesson 05 tells coaches to print on every handout.
SAFETY_LINE = "sharp or joint pain, or pain that grows"


def squash(text: str) -> str:
    return " ".join(text.split())


def _burn_or_pain_texts() -> dict[str, str]:
    library = read_library()
    return {e: guidance_for(e, library).burn_or_pain for e in SHIPPED}


def test_content_the_shipped_exercises_are_the_four():
    assert load_exercises()["exercise_id"].astype(str).tolist() == SHIPPED


@pytest.mark.parametrize("exercise_id", SHIPPED)
def test_content_each_exercise_has_versions_faults_cautions_self_test_and_pain_line(
        exercise_id):
    def own(frame):
        return frame[frame["exercise_id"] == exercise_id]

    assert sorted(own(load_versions())["level"].astype(str)) == ["easier", "harder"]
    versions = own(load_versions())
    assert versions["change"].str.len().min() > 10  # says what changes
    faults = own(load_faults())
    assert len(faults) >= 2 and faults["fix"].str.len().min() > 10
    assert len(own(load_cautions())) >= 1
    assert len(own(load_self_tests())) == 1
    pain = own(load_burn_or_pain())
    assert len(pain) == 1
    line = pain["text"].iloc[0]
    # One sentence telling a working muscle's burn from pain to stop for.
    assert line.count(". ") == 0 and line.endswith(".")
    assert "burn" in line.lower() and "sharp" in line and "joint" in line and "grows" in line


def test_content_every_item_says_where_it_comes_from():
    ids = set(load_sources()["id"])
    for frame in (load_versions(), load_faults(), load_cautions(), load_self_tests(),
                  load_burn_or_pain()):
        assert frame["source"].notna().all()
        assert set(frame["source"]) <= ids | {"pack", "seed"}
        # The coach's post says none of these: nothing may pass as the coach's words.
        assert not set(frame["source"]) & {"seed", SEED_SOURCE}
        assert not (frame["adapted"] & frame["source"].eq("pack")).any()


def test_content_cited_sources_have_a_stable_address_or_say_why_not():
    cited = set(pd.concat([f["source"] for f in (load_versions(), load_faults(),
                                                  load_cautions(), load_self_tests())]))
    sources = load_sources().set_index("id")
    for source in cited - {"pack"}:
        row = sources.loc[source]
        assert pd.notna(row["checked"]) and len(row["checked"]) > 40, source
        assert pd.notna(row["doi_or_url"]) or "DOI not read" in row["checked"], source


def test_content_the_coachs_burn_cue_is_attributed_in_the_circles_line():
    line = _burn_or_pain_texts()["side_lying_hip_circles"]
    assert line.startswith("The coach reads an early burn")


def test_content_walkthrough_shows_a_burn_or_pain_line_for_every_exercise():
    view = full_workout(rest_seconds=0)
    for exercise_id, line in _burn_or_pain_texts().items():
        assert str(view.workout.walkthrough.exercise["exercise_id"]) == exercise_id
        assert line in view.burn_or_pain.value.replace("&#x27;", "'")
        assert view.burn_or_pain.layout.display is None
        assert "Ask a professional first" in view.guidance.value
        view.next_exercise_button.click()


def test_content_presenter_shows_a_burn_or_pain_line_for_every_exercise():
    view = presenter(rest_seconds=0)
    figure_column = view.children[2].children[0]  # under the figure, beside the step
    assert figure_column.children == (view.controls.movement, view.controls.burn_or_pain)
    for exercise_id, line in _burn_or_pain_texts().items():
        assert str(view.workout.walkthrough.exercise["exercise_id"]) == exercise_id
        assert line in view.controls.burn_or_pain.value.replace("&#x27;", "'")
        view.controls.next_exercise_button.click()


@pytest.fixture(scope="module")
def handout_pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("handout") / "plan.pdf"
    make_handout(out, "Sam Okafor", build_plan("2026-02-02"), paper="a4")
    return [squash(page.extract_text()) for page in PdfReader(out).pages]


def test_content_handout_cover_carries_the_full_safety_line(handout_pages):
    assert SAFETY_LINE in handout_pages[0]
    assert "see a physiotherapist" in handout_pages[0].lower()


def test_content_handout_prints_each_exercises_burn_line_and_notes(handout_pages):
    names = load_exercises().set_index("exercise_id")["name"]
    for exercise_id, line in _burn_or_pain_texts().items():
        page = next(p for p in handout_pages
                    if str(names[exercise_id]) in p and "Starting position" in p)
        assert "Burn or pain?" in page
        assert squash(line) in page, exercise_id
        for heading in ("Easier and harder", "Common faults and fixes",
                        "Ask a professional first", "Check your progress"):
            assert heading in page, (exercise_id, heading)
        assert re.search(r"Sources: .*(Grimaldi|Reiman|Mottola|Freckleton|APTEI)", page)
