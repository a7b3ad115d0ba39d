"""An exercise's physio-style notes on the fixture pack: loaded, refused, shown, printed.

``floor_bridge`` has every part, ``lying_leg_raise`` only its burn-or-pain line and
``step_hold`` none (tests/fixture_pack/README.md).
"""

import re

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from pypdf import PdfReader

from hipkit import DataFileError
from hipkit.coach.handout import make_handout
from hipkit.coach.handout_layout import MARGIN
from hipkit.coach.handout_pages import exercise_pages
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
from hipkit.exercises.progression import build_plan
from hipkit.exercises.progression_rules import load_progression
from hipkit.views.walkthrough_view import guided_session


def _drawn_nothing(ax):
    """A drawer that leaves the panel empty, so pages are quick to lay out."""
    ax.set_axis_off()


def test_loaders_return_one_tidy_row_per_item_with_its_source(fixture_pack):
    versions = load_versions(fixture_pack)
    assert versions[["exercise_id", "level", "text", "source", "adapted"]].astype(str) \
        .values.tolist() == [["floor_bridge", "easier", "A lower bridge.", "pack", "False"],
                             ["floor_bridge", "harder", "A longer hold.", "fixture_guide",
                              "True"]]
    assert versions["level"].cat.categories.tolist() == ["easier", "harder"]
    assert load_faults(fixture_pack)[["fault", "fix"]].values.tolist() == [
        ["The back arches.", "Ribs down."], ["The feet slide.", "Heels closer."]]
    assert load_cautions(fixture_pack)["source"].tolist() == ["fixture_review"]
    assert load_self_tests(fixture_pack)["exercise_id"].astype(str).tolist() == ["floor_bridge"]
    pain = load_burn_or_pain(fixture_pack)
    # In lesson order, and an exercise without the part has no row (not an empty one).
    assert pain["exercise_id"].astype(str).tolist() == ["lying_leg_raise", "floor_bridge"]
    assert pain["adapted"].tolist() == [True, False]


def test_guidance_lines_carry_their_source_and_an_exercise_without_is_empty(fixture_pack):
    library = read_library(fixture_pack)
    bridge = guidance_for("floor_bridge", library)
    assert bridge.versions == [("easier", "A lower bridge. Less height to hold. (pack advice)"),
                               ("harder", "A longer hold. More time up. (adapted from Test)")]
    assert bridge.faults[1] == ("The feet slide.", "Heels closer. (Test)")
    assert bridge.cautions == ["Sore back: ask first. (Review)"]
    assert bridge.self_test == "Count the squeezes you hold. (pack advice)"
    assert bridge.sources == ["fixture_guide", "fixture_review"]
    assert not bridge.empty
    hold = guidance_for("step_hold", library)
    assert hold.empty and hold.burn_or_pain is None and hold.versions == [] and \
        hold.sources == []


def _edit(pack, exercise_id, old, new):
    path = pack / "exercises" / f"{exercise_id}.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_every_bad_item_is_reported_at_once_naming_file_and_field(fixture_pack):
    _edit(fixture_pack, "floor_bridge", 'level = "harder"', 'level = "hardest"')
    _edit(fixture_pack, "floor_bridge", 'fix = "Ribs down."\nsource = "pack"',
          'fix = "Ribs down."')
    _edit(fixture_pack, "floor_bridge", 'text = "Sore back: ask first."\nsource = "fixture_review"',
          'text = "Sore back: ask first."\nsource = "pack"\nadapted_from = "fixture_guide"')
    _edit(fixture_pack, "floor_bridge", 'text = "Count the squeezes you hold."\nsource = "pack"',
          'text = "Count the squeezes you hold."\nadapted_from = "nobody2020"')
    _edit(fixture_pack, "lying_leg_raise", "[burn_or_pain]", "[[burn_or_pain]]")
    (fixture_pack / "exercises" / "step_hold.toml").write_text(
        (fixture_pack / "exercises" / "step_hold.toml").read_text()
        + '\n[[faults]]\nfault = "Leaning."\nfix = "Stand tall."\nsource = "pack"\nwhy = "x"\n')
    with pytest.raises(DataFileError) as caught:
        read_library(fixture_pack)
    message = str(caught.value)
    assert re.search(r"floor_bridge\.toml.*versions\[2\]\.level.*must be one of "
                     r"\['easier', 'harder'\].*hardest", message)
    assert re.search(r"floor_bridge\.toml.*faults\[1\].*needs exactly one of source", message)
    assert re.search(r"floor_bridge\.toml.*cautions\[1\].*needs exactly one of source", message)
    assert re.search(r"floor_bridge\.toml.*self_test\.adapted_from.*not an id in "
                     r"sources\.csv.*nobody2020", message)
    assert re.search(r"lying_leg_raise\.toml.*burn_or_pain.*must be written as one "
                     r"\[burn_or_pain\] table", message)
    assert re.search(r"step_hold\.toml.*faults\[1\]\.why.*is not a known field", message)


def test_walkthrough_shows_the_burn_line_beside_the_step_and_the_notes_below(fixture_pack):
    view = guided_session("floor_bridge", data_dir=fixture_pack)
    assert view.burn_or_pain.layout.display is None
    assert "<b>Burn or pain?</b> A burn in the hips is work; stop for sharp, joint or growing " \
        "pain. (pack advice)" in view.burn_or_pain.value
    notes = view.guidance.value
    for heading in ("Easier and harder", "Common faults and fixes",
                    "Ask a professional first", "Check your progress"):
        assert f"<b>{heading}</b>" in notes
    assert "<li><b>Harder:</b> A longer hold. More time up. (adapted from Test)</li>" in notes
    assert "<li>The back arches. <i>Fix:</i> Ribs down. (pack advice)</li>" in notes
    # The burn line stays in the column with the step, whatever the step.
    view.next_button.click()
    side = view.widget.children[2].children[0].children
    assert view.burn_or_pain in side and side.index(view.burn_or_pain) == \
        side.index(view.step_text) + 1


def test_walkthrough_leaves_out_what_an_exercise_does_not_have(fixture_pack):
    view = guided_session("step_hold", data_dir=fixture_pack)
    assert view.burn_or_pain.value == "" and view.burn_or_pain.layout.display == "none"
    assert view.guidance.value == ""
    raise_view = guided_session("lying_leg_raise", data_dir=fixture_pack)
    assert "adapted from Test" in raise_view.burn_or_pain.value
    assert raise_view.guidance.value == ""


def test_notes_from_data_files_are_escaped(fixture_pack):
    _edit(fixture_pack, "floor_bridge", 'fault = "The back arches."',
          'fault = "<img src=x onerror=alert(1)> arches"')
    _edit(fixture_pack, "floor_bridge",
          'text = "A burn in the hips is work; stop for sharp, joint or growing pain."',
          'text = "<b>burn</b> & pain"')
    view = guided_session("floor_bridge", data_dir=fixture_pack)
    assert "&lt;img src=x onerror=alert(1)&gt; arches" in view.guidance.value
    assert "<img" not in view.guidance.value
    assert "&lt;b&gt;burn&lt;/b&gt; &amp; pain" in view.burn_or_pain.value


def test_presenter_shows_each_exercises_burn_line_as_the_exercise_changes(fixture_pack):
    view = presenter(data_dir=fixture_pack)
    figure_column = view.children[2].children[0]  # under the figure, beside the step
    assert figure_column.children == (view.controls.movement, view.controls.burn_or_pain)
    shown = []
    for _ in range(3):
        shown.append((str(view.workout.walkthrough.exercise["exercise_id"]),
                      view.controls.burn_or_pain.value, view.controls.burn_or_pain.layout.display))
        view.controls.next_exercise_button.click()
    assert [(e, "Burn or pain?" in v, d) for e, v, d in shown] == [
        ("lying_leg_raise", True, None), ("floor_bridge", True, None),
        ("step_hold", False, "none")]


def test_handout_page_prints_the_notes_in_two_columns_inside_the_margins(fixture_pack):
    plan = build_plan("2026-02-02", weeks=1, data_dir=fixture_pack)
    pages = exercise_pages(plan, (8.27, 11.69), lambda _id, ax: _drawn_nothing(ax),
                           load_progression(fixture_pack), fixture_pack)
    by_name = {fig.texts[0].get_text(): fig for fig in pages}
    bridge = by_name["Floor bridge"]
    lines = {t.get_text(): t for t in bridge.texts}
    for heading in ("Burn or pain?", "Easier and harder", "Common faults and fixes",
                    "Ask a professional first", "Check your progress", "Kit",
                    "Starting position"):
        assert heading in lines, heading
    left = lines["Starting position"].get_position()[0] * 8.27
    right = lines["Easier and harder"].get_position()[0] * 8.27
    assert left == pytest.approx(MARGIN) and right > 8.27 / 2
    # Every line, in both columns, stays inside the paper's margins.
    renderer = FigureCanvasAgg(bridge).get_renderer()
    for text in bridge.texts:
        box = text.get_window_extent(renderer).transformed(bridge.dpi_scale_trans.inverted())
        assert MARGIN - 0.01 <= box.x0 and box.x1 <= 8.27 - MARGIN + 0.01, text.get_text()
        assert box.y0 >= MARGIN - 0.05, text.get_text()
    cited = [t.get_text() for t in bridge.texts if t.get_text().startswith("Sources:")]
    assert cited and "Test Author" in cited[0] and "Review Author" in cited[0]
    hold = [t.get_text() for t in by_name["Step hold"].texts]
    assert "Burn or pain?" not in hold and "Easier and harder" not in hold


def test_handout_pdf_text_carries_each_burn_line(fixture_pack, tmp_path):
    out = tmp_path / "plan.pdf"
    make_handout(out, "Sam", build_plan("2026-02-02", weeks=1, data_dir=fixture_pack),
                 drawer=lambda _id, ax: _drawn_nothing(ax), data_dir=fixture_pack)
    text = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
    assert "stop for sharp, joint or growing pain. (pack advice)" in text[2]
    assert "(adapted from Test)" in text[1]
    assert "Burn or pain?" not in text[3]
