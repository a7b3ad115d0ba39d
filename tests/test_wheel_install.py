"""An installed wheel finds its data without the checkout."""

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHECK = """
import hipkit, pathlib, sys
assert pathlib.Path(hipkit.__file__).is_relative_to(sys.prefix), hipkit.__file__
exercises = hipkit.load_exercises()
print(len(exercises), len(hipkit.load_steps()), exercises["reps"].sum(), sep=",")
"""


def test_wheel_installs_and_loads_its_data_outside_the_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(wheels), str(REPO)],
        check=True, cwd=tmp_path,
    )
    [wheel] = wheels.glob("hipkit-*.whl")
    env_dir = tmp_path / "fresh"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--quiet", str(wheel)],
        check=True, cwd=tmp_path,
    )
    # pandas and friends come from this environment's site-packages; hipkit itself must
    # come from the wheel, and the working folder is far from the checkout.
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = subprocess.run(
        [str(python), "-c", CHECK], cwd=outside, capture_output=True, text=True,
        env={"PYTHONPATH": sysconfig.get_paths()["purelib"], "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "4,14,50"
