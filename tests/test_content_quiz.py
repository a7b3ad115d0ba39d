"""The shipped self-checks test understanding, give nothing away, and agree with the data.

- every lesson's quiz asks at least one question of ``kind = "apply"``: a new case to work
  out with the lesson's idea, not a sentence to remember;
- no self-check written into a lesson's text prints its own answer next to its question;
- every %MVIC figure a question states (prompt, right answer, explanation) is one of
  ``activation.csv``, and a figure said to be a leg's ("supporting leg", "standing leg")
  comes from a row that measured that leg;
- lesson 00's stored table lists every lesson in ``notebooks/`` with its own time.
"""

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from hipkit.exercises.muscles import load_activation
from hipkit.lesson_index import lesson_index
from hipkit.views.muscle_chart_parts import STRENGTH_THRESHOLD
from hipkit.views.quiz import lessons, load_questions

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LESSON_NOTEBOOKS = sorted(p for p in NOTEBOOKS.glob("*.ipynb") if re.match(r"\d{2}_", p.name))


@pytest.mark.parametrize("lesson", lessons())
def test_content_every_lesson_asks_at_least_one_apply_question(lesson):
    kinds = [q.kind for q in load_questions(lesson).values()]
    assert "apply" in kinds, f"{lesson}: only {sorted(set(kinds))} questions"


def test_content_every_lesson_has_a_quiz():
    assert {p.stem for p in LESSON_NOTEBOOKS} <= set(lessons())


# A self-check written as text, its answer in brackets after the question mark.
_ANSWER_GIVEN = re.compile(r"self-check.*\?\s*\(", re.IGNORECASE | re.DOTALL)


def test_the_answer_check_finds_an_answer_printed_after_its_question():
    assert _ANSWER_GIVEN.search("### Self-check\nHow many sessions? (Two: see the table.)")
    assert not _ANSWER_GIVEN.search("**Self-check (no code):** which two weeks are hatched?")


@pytest.mark.parametrize("notebook", LESSON_NOTEBOOKS, ids=lambda p: p.stem)
def test_content_no_self_check_prints_its_own_answer(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    giving_away = [i for i, cell in enumerate(cells) if cell["cell_type"] == "markdown"
                   and _ANSWER_GIVEN.search("".join(cell["source"]))]
    assert giving_away == [], f"{notebook.name}: cells {giving_away} answer their self-check"


# --- figures ---------------------------------------------------------------------------
_NUMBER = r"\d+(?:\.\d+)?"
_FIGURE = re.compile(rf"(?<![\d.])({_NUMBER})(?:\s*(?:to|-|–)\s*({_NUMBER}))?"
                     rf"(?:\s*±\s*({_NUMBER}))?(?![\d.])")
_YEAR = re.compile(r"(?:19|20)\d\d")
# The words that tie a figure to a leg, and the activation rows each one allows.
_LEGS = {
    "supporting leg": lambda rows: rows["study_exercise"].str.contains("supporting leg"),
    "kicking leg": lambda rows: rows["study_exercise"].str.contains("moving leg"),
    "moving leg": lambda rows: rows["study_exercise"].str.contains("moving leg"),
    "standing leg": lambda rows: rows["leg"] == "standing",
    "stance leg": lambda rows: rows["leg"] == "standing",
    "lifted leg": lambda rows: rows["leg"] == "resting",
}


def figure_problems(text: str, activation: pd.DataFrame) -> list[str]:
    """Each %MVIC figure of ``text`` that activation.csv does not hold (for its leg)."""
    problems = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if "%MVIC" not in sentence:
            continue
        for clause in re.split(r"[,;:]|\band\b", sentence):
            legs = [leg for leg in _LEGS if leg in clause]
            rows = activation
            for leg in legs:
                rows = rows[_LEGS[leg](rows)]
            values = set(pd.concat([rows["pct_mvic_mean"], rows["pct_mvic_low"],
                                    rows["pct_mvic_high"]]).dropna().round(1))
            spreads = set(rows["pct_mvic_sd"].dropna().round(1))
            for match in _FIGURE.finditer(clause):
                first, second, spread = match.groups()
                if _YEAR.fullmatch(first):
                    continue
                figures = [float(first)] + ([float(second)] if second else [])
                if (not legs and figures == [STRENGTH_THRESHOLD]) or (
                        all(round(f, 1) in values for f in figures)
                        and (spread is None or round(float(spread), 1) in spreads)):
                    continue
                problems.append(f"{match.group(0).strip()} ({' + '.join(legs) or 'any leg'})"
                                f" in: {clause.strip()}")
    return problems


def test_the_figure_check_ties_a_figure_to_its_leg():
    activation = load_activation()
    assert figure_problems("The supporting leg measured 33.2 %MVIC.", activation) == []
    assert figure_problems("It measured 81 ± 42 %MVIC (Distefano 2009).", activation) == []
    wrong = "The studies measured the supporting leg at 33.2 to 55 %MVIC."
    assert figure_problems(wrong, activation) == [
        "33.2 to 55 (supporting leg) in: The studies measured the supporting leg at 33.2 to "
        "55 %MVIC."]
    assert figure_problems("The standing leg measured 24.7 %MVIC.", activation) != []
    assert figure_problems("It measured 81 ± 40 %MVIC.", activation) != []
    assert figure_problems("About 40 %MVIC is a rule of thumb.", activation) == []


@pytest.mark.parametrize("lesson", lessons())
def test_content_quiz_figures_match_the_activation_data(lesson):
    activation = load_activation()
    problems = {}
    for question in load_questions(lesson).values():
        said = " ".join([question.prompt, question.options[question.answer],
                         question.explanation])
        found = figure_problems(said, activation)
        if found:
            problems[question.question_id] = found
    assert problems == {}


# --- lesson 00's table -----------------------------------------------------------------
_ROW = re.compile(r"<tr>\s*<th>([^<]+)</th>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*</tr>")


def test_content_lesson_00_lists_every_lesson_in_the_folder_with_its_time():
    cells = json.loads((NOTEBOOKS / "00_start_here.ipynb").read_text(encoding="utf-8"))["cells"]
    [shown] = [cell for cell in cells if cell["cell_type"] == "code"
               and "lesson_index()" in "".join(cell["source"])]
    html = "".join(next(o["data"]["text/html"] for o in shown["outputs"]
                        if "text/html" in o.get("data", {})))
    rows = [(name, title, int(minutes)) for name, title, minutes in _ROW.findall(html)]
    index = lesson_index(NOTEBOOKS)
    in_folder = index[index["kind"] == "lesson"]
    assert not in_folder["title"].isna().any() and not in_folder["minutes"].isna().any()
    assert rows == list(zip(in_folder["notebook"], in_folder["title"].str.replace(
        "'", "&#x27;"), in_folder["minutes"].astype(int), strict=True))
    assert [p.stem for p in LESSON_NOTEBOOKS] == [name for name, _, _ in rows]
