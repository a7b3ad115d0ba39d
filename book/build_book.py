"""The lessons as a static website: ``python book/build_book.py [OUT]`` (default build/book).

Every ``notebooks/*.ipynb`` becomes a page (a lesson added later appears by itself),
with the outputs stored in the notebook; nothing is executed. Widgets need a kernel, so
each widget output is replaced in the site's copy by what can be shown without one: the
exercise's key-moment figure for a guided session (drawn here by hipkit), the question
and its options for a self-check, else a note. Each page gets launch links to Binder and
to the workshop hub (nbgitpuller), and "Key points" sections are boxed.

``HIPKIT_REPO_URL`` (default ``https://github.com/OWNER/hipkit``) and ``HIPKIT_HUB_URL``
(default ``http://localhost:8000``, the hub of workshop/jupyterhub_config.py) set where
the launch links go.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

BOOK = Path(__file__).resolve().parent
REPO = BOOK.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
LIVE = "*This part is interactive: launch the lesson (links at the top of the page) to use it.*"


def launch_links(notebook: str, repo_url: str, hub_url: str) -> dict[str, str]:
    """Binder and workshop-hub links that open ``notebooks/<notebook>`` live."""
    repo_path = repo_url.rstrip("/").removeprefix("https://github.com/")
    binder = (f"https://mybinder.org/v2/gh/{repo_path}/main?"
              + urlencode({"urlpath": f"lab/tree/notebooks/{notebook}"}))
    hub = (f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?"
           + urlencode({"repo": repo_url, "branch": "main", "targetpath": "hipkit-lessons",
                        "urlpath": f"lab/tree/hipkit-lessons/notebooks/{notebook}"}))
    return {"binder": binder, "hub": hub}


def _markdown(text: str) -> dict:
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/markdown": text, "text/plain": text}}


def key_moment_png(exercise_id: str) -> bytes:
    """The exercise's key-moment figure, as the printed handout shows it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from hipkit.views.movement_plot import draw_key_moment

    figure, ax = plt.subplots(figsize=(4.5, 4.5))
    draw_key_moment(exercise_id, ax=ax)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _quiz_text(lesson: str, source: str) -> str | None:
    from hipkit.views.quiz import load_questions

    match = re.search(r"quiz\((?:LESSON|\"(\w+)\"), \"(\w+)\"\)", source)
    if not match:
        return None
    question = load_questions(match.group(1) or lesson)[match.group(2)]
    options = "\n".join(f"- {option}" for option in question.options)
    return f"**Self-check:** {question.prompt}\n\n{options}\n\n{LIVE}"


def static_stand_in(lesson: str, source: str) -> list[dict]:
    """What to show in place of a widget, judged from the cell's code."""
    exercise = re.search(r"guided_session\(\"(\w+)\"", source)
    if exercise:
        png = base64.b64encode(key_moment_png(exercise.group(1))).decode()
        return [{"output_type": "display_data", "metadata": {},
                 "data": {"image/png": png, "text/plain": "<key-moment figure>"}},
                _markdown(f"*The key moment of the exercise. {LIVE[1:]}")]
    quiz_text = _quiz_text(lesson, source)
    return [_markdown(quiz_text or LIVE)]


def _box_key_points(text: str) -> str:
    heading = re.match(r"#+ *(Key points|Objectives|Learning objectives)\s*\n", text)
    if not heading:
        return text
    body = text[heading.end():].strip()
    return f":::{{admonition}} {heading.group(1)}\n:class: tip\n\n{body}\n:::"


def site_copy(notebook: Path, repo_url: str, hub_url: str) -> dict:
    """The notebook as the site shows it (see the module docstring)."""
    lesson = notebook.stem
    content = json.loads(notebook.read_text(encoding="utf-8"))
    content["metadata"].pop("widgets", None)
    for cell in content["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            cell["source"] = _box_key_points(source)
            continue
        outputs = cell.get("outputs", [])
        if any(WIDGET_VIEW in output.get("data", {}) for output in outputs):
            kept = [o for o in outputs if WIDGET_VIEW not in o.get("data", {})]
            cell["outputs"] = kept + static_stand_in(lesson, source)
        elif not outputs and re.search(r"^assert ", source, flags=re.MULTILINE):
            # The lessons' own checks (run by the tests) are not for the reader.
            cell.setdefault("metadata", {}).setdefault("tags", []).append("remove-cell")
    links = launch_links(notebook.name, repo_url, hub_url)
    launch = {"cell_type": "markdown", "id": "launch-links", "metadata": {}, "source": (
        ":::{note}\n**Run this lesson live:** "
        f"[open it on Binder]({links['binder']}) or "
        f"[on your workshop hub]({links['hub']}).\n:::")}
    content["cells"].insert(1, launch)
    return content


def build_site(out: Path, repo_url: str | None = None, hub_url: str | None = None) -> Path:
    """Build the site into ``out`` and return the folder holding index.html."""
    from sphinx.cmd.build import build_main

    repo_url = repo_url or os.environ.get("HIPKIT_REPO_URL", "https://github.com/OWNER/hipkit")
    hub_url = hub_url or os.environ.get("HIPKIT_HUB_URL", "http://localhost:8000")
    with tempfile.TemporaryDirectory(prefix="hipkit-book-") as folder:
        source = Path(folder)
        shutil.copy(BOOK / "index.md", source / "index.md")
        (source / "notebooks").mkdir()
        for notebook in sorted((REPO / "notebooks").glob("*.ipynb")):
            copy = site_copy(notebook, repo_url, hub_url)
            (source / "notebooks" / notebook.name).write_text(json.dumps(copy),
                                                             encoding="utf-8")
        status = build_main(["-b", "html", "-q", "-c", str(BOOK), "-D",
                             f"html_theme_options.repository_url={repo_url}",
                             str(source), str(out)])
    if status:
        raise RuntimeError(f"sphinx-build failed with status {status}")
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "build" / "book"
    started = time.monotonic()
    build_site(target)
    print(f"built {target / 'index.html'} in {time.monotonic() - started:.1f} s")
