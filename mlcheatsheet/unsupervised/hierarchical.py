r"""Agglomerative hierarchical clustering: single, complete, average and Ward linkage.

Start with every point its own cluster; repeatedly merge the two closest clusters
until one is left. The **linkage** says what "closest" means between clusters
:math:`A` and :math:`B`: the closest pair of points (single), the farthest pair
(complete), the mean distance over all pairs (average), or the increase in the
within-cluster sum of squares (Ward). The sequence of merges is the **merge
table** a dendrogram draws, in SciPy's format.
"""

import numpy as np

from .._validation import integer, matrix, options, validate

__all__ = ["LINKAGES", "linkage", "cut"]


def _lance_williams(method, d_ki, d_kj, d_ij, n_i, n_j, n_k):
    """Distance from every cluster k to the merge of i and j, from the old distances."""
    if method == "single":
        return np.minimum(d_ki, d_kj)
    if method == "complete":
        return np.maximum(d_ki, d_kj)
    if method == "average":
        return (n_i * d_ki + n_j * d_kj) / (n_i + n_j)
    total = n_i + n_j + n_k                                            # Ward
    return np.sqrt(((n_i + n_k) * d_ki**2 + (n_j + n_k) * d_kj**2 - n_k * d_ij**2) / total)


#: The linkages :func:`linkage` knows.
LINKAGES = ("single", "complete", "average", "ward")


def _two_points(args):
    if len(args["X"]) < 2:
        raise ValueError(f"X must have at least 2 rows to merge; got {len(args['X'])}")


@validate(X=matrix, method=options(*LINKAGES), _=_two_points)
def linkage(X, method="single"):
    r"""The merge table of agglomerative clustering, row by row as SciPy's ``linkage`` gives it.

    Parameters
    ----------
    X : array of shape (m, n), m >= 2
    method : {"single", "complete", "average", "ward"}

    Returns
    -------
    Z : array of shape (m - 1, 4)
        Row ``t`` merges clusters ``Z[t, 0] < Z[t, 1]`` at distance ``Z[t, 2]`` into a
        cluster of ``Z[t, 3]`` points, numbered ``m + t``; points are clusters 0 to m - 1.

    Notes
    -----
    After merging :math:`i` and :math:`j`, the distance to any other cluster :math:`k`
    follows from the old ones (Lance and Williams); for Ward, with sizes :math:`n`,

    .. math:: d(k, i \cup j)^2 = \frac{(n_i + n_k) d_{ki}^2 + (n_j + n_k) d_{kj}^2
              - n_k d_{ij}^2}{n_i + n_j + n_k} .

    Examples
    --------
    >>> linkage([[0.0], [1.0], [5.0]], "single").tolist()
    [[0.0, 1.0, 1.0, 2.0], [2.0, 3.0, 4.0, 3.0]]
    """
    m = len(X)
    D = np.sqrt(np.maximum(((X[:, None, :] - X[None]) ** 2).sum(-1), 0.0))
    np.fill_diagonal(D, np.inf)
    ids, sizes, Z = np.arange(m), np.ones(m), np.zeros((m - 1, 4))
    for t in range(m - 1):
        i, j = sorted(np.unravel_index(np.argmin(D), D.shape))  # the closest pair
        Z[t] = [*sorted([ids[i], ids[j]]), D[i, j], sizes[i] + sizes[j]]
        new = _lance_williams(method, D[i], D[j], D[i, j], sizes[i], sizes[j], sizes)
        D[i], D[:, i] = new, new                                 # i becomes the merge
        D[i, i], D[j], D[:, j] = np.inf, np.inf, np.inf          # and j leaves
        ids[i], sizes[i] = m + t, sizes[i] + sizes[j]
    return Z


def _table(args):
    Z = args["Z"]
    if Z.ndim != 2 or Z.shape[1] != 4 or args["k"] > len(Z) + 1:
        raise ValueError(f"Z must be a merge table of shape (m - 1, 4) and k at most m; "
                         f"got shape {Z.shape} and k={args['k']}")


@validate(Z=matrix, k=integer(minimum=1), _=_table)
def cut(Z, k):
    """Cut the dendrogram into ``k`` clusters: undo the last ``k - 1`` merges.

    Parameters
    ----------
    Z : array of shape (m - 1, 4), from :func:`linkage`
    k : int, 1 <= k <= m

    Returns
    -------
    labels : int array of shape (m,), in 0 .. k - 1
        Clusters numbered in the order of their first point.

    Examples
    --------
    >>> cut(linkage([[0.0], [1.0], [5.0], [6.0]]), 2).tolist()
    [0, 0, 1, 1]
    """
    m = len(Z) + 1
    parent = np.arange(2 * m - 1)
    for t, (a, b, *_) in enumerate(Z[: m - k]):                 # the first m - k merges
        parent[int(a)] = parent[int(b)] = m + t
    root = np.arange(m)
    for _ in range(m):                                          # follow to the top
        root = np.where(parent[root] != root, parent[root], root)
    _, first, which = np.unique(root, return_index=True, return_inverse=True)
    return np.argsort(np.argsort(first))[which]                 # by first point
