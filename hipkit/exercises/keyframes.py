"""Keyframes of every exercise step, checked against the cited range of motion.

An exercise may have one file ``data/keyframes/<exercise_id>.toml`` (field guide:
``data/KEYFRAMES.md``) listing, for every step of the exercise, one or more poses of the
figure in :mod:`hipkit.exercises.body_figure`; an exercise without one is taught in words. A step's
animation starts where the previous step ended and eases through its poses; a step marked
``loop`` cycles through its poses smoothly and comes back to the first (circles, kicks,
switches).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import numpy as np
import pandas as pd

from hipkit.errors import DataFileError, Problem, Problems, UnknownIdError
from hipkit.exercises.body_figure import JOINTS, LEG_JOINTS, POSTURES, SIDES, VIEWS
from hipkit.exercises.data_files import DataDir, data_root, read_toml
from hipkit.exercises.loaders import load_steps
from hipkit.exercises.sources import load_sources

MOTIONS = ("flexion", "abduction")
PROPS = ("band", "support")
FRAMES_PER_POSE = 12
_FILE_FIELDS = {"posture", "view", "readout", "props", "steps"}
_POSE_FIELDS = {"label", "pelvic_drop", *LEG_JOINTS}


def load_range_of_motion(data_dir: DataDir = None) -> pd.DataFrame:
    """Load the normal hip and knee range of motion (``range_of_motion.csv``).

    A source giving one figure has ``degrees_low == degrees_high``; a source giving a
    range has both ends.

    Examples
    --------
    >>> from hipkit.exercises.keyframes import load_range_of_motion
    >>> rom = load_range_of_motion()
    >>> rom.columns.tolist()
    ['joint', 'motion', 'degrees_low', 'degrees_high', 'source_id']
    >>> bool((rom["degrees_low"] <= rom["degrees_high"]).all())
    True
    """
    path = data_root(data_dir) / "range_of_motion.csv"
    with path.open("r", encoding="utf-8") as handle:
        table = pd.read_csv(handle, dtype="string")
    columns = ("joint", "motion", "degrees_low", "degrees_high", "source_id")
    problems = Problems(Problem(str(path), column, "column is missing")
                        for column in columns if column not in table.columns)
    problems.raise_if_any()
    source_ids = set(load_sources(data_dir)["id"])
    for index, row in table.iterrows():
        for column in ("degrees_low", "degrees_high"):
            if pd.isna(pd.to_numeric(row[column], errors="coerce")):
                problems.add(str(path), column, "must be a number", row[column],
                             int(index) + 2)
        if row["source_id"] not in source_ids:
            problems.add(str(path), "source_id", "is not an id in sources.csv",
                         row["source_id"], int(index) + 2)
    problems.raise_if_any()
    return table.astype({"degrees_low": "float64", "degrees_high": "float64"})


def joint_limits(range_of_motion: pd.DataFrame) -> dict[str, tuple[float, float, str]]:
    """The range each keyframe joint must stay in, and the sources it comes from.

    Where sources disagree the narrowest normal figure wins (the low end of a range),
    so every keyframe is a normal movement by every cited source. The pelvic drop has no
    figure of its own: a pelvis rolling under a planted thigh turns that hip about its
    long axis, so the drop is held within the hip's cited rotation.

    Examples
    --------
    >>> from hipkit.exercises.keyframes import joint_limits, load_range_of_motion
    >>> sorted(joint_limits(load_range_of_motion()))
    ['hip_abduction', 'hip_flexion', 'knee_flexion', 'pelvic_drop']
    """
    def norm(joint: str, *motions: str) -> tuple[float, str]:
        rows = range_of_motion[(range_of_motion["joint"] == joint)
                               & range_of_motion["motion"].isin(motions)]
        return float(rows["degrees_low"].min()), ", ".join(sorted(set(rows["source_id"])))

    flexion, extension = norm("hip", "flexion"), norm("hip", "extension")
    abduction, adduction = norm("hip", "abduction"), norm("hip", "adduction")
    rotation = norm("hip", "internal rotation", "external rotation")
    knee = norm("knee", "flexion")

    def both(low: tuple[float, str], high: tuple[float, str]) -> tuple[float, float, str]:
        sources = ", ".join(sorted(set(low[1].split(", ")) | set(high[1].split(", "))))
        return -low[0], high[0], sources

    return {"hip_flexion": both(extension, flexion), "hip_abduction": both(adduction, abduction),
            "knee_flexion": (0.0, knee[0], knee[1]),
            "pelvic_drop": (0.0, rotation[0], rotation[1])}


@dataclass(frozen=True)
class StepMotion:
    """The poses of one step, in order, and whether they repeat as a cycle."""

    step: int
    poses: tuple[dict[str, float], ...]
    labels: tuple[str, ...]
    loop: bool


@dataclass(frozen=True)
class Movement:
    """How one exercise moves: posture, camera, hip-angle readout and steps."""

    exercise_id: str
    posture: str
    view: str
    readout_motion: str
    readout_side: str
    props: tuple[str, ...]
    steps: tuple[StepMotion, ...]

    def step_motion(self, step: int) -> StepMotion:
        """The keyframes of step ``step`` (from 1)."""
        if not 1 <= step <= len(self.steps):
            raise ValueError(f"{self.exercise_id} has steps 1 to {len(self.steps)}, not {step}")
        return self.steps[step - 1]


class _Reader:
    """Checks one keyframe file and collects its problems."""

    def __init__(self, path: object, problems: Problems,
                 limits: dict[str, tuple[float, float, str]]):
        self.file = str(path)
        self.problems = problems
        self.limits = limits

    def fail(self, field: str, message: str, value: object = None) -> None:
        self.problems.add(self.file, field, message, value)

    def choice(self, table: dict, key: str, allowed: tuple[str, ...], field: str) -> str:
        value = table.get(key)
        if value not in allowed:
            self.fail(field, f"must be one of {list(allowed)}", value)
        return value

    def pose(self, table: dict, field: str, posture: str) -> tuple[dict[str, float], str]:
        for key in sorted(set(table) - _POSE_FIELDS):
            self.fail(f"{field}.{key}", f"is not a known joint; known joints: "
                      f"{sorted(_POSE_FIELDS - {'label'})}")
        label = table.get("label")
        if not isinstance(label, str) or not label.strip():
            self.fail(f"{field}.label", "must be a non-empty text saying what the pose shows",
                      label)
            label = ""
        pose = dict.fromkeys(JOINTS, 0.0)
        for joint in sorted(_POSE_FIELDS & set(table) - {"label"}):
            sides = table[joint]
            if not isinstance(sides, dict) or not sides or set(sides) - set(SIDES):
                self.fail(f"{field}.{joint}", "must be a table such as { left = 10, right = 0 }",
                          sides)
                continue
            low, high, sources = self.limits[joint]
            for side, degrees in sides.items():
                where = f"{field}.{joint}.{side}"
                if isinstance(degrees, bool) or not isinstance(degrees, int | float):
                    self.fail(where, "must be a number of degrees", degrees)
                elif not low <= degrees <= high:
                    self.fail(where, f"is outside the normal range of motion, {low:g} to "
                              f"{high:g} degrees ({sources})", degrees)
                elif joint == "pelvic_drop":
                    pose[joint] += degrees if side == "left" else -degrees
                else:
                    pose[f"{joint}_{side}"] = float(degrees)
        drop = table.get("pelvic_drop")
        if isinstance(drop, dict) and len(drop) > 1:
            self.fail(f"{field}.pelvic_drop", "names one side: the side that dips", drop)
        if pose["pelvic_drop"] and posture == "on_side":
            self.fail(f"{field}.pelvic_drop", "cannot be shown lying on the side", drop)
        return pose, " ".join(label.split())


def _read_movement(path: object, exercise_id: str, n_steps: int, problems: Problems,
                   limits: dict[str, tuple[float, float, str]]) -> Movement | None:
    before = len(problems)
    doc = read_toml(path, problems)
    if doc is None:
        return None
    check = _Reader(path, problems, limits)
    for key in sorted(set(doc) - _FILE_FIELDS):
        check.fail(key, f"is not a known field; known fields: {sorted(_FILE_FIELDS)}")
    posture = check.choice(doc, "posture", POSTURES, "posture")
    view = check.choice(doc, "view", VIEWS, "view")
    readout = doc.get("readout") if isinstance(doc.get("readout"), dict) else {}
    motion = check.choice(readout, "motion", MOTIONS, "readout.motion")
    side = check.choice(readout, "side", SIDES, "readout.side")
    props = doc.get("props", [])
    if not isinstance(props, list) or set(props) - set(PROPS):
        check.fail("props", f"must be a list drawn from {list(PROPS)}", props)
        props = []
    steps_table = doc.get("steps", [])
    if not isinstance(steps_table, list) or not all(isinstance(s, dict) for s in steps_table):
        check.fail("steps", "must be written as [[steps]] tables", steps_table)
        steps_table = []
    for number in range(len(steps_table) + 1, n_steps + 1):
        check.fail(f"steps[{number}]", f"is missing: the exercise has {n_steps} steps and "
                   "every step needs its keyframes")
    if len(steps_table) > n_steps:
        check.fail("steps", f"lists {len(steps_table)} steps but the exercise has {n_steps}")
    steps = []
    for number, step in enumerate(steps_table[:n_steps], start=1):
        field = f"steps[{number}]"
        for key in sorted(set(step) - {"loop", "poses"}):
            check.fail(f"{field}.{key}", "is not a known field; known fields: ['loop', 'poses']")
        loop = step.get("loop", False)
        if not isinstance(loop, bool):
            check.fail(f"{field}.loop", "must be true or false", loop)
        poses = step.get("poses", [])
        if not isinstance(poses, list) or not poses or not all(isinstance(p, dict)
                                                                for p in poses):
            check.fail(f"{field}.poses", "needs at least one [[steps.poses]] table", poses)
            continue
        if loop is True and len(poses) < 2:
            check.fail(f"{field}.loop", "a loop needs at least two poses", len(poses))
        read = [check.pose(pose, f"{field}.poses[{k}]", posture)
                for k, pose in enumerate(poses, start=1)]
        steps.append(StepMotion(number, tuple(p for p, _ in read), tuple(t for _, t in read),
                                loop is True))
    if len(problems) > before:
        return None
    return Movement(exercise_id, posture, view, motion, side, tuple(props), tuple(steps))


def _keyframe_files(data_dir: DataDir) -> dict[str, object]:
    """The keyframe files of the data folder, keyed by the exercise id in their name."""
    folder = data_root(data_dir) / "keyframes"
    return ({p.name.removesuffix(".toml"): p for p in folder.iterdir()
             if p.name.endswith(".toml")} if folder.is_dir() else {})


def load_movements(data_dir: DataDir = None) -> dict[str, Movement]:
    """Read and check every keyframe file; raise one error listing all problems.

    Keyframes are optional: an exercise without a file ``keyframes/<exercise_id>.toml``
    is simply left out (the lessons and the handout teach it in words). A file that is
    there must give keyframes for each step of its exercise, every angle within the
    normal range of motion (:func:`joint_limits`), and must name an exercise of
    ``exercises/``. To draw one exercise, :func:`movement` reads only its own file, so a
    broken file never takes the other exercises' figures away.

    Examples
    --------
    >>> from hipkit.exercises.keyframes import load_movements
    >>> movements = load_movements()
    >>> all(isinstance(m, Movement) for m in movements.values())
    True
    """
    steps = load_steps(data_dir).groupby("exercise_id", observed=True).size()
    limits = joint_limits(load_range_of_motion(data_dir))
    files = _keyframe_files(data_dir)
    problems = Problems()
    for exercise_id in sorted(set(files) - set(steps.index)):
        problems.add(str(files[exercise_id]), "(file name)",
                     "names no exercise in exercises/", exercise_id)
    movements = {}
    for exercise_id, n_steps in steps.items():
        if exercise_id in files:
            movement = _read_movement(files[exercise_id], exercise_id, int(n_steps),
                                      problems, limits)
            if movement is not None:
                movements[exercise_id] = movement
    problems.raise_if_any()
    return movements


def load_movement(exercise_id: str, data_dir: DataDir = None) -> Movement:
    """Read and check the keyframes of one exercise, and no other file of ``keyframes/``.

    Raises
    ------
    hipkit.errors.UnknownIdError
        When ``exercise_id`` is not an exercise, or the exercise has no keyframe file
        (it is taught in words); the message lists the ids that would work.
    hipkit.errors.DataFileError
        When the exercise's keyframe file is broken.
    """
    steps = load_steps(data_dir).groupby("exercise_id", observed=True).size()
    if exercise_id not in steps.index:
        raise UnknownIdError("exercise_id", exercise_id, steps.index)
    files = _keyframe_files(data_dir)
    if exercise_id not in files:
        raise UnknownIdError(
            "exercise_id", exercise_id, [e for e in steps.index if e in files],
            reason=f"{exercise_id!r} has no keyframes yet: keyframes/{exercise_id}.toml is "
                   "missing, so it is taught in words", known_as="exercises with keyframes")
    problems = Problems()
    movement = _read_movement(files[exercise_id], exercise_id, int(steps[exercise_id]),
                              problems, joint_limits(load_range_of_motion(data_dir)))
    if movement is None:
        raise DataFileError(problems)
    return movement


def load_keyframes(data_dir: DataDir = None) -> pd.DataFrame:
    """Load every keyframe as a tidy table, one row per joint angle.

    Columns ``exercise_id``, ``step``, ``pose`` (from 1 within the step), ``label``,
    ``joint`` (from :data:`hipkit.exercises.body_figure.JOINTS`) and ``degrees``.

    Examples
    --------
    >>> from hipkit.exercises.keyframes import load_keyframes
    >>> load_keyframes().columns.tolist()
    ['exercise_id', 'step', 'pose', 'label', 'joint', 'degrees']
    """
    rows = [{"exercise_id": m.exercise_id, "step": s.step, "pose": k, "label": label,
             "joint": joint, "degrees": degrees}
            for m in load_movements(data_dir).values() for s in m.steps
            for k, (pose, label) in enumerate(zip(s.poses, s.labels, strict=True), start=1)
            for joint, degrees in pose.items()]
    return pd.DataFrame(rows).astype({"label": "string", "joint": "category"})


@cache
def _cached_movement(root: str, exercise_id: str) -> Movement:
    # Read once per data folder (the shipped one or HIPKIT_DATA's): the walkthrough asks
    # for a pose on every frame it draws.
    return load_movement(exercise_id)


def movement(exercise_id: str, data_dir: DataDir = None) -> Movement:
    """The checked keyframes of one exercise (see :func:`load_movement`).

    Examples
    --------
    >>> from hipkit.exercises.keyframes import load_movements, movement
    >>> first = next(iter(load_movements()))
    >>> movement(first).exercise_id == first
    True
    """
    if data_dir is None:
        return _cached_movement(str(data_root()), exercise_id)
    return load_movement(exercise_id, data_dir)


def _ease(start: dict[str, float], end: dict[str, float], s: float) -> dict[str, float]:
    # Cosine easing: the figure starts and stops gently instead of jerking.
    weight = (1 - np.cos(np.pi * s)) / 2
    return {joint: float(start[joint] + (end[joint] - start[joint]) * weight)
            for joint in start}


def _cycle(poses: tuple[dict[str, float], ...], s: float) -> dict[str, float]:
    """Trigonometric interpolation through poses spaced evenly round a cycle.

    It passes through every pose, closes smoothly, and reproduces a circle exactly
    when the poses are points of one (as the hip-circle keyframes are).
    """
    count = len(poses)
    harmonics = np.fft.fftfreq(count, 1 / count)
    phase = np.exp(2j * np.pi * harmonics * s)
    return {joint: float(np.real(np.fft.fft([p[joint] for p in poses]) @ phase) / count)
            for joint in poses[0]}


def _pieces(motion: Movement, step: int) -> list[tuple[str, tuple]]:
    """The stretches of a step's animation, each one pose-to-pose long."""
    current = motion.step_motion(step)
    pieces: list[tuple[str, tuple]] = []
    if step > 1:
        previous = motion.step_motion(step - 1)
        end = previous.poses[0] if previous.loop else previous.poses[-1]
        if end != current.poses[0]:
            pieces.append(("ease", (end, current.poses[0])))
    if current.loop:
        pieces += [("cycle", (current.poses, k)) for k in range(len(current.poses))]
    else:
        pieces += [("ease", pair) for pair in pairwise(current.poses)]
    return pieces


def pose_at(exercise_id: str | Movement, step: int, phase: float = 0.0,
            data_dir: DataDir = None) -> dict[str, float]:
    """The pose part-way through a step.

    Parameters
    ----------
    exercise_id : str or Movement
    step : int
        Step number, from 1.
    phase : float
        0 is the start of the step (where the previous step ended), 1 its end; a loop
        step is one full cycle.

    Returns
    -------
    dict
        Every joint of :data:`hipkit.exercises.body_figure.JOINTS`, in degrees.

    Examples
    --------
    A step that lifts the right thigh to 40 degrees is half way up at half its time:

    >>> from hipkit.exercises.body_figure import JOINTS
    >>> from hipkit.exercises.keyframes import Movement, StepMotion, pose_at
    >>> down = dict.fromkeys(JOINTS, 0.0)
    >>> up = dict(down, hip_flexion_right=40.0)
    >>> lift = Movement("lift", "on_back", "side", "flexion", "right", (),
    ...                 (StepMotion(1, (down, up), ("down", "up"), loop=False),))
    >>> [round(pose_at(lift, 1, phase)["hip_flexion_right"], 6) for phase in (0, 0.5, 1)]
    [0.0, 20.0, 40.0]
    """
    motion = exercise_id if isinstance(exercise_id, Movement) else movement(exercise_id,
                                                                            data_dir)
    pieces = _pieces(motion, step)
    if not pieces:
        return dict(motion.step_motion(step).poses[0])
    where = min(max(phase, 0.0), 1.0) * len(pieces)
    index = min(int(where), len(pieces) - 1)
    kind, args = pieces[index]
    if kind == "ease":
        return _ease(*args, where - index)
    poses, offset = args
    return _cycle(poses, (offset + where - index) / len(poses))


def cycle_start(exercise_id: str | Movement, step: int, data_dir: DataDir = None) -> float:
    """The phase at which a loop step's cycle begins (after any move into its first pose).

    Examples
    --------
    A loop of two poses entered from a third pose: one stretch of easing in, then two
    round the loop, so the cycle begins a third of the way through.

    >>> from hipkit.exercises.body_figure import JOINTS
    >>> from hipkit.exercises.keyframes import Movement, StepMotion, cycle_start
    >>> flat = dict.fromkeys(JOINTS, 0.0)
    >>> left, right = dict(flat, pelvic_drop=8.0), dict(flat, pelvic_drop=-8.0)
    >>> sway = Movement("sway", "on_back", "side", "flexion", "right", (),
    ...                 (StepMotion(1, (flat,), ("flat",), loop=False),
    ...                  StepMotion(2, (left, right), ("left", "right"), loop=True)))
    >>> round(cycle_start(sway, 2), 3)
    0.333
    """
    motion = exercise_id if isinstance(exercise_id, Movement) else movement(exercise_id,
                                                                            data_dir)
    pieces = _pieces(motion, step)
    opening = sum(kind == "ease" for kind, _ in pieces) if motion.step_motion(step).loop else 0
    return opening / max(len(pieces), 1)


def frame_count(exercise_id: str | Movement, step: int,
                frames_per_pose: int = FRAMES_PER_POSE, data_dir: DataDir = None) -> int:
    """How many frames animate a step (the ``max + 1`` of a Play control).

    Examples
    --------
    A step of one pose is a still (1 frame); each move between poses adds
    ``frames_per_pose`` frames.

    >>> from hipkit.exercises.body_figure import JOINTS
    >>> from hipkit.exercises.keyframes import Movement, StepMotion, frame_count
    >>> down = dict.fromkeys(JOINTS, 0.0)
    >>> up = dict(down, hip_flexion_right=40.0)
    >>> lift = Movement("lift", "on_back", "side", "flexion", "right", (),
    ...                 (StepMotion(1, (down,), ("down",), loop=False),
    ...                  StepMotion(2, (down, up), ("down", "up"), loop=False)))
    >>> frame_count(lift, 1), frame_count(lift, 2)
    (1, 13)
    """
    motion = exercise_id if isinstance(exercise_id, Movement) else movement(exercise_id,
                                                                            data_dir)
    return len(_pieces(motion, step)) * frames_per_pose + 1


def step_frames(exercise_id: str | Movement, step: int,
                frames_per_pose: int = FRAMES_PER_POSE,
                data_dir: DataDir = None) -> list[dict[str, float]]:
    """Every frame of a step's animation, first and last included.

    Examples
    --------
    >>> from hipkit.exercises.keyframes import frame_count, load_movements, step_frames
    >>> motion = next(iter(load_movements().values()))
    >>> len(step_frames(motion, 1)) == frame_count(motion, 1)
    True
    """
    motion = exercise_id if isinstance(exercise_id, Movement) else movement(exercise_id,
                                                                            data_dir)
    count = frame_count(motion, step, frames_per_pose)
    return [pose_at(motion, step, k / max(count - 1, 1)) for k in range(count)]

