"""The muscle heatmap: every exercise against every muscle, its role and measured activation.

Axes-level: it takes an optional ``ax``, draws on it and returns it, so a lesson can put
it beside other charts. Colours and citations are shared with the other muscle charts
(:mod:`hipkit.views.muscle_chart_parts`).
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.patches import Rectangle

from hipkit.exercises.muscles import MuscleData
from hipkit.palette import CELL_EDGE
from hipkit.views.muscle_chart_parts import (
    _INK,
    _ax,
    _by_leg,
    _caption,
    _Citations,
    _measured,
    _role_handles,
    _summaries_by_leg,
    role_colour,
)

_NUMBERS_NOTE = ("Numbers: muscle activation measured with surface EMG, as a percentage of "
                 "a maximal voluntary isometric contraction (%MVIC): the lowest to highest "
                 "figure reported, sources in brackets; each leg a study measured on its own "
                 "(working, standing or not stated: a one-legged exercise's standing leg is "
                 "kept apart from its working leg). "
                 "Studies differ, so figures are never averaged. 'not measured': no study "
                 "found (missing, not zero).")


def muscle_heatmap(data: MuscleData | None = None, *, ax: Axes | None = None) -> Axes:
    """Draw every exercise against every muscle: its role, and measured activation.

    Each muscle is one column, drawn as one artist (a collection of cells, ``gid`` the
    muscle id) whose cells are filled by role in lesson order of the exercises.

    Parameters
    ----------
    data : MuscleData, optional
        The tables to draw; by default the data shipped with hipkit.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when left out.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from hipkit.views.muscle_heatmap import muscle_heatmap
    >>> [c.get_gid() for c in muscle_heatmap().collections][:2]
    ['gluteus_maximus', 'gluteus_medius']
    """
    data = data or MuscleData.load()
    ax = _ax(ax, (11, 5.2))
    muscles, exercises = data.muscles, data.exercises
    roles = data.targets.pivot(index="exercise_id", columns="muscle_id", values="role")
    roles = roles.reindex(index=exercises["exercise_id"], columns=muscles["muscle_id"])
    summaries = _summaries_by_leg(data.activation)
    citations = _Citations(data)
    for column, muscle_id in enumerate(muscles["muscle_id"]):
        cells = [Rectangle((column - 0.5, row - 0.5), 1, 1) for row in range(len(exercises))]
        colours = [role_colour(role) for role in roles[muscle_id]]
        ax.add_collection(PatchCollection(cells, facecolors=colours, edgecolors=CELL_EDGE,
                                          linewidths=1, gid=muscle_id, label=muscle_id))
        for row, exercise_id in enumerate(exercises["exercise_id"]):
            role = roles.at[exercise_id, muscle_id]
            role = None if pd.isna(role) else role
            legs = [] if role is None else _by_leg(summaries, (exercise_id, muscle_id))
            if role is None:
                text = "—"
            elif not legs:
                text = f"{role}\nnot measured"
            elif [leg for leg, _ in legs] == ["working"]:
                text = f"{role}\n" + _measured(legs[0][1], citations, sep="\n")
            else:  # a line per leg, short enough for the cell: the unit goes up to the role
                text = f"{role} · %MVIC\n" + "\n".join(
                    f"{leg} " + _measured(figures, citations).replace(" %MVIC", "")
                    for leg, figures in legs)
            ax.text(column, row, text, ha="center", va="center",
                    fontsize=7.5 if len(legs) > 1 else 8.5, color=_INK[role],
                    linespacing=1.3)
    ax.set_xlim(-0.5, len(muscles) - 0.5)
    ax.set_ylim(len(exercises) - 0.5, -0.5)
    ax.set_xticks(range(len(muscles)), muscles["short_name"].tolist())
    ax.set_yticks(range(len(exercises)), exercises["name"].tolist())
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title("Which muscles each exercise works", pad=28, loc="left", fontsize=12)
    ax.legend(handles=_role_handles(include_not_listed=True), loc="upper left",
              bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8.5,
              title="Colour = role (the pack's classification)", title_fontsize=9,
              alignment="left")
    _caption(ax, textwrap.fill(_NUMBERS_NOTE, 150) + "\n" + citations.caption(150))
    return ax
