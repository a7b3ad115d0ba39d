"""The one-call sample loaders read the shipped samples wherever the data folder points."""

import shutil
from importlib import resources

import pandas as pd

import hipkit
from hipkit.coach.group import load_group
from hipkit.log.reading import read_log
from hipkit.samples import SAMPLE_GROUP_AS_OF

SHIPPED = resources.files("hipkit.data")


def test_sample_log_is_the_shipped_file_read_and_checked():
    pd.testing.assert_frame_equal(hipkit.load_sample_log(),
                                  read_log(SHIPPED / "sample_log.csv"))


def test_sample_group_is_the_shipped_folder_on_its_report_day():
    group = hipkit.load_sample_group()
    expected = load_group(SHIPPED / "sample_group", as_of=SAMPLE_GROUP_AS_OF)
    assert list(group.logs) == list(expected.logs) and group.problems == expected.problems
    assert group.problems  # the sample keeps one deliberately broken file
    for runner, log in group.logs.items():
        pd.testing.assert_frame_equal(log, expected.logs[runner])
        assert log["date"].max() <= pd.Timestamp(SAMPLE_GROUP_AS_OF)


def test_samples_load_when_the_data_folder_has_none(data_copy, monkeypatch):
    # A coach's own folder (HIPKIT_DATA) need not carry the samples.
    (data_copy / "sample_log.csv").unlink()
    shutil.rmtree(data_copy / "sample_group")
    monkeypatch.setenv("HIPKIT_DATA", str(data_copy))
    assert len(hipkit.load_sample_log()) == len(read_log(SHIPPED / "sample_log.csv"))
    assert len(hipkit.load_sample_group().logs) > 0
