"""Checks and loaders shared by several test files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest


def load_script(path: Path, name: str | None = None, *, register: bool = False):
    """A script of the repository (a build script, a dataset recipe, tasks.py) imported from its path.

    With `register`, it is entered in ``sys.modules`` first, as dataclasses defined in it need.
    """
    spec = importlib.util.spec_from_file_location(name or path.stem, path)
    module = importlib.util.module_from_spec(spec)
    if register:
        sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def assert_gradient_matches_finite_differences(loglik, gradient, names, point, *, x, t_x, T, rel=1e-5):
    """The analytic gradient of the total log-likelihood equals central differences at `point`."""
    point = np.asarray(point, dtype=float)

    def total(p):
        return loglik(**dict(zip(names, p)), x=x, t_x=t_x, T=T).sum()

    grad = gradient(**dict(zip(names, point)), x=x, t_x=t_x, T=T).sum(axis=1)
    for i in range(len(point)):
        h = 1e-6 * point[i]
        up, down = point.copy(), point.copy()
        up[i] += h
        down[i] -= h
        assert grad[i] == pytest.approx((total(up) - total(down)) / (2 * h), rel=rel)
