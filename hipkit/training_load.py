"""One load picture for runs and hip work: session loads, daily load, fitness and fatigue.

The unit both can have is Foster's session-RPE (``foster2001`` in ``data/sources.csv``):
effort on the 0-10 scale times the session's minutes, in arbitrary units. Heart-rate load
is near zero for a bridge, so strength work needs it; runs have it where the runner
logged a perceived exertion. For runs without one, a heart-rate TRIMP (Banister's, with
the weighting of Morton, Fitz-Clarke & Banister 1990, ``morton1990``) can stand in when
asked for; it is a different unit, so every session and every day says which method gave
its load, and nothing is mixed without a column saying so.

The fitness / fatigue / form model is GoldenCheetah's Performance Manager
(``src/Metrics/PMCData.cpp``, ``goldencheetah_pmc``): daily stress smoothed with
``alpha = 1 - exp(-1/days)`` over 42 days (fitness) and 7 days (fatigue), starting from
zero the day before the first session, and form = fitness - fatigue shown on the
*following* day by default, as GoldenCheetah does. The names are hipkit's own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from hipkit.activities import runs_only

SESSION_RPE = "session-RPE"
TRIMP = "TRIMP (heart rate)"
UNSCORED = "none"
#: Morton et al. (1990) weighting of the heart-rate reserve fraction x: b1 * exp(b2 * x).
TRIMP_WEIGHTS = {"men": (0.64, 1.92), "women": (0.86, 1.67)}
SESSION_COLUMNS = ["date", "kind", "minutes", "rpe", "avg_hr", "load", "method"]


def session_loads(runs: pd.DataFrame | None = None, log: pd.DataFrame | None = None, *,
                  minutes: str = "moving", fallback: str | None = None,
                  hr_rest: float | None = None, hr_max: float | None = None,
                  trimp_weights: str = "men") -> pd.DataFrame:
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
        The runner's resting and maximal heart rate (bpm), for the TRIMP.
    trimp_weights : {"men", "women"}
        Morton et al.'s weighting constants (:data:`TRIMP_WEIGHTS`).

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (day), ``kind`` ("run" or "hip work"), ``minutes``, ``rpe``,
        ``avg_hr``, ``load`` (Float64, NA when unscored) and ``method``
        (:data:`SESSION_RPE`, :data:`TRIMP` or :data:`UNSCORED`).

    Examples
    --------
    >>> runs = pd.DataFrame({"start": pd.to_datetime(["2025-09-02 06:00"]), "type": ["Run"],
    ...                      "moving_min": [30.0], "elapsed_min": [32.0], "avg_hr": [150.0],
    ...                      "rpe": [pd.NA]})
    >>> session_loads(runs, fallback="trimp", hr_rest=50, hr_max=190)[["load", "method"]]
           load              method
    0  54.04768  TRIMP (heart rate)
    """
    if minutes not in ("moving", "elapsed"):
        raise ValueError(f"minutes must be 'moving' or 'elapsed', not {minutes!r}")
    if fallback not in (None, "trimp"):
        raise ValueError(f"fallback must be None or 'trimp', not {fallback!r}")
    if fallback == "trimp" and (hr_rest is None or hr_max is None or hr_max <= hr_rest):
        raise ValueError("the TRIMP fallback needs hr_rest and hr_max, with hr_max above "
                         "hr_rest")
    parts = []
    if runs is not None and len(runs):
        parts.append(_run_loads(runs_only(runs), minutes, fallback, hr_rest, hr_max,
                                TRIMP_WEIGHTS[trimp_weights]))
    if log is not None and len(log):
        parts.append(_hip_loads(log))
    if not parts:
        return pd.DataFrame(columns=SESSION_COLUMNS)
    sessions = pd.concat(parts, ignore_index=True)
    return sessions.sort_values(["date", "kind"], kind="stable").reset_index(drop=True)


def _run_loads(runs, minutes, fallback, hr_rest, hr_max, weights) -> pd.DataFrame:
    elapsed = runs["elapsed_min"].astype("Float64")
    duration = elapsed if minutes == "elapsed" else runs["moving_min"].astype(
        "Float64").fillna(elapsed)
    rpe = runs["rpe"].astype("Float64")
    heart = runs["avg_hr"].astype("Float64")
    load = rpe * duration
    method = pd.Series(np.where(load.notna().to_numpy(), SESSION_RPE, UNSCORED), dtype=object)
    if fallback == "trimp":
        trimp = duration * banister_trimp_per_minute(heart, hr_rest, hr_max, weights)
        use = load.isna() & trimp.notna()
        load = load.where(~use, trimp)
        method[use.to_numpy()] = TRIMP
    return pd.DataFrame({
        "date": runs["start"].dt.normalize().to_numpy(dtype="datetime64[us]"), "kind": "run",
        "minutes": duration.to_numpy(), "rpe": rpe.to_numpy(), "avg_hr": heart.to_numpy(),
        "load": load.astype("Float64").to_numpy(), "method": method.to_numpy(),
    })


def banister_trimp_per_minute(avg_hr: pd.Series, hr_rest: float, hr_max: float,
                              weights: tuple[float, float] = TRIMP_WEIGHTS["men"]) -> pd.Series:
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
    })


def daily_load(sessions: pd.DataFrame, *, start=None, end=None) -> pd.DataFrame:
    """Every day's load from :func:`session_loads`, runs and hip work side by side.

    Returns
    -------
    pandas.DataFrame
        Indexed by every day from ``start`` (default: the first session) to ``end``
        (default: the last), with ``run_load``, ``hip_load`` and their sum ``load`` (0 on
        a day without a scored session), ``method`` (the methods that scored the day's
        sessions, e.g. ``"session-RPE + TRIMP (heart rate)"``; empty on rest days),
        ``unscored`` (sessions that day with no load) and ``hip_share`` (hip load as a
        fraction of the day's load; NA on a day without load).

    Examples
    --------
    >>> sessions = pd.DataFrame({"date": pd.to_datetime(["2025-09-01", "2025-09-03"]),
    ...     "kind": ["hip work", "run"], "load": [100.0, 200.0],
    ...     "method": ["session-RPE", "session-RPE"]})
    >>> daily_load(sessions)["load"].tolist()
    [100.0, 0.0, 200.0]
    """
    dates = pd.to_datetime(sessions["date"]).dt.normalize()
    first = pd.Timestamp(start) if start is not None else dates.min()
    last = pd.Timestamp(end) if end is not None else dates.max()
    days = pd.date_range(first, last, freq="D", name="date").as_unit("us")
    load = sessions["load"].astype("Float64")
    table = pd.DataFrame(index=days)
    for kind, column in (("run", "run_load"), ("hip work", "hip_load")):
        mask = (sessions["kind"] == kind).to_numpy()
        table[column] = load[mask].groupby(dates[mask].to_numpy()).sum().reindex(
            days, fill_value=0.0).astype(float)
    table["load"] = table["run_load"] + table["hip_load"]
    scored = sessions[load.notna().to_numpy()]
    order = {SESSION_RPE: 0, TRIMP: 1}
    methods = scored.groupby(dates[load.notna().to_numpy()].to_numpy())["method"].agg(
        lambda m: " + ".join(sorted(set(m), key=order.get)))
    table["method"] = methods.reindex(days, fill_value="").astype(object)
    table["unscored"] = (load.isna().groupby(dates.to_numpy()).sum().reindex(
        days, fill_value=0).astype(int))
    table["hip_share"] = (table["hip_load"] / table["load"].where(table["load"] > 0)).astype(
        "Float64")
    return table


def fitness_fatigue(stress: pd.Series, *, long_days: float = 42, short_days: float = 7,
                    form_next_day: bool = True) -> pd.DataFrame:
    """GoldenCheetah's Performance Manager recurrence on a daily stress series.

    With ``a = exp(-1/days)``, each day ``d``: ``fitness[d] = stress[d] * (1 - a_long) +
    fitness[d-1] * a_long``, and ``fatigue`` the same with ``short_days``, both 0 the day
    before the first day (as GoldenCheetah starts the day before the first activity).
    ``form`` is fitness - fatigue; GoldenCheetah shows it on the following day by default
    (its ``sbToday`` setting off), so ``form[d] = fitness[d-1] - fatigue[d-1]`` and the
    table runs one day past the last stress day to show the last value.

    Parameters
    ----------
    stress : Series
        Daily load indexed by consecutive days (e.g. ``daily_load(...)["load"]``).
        Missing days must be given as 0 (rest), not left out.

    Returns
    -------
    pandas.DataFrame
        Columns ``stress``, ``fitness``, ``fatigue``, ``form``, indexed from the day
        before the first stress day.

    Examples
    --------
    >>> days = pd.date_range("2025-09-01", periods=2)
    >>> model = fitness_fatigue(pd.Series([100.0, 0.0], index=days))
    >>> [round(float(model.loc[day, column]), 6)
    ...  for day, column in (("2025-09-01", "fatigue"), ("2025-09-02", "form"))]
    [13.31221, -10.959379]
    """
    if long_days <= 0 or short_days <= 0:
        raise ValueError("the time constants must be positive numbers of days")
    values = stress.astype(float).to_numpy()
    if not np.isfinite(values).all():
        raise ValueError("stress must be a finite number every day (0 on rest days)")
    index = pd.DatetimeIndex(stress.index)
    if len(index) > 1 and (np.diff(index.asi8) != np.diff(index.asi8)[0]).any():
        raise ValueError("stress must have one value for every consecutive day")
    first = index[0] - pd.Timedelta(days=1)
    extra = 1 if form_next_day else 0
    days = pd.date_range(first, periods=len(values) + 1 + extra, freq="D").as_unit("us")
    series = np.concatenate([[0.0], values, np.zeros(extra)])
    a_long, a_short = math.exp(-1.0 / long_days), math.exp(-1.0 / short_days)
    fitness, fatigue = np.zeros(len(series)), np.zeros(len(series))
    last_long = last_short = 0.0
    for day, load in enumerate(series):
        last_long = fitness[day] = load * (1.0 - a_long) + last_long * a_long
        last_short = fatigue[day] = load * (1.0 - a_short) + last_short * a_short
    form = fitness - fatigue
    if form_next_day:
        form = np.concatenate([[0.0], form[:-1]])
    return pd.DataFrame({"stress": series, "fitness": fitness, "fatigue": fatigue,
                         "form": form}, index=days.rename("date"))


def acute_chronic_ratio(stress: pd.Series, *, acute_days: int = 7, chronic_days: int = 28,
                        coupled: bool = False) -> pd.Series:
    """The acute:chronic load ratio, a description of change, not an injury predictor.

    Acute load is the mean daily load over the last ``acute_days``; chronic load the mean
    over ``chronic_days``: *coupled*, those days include the acute ones (Gabbett 2016's
    form, which builds in a spurious correlation, Lolli et al. 2019); *uncoupled*, they
    are the days just before the acute window. The ratio is NA until the windows are
    fully covered by data, and where the chronic load is 0. Impellizzeri et al. (2021)
    found the ratio's links to injury no better than with made-up chronic loads.

    >>> days = pd.date_range("2025-09-01", periods=35)
    >>> float(acute_chronic_ratio(pd.Series([10.0] * 28 + [20.0] * 7, index=days)).iloc[-1])
    2.0
    """
    values = stress.astype(float)
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
    group : hipkit.group.Group
        From :func:`hipkit.load_group`.

    Returns
    -------
    (dict, dict)
        Runner -> ``(runs, log)`` for every runner with a readable export, and runner ->
        the error text for exports that could not be read. Runners without an export
        are in neither: their running is unknown, not zero.
    """
    from hipkit.activities import read_activities
    from hipkit.errors import DataFileError

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
