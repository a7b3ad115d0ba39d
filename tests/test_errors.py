"""The one way hipkit collects problems: errors.Problems, raised as one DataFileError."""

import ast
import re
from pathlib import Path

import pytest

from hipkit.errors import DataFileError, Problem, Problems

PACKAGE = Path(__file__).resolve().parents[1] / "hipkit"


def test_problems_keep_the_order_they_were_added_in():
    problems = Problems()
    assert not problems and len(problems) == 0 and list(problems) == []
    problems.add("a.csv", "reps", "must be a whole number", "x", row=4)
    problems.add("a.csv", "(whole file)", "is missing")
    problems.extend([Problem("b.toml", "id", "is empty")])
    assert problems and len(problems) == 3
    assert list(problems) == [Problem("a.csv", "reps", "must be a whole number", "x", 4),
                              Problem("a.csv", "(whole file)", "is missing"),
                              Problem("b.toml", "id", "is empty")]
    assert list(Problems(problems)) == list(problems)


def test_raise_if_any_raises_every_problem_at_once():
    problems = Problems()
    problems.add("a.csv", "reps", "must be a whole number", "x", row=4)
    problems.add("b.toml", "id", "is empty")
    with pytest.raises(DataFileError) as raised:
        problems.raise_if_any()
    assert raised.value.problems == list(problems)
    assert str(raised.value) == ("2 problems in the data:\n"
                                 "- a.csv, row 4, field 'reps': must be a whole number "
                                 "(got 'x')\n"
                                 "- b.toml, field 'id': is empty")
    assert str(problems) == str(raised.value)


def test_raise_if_any_names_a_single_problem_in_the_singular():
    problems = Problems()
    problems.add("a.csv", "date", "is empty", row=2)
    with pytest.raises(DataFileError, match=r"^1 problem in the data:\n- a\.csv, row 2, "
                                            r"field 'date': is empty$"):
        problems.raise_if_any()


def test_raise_if_any_sorts_by_the_key_given_keeping_ties_in_order():
    problems = Problems()
    problems.add("a.csv", "sets", "is empty", row=5)
    problems.add("a.csv", "reps", "is empty", row=3)
    problems.add("a.csv", "date", "is empty", row=5)
    with pytest.raises(DataFileError) as raised:
        problems.raise_if_any(key=lambda p: p.row)
    assert [(p.row, p.field) for p in raised.value.problems] == [
        (3, "reps"), (5, "sets"), (5, "date")]
    assert [p.row for p in problems] == [5, 3, 5]  # the collector itself is not reordered


def test_nothing_is_raised_when_nothing_was_found():
    Problems().raise_if_any()
    Problems().raise_if_any(key=lambda p: p.row)


def test_data_file_error_takes_a_collector_or_a_list():
    problem = Problem("a.csv", "date", "is empty", row=2)
    assert DataFileError(Problems([problem])).problems == [problem]
    assert DataFileError([problem]).problems == [problem]


# --- the "one way" rule ------------------------------------------------------------------

def _is_problem_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "Problem")


def other_ways(source: str) -> list[str]:
    """The places in ``source`` that collect problems some other way than Problems."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", "?")
        if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)
                and node.value.id in ("list", "List") and isinstance(node.slice, ast.Name)
                and node.slice.id == "Problem"):
            found.append(f"line {line}: a bare list[Problem]")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "_raise":
            found.append(f"line {line}: a private _raise helper")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "append" and node.args and _is_problem_call(node.args[0])):
            found.append(f"line {line}: a Problem appended to a list")
        elif (isinstance(node, ast.AugAssign) and isinstance(node.value, (ast.List, ast.ListComp))
              and any(_is_problem_call(n) for n in ast.walk(node.value))):
            found.append(f"line {line}: Problems added to a list with +=")
    return found


@pytest.mark.parametrize("source", [
    "problems: list[Problem] = []",
    "def read(path, problems: list[Problem]) -> None: ...",
    "def check() -> list[Problem]: ...",
    "def _raise(problems): raise DataFileError(problems)",
    "problems.append(Problem('a.csv', 'id', 'is empty'))",
    "problems += [Problem('a.csv', 'id', 'is empty')]",
])
def test_the_rule_finds_each_other_way(source):
    assert other_ways(source)


def test_the_rule_lets_the_collector_and_a_single_refusal_pass():
    assert other_ways("problems = Problems()\n"
                      "problems.add('a.csv', 'id', 'is empty')\n"
                      "problems.raise_if_any()\n"
                      "raise DataFileError([Problem('a.csv', '(whole file)', 'is empty')])\n"
                      "with_files.append((activity, Problem('a.csv', 'id', 'is empty')))") == []


def test_every_module_collects_problems_one_way():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 10
    found = [f"{path.relative_to(PACKAGE.parent)}, {where}"
             for path in modules if path != PACKAGE / "errors.py"
             for where in other_ways(path.read_text(encoding="utf-8"))]
    assert found == [], ("collect problems with hipkit.errors.Problems and raise them with "
                         "raise_if_any:\n" + "\n".join(found))


def test_the_header_count_matches_the_problems_listed():
    problems = Problems()
    for row in range(2, 14):
        problems.add("a.csv", "reps", "is empty", row=row)
    with pytest.raises(DataFileError) as raised:
        problems.raise_if_any()
    lines = str(raised.value).splitlines()
    assert lines[0] == "12 problems in the data:"
    assert len(lines) == 13 and all(re.match(r"- a\.csv, row \d+, ", x) for x in lines[1:])
