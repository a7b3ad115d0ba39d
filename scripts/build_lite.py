"""Build a static JupyterLite site holding the lessons, the data and a hipkit wheel.

Usage: python scripts/build_lite.py [OUTPUT_DIR] [--jupyter PATH]

Run it with the project's Python (it builds the wheel); the site itself is built by the
``jupyter`` of the separate lite environment (default ``.venv-lite/bin/jupyter``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def build_site(output: Path, jupyter: Path) -> Path:
    """Build the site into ``output`` and return it."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        contents, wheels = work / "contents", work / "pypi"
        shutil.copytree(REPO / "notebooks", contents / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_*"))
        shutil.copytree(REPO / "data", contents / "data",
                        ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                        "--no-build-isolation", "--quiet", "--wheel-dir", str(wheels),
                        str(REPO)], check=True)
        # jupyter lite puts every wheel found in ./pypi into the site's package index.
        subprocess.run([str(jupyter), "lite", "build", "--contents", str(contents),
                        "--output-dir", str(output.resolve())], check=True, cwd=work)
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=REPO / "build" / "lite")
    parser.add_argument("--jupyter", type=Path, default=REPO / ".venv-lite" / "bin" / "jupyter")
    args = parser.parse_args()
    print(build_site(args.output, args.jupyter))


if __name__ == "__main__":
    main()
