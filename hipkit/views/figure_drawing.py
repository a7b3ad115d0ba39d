"""Draw the stick figure of :mod:`hipkit.exercises.body_figure` with matplotlib.

A *view* says where the camera stands (:class:`Camera`); drawing projects the figure
onto the screen (orthographic, like a technical drawing), near side dark and far side
light, and :func:`draw_hip_angle` marks a hip angle with the coach's words for it
(:func:`angle_label`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from hipkit.exercises.body_figure import SIDES, VIEWS, BodyFigure, _unit, hip_angle
from hipkit.palette import (
    ANGLE_ARC,
    ANGLE_INK,
    FIGURE_FAR,
    FIGURE_NEAR,
    FIGURE_TRUNK,
    FLOOR_EDGE,
    FLOOR_FILL,
    GUIDE_INK,
    WHITE,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# Camera bearings per view, in degrees: how far the camera swings from the body's side
# (or front) towards the feet, and how far above the floor it looks down. A small swing
# keeps the far leg visible beside the near one; the side-lying circles need a larger
# swing because the ankle circles across the body's long axis.
_CAMERAS = {"side": (18.0, 12.0), "front": (0.0, 8.0), "three_quarter": (30.0, 22.0),
            "feet_end": (0.0, 10.0)}
_DARK, _MID, _LIGHT = FIGURE_NEAR, FIGURE_TRUNK, FIGURE_FAR
_ACCENT, _GUIDE = ANGLE_ARC, GUIDE_INK


@dataclass(frozen=True)
class Camera:
    """An orthographic camera: screen right, screen up and the viewing direction."""

    right: np.ndarray
    up: np.ndarray
    forward: np.ndarray

    @classmethod
    def for_view(cls, figure: BodyFigure, view: str) -> Camera:
        """Place the camera for a named view of this figure's posture."""
        if view not in _CAMERAS:
            raise ValueError(f"view must be one of {list(VIEWS)}, not {view!r}")
        swing, elevation = (np.radians(a) for a in _CAMERAS[view])
        # "side" looks at the right side; "front" and "three_quarter" at the front; all
        # swing towards the feet and then rise above the floor.
        facing = {"side": -figure.left, "feet_end": -figure.superior}.get(view,
                                                                          figure.anterior)
        towards_feet = -figure.superior
        level = facing * np.cos(swing) + towards_feet * np.sin(swing)
        level[2] = 0.0
        level = _unit(level)
        where = level * np.cos(elevation) + np.array([0.0, 0.0, 1.0]) * np.sin(elevation)
        forward = -where
        up = _unit(np.array([0.0, 0.0, 1.0]) - forward * forward[2])
        return cls(np.cross(forward, up), up, forward)

    def project(self, point: np.ndarray) -> np.ndarray:
        """Screen position (x, y) of a 3-D point."""
        return np.array([point @ self.right, point @ self.up])

    def depth(self, point: np.ndarray) -> float:
        """Distance along the viewing direction: larger is farther away."""
        return float(point @ self.forward)


_LIMBS = (("hip", "knee", 7.5), ("knee", "ankle", 6.5), ("ankle", "heel", 4.5),
          ("heel", "toe", 4.5), ("shoulder", "elbow", 5.5), ("elbow", "wrist", 5.0))


def draw_figure(figure: BodyFigure, view: str = "side", ax: Axes | None = None, *,
                floor: bool = True, head: bool = True) -> Axes:
    """Draw a posed figure as seen from a named view.

    The near side is drawn dark and in front, the far side light and behind, so the two
    legs stay apart in colour and in greyscale.

    Parameters
    ----------
    figure : BodyFigure
        From :func:`hipkit.exercises.body_figure.build_figure`.
    view : {"side", "front", "three_quarter"}
        ``"side"`` looks at the right side (the bridges), ``"front"`` at the front
        (standing work), ``"three_quarter"`` from the front and the feet end, from above
        (the side-lying circles, which move across the body's long axis),
        ``"feet_end"`` along the body from the feet (to see the hips level or dipping).
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes by default.
    floor : bool
        Shade the floor (a mat) under the figure.
    head : bool
        Draw the head (leave it out where it would hide the hips, as seen from the feet).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from hipkit.exercises.body_figure import build_figure
    >>> from hipkit.views.figure_drawing import draw_figure
    >>> ax = draw_figure(build_figure({"hip_abduction_left": 25}), view="front")
    >>> ax.get_aspect()
    1.0
    """
    # Matplotlib is imported where a figure is drawn: building one (the keyframes, the
    # handout's checks) needs only numpy, and importing hipkit stays light.
    from matplotlib.patches import Circle

    ax = _current_axes() if ax is None else ax
    camera = Camera.for_view(figure, view)
    points = figure.points
    gap = camera.depth(points["hip_left"]) - camera.depth(points["hip_right"])
    # Seen square from the front neither side is nearer: draw both legs dark.
    near = set(SIDES) if abs(gap) < 0.01 else {"left" if gap < 0 else "right"}
    pieces = [(points["pelvis"], points["neck"], 9.0, _MID)]
    pieces += [(points["hip_left"], points["hip_right"], 7.0, _MID),
               (points["shoulder_left"], points["shoulder_right"], 6.0, _MID)]
    for side in SIDES:
        colour = _DARK if side in near else _LIGHT
        pieces += [(points[f"{a}_{side}"], points[f"{b}_{side}"], width, colour)
                   for a, b, width in _LIMBS]
    # Paint from the back to the front so nearer limbs cover farther ones.
    pieces.sort(key=lambda piece: -camera.depth((piece[0] + piece[1]) / 2))
    for order, (start, end, width, colour) in enumerate(pieces):
        (x0, y0), (x1, y1) = camera.project(start), camera.project(end)
        ax.plot([x0, x1], [y0, y1], color=colour, linewidth=width, solid_capstyle="round",
                zorder=3 + order * 0.01)
    if head:
        ax.add_patch(Circle(camera.project(points["head"]), figure.head_radius,
                            facecolor=WHITE, edgecolor=_MID, linewidth=3, zorder=3.5))
    if floor:
        _draw_floor(figure, camera, ax)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.autoscale_view()
    return ax


def _draw_floor(figure: BodyFigure, camera: Camera, ax: Axes) -> None:
    """Shade the patch of floor under the figure (a mat when lying down)."""
    spots = np.array(list(figure.points.values()))
    margin = 0.15
    x0, y0 = spots[:, :2].min(axis=0) - margin
    x1, y1 = spots[:, :2].max(axis=0) + margin
    corners = [camera.project(np.array([x, y, 0.0]))
               for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
    from matplotlib.patches import Polygon

    ax.add_patch(Polygon(corners, closed=True, facecolor=FLOOR_FILL, edgecolor=FLOOR_EDGE,
                         linewidth=1.0, zorder=1))


def draw_hip_angle(figure: BodyFigure, view: str = "side", side: str = "right",
                   motion: str = "flexion", ax: Axes | None = None) -> Axes:
    """Mark the full-hip-extension line at one hip and write the hip angle beside it.

    The dashed line continues the trunk line through the hip for a thigh's length:
    where the thigh would lie in full hip extension (thigh in line with trunk). An arc
    joins it to the thigh, and the label gives the angle measured by
    :func:`hipkit.exercises.body_figure.hip_angle`.

    Examples
    --------
    >>> from hipkit.exercises.body_figure import build_figure
    >>> from hipkit.views.figure_drawing import draw_figure, draw_hip_angle
    >>> figure = build_figure({"hip_flexion_right": 50, "knee_flexion_right": 87,
    ...                        "hip_flexion_left": 50, "knee_flexion_left": 87}, "on_back")
    >>> ax = draw_hip_angle(figure, ax=draw_figure(figure))
    >>> ax.texts[-1].get_text()
    'hip flexed 50°'
    """
    from matplotlib.patches import Arc

    ax = _current_axes() if ax is None else ax
    camera = Camera.for_view(figure, view)
    points = figure.points
    hip, knee = points[f"hip_{side}"], points[f"knee_{side}"]
    thigh_length = float(np.linalg.norm(knee - hip))
    in_line = hip - figure.superior * thigh_length
    start, guide, end = (camera.project(p) for p in (hip, in_line, knee))
    ax.plot([start[0], guide[0]], [start[1], guide[1]], linestyle=(0, (4, 3)),
            color=_GUIDE, linewidth=1.5, zorder=6, label="full hip extension")
    angle = hip_angle(figure, side, motion)
    heading = [np.degrees(np.arctan2(*(p - start)[::-1])) for p in (guide, end)]
    sweep = (heading[1] - heading[0] + 180) % 360 - 180
    radius = 0.45 * thigh_length
    if abs(sweep) > 0.5:
        ax.add_patch(Arc(start, 2 * radius, 2 * radius, theta1=min(heading[0], heading[0]
                         + sweep), theta2=max(heading[0], heading[0] + sweep),
                         color=_ACCENT, linewidth=2.5, zorder=7))
    guide_name = "full hip extension" if motion == "flexion" else "thigh in line with trunk"
    # Write the guide's name on the side away from the thigh so the leg never covers it.
    away = -1 if end[0] > guide[0] else 1
    ax.annotate(guide_name, guide, xytext=(6 * away, -4), textcoords="offset points",
                fontsize=8, color=_GUIDE, ha="left" if away > 0 else "right", va="top",
                zorder=8)
    # The readout sits in a fixed corner so it never hides the moving figure.
    ax.text(0.01, 0.98, angle_label(angle, motion), transform=ax.transAxes, fontsize=12,
            fontweight="bold", color=ANGLE_INK, ha="left", va="top", zorder=8)
    return ax


def _current_axes() -> Axes:
    import matplotlib.pyplot as plt

    return plt.gca()


def angle_label(angle: float, motion: str = "flexion") -> str:
    """Say a hip angle the way a coach would.

    Examples
    --------
    >>> from hipkit.views.figure_drawing import angle_label
    >>> angle_label(0.4), angle_label(-6), angle_label(25, "abduction")
    ('hip 0°: full extension', 'hip extended 6° past the line', 'leg out 25°')
    """
    degrees = round(angle)
    if motion == "abduction":
        return f"leg out {degrees}°" if degrees >= 0 else f"leg across {-degrees}°"
    if degrees == 0:
        return "hip 0°: full extension"
    return f"hip flexed {degrees}°" if degrees > 0 else f"hip extended {-degrees}° past the line"
