"""Fitness, fatigue and form from one method's daily load, and the acute:chronic ratio.

The fitness / fatigue / form model is GoldenCheetah's Performance Manager
(``src/Metrics/PMCData.cpp``, ``goldencheetah_pmc``): daily stress smoothed with
``alpha = 1 - exp(-1/days)`` over 42 days (fitness) and 7 days (fatigue), starting the
day before the first session, and form = fitness - fatigue shown on the *following* day
by default, as GoldenCheetah does. Started from zero, the curves are still warming up
for the first 42 days: a runner who trained for years starts with a fitness of 0, so the
model's early form says nothing. :func:`fitness_fatigue` marks those days, or starts
from the runner's earlier weeks (``seed``). The names are hipkit's own. The daily load
comes from :func:`hipkit.runs.training_load.daily_load`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


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
