"""Running weeks beside hip sessions, for one runner or a group, and pairing the group's runs.

:func:`weekly_running_and_hips` puts each week's running volume beside its hip sessions
and marks the big running weeks; :func:`pair_group_runs` matches a group's logs with each
runner's run export for :func:`group_running_weeks`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from hipkit.runs.activities import runs_only


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
