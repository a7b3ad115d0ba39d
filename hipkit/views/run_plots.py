"""Charts of the runs beside the hip work, each drawn on one matplotlib Axes.

Each function takes a table from :mod:`hipkit.runs.training_load`, draws on ``ax`` (a new
figure when it is ``None``) and returns the Axes. Colours are Okabe and Ito's
colour-blind-safe palette with hatching, as in :mod:`hipkit.views.log_plots`; runner names are
drawn as plain text, never as mathtext.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from hipkit.palette import BLACK, GAP_GREY, HEATMAP_DARK_INK, HEATMAP_LIGHT_INK, RUNS_CMAP, WHITE
from hipkit.runs.training_load import UNITS
from hipkit.views.log_plots import HATCHES, PALETTE, _axes, day_month

RUN_COLOUR, HIP_COLOUR, DROPPED_COLOUR = PALETTE[0], PALETTE[1], PALETTE[5]
#: Gaps (unscored days) and the warm-up shading: grey, no unit's colour.
GAP_COLOUR = GAP_GREY


def plot_running_and_hips(weekly: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Weekly running distance (bars) beside the week's hip sessions (dots above).

    Bars of big weeks are hatched; a week whose hip work was dropped has its count in
    vermilion with a cross. ``weekly`` comes from
    :func:`hipkit.runs.running_weeks.weekly_running_and_hips`.

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
            bar.set_edgecolor(WHITE)
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
        Patch(facecolor=RUN_COLOUR, hatch="//", edgecolor=WHITE,
              label="big week (> 30 % up)"),
        ax.scatter([], [], color=HIP_COLOUR, marker="o", label="hip sessions done"),
        ax.scatter([], [], color=DROPPED_COLOUR, marker="X", label="hip work dropped"),
    ], loc="upper center", bbox_to_anchor=(0.5, -0.18), fontsize="small", ncols=4,
        frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_load(daily: pd.DataFrame, model: pd.DataFrame | None = None, *,
              ax: Axes | None = None) -> Axes:
    """One method's daily load, runs and hip work stacked, with fitness and fatigue.

    A chart holds one unit: ``daily`` is one series of
    :func:`hipkit.runs.training_load.daily_load` (its ``method`` column names it), and a
    table mixing methods is refused. A day whose load is unknown (an unscored session)
    is a gap with a grey mark at the foot of the axis, counted in the legend; days
    ``model`` marks as warming up are shaded. ``model`` comes from
    :func:`hipkit.runs.fitness_model.fitness_fatigue`.

    Examples
    --------
    >>> daily = pd.DataFrame({"run_load": [200.0, None], "hip_load": [0.0, 100.0],
    ...                       "method": ["session-RPE", "session-RPE"], "unscored": [0, 1]},
    ...                      index=pd.to_datetime(["2025-09-01", "2025-09-02"]))
    >>> ax = plot_load(daily)
    >>> ax.get_ylabel().splitlines()[0]
    'session-RPE load'
    """
    method = _one_method(daily)
    ax = _axes(ax, (9, 4))
    days = daily.index
    handles = _load_bars(ax, daily, days)
    if model is not None:
        handles[2:2] = _warm_up(ax, model)
        for column, colour, style in (("fitness", BLACK, "-"), ("fatigue", PALETTE[3], "--")):
            (line,) = ax.plot(model.index, _from_first_load(model, column), color=colour,
                              linestyle=style, linewidth=2, label=column)
            handles.append(line)
    return _finish_load_axes(ax, method, f"Daily load, one unit: {method}", days, handles)


def _finish_load_axes(ax: Axes, method: str, title: str, days, handles: list) -> Axes:
    """The unit on the y axis, the title, week ticks and the legend below the chart."""
    ax.set_ylabel(UNITS[method])
    ax.set_title(title)
    _week_ticks(ax, days)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1),
              fontsize="small", ncols=3, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _week_ticks(ax: Axes, days) -> None:
    """A tick every week, or every second week on a long span, so labels never overlap."""
    step = 7 if (days.max() - days.min()).days <= 70 else 14
    ticks = pd.date_range(days.min(), days.max(), freq=f"{step}D")
    ax.set_xticks(ticks, [day_month(day) for day in ticks])


def _one_method(daily: pd.DataFrame) -> str:
    """The single method a daily table is scored by; a mixed table is refused."""
    methods = set(daily["method"].astype(str)) - {""}
    if len(methods) != 1 or not methods <= set(UNITS):
        raise ValueError("a load chart draws one unit: give it one method's series "
                         f"(daily_load(..., method=...)), not {sorted(methods)}")
    return methods.pop()


def _load_bars(ax: Axes, daily: pd.DataFrame, days, *, alpha=None) -> list:
    """Stacked run and hip bars; unknown days left as gaps with a grey mark."""
    run = daily["run_load"].astype("Float64").astype(float)
    hip = daily["hip_load"].astype("Float64").astype(float)
    ax.bar(days, run.fillna(0.0), width=0.8, color=RUN_COLOUR, alpha=alpha, label="runs")
    ax.bar(days, hip, bottom=run.fillna(0.0), width=0.8, color=HIP_COLOUR,
           hatch=HATCHES[2], edgecolor=WHITE, alpha=alpha, label="hip work")
    handles = [Patch(color=RUN_COLOUR, label="runs")]
    if hip.fillna(0.0).sum() > 0:
        handles.append(Patch(facecolor=HIP_COLOUR, hatch=HATCHES[2], edgecolor=WHITE,
                             label="hip work"))
    unscored = daily["unscored"].astype(int) if "unscored" in daily else None
    if unscored is not None and unscored.sum():
        gaps = days[(unscored > 0).to_numpy()]
        count = int(unscored.sum())
        (marks,) = ax.plot(gaps, [0] * len(gaps), linestyle="none", marker="|",
                           markersize=14, markeredgewidth=2.5, color=GAP_COLOUR,
                           clip_on=False,
                           label=f"not scored: {count} session{'s' if count != 1 else ''} "
                                 "(a gap: missing, not 0)")
        handles.append(marks)
    return handles


def _from_first_load(model: pd.DataFrame, column: str) -> pd.Series:
    """A curve left undrawn until the first known load when unknown days come before it:
    a row of zeros there would claim rest where the load was not known."""
    stress = model["stress"].astype("Float64")
    curve = model[column].astype(float)
    loaded = (stress.fillna(0.0) > 0).to_numpy()
    before = ~loaded.cumsum().astype(bool)
    if (stress.isna().to_numpy() & before).any():
        curve = curve.where(~before)
    return curve


def _warm_up(ax: Axes, model: pd.DataFrame) -> list:
    """Shade the days a zero start still drags the curves down."""
    if "warming_up" not in model or not model["warming_up"].any():
        return []
    warm = model.index[model["warming_up"].to_numpy(dtype=bool)]
    span = ax.axvspan(warm.min(), warm.max(), color=GAP_COLOUR, alpha=0.15, linewidth=0,
                      label="model warming up (started from 0)")
    return [span]


def plot_projection(table: pd.DataFrame, model: pd.DataFrame, *,
                    ax: Axes | None = None) -> Axes:
    """What was logged, then what the plan expects, on one method's curve.

    Planned days' bars are paler; the fitness and fatigue curves are solid over the
    logged days and dotted over the planned ones; a line marks the last logged day.
    ``table`` comes from :func:`hipkit.runs.plan_projection.project_load` and ``model`` from
    :func:`hipkit.runs.fitness_model.fitness_fatigue` on its ``load``.

    Examples
    --------
    >>> table = pd.DataFrame({"run_load": [200.0, 0.0], "hip_load": [0.0, 90.0],
    ...     "load": [200.0, 90.0], "method": ["session-RPE"] * 2, "unscored": [0, 0],
    ...     "planned": [False, True], "runs_assumed": [False, False]},
    ...     index=pd.to_datetime(["2026-02-01", "2026-02-02"]))
    >>> from hipkit.runs.fitness_model import fitness_fatigue
    >>> ax = plot_projection(table, fitness_fatigue(table["load"]))
    >>> [line.get_label() for line in ax.lines][:4]
    ['fitness (logged)', 'fitness (planned)', 'fatigue (logged)', 'fatigue (planned)']
    """
    method = _one_method(table)
    ax = _axes(ax, (9, 4))
    planned = table["planned"].to_numpy(dtype=bool)
    days = table.index
    handles = _load_bars(ax, table[~planned], days[~planned])
    _load_bars(ax, table[planned], days[planned], alpha=0.45)
    handles.append(Patch(facecolor=HIP_COLOUR, alpha=0.45, hatch=HATCHES[2],
                         edgecolor=WHITE, label="planned (expected)"))
    last = days[~planned].max() if (~planned).any() else days.min()
    for column, colour in (("fitness", BLACK), ("fatigue", PALETTE[3])):
        curve = _from_first_load(model, column)
        done = curve[model.index <= last]
        ahead = curve[model.index >= last]
        (solid,) = ax.plot(done.index, done, color=colour, linewidth=2,
                           label=f"{column} (logged)")
        (dotted,) = ax.plot(ahead.index, ahead, color=colour, linewidth=2, linestyle=":",
                            label=f"{column} (planned)")
        handles += [solid, dotted]
    ax.axvline(last, color=GAP_COLOUR, linewidth=1)
    ax.annotate("last logged day", (last, 1), xycoords=("data", "axes fraction"),
                xytext=(4, -12), textcoords="offset points", fontsize="small",
                color=BLACK)
    if table["runs_assumed"].any():
        handles.append(Patch(color=RUN_COLOUR, alpha=0.45,
                             label="runs ahead assumed like the last weeks"))
    return _finish_load_axes(ax, method, f"The plan ahead ({method}): logged, then expected",
                             days, handles)


def plot_group_weeks(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """A coach's grid: one row per runner, one column per week.

    The cell's shade is the week's running distance; the number is the hip sessions
    done; a dropped week is outlined in vermilion and a big running week hatched.
    ``table`` comes from :func:`hipkit.runs.running_weeks.group_running_weeks`.

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
    image = ax.imshow(km.to_numpy(dtype=float), cmap=RUNS_CMAP, aspect="auto", vmin=0)
    for (row, column), count in np.ndenumerate(sessions.to_numpy(dtype=float)):
        if np.isnan(count):
            continue
        shade = km.to_numpy(dtype=float)[row, column]
        dark = shade > 0.6 * np.nanmax(km.to_numpy(dtype=float))
        ax.text(column, row, str(int(count)), ha="center", va="center",
                color=HEATMAP_LIGHT_INK if dark else HEATMAP_DARK_INK, parse_math=False)
        if big is not None and bool(big.to_numpy()[row, column]):
            ax.add_patch(Rectangle((column - 0.5, row - 0.5), 1, 1, fill=False, hatch="//",
                                   edgecolor=WHITE, linewidth=0))
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
