"""Runs and load: watch files and exports, the load model, export to watch and calendar.

- ``activities`` (with ``strava_csv``, ``fit_reader``, ``track_readers``,
  ``activity_record``, ``activity_checks``, ``activity_decoding``, ``bounded_files``,
  ``decode_pool``, ``activity_cache``): reading a Strava export or a folder of FIT, GPX
  and TCX files, checked and within limits.
- ``training_load``, ``fitness_model``, ``plan_projection``: session loads, fitness and
  fatigue, the plan ahead; ``running_weeks``: running weeks beside hip sessions.
- ``fit_export``, ``plan_calendar``: hip sessions to the watch, the plan to a calendar.

A data wing: it may import ``hipkit.errors``, ``hipkit.settings`` and the other data
wings (``hipkit.exercises``, ``hipkit.log``), never ``hipkit.views`` or ``hipkit.coach``.
"""
