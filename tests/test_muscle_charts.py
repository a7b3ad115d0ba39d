"""The muscle charts: one artist per muscle, coloured by role in order, every figure cited.

Drawn from the fixture pack (tests/fixture_pack): three made-up exercises and three
muscles, with made-up figures from two made-up sources.
"""

import re

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import PathPatch

from hipkit.errors import UnknownIdError
from hipkit.exercises.muscles import MuscleData
from hipkit.views.body_map import body_map
from hipkit.views.exercise_ranking import exercise_ranking_chart, is_loaded
from hipkit.views.muscle_chart_parts import (
    HIGHLIGHT_COLOUR,
    NOT_LISTED_COLOUR,
    ROLE_COLOURS,
    format_activation,
)
from hipkit.views.muscle_heatmap import muscle_heatmap
from tests.conftest import FIXTURE_PACK

MUSCLE_ORDER = ["gluteus_maximus", "gluteus_medius", "hamstrings"]
T, Y, S, N = (to_rgba(ROLE_COLOURS["target"]), to_rgba(ROLE_COLOURS["synergist"]),
              to_rgba(ROLE_COLOURS["stabilizer"]), to_rgba(NOT_LISTED_COLOUR))
# Roles down the lesson order of the exercises: leg raise, floor bridge, step hold.
COLUMN_COLOURS = {
    "gluteus_maximus": [S, T, N],
    "gluteus_medius": [T, S, T],
    "hamstrings": [N, Y, N],
}


SHIPPED = None  # the shipped data, for the content tests below


@pytest.fixture(scope="module")
def data() -> MuscleData:
    return MuscleData.load(FIXTURE_PACK)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _muscle_patches(ax) -> list[PathPatch]:
    return [p for p in ax.patches if p.get_gid() in MUSCLE_ORDER]


def _caption(ax) -> str:
    return next(t.get_text() for t in ax.texts if t.get_text().startswith(("Numbers", "Bar",
                                                                           "Sources")))


def _cited_numbers(texts: list[str]) -> set[str]:
    return {n for text in texts for group in re.findall(r"\[([\d,]+)\]", text)
            for n in group.split(",")}


def test_heatmap_draws_one_column_artist_per_muscle_in_order(data):
    ax = muscle_heatmap(data)
    assert [c.get_gid() for c in ax.collections] == MUSCLE_ORDER


def test_heatmap_cells_are_coloured_by_role_in_exercise_order(data):
    ax = muscle_heatmap(data)
    for collection in ax.collections:
        colours = [tuple(c) for c in collection.get_facecolors()]
        assert colours == COLUMN_COLOURS[collection.get_gid()], collection.get_gid()


def test_role_colours_get_lighter_from_target_to_stabilizer():
    # Greyscale readability: luminance must rise target -> synergist -> stabilizer -> none.
    def luminance(colour):
        r, g, b, _ = to_rgba(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    levels = [luminance(ROLE_COLOURS[r]) for r in ("target", "synergist", "stabilizer")]
    levels.append(luminance(NOT_LISTED_COLOUR))
    assert levels == sorted(levels)
    assert min(b - a for a, b in zip(levels, levels[1:], strict=False)) > 0.15


def test_heatmap_prints_measured_ranges_and_says_when_not_measured(data):
    ax = muscle_heatmap(data)
    cells = [t.get_text() for t in ax.texts]
    # each leg a study measured on its own line, never joined into one range
    assert "target · %MVIC\nworking 25 [1]\nnot stated 20–30 [2]" in cells
    assert "target · %MVIC\nworking 40 [1]\nnot stated 30–50 [1]" in cells
    assert not any("20–30 %MVIC\n[1,2]" in cell or "30–50 %MVIC\n[1]" in cell
                   for cell in cells)
    assert "synergist\nnot measured" in cells
    # the resting leg's figure does not count: measured, but not for a working leg
    assert "stabilizer\nnot measured" in cells
    assert cells.count("—") == 3  # the pairs the pack does not list


def test_heatmap_legend_explains_every_role(data):
    labels = [t.get_text() for t in muscle_heatmap(data).get_legend().get_texts()]
    assert [label.split(":")[0] for label in labels] == [
        "target", "synergist", "stabilizer", "not listed"]


def test_every_number_in_the_heatmap_traces_to_a_listed_source(data):
    ax = muscle_heatmap(data)
    caption = _caption(ax)
    cited = _cited_numbers([t.get_text() for t in ax.texts if t.get_text() != caption])
    assert cited == {"1", "2"}
    for number in cited:
        assert f"[{number}] " in caption
    for source_id in set(data.activation["source_id"]):
        assert f"Source id: {source_id}." in caption.replace("\n     ", " ")


def test_body_map_draws_each_muscle_once_in_order_coloured_by_role(data):
    ax = body_map("floor_bridge", data=data)
    patches = _muscle_patches(ax)
    assert [p.get_gid() for p in patches] == MUSCLE_ORDER
    assert [p.get_facecolor() for p in patches] == [T, S, Y]


def test_body_map_shows_both_views_and_labels_every_muscle(data):
    ax = body_map("lying_leg_raise", data=data)
    texts = [t.get_text() for t in ax.texts]
    assert "Rear view" in texts and "Side view (facing right)" in texts
    labels = {t.get_text().split("\n")[0] for t in ax.texts}
    for name in data.muscles["name"]:
        assert any(label.startswith(name) for label in labels), name
    assert ("Side glute\ntarget\nworking leg 40 %MVIC [1]\nleg not stated 30–50 %MVIC [1]"
            in texts)
    assert "Big glute\nstabilizer" in texts
    assert "Back thigh (deep)\nnot listed" in texts


def test_body_map_highlight_outlines_the_muscle_on_top(data):
    ax = body_map("floor_bridge", highlight="gluteus_medius", data=data)
    [outline] = [p for p in ax.patches if p.get_gid() == "highlight"]
    medius = next(p for p in _muscle_patches(ax) if p.get_gid() == "gluteus_medius")
    assert outline.get_edgecolor() == to_rgba(HIGHLIGHT_COLOUR)
    assert outline.get_zorder() > max(p.get_zorder() for p in _muscle_patches(ax))
    assert (outline.get_path().vertices == medius.get_path().vertices).all()


def test_body_map_without_an_exercise_fills_only_the_highlighted_muscle(data):
    ax = body_map(highlight="hamstrings", data=data)
    fills = {p.get_gid(): p.get_facecolor() for p in _muscle_patches(ax)}
    assert fills.pop("hamstrings") == T
    assert set(fills.values()) == {to_rgba("#d9d9d9")}
    assert ax.get_title(loc="left") == "Where to find the back thigh"


def test_body_map_draws_deep_muscles_dashed(data):
    ax = body_map("floor_bridge", data=data)
    styles = {p.get_gid(): p.get_linestyle() for p in _muscle_patches(ax)}
    assert styles.pop("hamstrings") == "--"  # the fixture marks them deep
    assert set(styles.values()) == {"-"}


def test_body_map_names_a_muscle_it_has_no_shape_for(fixture_pack):
    with (fixture_pack / "muscles.csv").open("a", encoding="utf-8") as handle:
        handle.write("piriformis,Piriformis,Piriformis,musculus piriformis,gluteals,"
                     "external rotation,Turns the thigh out.,Deep in the buttock.,deep\n")
    ax = body_map("floor_bridge", data=MuscleData.load(fixture_pack))
    assert len(_muscle_patches(ax)) == len(MUSCLE_ORDER)
    assert "Not drawn on this map: Piriformis." in _caption(ax)


def test_body_map_refuses_unknown_ids(data):
    with pytest.raises(UnknownIdError) as caught:
        body_map("hop_scotch", data=data)
    assert str(caught.value) == ("unknown exercise_id 'hop_scotch'; known: lying_leg_raise, "
                                 "floor_bridge, step_hold")
    with pytest.raises(UnknownIdError) as caught:
        body_map(highlight="biceps", data=data)
    assert str(caught.value) == ("unknown muscle_id 'biceps'; known: gluteus_maximus, "
                                 "gluteus_medius, hamstrings")


def _figures(ax) -> list[tuple[float, float | None, str]]:
    """(mean, SD or None, loaded/unloaded) of every study mean drawn, top to bottom."""
    drawn = []
    for container in ax.containers:
        line, _, bars = container.lines
        spread = bars[0].get_segments()[0][:, 0] if bars else None
        sd = None if spread is None else round(float(spread[1] - spread[0]) / 2, 1)
        drawn.append((float(line.get_xdata()[0]), sd, line.get_gid()))
    return drawn


def test_content_ranking_chart_orders_exercises_by_measured_activation_then_role():
    # Pins the shipped activation figures: a content test.
    ax = exercise_ranking_chart("gluteus_maximus", data=SHIPPED)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Single-leg bridge\n(target)", "Side-lying hip circles\n(synergist)",
                      "Glute-switch bridge hold\n(target)",
                      "Standing banded hip abduction\n(synergist)"]
    assert not ax.patches  # no single "highest figure" bar stands for an exercise
    assert "not measured · synergist" in [t.get_text() for t in ax.texts]


def test_content_ranking_chart_shows_each_study_with_its_spread_and_load():
    # Pins the shipped activation figures: a content test.
    ax = exercise_ranking_chart("gluteus_medius", data=SHIPPED)
    assert _figures(ax) == [(81.0, 42.0, "unloaded"), (99.9, 17.0, "loaded"),
                            (33.2, None, "unloaded"), (24.7, None, "unloaded"),
                            (34.5, None, "unloaded"), (33.0, None, "unloaded"),
                            (14.7, None, "unloaded"), (15.3, None, "unloaded"),
                            (28.0, None, "unloaded")]
    ranges = sorted(tuple(line.get_xdata()) for line in ax.lines if line.get_gid() == "range")
    assert ranges == [(42.0, 81.0), (47.0, 55.0)]
    texts = [t.get_text() for t in ax.texts]
    assert "81 ± 42 [1]" in texts and "99.9 ± 17 [2] · loaded (10RM)" in texts
    threshold = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert [tuple(line.get_xdata()) for line in threshold] == [(40.0, 40.0)]
    assert "≈40 %MVIC: rule of thumb for strength [3]" in texts
    assert _cited_numbers(texts) == {"1", "2", "3", "4", "5"}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:2] == ["study mean ± SD, no added load", "study mean ± SD, with an added load"]


def test_loaded_studies_are_told_apart_by_their_exercise():
    assert is_loaded("side-lying hip abduction at 10-repetition maximum")
    assert not is_loaded("unilateral supine bridge (supporting leg)")


def test_content_ranking_chart_for_an_unmeasured_muscle_draws_no_figures():
    # Pins the shipped activation figures: a content test.
    ax = exercise_ranking_chart("hamstrings", data=SHIPPED)
    assert _figures(ax) == []
    assert [t.get_text() for t in ax.texts].count("not measured · synergist") == 2


def test_charts_draw_on_a_given_axes():
    figure, axes = plt.subplots(1, 3)
    data = MuscleData.load(FIXTURE_PACK)
    assert muscle_heatmap(data, ax=axes[0]) is axes[0]
    assert body_map("floor_bridge", data=data, ax=axes[1]) is axes[1]
    assert exercise_ranking_chart("gluteus_medius", data=data, ax=axes[2]) is axes[2]
    assert len(figure.axes) == 3


def test_format_activation():
    assert format_activation(99.9, 99.9) == "99.9 %MVIC"
    assert format_activation(38.0, 51.0) == "38–51 %MVIC"
    assert format_activation(float("nan"), float("nan")) == "not measured"


def test_content_heatmap_keeps_the_standing_leg_apart_from_the_kicking_leg():
    # Pins the shipped side-kick figures (activation.csv): a content test.
    ax = muscle_heatmap(SHIPPED)
    [cell] = [t.get_text() for t in ax.texts if "working 24.7" in t.get_text()]
    assert [re.sub(r" \[[\d,]+\]$", "", line) for line in cell.split("\n")] == [
        "target · %MVIC", "working 24.7", "standing 34.5", "not stated 33"]
    assert not any("24.7–34.5" in t.get_text() for t in ax.texts)
    label = next(t.get_text() for t in body_map("standing_hip_abduction", data=SHIPPED).texts
                 if t.get_text().startswith("Gluteus medius"))
    assert "standing leg 34.5 %MVIC" in label and "24.7–34.5" not in label
