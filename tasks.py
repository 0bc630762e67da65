"""Set up clvkit in a local virtual environment and run the course or the tests.

    python tasks.py course   # create .venv, install, open the course in JupyterLab
    python tasks.py test     # create .venv, install, run every test (unit, notebooks, browser)

The environment is installed from constraints.txt, the pinned versions the committed
notebook outputs were produced with. Extra arguments after `test` go to pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".clvkit-install"
START_PAGE = "notebooks/en/00_start_here.ipynb"
PYTEST_ARGS = [
    "--nbval",
    "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
    "--nbval-current-env",
    "-p", "no:cacheprovider",
    "tests", "notebooks",
]


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _run(*args: str | os.PathLike) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def ensure_environment() -> None:
    """Create .venv and install clvkit with its test extra, unless already up to date."""
    if sys.version_info < (3, 10):
        sys.exit(f"clvkit needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(PYTHON, "-m", "pip", "install", "--quiet", "-c", "constraints.txt", "-e", ".[test,spark]")
    STAMP.write_text(_fingerprint())


def course_command(python: str | os.PathLike, extra: list[str]) -> list[str]:
    """The command that opens the course's start page in JupyterLab, with the whole project browsable."""
    command = [str(python), "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}",
               f"--LabApp.default_url=/lab/tree/{START_PAGE}", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        command.append("--allow-root")  # containers and CI machines often run as root
    return command


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("course", "test"):
        print(__doc__)
        return 2
    ensure_environment()
    if argv[0] == "course":
        return subprocess.call(course_command(PYTHON, argv[1:]), cwd=ROOT)
    return subprocess.call([str(PYTHON), "-m", "pytest", *PYTEST_ARGS, *argv[1:]], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
