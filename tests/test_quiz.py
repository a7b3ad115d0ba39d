"""Self-check questions: answers are checked in Python and shown escaped."""

import pytest

from hipkit import DataFileError
from hipkit.quiz import QuizState, QuizView, load_questions, quiz


def test_questions_load_with_the_right_answer_index():
    questions = load_questions("01_why_hips")
    takes_over = questions["takes_over"]
    assert takes_over.options[takes_over.answer] == "the hamstrings"
    assert takes_over.check(takes_over.answer) == (True, "Right. " + takes_over.explanation)
    assert takes_over.check(0)[0] is False
    assert takes_over.check(None) == (False, "Pick an answer first.")
    with pytest.raises(ValueError, match="choice must be 0 to 3, got 7"):
        takes_over.check(7)


def test_view_check_button_shows_feedback_and_counts_attempts():
    view = quiz("01_why_hips", "full_extension")
    view.check_button.click()
    assert view.state.feedback == "Pick an answer first." and view.state.attempts == 0
    view.options.value = "at an easy jog"
    view.check_button.click()
    assert view.state.correct is False and "Not quite." in view.feedback.value
    view.options.value = "only when sprinting"
    view.check_button.click()
    assert view.state.correct is True and view.state.attempts == 2
    assert "Right." in view.feedback.value


def test_view_names_its_radio_group_and_announces_feedback():
    view = quiz("01_why_hips", "full_extension")
    script = view.widget.children[-1].value
    # The browser-side lines give the radio group the question as its name.
    assert "radiogroup" in script and view.state.question.prompt in script
    assert "aria-label&#x27;, &quot;" in script  # the prompt as a JSON string
    view.check_button.click()
    assert view.feedback.value.startswith('<span role="alert"')


def test_prompt_and_feedback_are_escaped(data_copy):
    path = data_copy / "quizzes" / "01_why_hips.toml"
    text = path.read_text(encoding="utf-8").replace(
        'prompt = "When', 'prompt = "<b onmouseover=alert(1)>When').replace(
        'explanation = "A muscle', 'explanation = "<script>x</script> A muscle')
    path.write_text(text, encoding="utf-8")
    view = QuizView(QuizState(load_questions("01_why_hips", data_copy)["takes_over"]))
    view.options.value = "the calves"
    view.check_button.click()
    assert "&lt;b onmouseover=alert(1)&gt;" in view.widget.children[0].value
    assert "<script>" not in view.feedback.value and "&lt;script&gt;" in view.feedback.value


def test_answer_that_is_not_an_option_is_refused(data_copy):
    path = data_copy / "quizzes" / "01_why_hips.toml"
    text = path.read_text(encoding="utf-8").replace(
        'answer = "the hamstrings"', 'answer = "hamstrings"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_questions("01_why_hips", data_copy)
    assert (f"{path}, field 'questions[1].answer': must be one of the options, written the "
            "same way (got 'hamstrings')") in str(caught.value)
