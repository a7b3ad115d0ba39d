"""Test-run settings: pin "today" and the runner's home folder for every test and lesson.

Set here, before any kernel starts, so nbval's kernels inherit them; what a runner
or coach runs outside the tests never sees these variables (see hipkit/settings.py).
"""

import os
import tempfile

# The sample group's report day: week 5 of the fictional group's plan.
os.environ.setdefault("HIPKIT_TODAY", "2026-03-06")
# A fresh folder per test run, so a lesson's saved entries never reach a real log.
os.environ.setdefault("HIPKIT_HOME", tempfile.mkdtemp(prefix="hipkit-test-home-"))
