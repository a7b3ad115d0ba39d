"""The presenter view: the same workout state, in large type, driven by a clicker's keys."""

import re

from hipkit.coach.presenter import KEY_ACTIONS, PresenterView, presenter
from hipkit.exercises.walkthrough import Workout


def test_presenter_shows_and_drives_the_workout_state():
    workout = Workout.build(["single_leg_bridge", "glute_switch_bridge_hold"], rest_seconds=20)
    view = PresenterView(workout)
    assert view.workout is workout and "hipkit-presenter" in view._dom_classes
    controls = view.controls
    assert "Single-leg bridge" in controls.title.value
    controls.next_button.click()
    assert workout.walkthrough.step_index == 1 and controls.step_label.value == "Step 2 of 4"
    controls.done_button.click()
    assert workout.walkthrough.tracker.done == 1
    controls.next_exercise_button.click()
    assert workout.current == 1 and "Glute-switch bridge hold" in controls.title.value


def test_every_key_a_clicker_sends_has_a_named_button():
    view = presenter(["single_leg_bridge"])
    page = repr(view.children[0].value)
    assert set(KEY_ACTIONS) == {"ArrowRight", "PageDown", "ArrowLeft", "PageUp", " "}
    buttons = {"next": view.controls.next_button, "back": view.controls.back_button,
               "done": view.controls.done_button}
    for action in set(KEY_ACTIONS.values()):
        button = buttons[action]
        assert f"hipkit-{action}" in button._dom_classes
        assert button.description  # its accessible name is its text, not only an icon
        assert "&#x27;button.hipkit-&#x27; + action" in page


def test_presenter_figure_is_drawn_big_and_sharp():
    view = presenter(["single_leg_bridge"])
    movement = view.controls._movements[0]
    assert movement.picture.value.count("<img") == 1
    assert re.search(r'alt="Drawing of single leg bridge, step 1: [^"]+"', movement.picture.value)
    png = movement.frame_png(1, 0)
    assert png[16:24] == (1920).to_bytes(4, "big") + (1020).to_bytes(4, "big")
