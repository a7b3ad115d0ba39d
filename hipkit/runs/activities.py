"""Read a runner's runs: a Strava bulk export folder, or single FIT, GPX and TCX files.

:func:`read_activities` gives one tidy table, one row per activity, whatever the source.
Which library reads what, and why (see also the README, "Your runs beside your hip work"):
FIT with Garmin's own ``garmin-fit-sdk`` (:mod:`hipkit.runs.fit_reader`), GPX with
``gpxpy`` and TCX with the standard library's ``xml.etree``
(:mod:`hipkit.runs.track_readers`); Strava's ``activities.csv`` is matched by what its
columns mean (:mod:`hipkit.runs.strava_csv`).

Bad input is reported whole: every impossible value in the CSV with its row, field and
value, in one :class:`hipkit.errors.DataFileError` (:mod:`hipkit.runs.activity_checks`).
An activity file that cannot be read (or is missing) is named in a
:class:`BrokenActivityFileWarning` (and in ``frame.attrs["problems"]``) while the rest
load; ``strict=True`` raises instead.

An activity that arrives twice (two files, or two rows) is counted once and named in a
:class:`RepeatedActivityWarning`. Files are opened only inside the export and within
size limits (:mod:`hipkit.runs.bounded_files`), decoded across the cores and remembered while
unchanged (:mod:`hipkit.runs.activity_decoding`, :mod:`hipkit.runs.decode_pool`,
:mod:`hipkit.runs.activity_cache`).
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pandas as pd

from hipkit.errors import DataFileError, Problem, Problems
from hipkit.runs.activity_checks import Repeat, _count_once, _repeats_message
from hipkit.runs.activity_decoding import _checked, _decode_files, _read_activity_file
from hipkit.runs.activity_record import RUN_TYPES, _Activity, _kind
from hipkit.runs.bounded_files import stays_inside
from hipkit.runs.strava_csv import _read_strava_csv
from hipkit.settings import today as settings_today

#: Columns of the table :func:`read_activities` returns, in order.
COLUMNS = (
    "start", "type", "name", "moving_min", "elapsed_min", "distance_km",
    "avg_hr", "max_hr", "rpe", "source",
)


class BrokenActivityFileWarning(UserWarning):
    """An activity file could not be read; the other activities loaded."""


class RepeatedActivityWarning(UserWarning):
    """Some activities arrived twice; each is counted once (see ``attrs["repeats"]``)."""


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
