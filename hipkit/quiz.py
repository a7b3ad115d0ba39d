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

from hipkit.browser_script import script_html
from hipkit.errors import DataFileError, Problem
from hipkit.library import DataDir, FieldChecker, data_root, read_tables, read_toml


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with exactly one right option."""

    question_id: str
    prompt: str
    options: tuple[str, ...]
    answer: int
    explanation: str

    def check(self, choice: int | None) -> tuple[bool, str]:
        """Return whether ``choice`` (an option index) is right, and what to tell the runner."""
        if choice is None:
            return False, "Pick an answer first."
        if not 0 <= choice < len(self.options):
            raise ValueError(f"choice must be 0 to {len(self.options) - 1}, got {choice!r}")
        if choice == self.answer:
            return True, f"Right. {self.explanation}"
        return False, f"Not quite. {self.explanation}"


def load_questions(lesson: str, data_dir: DataDir = None) -> dict[str, Question]:
    """Load the self-check questions of one lesson, keyed by question id.

    Examples
    --------
    >>> questions = load_questions("01_why_hips")
    >>> questions["takes_over"].check(questions["takes_over"].answer)[0]
    True
    """
    path = data_root(data_dir) / "quizzes" / f"{lesson}.toml"
    problems: list[Problem] = []
    doc = read_toml(path, problems) or {}
    check = FieldChecker(path, problems)
    questions = {}
    for number, item in enumerate(read_tables(doc, "questions", check, required=True), start=1):
        where = f"questions[{number}]"
        check.unknown(item, {"id", "prompt", "options", "answer", "explanation"}, where + ".")
        options = check.texts(item, "options", where + ".options")
        answer = item.get("answer")
        if len(options) < 2:
            check.fail(where + ".options", "needs at least two options", options)
        if answer not in options:
            check.fail(where + ".answer", "must be one of the options, written the same way",
                       answer)
        question_id = check.text(item, "id", where + ".id")
        prompt = check.text(item, "prompt", where + ".prompt")
        explanation = check.text(item, "explanation", where + ".explanation")
        if not problems:
            questions[question_id] = Question(question_id, prompt, tuple(options),
                                              options.index(answer), explanation)
    if problems:
        raise DataFileError(problems)
    return questions


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
        colour = "#1a7f37" if self.state.correct else "#8a4500"
        # role=alert: a screen reader says the feedback as soon as it appears.
        self.feedback.value = (f'<span role="alert" style="color:{colour}">'
                               f"{html.escape(self.state.feedback)}</span>")


def quiz(lesson: str, question_id: str) -> QuizView:
    """Build the self-check widget for one question; display ``.widget`` in a notebook."""
    return QuizView(QuizState(load_questions(lesson)[question_id]))
