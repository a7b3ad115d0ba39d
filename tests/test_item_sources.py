"""Every step and cue says where it comes from: the seed, a cited source or the pack."""

from pathlib import Path

import pytest

from hipkit import DataFileError, load_cues, load_sources, load_steps
from hipkit.exercises.sources import source_label

EXERCISE = """
id = "wall_sit"
name = "Wall sit"
order = 1
purpose = "strength"
top_pick = false
source = "runners_hips_post"
summary = "Sit against a wall."
position = "Back against a wall."

[dosage]
reps = 3
rep_unit = "holds"
each_side = false
directions = []
text = "3 holds"

[[steps]]
text = "Slide down the wall."
{step_source}

[cues]
feel = ["Thighs working."]

[[cues.do]]
text = "Keep the back flat."
source = {cue_source}
"""

SOURCES = """id,author,year,title,doi_or_url,note
runners_hips_post,A,,The post,,
smith2020,"Smith J, Jones K",2020,A study,,
"""


def _pack(tmp_path: Path, step_source: str = "", cue_source: str = '"pack"') -> Path:
    (tmp_path / "exercises").mkdir()
    (tmp_path / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "exercises" / "wall_sit.toml").write_text(
        EXERCISE.format(step_source=step_source, cue_source=cue_source), encoding="utf-8")
    return tmp_path


def test_item_sources_are_read_and_plain_texts_take_the_exercises(tmp_path):
    data = _pack(tmp_path, step_source='source = "smith2020"')
    assert load_steps(data)["source"].tolist() == ["smith2020"]
    cues = load_cues(data).set_index("kind")["source"]
    assert cues.to_dict() == {"feel": "runners_hips_post", "do": "pack"}


@pytest.mark.parametrize("bad", ['"blog"', "3"])
def test_an_unknown_item_source_names_file_field_and_allowed_values(tmp_path, bad):
    data = _pack(tmp_path, cue_source=bad)
    with pytest.raises(DataFileError) as caught:
        load_cues(data)
    message = str(caught.value)
    assert "wall_sit.toml" in message
    assert "cues.do[1].source" in message
    assert "['seed', 'pack'] or an id in sources.csv" in message


def test_source_labels_say_seed_pack_or_author_and_year(tmp_path):
    sources = load_sources(_pack(tmp_path))
    assert [source_label(s, sources) for s in ("seed", "runners_hips_post", "pack",
                                               "smith2020")] == [
        "coach's post", "coach's post", "pack advice", "Smith 2020"]


def test_every_shipped_step_and_cue_names_its_source():
    known = {"seed", "pack", *load_sources()["id"]}
    for table in (load_steps(), load_cues()):
        assert table["source"].notna().all()
        assert set(table["source"]) <= known
