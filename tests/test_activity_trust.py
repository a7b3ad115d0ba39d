"""Issue 23, as a runner meets it: each activity counted once, impossible values refused,
nothing read from outside the export, memory bounded on bombs and large files."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hipkit.errors import DataFileError
from hipkit.runs.activities import (
    BrokenActivityFileWarning,
    RepeatedActivityWarning,
    read_activities,
    runs_only,
)
from scripts.make_sample_runs import (
    HEADER_2019,
    strava_date,
    write_csv,
    write_fit_run,
    write_gpx_run,
    write_tcx_run,
)

TODAY = dt.date(2026, 3, 6)
START = dt.datetime(2025, 9, 2, 6, 0, 0)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    """Each test its own hipkit folder, so no summary cached by another test is used."""
    monkeypatch.setenv("HIPKIT_HOME", str(tmp_path / "home"))


def row(number, start, seconds, km, filename="", kind="Run"):
    return [str(number), strava_date(start), "Morning Run", kind, "", str(seconds),
            f"{km:.2f}", "false", "", filename]


# --- Counted twice ----------------------------------------------------------------------

def test_the_same_run_as_three_files_counts_once_and_says_which(tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    write_fit_run(folder / "run.fit", START, 1800, 5000.0, avg_hr=150, max_hr=170)
    write_fit_run(folder / "run (1).fit", START, 1800, 5000.0, avg_hr=150, max_hr=170)
    write_gpx_run(folder / "run.gpx", START + dt.timedelta(seconds=20), 1790, 4990.0,
                  avg_hr=150)
    write_tcx_run(folder / "next.tcx", START + dt.timedelta(days=1), 1800, 5000.0)
    with pytest.warns(RepeatedActivityWarning) as caught:
        frame = read_activities(folder, today=TODAY)
    runs = runs_only(frame)
    assert len(runs) == 2
    assert round(float(runs["distance_km"].sum()), 3) == 10.0
    assert runs["source"].tolist() == ["run.fit", "next.tcx"]
    message = str(caught[0].message)
    assert message.startswith("2 records repeated an activity already read")
    assert ("- run (1).fit is the same activity as run.fit (starts within a minute, same "
            "type and distance): kept once") in message
    assert "- run.gpx is the same activity as run.fit" in message
    assert [(r.kept, r.dropped) for r in frame.attrs["repeats"]] == [
        ("run.fit", "run (1).fit"), ("run.fit", "run.gpx")]


def test_runs_an_hour_apart_or_of_another_length_stay_two(tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    write_fit_run(folder / "a.fit", START, 1800, 5000.0)
    write_fit_run(folder / "b.fit", START + dt.timedelta(hours=1), 1800, 5000.0)
    write_fit_run(folder / "c.fit", START + dt.timedelta(seconds=30), 1800, 5100.0)  # 2 %
    frame = read_activities(folder, today=TODAY)
    assert len(frame) == 3 and frame.attrs["repeats"] == []


def test_a_csv_with_one_activity_id_twice_counts_it_once(tmp_path):
    rows = [row(11, START, 1800, 5.0), row(12, START + dt.timedelta(days=1), 2400, 8.0),
            row(11, START, 1800, 5.0)]
    write_csv(tmp_path / "activities.csv", HEADER_2019, rows)
    with pytest.warns(RepeatedActivityWarning,
                      match=r"activities.csv, row 4 is the same activity as activities.csv, "
                            r"row 2 \(the same Activity ID 11\)"):
        frame = read_activities(tmp_path, today=TODAY)
    assert len(frame) == 2
    assert round(float(frame["distance_km"].sum()), 3) == 13.0


def test_a_run_uploaded_twice_under_two_ids_counts_once(tmp_path):
    (tmp_path / "activities").mkdir()
    write_fit_run(tmp_path / "activities" / "1.fit.gz", START, 1800, 5000.0, avg_hr=150)
    write_gpx_run(tmp_path / "activities" / "2.gpx.gz", START, 1800, 5010.0, avg_hr=150)
    rows = [row(21, START, 1800, 5.0, "activities/1.fit.gz"),
            row(22, START, 1800, 5.01, "activities/2.gpx.gz")]
    write_csv(tmp_path / "activities.csv", HEADER_2019, rows)
    with pytest.warns(RepeatedActivityWarning, match=r"activities.csv, row 3 \(activities/2"
                                                     r".gpx.gz\) is the same activity as "
                                                     r"activities.csv, row 2 \(activities/1"):
        frame = read_activities(tmp_path, today=TODAY)
    assert frame["source"].tolist() == ["activities/1.fit.gz"]


# --- Silent wrong data ------------------------------------------------------------------

def test_a_fit_run_of_no_time_with_5_km_is_refused(tmp_path):
    write_fit_run(tmp_path / "zero.fit", START, 0, 5000.0)
    with pytest.raises(DataFileError) as error:
        read_activities(tmp_path / "zero.fit", today=TODAY)
    assert ("zero.fit, field 'elapsed time (s)': is 0 for a distance of 5000 m: covering a "
            "distance takes time (got 0.0)") in str(error.value)


def test_a_run_faster_than_the_world_record_is_refused_with_its_row(tmp_path):
    rows = [row(1, START, 600, 5.0),  # 5 km in 10 minutes: 8.3 m/s
            row(2, START + dt.timedelta(days=1), 1500, 5.0),  # 25 minutes: possible
            row(3, START + dt.timedelta(days=2), 3600, 30.0, kind="Ride")]  # a ride may
    write_csv(tmp_path / "activities.csv", HEADER_2019, rows)
    with pytest.raises(DataFileError) as error:
        read_activities(tmp_path, today=TODAY)
    text = str(error.value)
    assert text.startswith("1 problem in the data:")
    assert ("activities.csv, row 2, field 'distance (m)': in 600 s is 8.33 m/s, faster than "
            "the 5000 m world record (6.62 m/s) (got 5000.0)") in text


def test_a_folder_file_with_an_impossible_pace_is_named_and_the_rest_load(tmp_path):
    write_fit_run(tmp_path / "glitch.fit", START, 60, 5000.0)
    write_fit_run(tmp_path / "fine.fit", START + dt.timedelta(days=1), 1800, 5000.0)
    with pytest.warns(BrokenActivityFileWarning, match=r"glitch.fit, field 'distance \(m\)':"
                                                       r" in 60 s is 83.33 m/s"):
        frame = read_activities(tmp_path, today=TODAY)
    assert frame["source"].tolist() == ["fine.fit"]


# --- Reads outside the export -----------------------------------------------------------

@pytest.mark.parametrize("kind", ["parent", "absolute", "link"])
def test_a_filename_leaving_the_export_is_refused_and_not_read(tmp_path, kind):
    private = tmp_path / "private"
    private.mkdir()
    write_fit_run(private / "other.fit", START, 1800, 5000.0, avg_hr=150)
    export = tmp_path / "export"
    (export / "activities").mkdir(parents=True)
    name = {"parent": "../private/other.fit", "absolute": str(private / "other.fit"),
            "link": "activities/other.fit"}[kind]
    if kind == "link":
        (export / "activities" / "other.fit").symlink_to(private / "other.fit")
    write_csv(export / "activities.csv", HEADER_2019, [row(1, START, 1800, 5.0, name)])
    with pytest.warns(BrokenActivityFileWarning) as caught:
        frame = read_activities(export, today=TODAY)
    assert (f"activities.csv, row 2, field 'Filename': leaves the export folder (an absolute "
            f"path, '..' or a link to elsewhere), so it is not read (got {name!r})"
            ) in str(caught[0].message)
    assert frame["avg_hr"].isna().all()  # the private file's heart rate was not taken
    assert len(frame) == 1  # the row itself is Strava's summary and stays


def test_a_link_out_of_a_folder_of_watch_files_is_refused(tmp_path):
    private = tmp_path / "private"
    private.mkdir()
    write_fit_run(private / "other.fit", START, 1800, 5000.0)
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "run.fit").symlink_to(private / "other.fit")
    with pytest.warns(BrokenActivityFileWarning, match=r"run.fit, field 'file': is a link to "
                                                       r"a file outside the folder"):
        frame = read_activities(folder, today=TODAY)
    assert len(frame) == 0


# --- Memory unbounded -------------------------------------------------------------------

def gzip_bomb(path: Path, head: bytes, filler: bytes, tail: bytes, inflated: int) -> None:
    """A gzip file of a few MB inflating to ``inflated`` bytes: one member repeated."""
    chunk = filler * (2**20 // len(filler))
    member = gzip.compress(chunk, compresslevel=9, mtime=0)
    with open(path, "wb") as out:
        out.write(gzip.compress(head, mtime=0))
        for _ in range(inflated // len(chunk)):
            out.write(member)
        out.write(gzip.compress(tail, mtime=0))


def peak_memory_of_import(path: Path, home: Path) -> dict:
    """Import ``path`` in a fresh Python; its peak memory (MB) and what it said."""
    script = (
        "import json, resource, warnings, datetime as dt\n"
        "import hipkit.runs.activities as a, gpxpy, garmin_fit_sdk\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "message = None\n"
        "try:\n"
        f"    frame = a.read_activities({str(path)!r}, today=dt.date(2026, 3, 6))\n"
        "except a.DataFileError as error:\n"
        "    message = str(error)\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps({'before': before, 'peak': peak, 'message': message}))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "HIPKIT_HOME": str(home)},
                          check=True, timeout=300)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_fit_gz_bomb_is_refused_in_little_memory(tmp_path):
    bomb = tmp_path / "bomb.fit.gz"
    write_fit_run(tmp_path / "run.fit", START, 600, 2000.0)
    gzip_bomb(bomb, (tmp_path / "run.fit").read_bytes()[:14], b"\0", b"", 2**30)
    assert bomb.stat().st_size < 5 * 2**20
    result = peak_memory_of_import(bomb, tmp_path / "home")
    assert ("bomb.fit.gz, field 'file': inflates to more than 16 MB, the most hipkit reads "
            "from one activity file") in result["message"]
    assert result["peak"] < 500


def test_a_gpx_gz_bomb_of_valid_xml_is_refused_in_little_memory(tmp_path):
    bomb = tmp_path / "bomb.gpx.gz"
    gzip_bomb(bomb, b"<gpx version=\"1.1\"><trk><trkseg>", b" ", b"</trkseg></trk></gpx>",
              2**30)
    result = peak_memory_of_import(bomb, tmp_path / "home")
    assert ("bomb.gpx.gz, field 'file': inflates to more than 200 MB, the most hipkit reads "
            "from one activity file") in result["message"]
    assert result["peak"] < 500


def test_a_large_gpx_is_read_in_less_memory_than_its_size(tmp_path):
    # A long run recorded every second: 120,000 points, about 25 MB of GPX.
    big = tmp_path / "long.gpx"
    write_gpx_run(big, START, 120_000, 330_000.0, avg_hr=140, step=1)
    size_mb = big.stat().st_size / 2**20
    assert size_mb > 20
    result = peak_memory_of_import(big, tmp_path / "home")
    assert result["message"] is None
    assert result["peak"] - result["before"] < size_mb  # gpxpy's tree took 4.7 times


def test_a_file_larger_than_the_cap_is_refused_before_reading(tmp_path):
    huge = tmp_path / "huge.tcx"
    with open(huge, "wb") as out:
        out.truncate(201 * 2**20)  # sparse: costs no disk
    with pytest.raises(DataFileError, match=r"huge.tcx, field 'file': is 201 MB, larger than "
                                            r"the 200 MB hipkit reads for one activity file"):
        read_activities(huge, today=TODAY)
