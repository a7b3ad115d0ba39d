"""The printable plan: pages, text a PDF reader finds, and nothing off the page.

Made from the fixture pack (tests/fixture_pack): three exercises, the third without
keyframes; 4 weeks of 2 sessions by its rules.
"""

import datetime as dt
import io
import re

import pytest
from matplotlib.backends.backend_pdf import PdfFile, RendererPdf
from matplotlib.text import Text
from pypdf import PdfReader

from hipkit.coach.handout import (
    handout_figures,
    handout_page_count,
    make_handout,
)
from hipkit.coach.handout_layout import PAPERS, text_width, wrap
from hipkit.exercises.loaders import load_exercises
from hipkit.exercises.progression import build_plan
from tests.conftest import FIXTURE_PACK

START = dt.date(2026, 2, 2)
LONG_NAME = ("Maximiliana Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh de la Cruz "
             "y Montenegro, our runner with the longest name in the club")


def pdf_text(path):
    reader = PdfReader(path)
    # Squash whitespace: the reader may break lines where the page wrapped them.
    return len(reader.pages), [" ".join(p.extract_text().split()) for p in reader.pages]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_has_cover_exercise_pages_and_tick_sheet(tmp_path, paper):
    plan = build_plan(START, data_dir=FIXTURE_PACK)
    out = tmp_path / "plan.pdf"
    assert make_handout(out, "Sam Okafor", plan, paper=paper, data_dir=FIXTURE_PACK) == 5
    pages, texts = pdf_text(out)
    assert pages == 5 == handout_page_count(plan, paper)
    width, height = (float(v) for v in PdfReader(out).pages[0].mediabox[2:])
    assert (round(width / 72, 2), round(height / 72, 2)) == PAPERS[paper]
    assert "Hip strength plan" in texts[0] and "Sam Okafor" in texts[0]
    assert "4 weeks, 2 sessions a week: 2 Feb 2026 to 26 Feb 2026" in texts[0]
    assert "first a set (up to 3), then 2 more repetitions (up to 8)" in texts[0]
    names = load_exercises(FIXTURE_PACK)["name"].tolist()
    for page, name in zip(texts[1:4], names, strict=True):
        assert name in page
    assert "Week 1: 2 x 5 raises each direction, each side" in texts[1]
    assert "Week 4: 3 x 8 raises each direction, each side" in texts[1]
    assert "Mistakes to avoid" in texts[1] and "Kit - mat: Somewhere soft" in texts[1]
    assert "Mistakes to avoid" not in texts[2]  # the bridge lists none
    assert "Tick sheet" in texts[4] and "Thu 26 Feb" in texts[4]
    assert "(raises: each direction)" in texts[4]
    every = " ".join(texts)
    for name in names:
        assert name in every


def test_long_plans_continue_the_tick_sheet_on_more_pages(tmp_path):
    plan = build_plan(START, weeks=12, sessions_per_week=3, data_dir=FIXTURE_PACK)
    out = tmp_path / "plan.pdf"
    pages = make_handout(out, "Sam", plan, paper="letter", data_dir=FIXTURE_PACK)
    assert pages == handout_page_count(plan, "letter") == 6
    _, texts = pdf_text(out)
    assert "Tick sheet (1 of 2)" in texts[4] and "Tick sheet (2 of 2)" in texts[5]
    sessions = [set(map(int, re.findall(r"\b(\d{1,2}) (?:Mon|Wed|Fri)", t))) for t in texts[4:]]
    assert set().union(*sessions) == set(range(1, 37))


def test_band_colours_and_names_reach_the_page(tmp_path):
    out = tmp_path / "plan.pdf"
    make_handout(out, "Sam", build_plan(START, weeks=8, band="green", data_dir=FIXTURE_PACK),
                 data_dir=FIXTURE_PACK)
    _, texts = pdf_text(out)
    assert "Week 6: 3 x 8 squeezes, green band" in texts[2]
    assert "Week 7: 3 x 8 squeezes, blue band" in texts[2]


def text_boxes(fig):
    """Each text's box in inches, measured with the PDF backend's font metrics (the print)."""
    fig.set_dpi(72)  # the PDF backend's unit: places and sizes both in points
    renderer = RendererPdf(PdfFile(io.BytesIO()), 72, *fig.get_size_inches())
    for text in fig.findobj(match=lambda a: isinstance(a, Text) and a.get_text()):
        box = text.get_window_extent(renderer)
        yield text.get_text(), (box.x0 / 72, box.y0 / 72, box.x1 / 72, box.y1 / 72)


def text_outside(fig, margin):
    """Texts reaching closer than ``margin`` inches to an edge of the page."""
    width, height = fig.get_size_inches()
    return [text for text, (x0, y0, x1, y1) in text_boxes(fig)
            if x0 < margin or y0 < margin or x1 > width - margin or y1 > height - margin]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_long_names_and_texts_stay_inside_the_margins(fixture_pack, paper):
    raise_ = fixture_pack / "exercises" / "lying_leg_raise.toml"
    toml = raise_.read_text()
    long_step = " ".join(["Keep the top leg long and the circles small and slow;"] * 25)
    toml = toml.replace('name = "Lying leg raise"',
                        'name = "Lying leg raise with an extraordinarily long name '
                        'that no page could hold on one line at its title size"')
    toml = toml.replace("[[steps]]\ntext = ", f'[[steps]]\ntext = "{long_step}"\n\n[[steps]]\n'
                        "text = ", 1)
    raise_.write_text(toml)
    (fixture_pack / "keyframes" / "lying_leg_raise.toml").unlink()  # now 3 steps: in words
    plan = build_plan(START, weeks=12, sessions_per_week=3, data_dir=fixture_pack)
    figures = list(handout_figures(LONG_NAME, plan, paper=paper, data_dir=fixture_pack))
    assert len(figures) == handout_page_count(plan, paper)
    for fig in figures:
        # Page text keeps the 0.7 inch margin; tick-box letters sit inside the table.
        assert text_outside(fig, 0.69) == []
    exercise_page_text = " ".join(t.get_text() for t in figures[1].texts)
    assert "extraordinarily long name" in exercise_page_text
    assert exercise_page_text.count("circles small and slow;") == 25


def test_wrap_splits_a_word_longer_than_the_line():
    lines = wrap("A" * 60, 1.0, 10)
    assert len(lines) > 1 and "".join(lines) == "A" * 60


def test_bad_paper_is_refused_before_writing(tmp_path):
    out = tmp_path / "plan.pdf"
    with pytest.raises(ValueError, match="paper must be one of a4, letter"):
        make_handout(out, "Sam", build_plan(START, data_dir=FIXTURE_PACK), paper="a5",
                     data_dir=FIXTURE_PACK)
    assert not out.exists()


def test_a_drawer_draws_on_each_exercise_page():
    drawn = []

    def drawer(exercise_id, ax):
        drawn.append(exercise_id)
        ax.plot([0, 1], [0, 1])

    figures = list(handout_figures("Sam", build_plan(START, weeks=1, data_dir=FIXTURE_PACK),
                                   drawer=drawer, data_dir=FIXTURE_PACK))
    assert drawn == ["lying_leg_raise", "floor_bridge", "step_hold"]
    assert len(figures[1].axes[0].lines) == 1


def test_the_margin_check_catches_text_off_the_page():
    fig = next(handout_figures("Sam", build_plan(START, weeks=1, data_dir=FIXTURE_PACK),
                               data_dir=FIXTURE_PACK))
    assert text_outside(fig, 0.69) == []
    fig.text(0.99, 0.5, "off the edge")
    assert text_outside(fig, 0.69) == ["off the edge"]


def test_exercise_pages_show_the_movement_figure_by_default():
    from hipkit.coach.handout import handout_figures
    from hipkit.exercises.progression import build_plan

    pages = list(handout_figures("Sam", build_plan("2026-02-02", weeks=1,
                                                    data_dir=FIXTURE_PACK),
                                 data_dir=FIXTURE_PACK))
    drawings = [fig.axes[0] for fig in pages[1:4]]
    # The movement figure draws the body as lines and writes the hip readout.
    assert all(len(ax.lines) > 5 for ax in drawings[:2])
    assert any("full extension" in t.get_text() for t in drawings[1].texts)
    # The exercise without keyframes is described in words instead.
    assert len(drawings[2].lines) == 0
    assert [t.get_text() for t in drawings[2].texts] == [
        "Stand on one foot on a low step and hold still."]


def test_an_interrupted_run_leaves_the_old_handout_whole(tmp_path):
    out = tmp_path / "plan.pdf"
    make_handout(out, "Sam", build_plan(START, weeks=1))
    before = out.read_bytes()

    def crash(exercise_id, ax):
        raise KeyboardInterrupt  # the coach presses Ctrl-C while pages are drawn

    with pytest.raises(KeyboardInterrupt):
        make_handout(out, "Sam", build_plan(START, weeks=2), drawer=crash)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]  # no temporary left


@pytest.mark.parametrize(("name", "message"), [
    ("", "runner name is empty"),
    ("Sam\x07", "invisible or control characters: U+0007"),
    ("X" * 151, "151 characters long; at most 150"),
    ("王芳", "cannot print: '王', '芳'"),
    ("محمد", "is written right to left"),
])
def test_names_the_handout_cannot_print_are_refused_before_writing(tmp_path, name, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        make_handout(tmp_path / "plan.pdf", name, build_plan(START, weeks=1))
    assert not (tmp_path / "plan.pdf").exists()


def test_names_in_latin_greek_and_cyrillic_print_as_written(tmp_path):
    name = "Zoë Ōkafor-Łukasz Ἀλέξανδρος Ёлкина Şahin"
    make_handout(tmp_path / "plan.pdf", name, build_plan(START, weeks=1))
    _, texts = pdf_text(tmp_path / "plan.pdf")
    assert name in texts[0]


def test_a_plan_longer_than_a_year_is_refused(tmp_path):
    with pytest.raises(ValueError, match="the plan has 53 weeks; a handout prints at most 52"):
        make_handout(tmp_path / "plan.pdf", "Sam", build_plan(START, weeks=53))


def test_the_longest_accepted_name_splits_into_lines_that_fit():
    word = "W" * 150
    lines = wrap(word, 2.0, 24, "bold")
    assert "".join(lines) == word
    assert all(text_width(line, 24, "bold") <= 2.0 for line in lines)
    assert all(text_width(line + "W", 24, "bold") > 2.0 for line in lines[:-1])
