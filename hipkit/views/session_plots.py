"""Charts of what one session of each exercise asks of a runner."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from hipkit.exercises.session_plan import session_volume
from hipkit.palette import BAR_EDGE, OKABE_GREEN, OKABE_ORANGE, OKABE_SKY

# Okabe-Ito colours stay distinct for colour-blind readers; the hatches keep the
# purposes apart when a handout is printed in greyscale.
PURPOSE_STYLE = {
    "awareness": {"color": OKABE_SKY, "hatch": ".."},
    "strength": {"color": OKABE_ORANGE, "hatch": "//"},
    "awareness and strength": {"color": OKABE_GREEN, "hatch": "xx"},
}


def plot_session_volume(volume: pd.DataFrame | None = None, ax: Axes | None = None) -> Axes:
    """Draw the repetitions in one session of each exercise, coloured by purpose.

    Parameters
    ----------
    volume : pandas.DataFrame, optional
        The output of :func:`hipkit.exercises.session_plan.session_volume`; read from the
        shipped data by default.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        One horizontal bar per exercise, in lesson order from the top.

    Examples
    --------
    >>> ax = plot_session_volume()
    >>> len(ax.patches)
    4
    """
    volume = session_volume() if volume is None else volume
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.2), layout="constrained")
    positions = range(len(volume))[::-1]
    for y, row in zip(positions, volume.itertuples(), strict=True):
        style = PURPOSE_STYLE[str(row.purpose)]
        ax.barh(y, row.reps, color=style["color"], hatch=style["hatch"], edgecolor=BAR_EDGE)
        label = f"{row.reps} {row.rep_label} in {row.blocks} block{'s' if row.blocks > 1 else ''}"
        if row.top_pick:
            label += "  ★ top pick"
        ax.text(row.reps + 2, y, label, va="center", fontsize=9, parse_math=False)
    # Exercise names come from a coach's files: a "$" in one is text, never mathtext.
    ax.set_yticks(list(positions), volume["name"].tolist(), parse_math=False)
    ax.set_xlim(0, volume["reps"].max() * 1.6)
    ax.set_xlabel("repetitions in one session (coach's dosage; a hip-circle repetition is "
                  "one circle each way)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(handles=[Patch(facecolor=s["color"], hatch=s["hatch"], edgecolor=BAR_EDGE,
                             label=purpose) for purpose, s in PURPOSE_STYLE.items()],
              title="mainly trains", loc="lower right", fontsize=8, title_fontsize=8)
    return ax
