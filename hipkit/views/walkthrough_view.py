"""Widgets for a guided session: a thin view over :class:`hipkit.exercises.walkthrough.Workout`.

Every control changes the state object and then calls :meth:`WalkthroughView.refresh`,
which rewrites what the widgets show from that state. Text from the data files is
escaped before it reaches an HTML widget, since a coach may add files written by others.
"""

from __future__ import annotations

import base64
import html
import math
import struct
import wave
from functools import cache
from io import BytesIO

import ipywidgets as widgets
import pandas as pd

from hipkit.errors import DataFileError
from hipkit.exercises.data_files import DataDir
from hipkit.exercises.guidance import GUIDANCE_HEADINGS, Guidance
from hipkit.exercises.walkthrough import Workout
from hipkit.palette import DONE_GREEN, DONE_TEXT, TOP_PICK_INK, css
from hipkit.views.movement_view import MovementPlayer, MovementView

CUE_HEADINGS = {"feel": "What you should feel", "do": "Cues", "avoid": "Avoid"}
# DONE_GREEN (imported above): white on it is 5.1:1 (WCAG AA asks 4.5:1); ipywidgets'
# own "success" green gives 4.1:1.
# Said to screen readers, not shown: the countdown above already shows it.
SCREEN_READER_ONLY = ("position:absolute;width:1px;height:1px;overflow:hidden;"
                      "clip:rect(0 0 0 0);white-space:nowrap")
# Text grows with the window; widgets read their font size from this variable.
WALKTHROUGH_CSS = css("""
.hipkit-walkthrough {
  --jp-widgets-font-size: clamp(14px, calc(0.5vw + 8px), 22px);
  --jp-widgets-inline-height: 2em;
  font-size: var(--jp-widgets-font-size);
}
.hipkit-walkthrough .widget-html-content, .hipkit-walkthrough .widget-label {
  font-size: var(--jp-widgets-font-size); line-height: 1.35;
}
.hipkit-walkthrough .hipkit-burn-or-pain {
  border-left: 0.3em solid $CALLOUT_BORDER; background: $CALLOUT_FILL; color: $INK;
  padding: 0.2em 0.6em; }
.hipkit-walkthrough .hipkit-rest-over { background: $REST_OVER_FILL; color: $INK;
  border: 3px solid $CALLOUT_BORDER; padding: 0.2em 0.6em; font-weight: bold; }
""")


def _list_html(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"




def burn_or_pain_html(guidance: Guidance) -> str:
    """The burn-or-pain line in a box, or nothing when the exercise has none.

    Examples
    --------
    >>> from hipkit.exercises.guidance import Guidance
    >>> line = burn_or_pain_html(Guidance("Burn <ok>; stop at sharp pain.", [], [], [], None, []))
    >>> line.split("</b> ")[1]
    'Burn &lt;ok&gt;; stop at sharp pain.</div>'
    >>> burn_or_pain_html(Guidance(None, [], [], [], None, []))
    ''
    """
    if not guidance.burn_or_pain:
        return ""
    return ("<div class='hipkit-burn-or-pain' role='note'>"
            f"<b>{GUIDANCE_HEADINGS['burn_or_pain']}</b> "
            f"{html.escape(guidance.burn_or_pain)}</div>")


def guidance_html(guidance: Guidance) -> str:
    """Versions, faults with fixes, cautions and the self-test, as headed lists."""
    parts = []
    if guidance.versions:
        parts.append(f"<b>{GUIDANCE_HEADINGS['versions']}</b><ul>" + "".join(
            f"<li><b>{html.escape(level.capitalize())}:</b> {html.escape(text)}</li>"
            for level, text in guidance.versions) + "</ul>")
    if guidance.faults:
        parts.append(f"<b>{GUIDANCE_HEADINGS['faults']}</b><ul>" + "".join(
            f"<li>{html.escape(fault)} <i>Fix:</i> {html.escape(fix)}</li>"
            for fault, fix in guidance.faults) + "</ul>")
    if guidance.cautions:
        parts.append(f"<b>{GUIDANCE_HEADINGS['cautions']}</b>{_list_html(guidance.cautions)}")
    if guidance.self_test:
        parts.append(f"<b>{GUIDANCE_HEADINGS['self_test']}</b>"
                     f"<p>{html.escape(guidance.self_test)}</p>")
    return "".join(parts)


@cache
def rest_over_tone() -> str:
    """A short beep as a WAV data URL, made with the standard library (nothing to fetch).

    Examples
    --------
    >>> rest_over_tone()[:22]
    'data:audio/wav;base64,'
    """
    rate, seconds, pitch = 22050, 0.35, 880
    samples = (int(12000 * math.sin(2 * math.pi * pitch * k / rate)
                   * min(1, (rate * seconds - k) / 800)) for k in range(int(rate * seconds)))
    sound = BytesIO()
    with wave.open(sound, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return "data:audio/wav;base64," + base64.b64encode(sound.getvalue()).decode("ascii")


class WalkthroughView:
    """Picker, stepper, cues and set tracker with a rest countdown for one workout.

    Parameters
    ----------
    workout : Workout
        The state to show.
    figsize, dpi, max_width
        Size, resolution and on-page width of the movement drawing
        (see :class:`hipkit.views.movement_view.MovementView`).
    """

    def __init__(self, workout: Workout, *, figsize: tuple[float, float] = (6.5, 3.8),
                 dpi: int = 150, max_width: str = "560px"):
        self.workout = workout
        self._figure_options = {"figsize": figsize, "dpi": dpi, "max_width": max_width}
        button = widgets.Layout(width="auto")
        self.picker = widgets.Dropdown(
            options=[(name, index) for index, name in enumerate(workout.names)],
            value=workout.current, description="Exercise")
        self.next_exercise_button = widgets.Button(description="Next exercise", icon="forward",
                                                   layout=button)
        self.exercise_label = widgets.Label()
        self.title = widgets.HTML()  # the name alone, for the presenter's layout
        self.header = widgets.HTML()
        self.back_button = widgets.Button(description="Back", icon="arrow-left", layout=button)
        self.next_button = widgets.Button(description="Next", icon="arrow-right", layout=button)
        self.step_label = widgets.Label()
        self.step_text = widgets.HTML()
        self.movement = widgets.Box()
        self._movements: dict[int, MovementView | widgets.HTML] = {}
        self.cues = widgets.HTML()
        # The exercise's burn-or-pain line beside the step, its other notes under the cues.
        self.burn_or_pain = widgets.HTML()
        self.guidance = widgets.HTML()
        self.block_text = widgets.HTML()
        self.done_button = widgets.Button(description="Done", icon="check", layout=button,
                                          style={"button_color": DONE_GREEN,
                                                 "text_color": DONE_TEXT})
        self.undo_button = widgets.Button(description="Undo", icon="undo", layout=button)
        self.progress = widgets.IntProgress(min=0, description="Progress")
        self.progress_label = widgets.Label()
        # The browser's Play control counts the rest, so no thread in the kernel outlives
        # the widget. Hidden: its icon buttons have no names, and its stop jammed the rest.
        self.rest_timer = widgets.Play(min=0, interval=1000, show_repeat=False,
                                       layout=widgets.Layout(display="none"))
        self.rest_label = widgets.HTML()
        self.rest_signal = widgets.HTML()
        self.skip_rest_button = widgets.Button(description="Skip rest", icon="forward",
                                               layout=button)
        self.rest_length = widgets.BoundedIntText(
            value=workout.walkthrough.tracker.rest_seconds, min=0, max=600,
            description="Rest (s)", layout=widgets.Layout(width="12em"))
        self.rest_over = False
        self._shown_exercise: int | None = None
        self.block_text.add_class("hipkit-now")
        self.rest_label.add_class("hipkit-rest")
        for name in ("back", "next", "done", "skip_rest", "next_exercise", "undo"):
            getattr(self, f"{name}_button").add_class(f"hipkit-{name.replace('_', '-')}")

        self.picker.observe(self._on_pick, names="value")
        self.next_exercise_button.on_click(self._on_next_exercise)
        self.back_button.on_click(self._on_back)
        self.next_button.on_click(self._on_next)
        self.done_button.on_click(self._on_done)
        self.undo_button.on_click(self._on_undo)
        self.skip_rest_button.on_click(self._on_skip_rest)
        self.rest_timer.observe(self._on_rest_tick, names="value")
        self.rest_length.observe(self._on_rest_length, names="value")

        self.rest_box = widgets.HBox([self.rest_label, self.skip_rest_button, self.rest_timer],
                                     layout=widgets.Layout(flex_flow="row wrap",
                                                           align_items="center"))
        self.rest_box.add_class("hipkit-rest-box")
        self.stepper = widgets.HBox([self.back_button, self.step_label, self.next_button])
        self.tracker_buttons = widgets.HBox([self.done_button, self.undo_button])
        top = [self.picker, self.next_exercise_button, self.exercise_label]
        side = widgets.VBox([
            self.stepper, self.step_text, self.burn_or_pain, widgets.HTML("<b>Set tracker</b>"),
            self.block_text,
            self.tracker_buttons, self.rest_box, self.rest_signal,
            widgets.HBox([self.progress, self.progress_label]), self.rest_length,
        ], layout=widgets.Layout(flex="1 1 320px", min_width="280px"))
        # Figure and controls side by side, so at 1366x768 Next, the drawing and Done
        # are on screen together; on a narrow window the controls wrap below.
        self.movement.layout = widgets.Layout(flex="1 1 400px", max_width=max_width)
        main = widgets.HBox([side, self.movement],
                            layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start",
                                                  grid_gap="1em"))
        self.widget = widgets.VBox([
            widgets.HBox(top if len(workout.walkthroughs) > 1 else [self.exercise_label]),
            self.header, main, self.cues, self.guidance,
            widgets.HTML(f"<style>{WALKTHROUGH_CSS}</style>"),
        ])
        self.widget.add_class("hipkit-walkthrough")
        self.refresh()

    # --- controls: change the state, then redraw from it ----------------------------------

    def _on_pick(self, change: dict) -> None:
        if change["new"] != self.workout.current:
            self.workout.choose(change["new"])
            self.refresh()

    def _on_next_exercise(self, _button: widgets.Button) -> None:
        self.workout.next_exercise()
        if self.workout.current == len(self.workout.walkthroughs) - 1:
            self._hand_focus(self.next_button)
        self.refresh()

    def _on_back(self, _button: widgets.Button) -> None:
        walk = self.workout.walkthrough
        walk.previous_step()
        if walk.at_first_step:
            self._hand_focus(self.next_button)
        self.refresh()

    def _on_next(self, _button: widgets.Button) -> None:
        walk = self.workout.walkthrough
        walk.next_step()
        if walk.at_last_step:
            tracker = walk.tracker
            self._hand_focus(self.back_button if tracker.finished or tracker.resting
                             else self.done_button)
        self.refresh()

    def _on_done(self, _button: widgets.Button) -> None:
        tracker = self.workout.walkthrough.tracker
        tracker.mark_done()
        self.rest_over = False
        if tracker.resting:
            self.rest_timer.max = tracker.rest_remaining
            self.rest_timer.value = 0
            self.rest_timer.playing = True
            self.rest_box.layout.display = "flex"
            self._hand_focus(self.skip_rest_button)
        elif tracker.finished:
            self._hand_focus(self.undo_button)
        self.refresh()

    def _on_undo(self, _button: widgets.Button) -> None:
        tracker = self.workout.walkthrough.tracker
        tracker.undo()
        self.rest_over = False
        if tracker.done == 0:
            self._hand_focus(self.done_button)
        self.refresh()

    def _on_skip_rest(self, _button: widgets.Button) -> None:
        self.workout.walkthrough.tracker.skip_rest()
        self._hand_focus(self.done_button)
        self.refresh()

    def _on_rest_tick(self, change: dict) -> None:
        tracker = self.workout.walkthrough.tracker
        if change["new"] > change["old"] and tracker.resting:
            tracker.tick(change["new"] - change["old"])
            self.rest_over = not tracker.resting
            if self.rest_over:
                self._hand_focus(self.done_button)  # Skip rest, which may have focus, hides
            self.refresh()

    @staticmethod
    def _hand_focus(button: widgets.Button) -> None:
        """Move focus to ``button`` before the one that has it is disabled or hidden.

        Called before :meth:`refresh`, whose state the button then already has: the browser
        handles messages in order, so focus never falls back to the page in between.
        """
        button.disabled = False
        button.focus()

    def _on_rest_length(self, change: dict) -> None:
        self.workout.set_rest(change["new"])

    # --- the one place that turns state into what the widgets show ------------------------

    def refresh(self) -> None:
        """Rewrite every widget from the state."""
        walk = self.workout.walkthrough
        exercise, tracker = walk.exercise, walk.tracker
        if self._shown_exercise != self.workout.current:
            # Never a figure of another exercise under this header: say "drawing" until
            # this exercise's figure is in place (a moment, or seconds the first time).
            name = html.escape(str(exercise["name"]))
            self.movement.children = (widgets.HTML(
                f"<p role='status'><i>Drawing {name}…</i></p>"),)
        self.picker.value = self.workout.current
        count = len(self.workout.walkthroughs)
        self.exercise_label.value = f"Exercise {self.workout.current + 1} of {count}"
        self.next_exercise_button.disabled = self.workout.current == count - 1
        badge = (f" <span style='color:{TOP_PICK_INK}'>★ top pick</span>"
                 if exercise["top_pick"] else "")
        self.title.value = f"<h3>{html.escape(exercise['name'])}{badge}</h3>"
        self.header.value = (
            f"{self.title.value}<p>{html.escape(exercise['summary'])}</p>"
            f"<p><b>Dosage:</b> {html.escape(exercise['dosage_text'])}<br>"
            f"<b>Mainly trains:</b> {html.escape(str(exercise['purpose']))}</p>")

        step = walk.step
        self.step_label.value = walk.step_label
        self.back_button.disabled = walk.at_first_step
        self.next_button.disabled = walk.at_last_step
        needs = step["equipment"]
        equipment = "" if pd.isna(needs) else f"<p><i>You need:</i> {html.escape(needs)}</p>"
        self.step_text.value = f"<p><b>{html.escape(step['text'])}</b></p>{equipment}"
        self.cues.value = "".join(f"<b>{CUE_HEADINGS[kind]}</b>{_list_html(items)}"
                                  for kind, items in walk.cues.items() if items)
        self.burn_or_pain.value = burn_or_pain_html(walk.guidance)
        self.burn_or_pain.layout.display = None if walk.guidance.burn_or_pain else "none"
        self.guidance.value = guidance_html(walk.guidance)

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
        self._show_rest_signal(tracker)

        figure = self._movement_for(self.workout.current)
        if isinstance(figure, MovementView) and figure.player.step != walk.step_index + 1:
            figure.show_step(walk.step_index + 1)
        self.movement.children = (figure.widget if isinstance(figure, MovementView)
                                  else figure,)
        self._shown_exercise = self.workout.current

    def _show_rest_signal(self, tracker) -> None:
        """Say when a rest starts and ends, to screen readers too; beep at its end."""
        if self.rest_over and not tracker.finished:
            self.rest_signal.value = (
                "<div class='hipkit-rest-over' role='alert'>Rest over: next set!</div>"
                f"<audio autoplay src='{rest_over_tone()}'></audio>")
        elif tracker.resting and tracker.rest_remaining == tracker.rest_seconds:
            self.rest_signal.value = (f"<div role='status' style='{SCREEN_READER_ONLY}'>Rest "
                                      f"{tracker.rest_remaining} seconds</div>")
        elif not tracker.resting:
            self.rest_signal.value = ""

    def _movement_for(self, index: int) -> MovementView | widgets.HTML:
        """The animated figure of one exercise, made and drawn the first time it shows."""
        if index not in self._movements:
            walk = self.workout.walkthroughs[index]
            exercise_id = str(walk.exercise["exercise_id"])
            try:
                player = MovementPlayer(exercise_id, step=walk.step_index + 1,
                                        data_dir=self.workout.data_dir)
                view = MovementView(player, **self._figure_options)
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
