"""Keyframes cover every step, stay in the cited range of motion and show the movement.

The loading, checking, interpolation and drawing run on the fixture pack; the tests
named ``test_content_*`` check that the shipped keyframes show what the lessons teach.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from hipkit import load_steps
from hipkit.errors import DataFileError, UnknownIdError
from hipkit.exercises.body_figure import build_figure, hip_angle
from hipkit.exercises.keyframes import (
    cycle_start,
    frame_count,
    joint_limits,
    load_keyframes,
    load_movement,
    load_movements,
    load_range_of_motion,
    movement,
    pose_at,
    step_frames,
)
from hipkit.views.figure_drawing import Camera
from hipkit.views.movement_plot import draw_step, nearest_label
from hipkit.views.movement_view import MovementPlayer, MovementView

ANKLE = 0.039 * 1.75


@pytest.fixture(scope="module")
def movements():
    return load_movements()


def test_limits_are_the_narrowest_cited_norms(fixture_pack):
    limits = joint_limits(load_range_of_motion(fixture_pack))
    assert limits["hip_flexion"] == (-10.0, 120.0, "aaos_norkin_white, wilson2014")
    assert limits["hip_abduction"][:2] == (-30.0, 30.0)
    assert limits["knee_flexion"][:2] == (0.0, 135.0)


def test_content_every_step_of_every_shipped_exercise_has_a_keyframe(movements):
    steps = load_steps().groupby("exercise_id", observed=True)["step"].max()
    assert set(movements) == set(steps.index)
    for exercise_id, n_steps in steps.items():
        assert [s.step for s in movements[exercise_id].steps] == list(range(1, n_steps + 1))
        assert all(s.poses for s in movements[exercise_id].steps)


def test_exercises_without_a_keyframe_file_are_left_out_not_refused(fixture_pack):
    movements = load_movements(fixture_pack)
    assert list(movements) == ["lying_leg_raise", "floor_bridge"]  # step_hold has no file
    assert [s.step for s in movements["floor_bridge"].steps] == [1, 2]
    assert [len(s.poses) for s in movements["lying_leg_raise"].steps] == [1, 3]
    assert movements["floor_bridge"].steps[1].loop and not movements["floor_bridge"].steps[0].loop
    assert movements["floor_bridge"].props == ("band",)
    assert movement("floor_bridge", fixture_pack) == movements["floor_bridge"]
    with pytest.raises(UnknownIdError) as caught:
        movement("step_hold", fixture_pack)
    assert str(caught.value) == (
        "'step_hold' has no keyframes yet: keyframes/step_hold.toml is missing, so it is "
        "taught in words; exercises with keyframes: lying_leg_raise, floor_bridge")
    with pytest.raises(UnknownIdError, match="unknown exercise_id 'plank'; known: "
                       "lying_leg_raise, floor_bridge, step_hold"):
        load_movement("plank", fixture_pack)


def test_data_folder_named_by_hipkit_data_is_drawn(fixture_pack, monkeypatch):
    monkeypatch.setenv("HIPKIT_DATA", str(fixture_pack))
    assert movement("floor_bridge").posture == "on_back"
    assert frame_count("lying_leg_raise", 2) == 25


def test_every_keyframe_and_frame_is_inside_the_cited_range(fixture_pack):
    _assert_inside_the_cited_range(fixture_pack)


def test_content_every_shipped_keyframe_and_frame_is_inside_the_cited_range():
    _assert_inside_the_cited_range(None)


def _assert_inside_the_cited_range(data_dir):
    movements = load_movements(data_dir)
    limits = joint_limits(load_range_of_motion(data_dir))
    keyframes = load_keyframes(data_dir)
    assert len(keyframes) > 0
    for joint, (low, high, _) in limits.items():
        values = keyframes[keyframes["joint"].str.startswith(joint)]["degrees"]
        # the table signs the pelvic drop by side (positive: left hip lower)
        values = values.abs() if joint == "pelvic_drop" else values
        assert len(values) > 0 and values.between(low, high).all(), joint
    # The smooth loops must not overshoot the keyframes they pass through.
    for motion in movements.values():
        for step in motion.steps:
            for pose in step_frames(motion, step.step, frames_per_pose=8):
                figure = build_figure(pose, motion.posture, data_dir=data_dir)
                for side in ("left", "right"):
                    assert -10 - 1e-6 <= hip_angle(figure, side) <= 120
                    assert -30 - 1e-6 <= hip_angle(figure, side, "abduction") <= 30 + 1e-6


@pytest.mark.parametrize("exercise_id, step", [("single_leg_bridge", 3),
                                               ("glute_switch_bridge_hold", 1)])
def test_content_bridge_top_reaches_full_hip_extension(exercise_id, step):
    top = pose_at(exercise_id, step, 1.0)
    assert abs(hip_angle(build_figure(top, "on_back"), "right")) <= 5
    start = pose_at(exercise_id, 1, 0.0)
    assert hip_angle(build_figure(start, "on_back"), "right") > 30


def test_content_single_leg_bridge_raised_thigh_stays_parallel_to_the_working_thigh():
    for step in (3, 4):  # in step 2 the leg is still on its way up
        for pose in step_frames("single_leg_bridge", step):
            figure = build_figure(pose, "on_back")
            thighs = [figure.points[f"knee_{s}"] - figure.points[f"hip_{s}"]
                      for s in ("left", "right")]
            cosine = thighs[0] @ thighs[1] / np.linalg.norm(thighs[0]) / np.linalg.norm(thighs[1])
            assert cosine > np.cos(np.radians(2))
            assert figure.points["ankle_left"][2] > figure.points["knee_right"][2] - 0.05


def test_content_glute_off_keyframe_dips_the_switched_off_hip(movements):
    hold = movements["glute_switch_bridge_hold"].step_motion(2)
    for pose, label in zip(hold.poses, hold.labels, strict=True):
        figure = build_figure(pose, "on_back")
        gap = figure.points["hip_right"][2] - figure.points["hip_left"][2]
        if label.startswith("Left glute off"):
            assert gap > 0.04  # the left hip sits lower by several centimetres
        elif label.startswith("Right glute off"):
            assert gap < -0.04
        else:
            assert abs(gap) < 1e-9
        # The working side stays in full hip extension while the other side dips.
        on_side = "right" if gap > 0 else "left"
        assert abs(hip_angle(figure, on_side)) <= 5


@pytest.mark.parametrize("exercise_id, step, feet", [
    ("glute_switch_bridge_hold", 1, ("left", "right")),
    ("glute_switch_bridge_hold", 2, ("left", "right")),
    ("single_leg_bridge", 3, ("right",)), ("single_leg_bridge", 4, ("right",))])
def test_content_planted_feet_stay_on_the_floor_and_on_their_spot(exercise_id, step, feet):
    spots = {side: [] for side in feet}
    for pose in step_frames(exercise_id, step):
        figure = build_figure(pose, "on_back")
        for side in feet:
            spots[side].append(figure.points[f"ankle_{side}"])
    for path in map(np.array, spots.values()):
        assert np.abs(path[:, 2] - ANKLE).max() < 0.01  # within a centimetre of flat
        assert np.ptp(path[:, 0]) < 0.03  # the foot slides less than 3 cm


def test_content_hip_circles_trace_a_small_closed_loop(movements):
    motion = movements["side_lying_hip_circles"]
    for step in (3, 4):
        frames = step_frames(motion, step, frames_per_pose=12)
        ankles = np.array([build_figure(p, "on_side").points["ankle_right"] for p in frames])
        assert ankles[0] == pytest.approx(ankles[-1])
        centre = ankles[:-1].mean(axis=0)
        radii = np.linalg.norm(ankles[:-1] - centre, axis=1)
        # a circle: every point about the same distance from the centre, a few cm out
        assert 0.06 < radii.mean() < 0.12
        assert radii.std() / radii.mean() < 0.05
        camera = Camera.for_view(build_figure(frames[0], "on_side"), motion.view)
        screen = np.array([camera.project(a) for a in ankles])
        x, y = screen[:, 0], screen[:, 1]
        area = 0.5 * (x[:-1] @ y[1:] - x[1:] @ y[:-1])
        assert abs(area) > 0.5 * np.pi * radii.mean() ** 2 * 0.3  # seen as a loop, not a line
        if step == 3:
            first_area = area
    assert np.sign(area) == -np.sign(first_area)  # step 4 circles the other way


def test_steps_start_where_the_previous_step_ended(fixture_pack):
    bridge = movement("floor_bridge", fixture_pack)
    assert pose_at(bridge, 2, 0.0) == pose_at(bridge, 1, 1.0)
    assert frame_count("lying_leg_raise", 1, data_dir=fixture_pack) == 1
    # an ease into the loop's first pose, then two poses round the loop: 3 x 12 + 1
    assert frame_count(bridge, 2) == 37
    assert cycle_start(bridge, 2) == pytest.approx(1 / 3)
    halfway = pose_at(bridge, 1, 0.5)
    assert halfway["hip_flexion_right"] == pytest.approx(22.5)
    raise_ = movement("lying_leg_raise", fixture_pack)
    assert pose_at(raise_, 2, 0.25)["hip_abduction_right"] == pytest.approx(10)
    assert pose_at(raise_, 2, 0.5)["hip_abduction_right"] == pytest.approx(20)


def test_draw_step_shows_figure_readout_and_ankle_path(fixture_pack):
    bridge = movement("floor_bridge", fixture_pack)
    fig, ax = plt.subplots()
    draw_step(bridge, 2, cycle_start(bridge, 2), ax=ax, data_dir=fixture_pack)
    labels = [line.get_label() for line in ax.lines]
    assert "ankle path" in labels and "full hip extension" in labels and "band" in labels
    assert ax.get_title() == "Left side off"
    assert ax.texts[-1].get_text() == "hip 0°: full extension"
    inset = ax.child_axes[0]
    assert inset.get_title() == "seen from the feet"
    assert inset.texts[-1].get_text() == "left hip dips 8°"
    plt.close(fig)
    fig, ax = plt.subplots()
    draw_step("lying_leg_raise", 2, 0.5, ax=ax, data_dir=fixture_pack)
    assert ax.texts[-1].get_text() == "leg out 20°"
    assert ax.get_title() == "Top leg raised"
    assert "band" not in [line.get_label() for line in ax.lines]
    assert not ax.child_axes  # no pelvic drop in this movement: no inset
    plt.close(fig)
    assert nearest_label("floor_bridge", 1, 0.0, data_dir=fixture_pack) == "On the back, knees bent"


def test_player_and_view_follow_step_and_frame(fixture_pack):
    player = MovementPlayer("lying_leg_raise", data_dir=fixture_pack)
    assert (player.n_steps, player.frames) == (2, 1)
    view = MovementView(player)
    assert view.play.disabled and view.play.max == 0
    view.show_step(2)
    assert view.play.max == 24 and not view.play.disabled
    view.play.value = 12
    assert player.frame == 12 and player.phase == pytest.approx(1 / 2)
    assert view.figure.axes[0].get_title() == "Top leg raised"
    view.show_step(1)
    assert (player.step, player.frame, view.play.value) == (1, 0, 0)
    with pytest.raises(ValueError, match="lying_leg_raise has steps 1 to 2, not 5"):
        player.set_step(5)


def _break(data_copy, name, old, new):
    path = data_copy / "keyframes" / f"{name}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


def test_broken_keyframe_files_report_every_problem(fixture_pack):
    bridge = _break(fixture_pack, "floor_bridge", "knee_flexion = { left = 100, right = 100 }",
                    "knee_flexion = { left = 150, right = 100 }\nhip_twist = { left = 3 }")
    _break(fixture_pack, "floor_bridge", "hip_flexion = { left = 6, right = 0 }",
           "hip_flexion = { left = 6, right = -25 }")
    _break(fixture_pack, "floor_bridge", 'view = "side"', 'view = "top"')
    raise_ = str(fixture_pack / "keyframes" / "lying_leg_raise.toml")
    text = open(raise_, encoding="utf-8").read()
    open(raise_, "w", encoding="utf-8").write(text[:text.index("[[steps]]\n[[steps.poses]]\n"
                                                               'label = "Legs together"')])
    with pytest.raises(DataFileError) as caught:
        load_movements(fixture_pack)
    message = str(caught.value)
    assert "5 problems in the data:" in message
    assert (f"{bridge}, field 'steps[1].poses[1].knee_flexion.left': is outside the normal "
            "range of motion, 0 to 135 degrees (aaos_norkin_white) (got 150)") in message
    assert f"{bridge}, field 'steps[1].poses[1].hip_twist': is not a known joint" in message
    assert (f"{bridge}, field 'steps[2].poses[1].hip_flexion.right': is outside the normal "
            "range of motion, -10 to 120 degrees (aaos_norkin_white, wilson2014) (got -25)"
            ) in message
    assert (f"{raise_}, field 'steps[2]': is missing: the exercise has 2 steps and every "
            "step needs its keyframes") in message
    assert (f"{bridge}, field 'view': must be one of ['side', 'front', 'three_quarter', "
            "'feet_end'] (got 'top')") in message
    # Drawing one exercise reads and reports only its own file.
    with pytest.raises(DataFileError) as caught:
        movement("floor_bridge", fixture_pack)
    assert str(caught.value).startswith("4 problems in the data:")
    assert "lying_leg_raise" not in str(caught.value)
    with pytest.raises(DataFileError) as caught:
        movement("lying_leg_raise", fixture_pack)
    assert str(caught.value).startswith("1 problem in the data:")
    assert f"{raise_}, field 'steps[2]': is missing" in str(caught.value)


def test_pelvic_drop_names_one_side_and_a_keyframe_file_names_an_exercise(fixture_pack):
    hold = _break(fixture_pack, "floor_bridge", "pelvic_drop = { left = 8 }",
                  "pelvic_drop = { left = 8, right = 5 }")
    stray = fixture_pack / "keyframes" / "clamshell.toml"
    stray.write_text('posture = "on_side"\n', encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_movements(fixture_pack)
    message = str(caught.value)
    assert (f"{hold}, field 'steps[2].poses[1].pelvic_drop': names one side: the side that "
            "dips (got {'left': 8, 'right': 5})") in message
    assert f"{stray}, field '(file name)': names no exercise in exercises/ (got 'clamshell')" \
        in message
