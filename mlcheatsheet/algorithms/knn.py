r"""k-nearest neighbours for classification and regression.

There is nothing to fit: a prediction for a query point looks up the ``k``
training points closest to it and takes a (possibly distance-weighted) vote of
their labels, or the weighted mean of their targets.

Distances are computed as a matrix, ``chunk_size`` query rows at a time, so
memory stays bounded (``chunk_size × n_train`` floats) whatever the number of
queries. Metrics: ``"euclidean"`` (:math:`\lVert a - b\rVert_2`, via
:math:`\lVert a\rVert^2 - 2a^Tb + \lVert b\rVert^2`), ``"manhattan"``
(:math:`\sum_j |a_j - b_j|`) and ``"cosine"`` (:math:`1 - \cos\theta`).
Weights: ``"uniform"`` or ``"distance"`` (:math:`1/d`; a query that coincides with
training points takes their labels only). Conventions are scikit-learn's
(``KNeighborsClassifier(algorithm="brute")``): among equally distant neighbours
the lower training index comes first, and a tied vote goes to the lowest label.
"""

import numpy as np

from .._validation import integer, matrix, options, same_length, validate, vector

__all__ = ["pairwise_distances", "kneighbors", "knn_classify", "knn_regress"]

METRICS = ("euclidean", "manhattan", "cosine")


def _same_width(args):
    a = args.get("A", args.get("X_train"))
    b = args.get("B", args.get("X"))
    if a.shape[1] != b.shape[1]:
        name_a, name_b = ("A", "B") if "A" in args else ("X_train", "X")
        raise ValueError(f"{name_a} and {name_b} must have the same number of columns; "
                         f"got {a.shape[1]} and {b.shape[1]}")


def _check_k(args):
    _same_width(args)
    if args["k"] > args["X_train"].shape[0]:
        raise ValueError(f"k must be at most the number of training samples "
                         f"({args['X_train'].shape[0]}); got {args['k']}")


def _check_cosine(args):
    if args["metric"] == "cosine":
        for name in ("A", "B", "X_train", "X"):
            if name in args and np.any(np.all(args[name] == 0, axis=1)):
                raise ValueError(f"{name} has an all-zero row: its cosine distance is undefined")


def _distances(A, B, metric):
    if metric == "euclidean":
        sq = (A**2).sum(1)[:, None] - 2 * A @ B.T + (B**2).sum(1)[None, :]
        return np.sqrt(np.maximum(sq, 0.0))
    if metric == "manhattan":
        return np.abs(A[:, None, :] - B[None, :, :]).sum(axis=2)
    A_unit = A / np.linalg.norm(A, axis=1, keepdims=True)
    B_unit = B / np.linalg.norm(B, axis=1, keepdims=True)
    return np.maximum(1.0 - A_unit @ B_unit.T, 0.0)


def _pair_checks(args):
    _same_width(args)
    _check_cosine(args)


@validate(A=matrix, B=matrix, metric=options(*METRICS), _=_pair_checks)
def pairwise_distances(A, B, metric="euclidean"):
    """The ``(len(A), len(B))`` matrix of distances between the rows of ``A`` and ``B``.

    Examples
    --------
    >>> pairwise_distances([[0.0, 0.0]], [[3.0, 4.0], [1.0, 0.0]]).tolist()
    [[5.0, 1.0]]
    >>> pairwise_distances([[0.0, 0.0]], [[3.0, 4.0]], metric="manhattan").tolist()
    [[7.0]]
    """
    return _distances(A, B, metric)


def _k_smallest(D, k):
    """Column indices of the k smallest entries of each row, nearest first, ties: lower index.

    A partial sort (``argpartition``, linear time) finds them; a row where more than k
    entries tie with the k-th smallest is sorted fully, so the lower indices win the tie.
    """
    if k >= D.shape[1]:
        return np.argsort(D, axis=1, kind="stable")[:, :k]
    part = np.argpartition(D, k - 1, axis=1)[:, :k]
    values = np.take_along_axis(D, part, axis=1)
    order = np.lexsort((part, values), axis=-1)                  # by distance, then index
    nearest = np.take_along_axis(part, order, axis=1)
    kth = values.max(axis=1, keepdims=True)
    tied = np.count_nonzero(D <= kth, axis=1) > k                # the k-th place is shared
    if tied.any():
        nearest[tied] = np.argsort(D[tied], axis=1, kind="stable")[:, :k]
    return nearest


def _kneighbors(X_train, X, k, metric, chunk_size):
    """Distances and indices of the k nearest training rows, chunk by chunk."""
    dist = np.empty((X.shape[0], k))
    index = np.empty((X.shape[0], k), dtype=np.int64)
    for start in range(0, X.shape[0], chunk_size):
        D = _distances(X[start:start + chunk_size], X_train, metric)
        nearest = _k_smallest(D, k)
        index[start:start + chunk_size] = nearest
        dist[start:start + chunk_size] = np.take_along_axis(D, nearest, axis=1)
    return dist, index


_queries = dict(X_train=matrix, X=matrix, k=integer(1), metric=options(*METRICS),
                chunk_size=integer(1))


@validate(**_queries, _=lambda a: (_check_k(a), _check_cosine(a))[0])
def kneighbors(X_train, X, k=5, metric="euclidean", chunk_size=1024):
    """Distances to, and indices of, the ``k`` training rows nearest each row of ``X``.

    Examples
    --------
    >>> d, i = kneighbors([[0.0], [1.0], [5.0]], [[0.9]], k=2)
    >>> d.round(3).tolist(), i.tolist()
    ([[0.1, 0.9]], [[1, 0]])
    """
    return _kneighbors(X_train, X, k, metric, chunk_size)


def _weights(dist, weights):
    if weights == "uniform":
        return np.ones_like(dist)
    with np.errstate(divide="ignore"):
        w = 1.0 / dist
    exact = np.isinf(w)
    rows = exact.any(axis=1)
    w[rows] = exact[rows]                # a query on training points: those points only
    return w


def _with_targets(args):
    _check_k(args)
    _check_cosine(args)
    same_length("X_train", "y_train")(args)


_labelled = dict(_queries, y_train=vector, weights=options("uniform", "distance"))


@validate(**_labelled, _=_with_targets)
def knn_classify(X_train, y_train, X, k=5, metric="euclidean", weights="uniform",
                 chunk_size=1024):
    r"""The (weighted) majority label of the ``k`` nearest training points.

    .. math:: \hat y(x) = \arg\max_c \sum_{i \in N_k(x)} w_i\,[y_i = c]

    Examples
    --------
    >>> X_train = [[0.0], [1.0], [2.0], [10.0], [11.0]]
    >>> knn_classify(X_train, [0, 0, 0, 1, 1], [[1.5], [9.0]], k=3).tolist()
    [0.0, 1.0]
    """
    dist, index = _kneighbors(X_train, X, k, metric, chunk_size)
    classes, codes = np.unique(y_train, return_inverse=True)
    votes = np.zeros((X.shape[0], classes.size))
    rows = np.arange(X.shape[0])[:, None]
    np.add.at(votes, (rows, codes[index]), _weights(dist, weights))   # votes[q, c] += w
    return classes[np.argmax(votes, axis=1)]


@validate(**_labelled, _=_with_targets)
def knn_regress(X_train, y_train, X, k=5, metric="euclidean", weights="uniform",
                chunk_size=1024):
    r"""The (weighted) mean target of the ``k`` nearest training points.

    Examples
    --------
    >>> knn_regress([[0.0], [1.0], [5.0]], [1.0, 3.0, 100.0], [[0.4]], k=2).tolist()
    [2.0]
    """
    dist, index = _kneighbors(X_train, X, k, metric, chunk_size)
    w = _weights(dist, weights)
    return np.sum(w * y_train[index], axis=1) / np.sum(w, axis=1)
