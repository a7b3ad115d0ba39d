"""Re-execute lessons and store their outputs the way nbval and a first open need them.

Usage: ``python scripts/rebuild_notebook.py notebooks/04_training_log.ipynb [...]``

Runs each notebook in a fresh kernel with the test run's pinned settings (the root
``conftest.py``: ``HIPKIT_TODAY`` and a scratch ``HIPKIT_HOME``), then saves it without
widget state (nbval never reads it) and, in cells tagged ``nbval-ignore-output``,
replaces a widget's ``VBox(children=...`` text with a sentence a reader understands: a
notebook opened before it runs shows that text where the widget will be.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_REPR = re.compile(r"^[A-Z]\w*\((children|value)=")
READABLE = "Interactive: run the notebook to use this."


def rebuild(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        ignored = "nbval-ignore-output" in cell.metadata.get("tags", [])
        for output in cell.outputs:
            data = output.get("data", {})
            if ignored and WIDGET_VIEW in data and WIDGET_REPR.match(data.get("text/plain", "")):
                data["text/plain"] = READABLE
    nbformat.write(notebook, path)


if __name__ == "__main__":
    os.environ.setdefault("HIPKIT_TODAY", "2026-03-06")
    os.environ.setdefault("HIPKIT_HOME", tempfile.mkdtemp(prefix="hipkit-test-home-"))
    for name in sys.argv[1:]:
        rebuild(Path(name))
        print(f"rebuilt {name}")
