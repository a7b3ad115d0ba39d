"""The hip-circle figure never shows the mistake it warns about: the top leg in front."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from hipkit.exercises.body_figure import build_figure  # noqa: E402
from hipkit.exercises.keyframes import load_movements, step_frames  # noqa: E402

# On the side, +y is behind the body: flexing the hip swings the ankle towards -y.
BEHIND = 1


def ahead_of_bottom_leg(pose) -> float:
    points = build_figure(pose, "on_side").points
    return float(BEHIND * (points["ankle_left"][1] - points["ankle_right"][1]))


def test_the_axis_convention_holds():
    pose = dict(step_frames("side_lying_hip_circles", 1)[0])
    pose["hip_flexion_right"] = 10
    assert ahead_of_bottom_leg(pose) > 0.1  # a flexed top leg is well in front


@pytest.mark.parametrize("step", [2, 3, 4])
def test_the_top_leg_stays_behind_the_bottom_leg_in_every_frame(step):
    motion = load_movements()["side_lying_hip_circles"]
    frames = step_frames(motion, step, frames_per_pose=12)
    ahead = np.array([ahead_of_bottom_leg(pose) for pose in frames])
    limit = 0.0 if step == 2 else -0.01  # step 2 starts stacked; the circles stay behind
    assert ahead.max() <= limit + 1e-9
