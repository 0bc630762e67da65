"""Checks shared by several model test files."""

from __future__ import annotations

import numpy as np
import pytest


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
