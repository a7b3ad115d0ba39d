"""One load picture for runs and hip work: session loads, daily load, fitness and fatigue.

Foster's session-RPE (``foster2001`` in ``data/sources.csv``) scores both kinds of
session: effort on the 0-10 scale times the session's minutes, in arbitrary units. Heart
rate barely moves in a bridge, so strength work needs it; runs have it where the runner
logged a perceived exertion. For runs without one, a heart-rate TRIMP (Banister's, with
the weighting of Morton, Fitz-Clarke & Banister 1990, ``morton1990``) can stand in when
asked for. It is a different unit (about 1.5 a minute at an easy run where session-RPE
gives about 5), so the two are never added: every session and every day says which
method scored it, and each method is its own series, with its own fitness, fatigue and
acute:chronic ratio. A session that no method scored is *missing*: its day shows a gap,
never a 0, and every table and chart counts it.

The fitness / fatigue / form model is GoldenCheetah's Performance Manager
(``src/Metrics/PMCData.cpp``, ``goldencheetah_pmc``): daily stress smoothed with
``alpha = 1 - exp(-1/days)`` over 42 days (fitness) and 7 days (fatigue), starting the
day before the first session, and form = fitness - fatigue shown on the *following* day
by default, as GoldenCheetah does. Started from zero, the curves are still warming up
for the first 42 days: a runner who trained for years starts with a fitness of 0, so the
model's early form says nothing. :func:`fitness_fatigue` marks those days, or starts
from the runner's earlier weeks (``seed``). The names are hipkit's own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

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


def fitness_fatigue(stress: pd.Series, *, long_days: float = 42, short_days: float = 7,
                    form_next_day: bool = True, unscored: pd.Series | None = None,
                    seed: float | tuple[float, float] | None = None) -> pd.DataFrame:
    """GoldenCheetah's Performance Manager recurrence on one method's daily stress.

    With ``a = exp(-1/days)``, each day ``d``: ``fitness[d] = stress[d] * (1 - a_long) +
    fitness[d-1] * a_long``, and ``fatigue`` the same with ``short_days``, both starting
    the day before the first day (as GoldenCheetah starts the day before the first
    activity) from 0, or from ``seed``. ``form`` is fitness - fatigue; GoldenCheetah
    shows it on the following day by default (its ``sbToday`` setting off), so
    ``form[d] = fitness[d-1] - fatigue[d-1]`` and the table runs one day past the last
    stress day to show the last value.

    Parameters
    ----------
    stress : Series
        Daily load of one method, indexed by consecutive days (e.g.
        ``daily_load(...)["load"]``): 0 on rest days, NA on a day whose load is unknown
        (an unscored session). An unknown day adds nothing, so the curves that follow
        are a lower bound; ``leaves_out`` says for how long.
    unscored : Series, optional
        Unscored sessions per day (``daily_load(...)["unscored"]``); default: one for
        every NA day.
    seed : float or (float, float), optional
        Fitness and fatigue on the day before the first day, e.g. the mean daily load
        of the runner's earlier weeks (:func:`seed_from_weeks`). Default: 0, and the
        first ``long_days`` days are marked ``warming_up``.

    Returns
    -------
    pandas.DataFrame
        Columns ``stress`` (NA kept), ``fitness``, ``fatigue``, ``form``,
        ``warming_up`` (True from the start through the first ``long_days`` days
        with load, while a zero start still drags the curves down) and
        ``leaves_out`` (unscored sessions within the last ``long_days`` days: the
        curves leave their load out), indexed from the day before the first stress day.

    Examples
    --------
    >>> days = pd.date_range("2025-09-01", periods=2)
    >>> model = fitness_fatigue(pd.Series([100.0, 0.0], index=days))
    >>> [round(float(model.loc[day, column]), 6)
    ...  for day, column in (("2025-09-01", "fatigue"), ("2025-09-02", "form"))]
    [13.31221, -10.959379]
    >>> bool(model["warming_up"].iloc[-1])
    True
    """
    if long_days <= 0 or short_days <= 0:
        raise ValueError("the time constants must be positive numbers of days")
    known = pd.to_numeric(stress.astype("Float64"), errors="coerce")
    values = known.astype(float).to_numpy()
    if np.isinf(values).any():
        raise ValueError("stress must be a finite number every day (0 on rest days, "
                         "NA where a session's load is unknown)")
    index = pd.DatetimeIndex(stress.index)
    if len(index) > 1 and (np.diff(index.asi8) != np.diff(index.asi8)[0]).any():
        raise ValueError("stress must have one value for every consecutive day")
    if unscored is None:
        unscored = pd.Series(np.isnan(values).astype(int), index=index)
    start_fitness, start_fatigue = (0.0, 0.0) if seed is None else (
        (float(seed), float(seed)) if np.isscalar(seed) else tuple(map(float, seed)))
    first = index[0] - pd.Timedelta(days=1)
    extra = 1 if form_next_day else 0
    days = pd.date_range(first, periods=len(values) + 1 + extra, freq="D").as_unit("us")
    series = np.concatenate([[np.nan], values, np.full(extra, np.nan)])
    a_long, a_short = math.exp(-1.0 / long_days), math.exp(-1.0 / short_days)
    fitness, fatigue = np.zeros(len(series)), np.zeros(len(series))
    last_long, last_short = start_fitness, start_fatigue
    for day, load in enumerate(series):
        if day == 0:
            fitness[0], fatigue[0] = last_long, last_short
            continue
        load = 0.0 if np.isnan(load) else load
        last_long = fitness[day] = load * (1.0 - a_long) + last_long * a_long
        last_short = fatigue[day] = load * (1.0 - a_short) + last_short * a_short
    form = fitness - fatigue
    if form_next_day:
        form = np.concatenate([[start_fitness - start_fatigue], form[:-1]])
    stress_out = pd.array(series, dtype="Float64")
    stress_out[0] = 0.0
    if extra:
        stress_out[-1] = 0.0
    counts = np.concatenate([[0], np.asarray(unscored, dtype=int), np.zeros(extra, int)])
    window = max(int(round(long_days)), 1)
    leaves_out = pd.Series(counts).rolling(window, min_periods=1).sum().astype(int)
    # Warming up: from the start until one long time constant after the first load.
    loaded = np.flatnonzero(np.nan_to_num(series) > 0)
    first_load = loaded[0] if len(loaded) else len(series)
    warming = (np.arange(len(series)) < first_load + long_days) if seed is None else \
        np.zeros(len(series), bool)
    return pd.DataFrame({"stress": stress_out, "fitness": fitness, "fatigue": fatigue,
                         "form": form, "warming_up": warming,
                         "leaves_out": leaves_out.to_numpy()},
                        index=days.rename("date"))


def seed_from_weeks(stress: pd.Series) -> float:
    """Mean daily load of earlier weeks: a steady start for :func:`fitness_fatigue`.

    A runner who has trained like this for months has fitness and fatigue near their
    mean daily load; starting there instead of at 0 skips the warm-up. Unknown days
    (NA) are left out of the mean; at least 28 known days are needed.

    >>> seed_from_weeks(pd.Series([70.0, 0.0] * 14))
    35.0
    """
    known = stress.astype("Float64").dropna().astype(float)
    if len(known) < 28:
        raise ValueError(f"a seed needs at least 28 days of known load, got {len(known)}")
    return float(known.mean())


def acute_chronic_ratio(stress: pd.Series, *, acute_days: int = 7, chronic_days: int = 28,
                        coupled: bool = False) -> pd.Series:
    """The acute:chronic load ratio, a description of change, not an injury predictor.

    Acute load is the mean daily load over the last ``acute_days``; chronic load the mean
    over ``chronic_days``: *coupled*, those days include the acute ones (Gabbett 2016's
    form, which builds in a spurious correlation, Lolli et al. 2019); *uncoupled*, they
    are the days just before the acute window. The ratio is NA until the windows are
    fully covered by data, where a window holds a day of unknown load (NA), and where
    the chronic load is 0. Give it one method's series: a ratio of mixed units means
    nothing. Impellizzeri et al. (2021) found the ratio's links to injury no better
    than with made-up chronic loads.

    >>> days = pd.date_range("2025-09-01", periods=35)
    >>> float(acute_chronic_ratio(pd.Series([10.0] * 28 + [20.0] * 7, index=days)).iloc[-1])
    2.0
    """
    values = stress.astype("Float64").astype(float)
    acute = values.rolling(acute_days, min_periods=acute_days).mean()
    chronic = values.rolling(chronic_days, min_periods=chronic_days).mean()
    if not coupled:
        chronic = chronic.shift(acute_days)
    return (acute / chronic.where(chronic > 0)).rename("acute_chronic_ratio")


def weekly_running_and_hips(runs: pd.DataFrame, log: pd.DataFrame, *,
                            planned_sessions: int = 3,
                            big_week_increase: float = 0.30) -> pd.DataFrame:
    """Week by week (Monday to Sunday): running volume beside the hip sessions.

    A week's hip work counts as *dropped* when it has fewer sessions than
    ``planned_sessions`` (3 a week in the cited programmes, ``willy_davis2011``). A
    *big* running week has a distance more than ``big_week_increase`` above the week
    before: Nielsen et al. (2014, ``nielsen2014``) compared progressions above 30 %
    with those under 10 %. Weeks with no runs and no hip work between the first and the
    last are kept, as zeros.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``week_start``, with ``run_km``, ``run_min`` (elapsed), ``runs``,
        ``hip_sessions``, ``hip_dropped``, ``km_change`` (fraction vs the week before,
        NA for the first week or after a week without running), ``big_week`` and
        ``after_big_week``.
    """
    running = runs_only(runs)
    run_days = running["start"].dt.normalize()
    hip_days = pd.Series(pd.to_datetime(log["date"]).dt.normalize().unique())
    week_of = {"runs": run_days - pd.to_timedelta(run_days.dt.day_of_week, unit="D"),
               "hips": hip_days - pd.to_timedelta(hip_days.dt.day_of_week, unit="D")}
    starts = pd.concat(list(week_of.values()))
    if starts.empty:
        return pd.DataFrame(columns=["run_km", "run_min", "runs", "hip_sessions",
                                     "hip_dropped", "km_change", "big_week",
                                     "after_big_week"])
    weeks = pd.date_range(starts.min(), starts.max(), freq="7D", name="week_start")
    weeks = weeks.as_unit("us")
    week_key = week_of["runs"].to_numpy(dtype="datetime64[us]")
    table = pd.DataFrame(index=weeks)
    table["run_km"] = running["distance_km"].astype(float).groupby(week_key).sum().reindex(
        weeks, fill_value=0.0)
    table["run_min"] = running["elapsed_min"].astype(float).groupby(week_key).sum().reindex(
        weeks, fill_value=0.0)
    table["runs"] = running.groupby(week_key).size().reindex(weeks, fill_value=0).astype(int)
    table["hip_sessions"] = week_of["hips"].value_counts().reindex(
        weeks, fill_value=0).astype(int).to_numpy()
    table["hip_dropped"] = table["hip_sessions"] < planned_sessions
    before = table["run_km"].shift(1)
    table["km_change"] = ((table["run_km"] - before) / before.where(before > 0)).astype(
        "Float64")
    table["big_week"] = (table["km_change"] > big_week_increase).fillna(False).astype(bool)
    table["after_big_week"] = table["big_week"].shift(1, fill_value=False).astype(bool)
    return table


def dropped_after_big_weeks(weekly: pd.DataFrame) -> pd.DataFrame:
    """How often hip work was dropped in the week after a big running week, and otherwise.

    >>> weekly = pd.DataFrame({"after_big_week": [False, True, False, True],
    ...                        "hip_dropped": [False, True, True, True]})
    >>> dropped_after_big_weeks(weekly)["dropped_share"].tolist()
    [0.5, 1.0]
    """
    counted = weekly.iloc[1:] if "km_change" in weekly else weekly
    table = counted.groupby(counted["after_big_week"].map(
        {True: "after a big week", False: "other weeks"}))["hip_dropped"].agg(
        weeks="size", dropped="sum")
    table = table.reindex(["other weeks", "after a big week"]).fillna(0).astype(int)
    table["dropped_share"] = table["dropped"] / table["weeks"].where(table["weeks"] > 0)
    table.index.name = "week"
    return table


def group_running_weeks(runners: Mapping[str, tuple[pd.DataFrame, pd.DataFrame]], *,
                        planned_sessions: int = 3,
                        big_week_increase: float = 0.30) -> pd.DataFrame:
    """:func:`weekly_running_and_hips` for every runner of a group, in one long table.

    Parameters
    ----------
    runners : mapping
        Runner name -> ``(runs, log)``, from :func:`hipkit.read_activities` and
        :func:`hipkit.read_log` (for instance ``hipkit.load_group(...).logs``).

    Returns
    -------
    pandas.DataFrame
        One row per runner and week: ``runner``, ``week_start`` and the columns of
        :func:`weekly_running_and_hips`.
    """
    tables = []
    for runner, (runs, log) in runners.items():
        weekly = weekly_running_and_hips(runs, log, planned_sessions=planned_sessions,
                                         big_week_increase=big_week_increase)
        tables.append(weekly.reset_index().assign(runner=runner))
    if not tables:
        return pd.DataFrame(columns=["runner", "week_start"])
    table = pd.concat(tables, ignore_index=True)
    return table[["runner", *[c for c in table.columns if c != "runner"]]]


def pair_group_runs(group, runs_folder: str | Path, *, today=None
                    ) -> tuple[dict[str, tuple[pd.DataFrame, pd.DataFrame]], dict[str, str]]:
    """Match a group's logs with each runner's run export, for :func:`group_running_weeks`.

    Each runner's export is the folder in ``runs_folder`` named like their log file
    without its extension (``ana_souza.csv`` -> ``ana_souza/``, holding
    ``activities.csv`` or activity files).

    Parameters
    ----------
    group : hipkit.coach.group.Group
        From :func:`hipkit.load_group`.

    Returns
    -------
    (dict, dict)
        Runner -> ``(runs, log)`` for every runner with a readable export, and runner ->
        the error text for exports that could not be read. Runners without an export
        are in neither: their running is unknown, not zero.
    """
    from hipkit.errors import DataFileError
    from hipkit.runs.activities import read_activities

    pairs, problems = {}, {}
    for runner, file in group.files.items():
        folder = Path(runs_folder) / Path(file).stem
        if not folder.is_dir():
            continue
        try:
            runs = read_activities(folder, today=today)
        except DataFileError as error:
            problems[runner] = str(error)
            continue
        pairs[runner] = (runs, group.logs[runner])
    return pairs, problems
