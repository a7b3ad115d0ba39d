"""Value checks on one activity, and finding the activities that arrived twice.

:func:`_check_values` refuses impossible values (dates, times, distances, heart rates,
efforts) and, together, speeds faster than the world records on foot; :func:`_count_once`
keeps each activity once and names the others as :class:`Repeat`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from hipkit.errors import Problems
from hipkit.runs.activity_record import _DECODED, RUN_TYPES, _Activity, _kind

#: No GPS sports watch or app recorded before this year: an older date is a broken value.
EARLIEST_YEAR = 1990
#: Plausible bounds, to refuse overflowed or misplaced numbers rather than load them.
MAX_HOURS = 24 * 14  # a multi-day ultra fits; a wrapped timer value does not
MAX_KM = 5000.0
HEART_RATE_BPM = (20, 260)
RPE_RANGE = (0, 10)  # Strava's perceived exertion and Foster's CR-10 scale
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


@dataclass(frozen=True)
class Repeat:
    """An activity that arrived twice: the record kept, the one left out, and why."""

    kept: str
    dropped: str
    reason: str

    def __str__(self) -> str:
        return f"{self.dropped} is the same activity as {self.kept} ({self.reason}): kept once"


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
