"""A plan's sessions as calendar reminders: an iCalendar (``.ics``) file a phone imports.

One event per planned session (RFC 5545 ``VEVENT``), at a local time of the runner's
choosing with no time zone attached (a "floating" time: 07:00 wherever the phone is),
lasting the session's expected minutes, with the session's exercises and dosage in its
description and a reminder (``VALARM``) before it. Text is escaped and long lines folded
as RFC 5545 asks; the file is written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from pathlib import Path

import pandas as pd

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.progression import dosage_label
from hipkit.exercises.progression_rules import load_progression
from hipkit.log.writing import write_atomic

PRODUCT = "-//hipkit//plan calendar//EN"


def escape_text(text: str) -> str:
    r"""Escape a TEXT value as RFC 5545 (3.3.11) asks: ``\``, ``;``, ``,`` and newlines.

    >>> print(escape_text("Hip circles; 3 x 10, each side\nthen rest"))
    Hip circles\; 3 x 10\, each side\nthen rest
    """
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold_line(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets (RFC 5545, 3.1).

    A multi-byte UTF-8 character is never split.

    >>> folded = fold_line("DESCRIPTION:" + "é" * 40)
    >>> [len(part.encode()) <= 75 for part in folded.split("\\r\\n")]
    [True, True]
    """
    pieces, current, size = [], "", 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def plan_calendar(plan: pd.DataFrame, *, minutes: pd.Series | float | None = None,
                  start_time: str = "07:00", reminder_minutes: int = 30,
                  stamp: dt.datetime | None = None, data_dir: DataDir = None) -> str:
    """The iCalendar text for every session of ``plan``.

    Parameters
    ----------
    plan : DataFrame
        From :func:`hipkit.exercises.progression.build_plan` (a ``runner`` column names the
        events).
    minutes : Series or float, optional
        Each session's expected minutes: a number for all, or a Series indexed by
        session number (e.g. ``planned_sessions(...).set_index("session")["minutes"]``).
        Default: 30 minutes, a time slot only (said so in each description).
    start_time : "HH:MM"
        Local start time of every session.
    reminder_minutes : int
        How long before a session the phone reminds the runner.
    stamp : datetime, optional
        When the file was made (UTC), for ``DTSTAMP``; default now.

    Returns
    -------
    str
        The calendar, lines ending in CRLF.

    Examples
    --------
    >>> from hipkit.exercises.progression import build_plan
    >>> text = plan_calendar(build_plan("2026-02-02", weeks=1),
    ...                      stamp=dt.datetime(2026, 1, 30, tzinfo=dt.UTC))
    >>> text.count("BEGIN:VEVENT"), "DTSTART:20260202T070000" in text
    (3, True)
    """
    try:
        hour, minute = (int(part) for part in start_time.split(":"))
        at = dt.time(hour, minute)
    except ValueError:
        raise ValueError(f"start_time must be HH:MM, e.g. '07:00', not {start_time!r}") \
            from None
    if reminder_minutes < 0:
        raise ValueError(f"reminder_minutes must be 0 or more, got {reminder_minutes!r}")
    stamp = stamp or dt.datetime.now(dt.UTC)
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    fixed = set(load_progression(data_dir).fixed_reps)
    sessions = int(plan["session"].max()) if len(plan) else 0
    runner = str(plan["runner"].iloc[0]) if "runner" in plan.columns and len(plan) else None
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    for number, rows in plan.groupby("session", sort=True):
        day = pd.Timestamp(rows["date"].iloc[0]).date()
        length, slot = _session_minutes(minutes, int(number))
        begin = dt.datetime.combine(day, at)
        title = f"Hip session {number} of {sessions} (week {int(rows['week'].iloc[0])})"
        if runner:
            title += f": {runner}"
        description = [*_exercise_lines(rows, fixed),
                       f"Time: about {length} min" + (" (a slot, not an estimate)"
                                                      if slot else ""),
                       "Stop an exercise that hurts; see a physiotherapist about pain "
                       "that lasts."]
        uid = hashlib.sha1(f"{runner}|{day}|{number}".encode()).hexdigest()
        lines += ["BEGIN:VEVENT", f"UID:{uid}@hipkit", f"DTSTAMP:{stamp_text}",
                  f"DTSTART:{begin:%Y%m%dT%H%M%S}", f"DURATION:PT{length}M",
                  f"SUMMARY:{escape_text(title)}",
                  f"DESCRIPTION:{escape_text(chr(10).join(description))}",
                  "BEGIN:VALARM", "ACTION:DISPLAY",
                  f"DESCRIPTION:{escape_text(title)}",
                  f"TRIGGER:-PT{int(reminder_minutes)}M", "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def _session_minutes(minutes, number: int) -> tuple[int, bool]:
    """A session's whole minutes (rounded up) and whether it is the default slot."""
    if minutes is None:
        return 30, True
    value = float(minutes) if not isinstance(minutes, pd.Series) else float(minutes[number])
    if not value > 0 or not math.isfinite(value):
        raise ValueError(f"session {number}'s minutes must be a positive number, "
                         f"got {value!r}")
    return math.ceil(value), False


def _exercise_lines(rows: pd.DataFrame, fixed: set[str]) -> list[str]:
    """One line per exercise of a session: name, dosage, band."""
    lines = []
    for exercise_id, one in rows.groupby("exercise_id", sort=False, observed=True):
        first = one.iloc[0]
        each_side = bool((one["side"] != "both").all())
        text = f"{first['name']}: " + dosage_label(
            int(first["sets"]), int(first["reps"]), str(first["rep_unit"]),
            first["directions"], each_side, bouts=str(exercise_id) in fixed)
        if pd.notna(first["band"]):
            text += f", {first['band']} band"
        lines.append(text)
    return lines


def write_plan_ics(plan: pd.DataFrame, path: str | Path, **options) -> Path:
    """Write :func:`plan_calendar` to ``path`` (UTF-8, whole or not at all).

    ``options`` are those of :func:`plan_calendar`. Import the file in a phone's
    calendar (open it from mail or files) to get one reminder per session.

    >>> import tempfile
    >>> from hipkit.exercises.progression import build_plan
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_plan_ics(build_plan("2026-02-02", weeks=1),
    ...                              Path(folder) / "plan.ics")
    ...     written.read_bytes().startswith(b"BEGIN:VCALENDAR\\r\\n")
    True
    """
    path = Path(path)
    write_atomic(path, plan_calendar(plan, **options).encode("utf-8"))
    return path
