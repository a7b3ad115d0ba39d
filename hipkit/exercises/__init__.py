"""The exercises as data: what each one is, the muscles it works, how it moves, how it grows.

- ``data_files``: where the data is read from (``data_root``, ``DataDir``), TOML checks.
- ``exercise_files``, ``loaders``: the exercise files checked, and one table a loader.
- ``guidance``, ``sources``: each exercise's physio notes; the sources and their labels.
- ``muscles``: muscles, targets and published activation figures.
- ``body_figure``, ``keyframes``: the stick figure's segments and each step's poses
  (drawn by ``hipkit.views.figure_drawing``).
- ``session_plan``, ``walkthrough``: a session's volume and a guided session's steps.
- ``progression_rules``, ``progression``, ``progression_gate``: the rules, the plan and
  the weekly gate.

A data wing: it may import ``hipkit.errors``, ``hipkit.settings`` and the other data
wings (``hipkit.log``, ``hipkit.runs``), never ``hipkit.views`` or ``hipkit.coach``.
"""
