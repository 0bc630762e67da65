"""The wheel works on its own: built without warnings, holding every module and data file, installed into a fresh
virtual environment outside the repository, where the datasets load, every notebook's exercises check and the app
starts."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

# Lines pip or the build print about packaging problems: what a learner must never see when installing clvkit.
PACKAGING_NOISE = ("would be ignored", "BuildBackendWarning", "SetuptoolsDeprecationWarning", "is absent from the")

IN_FRESH_ENVIRONMENT = textwrap.dedent("""
    import inspect, json, sys
    import clvkit as ck
    from clvkit import datasets, teach

    assert "site-packages" in ck.__file__, ck.__file__   # the installed package, not the repository
    loaded = {}
    for name, function in inspect.getmembers(datasets, inspect.isfunction):
        if name.startswith("load_") and function.__module__ == datasets.__name__:
            data = function()
            loaded[name] = len(data[0] if isinstance(data, tuple) else data)
    checked = {}
    for number in range(100):
        try:
            found = teach.exercises(number)
        except ck.ClvDataError:
            continue
        for key, exercise in found.items():
            feedback = teach.check(key, exercise.value(), lang="en")
            assert feedback.correct, (key, feedback.text)
            checked.setdefault(f"{number:02d}", []).append(key)
    print(json.dumps({"datasets": loaded, "exercises": checked}))
""")


def _notebook_numbers() -> set[str]:
    return {p.name[:2] for p in (ROOT / "notebooks" / "en").glob("[0-9][0-9]_*.ipynb")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                           capture_output=True, text=True, cwd=tmp_path_factory.getbasetemp())
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (path,) = out.glob("*.whl")
    return path, built.stdout + built.stderr


@pytest.fixture(scope="module")
def fresh_environment(wheel, tmp_path_factory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("fresh")
    venv.EnvBuilder(with_pip=True).create(home / "env")
    python = home / "env" / ("Scripts" if os.name == "nt" else "bin") / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-c", str(ROOT / "constraints.txt"),
         str(wheel[0])], capture_output=True, text=True, cwd=home)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    return python, installed.stdout + installed.stderr


def test_building_the_wheel_prints_no_packaging_warning(wheel):
    _path, log = wheel
    assert [line for line in log.splitlines() if any(noise in line for noise in PACKAGING_NOISE)] == []


def test_the_wheel_holds_every_module_and_data_file_of_the_package(wheel):
    names = set(zipfile.ZipFile(wheel[0]).namelist())
    wanted = {p.relative_to(ROOT).as_posix() for p in (ROOT / "clvkit").rglob("*")
              if p.is_file() and p.suffix in {".py", ".json", ".ipynb", ".css", ".woff2", ".svg", ".png", ".html", ".j2"}
              and "__pycache__" not in p.parts}
    wanted |= {f"clvkit/_datasets/{p.name}" for p in (ROOT / "datasets").iterdir()
               if p.suffix in {".csv", ".json", ".md", ".py"}}
    assert sorted(wanted - names) == []


def test_in_a_fresh_environment_the_datasets_load_the_exercises_check_and_the_app_starts(fresh_environment, tmp_path):
    import json

    python, install_log = fresh_environment
    assert [line for line in install_log.splitlines() if any(noise in line for noise in PACKAGING_NOISE)] == []
    done = subprocess.run([str(python), "-c", IN_FRESH_ENVIRONMENT], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(report["datasets"]) >= 8 and all(n > 0 for n in report["datasets"].values())
    assert set(report["exercises"]) == _notebook_numbers()
    app = python.parent / ("clvkit-app.exe" if os.name == "nt" else "clvkit-app")
    shown = subprocess.run([str(app), "--help"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert "--port" in shown.stdout
