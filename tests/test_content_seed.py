"""Facts carry over from the coach's post, sentences do not: no run of 8 words is shared.

The post is read from the project's shared seed folder (``/work/shared/seed`` or
``../shared/seed`` beside the repository); without it the test is skipped. Its title is
left out: citing a source by its title is not copying it.
"""

import csv
import json
import re
from pathlib import Path

import pytest
import tomllib

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


# --- the coach's claims are taught as the coach's -------------------------------------
# Three of the post's ideas are the coach's reasoning, not measured in any source the pack
# cites. Wherever a lesson or a data file states one, the same sentence says whose it is.
# A row of a CSV file is read as one unit (a muscle's name and its role sit in different
# cells), and a quiz option with its question (the prompt may say whose the options are).

CLAIMS = {
    "hamstrings doing the glutes' work": re.compile(
        r"hamstring.*\b(?:tak\w* over|took over|steps? in|compensat\w*|slack|share|workload"
        r"|work that is not theirs|(?:glutes'|their) work)|(?:tak\w* over|compensat\w*|their"
        r" work to).*hamstring", re.IGNORECASE),
    "an early burn means you are doing it right": re.compile(
        r"\bburn\w*\b.*\b(?:right|good sign|correct|found the muscle)\b", re.IGNORECASE),
    "the circles train a mind-body link": re.compile(
        r"mind[\s\-–]*(?:to[\s\-–]*)?(?:body|muscle)|brain's link|teach\w* the brain",
        re.IGNORECASE),
}
ATTRIBUTION = re.compile(r"\bcoach|\bthe post\b|\bin the post\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*(\"'])|\n\s*\n|\n\s*[-*] |\n#+ ")


def sentences(text: str) -> list[str]:
    """Split prose into sentences (list items and headings count as their own)."""
    text = text.replace("\\\n", " ")
    return [" ".join(part.split()) for part in _SENTENCE_END.split(text) if part.strip()]


def unattributed(units: list[str]) -> list[tuple[str, str]]:
    """Each (claim, sentence) where a sentence states a claim without saying whose it is."""
    return [(claim, unit) for unit in units for claim, pattern in CLAIMS.items()
            if pattern.search(unit) and not ATTRIBUTION.search(unit)]


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def claim_units(path: Path) -> list[str]:
    """The sentences of a data file or a lesson's Markdown that a reader meets."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return [s for cell in cells if cell["cell_type"] == "markdown"
                for s in sentences("".join(cell["source"]))]
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as file:
            return [" | ".join(" ".join(cell.split()) for cell in row)
                    for row in csv.reader(file)]
    if path.suffix == ".toml":
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        units = []
        for question in doc.get("questions", []):
            prompt = question.get("prompt", "")
            units += sentences(prompt) + sentences(question.get("explanation", ""))
            units += [f"{prompt} {option}" for option in question.get("options", [])]
        rest = {key: value for key, value in doc.items() if key != "questions"}
        return units + [s for text in strings(rest) for s in sentences(text)]
    return sentences(path.read_text(encoding="utf-8"))


def claim_files() -> list[Path]:
    files = [path for path in sorted((ROOT / "data").rglob("*"))
             if path.is_file() and path.suffix in {".toml", ".csv", ".md"}]
    return files + sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_claim_check_finds_a_bare_claim_and_passes_an_attributed_one():
    bare = sentences("Weak glutes? Then the hamstrings take over.\n\n- An early burn means "
                     "you are doing it right.\nThe circles teach the brain to find the glute.")
    assert [claim for claim, _ in unattributed(bare)] == [
        "hamstrings doing the glutes' work", "an early burn means you are doing it right",
        "the circles train a mind-body link"]
    assert unattributed(["The coach says the hamstrings take over.",
                         "An early burn, the post says, is a good sign.",
                         "In the coach's view the circles build a mind-muscle link."]) == []
    # an anatomical fact about the hamstrings is not the claim
    assert unattributed(["The hamstrings pull the thigh back like the gluteus maximus."]) == []


def test_a_quiz_option_is_read_with_its_question(tmp_path):
    quiz = tmp_path / "quiz.toml"
    quiz.write_text('[[questions]]\nprompt = "Which muscles take over, as the coach says?"\n'
                    'options = ["the hamstrings take over"]\n'
                    '[[questions]]\nprompt = "Which is true?"\n'
                    'options = ["the hamstrings take over"]\n', encoding="utf-8")
    assert unattributed(claim_units(quiz)) == [
        ("hamstrings doing the glutes' work", "Which is true? the hamstrings take over")]


def test_a_csv_row_is_read_as_one_unit(tmp_path):
    table = tmp_path / "muscles.csv"
    table.write_text("muscle_id,runner_role\nhamstrings,\"Bend the knee; when the glutes are "
                     "weak they take over.\"\n", encoding="utf-8")
    assert [claim for claim, _ in unattributed(claim_units(table))] == [
        "hamstrings doing the glutes' work"]


@pytest.mark.parametrize("path", claim_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_content_the_coachs_claims_are_attributed_where_they_are_stated(path):
    assert unattributed(claim_units(path)) == []


# --- the coach's words, not drifted versions of them ----------------------------------
DRIFTS = {
    "'rarely' where the coach says 'never'": re.compile(
        r"\brarely\b.*\b(?:extension|finish\w*|full)\b", re.IGNORECASE),
    "'slow' circles (the coach asks for small ones)": re.compile(
        r"\bslow\w*(?:\W+\w+){0,2}?\W+circles\b|\bcircles\b(?:\W+\w+){0,3}?\W+slow(?:ly)?\b",
        re.IGNORECASE),
    "the glutes 'answer' faster or better": re.compile(
        r"\banswers? (?:faster|better|quicker)\b", re.IGNORECASE),
}


def drifted(units: list[str]) -> list[tuple[str, str]]:
    return [(drift, unit) for unit in units for drift, pattern in DRIFTS.items()
            if pattern.search(unit)]


def test_the_drift_check_finds_each_drift():
    found = drifted(["Running rarely asks the glutes to finish the movement.",
                     "Slow, small circles with the glutes squeezed.",
                     "So it answers faster when you run.",
                     "Running never takes the hip into full extension.",
                     "Keep the circles small; lower the leg slowly in the bridge."])
    assert [drift for drift, _ in found] == list(DRIFTS)


@pytest.mark.parametrize("path", claim_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_content_no_drift_from_the_coachs_words(path):
    assert drifted(claim_units(path)) == []
