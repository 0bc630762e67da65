"""Scoring many customers by working once per distinct history.

The purchase models' predictions depend on a customer only through (x, t_x, T), and
the horizon-dependent factor of the conditional expectation only through (x, T):

    E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) * E[Y(t) | active at T, x, T].

Summaries measured in whole days repeat these rows a lot (a million customers of a
two-year log have a few hundred thousand distinct rows and a few tens of thousands of
distinct (x, T) pairs), so predictions are computed on the distinct rows and pairs and
expanded back to the customers with integer indices.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Histories", "distinct_rows"]


def distinct_rows(*columns: np.ndarray) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """The distinct rows of equally long columns and, for every row, the index of its distinct row.

    Hashing (pandas.factorize) instead of sorting: each column is factorised to integer
    codes, the codes are combined into one integer key per row and that key is factorised
    once more, all in linear time. The order of the distinct rows is the order of first
    appearance.

    Parameters
    ----------
    *columns : ndarray
        One-dimensional arrays of the same length.

    Returns
    -------
    (tuple of ndarray, ndarray)
        The columns of the distinct rows, and `inverse` such that
        ``distinct[k][inverse] == columns[k]`` for every k.
    """
    import pandas as pd

    n = len(columns[0])
    key = np.zeros(n, dtype=np.int64)
    width = 1
    for column in columns:
        column = np.asarray(column)
        if n and column.min() == column.max():  # a constant column (a parameter broadcast) adds nothing
            continue
        codes, uniques = pd.factorize(column, sort=False)
        size = max(len(uniques), 1)
        if width * size >= 2**62:
            # the combined key would overflow: compress what we have so far first
            key, firsts = pd.factorize(key, sort=False)
            width = max(len(firsts), 1)
        key = key * size + codes
        width *= size
    inverse, first_keys = pd.factorize(key, sort=False)
    # any customer of a distinct row holds its values
    first = np.empty(len(first_keys), dtype=np.intp)
    first[inverse] = np.arange(n)
    return tuple(np.asarray(c)[first] for c in columns), inverse.astype(np.intp, copy=False)


class Histories:
    """Customers' (x, t_x, T) reduced to distinct rows, and the rows to distinct (x, T) pairs.

    Attributes
    ----------
    x, t_x, T : ndarray
        The distinct rows.
    row : ndarray of int
        For every customer, the index of his distinct row.
    pair_x, pair_T : ndarray
        The distinct (x, T) pairs of the distinct rows.
    pair : ndarray of int
        For every distinct row, the index of its (x, T) pair.
    """

    def __init__(self, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> None:
        (self.x, self.t_x, self.T), self.row = distinct_rows(x, t_x, T)
        (self.pair_x, self.pair_T), self.pair = distinct_rows(self.x, self.T)

    def __len__(self) -> int:
        return len(self.row)
