"""The lesson table of lesson 00 is read from the notebooks: titles, times, lessons and apps."""

import json

import pytest

from hipkit.errors import DataFileError
from hipkit.lesson_index import lesson_index


def write_notebook(path, *markdown):
    cells = [{"cell_type": "markdown", "metadata": {}, "source": text} for text in markdown]
    cells.append({"cell_type": "code", "metadata": {}, "source": "# Not a title", "outputs": [],
                  "execution_count": None})
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}), encoding="utf-8")


def test_lessons_come_in_order_with_title_and_minutes_then_the_apps(tmp_path):
    write_notebook(tmp_path / "10_later.ipynb", "# Later lesson\n\n**Time:** about 25 minutes.")
    write_notebook(tmp_path / "02_second.ipynb",
                   "# Second: a colon\n\n**Time:** about 5 minutes: 2 of reading.")
    write_notebook(tmp_path / "app.ipynb", "Intro text first", "# The app\n\nNo time here.")
    write_notebook(tmp_path / "03_untimed.ipynb", "No heading here.")
    (tmp_path / "notes.md").write_text("# Not a notebook", encoding="utf-8")
    table = lesson_index(tmp_path)
    assert table["notebook"].tolist() == ["02_second", "03_untimed", "10_later", "app"]
    assert table["kind"].tolist() == ["lesson", "lesson", "lesson", "app"]
    assert table["title"].tolist()[0] == "Second: a colon"
    assert table["title"].isna().tolist() == [False, True, False, False]
    assert table["title"].tolist()[3] == "The app"
    assert table["minutes"].tolist()[0] == 5 and table["minutes"].tolist()[2] == 25
    assert table["minutes"].isna().tolist() == [False, True, False, True]
    assert str(table["minutes"].dtype) == "Int64"


def test_a_broken_notebook_is_named_with_every_other_one(tmp_path):
    (tmp_path / "01_broken.ipynb").write_text("{not json", encoding="utf-8")
    (tmp_path / "02_no_cells.ipynb").write_text("{}", encoding="utf-8")
    write_notebook(tmp_path / "03_fine.ipynb", "# Fine\n\n**Time:** about 5 minutes.")
    with pytest.raises(DataFileError) as caught:
        lesson_index(tmp_path)
    message = str(caught.value)
    assert message.startswith("2 problems in the data:")
    assert (f"{tmp_path / '01_broken.ipynb'}, field 'cells': is not a readable notebook "
            "(JSONDecodeError)") in message
    assert f"{tmp_path / '02_no_cells.ipynb'}, field 'cells': is not a readable notebook " \
        "(KeyError)" in message
