"""A workshop group: every runner's log from one folder, and the flags a coach acts on.

One file per runner (CSV or .xlsx). A file that breaks the log format is reported by
its name with every problem in it, and the other runners still load. Every flag takes
``as_of`` ("today") as a parameter, so a report is the same whenever it is re-run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from hipkit.adherence import adherence, adherence_summary
from hipkit.errors import DataFileError
from hipkit.library import DataDir
from hipkit.log_analysis import effort_trend, side_balance
from hipkit.training_log import read_log

LOG_SUFFIXES = (".csv", ".xlsx")
FLAG_COLUMNS = ["runner", "file", "last_logged", "days_since", "planned_sessions",
                "done_sessions", "sessions_pct", "behind", "not_logging", "pain_rising",
                "side_skipped", "notes"]


@dataclass
class Group:
    """The logs that loaded, keyed by runner, and the files that did not, with why."""

    logs: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


def load_group(folder: str | Path, *, as_of: dt.date | str,
               data_dir: DataDir = None) -> Group:
    """Read every runner's log in ``folder``; keep the good ones, report the bad by name.

    Parameters
    ----------
    folder : str or Path
        One log file per runner (``.csv`` or ``.xlsx``); other files are ignored.
    as_of : date or ISO text
        "Today": entries dated after it are errors, as in
        :func:`hipkit.training_log.read_log`.

    Returns
    -------
    Group
        ``logs`` maps each runner's name (from the ``runner`` column, or the file name
        without its extension when that column is empty) to their log; ``files`` maps
        the runner to the file name; ``problems`` maps each unreadable file's name to
        the error text, which lists every problem with its row.

    Examples
    --------
    >>> from hipkit.library import data_root
    >>> group = load_group(data_root() / "sample_group", as_of="2026-03-06")
    >>> len(group.logs), list(group.problems)
    (11, ['kit_lawson.csv'])
    """
    today = pd.Timestamp(as_of).date()
    group = Group()
    paths = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in LOG_SUFFIXES)
    for path in paths:
        try:
            log = read_log(path, today=today, data_dir=data_dir)
        except DataFileError as error:
            group.problems[path.name] = str(error)
            continue
        names = log["runner"].dropna()
        runner = str(names.iloc[0]) if len(names) else path.stem
        if runner in group.logs:
            runner = f"{runner} ({path.name})"
        group.logs[runner] = log
        group.files[runner] = path.name
    return group


def pain_rising(log: pd.DataFrame, sessions: int = 3) -> bool:
    """Whether pain rose over the last ``sessions`` sessions with a pain rating.

    Rising means it never fell from one session to the next and ended higher than it
    started; one bad day between good ones is not a trend.

    Examples
    --------
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-04",
    ...                                             "2026-03-06"]), "rpe": [5.0] * 3,
    ...                     "pain": [0.0, 1.0, 3.0]})
    >>> pain_rising(log)
    True
    """
    pain = effort_trend(log)["pain"].dropna().tail(sessions)
    if len(pain) < sessions:
        return False
    steps = pain.diff().dropna()
    return bool((steps >= 0).all() and pain.iloc[-1] > pain.iloc[0])


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
    """:func:`hipkit.adherence.adherence` for every runner, as one long table.

    Examples
    --------
    >>> from hipkit.library import data_root
    >>> from hipkit.progression import build_plan
    >>> group = load_group(data_root() / "sample_group", as_of="2026-03-06")
    >>> table = group_adherence(group, build_plan("2026-02-02"), as_of="2026-03-06")
    >>> table.groupby("runner")["week"].max().unique().tolist()
    [5]
    """
    tables = [adherence(log, plan, as_of=as_of, data_dir=data_dir).assign(runner=runner)
              for runner, log in group.logs.items()]
    table = pd.concat(tables, ignore_index=True)
    return table[["runner", *table.columns[:-1]]]


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
                quiet_days: int = 7, pain_sessions: int = 3,
                data_dir: DataDir = None) -> pd.DataFrame:
    """One row per runner with the flags a coach acts on, the furthest behind first.

    Parameters
    ----------
    group : Group
        From :func:`load_group`.
    plan : DataFrame
        The plan the group was given (:func:`hipkit.progression.build_plan`).
    as_of : date or ISO text
        "Today", for days since the last entry and sessions planned so far.
    quiet_days : int
        ``not_logging`` is true when nothing was logged for more than this many days.
    pain_sessions : int
        How many rated sessions :func:`pain_rising` looks back over.

    Returns
    -------
    pandas.DataFrame
        Columns ``runner``, ``file``, ``last_logged``, ``days_since``,
        ``planned_sessions`` and ``done_sessions`` (up to ``as_of``), ``sessions_pct``,
        ``behind`` (sessions short), ``not_logging``, ``pain_rising``, ``side_skipped``
        (``"left"``, ``"right"`` or ``""``) and ``notes`` (the runner's latest note),
        sorted by ``sessions_pct`` then most days since the last entry.

    Examples
    --------
    >>> from hipkit.library import data_root
    >>> from hipkit.progression import build_plan
    >>> group = load_group(data_root() / "sample_group", as_of="2026-03-06")
    >>> flags = group_flags(group, build_plan("2026-02-02"), as_of="2026-03-06")
    >>> flags.loc[flags["not_logging"], "runner"].tolist()
    ['Dana Whitfield', 'Gus Lindqvist']
    """
    today = pd.Timestamp(as_of).normalize()
    rows = []
    for runner, log in group.logs.items():
        summary = adherence_summary(adherence(log, plan, as_of=today, data_dir=data_dir))
        last = log["date"].max()
        notes = log.dropna(subset=["notes"]).sort_values("date", kind="stable")["notes"]
        days_since = (today - last).days if pd.notna(last) else pd.NA
        rows.append({
            "runner": runner, "file": group.files[runner], "last_logged": last,
            "days_since": days_since,
            "planned_sessions": summary["planned_sessions"],
            "done_sessions": summary["done_sessions"],
            "sessions_pct": summary["sessions_pct"],
            "behind": max(summary["planned_sessions"] - summary["done_sessions"], 0),
            "not_logging": pd.isna(last) or days_since > quiet_days,
            "pain_rising": pain_rising(log, pain_sessions),
            "side_skipped": skipped_sides(log, data_dir),
            "notes": notes.iloc[-1] if len(notes) else ""})
    flags = pd.DataFrame(rows, columns=FLAG_COLUMNS)
    flags = flags.sort_values(["sessions_pct", "days_since", "runner"],
                              ascending=[True, False, True], kind="stable")
    return flags.astype({"days_since": "Int64", "planned_sessions": "int64",
                         "done_sessions": "int64", "sessions_pct": "float64",
                         "behind": "int64", "not_logging": "bool", "pain_rising": "bool",
                         "notes": "string"}).reset_index(drop=True)
