"""Draw one moment of an exercise step: the figure, its props and the hip-angle readout.

This is the static figure of the walkthrough and of the printable handout; the
animation in :mod:`hipkit.views.movement_view` redraws it frame by frame.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from hipkit.exercises.body_figure import BodyFigure, build_figure, hip_angle
from hipkit.exercises.data_files import DataDir
from hipkit.exercises.keyframes import Movement, cycle_start, frame_count, movement, pose_at
from hipkit.palette import ANGLE_ARC, BAND_LINE, GUIDE_INK, PROP_GREY
from hipkit.views.figure_drawing import Camera, draw_figure, draw_hip_angle

_BAND, _PROP, _TRACE, _NOTE = BAND_LINE, PROP_GREY, ANGLE_ARC, GUIDE_INK


def draw_step(exercise_id: str | Movement, step: int, phase: float = 0.5,
              ax: Axes | None = None, *, height: float = 1.75, title: bool = True,
              data_dir: DataDir = None) -> Axes:
    """Draw the figure part-way through one step of an exercise.

    Parameters
    ----------
    exercise_id : str or Movement
        An exercise id (its keyframes are read from ``data/keyframes/``) or a
        :class:`~hipkit.exercises.keyframes.Movement`.
    step : int
        Step number, from 1.
    phase : float
        0 is the start of the step, 1 its end (a loop step: one full cycle).
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes by default.
    height : float
        Body height in metres (the drawing scales with it).
    title : bool
        Put the name of the nearest keyframe above the figure.
    data_dir : path, optional
        A folder laid out like ``data/``; the shipped data by default.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from hipkit.views.movement_plot import draw_step
    >>> ax = draw_step("single_leg_bridge", 3, phase=1.0)
    >>> ax.get_title()
    'Top of the bridge: hips lifted until the right thigh is in line with the trunk'
    """
    ax = plt.gca() if ax is None else ax
    motion = exercise_id if isinstance(exercise_id, Movement) else movement(exercise_id,
                                                                            data_dir)
    pose = pose_at(motion, step, phase)
    figure = build_figure(pose, motion.posture, height, data_dir)
    camera = Camera.for_view(figure, motion.view)
    draw_figure(figure, motion.view, ax)
    _draw_props(figure, camera, motion.props, ax)
    if motion.step_motion(step).loop:
        _draw_trace(motion, step, motion.readout_side, height, camera, ax, data_dir)
    draw_hip_angle(figure, motion.view, motion.readout_side, motion.readout_motion, ax)
    ax.autoscale_view()
    if any(key["pelvic_drop"] for key in motion.step_motion(step).poses):
        _draw_hips_from_feet(figure, pose["pelvic_drop"], ax)
    if title:
        ax.set_title(nearest_label(motion, step, phase), fontsize=10)
    return ax


def draw_key_moment(exercise_id: str, ax: Axes | None = None, *, title: bool = True,
                    data_dir: DataDir = None) -> Axes:
    """Draw the one moment that best shows an exercise, for a printed page.

    That is the moment where the hip has moved furthest from where its step began (the
    top of a bridge, the leg out in a kick), over every step.

    Examples
    --------
    >>> from hipkit.views.movement_plot import draw_key_moment
    >>> draw_key_moment("single_leg_bridge").get_title()[:18]
    'Top of the bridge:'
    """
    motion = movement(exercise_id, data_dir)
    phases = np.linspace(0, 1, 13)

    def travel(step: int) -> np.ndarray:
        angles = np.array([hip_angle(pose_at(motion, step, p), motion.readout_side,
                                     motion.readout_motion) for p in phases])
        return np.abs(angles - angles[0])

    moves = {step: travel(step) for step in range(1, len(motion.steps) + 1)}
    step = max(moves, key=lambda s: moves[s].max())
    phase = float(phases[int(np.argmax(moves[step]))])
    return draw_step(motion, step, phase, ax=ax, title=title, data_dir=data_dir)


def key_phase(exercise_id: str | Movement, step: int, data_dir: DataDir = None) -> float:
    """Where a step reaches its own first position, after the move in from the step before.

    That is the moment the step's text describes, so a still of the step shows it.

    Examples
    --------
    >>> from hipkit.views.movement_plot import key_phase
    >>> key_phase("single_leg_bridge", 1), key_phase("single_leg_bridge", 3)
    (0.0, 1.0)
    """
    motion = exercise_id if isinstance(exercise_id, Movement) else movement(exercise_id,
                                                                            data_dir)
    current = motion.step_motion(step)
    pieces = frame_count(motion, step, frames_per_pose=1) - 1
    own = len(current.poses) if current.loop else len(current.poses) - 1
    return (pieces - own) / max(pieces, 1)


def nearest_label(exercise_id: str | Movement, step: int, phase: float,
                  data_dir: DataDir = None) -> str:
    """The label of the keyframe a step is closest to at ``phase``.

    Examples
    --------
    >>> from hipkit.views.movement_plot import nearest_label
    >>> nearest_label("glute_switch_bridge_hold", 2, 0.2)
    'Left glute off: the left hip dips'
    """
    motion = exercise_id if isinstance(exercise_id, Movement) else movement(exercise_id,
                                                                            data_dir)
    current = motion.step_motion(step)
    pose = pose_at(motion, step, phase)
    distances = [sum(abs(pose[j] - key[j]) for j in pose) for key in current.poses]
    return current.labels[int(np.argmin(distances))]


def _draw_hips_from_feet(figure: BodyFigure, drop: float, ax: Axes) -> None:
    """Inset: the figure seen from its feet, where a dipping hip is plain to see."""
    ax.autoscale_view()
    left, right = ax.get_xlim()
    ax.set_xlim(left, right + 0.4 * (right - left))  # room for the inset beside the figure
    inset = ax.inset_axes([0.72, 0.3, 0.28, 0.7])
    draw_figure(figure, "feet_end", inset, head=False)
    hips = Camera.for_view(figure, "feet_end")
    inset.set_title("seen from the feet", fontsize=8)
    if abs(drop) >= 1:
        side = "left" if drop > 0 else "right"
        hip = hips.project(figure.points[f"hip_{side}"])
        inset.annotate(f"{side} hip dips {abs(drop):.0f}°", hip, xytext=(0.5, -0.04),
                       textcoords=inset.transAxes, ha="center", va="top", fontsize=9,
                       color=_NOTE, arrowprops={"arrowstyle": "->", "color": _NOTE})
    else:
        inset.text(0.5, -0.04, "hips level", transform=inset.transAxes, ha="center",
                   va="top", fontsize=9, color=_NOTE)


def _draw_props(figure: BodyFigure, camera: Camera, props: tuple[str, ...], ax: Axes) -> None:
    points = figure.points
    if "support" in props:
        # A post under the right hand, like the back of a chair or a rail.
        wrist = points["wrist_right"]
        top, foot = camera.project(wrist), camera.project(wrist * np.array([1, 1, 0]))
        ax.plot([top[0], foot[0]], [top[1] + 0.03, foot[1]], color=_PROP, linewidth=6,
                solid_capstyle="butt", zorder=2)
    if "band" in props:
        # The loop band sits just above the ankles, a little up the shanks.
        ends = [camera.project(points[f"ankle_{side}"] + 0.15 * (points[f"knee_{side}"]
                                                                  - points[f"ankle_{side}"]))
                for side in ("left", "right")]
        ax.plot(*np.array(ends).T, color=_BAND, linewidth=3.5, zorder=5, label="band")


def _draw_trace(motion: Movement, step: int, side: str, height: float, camera: Camera,
                ax: Axes, data_dir: DataDir) -> None:
    """Dot the path the moving ankle follows over one cycle of a loop step."""
    path = np.array([camera.project(point)
                     for point in _ankle_path(motion, step, side, height, data_dir)])
    ax.plot(*path.T, color=_TRACE, linewidth=2, linestyle=(0, (1, 1.2)), zorder=8,
            label="ankle path")


# The ankle's path over a loop step is the same on every frame of that step: work it out
# once (a hundred figures) rather than on every frame drawn.
_PATHS: dict[tuple, tuple[Movement, np.ndarray]] = {}


def _ankle_path(motion: Movement, step: int, side: str, height: float,
                data_dir: DataDir) -> np.ndarray:
    """The 3-D positions of one ankle over one cycle of a loop step."""
    key = (id(motion), step, side, height, str(data_dir))
    known = _PATHS.get(key)
    if known is None or known[0] is not motion:
        count = 24 * len(motion.step_motion(step).poses)
        start = cycle_start(motion, step)
        path = np.array([build_figure(pose_at(motion, step, start + (1 - start) * k / count),
                                      motion.posture, height, data_dir).points[f"ankle_{side}"]
                         for k in range(count + 1)])
        if len(_PATHS) >= 64:  # keyframes re-read from a folder give new objects
            _PATHS.clear()
        _PATHS[key] = known = (motion, path)
    return known[1]
