"""A coach's workshop: the group's logs, handouts, the dashboard, the coach app, the presenter.

- ``group``: a group's logs read together, adherence and flags.
- ``handout``: printable plans, one PDF per runner; ``handout_pages`` draws their pages,
  ``handout_layout`` sets their text on the paper.
- ``dashboard``: the group's charts and flags; ``dashboard_page`` makes them one HTML page.
- ``app``: the coach app without code; ``uploads`` saves its upload batches,
  ``handout_files`` writes every runner's handout into one folder.
- ``presenter``, ``plan_ahead``: the workout projected for a room, the plan ahead per runner.

The top wing: it may import every other wing. ``from hipkit.coach import CoachApp``
(the app's names, as in the first, flat layout) still works.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from hipkit._flat_paths import look_up

#: The modules holding the coach app's names (``from hipkit.coach import CoachApp``), in order.
_APP_MODULES = ("hipkit.coach.app", "hipkit.coach.dashboard_page",
                "hipkit.coach.handout_files", "hipkit.coach.uploads")


def __getattr__(name: str) -> Any:
    """The coach app's names, from the modules in ``_APP_MODULES``, imported on first use."""
    if name.startswith("__") or importlib.util.find_spec(f"{__name__}.{name}"):
        # A submodule (``from hipkit.coach import group``) is the import system's to load.
        raise AttributeError(name)
    try:
        return look_up(name, _APP_MODULES)
    except AttributeError:
        raise AttributeError(f"module 'hipkit.coach' has no attribute {name!r}") from None
