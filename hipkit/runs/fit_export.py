"""Hip sessions to the watch as FIT: a logged session as an activity, a planned one as a workout.

Both files are written with Garmin's own ``garmin-fit-sdk`` Encoder, values given in the
SDK profile's units (seconds, metres) and stored on its scales (ms, cm).

:func:`write_session_fit` writes a **logged** session as a strength-training activity,
which Garmin Connect and the apps syncing from it import like a watch's strength workout:

- ``file_id`` (an activity), a timer start and stop ``event``, a ``record`` at the start
  and at the end (every FIT activity must hold records, Garmin's encode recipe says),
  one ``lap``, one ``session`` (sport ``training``, sub-sport ``strength_training``,
  the session's effort in ``workout_rpe``, stored x10 as the profile defines it) and the
  closing ``activity`` message;
- one ``set`` message per set: ``set_type`` active with ``repetitions`` and its
  ``duration`` in seconds (for the bridge hold, how long the hold lasted), and a rest
  set between sets; each side of a one-sided exercise is its own set, in the log's order;
- the exercise as FIT codes (Profile 21.218 of the SDK): see :data:`FIT_EXERCISES`;
- an ``exercise_title`` per exercise carrying hipkit's name for it.

Which minutes count: the ones the runner logged (``duration_min``), the minutes the
session's load multiplies (:func:`hipkit.runs.training_load.session_loads`). They are the
file's ``total_timer_time``: the timer stops for each rest hipkit puts between sets and
starts again after it, so ``total_elapsed_time`` (the clock from the first set to the
last) is the logged minutes plus those rests. The rests are the pack's default length,
not a measurement, so they stay out of the time the load counts; a runner whose logged
minutes already hold the rests writes the file with ``rest_seconds=0``.

:func:`write_workout_fit` writes a **planned** session (a day of
:func:`hipkit.build_plan`) as a FIT workout file (``file_id`` type ``workout``, one
``workout`` and its ``workout_step`` messages), the kind a Garmin watch takes in from its
``GARMIN/NewFiles`` folder: each exercise, side and direction is a step of so many
repetitions, a timed rest follows each set, and the sets of an exercise are a repeat.

Whether Garmin Connect shows every exercise name from these codes, and whether a watch
runs the workout as written, was not checked on a device.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd

from hipkit.log.writing import write_atomic

#: hipkit exercise -> (FIT exercise_category, its exercise name) in the SDK's Profile.
FIT_EXERCISES = {
    "side_lying_hip_circles": ("hip_stability", "hip_circles"),
    "standing_hip_abduction": ("hip_stability", "standing_hip_abduction"),
    "single_leg_bridge": ("hip_raise", "single_leg_hip_raise"),
    "glute_switch_bridge_hold": ("hip_raise", "hip_raise"),
}


def fit_codes(exercise_id: str) -> tuple[int, int]:
    """The FIT ``category`` and ``category_subtype`` numbers of a hipkit exercise.

    >>> fit_codes("side_lying_hip_circles"), fit_codes("single_leg_bridge")
    ((11, 7), (10, 30))
    """
    from garmin_fit_sdk import Profile

    category, name = FIT_EXERCISES[exercise_id]
    types = Profile["types"]
    return (_number_of(types["exercise_category"], category),
            _number_of(types[f"{category}_exercise_name"], name))


def _number_of(table: dict[int, str], name: str) -> int:
    return next(number for number, text in table.items() if text == name)


def session_sets(log: pd.DataFrame, day, *, rest_seconds: float | None = None) -> pd.DataFrame:
    """The sets of one logged day, in order, as they go into the FIT file.

    A row's ``duration_min`` is shared evenly by its sets; without it the set has no
    duration. Rest sets of ``rest_seconds`` (default: the pack's rest, from
    ``data/training_defaults.toml``) sit between sets, not after the last one; 0 leaves
    them out.

    Returns
    -------
    pandas.DataFrame
        ``exercise_id``, ``side``, ``set_type`` ("active" or "rest"), ``repetitions``
        (Int64, NA for rests) and ``seconds`` (Float64, NA where not logged).
    """
    rest = _rest_seconds(rest_seconds)
    rows = _session_rows(log, day, "log")
    sets = []
    for _, row in rows.iterrows():  # in the log's order: an exercise's left side first
        count = 0 if pd.isna(row["sets"]) else int(row["sets"])
        seconds = (float(row["duration_min"]) * 60 / count
                   if count and pd.notna(row["duration_min"]) else None)
        for _ in range(count):
            if sets and rest:
                sets.append((None, None, "rest", None, rest))
            reps = None if pd.isna(row["reps"]) else int(row["reps"])
            sets.append((str(row["exercise_id"]), str(row["side"]), "active", reps, seconds))
    table = pd.DataFrame(sets, columns=["exercise_id", "side", "set_type", "repetitions",
                                        "seconds"])
    return table.astype({"repetitions": "Int64", "seconds": "Float64"})


def write_session_fit(log: pd.DataFrame, day, path: str | Path, *,
                      start: dt.datetime | None = None,
                      rest_seconds: float | None = None) -> Path:
    """Write the hip session logged on ``day`` as a FIT strength-training activity.

    The file's timer time is the session's logged minutes, the minutes its load counts;
    its elapsed time adds the rests between sets (see the module's notes).

    Parameters
    ----------
    log : DataFrame
        From :func:`hipkit.read_log`.
    day : date or ISO text
        The session's date in the log.
    path : str or Path
        Where to write; replaced whole, or left untouched if writing fails.
    start : datetime, optional
        When the session began (naive times are taken as UTC); by default noon UTC of
        ``day``, since the log keeps dates, not times.
    rest_seconds : float, optional
        Rest between sets (default: the pack's, see :func:`session_sets`); 0 when the
        logged minutes already include the rests.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile
    >>> from hipkit.samples import load_sample_log
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_session_fit(load_sample_log(), "2025-09-01", Path(folder) / "hips.fit").name
    'hips.fit'
    """
    from garmin_fit_sdk import Profile

    from hipkit.runs.fit_reader import FIT_RPE_SCALE
    from hipkit.runs.training_load import session_loads

    sets = session_sets(log, day, rest_seconds=rest_seconds)
    rows = _session_rows(log, day, "log")
    rpe = session_loads(log=rows)["rpe"].iloc[0] if "rpe" in rows else pd.NA
    if start is None:
        start = dt.datetime.combine(pd.Timestamp(day).date(), dt.time(12, 0))
    if start.tzinfo is None:
        start = start.replace(tzinfo=dt.timezone.utc)
    number = Profile["mesg_num"]
    encoder = start_activity(start)
    encoder.on_mesg(number["RECORD"], {"timestamp": start})
    _write_exercise_titles(encoder, sets["exercise_id"])
    moment, timer = start, 0.0
    for index, one in enumerate(sets.itertuples(index=False)):
        seconds = 0.0 if pd.isna(one.seconds) else float(one.seconds)
        message = {"timestamp": moment + dt.timedelta(seconds=seconds), "start_time": moment,
                   "set_type": one.set_type, "message_index": index}
        if pd.notna(one.seconds):
            message["duration"] = seconds
        if one.set_type == "active":
            category, subtype = fit_codes(one.exercise_id)
            message.update(category=[category], category_subtype=[subtype])
            if pd.notna(one.repetitions):
                message["repetitions"] = int(one.repetitions)
            encoder.on_mesg(number["SET"], message)
            timer += seconds
        else:  # the timer stands still while the runner rests
            _timer_event(encoder, moment, "stop_all")
            encoder.on_mesg(number["SET"], message)
            _timer_event(encoder, message["timestamp"], "start")
        moment += dt.timedelta(seconds=seconds)
    elapsed = (moment - start).total_seconds()
    encoder.on_mesg(number["RECORD"], {"timestamp": moment})
    _timer_event(encoder, moment, "stop_all")
    totals = {"timestamp": moment, "start_time": start, "total_elapsed_time": elapsed,
              "total_timer_time": timer, "sport": "training", "sub_sport": "strength_training"}
    encoder.on_mesg(number["LAP"], totals)
    session = {**totals, "first_lap_index": 0, "num_laps": 1}
    if pd.notna(rpe):
        session["workout_rpe"] = round(float(rpe) * FIT_RPE_SCALE)
    encoder.on_mesg(number["SESSION"], session)
    encoder.on_mesg(number["ACTIVITY"], {"timestamp": moment, "total_timer_time": timer,
                                         "num_sessions": 1, "type": "manual",
                                         "event": "activity", "event_type": "stop"})
    path = Path(path)
    write_atomic(path, bytes(encoder.close()))
    return path


def _timer_event(encoder, moment: dt.datetime, event_type: str) -> None:
    from garmin_fit_sdk import Profile

    encoder.on_mesg(Profile["mesg_num"]["EVENT"], {"timestamp": moment, "event": "timer",
                                                   "event_type": event_type})


#: Columns of :func:`workout_steps`.
WORKOUT_STEP_COLUMNS = ["step", "kind", "name", "notes", "exercise_id", "side", "direction",
                        "reps", "seconds", "repeat_from", "times"]


def workout_steps(plan: pd.DataFrame, day, *, rest_seconds: float | None = None
                  ) -> pd.DataFrame:
    """The steps of one planned session, in the order a FIT workout holds them.

    Each exercise and side of the day's plan is one block: a step of ``reps``
    repetitions per direction (clockwise, then anticlockwise for the circles), then a
    rest of ``rest_seconds`` (default: the pack's, ``data/training_defaults.toml``); an
    exercise of several sets ends with a repeat step that sends the watch back to the
    block's first step until the sets are done. The last block of the session has no
    rest when it is a single set; inside a repeat the rest comes after every set, the
    last one included, as a watch repeats the whole block.

    Parameters
    ----------
    plan : DataFrame
        From :func:`hipkit.build_plan`.
    day : date or ISO text
        The planned session's date.
    rest_seconds : float, optional
        Rest after each set.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`WORKOUT_STEP_COLUMNS`: ``step`` (from 0, the FIT message index),
        ``kind`` ("exercise", "rest" or "repeat"), ``name`` (what the watch shows),
        ``notes`` (the dosage, and the band colour when the plan has one),
        ``exercise_id``, ``side``, ``direction``, ``reps`` (Int64, exercise steps),
        ``seconds`` (Float64, rest steps), ``repeat_from`` and ``times`` (Int64, repeat
        steps: the first step repeated and the number of sets).

    Examples
    --------
    >>> from hipkit.exercises.progression import build_plan
    >>> steps = workout_steps(build_plan("2026-02-02"), "2026-02-02")
    >>> steps["kind"].value_counts().to_dict()
    {'exercise': 9, 'rest': 6, 'repeat': 6}
    >>> steps.loc[0, "name"], int(steps.loc[0, "reps"])
    ('Side-lying hip circles, left, clockwise', 10)
    """
    rest = _rest_seconds(rest_seconds)
    rows = _session_rows(plan, day, "plan")
    steps: list[dict] = []
    for position, row in enumerate(rows.itertuples(index=False)):
        first = len(steps)
        side = str(row.side)
        directions = (str(row.directions).split(" / ") if pd.notna(row.directions)
                      else [None])
        for direction in directions:
            label = ", ".join(part for part in (str(row.name), side if side != "both" else
                                                None, direction) if part)
            notes = " ".join(part for part in (str(int(row.reps)), str(row.rep_unit),
                                                direction) if part)
            if pd.notna(row.band):
                notes += f", {row.band} band"
            steps.append({"kind": "exercise", "name": label, "notes": notes,
                          "exercise_id": str(row.exercise_id), "side": side,
                          "direction": direction, "reps": int(row.reps)})
        sets = 1 if pd.isna(row.sets) else int(row.sets)
        if rest and (sets > 1 or position < len(rows) - 1):
            steps.append({"kind": "rest", "name": "Rest", "seconds": rest})
        if sets > 1:
            steps.append({"kind": "repeat", "name": f"Repeat: {sets} sets",
                          "repeat_from": first, "times": sets})
    table = pd.DataFrame(steps, columns=WORKOUT_STEP_COLUMNS[1:])
    table.insert(0, "step", range(len(table)))
    return table.astype({"kind": "string", "name": "string", "notes": "string",
                         "exercise_id": "string",
                         "side": "string", "direction": "string", "reps": "Int64",
                         "seconds": "Float64", "repeat_from": "Int64", "times": "Int64"})


def write_workout_fit(plan: pd.DataFrame, day, path: str | Path, *,
                      rest_seconds: float | None = None, name: str | None = None) -> Path:
    """Write the session planned on ``day`` as a FIT workout file for a Garmin watch.

    The file holds a ``file_id`` of type ``workout``, one ``workout`` (sport
    ``training``, sub-sport ``strength_training``) and a ``workout_step`` per row of
    :func:`workout_steps`: exercise steps last a number of repetitions
    (``duration_type`` reps), rests a time (stored in ms), and repeat steps name the
    step to go back to and the number of sets (``repeat_until_steps_cmplt``). Each
    exercise carries its FIT codes (:data:`FIT_EXERCISES`) and an ``exercise_title`` with
    hipkit's name for it.

    Parameters
    ----------
    plan : DataFrame
        From :func:`hipkit.build_plan`.
    day : date or ISO text
        The planned session's date.
    path : str or Path
        Where to write; replaced whole, or left untouched if writing fails.
    rest_seconds : float, optional
        Rest after each set (default: the pack's).
    name : str, optional
        The workout's name on the watch; by default "Hips" and the plan's week and
        session, e.g. "Hips w1 s2".

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile
    >>> from hipkit.exercises.progression import build_plan
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_workout_fit(build_plan("2026-02-02"), "2026-02-04",
    ...                       Path(folder) / "hips.fit").name
    'hips.fit'
    """
    from garmin_fit_sdk import Encoder, Profile

    steps = workout_steps(plan, day, rest_seconds=rest_seconds)
    planned = _session_rows(plan, day, "plan").iloc[0]
    if name is None:
        name = f"Hips w{int(planned['week'])} s{int(planned['session'])}"
    number = Profile["mesg_num"]
    encoder = Encoder()
    encoder.on_mesg(number["FILE_ID"], {"type": "workout", **HIPKIT_DEVICE,
                                        "time_created": dt.datetime.now(dt.timezone.utc)})
    encoder.on_mesg(number["WORKOUT"], {"wkt_name": name, "sport": "training",
                                        "sub_sport": "strength_training",
                                        "num_valid_steps": len(steps)})
    for step in steps.itertuples(index=False):
        message = {"message_index": int(step.step), "target_type": "open"}
        if step.kind == "exercise":
            category, subtype = fit_codes(step.exercise_id)
            message.update(wkt_step_name=str(step.name), notes=str(step.notes),
                           duration_type="reps",
                           duration_value=int(step.reps), intensity="active",
                           exercise_category=category, exercise_name=subtype)
        elif step.kind == "rest":
            # duration_value is the profile's duration_time sub-field here: ms (scale 1000).
            message.update(wkt_step_name=str(step.name), duration_type="time",
                           duration_value=round(float(step.seconds) * 1000), intensity="rest")
        else:  # repeat: go back to repeat_from until the sets are done
            message.update(duration_type="repeat_until_steps_cmplt",
                           duration_value=int(step.repeat_from), target_value=int(step.times))
        encoder.on_mesg(number["WORKOUT_STEP"], message)
    _write_exercise_titles(encoder, steps["exercise_id"])
    path = Path(path)
    write_atomic(path, bytes(encoder.close()))
    return path


#: What hipkit's own FIT files say made them: the profile's ``development`` manufacturer.
HIPKIT_DEVICE = {"manufacturer": "development", "product": 0, "serial_number": 1}


def start_activity(start: dt.datetime, device: dict | None = None):
    """A garmin-fit-sdk ``Encoder`` holding an activity's file id and its timer start.

    Every FIT activity opens this way; the caller adds the records, laps and session.
    ``device`` gives the file id's ``manufacturer``, ``product`` and ``serial_number``
    (default :data:`HIPKIT_DEVICE`).
    """
    from garmin_fit_sdk import Encoder, Profile

    number = Profile["mesg_num"]
    encoder = Encoder()
    encoder.on_mesg(number["FILE_ID"], {"type": "activity", **(device or HIPKIT_DEVICE),
                                        "time_created": start})
    _timer_event(encoder, start, "start")
    return encoder


def _rest_seconds(rest_seconds: float | None) -> float:
    """The rest between sets: the one given, or the pack's default."""
    from hipkit.exercises.walkthrough import default_rest_seconds

    if rest_seconds is None:
        return float(default_rest_seconds())
    if not (isinstance(rest_seconds, int | float) and math.isfinite(rest_seconds)
            and rest_seconds >= 0):
        raise ValueError(f"rest_seconds must be a number of seconds, 0 or more, got "
                         f"{rest_seconds!r}")
    return float(rest_seconds)


def _session_rows(table: pd.DataFrame, day, what: str) -> pd.DataFrame:
    """The rows of a log or plan dated ``day``, each exercise with its FIT code."""
    day = pd.Timestamp(day).normalize()
    rows = table[pd.to_datetime(table["date"]).dt.normalize() == day]
    if rows.empty:
        raise ValueError(f"the {what} has no session on {day.date()}")
    unknown = sorted(set(rows["exercise_id"].astype(str)) - set(FIT_EXERCISES))
    if unknown:
        raise ValueError(f"no FIT exercise code for {', '.join(unknown)}")
    return rows


def _write_exercise_titles(encoder, exercise_ids: pd.Series) -> None:
    """An ``exercise_title`` per exercise, in order of first use, with hipkit's name."""
    from garmin_fit_sdk import Profile

    from hipkit.exercises.loaders import load_exercises

    exercises = load_exercises()
    names = dict(zip(exercises["exercise_id"], exercises["name"], strict=True))
    for index, exercise_id in enumerate(dict.fromkeys(exercise_ids.dropna())):
        category, subtype = fit_codes(exercise_id)
        encoder.on_mesg(Profile["mesg_num"]["EXERCISE_TITLE"], {
            "message_index": index, "exercise_category": category,
            "exercise_name": subtype, "wkt_step_name": names.get(exercise_id, exercise_id)})
