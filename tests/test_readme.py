"""The README runs as written: its Python blocks work from a fresh clone, and no instruction installs someone else's package."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```python\n(.*?)^```", README, flags=re.S | re.M)


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_every_python_block_of_the_readme_runs_from_the_repository_root(block):
    done = subprocess.run([sys.executable, "-c", block], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip(), "a README example should show its result"


def test_the_readme_commands_are_the_ones_tasks_py_knows():
    commands = set(re.findall(r"`(?:python3|py) tasks\.py (\w+)", README))
    assert commands == {"course", "test"}


def _instructions():
    files = [ROOT / "README.md", *ROOT.glob("docs/**/*.md"), *ROOT.glob("clvkit/**/*.py"),
             *ROOT.glob("clvkit/i18n/*/*.json"), *ROOT.glob("notebooks/**/*.ipynb"), *ROOT.glob("notebooks/**/*.py"),
             *ROOT.glob("datasets/*.md")]
    for path in files:
        yield path, path.read_text(encoding="utf-8", errors="replace")


def test_no_instruction_installs_the_unrelated_clvkit_of_the_package_index():
    # pip install clvkit / "clvkit[scale]" would fetch an unrelated project that owns that name on the index.
    wrong = re.compile(r"""(pip|uv pip|poetry add|conda install)\s+(install\s+)?(-U\s+)?["']?clvkit(\[[\w,]+\])?["']?(?![-\w])""")
    found = [f"{path.relative_to(ROOT)}: {m.group(0)}" for path, text in _instructions() for m in wrong.finditer(text)]
    assert found == []


def test_the_distribution_name_is_our_own():
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert meta["name"] == "clvkit-course"
