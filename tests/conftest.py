"""Shared fixtures: a private copy of the shipped data that a test may break."""

import shutil
from pathlib import Path

import pytest

from hipkit.library import data_root


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Copy the shipped data folder to a temporary folder and return its path."""
    target = tmp_path / "data"
    shutil.copytree(Path(str(data_root())), target)
    return target

