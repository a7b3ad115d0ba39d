"""Self-check questions: answers are checked in Python and shown escaped.

Run on the fixture pack's quiz (tests/fixture_pack/quizzes/01_basics.toml).
"""

import pytest

from hipkit import DataFileError, UnknownIdError
from hipkit.views.quiz import QuizState, QuizView, exercise_questions, lessons, load_questions, quiz
from tests.conftest import FIXTURE_PACK
from tests.exercise_files import add_clamshell


def test_questions_load_with_the_right_answer_index():
    questions = load_questions("01_basics", FIXTURE_PACK)
    assert list(questions) == ["slow", "general"]
    slow = questions["slow"]
    assert slow.options == ("fast", "slowly", "not at all")
    assert slow.options[slow.answer] == "slowly"
    assert slow.check(slow.answer) == (True, "Right. " + slow.explanation)
    assert slow.check(0) == (False, "Not quite. The fixture says to move slowly.")
    assert slow.check(None) == (False, "Pick an answer first.")
    with pytest.raises(ValueError, match="choice must be 0 to 2, got 7"):
        slow.check(7)


def test_questions_may_name_their_exercise(fixture_pack):
    questions = load_questions("01_basics", fixture_pack)
    assert questions["slow"].exercise_id == "lying_leg_raise"
    assert questions["general"].exercise_id is None
    assert [q.question_id for q in exercise_questions("01_basics", "lying_leg_raise",
                                                      fixture_pack)] == ["slow"]
    # an exercise without questions simply has none, even a coach's new one
    add_clamshell(fixture_pack)
    assert exercise_questions("01_basics", "clamshell", fixture_pack) == []
    assert exercise_questions("01_basics", "step_hold", fixture_pack) == []


def test_unknown_lesson_and_question_name_the_known_ones():
    assert lessons(FIXTURE_PACK) == ["01_basics"]
    with pytest.raises(UnknownIdError) as caught:
        load_questions("99_nothing", FIXTURE_PACK)
    assert str(caught.value) == "unknown lesson '99_nothing'; known: 01_basics"
    with pytest.raises(UnknownIdError) as caught:
        quiz("01_basics", "fast", FIXTURE_PACK)
    assert str(caught.value) == "unknown question id 'fast'; known: slow, general"


def test_view_check_button_shows_feedback_and_counts_attempts():
    view = quiz("01_basics", "slow", FIXTURE_PACK)
    view.check_button.click()
    assert view.state.feedback == "Pick an answer first." and view.state.attempts == 0
    view.options.value = "fast"
    view.check_button.click()
    assert view.state.correct is False and "Not quite." in view.feedback.value
    view.options.value = "slowly"
    view.check_button.click()
    assert view.state.correct is True and view.state.attempts == 2
    assert "Right." in view.feedback.value


def test_view_names_its_radio_group_and_announces_feedback(fixture_pack):
    view = quiz("01_basics", "slow", data_dir=fixture_pack)
    script = view.widget.children[-1].value
    # The browser-side lines give the radio group the question as its name.
    assert "radiogroup" in script and view.state.question.prompt in script
    assert "aria-label&#x27;, &quot;" in script  # the prompt as a JSON string
    view.check_button.click()
    assert view.feedback.value.startswith('<span role="alert"')


def test_prompt_and_feedback_are_escaped(fixture_pack):
    path = fixture_pack / "quizzes" / "01_basics.toml"
    text = path.read_text(encoding="utf-8").replace(
        'prompt = "How', 'prompt = "<b onmouseover=alert(1)>How').replace(
        'explanation = "The fixture', 'explanation = "<script>x</script> The fixture')
    path.write_text(text, encoding="utf-8")
    view = QuizView(QuizState(load_questions("01_basics", fixture_pack)["slow"]))
    view.options.value = "fast"
    view.check_button.click()
    assert "&lt;b onmouseover=alert(1)&gt;" in view.widget.children[0].value
    assert "<script>" not in view.feedback.value and "&lt;script&gt;" in view.feedback.value


def test_answer_that_is_not_an_option_is_refused(fixture_pack):
    path = fixture_pack / "quizzes" / "01_basics.toml"
    text = path.read_text(encoding="utf-8").replace('answer = "slowly"', 'answer = "slow"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_questions("01_basics", fixture_pack)
    assert (f"{path}, field 'questions[1].answer': must be one of the options, written the "
            "same way (got 'slow')") in str(caught.value)


def test_question_naming_an_unknown_exercise_or_a_repeated_id_is_refused(fixture_pack):
    path = fixture_pack / "quizzes" / "01_basics.toml"
    text = path.read_text(encoding="utf-8").replace(
        'exercise = "lying_leg_raise"', 'exercise = "leg_raise"').replace(
        'id = "general"', 'id = "slow"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_questions("01_basics", fixture_pack)
    message = str(caught.value)
    assert message.startswith("2 problems in the data:")
    assert (f"{path}, field 'questions[1].exercise': is not the id of an exercise in "
            "exercises/ (got 'leg_raise')") in message
    assert (f"{path}, field 'questions[2].id': is already used by an earlier question "
            "(got 'slow')") in message


def test_content_every_shipped_quiz_loads_and_the_walkthrough_asks_about_each_exercise():
    from hipkit import load_exercises

    for lesson in lessons():
        assert load_questions(lesson)
    asked = {e: [q.question_id for q in exercise_questions("02_exercise_walkthrough", e)]
             for e in load_exercises()["exercise_id"]}
    assert asked == {"side_lying_hip_circles": ["circles_purpose"],
                     "standing_hip_abduction": ["abduction_control", "kick_fault"],
                     "single_leg_bridge": ["bridge_raised_leg"],
                     "glute_switch_bridge_hold": ["glute_off_hip"]}
    takes_over = load_questions("01_why_hips")["takes_over"]
    assert takes_over.options[takes_over.answer] == "the hamstrings"


def test_kind_says_whether_a_question_asks_to_recall_or_to_apply(fixture_pack):
    path = fixture_pack / "quizzes" / "01_basics.toml"
    text = path.read_text(encoding="utf-8").replace(
        'exercise = "lying_leg_raise"', 'exercise = "lying_leg_raise"\nkind = "apply"')
    path.write_text(text, encoding="utf-8")
    questions = load_questions("01_basics", fixture_pack)
    assert {q.question_id: q.kind for q in questions.values()} == {
        "slow": "apply", "general": "recall"}


def test_unknown_kind_is_refused(fixture_pack):
    path = fixture_pack / "quizzes" / "01_basics.toml"
    text = path.read_text(encoding="utf-8").replace(
        'exercise = "lying_leg_raise"', 'exercise = "lying_leg_raise"\nkind = "trick"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_questions("01_basics", fixture_pack)
    assert (f"{path}, field 'questions[1].kind': must be one of recall, apply "
            "(got 'trick')") in str(caught.value)


def test_view_gives_nothing_away_before_the_learner_checks():
    view = quiz("01_basics", "slow", FIXTURE_PACK)
    question = view.state.question
    shown = " ".join(str(getattr(child, "value", "")) for child in view.widget.children)
    assert view.options.value is None and view.feedback.value == ""
    assert question.explanation not in shown and "Right." not in shown
    # the text a notebook stores for the widget (its first view, before it runs)
    assert question.explanation not in repr(view.widget)
