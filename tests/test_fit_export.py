"""A hip session written as FIT decodes with a second, independent reader (fitdecode)."""

from __future__ import annotations

import datetime as dt

import fitdecode
import pandas as pd
import pytest

from hipkit.fit_export import fit_codes, session_sets, write_session_fit


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
    return log.astype({"sets": "Int64", "reps": "Int64", "duration_min": "Float64"})


def decoded_messages(path):
    messages = []
    with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                messages.append((frame.name, {field.name: field.value
                                              for field in frame.fields}))
    return messages


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
