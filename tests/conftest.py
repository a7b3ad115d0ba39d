"""Shared fixtures: private copies of a data folder that a test may edit.

Most tests run on ``fixture_pack``, a tiny made-up pack (``tests/fixture_pack/``), so
they check what hipkit does, not what the lessons teach; tests of the shipped content
are named as such (``tests/test_content.py``) and use ``data_copy`` or the shipped data.
"""

import shutil
from pathlib import Path

import pytest

from hipkit.exercises.data_files import data_root

FIXTURE_PACK = Path(__file__).parent / "fixture_pack"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Copy the shipped data folder to a temporary folder and return its path."""
    target = tmp_path / "data"
    shutil.copytree(Path(str(data_root())), target)
    return target


@pytest.fixture
def fixture_pack(tmp_path: Path) -> Path:
    """Copy the tiny made-up pack (``tests/fixture_pack``) to a temporary folder."""
    target = tmp_path / "fixture_pack"
    shutil.copytree(FIXTURE_PACK, target)
    return target
