"""The package layout: wings import one way, the old flat paths still import, modules stay small."""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path

import pytest

from hipkit._flat_paths import FLAT_PATHS

PACKAGE = Path(__file__).resolve().parents[1] / "hipkit"
NOTEBOOKS = PACKAGE.parent / "notebooks"

WINGS = ("exercises", "log", "runs", "views", "coach")
DATA_WINGS = ("exercises", "log", "runs")
#: Wing -> the wings it must never import. Top-level modules (errors, settings, palette,
#: samples, cli, ...) are not a wing; errors, settings and palette import no wing at all.
FORBIDDEN = {
    **{wing: ("views", "coach") for wing in DATA_WINGS},
    "views": ("coach",),
}
CORE = ("errors.py", "settings.py", "palette.py", "_flat_paths.py")


def all_imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names imported from it) of every absolute import in a file, at top
    level or inside a function; ``import a.b`` has no names."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module, [alias.name for alias in node.names]))
    return found


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every hipkit module a file imports, at top level or inside a function."""
    found = []
    for line, module, names in all_imports(path):
        if module.split(".")[0] != "hipkit":
            continue
        if wing_of(module) is not None or not names:
            found.append((line, module))
        else:  # ``from hipkit import views`` imports the wing itself
            found += [(line, f"{module}.{name}") for name in names]
    return found


def wing_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in WINGS else None


def layering_violations(package: Path) -> list[str]:
    bad = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        wing = rel.parts[0] if len(rel.parts) > 1 else None
        forbidden = FORBIDDEN.get(wing, ())
        for line, name in imported_modules(path):
            target = wing_of(name)
            if target in forbidden:
                bad.append(f"hipkit/{rel}:{line} imports {name} ({wing} must not import {target})")
            elif wing is None and rel.name in CORE and target is not None:
                bad.append(f"hipkit/{rel}:{line} imports {name} (core imports no wing)")
    return bad


def test_data_wings_never_import_views_or_coach():
    assert layering_violations(PACKAGE) == []


def test_the_layering_check_finds_a_data_module_importing_a_view(tmp_path):
    (tmp_path / "log").mkdir()
    (tmp_path / "log" / "reading.py").write_text(
        "def f():\n    from hipkit.views.log_plots import plot_calendar\n")
    (tmp_path / "views").mkdir()
    (tmp_path / "views" / "chart.py").write_text("from hipkit.coach import group\n")
    assert layering_violations(tmp_path) == [
        "hipkit/log/reading.py:2 imports hipkit.views.log_plots (log must not import views)",
        "hipkit/views/chart.py:1 imports hipkit.coach (views must not import coach)",
    ]


def test_every_wing_says_what_lives_there_and_what_it_may_import():
    for wing in WINGS:
        doc = importlib.import_module(f"hipkit.{wing}").__doc__
        assert doc and "import" in doc, wing


def test_no_module_is_over_500_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}


@pytest.mark.parametrize("old", sorted(FLAT_PATHS))
def test_each_flat_path_still_imports_and_lists_its_names(old):
    module = importlib.import_module(old)
    assert module.__name__ == old
    names = [n for n in dir(module) if not n.startswith("_")]
    assert names
    for home in FLAT_PATHS[old]:
        assert importlib.import_module(home).__name__ == home


def test_a_name_no_module_holds_is_refused_naming_the_new_home():
    module = importlib.import_module("hipkit.training_log")
    with pytest.raises(AttributeError, match=r"hipkit.training_log.*now hipkit.log.*'no_such'"):
        module.no_such  # noqa: B018


def lesson_imports() -> list[tuple[str, str, str]]:
    """(lesson, module, name) for every ``from hipkit... import name`` in a lesson."""
    found = []
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            # IPython's magics and shell lines are not Python.
            source = "\n".join(line for line in "".join(cell["source"]).splitlines()
                               if not line.lstrip().startswith(("%", "!")))
            found += [(notebook.name, node.module, alias.name)
                      for node in ast.walk(ast.parse(source))
                      if isinstance(node, ast.ImportFrom) and node.module
                      and node.module.split(".")[0] == "hipkit"
                      for alias in node.names]
    return found


def test_lessons_import_hipkit_names():
    assert len(lesson_imports()) > 40


@pytest.mark.parametrize("lesson, module, name", lesson_imports())
def test_every_name_a_lesson_imports_still_resolves(lesson, module, name):
    assert getattr(importlib.import_module(module), name) is not None


def test_the_public_names_resolve():
    import hipkit

    for name in hipkit.__all__:
        assert getattr(hipkit, name) is not None, name


#: Libraries that draw or make widgets: a data wing imports none of them, not even inside a
#: function (drawing belongs to ``hipkit.views``).
DRAWING_LIBRARIES = ("matplotlib", "ipywidgets", "IPython")


def drawing_imports(package: Path) -> list[str]:
    """Every import of a drawing or widget library in a data wing, anywhere in the file."""
    bad = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if len(rel.parts) < 2 or rel.parts[0] not in DATA_WINGS:
            continue
        bad += [f"hipkit/{rel}:{line} imports {module} ({rel.parts[0]} is a data wing)"
                for line, module, _ in sorted(all_imports(path))
                if module.split(".")[0] in DRAWING_LIBRARIES]
    return bad


def test_data_wings_never_import_matplotlib_ipywidgets_or_ipython():
    assert drawing_imports(PACKAGE) == []


def test_the_drawing_check_finds_imports_at_top_level_and_inside_functions(tmp_path):
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "figure.py").write_text(
        "import numpy as np\n\n\ndef draw():\n    import matplotlib.pyplot as plt\n")
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "table.py").write_text(
        "from IPython.display import display\nimport ipywidgets as widgets\n")
    (tmp_path / "log").mkdir()
    (tmp_path / "log" / "reading.py").write_text("from hipkit.palette import INK\n")
    (tmp_path / "views").mkdir()
    (tmp_path / "views" / "chart.py").write_text("import matplotlib.pyplot as plt\n")
    assert drawing_imports(tmp_path) == [
        "hipkit/exercises/figure.py:5 imports matplotlib.pyplot (exercises is a data wing)",
        "hipkit/runs/table.py:1 imports IPython.display (runs is a data wing)",
        "hipkit/runs/table.py:2 imports ipywidgets (runs is a data wing)",
    ]
