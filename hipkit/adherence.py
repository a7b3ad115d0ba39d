"""Compare what a runner logged with their plan, week by week.

Weeks are the plan's weeks (week 1 starts on the plan's first session), not calendar
weeks, so a plan starting on a Wednesday is read the way it was handed out. Volume is
counted as :func:`hipkit.log_analysis.volume` counts it, for the plan and the log alike.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from hipkit.library import DataDir
from hipkit.log_analysis import volume

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
        One runner's log (:func:`hipkit.training_log.read_log`).
    plan : DataFrame
        Their plan (:func:`hipkit.progression.build_plan`).
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
    >>> from hipkit.progression import build_plan
    >>> plan = build_plan("2026-02-02", weeks=2)
    >>> log = plan[plan["session"] == 1]  # only the first session, done as planned
    >>> adherence(log, plan)["sessions_pct"].tolist()
    [33.3, 0.0]
    """
    start = plan["date"].min()
    planned = plan if as_of is None else plan[plan["date"] <= pd.Timestamp(as_of)]
    weeks = sorted(planned["week"].unique())
    log = log[log["date"] >= start]
    if as_of is not None:
        log = log[log["date"] <= pd.Timestamp(as_of)]
    done = log.assign(week=plan_weeks(log["date"], start), volume=volume(log, data_dir))
    planned = planned.assign(volume=volume(planned, data_dir))
    rows = []
    for week in weeks:
        wanted = planned[planned["week"] == week]
        got = done[done["week"] == week]
        logged = set(got["exercise_id"].astype(str))
        missed = wanted.drop_duplicates("exercise_id")
        missed = missed.loc[~missed["exercise_id"].astype(str).isin(logged), "name"]
        planned_sessions = wanted["date"].nunique()
        done_sessions = got["date"].dt.normalize().nunique()
        planned_volume, done_volume = int(wanted["volume"].sum()), int(got["volume"].sum())
        rows.append({
            "week": int(week), "week_start": start + pd.Timedelta(days=7 * (int(week) - 1)),
            "planned_sessions": planned_sessions, "done_sessions": done_sessions,
            "sessions_pct": round(100 * done_sessions / planned_sessions, 1),
            "planned_volume": planned_volume, "done_volume": done_volume,
            "volume_pct": round(100 * done_volume / planned_volume, 1),
            "missed_exercises": "; ".join(missed.astype(str)),
            "followed": done_volume >= planned_volume})
    return pd.DataFrame(rows, columns=ADHERENCE_COLUMNS).astype(
        {"week": "int64", "planned_sessions": "int64", "done_sessions": "int64",
         "planned_volume": "int64", "done_volume": "int64", "followed": "bool"})


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
