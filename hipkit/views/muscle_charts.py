"""Charts of which muscles each exercise works: a heatmap, a body map and a ranking.

Every function is Axes-level: it takes an optional ``ax``, draws on it and returns it, so
a lesson can put several side by side. Colour always means the muscle's *role* (the
pack's classification), from dark (target) to light (stabilizer), so the charts read in
greyscale and for colour-blind viewers; every measured figure is printed as a number with
its numbered source, and the sources are listed under the chart.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

import matplotlib.patheffects as path_effects
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from hipkit.errors import UnknownIdError
from hipkit.exercises.muscles import ROLES, WORKING_LEGS, MuscleData, activation_summary
from hipkit.palette import (
    BODY_EDGE,
    BODY_FILL,
    CAPTION_INK,
    CELL_EDGE,
    HIGHLIGHT,
    IT_BAND_EDGE,
    IT_BAND_FILL,
    IT_BAND_INK,
    LEGEND_EDGE,
    MUSCLE_EDGE,
    MUSCLE_FILL,
    NOT_LISTED_FILL,
    NOT_LISTED_INK,
    NOTE_INK,
    ROLE_STABILIZER,
    ROLE_STABILIZER_INK,
    ROLE_SYNERGIST,
    ROLE_SYNERGIST_INK,
    ROLE_TARGET,
    ROLE_TARGET_INK,
    TARGET_TICK_INK,
)

#: Fill of each role, sampled from the cividis colour map (made for colour-blind viewers),
#: dark to light so the order survives greyscale printing.
ROLE_COLOURS = {"target": ROLE_TARGET, "synergist": ROLE_SYNERGIST, "stabilizer": ROLE_STABILIZER}
#: Fill of a muscle the pack does not list for the exercise.
NOT_LISTED_COLOUR = NOT_LISTED_FILL
#: Text colour that reads on each fill.
_INK = {"target": ROLE_TARGET_INK, "synergist": ROLE_SYNERGIST_INK,
        "stabilizer": ROLE_STABILIZER_INK, None: NOT_LISTED_INK}
ROLE_MEANINGS = {
    "target": "the muscle the exercise is chosen to work",
    "synergist": "helps the target make the movement",
    "stabilizer": "holds a joint or your posture still",
    None: "the pack does not count it for this exercise",
}
HIGHLIGHT_COLOUR = HIGHLIGHT
#: A rule of thumb, not a law: about 40 %MVIC or more is suggested for strength gains
#: (stated in the bilateral/unilateral gluteus medius abstract).
STRENGTH_THRESHOLD = 40.0
STRENGTH_THRESHOLD_SOURCE = "bilateral_unilateral_gmed"
#: A primary study that sorts exercises by a similar cut-off (45 %MVIC).
CUT_OFF_SOURCE = "ekstrom2007"
#: How the activation table names a study exercise done against an added load.
LOADED_PATTERN = re.compile(r"repetition maximum|\bRM\b")
_UNLOADED_STYLE = {"marker": "o", "markersize": 7, "markerfacecolor": "white",
                   "markeredgecolor": "black"}
_LOADED_STYLE = {"marker": "s", "markersize": 7, "markerfacecolor": "black",
                 "markeredgecolor": "black"}
_NUMBERS_NOTE = ("Numbers: muscle activation measured with surface EMG, as a percentage of "
                 "a maximal voluntary isometric contraction (%MVIC): the lowest to highest "
                 "figure reported, sources in brackets; each leg a study measured on its own "
                 "(working, standing or not stated: a one-legged exercise's standing leg is "
                 "kept apart from its working leg). "
                 "Studies differ, so figures are never averaged. 'not measured': no study "
                 "found (missing, not zero).")


def role_colour(role: str | None) -> str:
    """Return the fill used for ``role`` (``None`` or NA: the muscle is not listed)."""
    return NOT_LISTED_COLOUR if role is None or pd.isna(role) else ROLE_COLOURS[role]


def format_activation(lowest: float | None, highest: float | None) -> str:
    """Write a measured range as a runner reads it, or say it was not measured.

    Examples
    --------
    >>> format_activation(14.7, 28.0), format_activation(25.0, 25.0), format_activation(None, None)
    ('14.7–28 %MVIC', '25 %MVIC', 'not measured')
    """
    if lowest is None or pd.isna(lowest):
        return "not measured"
    # As the studies print them (one decimal at most): 99.9 must not read as 100.
    low, high = (f"{value:.1f}".removesuffix(".0") for value in (lowest, highest))
    return f"{high} %MVIC" if low == high else f"{low}–{high} %MVIC"


class _Citations:
    """Numbers sources the same way in every chart and lists the ones a chart cites.

    Every source of ``activation.csv`` (and of the strength rule of thumb) gets a number
    in the order of ``sources.csv``, so [1] means the same study in every chart.
    """

    def __init__(self, data: MuscleData):
        used = {*data.activation["source_id"], STRENGTH_THRESHOLD_SOURCE, CUT_OFF_SOURCE}
        self.sources = data.sources.set_index("id")
        self.numbers = {source_id: number for number, source_id in
                        enumerate((s for s in data.sources["id"] if s in used), start=1)}
        self.cited: set[str] = set()

    def cite(self, source_ids: str) -> str:
        """Return ``"[1,2]"`` for ``"a; b"`` and remember them for the caption."""
        ids = {s.strip() for s in source_ids.split(";")}
        self.cited |= ids
        return "[" + ",".join(str(n) for n in sorted(self.numbers[s] for s in ids)) + "]"

    def caption(self, width: int) -> str:
        """List the cited sources, or return ``""`` when the chart cites none."""
        lines = []
        for source_id in sorted(self.cited, key=self.numbers.__getitem__):
            row = self.sources.loc[source_id]
            author = "" if pd.isna(row["author"]) else f"{row['author']} "
            year = "" if pd.isna(row["year"]) else f"({row['year']}) "
            lines.append(textwrap.fill(f"[{self.numbers[source_id]}] {author}{year}"
                                       f"{row['title']}. Source id: {source_id}.", width,
                                       subsequent_indent="     "))
        return "Sources:\n" + "\n".join(lines) if lines else ""


def _measured(figures: pd.Series, citations: _Citations, sep: str = " ") -> str:
    """``"14.7–28 %MVIC [3,4]"`` from a row with ``lowest``, ``highest`` and ``source_ids``."""
    return (f"{format_activation(figures['lowest'], figures['highest'])}{sep}"
            f"{citations.cite(figures['source_ids'])}")


#: How a chart names each leg a study measured (as the muscle lookup's table does).
_LEG_NAMES = {"working": "working leg", "standing": "standing leg",
              "not stated": "leg not stated"}


def _summaries_by_leg(activation: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """:func:`activation_summary` of each leg in :data:`WORKING_LEGS` on its own."""
    return {leg: activation_summary(activation[activation["leg"] == leg])
            for leg in WORKING_LEGS}


def _by_leg(summaries: dict[str, pd.DataFrame],
            pair: tuple[str, str]) -> list[tuple[str, pd.Series]]:
    """Each leg measured for one exercise x muscle, with its figures, in leg order.

    A study that measured both legs of a one-legged exercise gives two muscles' work (the
    kicking leg's and the standing leg's), so a chart shows each leg's range on its own
    and never joins them into one.
    """
    return [(leg, summaries[leg].loc[pair]) for leg in WORKING_LEGS
            if pair in summaries[leg].index]


def _in_sentence(name: str) -> str:
    """``"Tensor fasciae latae (TFL)"`` as it reads mid-sentence, keeping the TFL capital."""
    return name[:1].lower() + name[1:]


def _ax(ax: Axes | None, size: tuple[float, float]) -> Axes:
    return plt.subplots(figsize=size)[1] if ax is None else ax


def _caption(ax: Axes, text: str, offset: float = -8) -> None:
    ax.annotate(text, xy=(0, 0), xycoords="axes fraction", xytext=(0, offset),
                textcoords="offset points", va="top", ha="left", fontsize=8, color=CAPTION_INK)


def _role_handles(include_not_listed: bool) -> list[Patch]:
    roles: list[str | None] = [*ROLES, None] if include_not_listed else list(ROLES)
    return [Patch(facecolor=role_colour(role), edgecolor=LEGEND_EDGE,
                  label=f"{role or 'not listed'}: {ROLE_MEANINGS[role]}") for role in roles]


def muscle_heatmap(data: MuscleData | None = None, *, ax: Axes | None = None) -> Axes:
    """Draw every exercise against every muscle: its role, and measured activation.

    Each muscle is one column, drawn as one artist (a collection of cells, ``gid`` the
    muscle id) whose cells are filled by role in lesson order of the exercises.

    Parameters
    ----------
    data : MuscleData, optional
        The tables to draw; by default the data shipped with hipkit.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when left out.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from hipkit.views.muscle_charts import muscle_heatmap
    >>> [c.get_gid() for c in muscle_heatmap().collections][:2]
    ['gluteus_maximus', 'gluteus_medius']
    """
    data = data or MuscleData.load()
    ax = _ax(ax, (11, 5.2))
    muscles, exercises = data.muscles, data.exercises
    roles = data.targets.pivot(index="exercise_id", columns="muscle_id", values="role")
    roles = roles.reindex(index=exercises["exercise_id"], columns=muscles["muscle_id"])
    summaries = _summaries_by_leg(data.activation)
    citations = _Citations(data)
    for column, muscle_id in enumerate(muscles["muscle_id"]):
        cells = [Rectangle((column - 0.5, row - 0.5), 1, 1) for row in range(len(exercises))]
        colours = [role_colour(role) for role in roles[muscle_id]]
        ax.add_collection(PatchCollection(cells, facecolors=colours, edgecolors=CELL_EDGE,
                                          linewidths=1, gid=muscle_id, label=muscle_id))
        for row, exercise_id in enumerate(exercises["exercise_id"]):
            role = roles.at[exercise_id, muscle_id]
            role = None if pd.isna(role) else role
            legs = [] if role is None else _by_leg(summaries, (exercise_id, muscle_id))
            if role is None:
                text = "—"
            elif not legs:
                text = f"{role}\nnot measured"
            elif [leg for leg, _ in legs] == ["working"]:
                text = f"{role}\n" + _measured(legs[0][1], citations, sep="\n")
            else:  # a line per leg, short enough for the cell: the unit goes up to the role
                text = f"{role} · %MVIC\n" + "\n".join(
                    f"{leg} " + _measured(figures, citations).replace(" %MVIC", "")
                    for leg, figures in legs)
            ax.text(column, row, text, ha="center", va="center",
                    fontsize=7.5 if len(legs) > 1 else 8.5, color=_INK[role],
                    linespacing=1.3)
    ax.set_xlim(-0.5, len(muscles) - 0.5)
    ax.set_ylim(len(exercises) - 0.5, -0.5)
    ax.set_xticks(range(len(muscles)), muscles["short_name"].tolist())
    ax.set_yticks(range(len(exercises)), exercises["name"].tolist())
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title("Which muscles each exercise works", pad=28, loc="left", fontsize=12)
    ax.legend(handles=_role_handles(include_not_listed=True), loc="upper left",
              bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8.5,
              title="Colour = role (the pack's classification)", title_fontsize=9,
              alignment="left")
    _caption(ax, textwrap.fill(_NUMBERS_NOTE, 150) + "\n" + citations.caption(150))
    return ax


@dataclass(frozen=True)
class _Shape:
    """Where one muscle is drawn on the body map: its outlines, and its label."""

    paths: tuple[Path, ...]
    label_xy: tuple[float, float]
    anchor_xy: tuple[float, float]
    #: Drawing depth: the gluteus maximus lies over the medius and the top of the
    #: hamstrings; deep muscles are drawn dashed on top of what covers them.
    zorder: float = 2


def _smooth(points: list[tuple[float, float]]) -> Path:
    """A closed smooth outline through ``points`` (a Catmull-Rom curve as Bezier segments)."""
    count = len(points)
    vertices = [points[0]]
    for i in range(count):
        (x0, y0), (x1, y1) = points[i - 1], points[i]
        (x2, y2), (x3, y3) = points[(i + 1) % count], points[(i + 2) % count]
        vertices += [(x1 + (x2 - x0) / 6, y1 + (y2 - y0) / 6),
                     (x2 - (x3 - x1) / 6, y2 - (y3 - y1) / 6), (x2, y2)]
    codes = [Path.MOVETO] + [Path.CURVE4] * (3 * count)
    return Path(vertices + [points[0]], codes + [Path.CLOSEPOLY])


def _ellipse(cx: float, cy: float, width: float, height: float, angle: float = 0) -> Path:
    transform = Affine2D().scale(width / 2, height / 2).rotate_deg(angle).translate(cx, cy)
    return transform.transform_path(Path.unit_circle())


def _both_sides(points: list[tuple[float, float]]) -> tuple[Path, Path]:
    """One outline on the right of the rear view and its mirror image on the left."""
    return _smooth(points), _smooth([(-x, y) for x, y in reversed(points)])


# The rear view is centred on x = 0, the side view (facing right) on x = 6; the knee is at
# y = 0 and the waist at y = 10. The shapes are schematic, not anatomical drawings.
_BODY_MAP: dict[str, _Shape] = {
    "gluteus_medius": _Shape(
        (*_both_sides([(0.7, 8.0), (1.4, 8.5), (2.15, 8.25), (2.4, 7.3), (2.15, 6.6),
                       (1.5, 7.0), (0.9, 7.3)]),
         _smooth([(5.0, 8.4), (5.9, 8.65), (6.65, 8.25), (6.6, 7.25), (6.0, 6.8), (5.4, 7.3),
                  (4.9, 7.8)])),
        (-3.1, 8.9), (-1.7, 7.9)),
    "gluteus_minimus": _Shape((_ellipse(6.0, 7.7, 1.05, 0.55, -5),), (8.2, 8.1), (6.3, 7.7),
                              zorder=3),
    "hamstrings": _Shape(
        (*_both_sides([(0.45, 5.0), (1.2, 5.1), (1.7, 4.2), (1.6, 2.0), (1.35, 0.4),
                       (1.1, 1.3), (0.9, 1.3), (0.7, 0.4), (0.45, 2.2)]),
         _smooth([(4.95, 5.3), (5.55, 5.0), (5.8, 3.0), (5.75, 0.5), (5.5, 0.35),
                  (5.3, 2.4)])),
        (-3.1, 2.8), (-1.1, 2.8)),
    "gluteus_maximus": _Shape(
        (*_both_sides([(0.15, 7.9), (0.9, 7.55), (1.85, 7.05), (2.35, 6.1), (2.05, 5.0),
                       (1.2, 4.8), (0.35, 5.2), (0.1, 6.5)]),
         _smooth([(4.65, 7.6), (5.4, 7.45), (5.95, 6.6), (5.9, 5.6), (5.25, 5.0), (4.75, 5.45),
                  (4.55, 6.4)])),
        (-3.1, 6.3), (-1.3, 6.3), zorder=2.2),
    "tensor_fasciae_latae": _Shape(
        (_smooth([(6.7, 7.95), (6.98, 7.7), (6.98, 6.5), (6.75, 5.6), (6.55, 6.3),
                  (6.52, 7.4)]),),
        (8.2, 6.5), (6.85, 6.7)),
    "abdominals": _Shape(
        (_smooth([(6.7, 9.95), (7.2, 9.95), (7.4, 8.9), (7.15, 7.75), (6.8, 7.95),
                  (6.6, 9.0)]),),
        (8.2, 9.4), (7.05, 9.1)),
}
_REAR_OUTLINE = _smooth([(-1.75, 10.0), (1.75, 10.0), (2.05, 8.7), (2.5, 7.3), (2.4, 5.6),
                         (1.9, 2.5), (1.5, 0.0), (0.35, 0.0), (0.12, 4.7), (-0.12, 4.7),
                         (-0.35, 0.0), (-1.5, 0.0), (-1.9, 2.5), (-2.4, 5.6), (-2.5, 7.3),
                         (-2.05, 8.7)])
_SIDE_OUTLINE = _smooth([(5.05, 10.0), (7.2, 10.0), (7.5, 8.9), (7.25, 7.4), (7.3, 5.6),
                         (7.05, 2.0), (6.85, 0.0), (5.5, 0.0), (5.25, 2.2), (4.95, 4.8),
                         (4.5, 6.3), (4.7, 7.7), (5.0, 8.7)])
#: The iliotibial band, the tendon sheet the TFL pulls on: drawn for orientation only.
_IT_BAND = _smooth([(6.75, 5.7), (6.95, 5.6), (6.85, 0.6), (6.6, 0.5), (6.7, 3.0)])


def body_map(exercise_id: str | None = None, *, highlight: str | None = None,
             data: MuscleData | None = None, ax: Axes | None = None) -> Axes:
    """Draw the pelvis and thighs from behind and from the side, muscles filled by role.

    With an ``exercise_id``, each muscle is filled by how strongly that exercise works it
    in the pack's classification (target darkest), and its label gives the measured
    activation. Without one, the map only shows where the muscles sit. ``highlight``
    outlines one muscle (and fills it, when no exercise is chosen).

    Each muscle is one artist (a :class:`~matplotlib.patches.PathPatch` whose ``gid`` is
    the muscle id), drawn in the order of ``load_muscles`` even where it shows in both
    views. A muscle added to ``muscles.csv`` without a shape here is named under the map.

    Parameters
    ----------
    exercise_id : str, optional
        The exercise whose muscles to colour.
    highlight : str, optional
        A muscle id to outline.
    data : MuscleData, optional
        The tables to draw; by default the data shipped with hipkit.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when left out.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from hipkit.views.muscle_charts import body_map
    >>> ax = body_map("single_leg_bridge")
    >>> [p.get_gid() for p in ax.patches if p.get_gid()][:3]
    ['gluteus_maximus', 'gluteus_medius', 'gluteus_minimus']
    """
    data = data or MuscleData.load()
    ax = _ax(ax, (9.5, 6.2))
    muscles = data.muscles.set_index("muscle_id")
    if highlight is not None and highlight not in muscles.index:
        raise UnknownIdError("muscle_id", highlight, muscles.index)
    roles: dict[str, str] = {}
    if exercise_id is not None:
        chosen = data.targets[data.targets["exercise_id"] == exercise_id]
        if exercise_id not in set(data.exercises["exercise_id"]):
            raise UnknownIdError("exercise_id", exercise_id, data.exercises["exercise_id"])
        roles = dict(zip(chosen["muscle_id"].astype(str), chosen["role"].astype(str),
                         strict=True))
    summaries = _summaries_by_leg(data.activation)
    citations = _Citations(data)

    for outline in (_REAR_OUTLINE, _SIDE_OUTLINE):
        ax.add_patch(PathPatch(outline, facecolor=BODY_FILL, edgecolor=BODY_EDGE, lw=1.2))
    ax.add_patch(PathPatch(_IT_BAND, facecolor=IT_BAND_FILL, edgecolor=IT_BAND_EDGE, lw=0.8))
    ax.text(7.15, 2.4, "IT band", fontsize=7.5, color=IT_BAND_INK, rotation=-88, va="center")
    not_drawn = []
    for muscle_id, muscle in muscles.iterrows():
        shape = _BODY_MAP.get(muscle_id)
        if shape is None:
            not_drawn.append(muscle["name"])
            continue
        role = roles.get(muscle_id)
        if exercise_id is None:
            fill = ROLE_COLOURS["target"] if muscle_id == highlight else MUSCLE_FILL
        else:
            fill = role_colour(role)
        deep = muscle["depth"] == "deep"
        outline = Path.make_compound_path(*shape.paths)
        ax.add_patch(PathPatch(outline, facecolor=fill, edgecolor=MUSCLE_EDGE, lw=1.0,
                               linestyle="--" if deep else "-", hatch="..." if deep else None,
                               gid=muscle_id, label=muscle["name"], zorder=shape.zorder))
        if muscle_id == highlight:
            # A separate outline on top, so muscles drawn over this one cannot hide it.
            ax.add_patch(PathPatch(outline, fill=False, edgecolor=HIGHLIGHT_COLOUR, lw=3.5,
                                   gid="highlight", zorder=3.5))
        label = muscle["name"] + (" (deep)" if deep else "")
        if exercise_id is not None:
            label += f"\n{role or 'not listed'}"
            legs = [] if role is None else _by_leg(summaries, (exercise_id, muscle_id))
            if [leg for leg, _ in legs] == ["working"]:
                label += " · " + _measured(legs[0][1], citations)
            else:
                label += "".join(f"\n{_LEG_NAMES[leg]} {_measured(figures, citations)}"
                                 for leg, figures in legs)
        left = shape.label_xy[0] < 0
        ax.annotate(label, xy=shape.anchor_xy, xytext=shape.label_xy, fontsize=8.5,
                    ha="right" if left else "left", va="center",
                    fontweight="bold" if muscle_id == highlight else "normal",
                    arrowprops={"arrowstyle": "-", "color": CAPTION_INK, "lw": 0.8,
                                "shrinkA": 2, "shrinkB": 0}, zorder=4)
    ax.text(0, -0.6, "Rear view", ha="center", va="top", fontsize=9, style="italic")
    ax.text(6, -0.6, "Side view (facing right)", ha="center", va="top", fontsize=9,
            style="italic")
    ax.set_xlim(-6.3, 11.8)
    ax.set_ylim(-1.3, 10.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if exercise_id is not None:
        name = data.exercises.set_index("exercise_id").loc[exercise_id, "name"]
        ax.set_title(f"Muscles worked: {name}", loc="left", fontsize=12)
        ax.legend(handles=_role_handles(include_not_listed=True), loc="upper left",
                  bbox_to_anchor=(0, 0), frameon=False, fontsize=8.5, ncol=2)
    elif highlight is not None:
        ax.set_title(f"Where to find the {_in_sentence(muscles.loc[highlight, 'name'])}",
                     loc="left", fontsize=12)
    notes = [citations.caption(120)] if citations.cited else []
    if not_drawn:
        notes.append("Not drawn on this map: " + ", ".join(not_drawn) + ".")
    if notes:
        _caption(ax, "\n".join(notes), offset=-50 if exercise_id is not None else -8)
    return ax


def is_loaded(study_exercise: str) -> bool:
    """Whether a study's exercise was done against an added load.

    The activation table names a load in the study's exercise ("... at 10-repetition
    maximum"); the pack's own exercises use none (or an ankle band).

    Examples
    --------
    >>> is_loaded("side-lying hip abduction at 10-repetition maximum"), is_loaded("lunge")
    (True, False)
    """
    return bool(LOADED_PATTERN.search(study_exercise))


def exercise_ranking_chart(muscle_id: str, *, data: MuscleData | None = None,
                           ax: Axes | None = None) -> Axes:
    """Rank the exercises for one muscle, showing every study's figure with its spread.

    Each exercise gets a row; within it each study's figure sits on its own line: a mean
    with its SD as error bars (a hollow circle when the study used no added load, a
    filled square when it did, e.g. a 10-repetition maximum), a mean with no SD given,
    or a review table's range across studies as a capped line. No figure is averaged or
    reduced to a single bar. Rows follow :func:`hipkit.exercises.muscles.rank_exercises` (highest
    figure first), so a loaded study can lift an exercise: the markers show when it does.
    Exercises nobody measured sit below, with no marker. A dashed line marks the 40 %MVIC
    rule of thumb for strength gains.

    Parameters
    ----------
    muscle_id : str
        The muscle to rank exercises for.
    data : MuscleData, optional
        The tables to draw; by default the data shipped with hipkit.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when left out.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from hipkit.views.muscle_charts import exercise_ranking_chart
    >>> ax = exercise_ranking_chart("gluteus_maximus")
    >>> [t.get_text() for t in ax.get_yticklabels()][0]
    'Single-leg bridge\\n(target)'
    """
    data = data or MuscleData.load()
    ranking = data.rank_exercises(muscle_id)
    figures = data.activation[(data.activation["muscle_id"] == muscle_id)
                              & data.activation["leg"].isin(WORKING_LEGS)]
    counts = [max(int((figures["exercise_id"] == e).sum()), 1) for e in ranking["exercise_id"]]
    ax = _ax(ax, (9, 1.4 + 0.42 * sum(counts) + 0.3 * len(counts)))
    names = data.exercises.set_index("exercise_id")["name"]
    muscle = data.muscles.set_index("muscle_id").loc[muscle_id]
    citations = _Citations(data)
    reach = (figures["pct_mvic_mean"].fillna(0) + figures["pct_mvic_sd"].fillna(0)).tolist()
    reach += figures["pct_mvic_high"].dropna().tolist()
    right = max(110.0, max(reach, default=0.0) + 45)
    outline = [path_effects.Stroke(linewidth=3.5, foreground="black"), path_effects.Normal()]
    tops, top = [], 0.0
    for (_, ranked), count in zip(ranking.iterrows(), counts, strict=True):
        tops.append(top)
        own = figures[figures["exercise_id"] == ranked["exercise_id"]]
        if own.empty:
            ax.text(2, top, f"not measured · {ranked['role']}", va="center", fontsize=8.5,
                    style="italic", color=NOTE_INK)
        for line, (_, figure) in enumerate(own.iterrows()):
            y = top + line
            cite = citations.cite(figure["source_id"])
            mean, sd = figure["pct_mvic_mean"], figure["pct_mvic_sd"]
            if pd.notna(mean):
                loaded = is_loaded(str(figure["study_exercise"]))
                style = _LOADED_STYLE if loaded else _UNLOADED_STYLE
                ax.errorbar(mean, y, xerr=None if pd.isna(sd) else sd, capsize=4,
                            elinewidth=1.2, ecolor="black", zorder=3, gid="loaded" if loaded
                            else "unloaded", **style)
                spread = f" ± {format_activation(sd, sd).removesuffix(' %MVIC')}" \
                    if pd.notna(sd) else " (no SD given)"
                label = (f"{format_activation(mean, mean).removesuffix(' %MVIC')}{spread} "
                         f"{cite}{' · loaded (10RM)' if loaded else ''}")
                end = mean + (0 if pd.isna(sd) else sd)
            else:
                low, high = figure["pct_mvic_low"], figure["pct_mvic_high"]
                ax.plot([low, high], [y, y], color="white", lw=2, marker="|", markersize=10,
                        zorder=3, path_effects=outline, gid="range")
                label = f"{format_activation(low, high).removesuffix(' %MVIC')} {cite} (range)"
                end = high
            ax.text(end + 3, y, label, va="center", fontsize=8, zorder=4,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
        top += count + 0.6
    threshold = citations.cite(STRENGTH_THRESHOLD_SOURCE)
    ax.axvline(STRENGTH_THRESHOLD, color=NOTE_INK, ls="--", lw=1, zorder=1)
    ax.text(STRENGTH_THRESHOLD + 1, -0.9, f"≈40 %MVIC: rule of thumb for strength {threshold}",
            fontsize=8, va="bottom", color=NOTE_INK)
    citations.cite(CUT_OFF_SOURCE)
    labels = [f"{names[e]}\n({role})" for e, role in zip(ranking["exercise_id"],
                                                         ranking["role"], strict=True)]
    centres = [t + (c - 1) / 2 for t, c in zip(tops, counts, strict=True)]
    ax.set_yticks(centres, labels)
    for tick, role in zip(ax.get_yticklabels(), ranking["role"], strict=True):
        tick.set_color(TARGET_TICK_INK if role == "target" else NOTE_INK)
    ax.set_ylim(max(top - 0.6, 0.5), -1.1)
    ax.set_xlim(0, right)
    ax.set_xlabel("Activation, % of a maximal voluntary isometric contraction (%MVIC)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"Exercises for the {_in_sentence(muscle['name'])}: every study's figure",
                 loc="left", fontsize=12)
    ax.legend(handles=[
        Line2D([], [], linestyle="none", label="study mean ± SD, no added load",
               **_UNLOADED_STYLE),
        Line2D([], [], linestyle="none", label="study mean ± SD, with an added load",
               **_LOADED_STYLE),
        Line2D([], [], color="black", marker="|", markersize=10, lw=1.5,
               label="review table: range across studies")],
        loc="lower right", fontsize=7.5, frameon=True)
    note = ("Each line is one study's figure for a working leg, never averaged: studies set "
            "100 % differently and did a straight leg raise where the pack circles. Rows are "
            "ordered by the highest figure, which may be a loaded one. The 40 % line is a "
            "rule of thumb; Ekstrom et al. 2007 used 45 % as their cut-off.")
    _caption(ax, textwrap.fill(note, 120) + "\n" + citations.caption(120), offset=-34)
    return ax
