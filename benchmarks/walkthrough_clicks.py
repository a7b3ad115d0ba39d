"""Median time from a click to the re-rendered walkthrough, in-process (target: < 50 ms).

Also prints, for every exercise, the one-off cost of showing it for the first time, when
its movement figures are drawn (target: < 0.5 s; later clicks reuse them), and what a
frame of its longest step costs to build and to draw against the Play control's
interval (frames are ready in time when a frame costs less than the interval). As a
baseline measured in the same run, it times one bare matplotlib figure of the same size
(one line) saved as PNG the way a frame is, and prints each first showing as a multiple
of it, a figure that does not move with the machine's load.

Run: python benchmarks/walkthrough_clicks.py
"""

import statistics
import time
from io import BytesIO

from matplotlib.figure import Figure

from hipkit.exercises.body_figure import build_figure
from hipkit.exercises.keyframes import frame_count, movement, pose_at
from hipkit.views import movement_plot
from hipkit.views.movement_view import MovementView
from hipkit.views.walkthrough_view import full_workout

REPEATS = 200


def median_ms(action) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bare_figure_seconds() -> float:
    """Median time to draw one plain figure the size of a frame and save it as PNG."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        figure = Figure(figsize=(6.5, 3.8))
        figure.add_subplot().plot([0, 1], [0, 1])
        figure.savefig(BytesIO(), format="png", dpi=90, bbox_inches="tight")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    start = time.perf_counter()
    view = full_workout(rest_seconds=0)
    print(f"open the full workout (draws the first exercise's figures): "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")
    names = [option[0] for option in view.picker.options]
    for index in range(1, len(names)):
        baseline = bare_figure_seconds()
        start = time.perf_counter()
        view.picker.value = index
        seconds = time.perf_counter() - start
        print(f"first showing of {names[index]}: {seconds:.2f} s (target < 0.5): "
              f"{'met' if seconds < 0.5 else 'NOT met'}; {seconds / baseline:.1f}x one bare "
              f"figure saved as PNG ({baseline * 1000:.0f} ms)")
    frame_costs()
    results = {
        "Next / Back step": median_ms(lambda: (view.next_button.click(),
                                               view.back_button.click())) / 2,
        "Done / Undo block": median_ms(lambda: (view.done_button.click(),
                                                view.undo_button.click())) / 2,
        "pick another exercise": median_ms(
            lambda: setattr(view.picker, "value", (view.picker.value + 1) % 4)),
    }
    # A loop step's frames, as the background thread draws them before the first play:
    # the ankle's path is built for the first frame and reused by the others.
    movement = view._movements[0]
    movement_plot._PATHS.clear()
    start = time.perf_counter()
    movement.frame_png(3, 1)
    first = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    for frame in range(2, 8):
        movement.frame_png(3, frame)
    further = (time.perf_counter() - start) * 1000 / 6
    print(f"hip circles step 3, frames drawn ahead: first {first:.0f} ms, each further "
          f"{further:.0f} ms ({first / further:.1f}x less); playing a drawn frame costs "
          f"{median_ms(lambda: movement.redraw()):.2f} ms")
    for name, value in results.items():
        print(f"{name:24s} median {value:6.2f} ms per click ({REPEATS} repeats)")
    worst = max(results.values())
    print(f"slowest control: {worst:.2f} ms median; target < 50 ms: "
          f"{'met' if worst < 50 else 'NOT met'}")


def frame_costs() -> None:
    """Per exercise, the longest step: building its figures, and drawing one frame."""
    interval = MovementView.__init__.__defaults__[0] / 1000
    for exercise_id in ("side_lying_hip_circles", "standing_hip_abduction",
                        "single_leg_bridge", "glute_switch_bridge_hold"):
        motion = movement(exercise_id)
        step = max(range(1, len(motion.steps) + 1), key=lambda s: frame_count(motion, s))
        frames = frame_count(motion, step)
        start = time.perf_counter()
        for k in range(frames):
            build_figure(pose_at(motion, step, k / (frames - 1)), motion.posture)
        build = (time.perf_counter() - start) / frames
        player = MovementView(exercise_id)
        player.show_step(step)
        start = time.perf_counter()
        for k in range(1, 6):
            player.frame_png(step, k)
        drawn = (time.perf_counter() - start) / 5
        print(f"{exercise_id} step {step} ({frames} frames): build {build * 1000:.1f} ms, "
              f"build + draw + PNG {drawn * 1000:.0f} ms a frame; interval "
              f"{interval * 1000:.0f} ms: {'in time' if drawn < interval else 'NOT in time'}")


if __name__ == "__main__":
    main()
