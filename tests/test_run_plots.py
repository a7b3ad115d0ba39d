"""Charts of runs beside hip work: what each one draws, checked on its artists."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from hipkit.runs.fitness_model import fitness_fatigue  # noqa: E402
from hipkit.runs.training_load import SESSION_RPE, TRIMP, UNITS  # noqa: E402
from hipkit.views.run_plots import (  # noqa: E402
    DROPPED_COLOUR,
    plot_group_weeks,
    plot_load,
    plot_projection,
    plot_running_and_hips,
)


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


def test_load_chart_draws_one_unit_leaves_unscored_days_as_gaps_and_shades_the_warm_up():
    days = pd.to_datetime(["2025-09-01", "2025-09-02", "2025-09-03"])
    daily = pd.DataFrame({"run_load": pd.array([200.0, None, 150.0], dtype="Float64"),
                          "hip_load": [0.0, 100.0, 50.0], "method": [SESSION_RPE] * 3,
                          "load": pd.array([200.0, 100.0, 200.0], dtype="Float64"),
                          "unscored": [0, 1, 0]}, index=days)
    ax = plot_load(daily, fitness_fatigue(daily["load"], unscored=daily["unscored"]))
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    run_bars, hip_bars = bars[:3], bars[3:6]
    assert [b.get_height() for b in run_bars] == [200.0, 0.0, 150.0]  # the gap: no bar
    assert [b.get_y() for b in hip_bars] == [200.0, 0.0, 150.0]  # stacked on the runs
    gap_marks = [line for line in ax.lines if line.get_label().startswith("not scored")]
    assert len(gap_marks) == 1
    assert list(gap_marks[0].get_xdata()) == [pd.Timestamp("2025-09-02")]
    assert [line.get_label() for line in ax.lines][1:] == ["fitness", "fatigue"]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "not scored: 1 session (a gap: missing, not 0)" in labels
    assert "model warming up (started from 0)" in labels
    assert ax.get_ylabel() == UNITS[SESSION_RPE]


def test_a_load_chart_refuses_two_units_and_labels_a_trimp_series_in_its_unit():
    days = pd.to_datetime(["2025-09-01", "2025-09-02"])
    mixed = pd.DataFrame({"run_load": [200.0, 50.0], "hip_load": [0.0, 100.0],
                          "method": [SESSION_RPE, TRIMP], "unscored": [0, 0]}, index=days)
    with pytest.raises(ValueError, match="draws one unit"):
        plot_load(mixed)
    heart = mixed.assign(method=TRIMP)
    assert plot_load(heart).get_ylabel() == UNITS[TRIMP]


def test_projection_chart_splits_logged_from_planned():
    days = pd.date_range("2026-01-26", periods=10)
    table = pd.DataFrame({"run_load": [200.0] + [0.0] * 9, "hip_load": [0.0] * 5 + [90.0] * 5,
                          "load": [200.0] + [0.0] * 4 + [90.0] * 5,
                          "method": [SESSION_RPE] * 10, "unscored": [0] * 10,
                          "planned": [False] * 5 + [True] * 5,
                          "runs_assumed": [False] * 5 + [True] * 5}, index=days)
    model = fitness_fatigue(table["load"])
    ax = plot_projection(table, model)
    lines = {line.get_label(): line for line in ax.lines}
    assert lines["fitness (logged)"].get_linestyle() == "-"
    assert lines["fitness (planned)"].get_linestyle() == ":"
    assert max(lines["fitness (logged)"].get_xdata()) == pd.Timestamp("2026-01-30")
    assert min(lines["fitness (planned)"].get_xdata()) == pd.Timestamp("2026-01-30")
    planned_bars = [p for p in ax.patches if isinstance(p, Rectangle)
                    and p.get_alpha() == 0.45]
    assert len(planned_bars) == 10  # five planned days, runs and hip work
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "runs ahead assumed like the last weeks" in labels


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


def test_curves_wait_for_the_first_known_load_when_unknown_days_come_first():
    days = pd.date_range("2026-03-01", periods=4)
    table = pd.DataFrame({"run_load": pd.array([None, None, 0.0, 0.0], dtype="Float64"),
                          "hip_load": [0.0, 0.0, 0.0, 90.0],
                          "load": pd.array([None, None, 0.0, 90.0], dtype="Float64"),
                          "method": [SESSION_RPE] * 4, "unscored": [1, 1, 0, 0],
                          "planned": [False, False, True, True],
                          "runs_assumed": [False] * 4}, index=days)
    model = fitness_fatigue(table["load"], unscored=table["unscored"])
    ax = plot_projection(table, model)
    drawn = {line.get_label(): line for line in ax.lines}
    planned = drawn["fitness (planned)"].get_ydata()
    assert pd.isna(drawn["fitness (logged)"].get_ydata()).all()  # nothing known: no curve
    assert pd.isna(planned[:-2]).all() and planned[-2] > 0
