"""The body map: the pelvis and thighs from behind and from the side, muscles filled by role.

:data:`_BODY_MAP` holds the schematic shape of each muscle it draws. Axes-level: it takes
an optional ``ax``, draws on it and returns it. Colours and citations are shared with the
other muscle charts (:mod:`hipkit.views.muscle_chart_parts`).
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from hipkit.errors import UnknownIdError
from hipkit.exercises.muscles import MuscleData
from hipkit.palette import (
    BODY_EDGE,
    BODY_FILL,
    CAPTION_INK,
    IT_BAND_EDGE,
    IT_BAND_FILL,
    IT_BAND_INK,
    MUSCLE_EDGE,
    MUSCLE_FILL,
)
from hipkit.views.muscle_chart_parts import (
    _LEG_NAMES,
    HIGHLIGHT_COLOUR,
    ROLE_COLOURS,
    _ax,
    _by_leg,
    _caption,
    _Citations,
    _in_sentence,
    _measured,
    _role_handles,
    _summaries_by_leg,
    role_colour,
)


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
    >>> from hipkit.views.body_map import body_map
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
