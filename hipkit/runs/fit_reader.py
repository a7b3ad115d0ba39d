"""Read a FIT activity file with Garmin's own ``garmin-fit-sdk``.

The official decoder, released with every FIT profile, and the same package writes
hipkit's strength sessions (:mod:`hipkit.runs.fit_export`). Its CRC check names a damaged
file instead of guessing. It is imported only when a FIT file is read.
"""

from __future__ import annotations

import datetime as dt

from hipkit.errors import DataFileError, Problem
from hipkit.runs.activity_record import _FILE_TYPES, _Activity

#: The most FIT data read from one file: its decoder holds about 20 times the file in
#: memory, and a watch recording every second writes about 1.5 MB a day.
MAX_FIT_BYTES = 16 * 2**20
# FIT (sport, sub_sport) pairs whose Strava type is not the sport's own: a watch records a
# trail run as sport running, sub-sport trail (the SDK profile's ``sub_sport`` type).
_FIT_SUB_SPORT_TYPES = {
    ("running", "trail"): "Trail Run", ("running", "virtual_activity"): "Virtual Run",
    ("training", "strength_training"): "Weight Training",
}
#: The FIT profile's ``workout_rpe`` (session field 193) holds the CR-10 rating x10.
FIT_RPE_SCALE = 10


def _read_fit(data: bytes, label: str) -> _Activity:
    from garmin_fit_sdk import Decoder, Stream

    if not Decoder(Stream.from_byte_array(bytearray(data))).is_fit():
        raise DataFileError([Problem(label, "file", "is not a FIT file (its header is wrong)")])
    # read() checks the file's CRC itself and reports a mismatch or a cut-off file.
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    if errors:
        raise DataFileError([Problem(label, "file", "is cut short or damaged (the FIT decoder "
                                     f"said: {errors[0]})")])
    sessions = messages.get("session_mesgs", [])
    if not sessions:
        raise DataFileError([Problem(label, "session", "the FIT file holds no session "
                                     "message, so it is not a recorded activity")])
    session = sessions[0]
    # The SDK decoder applies each field's profile scale: total_elapsed_time and
    # total_timer_time come in seconds (stored in ms), total_distance in metres (stored
    # in cm), heart rates in bpm, start_time as an aware UTC datetime (FIT counts seconds
    # from 1989-12-31 UTC). total_timer_time is the time the watch's timer ran (pauses
    # left out), hipkit's moving time; total_elapsed_time includes the pauses.
    start = session.get("start_time")
    return _Activity(
        start=start.astimezone(dt.timezone.utc).replace(tzinfo=None) if start else None,
        type=_fit_type(session.get("sport"), session.get("sub_sport")),
        moving_s=session.get("total_timer_time"),
        elapsed_s=session.get("total_elapsed_time"),
        distance_m=session.get("total_distance"),
        avg_hr=session.get("avg_heart_rate"), max_hr=session.get("max_heart_rate"),
        # The profile's comment on workout_rpe: "Borg CR10 / 0-10 RPE scale, multiplied
        # 10x" (fit_profile_21218 in data/sources.csv), as watch files show
        # (goldencheetah_4124). The field has no profile scale, so the decoder hands over
        # the stored number: 70 is effort 7. A value off the scale is refused with the
        # file's other problems (_check_values).
        rpe=None if session.get("workout_rpe") is None
        else session["workout_rpe"] / FIT_RPE_SCALE,
    )


def _fit_type(sport: str | int | None, sub_sport: str | int | None) -> str | None:
    """Strava's activity type for a FIT sport and sub-sport (profile names, or numbers
    the profile does not name, kept as e.g. "FIT sport 42")."""
    if sport is None:
        return None
    if (sport, sub_sport) in _FIT_SUB_SPORT_TYPES:
        return _FIT_SUB_SPORT_TYPES[sport, sub_sport]
    if isinstance(sport, int):
        return f"FIT sport {sport}"
    return _FILE_TYPES.get(sport, sport.title())
