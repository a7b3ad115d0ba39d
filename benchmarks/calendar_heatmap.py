"""Benchmark: draw the calendar heatmap of five years of daily training (target < 0.5 s).

Builds a fictional log with one row for every day of 2021-2025 (1,826 days), then times
``plot_calendar`` over the whole range on one Axes, best of 5, including drawing the
figure to an in-memory canvas. Run: ``python benchmarks/calendar_heatmap.py``.
"""

from __future__ import annotations

import datetime as dt
import time

import matplotlib

matplotlib.use("Agg")  # a script, not a notebook: draw off screen

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from hipkit.log.reading import check_log, records_to_raw  # noqa: E402
from hipkit.views.log_plots import plot_calendar  # noqa: E402


def main() -> None:
    days = pd.date_range("2021-01-01", "2025-12-31", freq="D")
    log = check_log(records_to_raw(
        {"date": day.date(), "exercise": "Single-leg bridge", "side": "both",
         "sets": 1 + day.day % 3, "reps": 15} for day in days), "bench", today=dt.date(2026, 1, 1))
    times = []
    for _ in range(5):
        start = time.perf_counter()
        fig, ax = plt.subplots(figsize=(40, 2.5))
        plot_calendar(log, ax=ax)
        fig.canvas.draw()
        times.append(time.perf_counter() - start)
        plt.close(fig)
    print(f"days: {len(days):,}; weeks drawn: {ax.images[0].get_array().shape[1]}")
    print(f"calendar heatmap of five years: {min(times):.3f} s (best of 5; target < 0.5)")


if __name__ == "__main__":
    main()
