"""One activity as every reader gives it, and the helpers the readers share.

:class:`_Activity` is what the Strava CSV reader (:mod:`hipkit.runs.strava_csv`) and the
FIT, GPX and TCX readers (:mod:`hipkit.runs.fit_reader`, :mod:`hipkit.runs.track_readers`)
build; :func:`hipkit.runs.activities.read_activities` turns a list of them into its table.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

#: Activity types counted as running (Strava's English names; localized ones are mapped).
RUN_TYPES = ("Run", "Trail Run", "Virtual Run")
#: Extensions of the activity files read, each plain or gzipped.
FILE_KINDS = (".fit", ".gpx", ".tcx")
# FIT sport, GPX <type> and TCX Sport values -> Strava's English type.
_FILE_TYPES = {
    "running": "Run", "cycling": "Ride", "swimming": "Swim", "walking": "Walk",
    "hiking": "Hike", "training": "Workout", "biking": "Ride", "run": "Run", "ride": "Ride",
    "trail_running": "Trail Run",
}


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


def _kind(path: Path) -> str | None:
    name = path.name.lower().removesuffix(".gz")
    return next((kind for kind in FILE_KINDS if name.endswith(kind)), None)


def _plain_float(cell: str) -> float | None:
    try:
        value = float(cell.replace(",", ".")) if re.fullmatch(r"\d+,\d+", cell.strip()) \
            else float(cell)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _utc_naive(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
