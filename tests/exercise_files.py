"""Edits a coach makes to the exercise files, for tests to reuse."""

from pathlib import Path


def add_clamshell(data_dir: Path, name: str = "Clamshell") -> Path:
    """Add a fifth exercise, a copy of the single-leg bridge renamed, as a coach would."""
    text = (data_dir / "exercises" / "single_leg_bridge.toml").read_text(encoding="utf-8")
    for old, new in [('id = "single_leg_bridge"', 'id = "clamshell"'),
                     ('name = "Single-leg bridge"', f'name = "{name}"'),
                     ("order = 3", "order = 5")]:
        text = text.replace(old, new)
    path = data_dir / "exercises" / "clamshell.toml"
    path.write_text(text, encoding="utf-8")
    return path
