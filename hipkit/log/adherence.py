"""Compare what a runner logged with their plan, week by week.

Weeks are the plan's weeks (week 1 starts on the plan's first session), not calendar
weeks, so a plan starting on a Wednesday is read the way it was handed out. Volume is
counted as :func:`hipkit.log.analysis.volume` counts it, for the plan and the log alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from hipkit.exercises.data_files import DataDir
from hipkit.log.analysis import volume

ADHERENCE_COLUMNS = ["week", "week_start", "planned_sessions", "done_sessions",
                     "sessions_pct", "planned_volume", "done_volume", "volume_pct",
                     "missed_exercises", "followed"]


def plan_weeks(dates: pd.Series, start: pd.Timestamp) -> pd.Series:
    """The plan week (from 1) each date falls in; 0 or less before the plan starts.

    Examples
    --------
    >>> plan_weeks(pd.Series(pd.to_datetime(["2026-02-02", "2026-02-09"])),
    ...            pd.Timestamp("2026-02-02")).tolist()
    [1, 2]
    """
    return (dates.dt.normalize() - start).dt.days // 7 + 1


def adherence(log: pd.DataFrame, plan: pd.DataFrame, *, as_of: dt.date | str | None = None,
              data_dir: DataDir = None) -> pd.DataFrame:
    """Sessions and volume planned vs done in each plan week, and what was missed.

    Parameters
    ----------
    log : DataFrame
        One runner's log (:func:`hipkit.log.reading.read_log`).
    plan : DataFrame
        Their plan (:func:`hipkit.exercises.progression.build_plan`).
    as_of : date or ISO text, optional
        Only sessions planned up to this day count, and weeks that have not started
        are left out. By default the whole plan counts.

    Returns
    -------
    pandas.DataFrame
        One row per plan week: ``week``, ``week_start``, ``planned_sessions``,
        ``done_sessions`` (days with anything logged), ``sessions_pct`` (done / planned,
        may pass 100), ``planned_volume``, ``done_volume``, ``volume_pct``,
        ``missed_exercises`` (names of planned exercises with nothing logged that week,
        joined by ``"; "``, empty when none) and ``followed`` (the week's planned volume
        was reached, so the log kept up with the progression).

    Examples
    --------
    >>> from hipkit.exercises.progression import build_plan
    >>> plan = build_plan("2026-02-02", weeks=2)
    >>> log = plan[plan["session"] == 1]  # only the first session, done as planned
    >>> adherence(log, plan)["sessions_pct"].tolist()
    [33.3, 0.0]
    """
    table = runners_adherence({"": log}, plan, as_of=as_of, data_dir=data_dir)
    return table.drop(columns="runner")


def runners_adherence(logs: Mapping[str, pd.DataFrame], plan: pd.DataFrame, *,
                      as_of: dt.date | str | None = None,
                      data_dir: DataDir = None) -> pd.DataFrame:
    """:func:`adherence` of several runners on one plan, as one long table.

    All runners are counted together, in one pass over their stacked logs, so a club
    of hundreds costs about what one long log does.

    Returns
    -------
    pandas.DataFrame
        ``runner`` (the keys of ``logs``) and the columns of :func:`adherence`, one
        row per runner and plan week, runners in the order given.

    Examples
    --------
    >>> from hipkit.exercises.progression import build_plan
    >>> plan = build_plan("2026-02-02", weeks=1)
    >>> table = runners_adherence({"Ana": plan, "Ben": plan.head(0)}, plan)
    >>> table[["runner", "done_sessions"]].values.tolist()
    [['Ana', 3], ['Ben', 0]]
    """
    start = plan["date"].min()
    first_day = start.to_datetime64().astype("datetime64[D]")
    last_day = None if as_of is None else np.datetime64(pd.Timestamp(as_of).date(), "D")
    planned = plan if last_day is None else plan[
        plan["date"].to_numpy(dtype="datetime64[D]") <= last_day]
    weeks = np.sort(planned["week"].unique()).astype(np.int64)
    week_count = len(weeks)

    # What the plan asks each week: the same for every runner.
    at = np.searchsorted(weeks, planned["week"].to_numpy(dtype=np.int64))
    planned_days = planned["date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    planned_sessions = _count_distinct(at, planned_days, week_count)
    planned_volume = np.bincount(at, weights=_as_float(volume(planned, data_dir)),
                                 minlength=week_count).astype(np.int64)
    ids = list(dict.fromkeys(planned["exercise_id"].astype(str)))
    names = dict(zip(planned["exercise_id"].astype(str), planned["name"].astype(str),
                     strict=True))
    firsts = planned.drop_duplicates(["week", "exercise_id"])
    # Per week, the planned exercises in the order the plan lists them.
    wanted = [[] for _ in weeks]
    for week, exercise_id in zip(np.searchsorted(weeks, firsts["week"].to_numpy(np.int64)),
                                 firsts["exercise_id"].astype(str), strict=True):
        wanted[week].append(ids.index(exercise_id))

    # What each runner did, all runners at once.
    done = _stack_logs(list(logs.values()))
    days = done["date"].to_numpy(dtype="datetime64[D]")
    keep = days >= first_day
    if last_day is not None:
        keep &= days <= last_day
    done, days = done[keep], days[keep]
    week_of = (days - first_day).astype(np.int64) // 7 + 1
    at = np.minimum(np.searchsorted(weeks, week_of), max(week_count - 1, 0))
    counted = (weeks[at] == week_of) if week_count else np.zeros(len(done), dtype=bool)
    cell = done["runner_number"].to_numpy()[counted] * week_count + at[counted]
    cells = len(logs) * week_count
    done_sessions = _count_distinct(cell, days[counted].astype(np.int64), cells)
    done_volume = np.bincount(cell, weights=_as_float(volume(done, data_dir))[counted],
                              minlength=cells).astype(np.int64)
    exercise = pd.Index(ids).get_indexer(done["exercise_id"].astype(str))[counted]
    logged = np.zeros((cells, max(len(ids), 1)), dtype=bool)
    logged[cell[exercise >= 0], exercise[exercise >= 0]] = True
    missed_names = {}
    missed = []
    for number in range(cells):
        week = number % week_count
        key = (week, logged[number].tobytes())
        if key not in missed_names:
            missed_names[key] = "; ".join(names[ids[e]] for e in wanted[week]
                                          if not logged[number, e])
        missed.append(missed_names[key])

    repeat = len(logs)
    planned_sessions_all = np.tile(planned_sessions, repeat)
    planned_volume_all = np.tile(planned_volume, repeat)
    table = pd.DataFrame({
        "runner": np.repeat(np.array(list(logs), dtype=object), week_count),
        "week": np.tile(weeks, repeat),
        "week_start": start + pd.to_timedelta(7 * (np.tile(weeks, repeat) - 1), unit="D"),
        "planned_sessions": planned_sessions_all, "done_sessions": done_sessions,
        "sessions_pct": _percent(done_sessions, planned_sessions_all),
        "planned_volume": planned_volume_all, "done_volume": done_volume,
        "volume_pct": _percent(done_volume, planned_volume_all),
        "missed_exercises": missed,
        "followed": done_volume >= planned_volume_all,
    })
    return table.astype({"runner": "str", "missed_exercises": "str"})


def _stack_logs(logs: list[pd.DataFrame]) -> pd.DataFrame:
    """The columns adherence counts from every log, one table, with the runner's number."""
    columns = ["date", "exercise_id", "side", "sets", "reps"]
    parts = [log[columns].assign(runner_number=number) for number, log in enumerate(logs)]
    dtypes = {str(part["exercise_id"].dtype) for part in parts}
    if len(dtypes) > 1 or not isinstance(parts[0]["exercise_id"].dtype,
                                         pd.CategoricalDtype):
        # Logs read with different exercise libraries: match exercises by id text.
        parts = [part.assign(exercise_id=part["exercise_id"].astype(str)) for part in parts]
        stacked = pd.concat(parts, ignore_index=True)
        return stacked.astype({"exercise_id": "category"})
    return pd.concat(parts, ignore_index=True)


def _as_float(values: pd.Series) -> np.ndarray:
    return values.astype("Float64").fillna(0).to_numpy(dtype=float)


def _count_distinct(groups: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """How many distinct ``values`` each group number (0 to ``size`` - 1) holds."""
    pairs = np.unique(np.stack([groups, values]), axis=1) if len(groups) else \
        np.zeros((2, 0), dtype=np.int64)
    return np.bincount(pairs[0], minlength=size).astype(np.int64)


def _percent(part: np.ndarray, whole: np.ndarray) -> list[float]:
    # Python's round, one value at a time: the same figures the tables always showed.
    return [round(100 * p / w, 1) if w else float("nan") for p, w in
            zip(part.tolist(), whole.tolist(), strict=True)]


def adherence_summary(table: pd.DataFrame) -> pd.Series:
    """Totals over the weeks of :func:`adherence`: sessions planned, done and the share.

    Examples
    --------
    >>> table = pd.DataFrame({"planned_sessions": [3, 3], "done_sessions": [3, 1],
    ...                       "followed": [True, False]})
    >>> adherence_summary(table).to_dict()
    {'planned_sessions': 6, 'done_sessions': 4, 'sessions_pct': 66.7, 'weeks_followed': 1}
    """
    planned, done = int(table["planned_sessions"].sum()), int(table["done_sessions"].sum())
    share = round(100 * done / planned, 1) if planned else float("nan")
    return pd.Series({"planned_sessions": planned, "done_sessions": done,
                      "sessions_pct": share, "weeks_followed": int(table["followed"].sum())},
                     dtype=object)
