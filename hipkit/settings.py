"""Where hipkit takes "today" and the runner's own files from.

A runner or a coach always gets the real date and their own files. Only a test run
pins them, through two environment variables that the test configuration sets
(``conftest.py`` at the top of the repository), so lessons execute the same every time:

``HIPKIT_TODAY``
    An ISO date (``2026-03-06``) used as today's date.
``HIPKIT_HOME``
    The folder holding the runner's own log and what hipkit writes for a coach
    (default: ``hipkit`` in the user's home folder).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path


def today() -> dt.date:
    """Today's date, or the date the test run pinned in ``HIPKIT_TODAY``."""
    pinned = os.environ.get("HIPKIT_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def home() -> Path:
    """The folder for the runner's log and the coach's output (not created here)."""
    pinned = os.environ.get("HIPKIT_HOME")
    return Path(pinned) if pinned else Path.home() / "hipkit"


def my_log_path() -> Path:
    """Where the runner's own training log lives unless they choose another file."""
    return home() / "my_log.csv"
