"""Read a runner's runs: a Strava bulk export folder, or single FIT, GPX and TCX files.

:func:`read_activities` gives one tidy table, one row per activity, whatever the source.
Which library reads what, and why (see also the README, "Your runs beside your hip work"):

- **FIT** with Garmin's own ``garmin-fit-sdk``: the official decoder, released with every
  FIT profile, and the same package writes hipkit's strength sessions
  (:mod:`hipkit.fit_export`). Its CRC check names a damaged file instead of guessing.
- **GPX** with ``gpxpy``: maintained, and it computes moving time and track length the
  way GPX tools usually do; heart rate comes from Garmin's TrackPointExtension.
- **TCX** with the standard library's ``xml.etree``: TCX carries its totals in plain
  ``Lap`` elements, so no track maths is needed, and the parser reads the bytes of a
  ``.tcx.gz`` directly (``tcxreader`` only opens a path, so a gzipped file would need a
  temporary copy), with one dependency fewer.

Strava's ``activities.csv`` has changed its header several times (the header sets are in
``/work/shared/reference/activity_exports.md``; none is a published schema). Columns are
matched by what they mean, never by position: localized names are translated, HTML
wrappers seen in some 2022/23 exports are removed, and where a name is repeated the two
columns are told apart by their unit (the display distance in km or miles against the
distance in metres, found from the rows that hold both). Dates are read as UTC, as
geo-activity-playground does (inferred from one German row; Strava does not say).

In a Strava export the CSV is the summary Strava computed; an activity's own file is read
only to fill what its row leaves empty (older exports have no moving time or heart rate),
and otherwise only checked to exist.

Bad input is reported whole: every impossible value in the CSV with its row, field and
value, in one :class:`hipkit.errors.DataFileError`. An activity file that cannot be read
(or is missing) is named in a :class:`BrokenActivityFileWarning` (and in
``frame.attrs["problems"]``) while the rest load; ``strict=True`` raises instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import math
import re
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from hipkit.errors import DataFileError, Problem
from hipkit.settings import today as settings_today

#: Columns of the table :func:`read_activities` returns, in order.
COLUMNS = (
    "start", "type", "name", "moving_min", "elapsed_min", "distance_km",
    "avg_hr", "max_hr", "rpe", "source",
)
#: Activity types counted as running (Strava's English names; localized ones are mapped).
RUN_TYPES = ("Run", "Trail Run", "Virtual Run")
#: Extensions of the activity files read, each plain or gzipped.
FILE_KINDS = (".fit", ".gpx", ".tcx")
#: No GPS sports watch or app recorded before this year: an older date is a broken value.
EARLIEST_YEAR = 1990
#: Plausible bounds, to refuse overflowed or misplaced numbers rather than load them.
MAX_HOURS = 24 * 14  # a multi-day ultra fits; a wrapped timer value does not
MAX_KM = 5000.0
HEART_RATE_BPM = (20, 260)
RPE_RANGE = (0, 10)  # Strava's perceived exertion and Foster's CR-10 scale
_MILE_M = 1609.344

# Localized header names -> the English name of the same column. Only the columns the
# reader uses are listed; German from a real 92-column export, French from the first 21
# columns of a real export, Spanish from a test's five names (see the reference file).
_LOCALIZED = {
    # German
    "Aktivitäts-ID": "Activity ID", "Aktivitätsdatum": "Activity Date",
    "Name der Aktivität": "Activity Name", "Aktivitätsart": "Activity Type",
    "Verstrichene Zeit": "Elapsed Time", "Distanz": "Distance",
    "Max. Herzfrequenz": "Max Heart Rate", "Dateiname": "Filename",
    "Bewegungszeit": "Moving Time", "Durchschnittliche Herzfrequenz": "Average Heart Rate",
    "Gefühlte Anstrengung": "Perceived Exertion",
    # French
    "ID de l'activité": "Activity ID", "Date de l'activité": "Activity Date",
    "Nom de l'activité": "Activity Name", "Type d'activité": "Activity Type",
    "Temps écoulé": "Elapsed Time", "Fréquence cardiaque max.": "Max Heart Rate",
    "Nom du fichier": "Filename", "Durée de déplacement": "Moving Time",
    # Spanish
    "ID de actividad": "Activity ID", "Fecha de la actividad": "Activity Date",
    "Nombre de la actividad": "Activity Name", "Tipo de actividad": "Activity Type",
    "Nombre del archivo": "Filename",
    # Before mid-2019: lowercase names; the distance there is in metres.
    "id": "Activity ID", "date": "Activity Date", "name": "Activity Name",
    "type": "Activity Type", "elapsed_time": "Elapsed Time", "distance": "Distance (m)",
    "filename": "Filename",
}
# Localized activity types -> Strava's English type.
_TYPES = {
    "Lauf": "Run", "Radfahrt": "Ride", "Course à pied": "Run", "Vélo": "Ride",
    "Natation": "Swim", "Marche": "Walk", "Carrera": "Run",
}
# FIT sport, GPX <type> and TCX Sport values -> Strava's English type.
_FILE_TYPES = {
    "running": "Run", "cycling": "Ride", "swimming": "Swim", "walking": "Walk",
    "hiking": "Hike", "training": "Workout", "biking": "Ride", "run": "Run", "ride": "Ride",
    "trail_running": "Trail Run",
}
# FIT (sport, sub_sport) pairs whose Strava type is not the sport's own: a watch records a
# trail run as sport running, sub-sport trail (the SDK profile's ``sub_sport`` type).
_FIT_SUB_SPORT_TYPES = {
    ("running", "trail"): "Trail Run", ("running", "virtual_activity"): "Virtual Run",
    ("training", "strength_training"): "Weight Training",
}
#: The FIT profile's ``workout_rpe`` (session field 193) holds the CR-10 rating x10.
FIT_RPE_SCALE = 10
_MONTHS = {m: i for i, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}
# "Sep 12, 2018, 3:02:23 PM": unpadded day and hour, 12-hour clock. Parsed without
# strptime's %b, which follows the computer's locale.
_ENGLISH_DATE = re.compile(
    r"^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})Z?$")
_DAY_FIRST_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}),? (\d{1,2}):(\d{2}):(\d{2})$")
_TAG = re.compile(r"<[^>]*>")
# What an activity file can add to a CSV row, by the CSV column that would hold it. A
# file is decoded only for a value its export has no column for: Strava fills its CSV
# from the file, so an empty cell (no heart-rate strap) means the file has none either,
# and pure-Python FIT and GPX decoding costs tens of milliseconds per file, which over a
# few thousand activities would be minutes.
_FROM_FILES = {"moving_s": "Moving Time", "elapsed_s": "Elapsed Time",
               "distance_m": "Distance", "avg_hr": "Average Heart Rate",
               "max_hr": "Max Heart Rate"}
_TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


class BrokenActivityFileWarning(UserWarning):
    """An activity file could not be read; the other activities loaded."""


@dataclass
class _Activity:
    start: dt.datetime | None = None
    type: str | None = None
    name: str | None = None
    moving_s: float | None = None
    elapsed_s: float | None = None
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    rpe: float | None = None
    source: str = ""
    #: Where a problem with a value is reported: the CSV's name and row, or the file.
    origin: str = ""
    row: int | None = None


def read_activities(path: str | Path, *, strict: bool = False,
                    today: dt.date | None = None) -> pd.DataFrame:
    """Read runs and other activities into one table, one row per activity.

    Parameters
    ----------
    path : str or Path
        A Strava bulk export (the unzipped folder holding ``activities.csv``, or that
        file), a folder of activity files, or one ``.fit``, ``.gpx`` or ``.tcx`` file,
        each also as ``.gz``.
    strict : bool
        Raise on an activity file that cannot be read, instead of warning and loading
        the rest.
    today : datetime.date, optional
        Activities dated after this day are refused; by default today's date.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``start`` (UTC, datetime64), ``type`` (Strava's English
        activity type), ``name``, ``moving_min``, ``elapsed_min``, ``distance_km``,
        ``avg_hr``, ``max_hr`` (bpm), ``rpe`` (perceived exertion, 1-10) as Float64 with
        NA where the source does not say, and ``source`` (the file the row came from).
        Sorted by start. ``frame.attrs["problems"]`` lists the files that were skipped.

    Raises
    ------
    hipkit.errors.DataFileError
        With every problem in ``activities.csv`` (missing columns, unreadable dates,
        impossible numbers), or with the broken files when ``strict`` is set.

    Examples
    --------
    >>> from hipkit.activities import sample_runs_path
    >>> runs = read_activities(sample_runs_path())
    >>> runs.columns.tolist()[:4]
    ['start', 'type', 'name', 'moving_min']
    """
    path = Path(path)
    last_day = today or settings_today()
    file_problems: list[Problem] = []
    if path.is_dir() and (path / "activities.csv").exists():
        path = path / "activities.csv"
    if path.is_dir():
        activities = []
        for file in sorted(p for p in path.iterdir() if _kind(p)):
            activity = _read_file_safely(file, file.name, last_day, file_problems)
            if activity is not None:
                activities.append(activity)
    elif path.name.lower().endswith(".csv"):
        activities = _read_strava_csv(path, last_day, file_problems)
    elif _kind(path):
        activities = [_read_activity_file(path, path.name, last_day)]
    else:
        raise DataFileError([Problem(path.name, "file", "is not a .csv, .fit, .gpx or .tcx "
                                     "file (plain or .gz)", path.suffix)])
    if file_problems:
        if strict:
            raise DataFileError(file_problems)
        warnings.warn(str(DataFileError(file_problems)), BrokenActivityFileWarning,
                      stacklevel=2)
    frame = _to_frame(activities)
    frame.attrs["problems"] = file_problems
    return frame


def sample_runs_path() -> Path:
    """The fictional runner's Strava-style export shipped with hipkit (Sep-Oct 2025)."""
    from hipkit.library import data_root

    return data_root() / "sample_runs"


def runs_only(activities: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`read_activities` that are runs (:data:`RUN_TYPES`)."""
    return activities[activities["type"].isin(RUN_TYPES)].reset_index(drop=True)


# --- Strava's activities.csv -------------------------------------------------------------

def _read_strava_csv(path: Path, last_day: dt.date,
                     file_problems: list[Problem]) -> list[_Activity]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFileError([Problem(path.name, "file", "is not UTF-8 text, as Strava writes "
                                     f"it (byte {error.start})")]) from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise DataFileError([Problem(path.name, "header", "the file is empty")])
    header = [_english_name(name) for name in rows[0]]
    body = [(number, row) for number, row in enumerate(rows[1:], start=2)
            if any(cell.strip() for cell in row)]
    where = {name: [i for i, h in enumerate(header) if h == name] for name in set(header)}
    problems = [Problem(path.name, field, "column is missing")
                for field in ("Activity Date", "Activity Type") if field not in where]
    problems += [Problem(path.name, "row", f"has {len(row)} cells, the header has "
                         f"{len(header)}", row=number)
                 for number, row in body if len(row) != len(header)]
    if problems:
        raise DataFileError(problems)
    distance = _distance_columns(path.name, header, body, where, problems)
    only_in_files = [field for field, column in _FROM_FILES.items() if column not in where]
    activities = []
    for number, row in body:
        def cells(name: str, row=row) -> list[str]:
            return [row[i].strip() for i in where.get(name, [])]

        def number_of(name: str, row=row, number=number) -> float | None:
            return _agreeing(path.name, name, [_number(path.name, name, c, number, problems)
                                               for c in cells(name)], number, problems)

        activity = _Activity(source=path.name, origin=path.name, row=number)
        activity.start = _strava_date(path.name, cells("Activity Date")[0], number, problems)
        activity.type = _TYPES.get(cells("Activity Type")[0], cells("Activity Type")[0])
        activity.name = (cells("Activity Name") or [None])[0] or None
        activity.elapsed_s = number_of("Elapsed Time")
        activity.moving_s = number_of("Moving Time")
        activity.max_hr = number_of("Max Heart Rate")
        activity.avg_hr = number_of("Average Heart Rate")
        activity.rpe = number_of("Perceived Exertion")
        activity.distance_m = distance(row, number)
        filename = (cells("Filename") or [""])[0]
        if filename:
            activity.source = filename
            file = path.parent / filename
            if any(getattr(activity, field) is None for field in only_in_files):
                _fill_from_file(activity, file, filename, last_day, file_problems)
            elif not file.is_file():
                file_problems.append(Problem(path.name, "Filename", "names a file that is "
                                             "not in the export", filename, number))
        problems.extend(_check_values(activity, last_day))
        activities.append(activity)
    if problems:
        raise DataFileError(problems)
    return activities


def _english_name(name: str) -> str:
    name = _TAG.sub("", name).strip()
    return _LOCALIZED.get(name, name)


def _distance_columns(file, header, body, where, problems):
    """A function giving a row's distance in metres, whichever distance columns exist.

    Strava's long exports hold the distance twice: once in the athlete's display unit
    (km or miles, two decimals, a decimal comma in German exports) and once in metres.
    The metres column is recognised by its values, about 1000 (km) or 1609 (miles) times
    the display ones in the rows that have both, so neither the order of the columns nor
    the athlete's unit is assumed.
    """
    metres_columns = list(where.get("Distance (m)", []))
    display_columns = list(where.get("Distance", []))
    display_unit_m = 1000.0  # the 10-column 2019 export gives km (reference, 1.2 b)
    if len(display_columns) == 2:
        first, second = display_columns
        ratios = [b / a for a, b in (
            (_plain_float(row[first]), _plain_float(row[second])) for _, row in body)
            if a and b and a > 0.05 and b > 0]
        if ratios:
            median = float(np.median(ratios))
            if median < 1:  # the metres column came first
                first, second, median = second, first, 1 / float(np.median(
                    [1 / r for r in ratios]))
            metres_columns.append(second)
            display_columns = [first]
            display_unit_m = _MILE_M if abs(median - _MILE_M) < abs(median - 1000) else 1000.0
        else:
            display_unit_m = None  # no row says which column is which

    def distance(row, number):
        for i in metres_columns:
            value = _number(file, header[i], row[i].strip(), number, problems)
            if value is not None:
                return value
        for i in display_columns:
            value = _number(file, header[i], row[i].strip(), number, problems)
            if value is None:
                continue
            if display_unit_m is None:
                problems.append(Problem(file, "Distance", "no row has both distance columns, "
                                        "so their units are unknown", row[i], number))
                return None
            return value * display_unit_m
        return None

    return distance


def _plain_float(cell: str) -> float | None:
    try:
        value = float(cell.replace(",", ".")) if re.fullmatch(r"\d+,\d+", cell.strip()) \
            else float(cell)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _number(file, field, cell, row, problems) -> float | None:
    if cell == "":
        return None
    value = _plain_float(cell)
    if value is None:
        problems.append(Problem(file, field, "is not a finite number", cell, row))
    return value


def _agreeing(file, field, values, row, problems) -> float | None:
    """The value of a column Strava repeats; both copies must say the same."""
    present = [v for v in values if v is not None]
    if present and max(present) - min(present) > 1:
        problems.append(Problem(file, field, "its two columns disagree", present, row))
    return present[-1] if present else None


def _strava_date(file, cell, row, problems) -> dt.datetime | None:
    try:
        if match := _ENGLISH_DATE.match(cell):
            month, day, year, hour, minute, second, half = match.groups()
            hour = int(hour) % 12 + (12 if half == "PM" else 0)
            return dt.datetime(int(year), _MONTHS[month], int(day), hour, int(minute),
                               int(second))
        if match := _ISO_DATE.match(cell):
            return dt.datetime(*map(int, match.groups()))
        if match := _DAY_FIRST_DATE.match(cell):
            day, month, year, *clock = map(int, match.groups())
            return dt.datetime(year, month, day, *clock)
    except (KeyError, ValueError):
        pass
    problems.append(Problem(file, "Activity Date", "is not a date like 'Sep 12, 2018, "
                            "3:02:23 PM', '2018-09-12 15:02:23' or '12.09.2018, 15:02:23'",
                            cell, row))
    return None


# --- single activity files ---------------------------------------------------------------

def _kind(path: Path) -> str | None:
    name = path.name.lower().removesuffix(".gz")
    return next((kind for kind in FILE_KINDS if name.endswith(kind)), None)


def _read_file_safely(path, label, last_day, file_problems) -> _Activity | None:
    try:
        return _read_activity_file(path, label, last_day)
    except DataFileError as error:
        file_problems.extend(error.problems)
    except OSError as error:
        file_problems.append(Problem(label, "file", f"cannot be read: {error.strerror}"))
    return None


def _fill_from_file(activity, path, label, last_day, file_problems) -> None:
    """Fill what the CSV row leaves empty from the activity's own file."""
    found = _read_file_safely(path, label, last_day, file_problems)
    if found is None:
        return
    for field in (*_FROM_FILES, "rpe"):
        if getattr(activity, field) is None:
            setattr(activity, field, getattr(found, field))


def _read_activity_file(path: Path, label: str, last_day: dt.date) -> _Activity:
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise DataFileError([Problem(label, "file", f"is not a readable gzip file "
                                         f"({error})")]) from None
    kind = _kind(path)
    reader = {".fit": _read_fit, ".gpx": _read_gpx, ".tcx": _read_tcx}[kind]
    activity = reader(data, label)
    activity.source = activity.origin = label
    problems = _check_values(activity, last_day)
    if problems:
        raise DataFileError(problems)
    return activity


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


def _read_gpx(data: bytes, label: str) -> _Activity:
    import gpxpy
    import gpxpy.gpx

    try:
        gpx = gpxpy.parse(data.decode("utf-8-sig"))
    except (gpxpy.gpx.GPXException, UnicodeDecodeError, ValueError) as error:
        raise DataFileError([Problem(label, "file", f"is not a readable GPX file "
                                     f"({error})")]) from None
    bounds = gpx.get_time_bounds()
    if not gpx.tracks or bounds.start_time is None:
        raise DataFileError([Problem(label, "trk", "the GPX file holds no timed track "
                                     "points")])
    heart_rates = [float(child.text) for track in gpx.tracks for segment in track.segments
                   for point in segment.points for extension in point.extensions
                   for child in extension.iter() if child.tag.endswith("}hr")]
    moving = gpx.get_moving_data()
    kind = gpx.tracks[0].type
    return _Activity(
        start=_utc_naive(bounds.start_time), type=_FILE_TYPES.get((kind or "").lower(), kind),
        name=gpx.tracks[0].name,
        moving_s=moving.moving_time if moving else None,
        elapsed_s=(bounds.end_time - bounds.start_time).total_seconds(),
        distance_m=gpx.length_2d(),
        avg_hr=float(np.mean(heart_rates)) if heart_rates else None,
        max_hr=max(heart_rates) if heart_rates else None,
    )


def _read_tcx(data: bytes, label: str) -> _Activity:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise DataFileError([Problem(label, "file", f"is not readable TCX (XML) "
                                     f"({error})")]) from None
    activity = root.find(f"{_TCX}Activities/{_TCX}Activity")
    laps = activity.findall(f"{_TCX}Lap") if activity is not None else []
    if not laps:
        raise DataFileError([Problem(label, "Activity", "the TCX file holds no activity "
                                     "with laps")])
    problems: list[Problem] = []

    def lap_number(lap, tag, record):
        text = lap.findtext(tag)
        if text is None:
            return None
        value = _plain_float(text.strip())
        if value is None:
            problems.append(Problem(label, tag.replace(_TCX, ""), "is not a finite number",
                                    text, record))
        return value

    seconds, metres, hr_weighted, hr_max = [], [], [], []
    for record, lap in enumerate(laps, start=1):
        lap_s = lap_number(lap, f"{_TCX}TotalTimeSeconds", record)
        seconds.append(lap_s)
        metres.append(lap_number(lap, f"{_TCX}DistanceMeters", record))
        average = lap_number(lap, f"{_TCX}AverageHeartRateBpm/{_TCX}Value", record)
        if average is not None and lap_s:
            hr_weighted.append((average, lap_s))
        top = lap_number(lap, f"{_TCX}MaximumHeartRateBpm/{_TCX}Value", record)
        if top is not None:
            hr_max.append(top)
    start_text = activity.findtext(f"{_TCX}Id") or laps[0].get("StartTime", "")
    start = _iso_time(start_text)
    if start is None:
        problems.append(Problem(label, "Id", "is not an ISO date and time", start_text))
    times = [_iso_time(t.text or "") for t in activity.iter(f"{_TCX}Time")]
    times = [t for t in times if t is not None]
    if problems:
        raise DataFileError(problems)
    timer_s = sum(s for s in seconds if s is not None) if any(seconds) else None
    elapsed = (max(times) - min(times)).total_seconds() if len(times) > 1 else timer_s
    sport = activity.get("Sport", "")
    return _Activity(
        start=start, type=_FILE_TYPES.get(sport.lower(), sport or None),
        moving_s=timer_s, elapsed_s=max(elapsed, timer_s or 0),
        distance_m=sum(m for m in metres if m is not None) if any(
            m is not None for m in metres) else None,
        avg_hr=(sum(h * s for h, s in hr_weighted) / sum(s for _, s in hr_weighted)
                if hr_weighted else None),
        max_hr=max(hr_max) if hr_max else None,
    )


def _iso_time(text: str) -> dt.datetime | None:
    try:
        return _utc_naive(dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


def _utc_naive(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None)


# --- checks and the table ----------------------------------------------------------------

def _check_values(activity: _Activity, last_day: dt.date) -> list[Problem]:
    file, row = activity.origin, activity.row
    problems = []

    def bad(field, message, value):
        problems.append(Problem(file, field, message, value, row))

    if activity.start is not None and not (
            EARLIEST_YEAR <= activity.start.year and activity.start.date() <= last_day):
        bad("start", f"must fall between {EARLIEST_YEAR} and today ({last_day})",
            str(activity.start))
    for field, limit in (("elapsed_s", MAX_HOURS * 3600), ("moving_s", MAX_HOURS * 3600)):
        value = getattr(activity, field)
        if value is not None and not 0 <= value <= limit:
            bad(field.replace("_s", " time (s)"), f"must be 0 to {limit} seconds", value)
    if activity.distance_m is not None and not 0 <= activity.distance_m <= MAX_KM * 1000:
        bad("distance (m)", f"must be 0 to {MAX_KM * 1000:.0f} metres", activity.distance_m)
    for field in ("avg_hr", "max_hr"):
        value = getattr(activity, field)
        if value is not None and not HEART_RATE_BPM[0] <= value <= HEART_RATE_BPM[1]:
            bad(field, f"must be a heart rate of {HEART_RATE_BPM[0]} to "
                f"{HEART_RATE_BPM[1]} bpm", value)
    if activity.rpe is not None and not RPE_RANGE[0] <= activity.rpe <= RPE_RANGE[1]:
        bad("rpe", f"must be an exertion from {RPE_RANGE[0]} to {RPE_RANGE[1]}", activity.rpe)
    return problems


def _to_frame(activities: list[_Activity]) -> pd.DataFrame:
    def floats(values, scale=1.0):
        return pd.array([None if v is None else float(v) / scale for v in values],
                        dtype="Float64")

    frame = pd.DataFrame({
        "start": pd.to_datetime(pd.Series([a.start for a in activities], dtype=object),
                                ).astype("datetime64[us]") if activities
        else pd.Series([], dtype="datetime64[us]"),
        "type": pd.array([a.type for a in activities], dtype="string"),
        "name": pd.array([a.name for a in activities], dtype="string"),
        "moving_min": floats([a.moving_s for a in activities], 60),
        "elapsed_min": floats([a.elapsed_s for a in activities], 60),
        "distance_km": floats([a.distance_m for a in activities], 1000),
        "avg_hr": floats([a.avg_hr for a in activities]),
        "max_hr": floats([a.max_hr for a in activities]),
        "rpe": floats([a.rpe for a in activities]),
        "source": pd.array([a.source for a in activities], dtype="string"),
    }, columns=list(COLUMNS))
    return frame.sort_values("start", kind="stable").reset_index(drop=True)
