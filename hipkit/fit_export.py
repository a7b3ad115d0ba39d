"""Send a logged hip session to the watch: a FIT strength-training activity.

The file is written with Garmin's own ``garmin-fit-sdk`` Encoder, so Garmin Connect and
the apps syncing from it can import it like a watch's strength workout:

- ``file_id`` (an activity), a timer start and stop ``event``, a ``record`` at the start
  and at the end (every FIT activity must hold records, Garmin's encode recipe says),
  one ``lap``, one ``session`` (sport ``training``, sub-sport ``strength_training``)
  and the closing ``activity`` message;
- one ``set`` message per set: ``set_type`` active with ``repetitions`` and its
  ``duration`` in seconds (for the bridge hold, how long the hold lasted), and a rest
  set between sets; each side of a one-sided exercise is its own set, in the log's order;
- the exercise as FIT codes (Profile 21.218 of the SDK): see :data:`FIT_EXERCISES`;
- an ``exercise_title`` per exercise carrying hipkit's name for it.

Whether Garmin Connect shows every exercise name from these codes was not checked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from hipkit.log_writer import write_atomic

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
    ``data/training_defaults.toml``) sit between sets, not after the last one.

    Returns
    -------
    pandas.DataFrame
        ``exercise_id``, ``side``, ``set_type`` ("active" or "rest"), ``repetitions``
        (Int64, NA for rests) and ``seconds`` (Float64, NA where not logged).
    """
    from hipkit.walkthrough import default_rest_seconds

    rest = default_rest_seconds() if rest_seconds is None else rest_seconds
    day = pd.Timestamp(day).normalize()
    rows = log[pd.to_datetime(log["date"]).dt.normalize() == day]
    if rows.empty:
        raise ValueError(f"the log has no session on {day.date()}")
    unknown = sorted(set(rows["exercise_id"].astype(str)) - set(FIT_EXERCISES))
    if unknown:
        raise ValueError(f"no FIT exercise code for {', '.join(unknown)}")
    sets = []
    for _, row in rows.iterrows():  # in the log's order: an exercise's left side first
        count = 0 if pd.isna(row["sets"]) else int(row["sets"])
        seconds = (float(row["duration_min"]) * 60 / count
                   if count and pd.notna(row["duration_min"]) else None)
        for _ in range(count):
            if sets:
                sets.append((None, None, "rest", None, float(rest)))
            reps = None if pd.isna(row["reps"]) else int(row["reps"])
            sets.append((str(row["exercise_id"]), str(row["side"]), "active", reps, seconds))
    table = pd.DataFrame(sets, columns=["exercise_id", "side", "set_type", "repetitions",
                                        "seconds"])
    return table.astype({"repetitions": "Int64", "seconds": "Float64"})


def write_session_fit(log: pd.DataFrame, day, path: str | Path, *,
                      start: dt.datetime | None = None,
                      rest_seconds: float | None = None) -> Path:
    """Write the hip session logged on ``day`` as a FIT strength-training activity.

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
        Rest between sets (default: the pack's, see :func:`session_sets`).

    Returns
    -------
    Path
        The file written.
    """
    from garmin_fit_sdk import Profile

    sets = session_sets(log, day, rest_seconds=rest_seconds)
    if start is None:
        start = dt.datetime.combine(pd.Timestamp(day).date(), dt.time(12, 0))
    if start.tzinfo is None:
        start = start.replace(tzinfo=dt.timezone.utc)
    number = Profile["mesg_num"]
    encoder = start_activity(start)
    encoder.on_mesg(number["RECORD"], {"timestamp": start})
    names = _exercise_names()
    for index, exercise_id in enumerate(dict.fromkeys(sets["exercise_id"].dropna())):
        category, subtype = fit_codes(exercise_id)
        encoder.on_mesg(number["EXERCISE_TITLE"], {
            "message_index": index, "exercise_category": category,
            "exercise_name": subtype, "wkt_step_name": names.get(exercise_id, exercise_id)})
    moment = start
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
        moment += dt.timedelta(seconds=seconds)
    total = (moment - start).total_seconds()
    encoder.on_mesg(number["RECORD"], {"timestamp": moment})
    encoder.on_mesg(number["EVENT"], {"timestamp": moment, "event": "timer",
                                      "event_type": "stop_all"})
    totals = {"timestamp": moment, "start_time": start, "total_elapsed_time": total,
              "total_timer_time": total, "sport": "training", "sub_sport": "strength_training"}
    encoder.on_mesg(number["LAP"], totals)
    encoder.on_mesg(number["SESSION"], {**totals, "first_lap_index": 0, "num_laps": 1})
    encoder.on_mesg(number["ACTIVITY"], {"timestamp": moment, "total_timer_time": total,
                                         "num_sessions": 1, "type": "manual",
                                         "event": "activity", "event_type": "stop"})
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
    encoder.on_mesg(number["EVENT"], {"timestamp": start, "event": "timer",
                                      "event_type": "start"})
    return encoder


def _exercise_names() -> dict[str, str]:
    from hipkit.library import load_exercises

    exercises = load_exercises()
    return dict(zip(exercises["exercise_id"], exercises["name"], strict=True))
