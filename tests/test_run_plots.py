"""Charts of runs beside hip work: what each one draws, checked on its artists."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from hipkit.run_plots import (  # noqa: E402
    DROPPED_COLOUR,
    plot_group_weeks,
    plot_load,
    plot_running_and_hips,
)
from hipkit.training_load import SESSION_RPE, TRIMP, fitness_fatigue  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_weekly_chart_hatches_big_weeks_and_marks_dropped_hip_work():
    weekly = pd.DataFrame({"run_km": [20.0, 30.0, 25.0], "hip_sessions": [3, 3, 1],
                           "hip_dropped": [False, False, True],
                           "big_week": [False, True, False]},
                          index=pd.to_datetime(["2025-09-01", "2025-09-08", "2025-09-15"]))
    _, ax = plt.subplots()
    assert plot_running_and_hips(weekly, ax=ax) is ax
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [bar.get_height() for bar in bars] == [20.0, 30.0, 25.0]
    assert [bar.get_hatch() for bar in bars] == [None, "//", None]
    counts = [t.get_text() for t in ax.texts]
    assert counts == ["3", "3", "1"]
    assert matplotlib.colors.same_color(ax.texts[2].get_color(), DROPPED_COLOUR)


def test_load_chart_stacks_hip_work_and_hatches_heart_rate_days():
    days = pd.to_datetime(["2025-09-01", "2025-09-02", "2025-09-03"])
    daily = pd.DataFrame({"run_load": [200.0, 0.0, 150.0], "hip_load": [0.0, 100.0, 50.0],
                          "method": [SESSION_RPE, SESSION_RPE, f"{SESSION_RPE} + {TRIMP}"],
                          "load": [200.0, 100.0, 200.0]}, index=days)
    ax = plot_load(daily, fitness_fatigue(daily["load"]))
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    run_bars, hip_bars = bars[:3], bars[3:]
    assert [b.get_y() for b in hip_bars] == [200.0, 0.0, 150.0]  # stacked on the runs
    assert [b.get_hatch() for b in run_bars] == [None, None, "xx"]
    assert [line.get_label() for line in ax.lines] == ["fitness", "fatigue"]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "runs scored by heart rate (TRIMP)" in labels


def test_group_grid_outlines_dropped_weeks_and_shows_names_as_typed():
    table = pd.DataFrame({"runner": ["Ana $x$", "Ana $x$", "Ben", "Ben"],
                          "week_start": pd.to_datetime(["2026-02-02", "2026-02-09"] * 2),
                          "run_km": [20.0, 25.0, 30.0, 10.0], "hip_sessions": [3, 1, 2, 3],
                          "hip_dropped": [False, True, True, False],
                          "big_week": [False, False, False, False]})
    ax = plot_group_weeks(table)
    outlines = [p for p in ax.patches if isinstance(p, Rectangle)
                and matplotlib.colors.same_color(p.get_edgecolor(), DROPPED_COLOUR)]
    assert sorted((p.get_x(), p.get_y()) for p in outlines) == [(-0.5, 0.5), (0.5, -0.5)]
    ax.figure.canvas.draw()
    labels = ax.get_yticklabels()
    assert [t.get_text() for t in labels] == ["Ana $x$", "Ben"]
    assert not any(t.get_parse_math() for t in labels)
