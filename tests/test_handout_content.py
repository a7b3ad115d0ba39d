"""What the printed plan says: the safety note, the gate, the hold's bout, sources."""

import dataclasses
import datetime as dt
import re

import pytest
from pypdf import PdfReader

from hipkit.coach.handout import make_handout
from hipkit.coach.handout_pages import SAFETY_NOTE
from hipkit.exercises.progression import build_plan, weekly_dosage
from hipkit.exercises.progression_rules import load_progression

START = dt.date(2026, 2, 2)


def squash(text: str) -> str:
    return " ".join(text.split())


def exercise_page(pages: list[str], name: str) -> str:
    return next(page for page in pages if name in page and "Starting position" in page)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("handout") / "plan.pdf"
    make_handout(out, "Sam Okafor", build_plan(START, weeks=12), paper="a4")
    return [squash(page.extract_text()) for page in PdfReader(out).pages]


def test_the_cover_carries_the_safety_note(pages):
    assert "Safety first" in pages[0]
    assert squash(SAFETY_NOTE) in pages[0]
    assert "Stop any exercise that causes pain" in pages[0]


def test_the_cover_says_the_rule_is_adapted_from_mckay_not_mckays(pages):
    assert "pack's own rule adapted from McKay et al. 2020" in pages[0]
    assert "harder exercise every two weeks" in pages[0]


def test_the_tick_sheet_says_a_step_is_taken_only_if_the_gate_allows(pages):
    sheets = [page for page in pages if "Tick sheet" in page]
    assert sheets
    for sheet in sheets:
        assert "only if the gate on the cover allows" in sheet


def test_no_page_asks_for_more_than_ten_switches_in_a_bout(pages):
    switches = [int(n) for page in pages for n in re.findall(r"(\d+) switches", page)]
    assert switches and max(switches) == 10
    hold_page = exercise_page(pages, "Glute-switch bridge hold")
    assert "Week 12: 3 bouts of 10 switches, a break after each" in hold_page


def test_pack_advice_is_labelled_on_the_exercise_pages(pages):
    circles = exercise_page(pages, "Side-lying hip circles")
    assert "Aim for control rather than size. (pack advice)" in circles
    assert "Keep the circles small. (" not in circles  # the coach's own words: no mark


@pytest.mark.parametrize("weeks", [1, 6, 24])
def test_no_plan_asks_for_more_than_ten_switches_in_a_bout(weeks):
    plan = build_plan(START, weeks=weeks)
    hold = plan[plan["exercise_id"] == "glute_switch_bridge_hold"]
    assert hold["reps"].max() == 10
    assert set(hold["change"].astype(str)) <= {"start", "set", "hold"}


def test_a_held_exercise_grows_only_in_bouts_and_others_still_take_reps():
    rules = load_progression()
    dosage = weekly_dosage(6, rules=rules).set_index(["exercise_id", "week"])
    assert dosage.loc["glute_switch_bridge_hold", "sets"].tolist() == [1, 2, 3, 3, 3, 3]
    unheld = dataclasses.replace(rules, fixed_reps=())
    free = weekly_dosage(6, rules=unheld).set_index(["exercise_id", "week"])
    assert free.loc["glute_switch_bridge_hold", "reps"].max() == 20  # the rule that bit


def test_the_cover_lists_each_source_once_and_not_the_pack(pages):
    sources = pages[0][pages[0].index("Sources:"):]
    assert sources.count("A (coach, signs the post with this initial)") == 1
    assert "McKay J" in sources and "hipkit" not in sources
