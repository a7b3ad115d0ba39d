"""Facts carry over from the coach's post, sentences do not: no run of 8 words is shared.

The post is read from the project's shared seed folder (``/work/shared/seed`` or
``../shared/seed`` beside the repository); without it the test is skipped. Its title is
left out: citing a source by its title is not copying it.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_NAME = "runners-hips.txt"
SEED_CANDIDATES = [ROOT.parent / "shared" / "seed" / SEED_NAME,
                   Path("/work/shared/seed") / SEED_NAME]
RUN = 8
TEXT_SUFFIXES = {".toml", ".csv", ".md", ".txt", ".py", ".json"}


def words(text: str) -> list[str]:
    """Lower-case words, with typographic apostrophes made plain (don’t = don't)."""
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))


def runs(tokens: list[str], length: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + length]) for i in range(len(tokens) - length + 1)}


def shared_runs(text: str, seed_runs: set[tuple[str, ...]]) -> list[str]:
    """Every run of ``RUN`` words of ``text`` that the seed also has, as text."""
    return sorted({" ".join(run) for run in runs(words(text)) if run in seed_runs})


def notebook_text(path: Path) -> str:
    """The Markdown and code a reader sees in a notebook (not the stored outputs)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells
                     if cell["cell_type"] in ("markdown", "code"))


def checked_files() -> list[Path]:
    files = [path for path in sorted((ROOT / "data").rglob("*"))
             if path.is_file() and path.suffix in TEXT_SUFFIXES]
    files += sorted((ROOT / "notebooks").glob("*.ipynb"))
    files += sorted((ROOT / "hipkit").glob("*.py"))
    return [*files, ROOT / "README.md"]


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    seed = next((path for path in SEED_CANDIDATES if path.exists()), None)
    if seed is None:
        pytest.skip(f"the seed post {SEED_NAME} is not beside this checkout")
    title, _, body = seed.read_text(encoding="utf-8").partition("\n")
    return runs(words(body))


def test_shared_runs_are_found_across_lines_case_and_apostrophes():
    seed = runs(words("Unless you are sprinting, running never takes you into what’s called"))
    text = "so UNLESS you are\nsprinting running never takes you into what's called it"
    assert shared_runs(text, seed) == sorted([
        "unless you are sprinting running never takes you",
        "you are sprinting running never takes you into",
        "are sprinting running never takes you into what's",
        "sprinting running never takes you into what's called"])
    assert shared_runs("unless you are sprinting, running rarely takes you", seed) == []


def test_notebooks_are_read_as_markdown_and_code(tmp_path):
    notebook = tmp_path / "lesson.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": ["# Title\n", "words here"]},
        {"cell_type": "code", "source": ["print('code here')"], "outputs": []}]}))
    assert notebook_text(notebook) == "# Title\nwords here\nprint('code here')"


def test_no_file_shares_eight_words_in_a_row_with_the_seed(seed_runs):
    copied = {}
    for path in checked_files():
        text = notebook_text(path) if path.suffix == ".ipynb" else \
            path.read_text(encoding="utf-8")
        found = shared_runs(text, seed_runs)
        if found:
            copied[str(path.relative_to(ROOT))] = found
    assert copied == {}
