"""The figure is rigid, measures its own hip angle, and draws what it says."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from hipkit.errors import DataFileError
from hipkit.exercises.body_figure import JOINTS, build_figure, hip_angle, load_segments
from hipkit.exercises.keyframes import load_movements, step_frames
from hipkit.views.figure_drawing import angle_label, draw_figure, draw_hip_angle
from tests.conftest import FIXTURE_PACK

HEIGHT = 1.75
# (start point, end point, segment in segments.csv) for every rigid piece of the figure
RIGID = [("pelvis", "neck", "trunk"), ("hip_left", "hip_right", "hip_width"),
         ("shoulder_left", "shoulder_right", "shoulder_width")] + [
    (f"{a}_{side}", f"{b}_{side}", segment) for side in ("left", "right")
    for a, b, segment in [("hip", "knee", "thigh"), ("knee", "ankle", "shank"),
                          ("ankle", "heel", "ankle_height"), ("heel", "toe", "foot"),
                          ("shoulder", "elbow", "upper_arm"), ("elbow", "wrist", "forearm")]]


@pytest.fixture(scope="module")
def fractions():
    table = load_segments()
    return dict(zip(table["segment"], table["fraction_of_height"], strict=True))


def test_content_segment_lengths_come_from_the_cited_table(fractions):
    assert fractions["thigh"] == 0.245
    assert fractions["shank"] == 0.246
    assert fractions["trunk"] == 0.288
    assert set(load_segments()["source_id"]) == {"drillis_contini1966"}


def test_every_frame_of_every_exercise_is_the_same_rigid_figure(fractions):
    checked = 0
    for exercise_id, motion in load_movements(FIXTURE_PACK).items():
        for step in motion.steps:
            for pose in step_frames(motion, step.step, frames_per_pose=24):
                figure = build_figure(pose, motion.posture, HEIGHT)
                for start, end, segment in RIGID:
                    assert figure.segment_length(start, end) == pytest.approx(
                        fractions[segment] * HEIGHT, abs=1e-9), (exercise_id, step.step, segment)
                checked += 1
    assert checked > 100


def test_hip_angle_reads_back_the_joint_angle_in_any_posture():
    pose = {"hip_flexion_right": 35.0, "knee_flexion_right": 60.0, "hip_abduction_left": 20.0}
    for posture in ("standing", "on_back", "on_side"):
        figure = build_figure(pose, posture)
        assert hip_angle(figure, "right") == pytest.approx(35.0)
        assert hip_angle(figure, "left", "abduction") == pytest.approx(20.0)
    assert hip_angle({"hip_flexion_left": -8.0}, "left") == pytest.approx(-8.0)


def test_standing_figure_stands_on_its_lower_foot_at_the_cited_height(fractions):
    figure = build_figure({"hip_abduction_left": 25.0})
    heel_heights = [figure.points[f"heel_{side}"][2] for side in ("left", "right")]
    assert heel_heights[1] == pytest.approx(0.0, abs=1e-9)
    assert heel_heights[0] > 0.01  # the kicking foot is off the floor
    assert figure.points["neck"][2] == pytest.approx(
        (fractions["ankle_height"] + fractions["shank"] + fractions["thigh"]
         + fractions["trunk"]) * HEIGHT)


def test_a_bridge_lifts_the_hips_but_keeps_shoulders_and_feet_down():
    flat = build_figure({"hip_flexion_left": 45, "hip_flexion_right": 45,
                         "knee_flexion_left": 100, "knee_flexion_right": 100}, "on_back")
    bridge = build_figure({"knee_flexion_left": 86, "knee_flexion_right": 86}, "on_back")
    assert bridge.points["pelvis"][2] - flat.points["pelvis"][2] > 0.15
    assert bridge.points["neck"][2] == pytest.approx(flat.points["neck"][2])
    for figure in (flat, bridge):
        assert figure.points["heel_right"][2] == pytest.approx(0.0, abs=1e-6)


def test_a_positive_pelvic_drop_lowers_the_left_hip():
    figure = build_figure({"pelvic_drop": 10, "knee_flexion_left": 86,
                           "knee_flexion_right": 86}, "on_back")
    gap = figure.points["hip_right"][2] - figure.points["hip_left"][2]
    assert gap == pytest.approx(0.191 * HEIGHT * np.sin(np.radians(10)), rel=1e-6)


def test_unknown_joint_is_refused():
    with pytest.raises(KeyError, match="unknown joints \\['hip_twist'\\]"):
        build_figure({"hip_twist": 3})
    assert "pelvic_drop" in JOINTS


def test_drawing_puts_the_figure_and_readout_on_the_axes():
    figure = build_figure({"hip_flexion_right": 50, "knee_flexion_right": 90}, "on_back")
    fig, ax = plt.subplots()
    assert draw_figure(figure, "side", ax) is ax
    # 2 x 6 limb pieces, trunk, pelvis and shoulder lines; head circle and floor patch
    assert len(ax.lines) == 15
    assert len(ax.patches) == 2
    assert ax.get_aspect() == 1.0 and not ax.get_xticks().size
    draw_hip_angle(figure, "side", "right", ax=ax)
    assert ax.texts[-1].get_text() == "hip flexed 50°"
    guide = ax.lines[-1]
    assert guide.get_label() == "full hip extension" and guide.get_linestyle() == "--"
    plt.close(fig)


def test_near_leg_is_darker_than_far_leg_in_side_view():
    figure = build_figure({}, "on_back")
    fig, ax = plt.subplots()
    draw_figure(figure, "side", ax)
    colours = {line.get_color() for line in ax.lines}
    assert {"#1d3557", "#a9bdd6"} <= colours
    plt.close(fig)


def test_angle_labels_speak_like_a_coach():
    assert angle_label(0.3) == "hip 0°: full extension"
    assert angle_label(44.6) == "hip flexed 45°"
    assert angle_label(-9.0) == "hip extended 9° past the line"
    assert angle_label(-12, "abduction") == "leg across 12°"


def test_broken_segment_table_names_row_and_value(fixture_pack):
    path = fixture_pack / "segments.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("thigh,0.245,drillis_contini1966", "thigh,1.245,nobody")
    path.write_text(text.replace("\nforearm,", "\nforearm_x,"), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_segments(fixture_pack)
    message = str(caught.value)
    assert "row 3, field 'fraction_of_height': must be a number between 0 and 1 (got '1.245')" \
        in message
    assert "row 3, field 'source_id': is not an id in sources.csv (got 'nobody')" in message
    assert "field 'segment': the figure needs this segment (got 'forearm')" in message
