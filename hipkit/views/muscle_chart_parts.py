"""What every muscle chart shares: role colours and meanings, the legend, the citations.

Colour always means the muscle's *role* (the pack's classification), from dark (target)
to light (stabilizer), so the charts read in greyscale and for colour-blind viewers;
every measured figure is printed as a number with its numbered source
(:func:`format_activation`), and the sources are listed under the chart. The charts are
:mod:`hipkit.views.muscle_heatmap`, :mod:`hipkit.views.body_map` and
:mod:`hipkit.views.exercise_ranking`.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from hipkit.exercises.muscles import ROLES, WORKING_LEGS, MuscleData, activation_summary
from hipkit.palette import (
    CAPTION_INK,
    HIGHLIGHT,
    LEGEND_EDGE,
    NOT_LISTED_FILL,
    NOT_LISTED_INK,
    ROLE_STABILIZER,
    ROLE_STABILIZER_INK,
    ROLE_SYNERGIST,
    ROLE_SYNERGIST_INK,
    ROLE_TARGET,
    ROLE_TARGET_INK,
)

#: Fill of each role, sampled from the cividis colour map (made for colour-blind viewers),
#: dark to light so the order survives greyscale printing.
ROLE_COLOURS = {"target": ROLE_TARGET, "synergist": ROLE_SYNERGIST, "stabilizer": ROLE_STABILIZER}
#: Fill of a muscle the pack does not list for the exercise.
NOT_LISTED_COLOUR = NOT_LISTED_FILL
#: Text colour that reads on each fill.
_INK = {"target": ROLE_TARGET_INK, "synergist": ROLE_SYNERGIST_INK,
        "stabilizer": ROLE_STABILIZER_INK, None: NOT_LISTED_INK}
ROLE_MEANINGS = {
    "target": "the muscle the exercise is chosen to work",
    "synergist": "helps the target make the movement",
    "stabilizer": "holds a joint or your posture still",
    None: "the pack does not count it for this exercise",
}
HIGHLIGHT_COLOUR = HIGHLIGHT
#: A rule of thumb, not a law: about 40 %MVIC or more is suggested for strength gains
#: (stated in the bilateral/unilateral gluteus medius abstract).
STRENGTH_THRESHOLD = 40.0
STRENGTH_THRESHOLD_SOURCE = "bilateral_unilateral_gmed"
#: A primary study that sorts exercises by a similar cut-off (45 %MVIC).
CUT_OFF_SOURCE = "ekstrom2007"


def role_colour(role: str | None) -> str:
    """Return the fill used for ``role`` (``None`` or NA: the muscle is not listed)."""
    return NOT_LISTED_COLOUR if role is None or pd.isna(role) else ROLE_COLOURS[role]


def format_activation(lowest: float | None, highest: float | None) -> str:
    """Write a measured range as a runner reads it, or say it was not measured.

    Examples
    --------
    >>> format_activation(14.7, 28.0), format_activation(25.0, 25.0), format_activation(None, None)
    ('14.7–28 %MVIC', '25 %MVIC', 'not measured')
    """
    if lowest is None or pd.isna(lowest):
        return "not measured"
    # As the studies print them (one decimal at most): 99.9 must not read as 100.
    low, high = (f"{value:.1f}".removesuffix(".0") for value in (lowest, highest))
    return f"{high} %MVIC" if low == high else f"{low}–{high} %MVIC"


class _Citations:
    """Numbers sources the same way in every chart and lists the ones a chart cites.

    Every source of ``activation.csv`` (and of the strength rule of thumb) gets a number
    in the order of ``sources.csv``, so [1] means the same study in every chart.
    """

    def __init__(self, data: MuscleData):
        used = {*data.activation["source_id"], STRENGTH_THRESHOLD_SOURCE, CUT_OFF_SOURCE}
        self.sources = data.sources.set_index("id")
        self.numbers = {source_id: number for number, source_id in
                        enumerate((s for s in data.sources["id"] if s in used), start=1)}
        self.cited: set[str] = set()

    def cite(self, source_ids: str) -> str:
        """Return ``"[1,2]"`` for ``"a; b"`` and remember them for the caption."""
        ids = {s.strip() for s in source_ids.split(";")}
        self.cited |= ids
        return "[" + ",".join(str(n) for n in sorted(self.numbers[s] for s in ids)) + "]"

    def caption(self, width: int) -> str:
        """List the cited sources, or return ``""`` when the chart cites none."""
        lines = []
        for source_id in sorted(self.cited, key=self.numbers.__getitem__):
            row = self.sources.loc[source_id]
            author = "" if pd.isna(row["author"]) else f"{row['author']} "
            year = "" if pd.isna(row["year"]) else f"({row['year']}) "
            lines.append(textwrap.fill(f"[{self.numbers[source_id]}] {author}{year}"
                                       f"{row['title']}. Source id: {source_id}.", width,
                                       subsequent_indent="     "))
        return "Sources:\n" + "\n".join(lines) if lines else ""


def _measured(figures: pd.Series, citations: _Citations, sep: str = " ") -> str:
    """``"14.7–28 %MVIC [3,4]"`` from a row with ``lowest``, ``highest`` and ``source_ids``."""
    return (f"{format_activation(figures['lowest'], figures['highest'])}{sep}"
            f"{citations.cite(figures['source_ids'])}")


#: How a chart names each leg a study measured (as the muscle lookup's table does).
_LEG_NAMES = {"working": "working leg", "standing": "standing leg",
              "not stated": "leg not stated"}


def _summaries_by_leg(activation: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """:func:`activation_summary` of each leg in :data:`WORKING_LEGS` on its own."""
    return {leg: activation_summary(activation[activation["leg"] == leg])
            for leg in WORKING_LEGS}


def _by_leg(summaries: dict[str, pd.DataFrame],
            pair: tuple[str, str]) -> list[tuple[str, pd.Series]]:
    """Each leg measured for one exercise x muscle, with its figures, in leg order.

    A study that measured both legs of a one-legged exercise gives two muscles' work (the
    kicking leg's and the standing leg's), so a chart shows each leg's range on its own
    and never joins them into one.
    """
    return [(leg, summaries[leg].loc[pair]) for leg in WORKING_LEGS
            if pair in summaries[leg].index]


def _in_sentence(name: str) -> str:
    """``"Tensor fasciae latae (TFL)"`` as it reads mid-sentence, keeping the TFL capital."""
    return name[:1].lower() + name[1:]


def _ax(ax: Axes | None, size: tuple[float, float]) -> Axes:
    return plt.subplots(figsize=size)[1] if ax is None else ax


def _caption(ax: Axes, text: str, offset: float = -8) -> None:
    ax.annotate(text, xy=(0, 0), xycoords="axes fraction", xytext=(0, offset),
                textcoords="offset points", va="top", ha="left", fontsize=8, color=CAPTION_INK)


def _role_handles(include_not_listed: bool) -> list[Patch]:
    roles: list[str | None] = [*ROLES, None] if include_not_listed else list(ROLES)
    return [Patch(facecolor=role_colour(role), edgecolor=LEGEND_EDGE,
                  label=f"{role or 'not listed'}: {ROLE_MEANINGS[role]}") for role in roles]
