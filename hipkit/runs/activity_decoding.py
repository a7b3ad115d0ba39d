"""Decode one activity file to a summary, and a summary back to a checked activity.

:func:`_decode_summary` is what the worker processes run (:mod:`hipkit.runs.decode_pool`)
and the cache keeps (:mod:`hipkit.runs.activity_cache`): it stays a module-level function,
picklable by reference.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hipkit.errors import DataFileError, Problem, Problems
from hipkit.runs.activity_checks import _check_values
from hipkit.runs.activity_record import _DECODED, _Activity, _kind
from hipkit.runs.bounded_files import open_capped
from hipkit.runs.decode_pool import decode_all
from hipkit.runs.fit_reader import MAX_FIT_BYTES, _read_fit
from hipkit.runs.track_readers import _read_gpx, _read_tcx


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
