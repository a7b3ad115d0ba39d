"""A muscle lookup: pick a muscle to rank the exercises for it, or an exercise to map it.

:class:`MuscleLookup` holds the choice and answers it (tests and lessons drive it
directly); :class:`MuscleLookupView` is a thin ipywidgets layer that mirrors it.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import ipywidgets as widgets
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from hipkit.errors import UnknownIdError
from hipkit.exercises.data_files import DataDir
from hipkit.exercises.muscles import WORKING_LEGS, MuscleData, activation_summary
from hipkit.views.body_map import body_map
from hipkit.views.muscle_chart_parts import format_activation

#: How the table names each leg a study measured (see data/MUSCLES.md).
_LEG_NAMES = {"working": "working leg", "standing": "standing leg",
              "not stated": "leg not stated"}


def _figures_by_leg(activation: pd.DataFrame, exercise_id: str, muscle_id: str) -> str:
    """The measured range of one exercise x muscle, each leg's figures on their own.

    A study that measured both legs of a one-legged exercise gives two different
    muscles' work (the kicking leg's and the standing leg's), so the two ranges are never
    joined into one. Figures of the working leg alone read as a plain range.
    """
    rows = activation[(activation["exercise_id"] == exercise_id)
                      & (activation["muscle_id"] == muscle_id)
                      & activation["leg"].isin(WORKING_LEGS)]
    parts = []
    for leg in WORKING_LEGS:
        figures = rows[rows["leg"] == leg]
        if figures.empty:
            continue
        lowest = figures["pct_mvic_mean"].fillna(figures["pct_mvic_low"]).min()
        highest = figures["pct_mvic_mean"].fillna(figures["pct_mvic_high"]).max()
        parts.append((leg, format_activation(lowest, highest)))
    if not parts:
        return format_activation(None, None)
    if [leg for leg, _ in parts] == ["working"]:
        return parts[0][1]
    return "; ".join(f"{_LEG_NAMES[leg]} {text}" for leg, text in parts)


@dataclass
class MuscleLookup:
    """What the user picked, and the answer: a ranking of exercises or an exercise's muscles.

    Examples
    --------
    >>> lookup = MuscleLookup.load()
    >>> lookup.pick_muscle("gluteus_medius")
    >>> lookup.table()["Exercise"].tolist()[0]
    'Side-lying hip circles'
    """

    data: MuscleData
    mode: str = "muscle"
    muscle_id: str = ""
    exercise_id: str = ""
    _listeners: list[Callable[[MuscleLookup], None]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.muscle_id = self.muscle_id or str(self.data.muscles["muscle_id"].iloc[0])
        self.exercise_id = self.exercise_id or str(self.data.exercises["exercise_id"].iloc[0])

    @classmethod
    def load(cls, data_dir: DataDir = None) -> MuscleLookup:
        """A lookup over the data in ``data_dir`` (by default the data shipped with hipkit)."""
        return cls(MuscleData.load(data_dir))

    def subscribe(self, listener: Callable[[MuscleLookup], None]) -> None:
        """Call ``listener(self)`` after every change."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener(self)

    def pick_muscle(self, muscle_id: str) -> None:
        """Look up the exercises that work ``muscle_id``."""
        if muscle_id not in set(self.data.muscles["muscle_id"]):
            raise UnknownIdError("muscle_id", muscle_id, self.data.muscles["muscle_id"])
        self.mode, self.muscle_id = "muscle", muscle_id
        self._changed()

    def pick_exercise(self, exercise_id: str) -> None:
        """Look up the muscles that ``exercise_id`` works."""
        if exercise_id not in set(self.data.exercises["exercise_id"]):
            raise UnknownIdError("exercise_id", exercise_id,
                                 self.data.exercises["exercise_id"])
        self.mode, self.exercise_id = "exercise", exercise_id
        self._changed()

    def ranking(self) -> pd.DataFrame:
        """The exercises for the picked muscle, best first (see ``rank_exercises``)."""
        return self.data.rank_exercises(self.muscle_id)

    def table(self) -> pd.DataFrame:
        """The answer as a runner reads it, for the current mode.

        By muscle: ``Rank``, ``Exercise``, ``Role``, ``Measured activation``, ``Sources``.
        By exercise: ``Muscle``, ``Role``, ``Measured activation``, ``Sources``,
        ``For a runner``, the muscles in order of role (target first). ``Measured
        activation`` gives each leg a study measured its own range (the standing leg of
        a side kick apart from the kicking leg).
        """
        if self.mode == "muscle":
            ranking = self.ranking()
            names = self.data.exercises.set_index("exercise_id")["name"]
            return pd.DataFrame({
                "Rank": ranking["rank"],
                "Exercise": [names[e] for e in ranking["exercise_id"]],
                "Role": ranking["role"].astype(str),
                "Measured activation": [
                    _figures_by_leg(self.data.activation, exercise_id, self.muscle_id)
                    for exercise_id in ranking["exercise_id"]],
                "Sources": ranking["source_ids"].fillna("").str.replace(";", ",").tolist(),
            })
        worked = self.data.targets[self.data.targets["exercise_id"] == self.exercise_id]
        summary = activation_summary(self.data.activation)
        summary = summary[summary.index.get_level_values("exercise_id") == self.exercise_id]
        worked = worked.join(summary.droplevel("exercise_id"), on="muscle_id")
        muscles = self.data.muscles.set_index("muscle_id")
        return pd.DataFrame({
            "Muscle": [muscles.loc[m, "name"] for m in worked["muscle_id"]],
            "Role": worked["role"].astype(str).tolist(),
            "Measured activation": [_figures_by_leg(self.data.activation, self.exercise_id,
                                                    muscle_id)
                                    for muscle_id in worked["muscle_id"]],
            "Sources": worked["source_ids"].fillna("").str.replace(";", ",").tolist(),
            "For a runner": [muscles.loc[m, "runner_role"] for m in worked["muscle_id"]],
        })

    def draw(self, ax: Axes | None = None) -> Axes:
        """The body map of the answer: where the muscle sits, or what the exercise works."""
        if self.mode == "muscle":
            return body_map(highlight=self.muscle_id, data=self.data, ax=ax)
        return body_map(self.exercise_id, data=self.data, ax=ax)


_MODE_LABELS = {"By muscle": "muscle", "By exercise": "exercise"}


def _html_table(table: pd.DataFrame) -> str:
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{html.escape(str(c))}</th>"
                   for c in table.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td style='padding:2px 8px'>{html.escape(str(v))}</td>"
                         for v in row) + "</tr>"
        for row in table.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


class MuscleLookupView:
    """Mode buttons, a drop-down, the answer table and the body map for a lookup.

    Display ``.widget`` in a notebook. The view only mirrors the :class:`MuscleLookup`:
    changing a control calls the lookup, and the lookup's change redraws the view.
    """

    def __init__(self, lookup: MuscleLookup):
        self.lookup = lookup
        self.mode = widgets.ToggleButtons(
            options=list(_MODE_LABELS), value="By muscle",
            tooltips=["Rank the exercises that work one muscle",
                      "Show everything one exercise works"])
        self.choice = widgets.Dropdown(layout=widgets.Layout(width="22em"))
        self.table = widgets.HTML()
        # An <img alt> in an HTML widget: ipywidgets' Image has no alt text.
        self.image = widgets.HTML()
        # Says what the view shows; updated last, so once it reads right, all of it is.
        self.status = widgets.HTML()
        self.widget = widgets.VBox([self.mode, self.choice, self.status, self.table, self.image])
        # True while the view copies the lookup into its controls, so that copying does
        # not count as the user picking something.
        self._syncing = False
        self.mode.observe(self._pick_mode, names="value")
        self.choice.observe(self._pick, names="value")
        lookup.subscribe(self._show)
        self._show(lookup)

    def _fill_choices(self) -> None:
        data = self.lookup.data
        if self.lookup.mode == "muscle":
            options = list(zip(data.muscles["name"], data.muscles["muscle_id"].astype(str),
                               strict=True))
            value = self.lookup.muscle_id
        else:
            options = list(zip(data.exercises["name"],
                               data.exercises["exercise_id"].astype(str), strict=True))
            value = self.lookup.exercise_id
        if list(self.choice.options) != options:
            # Only on a change of mode: resending the same options would reset the
            # browser's selection while a pick is on its way to the kernel.
            self.choice.options = options
        self.choice.value = value
        self.choice.description = "Muscle:" if self.lookup.mode == "muscle" else "Exercise:"

    def _pick_mode(self, change: dict) -> None:
        if self._syncing:
            return
        if _MODE_LABELS[change["new"]] == "muscle":
            self.lookup.pick_muscle(self.lookup.muscle_id)
        else:
            self.lookup.pick_exercise(self.lookup.exercise_id)

    def _pick(self, change: dict) -> None:
        if self._syncing or change["new"] is None:
            return
        if self.lookup.mode == "muscle":
            self.lookup.pick_muscle(change["new"])
        else:
            self.lookup.pick_exercise(change["new"])

    def _show(self, lookup: MuscleLookup) -> None:
        self._syncing = True
        try:
            self.mode.value = next(k for k, v in _MODE_LABELS.items() if v == lookup.mode)
            self._fill_choices()
        finally:
            self._syncing = False
        self.table.value = _html_table(lookup.table())
        # A figure outside pyplot: nothing leaks into the notebook cell's own output.
        figure = Figure(figsize=(9.5, 6.2))
        title = lookup.draw(figure.add_subplot()).get_title(loc="left")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=120, bbox_inches="tight")
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        self.image.value = (f'<img src="data:image/png;base64,{data}" '
                            f'alt="{html.escape(title)}" style="width:100%;max-width:760px">')
        self.status.value = f"<i>Showing: {html.escape(title)}</i>"


def muscle_lookup(data_dir: DataDir = None) -> MuscleLookupView:
    """Build the muscle lookup widget; display its ``.widget`` in a notebook."""
    return MuscleLookupView(MuscleLookup.load(data_dir))
