"""Edits a coach makes to a data folder, for tests to reuse: a fifth exercise, a clamshell."""

from pathlib import Path

import pandas as pd

CLAMSHELL = '''\
# A coach's own exercise, added as data/README.md says: one file, no Python.
id = "clamshell"
name = "{name}"
order = {order}
purpose = "strength"
top_pick = false
source = "{source}"
summary = """
Lying on your side with the knees bent, open the top knee like a shell while the feet \
stay together, then close it slowly."""
position = "Lying on one side, hips and knees bent, feet and knees together."

[dosage]
sets = 2
reps = 12
rep_unit = "openings"
each_side = true
directions = []
text = "2 sets of 12 openings on each side"

[[equipment]]
item = "floor or exercise mat"
detail = "Anywhere you can lie on your side."

[[steps]]
text = "Lie on your side, knees bent, one leg on top of the other."
equipment = ["floor or exercise mat"]

[[steps]]
text = "Keep the feet touching and lift the top knee, then lower it under control."

[cues]
feel = ["Work at the side and back of the top hip."]
do = ["Keep the pelvis still: only the knee moves."]
avoid = ["Rolling the hips backwards to lift the knee higher."]
'''

CLAMSHELL_KEYFRAMES = '''\
posture = "on_side"
view = "front"
readout = { motion = "abduction", side = "right" }

[[steps]]
[[steps.poses]]
label = "On the side, hips and knees bent"
hip_flexion = { left = 45, right = 45 }
knee_flexion = { left = 90, right = 90 }

[[steps]]
loop = true

[[steps.poses]]
label = "Knees together"
hip_flexion = { left = 45, right = 45 }
knee_flexion = { left = 90, right = 90 }

[[steps.poses]]
label = "Top knee open"
hip_flexion = { left = 45, right = 45 }
hip_abduction = { right = 25 }
knee_flexion = { left = 90, right = 90 }
'''


def add_clamshell(data_dir: Path, name: str = "Clamshell", *, order: int | None = None,
                  keyframes: bool = False, targets: bool = True) -> Path:
    """Add a clamshell after the last exercise of ``data_dir``, as a coach would.

    One exercise file and (unless ``targets`` is false) one ``targets.csv`` row; its
    keyframe file only when ``keyframes`` is true. Returns the exercise file's path.
    """
    folder = data_dir / "exercises"
    if order is None:
        order = 1 + sum(1 for _ in folder.glob("*.toml"))
    path = folder / "clamshell.toml"
    # Cite a source the folder lists (the shipped data lists the clamshell study,
    # distefano2009; the fixture pack lists only made-up ones).
    ids = pd.read_csv(data_dir / "sources.csv")["id"].tolist()
    source = "distefano2009" if "distefano2009" in ids else ids[0]
    path.write_text(CLAMSHELL.format(name=name, order=order, source=source), encoding="utf-8")
    if targets:
        with (data_dir / "targets.csv").open("a", encoding="utf-8") as handle:
            handle.write("clamshell,gluteus_medius,target,"
                         "Opens the top knee against gravity: hip abduction.\n")
    if keyframes:
        (data_dir / "keyframes" / "clamshell.toml").write_text(CLAMSHELL_KEYFRAMES,
                                                                encoding="utf-8")
    return path
