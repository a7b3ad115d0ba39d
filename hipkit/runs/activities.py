"""Read a runner's runs: a Strava bulk export folder, or single FIT, GPX and TCX files.

:func:`read_activities` gives one tidy table, one row per activity, whatever the source.
Which library reads what, and why (see also the README, "Your runs beside your hip work"):

- **FIT** with Garmin's own ``garmin-fit-sdk``: the official decoder, released with every
  FIT profile, and the same package writes hipkit's strength sessions
  (:mod:`hipkit.runs.fit_export`). Its CRC check names a damaged file instead of guessing.
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

An activity that arrives twice (two files, or two rows) is counted once and named in a
:class:`RepeatedActivityWarning`. Files are opened only inside the export and within
size limits (:mod:`hipkit.runs.bounded_files`), decoded across the cores and remembered while
unchanged (:mod:`hipkit.runs.decode_pool`, :mod:`hipkit.runs.activity_cache`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from hipkit.errors import DataFileError, Problem, Problems
from hipkit.runs.bounded_files import MAX_FILE_BYTES, inside_export, open_capped, stays_inside
from hipkit.runs.decode_pool import decode_all
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
#: The most FIT data read from one file: its decoder holds about 20 times the file in
#: memory, and a watch recording every second writes about 1.5 MB a day.
MAX_FIT_BYTES = 16 * 2**20
#: Two records of one activity: starts at most this far apart, the same type, distances
#: at most this share apart (both missing also agrees).
SAME_START_S = 60
SAME_DISTANCE_SHARE = 0.01
#: Men's world records on foot (distance in m, seconds), World Athletics as listed in
#: data/sources.csv (``world_records``): no walk or run averages faster than the record
#: of the longest of these distances it covers (the 100 m record below 100 m).
WORLD_RECORDS_M_S = ((100, 9.58), (1500, 206.00), (5000, 755.36), (10000, 1571.00),
                     (42195, 7235.0))
#: Types held to the world records: on foot.
ON_FOOT = (*RUN_TYPES, "Walk", "Hike")
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


class RepeatedActivityWarning(UserWarning):
    """Some activities arrived twice; each is counted once (see ``attrs["repeats"]``)."""


@dataclass(frozen=True)
class Repeat:
    """An activity that arrived twice: the record kept, the one left out, and why."""

    kept: str
    dropped: str
    reason: str

    def __str__(self) -> str:
        return f"{self.dropped} is the same activity as {self.kept} ({self.reason}): kept once"


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

    def where(self) -> str:
        """The record as the runner finds it: a file, or a CSV row and its file."""
        if self.row is None:
            return self.origin
        shown = f"{self.origin}, row {self.row}"
        return shown if self.source == self.origin else f"{shown} ({self.source})"


#: The fields a decoded file gives, as the cache and the worker processes carry them.
_DECODED = ("start", "type", "name", "moving_s", "elapsed_s", "distance_m", "avg_hr",
            "max_hr", "rpe")


def read_activities(path: str | Path, *, strict: bool = False,
                    today: dt.date | None = None, workers: int | None = None,
                    cache: bool = True, progress: bool | None = None) -> pd.DataFrame:
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
    workers : int, optional
        Processes that decode activity files; by default one per core (``1``: none).
    cache : bool
        Keep each decoded file's summary in the runner's hipkit folder and reuse it while
        the file is unchanged (:mod:`hipkit.runs.activity_cache`), so importing the same
        export again decodes only new or changed files.
    progress : bool, optional
        Show a progress bar while decoding; by default when more than a few files are.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``start`` (UTC, datetime64), ``type`` (Strava's English
        activity type), ``name``, ``moving_min``, ``elapsed_min``, ``distance_km``,
        ``avg_hr``, ``max_hr`` (bpm), ``rpe`` (perceived exertion, 1-10) as Float64 with
        NA where the source does not say, and ``source`` (the file the row came from).
        Sorted by start. ``frame.attrs["problems"]`` lists the files that were skipped,
        ``frame.attrs["repeats"]`` the activities that arrived twice and were counted
        once (:class:`Repeat`).

    Raises
    ------
    hipkit.errors.DataFileError
        With every problem in ``activities.csv`` (missing columns, unreadable dates,
        impossible numbers), or with the broken files when ``strict`` is set.

    Examples
    --------
    >>> from hipkit.runs.activities import sample_runs_path
    >>> runs = read_activities(sample_runs_path())
    >>> runs.columns.tolist()[:4]
    ['start', 'type', 'name', 'moving_min']
    """
    path = Path(path)
    last_day = today or settings_today()
    decoding = {"workers": workers, "cache": cache, "progress": progress}
    file_problems = Problems()
    repeats: list[Repeat] = []
    if path.is_dir() and (path / "activities.csv").exists():
        path = path / "activities.csv"
    if path.is_dir():
        activities = _read_folder(path, last_day, file_problems, decoding)
    elif path.name.lower().endswith(".csv"):
        activities = _read_strava_csv(path, last_day, file_problems, repeats, decoding)
    elif _kind(path):
        activities = [_read_activity_file(path, path.name, last_day)]
    else:
        raise DataFileError([Problem(path.name, "file", "is not a .csv, .fit, .gpx or .tcx "
                                     "file (plain or .gz)", path.suffix)])
    if file_problems:
        if strict:
            file_problems.raise_if_any()
        warnings.warn(str(file_problems), BrokenActivityFileWarning, stacklevel=2)
    activities = _count_once(activities, repeats)
    if repeats:
        warnings.warn(_repeats_message(repeats), RepeatedActivityWarning, stacklevel=2)
    frame = _to_frame(activities)
    frame.attrs["problems"] = list(file_problems)
    frame.attrs["repeats"] = repeats
    return frame


def sample_runs_path() -> Path:
    """The fictional runner's Strava-style export shipped with hipkit (Sep-Oct 2025)."""
    from hipkit.exercises.data_files import data_root

    return data_root() / "sample_runs"


def runs_only(activities: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`read_activities` that are runs (:data:`RUN_TYPES`)."""
    return activities[activities["type"].isin(RUN_TYPES)].reset_index(drop=True)


# --- Strava's activities.csv -------------------------------------------------------------

def _read_strava_csv(path: Path, last_day: dt.date, file_problems: Problems,
                     repeats: list[Repeat], decoding: dict) -> list[_Activity]:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DataFileError([Problem(path.name, "file", f"is larger than the "
                                     f"{MAX_FILE_BYTES // 2**20} MB hipkit reads")])
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
    problems = Problems(Problem(path.name, field, "column is missing")
                        for field in ("Activity Date", "Activity Type") if field not in where)
    problems.extend(Problem(path.name, "row", f"has {len(row)} cells, the header has "
                            f"{len(header)}", row=number)
                    for number, row in body if len(row) != len(header))
    problems.raise_if_any()
    distance = _distance_columns(path.name, header, body, where, problems)
    only_in_files = [field for field, column in _FROM_FILES.items() if column not in where]
    activities = []
    first_row_of_id: dict[str, int] = {}
    # Per row with a file: its activity and either the index of its decoding job or
    # the problem found without decoding, so problems keep the order of the rows.
    with_files: list[tuple[_Activity, int | Problem | None]] = []
    jobs: list[tuple[Path, str]] = []
    for number, row in body:
        def cells(name: str, row=row) -> list[str]:
            return [row[i].strip() for i in where.get(name, [])]

        def number_of(name: str, row=row, number=number) -> float | None:
            return _agreeing(path.name, name, [_number(path.name, name, c, number, problems)
                                               for c in cells(name)], number, problems)

        activity_id = (cells("Activity ID") or [""])[0]
        if activity_id and activity_id in first_row_of_id:
            repeats.append(Repeat(f"{path.name}, row {first_row_of_id[activity_id]}",
                                  f"{path.name}, row {number}",
                                  f"the same Activity ID {activity_id}"))
            continue
        if activity_id:
            first_row_of_id[activity_id] = number
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
        activities.append(activity)
        filename = (cells("Filename") or [""])[0]
        if not filename:
            continue
        activity.source = filename
        file = inside_export(path.parent, filename)
        if file is None:
            with_files.append((activity, Problem(
                path.name, "Filename", "leaves the export folder (an absolute path, '..' or "
                "a link to elsewhere), so it is not read", filename, number)))
        elif any(getattr(activity, field) is None for field in only_in_files):
            with_files.append((activity, len(jobs)))
            jobs.append((file, filename))
        elif not file.is_file():
            with_files.append((activity, Problem(path.name, "Filename", "names a file that is "
                                                 "not in the export", filename, number)))
    summaries = _decode_files(jobs, decoding)
    for activity, outcome in with_files:
        if isinstance(outcome, Problem):
            file_problems.extend([outcome])
            continue
        found = _checked(summaries[outcome], jobs[outcome][1], last_day, file_problems)
        if found is not None:
            # Fill what the CSV row leaves empty from the activity's own file.
            for field in (*_FROM_FILES, "rpe"):
                if getattr(activity, field) is None:
                    setattr(activity, field, getattr(found, field))
    unreadable_rows = {problem.row for problem in problems}
    for activity in activities:
        # A row with an unreadable cell is not checked as a whole: its gap is not news.
        problems.extend(_check_values(activity, last_day,
                                      together=activity.row not in unreadable_rows))
    problems.raise_if_any(key=lambda problem: problem.row or 0)
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
                problems.add(file, "Distance", "no row has both distance columns, "
                             "so their units are unknown", row[i], number)
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
        problems.add(file, field, "is not a finite number", cell, row)
    return value


def _agreeing(file, field, values, row, problems) -> float | None:
    """The value of a column Strava repeats; both copies must say the same."""
    present = [v for v in values if v is not None]
    if present and max(present) - min(present) > 1:
        problems.add(file, field, "its two columns disagree", present, row)
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
    problems.add(file, "Activity Date", "is not a date like 'Sep 12, 2018, "
                 "3:02:23 PM', '2018-09-12 15:02:23' or '12.09.2018, 15:02:23'",
                 cell, row)
    return None


# --- single activity files ---------------------------------------------------------------

def _kind(path: Path) -> str | None:
    name = path.name.lower().removesuffix(".gz")
    return next((kind for kind in FILE_KINDS if name.endswith(kind)), None)


def _read_folder(folder: Path, last_day: dt.date, file_problems: Problems,
                 decoding: dict) -> list[_Activity]:
    """Every activity file in ``folder``; a link leading out of the folder is refused."""
    files = sorted(p for p in folder.iterdir() if _kind(p))
    jobs = [(file, file.name) for file in files if stays_inside(folder, file)]
    summaries = iter(_decode_files(jobs, decoding))
    activities = []
    for file in files:
        if not stays_inside(folder, file):
            file_problems.add(file.name, "file", "is a link to a file outside the "
                              "folder, so it is not read")
            continue
        activity = _checked(next(summaries), file.name, last_day, file_problems)
        if activity is not None:
            activities.append(activity)
    return activities


def _read_activity_file(path: Path, label: str, last_day: dt.date) -> _Activity:
    """One file the user named: any problem is raised."""
    problems = Problems()
    activity = _checked(_decode_summary(str(path), label), label, last_day, problems)
    problems.raise_if_any()
    return activity


def _decode_files(jobs: list[tuple[Path, str]], decoding: dict) -> list[dict]:
    return decode_all(jobs, _decode_summary, **decoding)


def _decode_summary(path: str, label: str) -> dict:
    """What one file holds, as JSON-ready data for the cache and the worker processes.

    ``{"activity": {...}}`` or ``{"problems": [[field, message, value, row], ...]}``;
    a file that could not be opened is marked not to be cached.
    """
    file = Path(path)
    if _kind(file) is None:
        return {"problems": [["file", "is not a .fit, .gpx or .tcx file (plain or .gz)",
                              file.name, None]]}
    try:
        if _kind(file) == ".fit":
            # The FIT decoder needs the whole file, and holds about 20 times its size.
            with open_capped(file, label, MAX_FIT_BYTES) as stream:
                activity = _read_fit(stream.read_all(), label)
        else:
            reader = {".gpx": _read_gpx, ".tcx": _read_tcx}[_kind(file)]
            with open_capped(file, label) as stream:
                activity = reader(stream, label)
    except DataFileError as error:
        return {"problems": [[p.field, p.message, p.value, p.row] for p in error.problems]}
    except OSError as error:
        return {"problems": [["file", f"cannot be read: {error.strerror}", None, None]],
                "cache": False}
    fields = {name: getattr(activity, name) for name in _DECODED}
    fields["start"] = activity.start.isoformat() if activity.start else None
    return {"activity": fields}


def _checked(summary: dict, label: str, last_day: dt.date,
             file_problems: Problems) -> _Activity | None:
    """The activity a summary describes, if its values are possible; else its problems."""
    if "problems" in summary:
        file_problems.extend(Problem(label, field, message, value, row)
                             for field, message, value, row in summary["problems"])
        return None
    fields = dict(summary["activity"])
    if fields["start"] is not None:
        fields["start"] = dt.datetime.fromisoformat(fields["start"])
    activity = _Activity(**fields, source=label, origin=label)
    problems = _check_values(activity, last_day)
    file_problems.extend(problems)
    return None if problems else activity


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


def _elements(stream, label: str, unreadable: str, root: str):
    """``(parent, element)`` as each element ends, read from ``stream`` a chunk at a time.

    Whoever iterates removes what it has read from ``parent``, so a file of any length
    is parsed in the memory of one track point, never held whole.
    """
    stack: list[ET.Element] = []
    try:
        for event, element in ET.iterparse(stream, events=("start", "end")):
            if event == "start":
                if not stack and element.tag.rpartition("}")[2] != root:
                    raise DataFileError([Problem(label, "file", f"{unreadable} (its root "
                                                 f"element is not <{root}>)")])
                stack.append(element)
                continue
            stack.pop()
            yield (stack[-1] if stack else None), element
    except ET.ParseError as error:
        raise DataFileError([Problem(label, "file", f"{unreadable} ({error})")]) from None


def _read_gpx(stream, label: str) -> _Activity:
    """Start, type, moving and elapsed time, length and heart rate of a GPX track.

    Streamed with ``xml.etree.ElementTree.iterparse``; the measures are gpxpy's own
    (``length_2d``, ``get_moving_data`` with its 1 km/h stopped threshold,
    ``get_time_bounds``), computed point by point with its distance function.
    """
    from gpxpy.geo import distance
    from gpxpy.gpx import DEFAULT_STOPPED_SPEED_THRESHOLD, GPXException
    from gpxpy.gpxfield import parse_time

    tracks, name, kind = 0, None, None
    start = end = previous = None
    length = moving_s = 0.0
    heart_count, heart_sum, heart_max = 0, 0.0, None
    for parent, element in _elements(stream, label, "is not a readable GPX file", "gpx"):
        tag = element.tag.rpartition("}")[2]
        parent_tag = parent.tag.rpartition("}")[2] if parent is not None else ""
        if tag == "trkpt" and parent_tag == "trkseg":
            try:
                lat, lon = float(element.get("lat")), float(element.get("lon"))
                elevation = time = None
                for child in element:
                    child_tag = child.tag.rpartition("}")[2]
                    if child_tag == "ele" and child.text:
                        elevation = float(child.text)
                    elif child_tag == "time":
                        time = parse_time((child.text or "").strip())
                heart = [float(h.text) for h in element.iter() if h.tag.endswith("}hr")]
            except (TypeError, ValueError, GPXException) as error:
                raise DataFileError([Problem(label, "trkpt", "is not a readable GPX track "
                                             f"point ({error})")]) from None
            time = _utc_naive(time) if time else None
            if previous is not None:
                p_lat, p_lon, p_elevation, p_time = previous
                step = distance(lat, lon, None, p_lat, p_lon, None)
                length += step or 0.0
                if time and p_time:
                    seconds = (time - p_time).total_seconds()
                    if elevation and p_elevation:
                        step = distance(lat, lon, elevation, p_lat, p_lon, p_elevation)
                    if seconds > 0 and step and (
                            step / 1000 / (seconds / 3600) > DEFAULT_STOPPED_SPEED_THRESHOLD):
                        moving_s += seconds
            previous = (lat, lon, elevation, time)
            if time:
                start, end = start or time, time
            for value in heart:
                heart_count, heart_sum = heart_count + 1, heart_sum + value
                heart_max = value if heart_max is None else max(heart_max, value)
            parent.remove(element)
        elif tag == "trkseg":
            previous = None
        elif tag in ("name", "type") and parent_tag == "trk" and tracks == 0:
            if tag == "name":
                name = element.text
            else:
                kind = element.text
        elif tag == "trk" and parent is not None:
            tracks += 1
            parent.remove(element)
    if not tracks or start is None:
        raise DataFileError([Problem(label, "trk", "the GPX file holds no timed track "
                                     "points")])
    return _Activity(
        start=start, type=_FILE_TYPES.get((kind or "").lower(), kind), name=name,
        moving_s=moving_s, elapsed_s=(end - start).total_seconds(), distance_m=length,
        avg_hr=heart_sum / heart_count if heart_count else None, max_hr=heart_max,
    )


def _read_tcx(stream, label: str) -> _Activity:
    """Totals of a TCX activity's laps, streamed as for GPX."""
    problems = Problems()

    def lap_number(lap, tag, record):
        text = lap.findtext(tag)
        if text is None:
            return None
        value = _plain_float(text.strip())
        if value is None:
            problems.add(label, tag.replace(_TCX, ""), "is not a finite number",
                         text, record)
        return value

    activities, sport, start_text, first_lap_start = 0, "", None, None
    seconds, metres, hr_weighted, hr_max, times = [], [], [], [], []
    for parent, element in _elements(stream, label, "is not readable TCX (XML)",
                                       "TrainingCenterDatabase"):
        parent_tag = parent.tag if parent is not None else ""
        if element.tag == f"{_TCX}Activity" and parent_tag == f"{_TCX}Activities":
            activities += 1
            if activities == 1:
                sport = element.get("Sport", "")
            parent.remove(element)
        elif activities:
            # Only the first activity is read; the rest is dropped as it is parsed.
            if element.tag in (f"{_TCX}Trackpoint", f"{_TCX}Lap"):
                parent.remove(element)
        elif element.tag == f"{_TCX}Time":
            moment = _iso_time(element.text or "")
            if moment is not None:
                times.append(moment)
        elif element.tag == f"{_TCX}Trackpoint":
            parent.remove(element)
        elif element.tag == f"{_TCX}Id" and parent_tag == f"{_TCX}Activity":
            start_text = element.text
        elif element.tag == f"{_TCX}Lap" and parent_tag == f"{_TCX}Activity":
            record = len(seconds) + 1
            if record == 1:
                first_lap_start = element.get("StartTime", "")
            lap_s = lap_number(element, f"{_TCX}TotalTimeSeconds", record)
            seconds.append(lap_s)
            metres.append(lap_number(element, f"{_TCX}DistanceMeters", record))
            average = lap_number(element, f"{_TCX}AverageHeartRateBpm/{_TCX}Value", record)
            if average is not None and lap_s:
                hr_weighted.append((average, lap_s))
            top = lap_number(element, f"{_TCX}MaximumHeartRateBpm/{_TCX}Value", record)
            if top is not None:
                hr_max.append(top)
            parent.remove(element)
    if not seconds:
        raise DataFileError([Problem(label, "Activity", "the TCX file holds no activity "
                                     "with laps")])
    start_text = start_text or first_lap_start or ""
    start = _iso_time(start_text)
    if start is None:
        problems.add(label, "Id", "is not an ISO date and time", start_text)
    problems.raise_if_any()
    timer_s = sum(s for s in seconds if s is not None) if any(seconds) else None
    elapsed = (max(times) - min(times)).total_seconds() if len(times) > 1 else timer_s
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

def _check_values(activity: _Activity, last_day: dt.date, *,
                  together: bool = True) -> Problems:
    file, row = activity.origin, activity.row
    problems = Problems()

    def bad(field, message, value):
        problems.add(file, field, message, value, row)

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
    if problems or not together:
        return problems
    # The values together: each may be possible alone and impossible with the others.
    seconds = max((t for t in (activity.elapsed_s, activity.moving_s) if t), default=None)
    metres = activity.distance_m
    if metres and seconds is None:
        bad("elapsed time (s)", f"is {'missing' if activity.elapsed_s is None else 0} for "
            f"a distance of {metres:.0f} m: covering a distance takes time",
            activity.elapsed_s)
    elif metres and activity.type in ON_FOOT:
        record_m, record_s = next(
            (d, t) for d, t in reversed(WORLD_RECORDS_M_S) if d <= max(metres, 100))
        if metres / seconds > record_m / record_s:
            bad("distance (m)", f"in {seconds:.0f} s is {metres / seconds:.2f} m/s, faster "
                f"than the {record_m} m world record ({record_m / record_s:.2f} m/s)", metres)
    return problems


def _count_once(activities: list[_Activity], repeats: list[Repeat]) -> list[_Activity]:
    """The activities with every one that arrived twice kept once, the rest in ``repeats``.

    Two records are the same activity when they start within :data:`SAME_START_S` of
    each other, have the same type, and distances within :data:`SAME_DISTANCE_SHARE`
    (or both none). Of each set one record is kept: from a FIT file (the watch's own
    totals) before TCX, GPX and a CSV row without a file; then the one with the most
    values, the shorter name (``run.fit`` before ``run (1).fit``), the first read.
    """
    order = sorted((i for i, a in enumerate(activities) if a.start is not None),
                   key=lambda i: activities[i].start)
    group_of: dict[int, int] = {}
    for position, i in enumerate(order):
        mine = activities[i]
        for j in reversed(order[:position]):
            other = activities[j]
            if (mine.start - other.start).total_seconds() > SAME_START_S:
                break
            if other.type == mine.type and _same_distance(other.distance_m, mine.distance_m):
                group_of[i] = group_of.get(j, j)
                break
    if not group_of:
        return activities
    groups: dict[int, list[int]] = {}
    for i, first in group_of.items():
        groups.setdefault(first, [first]).append(i)
    dropped = set()
    for members in sorted(groups.values(), key=min):
        best = min(members, key=lambda i: _preference(activities[i], i))
        for i in sorted(members):
            if i != best:
                dropped.add(i)
                repeats.append(Repeat(activities[best].where(), activities[i].where(),
                                      "starts within a minute, same type and distance"))
    return [a for i, a in enumerate(activities) if i not in dropped]


def _same_distance(first: float | None, second: float | None) -> bool:
    if first is None or second is None:
        return first is None and second is None
    return abs(first - second) <= SAME_DISTANCE_SHARE * max(first, second)


def _preference(activity: _Activity, index: int) -> tuple:
    values = sum(getattr(activity, f) is not None for f in _DECODED)
    kind = _kind(Path(activity.source))
    return ((".fit", ".tcx", ".gpx", None).index(kind), -values, len(activity.source), index)


def _repeats_message(repeats: list[Repeat]) -> str:
    count = len(repeats)
    lines = [f"{count} record{'s' if count != 1 else ''} repeated an activity already "
             "read, so each activity is counted once:"]
    return "\n".join([*lines, *(f"- {repeat}" for repeat in repeats)])


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
