"""Median time from a click to the re-rendered walkthrough, in-process (target: < 50 ms).

Also prints the one-off cost of showing an exercise for the first time, when its
movement figures are drawn (later clicks reuse them).

Run: python benchmarks/walkthrough_clicks.py
"""

import statistics
import time

from hipkit import movement_plot
from hipkit.walkthrough_view import full_workout

REPEATS = 200


def median_ms(action) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    start = time.perf_counter()
    view = full_workout(rest_seconds=0)
    print(f"open the full workout (draws the first exercise's figures): "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")
    for index in range(1, 4):
        start = time.perf_counter()
        view.picker.value = index
        print(f"first showing of exercise {index + 1} (draws its figures): "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")
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
    movement_plot._ANKLE_PATHS.clear()
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


if __name__ == "__main__":
    main()
