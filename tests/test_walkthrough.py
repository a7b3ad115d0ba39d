"""The guided session: the tracker's plan for each dosage, and every control of the view.

Run on the fixture pack (tests/fixture_pack); the shipped dosages' blocks are checked in
test_content.py.
"""

import base64
import re
import struct

import pandas as pd
import pytest

from hipkit import DataFileError, UnknownIdError, load_exercises
from hipkit.exercises.session_plan import session_blocks, session_volume
from hipkit.exercises.walkthrough import SetTracker, Workout, default_rest_seconds
from hipkit.views.walkthrough_view import full_workout, guided_session
from tests.conftest import FIXTURE_PACK
from tests.exercise_files import add_clamshell


def _exercise(exercise_id: str, data_dir=FIXTURE_PACK) -> pd.Series:
    return load_exercises(data_dir).set_index("exercise_id", drop=False).loc[exercise_id]


@pytest.mark.parametrize(
    ("exercise_id", "blocks", "reps", "sides", "directions", "rests"),
    [
        # 2 sets x 2 directions x 2 sides = 8 blocks of 5 raises
        ("lying_leg_raise", 8, 5, ["left", "right"], {"forward", "back"}, 4),
        # no number of sets in the file: one set
        ("floor_bridge", 1, 3, ["both"], set(), 1),
        ("step_hold", 2, 4, ["left", "right"], set(), 2),
    ],
)
def test_session_blocks_follow_each_dosage(exercise_id, blocks, reps, sides, directions, rests):
    plan = session_blocks(_exercise(exercise_id))
    assert len(plan) == blocks
    assert plan["block"].tolist() == list(range(1, blocks + 1))
    assert set(plan["reps"]) == {reps}
    assert plan["side"].drop_duplicates().astype(str).tolist() == sides
    assert set(plan["direction"].dropna()) == directions
    assert int(plan["ends_set"].sum()) == rests


def test_one_side_is_finished_before_the_other_and_directions_alternate():
    plan = session_blocks(_exercise("lying_leg_raise"))
    assert plan["side"].astype(str).tolist() == ["left"] * 4 + ["right"] * 4
    assert plan["direction"].tolist()[:4] == ["forward", "back"] * 2
    assert plan["set"].tolist()[:4] == [1, 1, 2, 2]


def test_session_volume_counts_blocks_and_reps():
    volume = session_volume(FIXTURE_PACK).set_index("exercise_id")
    assert volume["blocks"].tolist() == [8, 1, 2]
    assert volume["reps"].tolist() == [20, 3, 8]  # a two-way repetition: one each way


# --- the tracker ------------------------------------------------------------------------

def _tracker(exercise_id="lying_leg_raise", rest=30) -> SetTracker:
    return SetTracker(session_blocks(_exercise(exercise_id)), rest)


def test_tracker_rests_after_each_set_but_not_after_the_last():
    tracker = _tracker()
    rests = []
    while not tracker.finished:
        tracker.mark_done()
        rests.append(tracker.rest_remaining)
        tracker.skip_rest()
    assert rests == [0, 30, 0, 30, 0, 30, 0, 0]
    with pytest.raises(ValueError, match="every block is already done"):
        tracker.mark_done()


def test_tracker_counts_rest_down_and_never_below_zero():
    tracker = _tracker("step_hold")
    tracker.mark_done()
    tracker.tick(25)
    assert tracker.rest_remaining == 5 and tracker.resting
    tracker.tick(10)
    assert tracker.rest_remaining == 0 and not tracker.resting


def test_tracker_undo_and_descriptions():
    tracker = _tracker()
    assert tracker.describe_current() == "Set 1 of 2, left side, forward: 5 raises"
    tracker.mark_done()
    assert tracker.rest_remaining == 0  # no rest between directions of one set
    assert tracker.describe_current() == "Set 1 of 2, left side, back: 5 raises"
    tracker.undo()
    assert tracker.done == 0
    with pytest.raises(ValueError, match="no block has been marked done yet"):
        tracker.undo()
    with pytest.raises(ValueError, match="rest_seconds must be 0 or more, got -1"):
        _tracker(rest=-1)
    assert _tracker("floor_bridge").describe_current() == "Set 1 of 1: 3 squeezes"


def test_default_rest_comes_from_the_defaults_file(fixture_pack):
    assert default_rest_seconds(fixture_pack) == 30
    path = fixture_pack / "training_defaults.toml"
    path.write_text(path.read_text().replace("seconds = 30", "seconds = 0"))
    with pytest.raises(DataFileError, match=r"field 'rest.seconds': must be a whole number"):
        default_rest_seconds(fixture_pack)


def test_unknown_exercise_lists_the_known_ones():
    with pytest.raises(UnknownIdError) as caught:
        Workout.build(["plank"], data_dir=FIXTURE_PACK)
    assert str(caught.value) == ("unknown exercise_id 'plank'; known: lying_leg_raise, "
                                 "floor_bridge, step_hold")


# --- the view: every control, asserting on state and on what is shown -------------------

def test_stepper_back_and_next():
    view = guided_session("floor_bridge", rest_seconds=30, data_dir=FIXTURE_PACK)
    walk = view.workout.walkthrough
    assert view.step_label.value == "Step 1 of 2"
    assert view.back_button.disabled and not view.next_button.disabled
    assert "Lift the hips." in view.step_text.value
    assert "You need:</i> loop band" in view.step_text.value
    for _ in range(3):  # pressing past the end stays on the last step
        view.next_button.click()
    assert walk.step_index == 1 and view.step_label.value == "Step 2 of 2"
    assert view.next_button.disabled and not view.back_button.disabled
    assert "You need" not in view.step_text.value
    assert "Squeeze one side, then the other." in view.step_text.value
    view.back_button.click()
    assert view.step_label.value == "Step 1 of 2" and "Lift the hips." in view.step_text.value


def test_header_and_cues_show_the_exercise():
    view = guided_session("floor_bridge", data_dir=FIXTURE_PACK)
    assert "Floor bridge" in view.header.value
    assert "★ top pick" in view.header.value
    assert "Hold the bridge for 3 squeezes" in view.header.value
    assert "What you should feel" in view.cues.value and "Cues" in view.cues.value
    assert "Avoid" not in view.cues.value  # the file lists no mistake to avoid
    assert view.cues.value.count("<li>") == 2
    plain = guided_session("step_hold", data_dir=FIXTURE_PACK)
    assert "top pick" not in plain.header.value


def test_done_button_starts_the_rest_timer_and_play_counts_it_down():
    view = guided_session("step_hold", rest_seconds=45, data_dir=FIXTURE_PACK)
    tracker = view.workout.walkthrough.tracker
    assert view.progress_label.value == "0 of 2 blocks done"
    assert view.block_text.value == "<b>Now:</b> Set 1 of 1, left side: 4 holds"
    assert view.undo_button.disabled
    view.done_button.click()
    assert tracker.done == 1 and view.progress.value == 1 and view.progress.max == 2
    assert view.rest_box.layout.display == "flex"
    assert view.rest_timer.playing and view.rest_timer.max == 45
    assert view.done_button.disabled  # rest first
    view.rest_timer.value = 15  # the browser's Play widget ticking
    assert tracker.rest_remaining == 30 and view.rest_label.value == "Rest: 30 s left"
    view.rest_timer.value = 45
    assert not tracker.resting and not view.done_button.disabled
    assert view.rest_box.layout.display == "none" and not view.rest_timer.playing


def test_skip_rest_undo_and_finish():
    view = guided_session("step_hold", rest_seconds=45, data_dir=FIXTURE_PACK)
    tracker = view.workout.walkthrough.tracker
    view.done_button.click()
    view.skip_rest_button.click()
    assert not tracker.resting and view.rest_box.layout.display == "none"
    view.undo_button.click()
    assert tracker.done == 0 and view.progress_label.value == "0 of 2 blocks done"
    for _ in range(2):
        view.done_button.click()
        view.skip_rest_button.click()
    assert tracker.finished and view.done_button.disabled
    assert view.block_text.value == "<b>Now:</b> All done. Well worked!"


def test_rest_length_box_changes_the_next_rest():
    view = full_workout(rest_seconds=60, data_dir=FIXTURE_PACK)
    view.rest_length.value = 20
    assert {w.tracker.rest_seconds for w in view.workout.walkthroughs} == {20}
    view.done_button.click()
    assert view.workout.walkthrough.tracker.rest_remaining == 0
    view.done_button.click()  # two directions: the second block closes set 1
    assert view.workout.walkthrough.tracker.rest_remaining == 20


def test_full_workout_picker_and_next_exercise_keep_each_exercises_progress():
    view = full_workout(rest_seconds=0, data_dir=FIXTURE_PACK)
    assert view.picker.options == (("Lying leg raise", 0), ("Floor bridge", 1),
                                   ("Step hold", 2))
    view.done_button.click()
    view.next_exercise_button.click()
    assert view.picker.value == 1 and view.exercise_label.value == "Exercise 2 of 3"
    assert "Floor bridge" in view.header.value
    view.picker.value = 2
    assert view.next_exercise_button.disabled
    assert view.block_text.value == "<b>Now:</b> Set 1 of 1, left side: 4 holds"
    view.picker.value = 0
    assert view.progress_label.value == "1 of 8 blocks done"


def test_single_exercise_session_hides_the_picker():
    view = guided_session("floor_bridge", data_dir=FIXTURE_PACK)
    assert view.picker not in view.widget.children[0].children
    assert view.exercise_label.value == "Exercise 1 of 1"


def test_text_from_data_files_is_escaped(fixture_pack):
    path = fixture_pack / "exercises" / "floor_bridge.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('name = "Floor bridge"', 'name = "<img src=x onerror=alert(1)>"')
    text = text.replace("Squeeze one side", "<script>alert(2)</script> Squeeze one side")
    path.write_text(text, encoding="utf-8")
    view = guided_session("floor_bridge", data_dir=fixture_pack)
    view.next_button.click()
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.header.value
    assert "<img" not in view.header.value
    assert "&lt;script&gt;" in view.step_text.value and "<script>" not in view.step_text.value


# --- the movement figure inside the walkthrough ------------------------------------------

def _png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", png[16:24])  # width and height from the IHDR chunk


def _shown_png(movement) -> bytes:
    source = re.search(r'src="data:image/png;base64,([^"]+)"', movement.picture.value)
    return base64.b64decode(source.group(1))


def test_movement_figure_follows_the_step_and_the_exercise():
    view = full_workout(rest_seconds=0, data_dir=FIXTURE_PACK)
    figure = view.movement.children[0]
    assert figure is view._movements[0].widget
    player = view._movements[0].player
    assert (player.exercise_id, player.step) == ("lying_leg_raise", 1)
    first = _shown_png(view._movements[0])
    view.next_button.click()
    assert player.step == 2 and _shown_png(view._movements[0]) != first
    view.picker.value = 1
    assert view._movements[1].player.exercise_id == "floor_bridge"
    assert view.movement.children[0] is view._movements[1].widget


def test_figure_is_never_of_another_exercise_than_the_header():
    view = full_workout(rest_seconds=0)
    seen = []

    def exercise_in_figure() -> str:
        shown = view.movement.children[0]
        for index, movement in view._movements.items():
            if getattr(movement, "widget", movement) is shown:
                return str(view.workout.walkthroughs[index].exercise["exercise_id"])
        return "drawing" if "Drawing" in shown.value else "unknown"

    def exercise_in_header() -> str:
        names = {str(w.exercise["name"]): str(w.exercise["exercise_id"])
                 for w in view.workout.walkthroughs}
        return next(i for name, i in names.items() if name in view.header.value)

    def record(_change):
        seen.append((exercise_in_header(), exercise_in_figure()))

    view.header.observe(record, names="value")
    view.movement.observe(record, names="children")
    for index in (2, 1, 3, 0, 2):
        view.picker.value = index
    view.next_exercise_button.click()
    assert len(seen) >= 10
    for header, figure in seen:
        assert figure in (header, "drawing"), seen


def test_still_shows_the_steps_own_moment_and_names_it():
    view = guided_session("single_leg_bridge")
    movement = view._movements[0]
    view.next_button.click()
    view.next_button.click()  # step 3: the bridge goes up
    assert view.step_label.value == "Step 3 of 4"
    assert movement.player.frame == movement.player.frames - 1  # the top, not the floor
    assert 'alt="Drawing of single leg bridge, step 3: Top of the bridge' in \
        movement.picture.value


def test_first_play_draws_the_whole_step_then_every_frame_has_one_size():
    view = guided_session("side_lying_hip_circles")
    movement = view._movements[0]
    view.next_button.click()
    step = movement.player.step
    assert not all((step, f) in movement._pngs for f in range(movement.player.frames))
    movement.play_button.value = True  # the runner presses Play
    assert not movement.play.playing and "Drawing the movement" in movement.status.value
    movement.wait_until_drawn()
    assert movement.play.playing and movement.status.value == ""
    assert movement.play.value == 0  # from the start of the step
    frames = [movement._pngs[step, f] for f in range(movement.player.frames)]
    sizes = set()
    for frame in range(movement.player.frames):  # the browser counting the frames
        movement.play.value = frame
        sizes.add(_png_size(_shown_png(movement)))
    assert sizes == {(975, 570)}  # 6.5 x 3.8 inches at 150 dpi, every frame
    assert len(set(frames)) > 10  # and the figure moves
    movement.play.playing = False  # the end of the step, or Stop
    assert movement.play_button.value is False


def test_stepping_reuses_drawn_frames():
    view = guided_session("floor_bridge", data_dir=FIXTURE_PACK)
    movement = view._movements[0]
    drawn = len(movement._pngs)
    assert drawn == 2  # the first frame of every step, drawn up front
    for _ in range(2):
        view.next_button.click()
    for _ in range(2):
        view.back_button.click()
    assert len(movement._pngs) == drawn


def test_exercise_without_keyframes_is_taught_without_a_drawing(fixture_pack):
    view = guided_session("step_hold", data_dir=fixture_pack)
    note = view.movement.children[0]
    assert "No drawing for this exercise" in note.value
    assert "keyframes/step_hold.toml is missing" in note.value
    assert view.step_label.value == "Step 1 of 1"
    add_clamshell(fixture_pack)  # a coach's new exercise, also without keyframes
    view = full_workout(data_dir=fixture_pack)
    view.picker.value = 3
    assert "keyframes/clamshell.toml is missing" in view.movement.children[0].value
    view.picker.value = 1
    assert view.movement.children[0] is view._movements[1].widget  # the others still drawn


# --- rest signal, focus and colours ---------------------------------------------------------

def _focus_log(view) -> list[str]:
    moved = []
    for name in ("done", "skip_rest", "next", "back", "undo"):
        button = getattr(view, f"{name}_button")
        button.focus = lambda name=name: moved.append(name)
    return moved


def test_rest_ends_visibly_audibly_and_focus_returns_to_done():
    view = guided_session("standing_hip_abduction", rest_seconds=30)
    moved = _focus_log(view)
    view.done_button.click()
    assert moved == ["skip_rest"]  # Done is disabled by the rest: focus must not drop
    assert "role='status'" in view.rest_signal.value and "Rest 30 seconds" in \
        view.rest_signal.value
    view.rest_timer.value = 30
    assert "role='alert'" in view.rest_signal.value and "Rest over" in view.rest_signal.value
    assert "<audio autoplay src='data:audio/wav;base64," in view.rest_signal.value
    assert moved == ["skip_rest", "done"] and not view.done_button.disabled
    view.done_button.click()
    assert "Rest over" not in view.rest_signal.value


def test_rest_tone_is_a_short_wav():
    from hipkit.views.walkthrough_view import rest_over_tone

    sound = base64.b64decode(rest_over_tone().split(",", 1)[1])
    assert sound[:4] == b"RIFF" and sound[8:12] == b"WAVE"
    rate, = struct.unpack("<I", sound[24:28])
    assert rate == 22050 and 0.2 < (len(sound) - 44) / 2 / rate < 1


def test_next_on_the_last_step_moves_focus_to_done():
    view = guided_session("single_leg_bridge")
    moved = _focus_log(view)
    for _ in range(3):
        view.next_button.click()
    assert view.next_button.disabled and moved == ["done"]
    for _ in range(3):
        view.back_button.click()
    assert view.back_button.disabled and moved == ["done", "next"]


def test_loop_step_ankle_path_is_built_once_and_drawn_the_same():
    from matplotlib.figure import Figure

    from hipkit.exercises.keyframes import movement
    from hipkit.views import movement_plot

    motion = movement("side_lying_hip_circles")

    def ankle_path(phase: float):
        ax = Figure().add_subplot()
        movement_plot.draw_step(motion, 3, phase, ax=ax)
        return next(line for line in ax.lines if line.get_label() == "ankle path").get_xydata()

    movement_plot._PATHS.clear()
    fresh = ankle_path(0.25)
    assert len(movement_plot._PATHS) == 1
    assert (ankle_path(0.25) == fresh).all()  # from the cache, the same dots
    assert len(movement_plot._PATHS) == 1 and len(fresh) == 97
