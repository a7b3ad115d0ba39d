"""Charts of the runs beside the hip work, each drawn on one matplotlib Axes.

Each function takes a table from :mod:`hipkit.training_load`, draws on ``ax`` (a new
figure when it is ``None``) and returns the Axes. Colours are Okabe and Ito's
colour-blind-safe palette with hatching, as in :mod:`hipkit.log_plots`; runner names are
drawn as plain text, never as mathtext.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from hipkit.log_plots import HATCHES, PALETTE, _axes, day_month
from hipkit.training_load import TRIMP

RUN_COLOUR, HIP_COLOUR, DROPPED_COLOUR = PALETTE[0], PALETTE[1], PALETTE[5]


def plot_running_and_hips(weekly: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Weekly running distance (bars) beside the week's hip sessions (dots above).

    Bars of big weeks are hatched; a week whose hip work was dropped has its count in
    vermilion with a cross. ``weekly`` comes from
    :func:`hipkit.training_load.weekly_running_and_hips`.

    Examples
    --------
    >>> weekly = pd.DataFrame({"run_km": [20.0, 30.0], "hip_sessions": [3, 1],
    ...                        "hip_dropped": [False, True], "big_week": [False, True]},
    ...                       index=pd.to_datetime(["2025-09-01", "2025-09-08"]))
    >>> ax = plot_running_and_hips(weekly)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['1 Sep', '8 Sep']
    """
    ax = _axes(ax, (8, 4))
    x = np.arange(len(weekly))
    bars = ax.bar(x, weekly["run_km"].astype(float), color=RUN_COLOUR, width=0.6,
                  label="running (km)")
    for bar, big in zip(bars, weekly["big_week"], strict=True):
        if big:
            bar.set_hatch("//")
            bar.set_edgecolor("white")
    top = float(weekly["run_km"].max()) if len(weekly) else 1.0
    level = top * 1.12 if top > 0 else 1.0
    for position, count, dropped in zip(x, weekly["hip_sessions"], weekly["hip_dropped"],
                                        strict=True):
        colour = DROPPED_COLOUR if dropped else HIP_COLOUR
        ax.scatter([position], [level], s=90 + 60 * int(count), color=colour,
                   marker="X" if dropped else "o", zorder=3)
        ax.annotate(str(int(count)), (position, level), xytext=(0, 11),
                    textcoords="offset points", ha="center", color=colour)
    ax.set_ylim(0, level * 1.15)
    ax.set_xticks(x, [day_month(day) for day in weekly.index])
    ax.set_xlabel("week starting (Monday)")
    ax.set_ylabel("running distance (km)")
    ax.set_title("Running per week, hip sessions above each bar")
    ax.legend(handles=[
        Patch(color=RUN_COLOUR, label="km run"),
        Patch(facecolor=RUN_COLOUR, hatch="//", edgecolor="white",
              label="big week (> 30 % up)"),
        ax.scatter([], [], color=HIP_COLOUR, marker="o", label="hip sessions done"),
        ax.scatter([], [], color=DROPPED_COLOUR, marker="X", label="hip work dropped"),
    ], loc="upper center", bbox_to_anchor=(0.5, -0.18), fontsize="small", ncols=4,
        frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_load(daily: pd.DataFrame, model: pd.DataFrame | None = None, *,
              ax: Axes | None = None) -> Axes:
    """Daily load, runs and hip work stacked, with the fitness and fatigue curves.

    Days scored (partly) by heart rate (TRIMP) instead of session-RPE have their run bar
    cross-hatched, so the two units never look alike. ``daily`` comes from
    :func:`hipkit.training_load.daily_load`, ``model`` from
    :func:`hipkit.training_load.fitness_fatigue`.

    Examples
    --------
    >>> daily = pd.DataFrame({"run_load": [200.0, 0.0], "hip_load": [0.0, 100.0],
    ...                       "method": ["session-RPE", "session-RPE"]},
    ...                      index=pd.to_datetime(["2025-09-01", "2025-09-02"]))
    >>> ax = plot_load(daily)
    >>> len(ax.patches)
    4
    """
    ax = _axes(ax, (9, 4))
    days = daily.index
    run = daily["run_load"].astype(float)
    hip = daily["hip_load"].astype(float)
    run_bars = ax.bar(days, run, width=0.8, color=RUN_COLOUR, label="runs")
    ax.bar(days, hip, bottom=run, width=0.8, color=HIP_COLOUR, hatch=HATCHES[2],
           edgecolor="white", label="hip work")
    for bar, method in zip(run_bars, daily["method"], strict=True):
        if TRIMP in str(method):
            bar.set_hatch("xx")
            bar.set_edgecolor("white")
    handles = [Patch(color=RUN_COLOUR, label="runs (session-RPE)"),
               Patch(facecolor=HIP_COLOUR, hatch=HATCHES[2], edgecolor="white",
                     label="hip work (session-RPE)")]
    if daily["method"].astype(str).str.contains(TRIMP, regex=False).any():
        handles.append(Patch(facecolor=RUN_COLOUR, hatch="xx", edgecolor="white",
                             label="runs scored by heart rate (TRIMP)"))
    if model is not None:
        for column, colour, style in (("fitness", "black", "-"), ("fatigue", PALETTE[3], "--")):
            (line,) = ax.plot(model.index, model[column], color=colour, linestyle=style,
                              linewidth=2, label=column)
            handles.append(line)
    ax.set_ylabel("load (RPE x minutes, arbitrary units)")
    ax.set_title("Daily load: runs and hip work on one scale")
    ticks = pd.date_range(days.min(), days.max(), freq="7D")
    ax.set_xticks(ticks, [day_month(day) for day in ticks])
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1),
              fontsize="small", ncols=3, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_group_weeks(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """A coach's grid: one row per runner, one column per week.

    The cell's shade is the week's running distance; the number is the hip sessions
    done; a dropped week is outlined in vermilion and a big running week hatched.
    ``table`` comes from :func:`hipkit.training_load.group_running_weeks`.

    Examples
    --------
    >>> table = pd.DataFrame({"runner": ["Ana $x$", "Ana $x$"],
    ...     "week_start": pd.to_datetime(["2026-02-02", "2026-02-09"]),
    ...     "run_km": [20.0, 25.0], "hip_sessions": [3, 1],
    ...     "hip_dropped": [False, True]})
    >>> ax = plot_group_weeks(table)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Ana $x$']
    """
    ax = _axes(ax, (9, 0.6 * table["runner"].nunique() + 1.6))
    km = table.pivot(index="runner", columns="week_start", values="run_km")
    sessions = table.pivot(index="runner", columns="week_start", values="hip_sessions")
    dropped = table.pivot(index="runner", columns="week_start", values="hip_dropped")
    big = (table.pivot(index="runner", columns="week_start", values="big_week")
           if "big_week" in table.columns else None)
    image = ax.imshow(km.to_numpy(dtype=float), cmap="Blues", aspect="auto", vmin=0)
    for (row, column), count in np.ndenumerate(sessions.to_numpy(dtype=float)):
        if np.isnan(count):
            continue
        shade = km.to_numpy(dtype=float)[row, column]
        dark = shade > 0.6 * np.nanmax(km.to_numpy(dtype=float))
        ax.text(column, row, str(int(count)), ha="center", va="center",
                color="white" if dark else "black", parse_math=False)
        if big is not None and bool(big.to_numpy()[row, column]):
            ax.add_patch(Rectangle((column - 0.5, row - 0.5), 1, 1, fill=False, hatch="//",
                                   edgecolor="white", linewidth=0))
        if bool(dropped.to_numpy()[row, column]):
            ax.add_patch(Rectangle((column - 0.5, row - 0.5), 1, 1, fill=False,
                                   edgecolor=DROPPED_COLOUR, linewidth=2.5))
    ax.set_xticks(range(km.shape[1]), [day_month(day) for day in km.columns])
    ax.set_yticks(range(km.shape[0]), list(km.index))
    for label in ax.get_yticklabels():  # a runner called "$x$" is shown as typed
        label.set_parse_math(False)
    ax.set_xlabel("week starting (Monday)")
    ax.set_title("Group: km run (shade), hip sessions (number); outlined = hip work "
                 "dropped, hatched = big running week", fontsize="medium")
    ax.figure.colorbar(image, ax=ax, label="km run in the week")
    return ax
