"""Read Strava's ``activities.csv``: columns by meaning, dates, the two distance columns.

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
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import numpy as np

from hipkit.errors import DataFileError, Problem, Problems
from hipkit.runs.activity_checks import Repeat, _check_values
from hipkit.runs.activity_decoding import _checked, _decode_files
from hipkit.runs.activity_record import _Activity, _plain_float
from hipkit.runs.bounded_files import MAX_FILE_BYTES, inside_export

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
