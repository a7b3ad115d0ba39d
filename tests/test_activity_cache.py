"""Issue 24: the import cache and the process pool give exactly what a fresh serial import does."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os

import pandas as pd
import pytest

import hipkit.runs.activity_decoding as activity_decoding
from hipkit.runs.activities import BrokenActivityFileWarning, read_activities
from hipkit.runs.activity_cache import ActivityCacheWarning, cache_path
from scripts.make_sample_runs import write_fit_run, write_gpx_run, write_tcx_run

TODAY = dt.date(2026, 3, 6)
START = dt.datetime(2025, 9, 2, 6, 0, 0)


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HIPKIT_HOME", str(tmp_path / "home"))


@pytest.fixture
def watch(tmp_path):
    """Twelve runs in three formats, one damaged file and one not gzip at all."""
    folder = tmp_path / "watch"
    folder.mkdir()
    writers = (write_fit_run, write_gpx_run, write_tcx_run)
    for day in range(12):
        suffix = (".fit", ".gpx.gz", ".tcx")[day % 3]
        writers[day % 3](folder / f"run{day:02}{suffix}", START + dt.timedelta(days=day),
                         1500 + 60 * day, 4000.0 + 100 * day, avg_hr=140 + day)
    good = (folder / "run00.fit").read_bytes()
    (folder / "run05b.fit").write_bytes(good[:-40])
    (folder / "run07b.tcx.gz").write_bytes(gzip.compress(b"<TrainingCenterDatabase"))
    return folder


def read(folder, **options):
    with pytest.warns(BrokenActivityFileWarning):
        return read_activities(folder, today=TODAY, **options)


def counting_decoder(monkeypatch):
    calls = []
    real = activity_decoding._decode_summary

    def decode(path, label):
        calls.append(label)
        return real(path, label)

    monkeypatch.setattr(activity_decoding, "_decode_summary", decode)
    return calls


def test_second_import_comes_from_the_cache_and_equals_a_fresh_one(watch, monkeypatch):
    fresh = read(watch, cache=False, workers=1)
    first = read(watch, workers=1)
    assert cache_path().is_file()
    calls = counting_decoder(monkeypatch)
    second = read(watch, workers=1)
    assert calls == []  # nothing decoded again
    pd.testing.assert_frame_equal(second, fresh)
    pd.testing.assert_frame_equal(first, fresh)
    assert second.attrs["problems"] == fresh.attrs["problems"]
    assert len(fresh) == 12 and len(fresh.attrs["problems"]) == 2


def test_a_changed_or_replaced_file_is_decoded_again(watch, monkeypatch):
    read(watch, workers=1)
    calls = counting_decoder(monkeypatch)
    changed = watch / "run03.fit"
    before = changed.stat()
    write_fit_run(changed, START + dt.timedelta(days=3), 1680, 9000.0, avg_hr=150)
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))  # old time restored
    replaced = watch / "run04.gpx.gz"
    stamp = replaced.stat()
    write_gpx_run(watch / "new.tmp.gpx.gz", START + dt.timedelta(days=4), 1740, 4400.0,
                  avg_hr=170)
    os.utime(watch / "new.tmp.gpx.gz", ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    os.replace(watch / "new.tmp.gpx.gz", replaced)
    frame = read(watch, workers=1)
    assert sorted(calls) == ["run03.fit", "run04.gpx.gz"]
    by_source = frame.set_index("source")
    assert by_source.loc["run03.fit", "distance_km"] == 9.0
    assert by_source.loc["run04.gpx.gz", "avg_hr"] == 170.0


def test_a_corrupt_cache_is_rebuilt_with_a_message(watch):
    fresh = read(watch, cache=False, workers=1)
    read(watch, workers=1)
    cache_path().write_bytes(b'{"version": 1, "files": {"x": trunc')
    with pytest.warns(ActivityCacheWarning, match=r"activity_summaries.json is damaged "
                                                  r"\(JSONDecodeError.*it is rebuilt"):
        again = read(watch, workers=1)
    pd.testing.assert_frame_equal(again, fresh)
    stored = json.loads(cache_path().read_text())
    assert len(stored["files"]) == 14


def test_parallel_and_serial_imports_give_the_same_frame_and_problems(watch):
    serial = read(watch, cache=False, workers=1)
    parallel = read(watch, cache=False, workers=2)
    pd.testing.assert_frame_equal(parallel, serial)
    assert parallel.attrs["problems"] == serial.attrs["problems"]
    assert [p.file for p in serial.attrs["problems"]] == ["run05b.fit", "run07b.tcx.gz"]


def test_a_progress_bar_shows_when_many_files_are_decoded(watch, capsys):
    read(watch, cache=False, workers=1)
    shown = capsys.readouterr().err
    assert "Decoding activity files" in shown and "14/14" in shown
    read(watch, workers=1, progress=False)
    assert "Decoding" not in capsys.readouterr().err
