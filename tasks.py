"""Set up clvkit in a local virtual environment and open the course or run the tests.

    python tasks.py course              # install the course environment, open the course in JupyterLab
    python tasks.py course --lang ru    # ... at the Russian start page
    python tasks.py course --reset 03   # restore notebook 03 of your working copy (the old one is kept as a backup)
    python tasks.py test                # install the test environment, run every test, then the notebooks again
                                        # on a second numeric path

Both commands use one virtual environment, `.venv/`, installed from `constraints.txt` (the pinned versions the
committed notebook outputs were produced with). `course` installs only what the course needs; `test` adds the
test toolchain (pytest, nbval, Playwright, DuckDB, pyarrow, pyspark...). Extra arguments after `test` go to pytest;
extra arguments after `course` go to JupyterLab.

The course opens your own working copy of the notebooks in `my-course/` (made on the first run, git-ignored,
never overwritten afterwards), so the notebooks under `notebooks/` stay exactly as published.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".clvkit-install.json"
COURSE_COPY = ROOT / "my-course"
TRACKS = ("en", "ru")
COURSE_EXTRAS: tuple[str, ...] = ()
TEST_EXTRAS: tuple[str, ...] = ("test", "spark")
NBVAL_ARGS = [
    "--nbval",
    "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
    "--nbval-current-env",
    "-p", "no:cacheprovider",
]
PYTEST_ARGS = [*NBVAL_ARGS, "tests", "notebooks"]

#: A second numeric path for the notebooks: NumPy without its AVX-512 and AVX2 kernels, OpenBLAS on an old core.
#: Every number a notebook prints must come out the same on both paths (see the README, "Running the tests").
SECOND_NUMERIC_PATH = {
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL X86_V3",
    "OPENBLAS_CORETYPE": "Prescott",
}


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _install(*args: str | os.PathLike) -> None:
    """Run pip, showing its output only when it fails (the build backend's notices are not for learners)."""
    done = subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "--no-warn-script-location", *map(str, args)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        sys.exit(f"Installing failed (pip exited with {done.returncode}); the lines above say why.")


def _installed() -> dict:
    try:
        return json.loads(STAMP.read_text())
    except (OSError, ValueError):
        return {}


def ensure_environment(extras: tuple[str, ...]) -> None:
    """Create .venv and install clvkit with `extras`, unless an up-to-date install already has them."""
    if sys.version_info < (3, 10):
        sys.exit(f"clvkit needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = _installed()
    if stamp.get("fingerprint") == _fingerprint() and set(extras) <= set(stamp.get("extras", [])):
        return
    wanted = sorted(set(extras) | (set(stamp.get("extras", [])) if stamp.get("fingerprint") == _fingerprint() else set()))
    target = "." + (f"[{','.join(wanted)}]" if wanted else "")
    what = "the course and the test tools" if "test" in wanted else "the course"
    print(f"Installing {what} into {VENV.name}/ (the first time takes a few minutes) ...", flush=True)
    _install("--upgrade", "pip")
    _install("-c", "constraints.txt", "-e", target)
    STAMP.write_text(json.dumps({"fingerprint": _fingerprint(), "extras": wanted}))


# --------------------------------------------------------------------------- the course

def working_copy(root: Path = COURSE_COPY, python: str | os.PathLike = PYTHON) -> list[Path]:
    """Copy every course notebook that the learner does not have yet into `root`; return the copies made.

    A notebook already in the working copy is never overwritten: it holds the learner's own work. The copies
    are marked trusted (they are the course's own published notebooks), so JupyterLab shows their outputs and
    widgets without a warning.
    """
    made = []
    for track in TRACKS:
        for source in sorted((ROOT / "notebooks" / track).glob("*.ipynb")):
            target = root / track / source.name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
                made.append(target)
    _trust(made, python)
    return made


def _trust(notebooks: list[Path], python: str | os.PathLike = PYTHON) -> None:
    if notebooks:
        subprocess.run([str(python), "-m", "jupyter", "trust", *map(str, notebooks)], cwd=ROOT, check=True,
                       capture_output=True)


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def reset_notebook(number: str, root: Path = COURSE_COPY, python: str | os.PathLike = PYTHON) -> list[Path]:
    """Put the published version of notebook `number` back in the working copy, keeping the learner's as a backup."""
    restored = []
    for track in TRACKS:
        for source in sorted((ROOT / "notebooks" / track).glob(f"{number}_*.ipynb")):
            target = root / track / source.name
            if target.exists():
                backup = root / "backups" / track / f"{target.stem}.{time.strftime('%Y%m%d-%H%M%S')}.ipynb"
                backup.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(target, backup)
                print(f"Your version is kept as {_shown(backup)}")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            restored.append(target)
    if not restored:
        sys.exit(f"There is no notebook {number!r}; give its two-digit number, e.g. --reset 03.")
    _trust(restored, python)
    return restored


def course_command(python: str | os.PathLike, extra: list[str], *, lang: str = "en", root: Path = ROOT,
                   copy: Path = COURSE_COPY) -> list[str]:
    """The command that opens the start page of the learner's working copy `copy` in JupyterLab at `root`."""
    start = f"{copy.relative_to(root).as_posix()}/{lang}/00_start_here.ipynb"
    command = [
        str(python), "-m", "jupyterlab", f"--ServerApp.root_dir={root}", f"--LabApp.default_url=/lab/tree/{start}",
        "--ServerApp.ip=localhost",
        # The classic-notebook shim reads every server option, the deprecated ones too, and so makes
        # jupyter_server warn on each start; JupyterLab 4 and the course do not need it.
        "--ServerApp.jpserver_extensions=notebook_shim=False",
        # Nothing is fetched from the internet: no news feed, no update check.
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.name != "nt":  # kernels talk over local sockets, so ipykernel has no plain-TCP notice to print
        command.append("--KernelManager.transport=ipc")
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        command.append("--allow-root")  # containers and CI machines often run as root
    return [*command, *extra]


def course(argv: list[str]) -> int:
    lang, reset, extra = "en", None, []
    args = iter(argv)
    for arg in args:
        if arg == "--lang":
            lang = next(args, "en")
        elif arg == "--reset":
            reset = next(args, "")
        else:
            extra.append(arg)
    if lang not in TRACKS:
        sys.exit(f"--lang must be one of {', '.join(TRACKS)}; got {lang!r}.")
    if reset is not None:
        for path in reset_notebook(reset):
            print(f"Restored {_shown(path)}")
        return 0
    ensure_environment(COURSE_EXTRAS)
    made = working_copy()
    if made:
        print(f"Your working copy of the course is in {COURSE_COPY.name}/ ({len(made)} notebooks).")
    return subprocess.call(course_command(PYTHON, extra, lang=lang), cwd=ROOT)


# --------------------------------------------------------------------------- the tests

def test(argv: list[str]) -> int:
    ensure_environment(TEST_EXTRAS)
    first = subprocess.call([str(PYTHON), "-m", "pytest", *PYTEST_ARGS, *argv], cwd=ROOT)
    if first != 0 or argv:
        return first
    print("\nThe notebooks again, on a second numeric path (no AVX-512/AVX2 kernels in NumPy, OpenBLAS on an old "
          "core): every printed number must be the same.", flush=True)
    env = {**os.environ, **SECOND_NUMERIC_PATH}
    return subprocess.call([str(PYTHON), "-m", "pytest", *NBVAL_ARGS, "-q", "notebooks"], cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("course", "test"):
        print(__doc__)
        return 2
    return course(argv[1:]) if argv[0] == "course" else test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
