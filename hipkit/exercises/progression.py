"""Build a week-by-week workshop plan from the progression rules, and say its dosage.

The rules (:mod:`hipkit.exercises.progression_rules`, ``data/progression.toml``): week 1
is the coach's dosage; each later week takes one step (a set, then repetitions, then a
stronger band colour); an exercise whose bout the coach defines grows only in bouts.

A plan row is one exercise on one side in one session, with the columns of a training
log (``exercise_id``, ``side``, ``sets``, ``reps``, ``band``), so
:func:`hipkit.log.analysis.volume` counts a plan exactly as it counts a log.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.loaders import load_equipment, load_exercises
from hipkit.exercises.progression_rules import STEPS, ProgressionRules, load_progression
from hipkit.log.analysis import volume
from hipkit.log.reading import BAND_COLOURS, BAND_TYPE, SIDE_TYPE

#: What changed in a week's dosage: the first week, a step, nothing left to add, a deload.
CHANGES = ("start", *STEPS, "hold", "deload")
CHANGE_TYPE = pd.CategoricalDtype(CHANGES)
PLAN_COLUMNS = ["week", "session", "date", "exercise_id", "name", "side", "sets", "reps",
                "rep_unit", "directions", "band", "band_step", "change"]


def training_days(sessions_per_week: int) -> list[int]:
    """Spread the week's sessions evenly from Monday (0) with rest days between.

    Examples
    --------
    >>> training_days(3), training_days(2)
    ([0, 2, 4], [0, 3])
    """
    if not 1 <= sessions_per_week <= 7:
        raise ValueError(f"sessions_per_week must be 1 to 7, got {sessions_per_week!r}")
    return [index * 7 // sessions_per_week for index in range(sessions_per_week)]


def weekly_dosage(weeks: int | None = None, *, deload_weeks: tuple[int, ...] = (),
                  rules: ProgressionRules | None = None,
                  data_dir: DataDir = None) -> pd.DataFrame:
    """Sets, reps and band step of every exercise in every week of the plan.

    Week 1 is the pack's dosage; the bridge hold, for which the pack gives no number of
    sets, starts at one bout of 10 switches (as :func:`hipkit.exercises.session_plan.session_blocks`
    does). Every ``weeks_per_step`` weeks each exercise takes the first step of
    ``rules.order`` it still can: a set up to ``max_sets``, repetitions up to
    ``max_reps``, a band colour up to ``band_steps`` (only exercises done with a band).
    An exercise in ``rules.fixed_reps`` only ever adds a set (a bout): its repetitions
    per bout stay the coach's.
    With no step left the dosage holds. A declared deload week repeats week 1's dosage
    and the plan then carries on where it left off.

    Parameters
    ----------
    weeks : int, optional
        Length of the plan (default: ``rules.weeks``, 6).
    deload_weeks : tuple of int
        Weeks (2 or later) the coach declares lighter. None by default: the cited
        programmes have none.
    rules : ProgressionRules, optional
        Default: :func:`hipkit.exercises.progression_rules.load_progression`.

    Returns
    -------
    pandas.DataFrame
        One row per week and exercise: ``week``, ``exercise_id``, ``sets``, ``reps``,
        ``band_step`` (colours above the starting band) and ``change`` (``start``,
        ``set``, ``reps``, ``band``, ``hold`` or ``deload``).

    Examples
    --------
    >>> dosage = weekly_dosage(3)
    >>> dosage[dosage["exercise_id"] == "single_leg_bridge"][["sets", "reps"]].values.tolist()
    [[2, 15], [3, 15], [3, 20]]
    """
    rules = rules or load_progression(data_dir)
    weeks = rules.weeks if weeks is None else weeks
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, got {weeks!r}")
    bad = [week for week in deload_weeks if not 2 <= week <= weeks]
    if bad:
        raise ValueError(f"deload weeks must lie between week 2 and week {weeks}, got {bad}")
    exercises = load_exercises(data_dir)
    banded = _banded(data_dir)
    rows = []
    for exercise in exercises.itertuples():
        start = {"sets": 1 if pd.isna(exercise.sets) else int(exercise.sets),
                 "reps": int(exercise.reps), "band_step": 0}
        current = dict(start)
        progressed_weeks = 0
        for week in range(1, weeks + 1):
            if week == 1:
                change = "start"
            elif week in deload_weeks:
                rows.append({"week": week, "exercise_id": exercise.exercise_id, **start,
                             "change": "deload"})
                continue
            else:
                progressed_weeks += 1
                change = "hold"
                if progressed_weeks % rules.weeks_per_step == 0:
                    change = _step(current, rules, exercise.exercise_id in banded,
                                   exercise.exercise_id in rules.fixed_reps)
            rows.append({"week": week, "exercise_id": exercise.exercise_id, **current,
                         "change": change})
    dosage = pd.DataFrame(rows).sort_values(["week", "exercise_id"], kind="stable")
    return dosage.astype({"exercise_id": exercises["exercise_id"].dtype, "sets": "int64",
                          "reps": "int64", "band_step": "int64",
                          "change": CHANGE_TYPE}).reset_index(drop=True)


def _banded(data_dir: DataDir) -> set[str]:
    """Exercises whose kit includes a resistance band (the ones a colour step applies to)."""
    equipment = load_equipment(data_dir)
    needs_band = equipment["item"].str.lower().str.contains("band")
    return set(equipment.loc[needs_band, "exercise_id"].astype(str))


def _step(dosage: dict[str, int], rules: ProgressionRules, banded: bool,
          fixed_reps: bool = False) -> str:
    """Apply the first step still possible, in the rules' order; return its name."""
    for step in rules.order:
        if step == "set" and dosage["sets"] < rules.max_sets:
            dosage["sets"] += 1
            return step
        if step == "reps" and not fixed_reps and dosage["reps"] < rules.max_reps:
            dosage["reps"] = min(dosage["reps"] + rules.reps_step, rules.max_reps)
            return step
        if step == "band" and banded and dosage["band_step"] < rules.band_steps:
            dosage["band_step"] += 1
            return step
    return "hold"


def build_plan(start: dt.date | str, weeks: int | None = None,
               sessions_per_week: int | None = None, *, band: str | None = None,
               deload_weeks: tuple[int, ...] = (), runner: str | None = None,
               rules: ProgressionRules | None = None, data_dir: DataDir = None) -> pd.DataFrame:
    """Build an N-week plan: every session's exercises, sides and dosage, by date.

    Parameters
    ----------
    start : date or ISO text
        Day of the first session; later sessions of a week follow with rest days
        between (:func:`training_days`), and each week starts 7 days after the last.
    weeks, sessions_per_week : int, optional
        Default from ``progression.toml``: 6 weeks, 3 sessions a week.
    band : str, optional
        The runner's starting band colour (a TheraBand colour, e.g. ``"green"``). When
        left out, the band column stays missing and ``band_step`` says how many colours
        above the starting band to use: the pack asks for a strong band, not a colour.
    deload_weeks : tuple of int
        Weeks the coach declares lighter (see :func:`weekly_dosage`).
    runner : str, optional
        Name written in a ``runner`` column when given.

    Returns
    -------
    pandas.DataFrame
        One row per session, exercise and side: ``week``, ``session`` (1 to N across the
        plan), ``date``, ``exercise_id``, ``name``, ``side`` (left/right, or both for the
        bridge hold), ``sets``, ``reps`` (each direction, for circles), ``rep_unit``,
        ``directions``, ``band`` (ordered colours, missing without a starting band),
        ``band_step`` and ``change`` (what changed from the week before).

    Examples
    --------
    >>> plan = build_plan("2026-02-02")
    >>> int(plan["session"].max()), plan["date"].max().date().isoformat()
    (18, '2026-03-13')
    """
    rules = rules or load_progression(data_dir)
    weeks = rules.weeks if weeks is None else weeks
    sessions_per_week = rules.sessions_per_week if sessions_per_week is None \
        else sessions_per_week
    first = pd.Timestamp(start).normalize()
    if band is not None and band.strip().lower() not in BAND_COLOURS:
        raise ValueError(f"band must be one of {', '.join(BAND_COLOURS)}, got {band!r}")
    dosage = weekly_dosage(weeks, deload_weeks=deload_weeks, rules=rules, data_dir=data_dir)
    exercises = load_exercises(data_dir).set_index("exercise_id")
    days = training_days(sessions_per_week)
    rows = []
    for item in dosage.itertuples():
        exercise = exercises.loc[item.exercise_id]
        sides = ("left", "right") if exercise["each_side"] else ("both",)
        colour = pd.NA
        if band is not None and item.exercise_id in _banded(data_dir):
            position = BAND_COLOURS.index(band.strip().lower()) + item.band_step
            colour = BAND_COLOURS[min(position, len(BAND_COLOURS) - 1)]
        for index, day in enumerate(days):
            for side in sides:
                rows.append({
                    "week": item.week, "session": (item.week - 1) * len(days) + index + 1,
                    "date": first + pd.Timedelta(days=7 * (item.week - 1) + day),
                    "exercise_id": item.exercise_id, "name": exercise["name"], "side": side,
                    "sets": item.sets, "reps": item.reps, "rep_unit": exercise["rep_unit"],
                    "directions": exercise["directions"], "band": colour,
                    "band_step": item.band_step, "change": item.change})
    plan = pd.DataFrame(rows, columns=PLAN_COLUMNS).astype({
                        "exercise_id": dosage["exercise_id"].dtype, "name": "string",
                        "side": SIDE_TYPE, "sets": "Int64", "reps": "Int64",
                        "rep_unit": "string", "directions": "string", "band": BAND_TYPE,
                        "band_step": "int64", "change": CHANGE_TYPE})
    # Lesson order within a session (exercise_id is an ordered categorical by then).
    plan = plan.sort_values(["session", "exercise_id"], kind="stable").reset_index(drop=True)
    if runner is not None:
        plan.insert(0, "runner", runner)
    return plan


def plan_volume(plan: pd.DataFrame, data_dir: DataDir = None) -> pd.DataFrame:
    """Planned repetitions per week, counted as :func:`hipkit.log.analysis.volume` counts.

    Returns columns ``week``, ``volume`` and ``deload`` (true in a declared deload week).

    Examples
    --------
    >>> plan_volume(build_plan("2026-02-02", weeks=2))["volume"].tolist()
    [570, 870]
    """
    frame = pd.DataFrame({"week": plan["week"], "volume": volume(plan, data_dir),
                          "deload": plan["change"] == "deload"})
    table = frame.groupby("week").agg(volume=("volume", "sum"), deload=("deload", "any"))
    return table.astype({"volume": "int64"}).reset_index()


def dosage_label(sets: int, reps: int, rep_unit: str, directions: str | None,
                 each_side: bool, *, bouts: bool = False) -> str:
    """Say a dosage the way a runner reads it.

    ``bouts`` says the sets are bouts of a fixed length (the bridge hold's 10 switches).

    Examples
    --------
    >>> dosage_label(3, 10, "circles", "clockwise / anticlockwise", True)
    '3 x 10 circles each direction, each side'
    >>> dosage_label(2, 10, "switches", None, False, bouts=True)
    '2 bouts of 10 switches, a break after each'
    """
    if bouts:
        return f"{sets} bout{'s' if sets > 1 else ''} of {reps} {rep_unit}, a break after each"
    text = f"{sets} x {reps} {rep_unit}"
    if directions is not None and not pd.isna(directions):
        text += " each direction"
    if each_side:
        text += ", each side"
    return text

