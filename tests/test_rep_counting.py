"""One repetition means the same thing in lesson 01, the plan and the log."""

import pandas as pd

from hipkit.exercises.progression import build_plan
from hipkit.exercises.session_plan import session_volume
from hipkit.log.analysis import volume


def test_lesson_counts_equal_plan_week_one_and_log_volume_of_one_session():
    lesson = session_volume().set_index("exercise_id")["reps"]
    plan = build_plan("2026-02-02")
    first = plan[plan["session"] == 1]
    planned = (first["sets"] * first["reps"]).groupby(
        first["exercise_id"].astype(str)).sum()
    # The plan's rows are log rows: log_analysis counts them as it counts a runner's log.
    logged = volume(first).groupby(first["exercise_id"].astype(str)).sum()
    lesson.index = lesson.index.astype(str)
    pd.testing.assert_series_equal(lesson, planned.reindex(lesson.index), check_names=False,
                                   check_dtype=False)
    pd.testing.assert_series_equal(lesson, logged.reindex(lesson.index), check_names=False,
                                   check_dtype=False)
    assert lesson["side_lying_hip_circles"] == 3 * 10 * 2  # sets x circles each way x sides


def test_the_circle_rep_is_named_on_the_lessons_chart():
    labels = session_volume().set_index("exercise_id")["rep_label"]
    assert labels["side_lying_hip_circles"] == "circles each way"
    assert labels["single_leg_bridge"] == "bridges"
