"""Lesson 04 never hangs (issue 17): its widget sequence, and the lesson under nbclient.

The hang: while a cell ran, the log form's save redrew a chart inside an ``Output``
widget. nbclient mimics an ``Output`` widget by sending its new state to the kernel on
the shell socket, from the coroutine reading IOPub, while another coroutine waits on
that same socket for the cell's ``execute_reply``. On a busy machine the reply arrived
as the send ran, its wake-up was lost (ZMQ's socket notification is edge-triggered),
and nbconvert, which has no cell timeout, waited for ever with the kernel idle. Nothing
in the form or the lesson draws into an ``Output`` widget any more.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest
from nbclient import NotebookClient

from hipkit.log.reading import read_log
from hipkit.views.log_form import LogForm
from hipkit.views.log_form_view import LogFormView

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "04_training_log.ipynb"
TODAY = dt.date(2026, 3, 6)


def _all_widgets(widget: widgets.Widget) -> list[widgets.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += _all_widgets(child)
    return found


def test_the_forms_widget_sequence_twenty_times(tmp_path, monkeypatch):
    for run in range(20):
        # Each run a runner's fresh hipkit folder, made by the form's first save.
        monkeypatch.setenv("HIPKIT_HOME", str(tmp_path / f"run{run}"))
        path = tmp_path / f"run{run}" / "my_log.csv"
        view = LogFormView(LogForm(path, today=TODAY), chart=True)
        assert not any(isinstance(w, widgets.Output) for w in _all_widgets(view.widget))
        view.inputs["exercise"].value = "single_leg_bridge"
        view.inputs["side"].value = "left"
        view.inputs["sets"].value = 2
        view.inputs["reps"].value = 15
        view.inputs["rpe"].value = 5
        view.inputs["notes"].value = "Easy today."
        view.save_button.click()
        view.save_button.click()  # a double click
        assert len(read_log(path, today=TODAY)) == 1 and view.form.confirming
        view.inputs["reps"].value = 14
        view.save_button.click()
        view.undo_button.click()
        log = read_log(path, today=TODAY)
        assert log[["side", "reps"]].values.tolist() == [["left", 15]]
        assert bytes(view.chart.value)[:4] == b"\x89PNG"


@pytest.mark.parametrize("run", range(2))
def test_lesson_04_executes_to_the_end_under_nbclient(run):
    notebook = nbformat.read(LESSON, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(LESSON.parent)}})
    client.execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    # The cause of the hang stays out: no Output widget is created while it executes.
    models = {state.get("_model_name") for state in client.widget_state.values()}
    assert "OutputModel" not in models and "ImageModel" in models
