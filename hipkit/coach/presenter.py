"""A full-screen, large-type workout view for projecting to a room.

:class:`PresenterView` lays out the controls of a
:class:`~hipkit.views.walkthrough_view.WalkthroughView` over the same
:class:`~hipkit.exercises.walkthrough.Workout` state, in type readable from the back of a room
(at least 32 px at 1920x1080), with the figure as large as the screen allows and a
clicker's keys bound to the buttons: Right arrow or Page Down for Next, Left arrow or
Page Up for Back, space for Done.

The keys are caught by a few lines of JavaScript carried in an HTML widget (see
:mod:`hipkit.views.browser_script` for why not ipyevents or anywidget). The handler only clicks
the view's own buttons, so every key goes through the same button handlers and state.
"""

from __future__ import annotations

import ipywidgets as widgets

from hipkit.exercises.data_files import DataDir
from hipkit.exercises.walkthrough import Workout
from hipkit.palette import css
from hipkit.views.browser_script import script_html
from hipkit.views.walkthrough_view import WalkthroughView

# A clicker sends Page Down / Page Up (most) or the arrow keys; space is the keyboard's.
KEY_ACTIONS = {"ArrowRight": "next", "PageDown": "next", "ArrowLeft": "back",
               "PageUp": "back", " ": "done"}

PRESENTER_CSS = css("""
.hipkit-presenter {
  --jp-widgets-font-size: max(32px, 2vw);
  --jp-widgets-inline-height: 1.6em;
  --jp-widgets-inline-label-width: auto;
  font-size: var(--jp-widgets-font-size);
  box-sizing: border-box; width: 100%; min-height: 100vh; padding: 0.4em 0.8em;
  background: $PAGE; color: $INK;
}
.hipkit-presenter .widget-html-content, .hipkit-presenter .widget-label,
.hipkit-presenter button, .hipkit-presenter select {
  font-size: var(--jp-widgets-font-size); line-height: 1.25;
}
.hipkit-presenter h3 { font-size: 1.6em; margin: 0.1em 0; }
.hipkit-presenter .hipkit-now .widget-html-content { font-size: 1.3em; }
.hipkit-presenter .hipkit-rest .widget-html-content { font-size: 2.2em; font-weight: bold;
  white-space: nowrap; }
.hipkit-presenter .hipkit-rest-box button { flex: 0 0 auto; }
.hipkit-presenter .hipkit-movement img { max-height: 62vh; width: auto !important;
  max-width: 100% !important; }
.hipkit-presenter button { height: auto; padding: 0.15em 0.6em; }
.hipkit-presenter .hipkit-rest-over { font-size: 1.6em; background: $REST_OVER_FILL;
  border: 0.15em solid $CALLOUT_BORDER; padding: 0.2em 0.5em; }
.hipkit-presenter .hipkit-burn-or-pain { font-size: 0.7em; margin-top: 0.3em;
  border-left: 0.3em solid $CALLOUT_BORDER; background: $CALLOUT_FILL; padding: 0.1em 0.5em; }
.hipkit-presenter .hipkit-keys-help { font-size: 0.6em; color: $KEYS_HELP_INK; }
.hipkit-presenter .widget-slider { width: 30vw; }
/* A laptop's 768 px: a long step (the bridge hold's five lines) would push Done below
   the screen; a smaller title and call-out keep it on, still above the room's 32 px. */
@media (max-height: 800px) {
  .hipkit-presenter { padding-top: 0.2em; }
  .hipkit-presenter h3 { font-size: 1.3em; }
  .hipkit-presenter .hipkit-now .widget-html-content { font-size: 1.15em; }
}
""")

KEYS_SCRIPT = """(function () {
  if (window.hipkitPresenterKeys) return;
  window.hipkitPresenterKeys = true;
  var actions = %s;
  document.addEventListener('keydown', function (event) {
    var action = actions[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target.closest && target.closest('input, textarea, select, [contenteditable="true"]'))
      return;
    // Space on another focused button (Undo, Skip rest, Play...) presses that button;
    // on Next or Back, where the arrows leave focus, it still means Done.
    if (action === 'done' && target.closest &&
        target.closest('button:not(.hipkit-next):not(.hipkit-back)')) return;
    var views = Array.prototype.filter.call(
      document.querySelectorAll('.hipkit-presenter'), function (v) {
        return v.offsetParent !== null && (v.contains(target) || target.contains(v));
      });
    if (!views.length) return;
    event.preventDefault();
    event.stopPropagation();
    var button = views[0].querySelector('button.hipkit-' + action);
    if (button && !button.disabled) button.click();
  }, true);
})();"""


def _keys_html() -> str:
    actions = "{" + ", ".join(f"'{key}': '{action}'" for key, action in KEY_ACTIONS.items()) + "}"
    return script_html(KEYS_SCRIPT % actions) + f"<style>{PRESENTER_CSS}</style>"


class PresenterView(widgets.VBox):
    """The workout in large type for a projector; display it as it is.

    Parameters
    ----------
    workout : Workout
        The state to show (the same object a :class:`WalkthroughView` shows).

    Examples
    --------
    >>> from hipkit.exercises.walkthrough import Workout
    >>> view = PresenterView(Workout.build(["single_leg_bridge"], rest_seconds=30))
    >>> view.controls.next_button.click()
    >>> view.controls.step_label.value
    'Step 2 of 4'
    """

    def __init__(self, workout: Workout):
        # Drawn big and sharp: 6.4x3.4 inches at 300 dpi is 1920x1020 pixels, the width
        # of a full HD projector, so the browser only ever scales it down; the few inches
        # keep the figure's own labels large beside the drawing.
        self.controls = view = WalkthroughView(workout, figsize=(6.4, 3.4), dpi=300,
                                               max_width="100%")
        view.movement.layout = widgets.Layout(min_width="0")
        view.picker.layout = widgets.Layout(width="auto")
        keys_help = widgets.HTML(
            "<span class='hipkit-keys-help'>Keys: → or Page Down next step, ← or Page Up "
            "back, space marks the set done; Enter presses the focused button</span>")
        figure_column = widgets.VBox([view.movement, view.burn_or_pain],
                                     layout=widgets.Layout(flex="3 1 0", min_width="0"))
        side = widgets.VBox(
            [view.step_label, view.step_text, view.block_text, view.rest_box,
             view.rest_signal, view.progress_label],
            layout=widgets.Layout(flex="2 1 0", min_width="0"))
        buttons = widgets.HBox(
            [view.back_button, view.next_button, view.done_button, view.undo_button,
             view.next_exercise_button],
            layout=widgets.Layout(flex_flow="row wrap", grid_gap="0.5em"))
        heading = widgets.HBox([view.title, view.exercise_label],
                               layout=widgets.Layout(justify_content="space-between",
                                                     align_items="baseline"))
        choose = [view.picker] if len(workout.walkthroughs) > 1 else []
        super().__init__([
            widgets.HTML(_keys_html()),
            heading,
            # The burn-or-pain line, in smaller type, goes under the figure, in the space
            # the step's taller column leaves there: beside the step or under the buttons
            # it falls below a laptop's screen (1366x768). The coach reads it out.
            widgets.HBox([figure_column, side], layout=widgets.Layout(grid_gap="1em")),
            buttons,
            widgets.HBox(choose + [keys_help], layout=widgets.Layout(
                flex_flow="row wrap", grid_gap="1em", align_items="center")),
        ])
        self.add_class("hipkit-presenter")

    @property
    def workout(self) -> Workout:
        return self.controls.workout

    def __repr__(self) -> str:
        # What a notebook shows before its cells run, instead of the widget tree.
        return "Presenter view: run the cell (or open the notebook in Voilà) to see it."


def presenter(exercise_ids: list[str] | None = None, rest_seconds: int | None = None,
              data_dir: DataDir = None) -> PresenterView:
    """The presenter view of a workout (every exercise, in lesson order, by default)."""
    return PresenterView(Workout.build(exercise_ids, rest_seconds, data_dir))
