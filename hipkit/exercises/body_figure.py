"""A rigid stick figure of a runner, posed by joint angles: the body model, as data.

The figure is built in three dimensions so that one pose can be seen from any side:
segment lengths are fractions of body height from Drillis & Contini (1966), read in
``data/segments.csv``; a pose is a mapping of joint angles in degrees (see
:data:`JOINTS`); a *posture* says how the body lies in the room (standing, on the back,
on the side) and rests it on the floor; a *view* (:data:`VIEWS`) names where a camera
stands. Drawing the figure is :mod:`hipkit.views.figure_drawing`'s job; this module needs
only numpy and pandas.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from hipkit.errors import Problem, Problems
from hipkit.exercises.data_files import DataDir, data_root
from hipkit.exercises.sources import load_sources

Pose = Mapping[str, float]

SIDES = ("left", "right")
LEG_JOINTS = ("hip_flexion", "hip_abduction", "knee_flexion")
JOINTS = (*(f"{joint}_{side}" for joint in LEG_JOINTS for side in SIDES), "pelvic_drop")
"""Joint angles a pose may set (degrees; a joint left out stays at 0).

``hip_flexion_<side>``: thigh in front of the trunk line (negative: behind it, i.e. hip
extension; 0 is the thigh in line with the trunk). ``hip_abduction_<side>``: thigh out
to the side (negative: across the midline, adduction). ``knee_flexion_<side>``: shank
folded back from the thigh. ``pelvic_drop``: the pelvis rolls so that one hip sits lower
than the other, positive when the left hip is the lower one.
"""

POSTURES = ("standing", "on_back", "on_side")
VIEWS = ("side", "front", "three_quarter", "feet_end")
SEGMENTS = ("trunk", "thigh", "shank", "ankle_height", "foot", "upper_arm", "forearm",
            "head", "neck_and_head", "shoulder_width", "hip_width")

# Arms are not driven by keyframes (our range-of-motion sources do not cover the
# shoulder); each posture places them as the exercise text describes: by the sides on
# the floor, along the body when lying on the side, one hand on a support when standing.
# Entries: (amount along -superior, along lateral, along anterior) for each arm.
_ARMS = {
    "standing": {"left": (1.0, 0.12, 0.0), "right": (0.75, 0.65, 0.12)},
    "on_back": {"left": (1.0, 0.08, 0.0), "right": (1.0, 0.08, 0.0)},
    "on_side": {"left": (-1.0, 0.0, 0.25), "right": (0.25, -0.6, 0.75)},
}
_MAX_LIFT = 80.0  # degrees the hips may lift off the floor lying on the back


def load_segments(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the body segment lengths as fractions of standing height (``segments.csv``).

    Returns
    -------
    pandas.DataFrame
        Columns ``segment``, ``fraction_of_height``, ``source_id`` and ``note``.

    Examples
    --------
    >>> from hipkit.exercises.body_figure import load_segments
    >>> load_segments().set_index("segment").loc["thigh", "fraction_of_height"]
    np.float64(0.245)
    """
    path = data_root(data_dir) / "segments.csv"
    with path.open("r", encoding="utf-8") as handle:
        table = pd.read_csv(handle, dtype="string")
    problems = Problems(Problem(str(path), column, "column is missing")
                        for column in ("segment", "fraction_of_height", "source_id")
                        if column not in table.columns)
    problems.raise_if_any()
    source_ids = set(load_sources(data_dir)["id"])
    fractions = pd.to_numeric(table["fraction_of_height"], errors="coerce")
    for index, row in table.iterrows():
        spreadsheet_row = int(index) + 2
        if not 0 < fractions[index] < 1:
            problems.add(str(path), "fraction_of_height",
                         "must be a number between 0 and 1",
                         row["fraction_of_height"], spreadsheet_row)
        if row["source_id"] not in source_ids:
            problems.add(str(path), "source_id", "is not an id in sources.csv",
                         row["source_id"], spreadsheet_row)
    for segment in sorted(set(SEGMENTS) - set(table["segment"].dropna())):
        problems.add(str(path), "segment", "the figure needs this segment", segment)
    problems.raise_if_any()
    return table.assign(fraction_of_height=fractions)


@dataclass(frozen=True)
class BodyFigure:
    """The joint positions of one posed figure, in metres, with the floor at z = 0.

    ``points`` maps names such as ``"hip_left"`` or ``"knee_right"`` to 3-D positions
    (x along the floor, y away from a camera at the body's side, z up). ``superior``,
    ``anterior`` and ``left`` are the trunk's axes in the room; ``head_radius`` is half
    the head height.
    """

    points: dict[str, np.ndarray]
    superior: np.ndarray
    anterior: np.ndarray
    left: np.ndarray
    head_radius: float
    posture: str

    def segment_length(self, start: str, end: str) -> float:
        """Distance between two named points."""
        return float(np.linalg.norm(self.points[end] - self.points[start]))


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / _norm(vector)


# Plain arithmetic on three numbers: np.cross and np.linalg.norm are general (any shape,
# any axis) and cost more than the arithmetic itself, and an animation builds hundreds
# of figures.
def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a0, a1, a2 = a.tolist()
    b0, b1, b2 = b.tolist()
    return np.array([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0])


def _norm(vector: np.ndarray) -> float:
    return math.sqrt(vector @ vector)


def _rotate(vector: np.ndarray, axis: np.ndarray, degrees: float) -> np.ndarray:
    """Rodrigues' rotation of ``vector`` about the unit ``axis``."""
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    return vector * cos + _cross(axis, vector) * sin + axis * float(axis @ vector) * (1 - cos)


def _posture_axes(posture: str) -> tuple[np.ndarray, np.ndarray]:
    """Superior and anterior trunk axes in the room for a posture (left = sup x ant)."""
    x, y, z = np.eye(3)
    return {"standing": (z, -y),  # facing a camera placed in front (at -y)
            "on_back": (-x, z),  # head to the left, right side towards the camera
            "on_side": (x, -y)}[posture]  # on the left side, facing the camera


def _leg(hip: np.ndarray, sup: np.ndarray, ant: np.ndarray, left_axis: np.ndarray,
         pose: Pose, side: str, lengths: dict[str, float]) -> dict[str, np.ndarray]:
    """Knee, ankle and the neutral-ankle foot of one leg hanging from ``hip``."""
    lateral = left_axis if side == "left" else -left_axis
    flexion = math.radians(pose.get(f"hip_flexion_{side}", 0.0))
    abduction = math.radians(pose.get(f"hip_abduction_{side}", 0.0))
    knee = math.radians(pose.get(f"knee_flexion_{side}", 0.0))
    # Defined so that flexion and abduction read back exactly from the thigh's direction
    # (see hip_angle): flexion in the sagittal plane, abduction as the angle out of it.
    thigh = (math.cos(abduction) * (-sup * math.cos(flexion) + ant * math.sin(flexion))
             + lateral * math.sin(abduction))
    # The knee hinges about the body's left-right axis, so "front" is square to both.
    front = _unit(_cross(thigh, left_axis))
    shank = thigh * math.cos(knee) - front * math.sin(knee)
    foot = thigh * math.sin(knee) + front * math.cos(knee)
    knee_point = hip + lengths["thigh"] * thigh
    return {"knee": knee_point, "ankle": knee_point + lengths["shank"] * shank,
            "shank": shank, "foot": foot}


def build_figure(pose: Pose, posture: str = "standing", height: float = 1.75,
                 data_dir: DataDir = None) -> BodyFigure:
    """Pose the rigid figure and rest it on the floor.

    Parameters
    ----------
    pose : mapping of str to float
        Joint angles in degrees, keys from :data:`JOINTS`; missing joints are 0.
    posture : {"standing", "on_back", "on_side"}
        Standing on the lower foot; lying on the back with the shoulders on the floor
        and the hips lifted just enough to put the lower foot flat (a bridge when the
        hips are extended); lying on the left side.
    height : float
        Standing height in metres; every segment is a fixed fraction of it.
    data_dir : path, optional
        Folder with ``segments.csv`` and ``sources.csv``; the shipped data by default.

    Examples
    --------
    >>> from hipkit.exercises.body_figure import build_figure
    >>> figure = build_figure({"knee_flexion_left": 90})
    >>> round(figure.segment_length("knee_left", "ankle_left"), 4)
    0.4305
    """
    unknown = sorted(set(pose) - set(JOINTS))
    if unknown:
        raise KeyError(f"unknown joints {unknown}; known joints: {list(JOINTS)}")
    if posture not in POSTURES:
        raise ValueError(f"posture must be one of {list(POSTURES)}, not {posture!r}")
    fractions = (_shipped_fractions(str(data_root())) if data_dir is None
                 else _read_fractions(data_dir))
    lengths = {segment: fraction * height for segment, fraction in fractions.items()}
    sup, ant = _posture_axes(posture)
    lift = _lift_to_floor(pose, sup, ant, lengths) if posture == "on_back" else 0.0
    return _assemble(pose, posture, sup, ant, lengths, lift)


def _read_fractions(data_dir: DataDir) -> dict[str, float]:
    table = load_segments(data_dir)
    return dict(zip(table["segment"], table["fraction_of_height"].astype(float), strict=True))


@cache
def _shipped_fractions(root: str) -> dict[str, float]:
    # Read once per data folder (the shipped one or HIPKIT_DATA's): an animation builds
    # a figure per frame.
    return _read_fractions(None)


def _lift_to_floor(pose: Pose, sup: np.ndarray, ant: np.ndarray,
                   lengths: dict[str, float]) -> float:
    """The smallest lift of the hips (degrees, 0 to 80) that puts the lower foot flat.

    Lying on the back the body pivots about the shoulders, about a horizontal axis, so
    each ankle's height is ``a cos(lift) + b sin(lift) + c``: three figures give a, b, c
    and the lift where the ankle reaches the floor is solved for directly.
    """
    heights = np.array([[points[f"ankle_{side}"][2] for side in SIDES] for points in (
        _assemble(pose, "on_back", sup, ant, lengths, angle).points for angle in (0, 90, 180))])
    floor = lengths["ankle_height"]
    if heights[0].min() >= floor:
        return 0.0
    cos_part = (heights[0] - heights[2]) / 2
    level = (heights[0] + heights[2]) / 2
    sin_part = heights[1] - level
    lifts = []
    for a, b, c, start in zip(cos_part, sin_part, level, heights[0], strict=True):
        reach = np.hypot(a, b)
        if start >= floor:
            lifts.append(0.0)
        elif reach < 1e-12 or floor - c > reach:
            lifts.append(_MAX_LIFT)  # cannot reach the floor: lift as far as allowed
        else:
            # The rising crossing of a cos + b sin + c = floor, in [0, 360).
            crossing = np.degrees(np.arctan2(b, a) - np.arccos((floor - c) / reach)) % 360
            lifts.append(min(float(crossing), _MAX_LIFT))
    return max(lifts)


def _assemble(pose: Pose, posture: str, sup: np.ndarray, ant: np.ndarray,
              lengths: dict[str, float], lift: float) -> BodyFigure:
    left_axis = _cross(sup, ant)
    if lift:
        sup, ant = (_rotate(v, left_axis, -lift) for v in (sup, ant))
    neck = np.zeros(3)
    pelvis = neck - lengths["trunk"] * sup
    drop = pose.get("pelvic_drop", 0.0)
    # The pelvis rolls about the horizontal line through its centre that runs along the
    # body, so the switched-off side sinks and the trunk keeps its length; the legs keep
    # their angles to the trunk, so a keyframe compensates at the knees if it must.
    roll_axis = _cross(left_axis, np.array([0.0, 0.0, 1.0]))
    hip_line = (left_axis if _norm(roll_axis) < 1e-9
                else _rotate(left_axis, _unit(roll_axis), -drop))
    points: dict[str, np.ndarray] = {"neck": neck, "pelvis": pelvis}
    legs = {}
    for side, sign in (("left", 1.0), ("right", -1.0)):
        hip = pelvis + sign * lengths["hip_width"] / 2 * hip_line
        shoulder = neck + sign * lengths["shoulder_width"] / 2 * left_axis
        along, out, forward = _ARMS[posture][side]
        arm = _unit(-sup * along + sign * left_axis * out + ant * forward)
        elbow = shoulder + lengths["upper_arm"] * arm
        legs[side] = _leg(hip, sup, ant, left_axis, pose, side, lengths)
        points |= {f"hip_{side}": hip, f"shoulder_{side}": shoulder, f"elbow_{side}": elbow,
                   f"wrist_{side}": elbow + lengths["forearm"] * arm,
                   f"knee_{side}": legs[side]["knee"], f"ankle_{side}": legs[side]["ankle"]}
    points["head"] = neck + sup * (lengths["neck_and_head"] - lengths["head"] / 2)
    floor = _floor_height(points, posture, lengths)
    points = {name: point - np.array([0.0, 0.0, floor]) for name, point in points.items()}
    for side in SIDES:
        _add_foot(points, legs[side], side, lengths)
    return BodyFigure(points, sup, ant, left_axis, lengths["head"] / 2, posture)


def _floor_height(points: dict[str, np.ndarray], posture: str,
                  lengths: dict[str, float]) -> float:
    """The height in the unshifted figure that becomes the floor."""
    if posture == "standing":
        return min(points["ankle_left"][2], points["ankle_right"][2]) - lengths["ankle_height"]
    if posture == "on_back":
        # Lying down the shoulder joints sit about a head's half-height above the floor,
        # which keeps the drawn head resting on the floor.
        return points["neck"][2] - lengths["head"] / 2
    return min(point[2] for name, point in points.items() if name != "head")


def _add_foot(points: dict[str, np.ndarray], leg: dict[str, np.ndarray], side: str,
              lengths: dict[str, float]) -> None:
    """Add heel and toe: flat on the floor when the ankle is down, else a neutral ankle."""
    ankle = points[f"ankle_{side}"]
    # Blend over a few centimetres of ankle height so a foot lifting off the floor turns
    # smoothly from flat to the neutral angle instead of snapping between frames.
    flat = min(max(1 - (ankle[2] - lengths["ankle_height"]) / (0.3 * lengths["foot"]), 0.0),
               1.0)
    if ankle[2] < lengths["ankle_height"] / 2:
        flat = 0.0  # lying on this leg's side: the foot is not standing on its sole
    down = np.array([0.0, 0.0, -1.0])
    level = leg["foot"] * np.array([1.0, 1.0, 0.0])
    level = _unit(level) if _norm(level) > 1e-6 else leg["foot"]
    heel = ankle + lengths["ankle_height"] * _unit((1 - flat) * leg["shank"] + flat * down)
    points[f"heel_{side}"] = heel
    points[f"toe_{side}"] = heel + lengths["foot"] * _unit((1 - flat) * leg["foot"]
                                                           + flat * level)


def hip_angle(figure: BodyFigure | Pose, side: str = "right", motion: str = "flexion") -> float:
    """Measure a hip angle on the figure, in degrees.

    Parameters
    ----------
    figure : BodyFigure or pose mapping
        A built figure, or a pose (built standing with the shipped segment lengths).
    side : {"right", "left"}
    motion : {"flexion", "abduction"}
        ``"flexion"``: the thigh's angle to the trunk line in the body's side view;
        0 means the thigh is in line with the trunk, which is *full hip extension* as
        a coach uses the words; negative values are extension beyond that line.
        ``"abduction"``: how far the thigh points out to the side.

    Examples
    --------
    >>> from hipkit.exercises.body_figure import hip_angle
    >>> round(hip_angle({"hip_flexion_right": 50, "knee_flexion_right": 90}), 1)
    50.0
    """
    if not isinstance(figure, BodyFigure):
        figure = build_figure(figure)
    points = figure.points
    thigh = _unit(points[f"knee_{side}"] - points[f"hip_{side}"])
    if motion == "flexion":
        return float(np.degrees(np.arctan2(thigh @ figure.anterior, -(thigh @ figure.superior))))
    if motion == "abduction":
        lateral = figure.left if side == "left" else -figure.left
        return float(np.degrees(np.arcsin(np.clip(thigh @ lateral, -1, 1))))
    raise ValueError(f"motion must be 'flexion' or 'abduction', not {motion!r}")
