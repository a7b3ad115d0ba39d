"""Widgets for a guided session: a thin view over :class:`hipkit.walkthrough.Workout`.

Every control changes the state object and then calls :meth:`WalkthroughView.refresh`,
which rewrites what the widgets show from that state. Text from the data files is
escaped before it reaches an HTML widget, since a coach may add files written by others.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from hipkit.errors import DataFileError
from hipkit.library import DataDir
from hipkit.movement_view import MovementPlayer, MovementView
from hipkit.walkthrough import Workout

CUE_HEADINGS = {"feel": "What you should feel", "do": "Cues", "avoid": "Avoid"}


def _list_html(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"


class WalkthroughView:
    """Picker, stepper, cues and set tracker with a rest countdown for one workout."""

    def __init__(self, workout: Workout):
        self.workout = workout
        button = widgets.Layout(width="auto")
        self.picker = widgets.Dropdown(
            options=[(name, index) for index, name in enumerate(workout.names)],
            value=workout.current, description="Exercise")
        self.next_exercise_button = widgets.Button(description="Next exercise", icon="forward",
                                                   layout=button)
        self.exercise_label = widgets.Label()
        self.header = widgets.HTML()
        self.back_button = widgets.Button(description="Back", icon="arrow-left", layout=button)
        self.next_button = widgets.Button(description="Next", icon="arrow-right", layout=button)
        self.step_label = widgets.Label()
        self.step_text = widgets.HTML()
        self.movement = widgets.Box()
        self._movements: dict[int, MovementView | widgets.HTML] = {}
        self.cues = widgets.HTML()
        self.block_text = widgets.HTML()
        self.done_button = widgets.Button(description="Done", icon="check", button_style="success",
                                          layout=button)
        self.undo_button = widgets.Button(description="Undo", icon="undo", layout=button)
        self.progress = widgets.IntProgress(min=0, description="Progress")
        self.progress_label = widgets.Label()
        # Play counts in the browser, so no thread in the kernel outlives the widget.
        self.rest_timer = widgets.Play(min=0, interval=1000, show_repeat=False)
        self.rest_label = widgets.Label()
        self.skip_rest_button = widgets.Button(description="Skip rest", icon="forward",
                                               layout=button)
        self.rest_length = widgets.BoundedIntText(
            value=workout.walkthrough.tracker.rest_seconds, min=0, max=600,
            description="Rest (s)", layout=widgets.Layout(width="160px"))

        self.picker.observe(self._on_pick, names="value")
        self.next_exercise_button.on_click(self._on_next_exercise)
        self.back_button.on_click(self._on_back)
        self.next_button.on_click(self._on_next)
        self.done_button.on_click(self._on_done)
        self.undo_button.on_click(self._on_undo)
        self.skip_rest_button.on_click(self._on_skip_rest)
        self.rest_timer.observe(self._on_rest_tick, names="value")
        self.rest_length.observe(self._on_rest_length, names="value")

        self.rest_box = widgets.HBox([self.rest_timer, self.rest_label, self.skip_rest_button])
        top = [self.picker, self.next_exercise_button, self.exercise_label]
        self.widget = widgets.VBox([
            widgets.HBox(top if len(workout.walkthroughs) > 1 else [self.exercise_label]),
            self.header,
            widgets.HBox([self.back_button, self.step_label, self.next_button]),
            self.step_text,
            self.movement,
            self.cues,
            widgets.HTML("<b>Set tracker</b>"),
            self.block_text,
            widgets.HBox([self.done_button, self.undo_button, self.rest_length]),
            widgets.HBox([self.progress, self.progress_label]),
            self.rest_box,
        ])
        self.refresh()

    # --- controls: change the state, then redraw from it ----------------------------------

    def _on_pick(self, change: dict) -> None:
        self.workout.choose(change["new"])
        self.refresh()

    def _on_next_exercise(self, _button: widgets.Button) -> None:
        self.workout.next_exercise()
        self.refresh()

    def _on_back(self, _button: widgets.Button) -> None:
        self.workout.walkthrough.previous_step()
        self.refresh()

    def _on_next(self, _button: widgets.Button) -> None:
        self.workout.walkthrough.next_step()
        self.refresh()

    def _on_done(self, _button: widgets.Button) -> None:
        tracker = self.workout.walkthrough.tracker
        tracker.mark_done()
        if tracker.resting:
            self.rest_timer.max = tracker.rest_remaining
            self.rest_timer.value = 0
            self.rest_timer.playing = True
        self.refresh()

    def _on_undo(self, _button: widgets.Button) -> None:
        self.workout.walkthrough.tracker.undo()
        self.refresh()

    def _on_skip_rest(self, _button: widgets.Button) -> None:
        self.workout.walkthrough.tracker.skip_rest()
        self.refresh()

    def _on_rest_tick(self, change: dict) -> None:
        if change["new"] > change["old"]:
            self.workout.walkthrough.tracker.tick(change["new"] - change["old"])
            self.refresh()

    def _on_rest_length(self, change: dict) -> None:
        self.workout.set_rest(change["new"])

    # --- the one place that turns state into what the widgets show ------------------------

    def refresh(self) -> None:
        """Rewrite every widget from the state."""
        walk = self.workout.walkthrough
        exercise, tracker = walk.exercise, walk.tracker
        self.picker.value = self.workout.current
        count = len(self.workout.walkthroughs)
        self.exercise_label.value = f"Exercise {self.workout.current + 1} of {count}"
        self.next_exercise_button.disabled = self.workout.current == count - 1
        badge = " <span style='color:#b35900'>★ top pick</span>" if exercise["top_pick"] else ""
        self.header.value = (
            f"<h3>{html.escape(exercise['name'])}{badge}</h3>"
            f"<p>{html.escape(exercise['summary'])}</p>"
            f"<p><b>Dosage:</b> {html.escape(exercise['dosage_text'])}<br>"
            f"<b>Mainly trains:</b> {html.escape(str(exercise['purpose']))}</p>")

        step = walk.step
        self.step_label.value = walk.step_label
        self.back_button.disabled = walk.at_first_step
        self.next_button.disabled = walk.at_last_step
        needs = step["equipment"]
        equipment = "" if pd.isna(needs) else f"<p><i>You need:</i> {html.escape(needs)}</p>"
        self.step_text.value = f"<p><b>{html.escape(step['text'])}</b></p>{equipment}"
        figure = self._movement_for(self.workout.current)
        if isinstance(figure, MovementView) and figure.player.step != walk.step_index + 1:
            figure.show_step(walk.step_index + 1)
        self.movement.children = (figure.widget if isinstance(figure, MovementView) else figure,)
        self.cues.value = "".join(f"<b>{CUE_HEADINGS[kind]}</b>{_list_html(items)}"
                                  for kind, items in walk.cues.items() if items)

        self.block_text.value = f"<b>Now:</b> {html.escape(tracker.describe_current())}"
        self.done_button.disabled = tracker.finished or tracker.resting
        self.undo_button.disabled = tracker.done == 0
        self.progress.max = tracker.total
        self.progress.value = tracker.done
        self.progress_label.value = f"{tracker.done} of {tracker.total} blocks done"
        self.rest_box.layout.display = "flex" if tracker.resting else "none"
        self.rest_label.value = f"Rest: {tracker.rest_remaining} s left"
        if not tracker.resting:
            self.rest_timer.playing = False


    def _movement_for(self, index: int) -> MovementView | widgets.HTML:
        """The animated figure of one exercise, made and drawn the first time it shows."""
        if index not in self._movements:
            exercise_id = str(self.workout.walkthroughs[index].exercise["exercise_id"])
            try:
                view = MovementView(MovementPlayer(exercise_id, data_dir=self.workout.data_dir))
            except (KeyError, DataFileError) as error:
                # A coach's new exercise may have no keyframes yet: teach it without.
                message = error.args[0] if isinstance(error, KeyError) else str(error)
                view = widgets.HTML(f"<p><i>No drawing for this exercise: "
                                    f"{html.escape(message)}</i></p>")
            else:
                view.prerender_steps()  # so Back and Next swap pictures without drawing
            self._movements[index] = view
        return self._movements[index]


def guided_session(exercise_id: str, rest_seconds: int | None = None,
                   data_dir: DataDir = None) -> WalkthroughView:
    """Show the guided session for one exercise; display ``.widget`` in a notebook.

    Examples
    --------
    >>> view = guided_session("single_leg_bridge", rest_seconds=45)
    >>> view.progress_label.value
    '0 of 4 blocks done'
    """
    return WalkthroughView(Workout.build([exercise_id], rest_seconds, data_dir))


def full_workout(rest_seconds: int | None = None, data_dir: DataDir = None) -> WalkthroughView:
    """Show a workout of every exercise in lesson order, one after another."""
    return WalkthroughView(Workout.build(None, rest_seconds, data_dir))
