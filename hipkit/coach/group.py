"""A workshop group: every runner's log from one folder, and the flags a coach acts on.

One file per runner (CSV or .xlsx), or one file holding several runners, which is split
by its ``runner`` column. Whatever else the folder holds, each entry that cannot be read
as a log (a file breaking the log format, a broken link, a folder named like a log, a
file the coach may not read) is reported by its name, and the other runners still load.
Every flag takes ``as_of`` ("today") as a parameter, so a report is the same whenever it
is re-run, and a report for a past day leaves out what was logged after it.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from hipkit import settings
from hipkit.errors import DataFileError, Problem
from hipkit.exercises.data_files import DataDir
from hipkit.exercises.loaders import load_exercises
from hipkit.log.adherence import runners_adherence
from hipkit.log.analysis import side_balance
from hipkit.log.many_logs import read_logs
from hipkit.log.pain_warnings import logged_warnings

#: The file endings the log reader reads (:func:`hipkit.log.reading.read_log`).
LOG_SUFFIXES = (".csv", ".xlsx", ".xlsm")
#: The same, in words: ".csv, .xlsx or .xlsm".
LOG_TYPES = f"{', '.join(LOG_SUFFIXES[:-1])} or {LOG_SUFFIXES[-1]}"
FLAG_COLUMNS = ["runner", "file", "last_logged", "days_since", "planned_sessions",
                "done_sessions", "sessions_pct", "behind", "not_logging", "pain_rising",
                "side_skipped", "notes"]


@dataclass
class Group:
    """The logs that loaded, keyed by runner, and the files that did not, with why."""

    logs: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    #: File name -> why it was kept out: the text of its :class:`DataFileError`.
    problems: dict[str, str] = field(default_factory=dict)


def load_group(folder: str | Path, *, as_of: dt.date | str,
               data_dir: DataDir = None) -> Group:
    """Read every runner's log in ``folder``; keep the good ones, report the bad by name.

    Parameters
    ----------
    folder : str or Path
        Log files (``.csv``, ``.xlsx`` or ``.xlsm``), one per runner or several runners in one;
        files with other extensions, hidden files and spreadsheet lock files (``~$...``)
        are ignored.
    as_of : date or ISO text
        The day the report is for: entries dated after it are left out (a report for
        last week reads as it did then). Entries dated after the real today are still
        errors, as in :func:`hipkit.log.reading.read_log`: they are typos.

    Returns
    -------
    Group
        ``logs`` maps each runner's name (from the ``runner`` column, or the file name
        without its extension when that column is empty) to their log; a file naming
        several runners gives one log for each. ``files`` maps the runner to the file
        name; ``problems`` maps each entry that could not be read to the text of the
        :class:`~hipkit.errors.DataFileError` saying why, which lists every problem with
        its row and field. A file naming several runners with some rows naming none is
        reported, not guessed at.

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> group = load_group(data_root() / "sample_group", as_of="2026-03-06")
    >>> len(group.logs), list(group.problems)
    (11, ['kit_lawson.csv'])
    """
    last_day = pd.Timestamp(as_of).normalize()
    next_day = last_day + pd.Timedelta(days=1)
    group = Group()
    paths = []
    for entry in sorted(Path(folder).iterdir()):
        if (entry.suffix.lower() not in LOG_SUFFIXES
                or entry.name.startswith((".", "~$"))):
            continue
        reason = unreadable(entry)
        if reason:
            group.problems[entry.name] = str(DataFileError(
                [Problem(entry.name, "(whole file)", reason)]))
        else:
            paths.append(entry)
    today = max(last_day.date(), settings.today())
    logs, errors = read_logs(paths, today=today, data_dir=data_dir)
    for path in paths:
        if path in errors:
            group.problems[path.name] = str(errors[path])
            continue
        log = logs[path]
        codes = log["runner"].cat.codes.to_numpy()
        present = np.unique(codes)
        runners = [str(log["runner"].cat.categories[code]) for code in present if code >= 0]
        if len(runners) > 1 and present[0] < 0:
            group.problems[path.name] = str(DataFileError([Problem(
                path.name, "runner",
                f"holds several runners ({', '.join(runners)}) and "
                f"{int((codes < 0).sum())} rows naming none: write each row's runner, or "
                "keep one file per runner")]))
            continue
        if len(runners) <= 1:
            parts = [(runners[0] if runners else path.stem, log)]
        else:
            parts = [(name, log[codes == code].reset_index(drop=True))
                     for code, name in zip(present, runners, strict=True)]
        # A report for a past day reads the logs as they stood on that day.
        parts = [(name, rows[rows["date"] < next_day].reset_index(drop=True)
                  if len(rows) and rows["date"].max() >= next_day else rows)
                 for name, rows in parts]
        for runner, rows in parts:
            if runner in group.logs:
                runner = f"{runner} ({path.name})"
            group.logs[runner] = rows
            group.files[runner] = path.name
    return group


def unreadable(entry: Path) -> str:
    """Why ``entry`` cannot be read as a log file, or ``""`` when it can be opened.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "old.csv").symlink_to(folder / "gone.csv")
    >>> unreadable(folder / "old.csv")
    'is a link to a file that does not exist'
    """
    try:
        mode = os.stat(entry).st_mode
    except FileNotFoundError:
        return "is a link to a file that does not exist"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "is a link that leads back to itself (a link loop)"
        return f"cannot be read: {error.strerror}"
    if stat.S_ISDIR(mode):
        return "is a folder, not a log file"
    if not stat.S_ISREG(mode):
        return "is not a regular file"
    try:
        with open(entry, "rb"):
            pass
    except OSError as error:
        return f"cannot be read: {error.strerror}"
    return ""


def pain_rising(log: pd.DataFrame, *, data_dir: DataDir = None) -> bool:
    """Whether the log form's "rising" pain warning stands for an exercise of this log.

    One rule for the runner and the coach: an exercise's pain is rising when its latest
    rated session ends a run of rises, pain above the session before at each of the last
    sessions (how many: ``[pain]`` in ``data/progression.toml``), exactly as the log form
    warns (:func:`hipkit.log.pain_warnings.pain_warning`).

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-04",
    ...                                             "2026-03-06"]),
    ...                     "exercise_id": ["single_leg_bridge"] * 3, "side": ["left"] * 3,
    ...                     "pain": [0.0, 1.0, 3.0]})
    >>> pain_rising(log)
    True
    """
    return bool(_pain_rising(log.assign(runner_number=0), 1, data_dir)[0])


def skipped_sides(log: pd.DataFrame, data_dir: DataDir = None) -> str:
    """The side ("left" or "right") never logged for an exercise done on each side.

    Returns ``""`` when both sides were trained; with several exercises, the sides
    skipped are joined by ``" and "``.

    Examples
    --------
    >>> log = pd.DataFrame({"exercise_id": ["single_leg_bridge"], "side": ["right"],
    ...                     "sets": [2], "reps": [15]})
    >>> skipped_sides(log)
    'left'
    """
    balance = side_balance(log, data_dir)
    sides = [side for side, other in (("left", "right"), ("right", "left"))
             if ((balance[side] == 0) & (balance[other] > 0)).any()]
    return " and ".join(sides)


def group_adherence(group: Group, plan: pd.DataFrame, *, as_of: dt.date | str,
                    data_dir: DataDir = None) -> pd.DataFrame:
    """:func:`hipkit.log.adherence.adherence` for every runner, as one long table.

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> from hipkit.exercises.progression import build_plan
    >>> group = load_group(data_root() / "sample_group", as_of="2026-03-06")
    >>> table = group_adherence(group, build_plan("2026-02-02"), as_of="2026-03-06")
    >>> table.groupby("runner")["week"].max().unique().tolist()
    [5]
    """
    check_not_empty(group)
    return runners_adherence(group.logs, plan, as_of=as_of, data_dir=data_dir)


def check_not_empty(group: Group) -> None:
    """Refuse a group with no runner's log, saying why, before any report is built.

    Examples
    --------
    >>> check_not_empty(Group(problems={"kit.csv": "..."}))
    Traceback (most recent call last):
    ...
    ValueError: the group holds no runner's log to report on: 1 file could not be read \
(kit.csv)
    """
    if group.logs:
        return
    if group.problems:
        count = len(group.problems)
        raise ValueError("the group holds no runner's log to report on: "
                         f"{count} file{'s' if count > 1 else ''} could not be read "
                         f"({', '.join(group.problems)})")
    raise ValueError("the group holds no runner's log to report on: the folder has no "
                     f"log file ({LOG_TYPES})")


def group_weekly_totals(table: pd.DataFrame) -> pd.DataFrame:
    """The whole group's sessions and volume per plan week, planned and done.

    Takes the long table of :func:`group_adherence`.

    Examples
    --------
    >>> table = pd.DataFrame({"runner": ["a", "b"], "week": [1, 1],
    ...                       "week_start": pd.to_datetime(["2026-02-02"] * 2),
    ...                       "planned_sessions": [3, 3], "done_sessions": [3, 1],
    ...                       "planned_volume": [570, 570], "done_volume": [570, 190]})
    >>> group_weekly_totals(table)[["done_sessions", "sessions_pct"]].values.tolist()
    [[4.0, 66.7]]
    """
    totals = table.groupby(["week", "week_start"], as_index=False)[
        ["planned_sessions", "done_sessions", "planned_volume", "done_volume"]].sum()
    totals["sessions_pct"] = (100 * totals["done_sessions"]
                              / totals["planned_sessions"]).round(1)
    return totals


def group_flags(group: Group, plan: pd.DataFrame, *, as_of: dt.date | str,
                quiet_days: int = 7, data_dir: DataDir = None,
                adherence: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per runner with the flags a coach acts on, the furthest behind first.

    Parameters
    ----------
    group : Group
        From :func:`load_group`.
    plan : DataFrame
        The plan the group was given (:func:`hipkit.exercises.progression.build_plan`).
    as_of : date or ISO text
        "Today", for days since the last entry and sessions planned so far.
    quiet_days : int
        ``not_logging`` is true when nothing was logged for more than this many days.
    adherence : DataFrame, optional
        :func:`group_adherence` of this group, plan and ``as_of``, when the dashboard
        has it already (it is computed once, not again here).

    Returns
    -------
    pandas.DataFrame
        Columns ``runner``, ``file``, ``last_logged``, ``days_since``,
        ``planned_sessions`` and ``done_sessions`` (up to ``as_of``), ``sessions_pct``,
        ``behind`` (sessions short), ``not_logging``, ``pain_rising``, ``side_skipped``
        (``"left"``, ``"right"`` or ``""``) and ``notes`` (the runner's latest note),
        sorted by ``sessions_pct`` then most days since the last entry.

    Raises
    ------
    ValueError
        For a group with no runner's log (:func:`check_not_empty`).

    Examples
    --------
    >>> from hipkit.exercises.data_files import data_root
    >>> from hipkit.exercises.progression import build_plan
    >>> group = load_group(data_root() / "sample_group", as_of="2026-03-06")
    >>> flags = group_flags(group, build_plan("2026-02-02"), as_of="2026-03-06")
    >>> flags.loc[flags["not_logging"], "runner"].tolist()
    ['Dana Whitfield', 'Gus Lindqvist']
    """
    check_not_empty(group)
    today = pd.Timestamp(as_of).normalize()
    if adherence is None:
        adherence = group_adherence(group, plan, as_of=today, data_dir=data_dir)
    runners = list(group.logs)
    totals = adherence.groupby("runner", sort=False)[
        ["planned_sessions", "done_sessions"]].sum().reindex(runners, fill_value=0)
    planned = totals["planned_sessions"].to_numpy(dtype=np.int64)
    done = totals["done_sessions"].to_numpy(dtype=np.int64)
    stacked = _stack(group)
    number = stacked["runner_number"].to_numpy()
    last = stacked.groupby("runner_number")["date"].max().reindex(range(len(runners)))
    days_since = [(today - day).days if pd.notna(day) else pd.NA for day in last]
    flags = pd.DataFrame({
        "runner": runners, "file": [group.files[r] for r in runners],
        "last_logged": last.to_numpy(), "days_since": days_since,
        "planned_sessions": planned, "done_sessions": done,
        "sessions_pct": [round(100 * d / p, 1) if p else float("nan")
                         for d, p in zip(done.tolist(), planned.tolist(), strict=True)],
        "behind": np.maximum(planned - done, 0),
        "not_logging": [pd.isna(d) or d > quiet_days for d in days_since],
        "pain_rising": _pain_rising(stacked, len(runners), data_dir),
        "side_skipped": _skipped_sides(stacked, len(runners), data_dir),
        "notes": _latest_notes(stacked, number, len(runners)),
    }, columns=FLAG_COLUMNS)
    flags = flags.sort_values(["sessions_pct", "days_since", "runner"],
                              ascending=[True, False, True], kind="stable")
    return flags.astype({"days_since": "Int64", "planned_sessions": "int64",
                         "done_sessions": "int64", "sessions_pct": "float64",
                         "behind": "int64", "not_logging": "bool", "pain_rising": "bool",
                         "notes": "string"}).reset_index(drop=True)


def _stack(group: Group) -> pd.DataFrame:
    """The columns the flags read from every runner's log, with the runner's number."""
    columns = ["date", "exercise_id", "side", "sets", "reps", "pain", "notes"]
    # The warnings the form wrote count as written (pain_warnings.logged_warnings).
    parts = [log[[*columns, *(["pain_warning"] if "pain_warning" in log else [])]]
             .assign(runner_number=number, exercise_id=log["exercise_id"].astype(str))
             for number, log in enumerate(group.logs.values())]
    return pd.concat(parts, ignore_index=True)


def _pain_rising(stacked: pd.DataFrame, runners: int, data_dir: DataDir) -> np.ndarray:
    """:func:`pain_rising` for every runner at once."""
    warned = logged_warnings(stacked, by=["runner_number"], data_dir=data_dir)
    rising = warned[warned["pain_warning"].str.contains("rising").fillna(False).astype(bool)]
    # Each exercise's latest rated day; a rising warning stands only if it is on that day.
    rated = stacked.dropna(subset=["pain"])
    latest = rated["date"].dt.normalize().groupby(
        [rated["runner_number"], rated["exercise_id"].astype(str)]).max()
    own_latest = latest.reindex(pd.MultiIndex.from_arrays(
        [rising["runner_number"], rising["exercise_id"]])).to_numpy()
    standing = rising["date"].dt.normalize().to_numpy() == own_latest
    flagged = np.zeros(runners, dtype=bool)
    flagged[rising["runner_number"].to_numpy(dtype=np.int64)[standing]] = True
    return flagged


def _skipped_sides(stacked: pd.DataFrame, runners: int, data_dir: DataDir) -> list[str]:
    """:func:`skipped_sides` for every runner at once."""
    exercises = load_exercises(data_dir)
    sided = exercises.loc[exercises["each_side"], "exercise_id"].astype(str).tolist()
    exercise = pd.Index(sided).get_indexer(stacked["exercise_id"])
    rows = exercise >= 0
    work = (stacked["sets"] * stacked["reps"]).astype("Float64").fillna(0).to_numpy(float)
    side = stacked["side"].astype(str).to_numpy()
    cell = stacked["runner_number"].to_numpy()[rows] * len(sided) + exercise[rows]
    size = runners * len(sided)
    left = np.bincount(cell, weights=(work * np.isin(side, ["left", "both"]))[rows],
                       minlength=size).reshape(runners, -1)
    right = np.bincount(cell, weights=(work * np.isin(side, ["right", "both"]))[rows],
                        minlength=size).reshape(runners, -1)
    skips_left = ((left == 0) & (right > 0)).any(axis=1)
    skips_right = ((right == 0) & (left > 0)).any(axis=1)
    return [" and ".join(s for s, skipped in (("left", a), ("right", b)) if skipped)
            for a, b in zip(skips_left, skips_right, strict=True)]


def _latest_notes(stacked: pd.DataFrame, number: np.ndarray, runners: int) -> list[str]:
    """Each runner's note of the latest day (the last one listed that day)."""
    noted = stacked["notes"].notna().to_numpy()
    order = np.lexsort((stacked["date"].to_numpy()[noted], number[noted]))
    who = number[noted][order]
    texts = stacked["notes"].to_numpy(dtype=object)[noted][order]
    notes = [""] * runners
    for runner, text in zip(who.tolist(), texts.tolist(), strict=True):
        notes[runner] = text
    return notes
