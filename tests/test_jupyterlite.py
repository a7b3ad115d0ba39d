"""The JupyterLite site builds with every lesson, every data file and the hipkit wheel.

Pyodide cannot fetch pandas or matplotlib here, so the site is checked for its contents,
not run. Needs the lite environment of the README's test command (.venv-lite).
"""

import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LITE_JUPYTER = REPO / ".venv-lite" / "bin" / "jupyter"

sys.path.insert(0, str(REPO / "scripts"))
from build_lite import build_site  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    if not LITE_JUPYTER.exists():
        message = (f"{LITE_JUPYTER} is missing: create it with `python3 -m venv .venv-lite && "
                   ".venv-lite/bin/pip install -r lite/requirements.txt`")
        if os.environ.get("HIPKIT_REQUIRE_LITE"):
            pytest.fail(message)
        pytest.skip(message)
    return build_site(tmp_path_factory.mktemp("lite") / "site", LITE_JUPYTER)


def test_site_indexes_the_hipkit_wheel(site):
    index = json.loads((site / "pypi" / "all.json").read_text())
    assert "hipkit" in index
    [release] = index["hipkit"]["releases"].values()
    assert release[0]["filename"].endswith("-py3-none-any.whl")
    assert (site / "pypi" / release[0]["filename"]).exists()


def test_site_holds_every_lesson(site):
    lessons = {p.name for p in (REPO / "notebooks").glob("*.ipynb")}
    assert lessons and lessons <= {p.name for p in (site / "files" / "notebooks").iterdir()}


def test_site_holds_every_data_file(site):
    data = REPO / "data"
    wanted = {p.relative_to(data) for p in data.rglob("*")
              if p.is_file() and p.suffix in {".csv", ".toml", ".md"}}
    shipped = {p.relative_to(site / "files" / "data")
               for p in (site / "files" / "data").rglob("*") if p.is_file()}
    assert wanted and wanted <= shipped
