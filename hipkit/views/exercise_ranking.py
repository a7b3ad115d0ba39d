"""The exercise ranking: the exercises for one muscle, every study's figure with its spread.

Axes-level: it takes an optional ``ax``, draws on it and returns it. Colours and
citations are shared with the other muscle charts (:mod:`hipkit.views.muscle_chart_parts`).
"""

from __future__ import annotations

import re
import textwrap

import matplotlib.patheffects as path_effects
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from hipkit.exercises.muscles import WORKING_LEGS, MuscleData
from hipkit.palette import BLACK, NOTE_INK, TARGET_TICK_INK, WHITE
from hipkit.views.muscle_chart_parts import (
    CUT_OFF_SOURCE,
    STRENGTH_THRESHOLD,
    STRENGTH_THRESHOLD_SOURCE,
    _ax,
    _caption,
    _Citations,
    _in_sentence,
    format_activation,
)

#: How the activation table names a study exercise done against an added load.
LOADED_PATTERN = re.compile(r"repetition maximum|\bRM\b")
_UNLOADED_STYLE = {"marker": "o", "markersize": 7, "markerfacecolor": WHITE,
                   "markeredgecolor": BLACK}
_LOADED_STYLE = {"marker": "s", "markersize": 7, "markerfacecolor": BLACK,
                 "markeredgecolor": BLACK}


def is_loaded(study_exercise: str) -> bool:
    """Whether a study's exercise was done against an added load.

    The activation table names a load in the study's exercise ("... at 10-repetition
    maximum"); the pack's own exercises use none (or an ankle band).

    Examples
    --------
    >>> is_loaded("side-lying hip abduction at 10-repetition maximum"), is_loaded("lunge")
    (True, False)
    """
    return bool(LOADED_PATTERN.search(study_exercise))


def exercise_ranking_chart(muscle_id: str, *, data: MuscleData | None = None,
                           ax: Axes | None = None) -> Axes:
    """Rank the exercises for one muscle, showing every study's figure with its spread.

    Each exercise gets a row; within it each study's figure sits on its own line: a mean
    with its SD as error bars (a hollow circle when the study used no added load, a
    filled square when it did, e.g. a 10-repetition maximum), a mean with no SD given,
    or a review table's range across studies as a capped line. No figure is averaged or
    reduced to a single bar. Rows follow :func:`hipkit.exercises.muscles.rank_exercises` (highest
    figure first), so a loaded study can lift an exercise: the markers show when it does.
    Exercises nobody measured sit below, with no marker. A dashed line marks the 40 %MVIC
    rule of thumb for strength gains.

    Parameters
    ----------
    muscle_id : str
        The muscle to rank exercises for.
    data : MuscleData, optional
        The tables to draw; by default the data shipped with hipkit.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when left out.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from hipkit.views.exercise_ranking import exercise_ranking_chart
    >>> ax = exercise_ranking_chart("gluteus_maximus")
    >>> [t.get_text() for t in ax.get_yticklabels()][0]
    'Single-leg bridge\\n(target)'
    """
    data = data or MuscleData.load()
    ranking = data.rank_exercises(muscle_id)
    figures = data.activation[(data.activation["muscle_id"] == muscle_id)
                              & data.activation["leg"].isin(WORKING_LEGS)]
    counts = [max(int((figures["exercise_id"] == e).sum()), 1) for e in ranking["exercise_id"]]
    ax = _ax(ax, (9, 1.4 + 0.42 * sum(counts) + 0.3 * len(counts)))
    names = data.exercises.set_index("exercise_id")["name"]
    muscle = data.muscles.set_index("muscle_id").loc[muscle_id]
    citations = _Citations(data)
    reach = (figures["pct_mvic_mean"].fillna(0) + figures["pct_mvic_sd"].fillna(0)).tolist()
    reach += figures["pct_mvic_high"].dropna().tolist()
    right = max(110.0, max(reach, default=0.0) + 45)
    outline = [path_effects.Stroke(linewidth=3.5, foreground=BLACK), path_effects.Normal()]
    tops, top = [], 0.0
    for (_, ranked), count in zip(ranking.iterrows(), counts, strict=True):
        tops.append(top)
        own = figures[figures["exercise_id"] == ranked["exercise_id"]]
        if own.empty:
            ax.text(2, top, f"not measured · {ranked['role']}", va="center", fontsize=8.5,
                    style="italic", color=NOTE_INK)
        for line, (_, figure) in enumerate(own.iterrows()):
            y = top + line
            cite = citations.cite(figure["source_id"])
            mean, sd = figure["pct_mvic_mean"], figure["pct_mvic_sd"]
            if pd.notna(mean):
                loaded = is_loaded(str(figure["study_exercise"]))
                style = _LOADED_STYLE if loaded else _UNLOADED_STYLE
                ax.errorbar(mean, y, xerr=None if pd.isna(sd) else sd, capsize=4,
                            elinewidth=1.2, ecolor=BLACK, zorder=3, gid="loaded" if loaded
                            else "unloaded", **style)
                spread = f" ± {format_activation(sd, sd).removesuffix(' %MVIC')}" \
                    if pd.notna(sd) else " (no SD given)"
                label = (f"{format_activation(mean, mean).removesuffix(' %MVIC')}{spread} "
                         f"{cite}{' · loaded (10RM)' if loaded else ''}")
                end = mean + (0 if pd.isna(sd) else sd)
            else:
                low, high = figure["pct_mvic_low"], figure["pct_mvic_high"]
                ax.plot([low, high], [y, y], color=WHITE, lw=2, marker="|", markersize=10,
                        zorder=3, path_effects=outline, gid="range")
                label = f"{format_activation(low, high).removesuffix(' %MVIC')} {cite} (range)"
                end = high
            ax.text(end + 3, y, label, va="center", fontsize=8, zorder=4,
                    bbox={"facecolor": WHITE, "edgecolor": "none", "pad": 0.5})
        top += count + 0.6
    threshold = citations.cite(STRENGTH_THRESHOLD_SOURCE)
    ax.axvline(STRENGTH_THRESHOLD, color=NOTE_INK, ls="--", lw=1, zorder=1)
    ax.text(STRENGTH_THRESHOLD + 1, -0.9, f"≈40 %MVIC: rule of thumb for strength {threshold}",
            fontsize=8, va="bottom", color=NOTE_INK)
    citations.cite(CUT_OFF_SOURCE)
    labels = [f"{names[e]}\n({role})" for e, role in zip(ranking["exercise_id"],
                                                         ranking["role"], strict=True)]
    centres = [t + (c - 1) / 2 for t, c in zip(tops, counts, strict=True)]
    ax.set_yticks(centres, labels)
    for tick, role in zip(ax.get_yticklabels(), ranking["role"], strict=True):
        tick.set_color(TARGET_TICK_INK if role == "target" else NOTE_INK)
    ax.set_ylim(max(top - 0.6, 0.5), -1.1)
    ax.set_xlim(0, right)
    ax.set_xlabel("Activation, % of a maximal voluntary isometric contraction (%MVIC)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"Exercises for the {_in_sentence(muscle['name'])}: every study's figure",
                 loc="left", fontsize=12)
    ax.legend(handles=[
        Line2D([], [], linestyle="none", label="study mean ± SD, no added load",
               **_UNLOADED_STYLE),
        Line2D([], [], linestyle="none", label="study mean ± SD, with an added load",
               **_LOADED_STYLE),
        Line2D([], [], color=BLACK, marker="|", markersize=10, lw=1.5,
               label="review table: range across studies")],
        loc="lower right", fontsize=7.5, frameon=True)
    note = ("Each line is one study's figure for a working leg, never averaged: studies set "
            "100 % differently and did a straight leg raise where the pack circles. Rows are "
            "ordered by the highest figure, which may be a loaded one. The 40 % line is a "
            "rule of thumb; Ekstrom et al. 2007 used 45 % as their cut-off.")
    _caption(ax, textwrap.fill(note, 120) + "\n" + citations.caption(120), offset=-34)
    return ax
