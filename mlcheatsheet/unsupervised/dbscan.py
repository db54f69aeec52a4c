r"""DBSCAN: density-based clustering with noise.

A point is a **core point** if at least ``min_samples`` points (itself included)
lie within distance ``eps`` of it. A cluster is everything reachable from a core
point through a chain of core points, each within ``eps`` of the next, plus the
non-core (**border**) points within ``eps`` of one of them; everything else is
**noise** (label -1). Clusters may have any shape, and their number is not given
in advance.
"""

import numpy as np

from .._validation import integer, matrix, positive, validate

__all__ = ["dbscan"]


@validate(X=matrix, eps=positive, min_samples=integer(minimum=1))
def dbscan(X, eps, min_samples=5):
    """Cluster the rows of ``X`` by density; noise gets the label -1.

    Clusters are numbered in the order of their first core point, and a border
    point within reach of two clusters joins the first, as in scikit-learn.

    Parameters
    ----------
    X : array of shape (m, n)
    eps : float > 0
        The neighbourhood radius (a distance of exactly ``eps`` counts).
    min_samples : int >= 1
        Points, the point itself included, that make a neighbourhood dense.

    Returns
    -------
    labels : int array of shape (m,)
    core : bool array of shape (m,)

    Examples
    --------
    >>> labels, core = dbscan([[0.0], [0.5], [1.0], [5.0], [5.4], [9.0]], eps=0.6, min_samples=2)
    >>> labels.tolist(), core.tolist()
    ([0, 0, 0, 1, 1, -1], [True, True, True, True, True, False])
    """
    D2 = ((X[:, None, :] - X[None]) ** 2).sum(-1)
    neighbours = [np.flatnonzero(row <= eps**2) for row in D2]
    core = np.array([len(nb) >= min_samples for nb in neighbours])
    labels, cluster = np.full(len(X), -1), 0
    for start in np.flatnonzero(core):
        if labels[start] != -1:
            continue
        labels[start], stack = cluster, [start]            # grow a new cluster
        while stack:
            point = stack.pop()
            for other in neighbours[point]:
                if labels[other] == -1:
                    labels[other] = cluster
                    if core[other]:                        # a core point reaches on
                        stack.append(other)
        cluster += 1
    return labels, core
