"""One load picture for runs and hip work: session loads, TRIMP, daily load, units.

Foster's session-RPE (``foster2001`` in ``data/sources.csv``) scores both kinds of
session: effort on the 0-10 scale times the session's minutes, in arbitrary units. Heart
rate barely moves in a bridge, so strength work needs it; runs have it where the runner
logged a perceived exertion. For runs without one, a heart-rate TRIMP (Banister's, with
the weighting of Morton, Fitz-Clarke & Banister 1990, ``morton1990``) can stand in when
asked for. It is a different unit (about 1.5 a minute at an easy run where session-RPE
gives about 5), so the two are never added: every session and every day says which
method scored it, and each method is its own series, with its own fitness, fatigue and
acute:chronic ratio (:mod:`hipkit.runs.fitness_model`). A session that no method scored
is *missing*: its day shows a gap, never a 0, and every table and chart counts it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hipkit.runs.activities import runs_only

SESSION_RPE = "session-RPE"
TRIMP = "TRIMP (heart rate)"
UNSCORED = "none"
#: The two units a session can be scored in; each is a series of its own.
METHODS = (SESSION_RPE, TRIMP)
#: Axis label of each method's unit.
UNITS = {SESSION_RPE: "session-RPE load\n(effort x minutes, arbitrary units)",
         TRIMP: "TRIMP load\n(weighted heart-rate reserve x minutes)"}
#: Morton et al. (1990) weighting of the heart-rate reserve fraction x: b1 * exp(b2 * x).
TRIMP_WEIGHTS = {"male": (0.64, 1.92), "female": (0.86, 1.67)}
#: Used when the runner's sex is not given, and said so in every TRIMP-scored row.
DEFAULT_TRIMP_SEX = "male"
SESSION_COLUMNS = ["date", "kind", "minutes", "rpe", "avg_hr", "load", "method",
                   "trimp_weights"]


def session_loads(runs: pd.DataFrame | None = None, log: pd.DataFrame | None = None, *,
                  minutes: str = "moving", fallback: str | None = None,
                  hr_rest: float | None = None, hr_max: float | None = None,
                  sex: str | None = None) -> pd.DataFrame:
    """The load of every run and every hip session, each with the method that scored it.

    Parameters
    ----------
    runs : DataFrame, optional
        From :func:`hipkit.read_activities`; only runs are kept.
    log : DataFrame, optional
        From :func:`hipkit.read_log`. One session per day: the day's rows share one
        effort rating (``rpe``) and their ``duration_min`` add up to the session's minutes.
    minutes : {"moving", "elapsed"}
        Which run time multiplies the effort. Moving time leaves out stops at lights;
        elapsed time is what Strava's manual entries always have. Where moving time is
        missing the elapsed time is used.
    fallback : {None, "trimp"}
        How runs without a perceived exertion are scored: left unscored (``None``), or by
        Banister's heart-rate TRIMP, which needs ``hr_rest`` and ``hr_max``.
    hr_rest, hr_max : float
        The runner's resting and maximal heart rate (bpm), for the TRIMP. Heart-rate
        reserve is the span between them: a run at 120 bpm for a runner resting at 50
        with a maximum of 190 uses (120 - 50) / (190 - 50) = 50 % of it.
    sex : {"female", "male"}, optional
        Chooses Morton et al.'s weighting (:data:`TRIMP_WEIGHTS`). Left out, the men's
        weights are used (:data:`DEFAULT_TRIMP_SEX`) and every TRIMP row says so.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (day), ``kind`` ("run" or "hip work"), ``minutes``, ``rpe``,
        ``avg_hr``, ``load`` (Float64, NA when unscored), ``method``
        (:data:`SESSION_RPE`, :data:`TRIMP` or :data:`UNSCORED`) and ``trimp_weights``
        (which weighting scored a TRIMP row, e.g. ``"male (default: sex not given)"``).

    Examples
    --------
    >>> runs = pd.DataFrame({"start": pd.to_datetime(["2025-09-02 06:00"]), "type": ["Run"],
    ...                      "moving_min": [30.0], "elapsed_min": [32.0], "avg_hr": [150.0],
    ...                      "rpe": [pd.NA]})
    >>> session_loads(runs, fallback="trimp", hr_rest=50, hr_max=190,
    ...               sex="female")[["load", "method", "trimp_weights"]]
            load              method trimp_weights
    0  60.749533  TRIMP (heart rate)        female
    """
    if minutes not in ("moving", "elapsed"):
        raise ValueError(f"minutes must be 'moving' or 'elapsed', not {minutes!r}")
    if fallback not in (None, "trimp"):
        raise ValueError(f"fallback must be None or 'trimp', not {fallback!r}")
    if sex is not None and sex not in TRIMP_WEIGHTS:
        raise ValueError(f"sex must be 'female' or 'male' (Morton's two weightings), "
                         f"not {sex!r}")
    if fallback == "trimp" and (hr_rest is None or hr_max is None or hr_max <= hr_rest):
        raise ValueError("the TRIMP fallback needs hr_rest and hr_max, with hr_max above "
                         "hr_rest")
    weighting = sex if sex is not None else f"{DEFAULT_TRIMP_SEX} (default: sex not given)"
    parts = []
    if runs is not None and len(runs):
        parts.append(_run_loads(runs_only(runs), minutes, fallback, hr_rest, hr_max,
                                sex or DEFAULT_TRIMP_SEX, weighting))
    if log is not None and len(log):
        parts.append(_hip_loads(log))
    if not parts:
        return pd.DataFrame(columns=SESSION_COLUMNS)
    sessions = pd.concat(parts, ignore_index=True)
    return sessions.sort_values(["date", "kind"], kind="stable").reset_index(drop=True)


def _run_loads(runs, minutes, fallback, hr_rest, hr_max, sex, weighting) -> pd.DataFrame:
    elapsed = runs["elapsed_min"].astype("Float64")
    duration = elapsed if minutes == "elapsed" else runs["moving_min"].astype(
        "Float64").fillna(elapsed)
    rpe = runs["rpe"].astype("Float64")
    heart = runs["avg_hr"].astype("Float64")
    load = rpe * duration
    method = pd.Series(np.where(load.notna().to_numpy(), SESSION_RPE, UNSCORED), dtype=object)
    weights = pd.Series(pd.NA, index=method.index, dtype="string")
    if fallback == "trimp":
        trimp = duration * banister_trimp_per_minute(heart, hr_rest, hr_max,
                                                     TRIMP_WEIGHTS[sex])
        use = load.isna() & trimp.notna()
        load = load.where(~use, trimp)
        method[use.to_numpy()] = TRIMP
        weights[use.to_numpy()] = weighting
    return pd.DataFrame({
        "date": runs["start"].dt.normalize().to_numpy(dtype="datetime64[us]"), "kind": "run",
        "minutes": duration.to_numpy(), "rpe": rpe.to_numpy(), "avg_hr": heart.to_numpy(),
        "load": load.astype("Float64").to_numpy(), "method": method.to_numpy(),
        "trimp_weights": weights.array,
    })


def banister_trimp_per_minute(avg_hr: pd.Series, hr_rest: float, hr_max: float,
                              weights: tuple[float, float] = TRIMP_WEIGHTS["male"]
                              ) -> pd.Series:
    """Banister's TRIMP for one minute at ``avg_hr``: x * b1 * exp(b2 * x).

    ``x`` is the fraction of heart-rate reserve, (HR - rest) / (max - rest), clipped to
    0..1; ``b1, b2`` are Morton et al.'s (1990) weights (``morton1990``).

    >>> round(float(banister_trimp_per_minute(pd.Series([120.0]), 50, 190).iloc[0]), 6)
    0.835743
    """
    fraction = ((avg_hr.astype("Float64") - hr_rest) / (hr_max - hr_rest)).clip(0, 1)
    b1, b2 = weights
    return fraction * b1 * np.exp(b2 * fraction.astype(float).fillna(0)).where(
        fraction.notna())


def _hip_loads(log: pd.DataFrame) -> pd.DataFrame:
    days = log.assign(day=pd.to_datetime(log["date"]).dt.normalize())
    # The day's session minutes only count when every row of it has a duration.
    sessions = days.groupby("day", sort=True).agg(
        minutes=("duration_min", lambda m: m.sum() if m.notna().all() else pd.NA),
        rpe=("rpe", "max"))
    minutes = sessions["minutes"].astype("Float64")
    rpe = sessions["rpe"].astype("Float64")
    load = rpe * minutes
    return pd.DataFrame({
        "date": sessions.index.to_numpy(dtype="datetime64[us]"), "kind": "hip work",
        "minutes": minutes.to_numpy(), "rpe": rpe.to_numpy(),
        "avg_hr": pd.array([pd.NA] * len(sessions), dtype="Float64"),
        "load": load.to_numpy(),
        "method": np.where(load.notna().to_numpy(), SESSION_RPE, UNSCORED).astype(object),
        "trimp_weights": pd.array([pd.NA] * len(sessions), dtype="string"),
    })


def not_scored_line(sessions: pd.DataFrame) -> str:
    """Say how many sessions no method scored, in one line a chart or a table can carry.

    >>> sessions = pd.DataFrame({"kind": ["run", "run", "hip work"],
    ...                          "method": ["none", "session-RPE", "none"]})
    >>> not_scored_line(sessions)
    'Not scored: 2 sessions (1 run, 1 hip session): missing, not 0.'
    """
    unscored = sessions[sessions["method"] == UNSCORED]
    if unscored.empty:
        return "Not scored: none; every session has a load."
    runs = int((unscored["kind"] == "run").sum())
    hips = len(unscored) - runs
    parts = [f"{runs} run{'s' if runs != 1 else ''}" if runs else "",
             f"{hips} hip session{'s' if hips != 1 else ''}" if hips else ""]
    total = len(unscored)
    return (f"Not scored: {total} session{'s' if total != 1 else ''} "
            f"({', '.join(p for p in parts if p)}): missing, not 0.")


def daily_load(sessions: pd.DataFrame, *, method: str = SESSION_RPE, start=None,
               end=None) -> pd.DataFrame:
    """Every day's load in one method's unit, runs and hip work side by side.

    Sessions scored by the other method are left out of this series (and counted in
    ``other_method``); sessions no method scored are counted in ``unscored``.

    Parameters
    ----------
    sessions : DataFrame
        From :func:`session_loads`.
    method : {SESSION_RPE, TRIMP}
        The series: only sessions this method scored add to it.
    start, end : date, optional
        Default: the first and last session of any kind.

    Returns
    -------
    pandas.DataFrame
        Indexed by every day, with ``run_load`` and ``hip_load`` (Float64: 0 on a day
        without such a session, NA on a day whose sessions of that kind are all
        unscored), ``load`` (their sum; NA when the day has unscored sessions and no
        scored one), ``method`` (this series' method, every day), ``unscored``,
        ``other_method`` and ``hip_share`` (hip load as a fraction of the day's load).

    Examples
    --------
    >>> sessions = pd.DataFrame({"date": pd.to_datetime(["2025-09-01", "2025-09-02",
    ...     "2025-09-03"]), "kind": ["hip work", "run", "run"],
    ...     "load": [100.0, None, 200.0], "method": ["session-RPE", "none", "session-RPE"]})
    >>> daily_load(sessions)["load"].tolist()
    [100.0, <NA>, 200.0]
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {list(METHODS)}, not {method!r}")
    dates = pd.to_datetime(sessions["date"]).dt.normalize()
    first = pd.Timestamp(start) if start is not None else dates.min()
    last = pd.Timestamp(end) if end is not None else dates.max()
    days = pd.date_range(first, last, freq="D", name="date").as_unit("us")
    load = sessions["load"].astype("Float64")
    mine = (sessions["method"] == method).to_numpy()
    missing = (sessions["method"] == UNSCORED).to_numpy()
    table = pd.DataFrame(index=days)

    def per_day(mask) -> pd.Series:
        return pd.Series(mask.astype(int)).groupby(dates.to_numpy()).sum().reindex(
            days, fill_value=0).astype(int)

    for kind, column in (("run", "run_load"), ("hip work", "hip_load")):
        of_kind = (sessions["kind"] == kind).to_numpy()
        known = load[of_kind & mine].groupby(dates[of_kind & mine].to_numpy()).sum()
        values = known.reindex(days).astype("Float64")
        # A day with only unscored sessions of this kind is a gap; a day without any is 0.
        gap = (per_day(of_kind & missing) > 0) & values.isna().to_numpy()
        table[column] = values.fillna(0.0).where(~gap.to_numpy(), pd.NA)
    known_part = table["run_load"].fillna(0.0) + table["hip_load"].fillna(0.0)
    table["unscored"] = per_day(missing).to_numpy()
    table["other_method"] = per_day(~mine & ~missing).to_numpy()
    nothing_known = (table["unscored"] > 0) & (per_day(mine).to_numpy() == 0)
    table["load"] = known_part.where(~nothing_known, pd.NA).astype("Float64")
    table["method"] = method
    table["hip_share"] = (table["hip_load"] / table["load"].where(table["load"] > 0)).astype(
        "Float64")
    return table[["run_load", "hip_load", "load", "method", "unscored", "other_method",
                  "hip_share"]]
