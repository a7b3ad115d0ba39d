"""The plan ahead on the runner's curve: expected load and fitness / fatigue from a plan.

A plan from :func:`hipkit.exercises.progression.build_plan` says what to do, not how long it takes
or how hard it feels. :func:`planned_sessions` turns it into session-RPE loads with two
numbers taken from the runner's own log, and says which: minutes per repetition (the
log's minutes over its repetitions) and effort (the median of the last sessions).
:func:`project_load` puts those loads after what was logged, one method's series at a
time (:mod:`hipkit.runs.training_load`), so :func:`hipkit.runs.fitness_model.fitness_fatigue` can
run on to the plan's last day. Runs ahead are not in a hip plan: by default each
weekday repeats the mean run load of that weekday over the last four logged weeks, and
every projected day says it is assumed. All of it is the pack's own method, not a
published one: a projection of the runner's habits, not a forecast of how they will feel.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.progression import plan_volume
from hipkit.log.analysis import volume
from hipkit.runs.training_load import METHODS, SESSION_RPE, daily_load

PLANNED_COLUMNS = ["date", "week", "session", "reps", "minutes", "rpe", "load", "kind",
                   "method"]


def planned_sessions(plan: pd.DataFrame, log: pd.DataFrame | None = None, *,
                     minutes_per_rep: float | None = None, effort: float | None = None,
                     recent_sessions: int = 6, data_dir: DataDir = None) -> pd.DataFrame:
    """The expected session-RPE load of every planned hip session.

    Parameters
    ----------
    plan : DataFrame
        From :func:`hipkit.exercises.progression.build_plan`.
    log : DataFrame, optional
        The runner's log (:func:`hipkit.read_log`): where ``minutes_per_rep`` and
        ``effort`` come from when they are not given.
    minutes_per_rep : float, optional
        Default: the log's minutes over its repetitions, on days whose every row has
        a duration (repetitions counted by :func:`hipkit.log.analysis.volume`).
    effort : float, optional
        The 0-10 effort each planned session is expected to feel. Default: the median
        effort of the last ``recent_sessions`` logged sessions.

    Returns
    -------
    pandas.DataFrame
        One row per planned session: ``date``, ``week``, ``session``, ``reps``,
        ``minutes`` (reps x minutes per rep), ``rpe``, ``load`` (rpe x minutes),
        ``kind`` ("hip work") and ``method`` (session-RPE). ``attrs["assumptions"]``
        says where the minutes and the effort came from.

    Examples
    --------
    >>> from hipkit.exercises.progression import build_plan
    >>> ahead = planned_sessions(build_plan("2026-02-02", weeks=2), minutes_per_rep=0.1,
    ...                          effort=5)
    >>> ahead[["session", "reps", "minutes", "load"]].head(2).round(1).values.tolist()
    [[1.0, 190.0, 19.0, 95.0], [2.0, 190.0, 19.0, 95.0]]
    >>> ahead.attrs["assumptions"][0]
    'minutes per repetition: 0.1, as given'
    """
    assumptions = []
    if minutes_per_rep is None:
        minutes_per_rep = _minutes_per_rep(log, data_dir)
        assumptions.append(f"minutes per repetition: {minutes_per_rep:.3f}, from the log "
                           "(its minutes over its repetitions)")
    else:
        assumptions.append(f"minutes per repetition: {minutes_per_rep:g}, as given")
    if effort is None:
        effort = _recent_effort(log, recent_sessions)
        assumptions.append(f"effort: {effort:g} out of 10, the median of the last "
                           f"{recent_sessions} logged sessions")
    else:
        assumptions.append(f"effort: {effort:g} out of 10, as given")
    if not minutes_per_rep > 0 or not np.isfinite(minutes_per_rep):
        raise ValueError(f"minutes_per_rep must be a positive number, got {minutes_per_rep!r}")
    if not 0 <= effort <= 10:
        raise ValueError(f"effort must be on the 0-10 scale, got {effort!r}")
    reps = volume(plan, data_dir).astype(float)
    sessions = (pd.DataFrame({"session": plan["session"], "week": plan["week"],
                              "date": pd.to_datetime(plan["date"]), "reps": reps})
                .groupby("session", sort=True)
                .agg(date=("date", "first"), week=("week", "first"), reps=("reps", "sum"))
                .reset_index())
    sessions["minutes"] = sessions["reps"] * float(minutes_per_rep)
    sessions["rpe"] = float(effort)
    sessions["load"] = sessions["rpe"] * sessions["minutes"]
    sessions["kind"] = "hip work"
    sessions["method"] = SESSION_RPE
    sessions["date"] = sessions["date"].dt.normalize().astype("datetime64[us]")
    table = sessions[PLANNED_COLUMNS]
    table.attrs["assumptions"] = assumptions
    return table


def _minutes_per_rep(log: pd.DataFrame | None, data_dir: DataDir) -> float:
    if log is None or log.empty:
        raise ValueError("minutes_per_rep is needed: give it, or a log to take it from")
    days = pd.to_datetime(log["date"]).dt.normalize()
    timed = log["duration_min"].notna().groupby(days.to_numpy()).transform("all").to_numpy()
    reps = volume(log[timed], data_dir).astype("Float64").sum()
    minutes = log.loc[timed, "duration_min"].astype("Float64").sum()
    if not reps or pd.isna(reps) or not minutes:
        raise ValueError("the log has no session with minutes and repetitions to take "
                         "minutes_per_rep from: give it")
    return float(minutes) / float(reps)


def _recent_effort(log: pd.DataFrame | None, recent_sessions: int) -> float:
    if log is None or log.empty:
        raise ValueError("effort is needed: give it, or a log to take it from")
    days = pd.to_datetime(log["date"]).dt.normalize()
    per_session = log["rpe"].astype("Float64").groupby(days.to_numpy()).max().dropna()
    if per_session.empty:
        raise ValueError("the log has no effort ratings to take effort from: give it")
    return float(per_session.tail(recent_sessions).median())


def project_load(sessions: pd.DataFrame, planned: pd.DataFrame, *,
                 method: str = SESSION_RPE, as_of=None, runs_like_weeks: int = 4
                 ) -> pd.DataFrame:
    """One method's daily load: what was logged, then what the plan expects.

    Parameters
    ----------
    sessions : DataFrame
        Logged sessions, from :func:`hipkit.runs.training_load.session_loads`.
    planned : DataFrame
        From :func:`planned_sessions`. Planned sessions on or before ``as_of`` are left
        out: those days are in the log.
    method : {SESSION_RPE, TRIMP}
        The series. Planned hip work is session-RPE, so a TRIMP series projects runs
        only.
    as_of : date, optional
        The last logged day (default: the last session's day).
    runs_like_weeks : int
        Runs ahead are assumed to repeat, weekday by weekday, the mean run load of the
        last ``runs_like_weeks`` full weeks before the projection (unknown days left
        out of the mean; a weekday with only unknown days stays unknown, counted in
        ``unscored``); 0 assumes no running.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`hipkit.runs.training_load.daily_load`, plus ``planned`` (True
        after ``as_of``) and ``runs_assumed`` (True where the run load is assumed),
        from the first logged day to the last day of the plan's last week (7 days
        from its first session's day, repeated).

    Examples
    --------
    >>> logged = pd.DataFrame({"date": pd.to_datetime(["2026-02-02"]), "kind": ["run"],
    ...                        "load": [200.0], "method": ["session-RPE"]})
    >>> ahead = pd.DataFrame({"date": pd.to_datetime(["2026-02-04"]), "load": [90.0],
    ...                       "kind": ["hip work"], "method": ["session-RPE"]})
    >>> table = project_load(logged, ahead, runs_like_weeks=0)
    >>> table[["hip_load", "load", "planned"]].head(3).values.tolist()
    [[0.0, 200.0, False], [0.0, 0.0, True], [90.0, 90.0, True]]
    >>> table.index[-1].date().isoformat()  # the plan's week runs on to Tuesday 10th
    '2026-02-10'

    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {list(METHODS)}, not {method!r}")
    if runs_like_weeks < 0:
        raise ValueError(f"runs_like_weeks must be 0 or more, got {runs_like_weeks!r}")
    last_logged = pd.to_datetime(sessions["date"]).max().normalize()
    as_of = last_logged if as_of is None else pd.Timestamp(as_of).normalize()
    ahead = planned[pd.to_datetime(planned["date"]) > as_of]
    end = as_of
    if len(ahead):
        # Run on to the end of the plan's last week, so every planned week is whole.
        dates = pd.to_datetime(planned["date"]).dt.normalize()
        weeks = math.ceil(((dates.max() - dates.min()).days + 1) / 7)
        end = max(as_of, dates.min() + pd.Timedelta(days=7 * weeks - 1))
    logged = daily_load(sessions, method=method, end=as_of)
    future = pd.date_range(as_of + pd.Timedelta(days=1), end, freq="D",
                           name="date").as_unit("us")
    hip = pd.Series(0.0, index=future)
    if method == SESSION_RPE and len(ahead):
        days = pd.to_datetime(ahead["date"]).dt.normalize().to_numpy(dtype="datetime64[us]")
        hip = ahead["load"].astype(float).groupby(days).sum().reindex(future, fill_value=0.0)
    runs = _runs_like(logged["run_load"], as_of, future, runs_like_weeks)
    # A weekday whose runs were all unscored stays unknown ahead: a gap, not a 0.
    unknown = runs.isna()
    total = (runs.fillna(0.0) + hip).where(~unknown | (hip > 0))
    projected = pd.DataFrame({
        "run_load": runs, "hip_load": hip.astype("Float64"),
        "load": total.astype("Float64"), "method": method,
        "unscored": unknown.astype(int).to_numpy(), "other_method": 0,
        "hip_share": (hip / total.where(total > 0)).astype("Float64")}, index=future)
    table = pd.concat([logged, projected])
    table["planned"] = table.index > as_of
    table["runs_assumed"] = table["planned"] & (runs_like_weeks > 0)
    table.index.name = "date"
    return table


def _runs_like(run_load: pd.Series, as_of, future: pd.DatetimeIndex,
               weeks: int) -> pd.Series:
    """Each future weekday's run load: that weekday's mean over the last weeks.

    Unknown days (unscored runs) are left out of the mean; a weekday with nothing but
    unknown days, or that the log does not reach, stays unknown (NA). A logged day
    without a run counts as 0: a known rest.
    """
    if weeks == 0 or len(future) == 0:
        return pd.Series(0.0, index=future, dtype="Float64")
    window = run_load[run_load.index > as_of - pd.Timedelta(days=7 * weeks)]
    values = window.astype("Float64").astype(float)
    by_weekday = values.groupby(window.index.day_of_week).mean()  # NaN: all unknown
    return pd.Series(by_weekday.reindex(future.day_of_week).to_numpy(), index=future,
                     dtype="Float64")


def weekly_change(plan: pd.DataFrame, data_dir: DataDir = None) -> pd.DataFrame:
    """Planned repetitions per week (:func:`hipkit.exercises.progression.plan_volume`) and the
    change from the week before: the number the 10 % and 30 % rules of running are about.

    >>> from hipkit.exercises.progression import build_plan
    >>> weekly_change(build_plan("2026-02-02", weeks=3))["change"].round(2).tolist()
    [nan, 0.53, 0.34]
    """
    table = plan_volume(plan, data_dir)
    table["change"] = table["volume"].astype(float).pct_change()
    return table
