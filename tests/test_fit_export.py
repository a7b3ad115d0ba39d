"""Hip sessions written as FIT decode with a second, independent reader (fitdecode):
a logged session as an activity whose timer time is the load's minutes, a planned one as a
workout a watch can step through."""

from __future__ import annotations

import datetime as dt

import fitdecode
import pandas as pd
import pytest

from hipkit.exercises.progression import build_plan
from hipkit.runs.activities import read_activities
from hipkit.runs.fit_export import (
    fit_codes,
    session_sets,
    workout_steps,
    write_session_fit,
    write_workout_fit,
)
from hipkit.runs.training_load import session_loads


def small_log():
    rows = [
        ("2025-09-01", "side_lying_hip_circles", "left", 2, 10, 2.0),
        ("2025-09-01", "side_lying_hip_circles", "right", 2, 9, 2.0),
        ("2025-09-01", "standing_hip_abduction", "left", 1, 15, 1.5),
        ("2025-09-01", "single_leg_bridge", "right", 1, 12, None),
        ("2025-09-01", "glute_switch_bridge_hold", "both", 1, 10, 0.75),
        ("2025-09-03", "single_leg_bridge", "left", 3, 15, 3.0),
    ]
    log = pd.DataFrame(rows, columns=["date", "exercise_id", "side", "sets", "reps",
                                      "duration_min"])
    log["date"] = pd.to_datetime(log["date"])
    log["rpe"] = [6.0] * 5 + [7.0]
    return log.astype({"sets": "Int64", "reps": "Int64", "duration_min": "Float64"})


def decoded_messages(path):
    messages = []
    with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                messages.append((frame.name, {field.name: field.value
                                              for field in frame.fields}))
    return messages


def one(messages, name):
    found = [fields for kind, fields in messages if kind == name]
    assert len(found) == 1, f"{len(found)} {name} messages"
    return found[0]


def test_every_set_rep_count_and_hold_time_decodes_with_fitdecode(tmp_path):
    start = dt.datetime(2025, 9, 1, 18, 30, tzinfo=dt.timezone.utc)
    path = write_session_fit(small_log(), "2025-09-01", tmp_path / "hips.fit", start=start,
                             rest_seconds=45)
    messages = decoded_messages(path)
    sets = [fields for name, fields in messages if name == "set"]
    active = [s for s in sets if s["set_type"] == "active"]
    rests = [s for s in sets if s["set_type"] == "rest"]
    assert len(active) == 7 and len(rests) == 6  # a rest between sets, none after the last
    assert [s["repetitions"] for s in active] == [10, 10, 9, 9, 15, 12, 10]
    # A row's minutes are shared by its sets; the bridge hold lasted 45 s; no minutes, none.
    assert [s.get("duration") for s in active] == [60.0, 60.0, 60.0, 60.0, 90.0, None, 45.0]
    assert all(s["duration"] == 45.0 for s in rests)
    codes = [(s["category"], s["category_subtype"]) for s in active]
    circles, abduction, single_leg = (("hip_stability", 7), ("hip_stability", 28),
                                      ("hip_raise", 30))
    assert codes == [circles] * 4 + [abduction, single_leg, ("hip_raise", 11)]
    session = next(fields for name, fields in messages if name == "session")
    assert (session["sport"], session["sub_sport"]) == ("training", "strength_training")
    assert session["start_time"] == start
    assert session["total_elapsed_time"] == 60 * 4 + 90 + 45 + 6 * 45
    kinds = [name for name, _ in messages]
    assert kinds[0] == "file_id" and "record" in kinds and kinds[-1] == "activity"


def test_bridge_hold_is_a_set_with_its_hold_time(tmp_path):
    log = small_log()
    hold = log[log["exercise_id"] == "glute_switch_bridge_hold"].assign(
        date=pd.Timestamp("2025-09-05"))
    path = write_session_fit(pd.concat([log, hold]), "2025-09-05", tmp_path / "hold.fit")
    sets = [fields for name, fields in decoded_messages(path) if name == "set"]
    assert len(sets) == 1
    assert (sets[0]["category"], sets[0]["category_subtype"]) == ("hip_raise", 11)
    assert sets[0]["repetitions"] == 10 and sets[0]["duration"] == 45.0


def test_fit_codes_are_the_sdk_profile_numbers():
    assert fit_codes("side_lying_hip_circles") == (11, 7)
    assert fit_codes("standing_hip_abduction") == (11, 28)
    assert fit_codes("single_leg_bridge") == (10, 30)
    assert fit_codes("glute_switch_bridge_hold") == (10, 11)


def test_a_day_without_a_session_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no session on 2025-09-02"):
        session_sets(small_log(), "2025-09-02")
    assert not (tmp_path / "x.fit").exists()


# --- the file and the load agree on the minutes -----------------------------------------------

def test_timer_time_is_the_logged_minutes_the_load_counts_and_elapsed_adds_the_rests(tmp_path):
    log = small_log()
    path = write_session_fit(log, "2025-09-01", tmp_path / "hips.fit", rest_seconds=45)
    messages = decoded_messages(path)
    session = one(messages, "session")
    load = session_loads(log=log).set_index("date").loc[pd.Timestamp("2025-09-01")]
    # The day has a row without minutes, so its load is unscored; its sets still count.
    assert pd.isna(load["minutes"])
    logged = 2.0 + 2.0 + 1.5 + 0.75
    assert session["total_timer_time"] == logged * 60
    assert session["total_elapsed_time"] == logged * 60 + 6 * 45
    assert one(messages, "lap")["total_timer_time"] == logged * 60
    assert one(messages, "activity")["total_timer_time"] == logged * 60
    # The timer stops for each rest and starts after it: six pauses, 45 s each.
    timers = [(f["event_type"], f["timestamp"]) for kind, f in messages
              if kind == "event" and f["event"] == "timer"]
    assert [kind for kind, _ in timers] == ["start"] + ["stop_all", "start"] * 6 + ["stop_all"]
    pauses = [(b - a).total_seconds() for (_, a), (_, b) in zip(timers[1:-1:2], timers[2:-1:2],
                                                                  strict=True)]
    assert pauses == [45.0] * 6


def test_the_exported_file_read_back_gives_the_load_of_the_log(tmp_path):
    log = small_log()
    path = write_session_fit(log, "2025-09-03", tmp_path / "bridge.fit", rest_seconds=60)
    session = one(decoded_messages(path), "session")
    assert session["workout_rpe"] == 70  # effort 7, stored x10 as the profile says
    assert session["total_timer_time"] == 180.0
    assert session["total_elapsed_time"] == 180.0 + 2 * 60
    back = read_activities(path, today=dt.date(2026, 3, 6)).iloc[0]
    load = session_loads(log=log).set_index("date").loc[pd.Timestamp("2025-09-03")]
    assert back["type"] == "Weight Training"  # not a run: it never joins the run load
    assert back["moving_min"] == load["minutes"] == 3.0
    assert back["rpe"] == load["rpe"] == 7.0
    assert back["rpe"] * back["moving_min"] == load["load"] == 21.0
    assert back["elapsed_min"] == 5.0


# --- a planned session as a FIT workout -------------------------------------------------------

def decoded_workout(path):
    messages = decoded_messages(path)
    return messages, [fields for kind, fields in messages if kind == "workout_step"]


def run_like_a_watch(steps):
    """The exercise steps in the order a watch goes through them, repeats unrolled."""
    done, counts, index = [], {}, 0
    while index < len(steps):
        step = steps[index]
        if step["duration_type"] == "repeat_until_steps_cmplt":
            counts[index] = counts.get(index, 1) + 1
            if counts[index] <= step["repeat_steps"]:
                index = step["duration_step"]
                continue
            counts[index] = 1
        elif step.get("intensity") == "active":
            done.append((step["wkt_step_name"], step["duration_reps"]))
        index += 1
    return done


def test_a_planned_session_decodes_as_a_workout_with_its_steps_reps_and_rests(tmp_path):
    plan = build_plan("2026-02-02")
    day = "2026-02-04"
    path = write_workout_fit(plan, day, tmp_path / "plan.fit", rest_seconds=50)
    messages, steps = decoded_workout(path)
    file_id, workout = one(messages, "file_id"), one(messages, "workout")
    assert file_id["type"] == "workout"
    assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")
    assert workout["wkt_name"] == "Hips w1 s2"
    assert workout["num_valid_steps"] == len(steps) == len(workout_steps(plan, day))
    assert [s["message_index"] for s in steps] == list(range(len(steps)))
    rests = [s for s in steps if s.get("intensity") == "rest"]
    assert rests and all((s["duration_type"], s["duration_time"]) == ("time", 50.0)
                         for s in rests)
    first = steps[0]
    assert (first["wkt_step_name"], first["duration_type"], first["duration_reps"]) == (
        "Side-lying hip circles, left, clockwise", "reps", 10)
    assert (first["exercise_category"], first["exercise_name"]) == ("hip_stability", 7)
    # Walked through as a watch does, the workout is the plan's dosage, set by set.
    planned = plan[plan["date"] == pd.Timestamp(day)]
    expected = []
    for row in planned.itertuples():
        side = "" if row.side == "both" else f", {row.side}"
        directions = str(row.directions).split(" / ") if pd.notna(row.directions) else [""]
        for _ in range(int(row.sets)):
            expected += [(f"{row.name}{side}{', ' + d if d else ''}", int(row.reps))
                         for d in directions]
    assert run_like_a_watch(steps) == expected
    assert len(expected) == 3 * 2 * 2 + 2 * 2 + 2 * 2 + 1
    titles = [f["wkt_step_name"] for kind, f in messages if kind == "exercise_title"]
    assert titles == list(dict.fromkeys(planned["name"]))


def test_a_day_without_a_planned_session_is_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(ValueError, match="the plan has no session on 2026-02-03"):
        write_workout_fit(build_plan("2026-02-02"), "2026-02-03", tmp_path / "x.fit")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("rest", [-30, float("nan"), float("inf"), "60"])
def test_an_impossible_rest_is_refused_before_anything_is_written(tmp_path, rest):
    with pytest.raises(ValueError, match="rest_seconds must be a number of seconds, 0 or more"):
        write_workout_fit(build_plan("2026-02-02"), "2026-02-02", tmp_path / "w.fit",
                          rest_seconds=rest)
    with pytest.raises(ValueError, match="rest_seconds must be a number of seconds, 0 or more"):
        write_session_fit(small_log(), "2025-09-01", tmp_path / "s.fit", rest_seconds=rest)
    assert list(tmp_path.iterdir()) == []


def test_without_rests_the_workout_has_none_and_the_session_timer_equals_elapsed(tmp_path):
    steps = workout_steps(build_plan("2026-02-02"), "2026-02-02", rest_seconds=0)
    assert "rest" not in set(steps["kind"])
    path = write_session_fit(small_log(), "2025-09-03", tmp_path / "s.fit", rest_seconds=0)
    messages = decoded_messages(path)
    assert [f["set_type"] for kind, f in messages if kind == "set"] == ["active"] * 3
    session = one(messages, "session")
    assert session["total_timer_time"] == session["total_elapsed_time"] == 180.0


def test_each_exercise_step_notes_its_dosage_and_the_planned_band(tmp_path):
    plan = build_plan("2026-02-02", band="green")
    path = write_workout_fit(plan, "2026-02-02", tmp_path / "band.fit")
    notes = {s["wkt_step_name"]: s.get("notes") for s in decoded_workout(path)[1]
             if s.get("intensity") == "active"}
    assert notes["Side-lying hip circles, left, anticlockwise"] == "10 circles anticlockwise"
    assert notes["Standing banded hip abduction, right"] == "15 kicks, green band"
    assert notes["Glute-switch bridge hold"] == "10 switches"
