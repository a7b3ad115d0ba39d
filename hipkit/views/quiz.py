"""Self-check questions at the end of each lesson section.

Questions are data (``data/quizzes/<lesson>.toml``), answers are checked in Python so
the check is tested, and the widget is a thin view over :class:`QuizState`.

We write this small piece ourselves: the maintained notebook-quiz package
(jupyterquiz) checks answers in browser JavaScript, which neither nbval nor a unit
test can reach, and its output carries random element ids that break strict nbval.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

import ipywidgets as widgets

from hipkit.errors import Problems, UnknownIdError
from hipkit.exercises.data_files import DataDir, FieldChecker, data_root, read_tables, read_toml
from hipkit.exercises.loaders import load_exercises
from hipkit.palette import CORRECT_INK, WRONG_INK
from hipkit.views.browser_script import script_html

_QUESTION_FIELDS = {"id", "prompt", "options", "answer", "explanation", "exercise", "kind"}
#: What a question asks of the learner: to remember what a lesson said (``recall``), or to
#: use an idea of the lesson on a case the lesson did not show (``apply``).
KINDS = ("recall", "apply")


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with exactly one right option."""

    question_id: str
    prompt: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    #: The exercise the question is about, or ``None`` for a general question.
    exercise_id: str | None = None
    #: One of :data:`KINDS`; a question without ``kind`` in its file is ``recall``.
    kind: str = "recall"

    def check(self, choice: int | None) -> tuple[bool, str]:
        """Return whether ``choice`` (an option index) is right, and what to tell the runner."""
        if choice is None:
            return False, "Pick an answer first."
        if not 0 <= choice < len(self.options):
            raise ValueError(f"choice must be 0 to {len(self.options) - 1}, got {choice!r}")
        if choice == self.answer:
            return True, f"Right. {self.explanation}"
        return False, f"Not quite. {self.explanation}"


def lessons(data_dir: DataDir = None) -> list[str]:
    """The lessons that have self-check questions (the files of ``quizzes/``)."""
    folder = data_root(data_dir) / "quizzes"
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir()
                  if p.name.endswith(".toml")) if folder.is_dir() else []


def load_questions(lesson: str, data_dir: DataDir = None) -> dict[str, Question]:
    """Load the self-check questions of one lesson, keyed by question id.

    A question may name the exercise it is about (``exercise = "<exercise_id>"``); a
    lesson that walks through the exercises asks each one's questions after it, so an
    exercise without questions simply has none (see :func:`exercise_questions`). It may
    say what it asks of the learner (``kind = "apply"`` for a new case to work out,
    ``"recall"``, the default, for what the lesson said; see :data:`KINDS`).

    Raises
    ------
    hipkit.errors.UnknownIdError
        When the lesson has no quiz file; the message lists the lessons that do.
    hipkit.errors.DataFileError
        When the quiz file breaks its format, listing every problem.

    Examples
    --------
    >>> questions = load_questions(lessons()[0])
    >>> all(q.check(q.answer)[0] for q in questions.values())
    True
    """
    path = data_root(data_dir) / "quizzes" / f"{lesson}.toml"
    if not path.is_file():
        raise UnknownIdError("lesson", lesson, lessons(data_dir))
    problems = Problems()
    doc = read_toml(path, problems) or {}
    check = FieldChecker(path, problems)
    items = read_tables(doc, "questions", check, required=True)
    exercise_ids = (set(load_exercises(data_dir)["exercise_id"].astype(str))
                    if any("exercise" in item for item in items) else set())
    questions, seen = {}, set()
    for number, item in enumerate(items, start=1):
        where = f"questions[{number}]"
        check.unknown(item, _QUESTION_FIELDS, where + ".")
        options = check.texts(item, "options", where + ".options")
        answer = item.get("answer")
        if len(options) < 2:
            check.fail(where + ".options", "needs at least two options", options)
        if answer not in options:
            check.fail(where + ".answer", "must be one of the options, written the same way",
                       answer)
        exercise_id = item.get("exercise")
        if exercise_id is not None and (not isinstance(exercise_id, str)
                                        or exercise_id not in exercise_ids):
            check.fail(where + ".exercise", "is not the id of an exercise in exercises/",
                       exercise_id)
        kind = item.get("kind", "recall")
        if kind not in KINDS:
            check.fail(where + ".kind", f"must be one of {', '.join(KINDS)}", kind)
        question_id = check.text(item, "id", where + ".id")
        prompt = check.text(item, "prompt", where + ".prompt")
        explanation = check.text(item, "explanation", where + ".explanation")
        if question_id is not None and question_id in seen:
            check.fail(where + ".id", "is already used by an earlier question", question_id)
        seen.add(question_id)
        if not problems:
            questions[question_id] = Question(question_id, prompt, tuple(options),
                                              options.index(answer), explanation, exercise_id,
                                              kind)
    problems.raise_if_any()
    return questions


def exercise_questions(lesson: str, exercise_id: str,
                       data_dir: DataDir = None) -> list[Question]:
    """The questions of ``lesson`` about one exercise, in file order (maybe none).

    Examples
    --------
    >>> from hipkit.exercises.loaders import load_exercises
    >>> asked = {e: exercise_questions("02_exercise_walkthrough", e)
    ...          for e in load_exercises()["exercise_id"]}
    >>> all(q.exercise_id == e for e, qs in asked.items() for q in qs)
    True
    """
    return [q for q in load_questions(lesson, data_dir).values()
            if q.exercise_id == exercise_id]


@dataclass
class QuizState:
    """What the runner chose and what they were told; the view only mirrors this."""

    question: Question
    choice: int | None = None
    feedback: str = ""
    correct: bool | None = None
    attempts: int = field(default=0)

    def submit(self) -> bool:
        """Check the current choice, remember the feedback, and return whether it is right."""
        self.correct, self.feedback = self.question.check(self.choice)
        self.attempts += self.choice is not None
        return self.correct


# ipywidgets draws radio buttons without a group role or name: name the group after the
# question, in the browser, once the radio buttons are drawn.
_NAME_THE_GROUP = """var view = this.closest('.widget-vbox'), tries = 0;
(function name() {
  var group = view && view.querySelector('.widget-radio-box');
  if (group) {
    group.setAttribute('role', 'radiogroup');
    group.setAttribute('aria-label', %s);
  } else if (tries++ < 100) setTimeout(name, 100);
})();"""


class QuizView:
    """Radio buttons, a Check button and the feedback for one :class:`QuizState`."""

    def __init__(self, state: QuizState):
        self.state = state
        self.options = widgets.RadioButtons(options=list(state.question.options), value=None,
                                            layout=widgets.Layout(width="auto"))
        self.check_button = widgets.Button(description="Check", icon="check")
        self.feedback = widgets.HTML()
        self.options.observe(self._choose, names="value")
        self.check_button.on_click(self._check)
        self.widget = widgets.VBox([
            widgets.HTML(f"<b>Self-check:</b> {html.escape(state.question.prompt)}"),
            self.options, self.check_button, self.feedback,
            widgets.HTML(script_html(_NAME_THE_GROUP % json.dumps(state.question.prompt))),
        ])

    def _choose(self, change: dict) -> None:
        self.state.choice = self.state.question.options.index(change["new"])

    def _check(self, _button: widgets.Button) -> None:
        self.state.submit()
        colour = CORRECT_INK if self.state.correct else WRONG_INK
        # role=alert: a screen reader says the feedback as soon as it appears.
        self.feedback.value = (f'<span role="alert" style="color:{colour}">'
                               f"{html.escape(self.state.feedback)}</span>")


def quiz(lesson: str, question_id: str, data_dir: DataDir = None) -> QuizView:
    """Build the self-check widget for one question; display ``.widget`` in a notebook."""
    questions = load_questions(lesson, data_dir)
    if question_id not in questions:
        raise UnknownIdError("question id", question_id, questions)
    return QuizView(QuizState(questions[question_id]))
