"""Log charts: what each one draws, checked on the artists."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from hipkit.exercises.data_files import data_root
from hipkit.log.reading import read_log
from hipkit.views.log_plots import (
    day_month,
    plot_calendar,
    plot_effort,
    plot_side_balance,
    plot_weekly_load,
    plot_weekly_volume,
)


@pytest.fixture(scope="module")
def log():
    return read_log(data_root() / "sample_log.csv")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def labels(ticks):
    return [t.get_text() for t in ticks]


def test_day_month_has_no_leading_zero():
    assert day_month(pd.Timestamp("2026-03-03")) == "3 Mar"
    assert day_month(pd.Timestamp("2026-11-27")) == "27 Nov"


def test_calendar_year_has_weeks_as_columns_and_months_labelled(log):
    _, given = plt.subplots()
    ax = plot_calendar(log, "2025-01-01", "2025-12-31", ax=given)
    assert ax is given
    grid = ax.images[0].get_array()
    # 1 Jan 2025 is a Wednesday: the first column starts Monday 30 Dec 2024.
    assert grid.shape == (7, 53)
    assert grid.mask[0, 0] and grid.mask[1, 0] and not grid.mask[2, 0]
    assert labels(ax.get_xticklabels()) == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                            "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert labels(ax.get_yticklabels())[0] == "Mon"
    # Monday 1 Sep 2025 is in column 35, row 0 and was a training day; Sunday was not.
    assert grid[0, 35] > 0 and grid[6, 35] == 0
    trained = (~grid.mask & (grid > 0)).sum()
    assert trained == log["date"].nunique()


def test_weekly_volume_stacks_one_bar_set_per_exercise(log):
    ax = plot_weekly_volume(log)
    assert len(ax.containers) == 4
    assert [len(c) for c in ax.containers] == [9] * 4
    assert labels(ax.get_xticklabels())[:2] == ["1 Sep", "8 Sep"]
    tops = np.sum([[bar.get_height() for bar in c] for c in ax.containers], axis=0)
    # Week 1: three full sessions of the coach's dosage (60 + 60 + 60 + 10 a session).
    assert tops[0] == 3 * (60 + 60 + 60 + 10)
    assert [t.get_text() for t in ax.get_legend().get_texts()][0] == "Side-lying hip circles"


def test_side_balance_draws_left_negative_and_right_positive(log):
    ax = plot_side_balance(log)
    left, right = ax.containers
    # The sample's right side falls a rep or two short four times (six reps in all).
    assert [bar.get_width() for bar in left] == [-1245, -1110, -1155]
    assert [bar.get_width() for bar in right] == [1245, 1104, 1149]
    assert "50% left" in [t.get_text() for t in ax.texts]


def test_effort_lines_stay_on_the_ten_point_scale(log):
    ax = plot_effort(log)
    rpe, pain = ax.get_lines()
    assert len(rpe.get_xdata()) == log["date"].nunique()
    assert ax.get_ylim() == (0, 10)
    assert labels(ax.get_xticklabels())[0] == "1 Sep"


def test_weekly_load_bars_are_labelled_with_monotony(log):
    ax = plot_weekly_load(log)
    # Week 1: three sessions of 21 minutes at efforts 6, 5 and 7.
    assert [bar.get_height() for bar in ax.patches][0] == 21 * (6 + 5 + 7)
    assert [t.get_text() for t in ax.texts][0] == "0.8"
