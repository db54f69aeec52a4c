r"""k-means clustering: Lloyd's algorithm, k-means++, restarts, mini-batches, choosing K.

k-means looks for :math:`K` centroids :math:`\mu_1, \dots, \mu_K` that minimize the
**distortion** (scikit-learn calls it *inertia*)

.. math:: J(c, \mu) = \sum_{i=1}^m \lVert x^{(i)} - \mu_{c^{(i)}} \rVert^2 ,

by alternating two steps that each can only lower :math:`J`: assign every point to
its nearest centroid, then move every centroid to the mean of its points.
Points are the rows of ``X``; every random choice goes through ``rng``.
"""

import numpy as np

from .._validation import integer, matrix, rng, validate

__all__ = ["distortion", "kmeans_plusplus", "lloyd", "kmeans", "minibatch_kmeans",
           "bisecting_kmeans", "silhouette_samples", "silhouette_score", "elbow",
           "variance_explained"]

_K = integer(minimum=1)
_ITER = integer(minimum=1, maximum=100_000)
_BATCH = integer(minimum=1, maximum=100_000)


def _k_at_most_distinct(args):
    """Relation: ``k`` is at most the number of distinct rows of ``X``."""
    distinct = len(np.unique(args["X"], axis=0))
    if args["k"] > distinct:
        raise ValueError(f"k must be at most the number of distinct points in X ({distinct}); "
                         f"got k={args['k']}")


def _same_columns(args):
    """Relation: ``centroids`` has as many columns as ``X`` and at most as many rows."""
    X, C = args["X"], args["centroids"]
    if C.shape[1] != X.shape[1] or len(C) > len(X):
        raise ValueError(f"centroids must have shape (k, {X.shape[1]}) with k <= {len(X)}; "
                         f"got {C.shape}")


def _squared_distances(X, centroids):
    """Squared Euclidean distance from every row of ``X`` to every centroid.

    Parameters
    ----------
    X : array of shape (m, n)
    centroids : array of shape (k, n)

    Returns
    -------
    array of shape (m, k)

    Examples
    --------
    >>> _squared_distances(np.array([[0.0, 0.0], [3.0, 4.0]]), np.array([[0.0, 0.0]])).tolist()
    [[0.0], [25.0]]
    """
    d = (X**2).sum(1)[:, None] - 2 * X @ centroids.T + (centroids**2).sum(1)[None, :]
    return np.maximum(d, 0.0)


@validate(X=matrix, centroids=matrix, _=_same_columns)
def distortion(X, centroids):
    """The distortion J: the sum of squared distances from each point to its nearest centroid.

    Parameters
    ----------
    X : array of shape (m, n)
    centroids : array of shape (k, n)

    Returns
    -------
    float

    Examples
    --------
    >>> distortion([[0, 0], [2, 0], [10, 0]], [[1, 0], [10, 0]])
    2.0
    """
    return float(_squared_distances(X, centroids).min(axis=1).sum())


@validate(X=matrix, k=_K, rng=rng, _=_k_at_most_distinct)
def kmeans_plusplus(X, k, rng=0):
    """Greedy k-means++ seeding: each new centroid drawn with probability ∝ D(x)².

    As in scikit-learn, each step draws ``2 + ln k`` candidates and keeps the one
    that lowers the distortion most.

    Parameters
    ----------
    X : array of shape (m, n)
    k : int, at most the number of distinct rows of X
    rng : numpy.random.Generator or int

    Returns
    -------
    array of shape (k, n)
        Rows of ``X`` chosen as initial centroids.

    Examples
    --------
    >>> kmeans_plusplus([[0, 0], [0, 1], [9, 9]], 2, rng=0).shape
    (2, 2)
    """
    trials = 2 + int(np.log(k))
    centroids = [X[rng.integers(len(X))]]
    d2 = _squared_distances(X, np.array(centroids))[:, 0]
    for _ in range(1, k):
        p = d2 / d2.sum()
        candidates = rng.choice(len(X), size=trials, p=p)
        new_d2 = np.minimum(d2[:, None], _squared_distances(X, X[candidates]))
        best = np.argmin(new_d2.sum(axis=0))
        centroids.append(X[candidates[best]])
        d2 = new_d2[:, best]
    return np.array(centroids)


@validate(X=matrix, centroids=matrix, max_iter=_ITER, _=_same_columns)
def lloyd(X, centroids, max_iter=300):
    """Lloyd's algorithm from given centroids, until no assignment changes.

    A centroid that loses all its points stays where it is.

    Parameters
    ----------
    X : array of shape (m, n)
    centroids : array of shape (k, n)
        The starting centroids.
    max_iter : int

    Returns
    -------
    labels : int array of shape (m,)
    centroids : array of shape (k, n)
    history : list of float
        The distortion after each assignment step; it never increases.

    Examples
    --------
    >>> labels, mu, J = lloyd([[0, 0], [0, 2], [9, 9], [9, 11]], [[0, 0], [0, 2]])
    >>> labels.tolist(), mu.tolist(), J
    ([0, 0, 1, 1], [[0.0, 1.0], [9.0, 10.0]], [292.0, 38.22222222222223, 4.0])
    """
    k, labels, history = len(centroids), None, []
    offset = X.mean(axis=0)                    # centre: distances ignore a shift, and
    X, centroids = X - offset, centroids - offset          # small ||x||^2 keeps digits
    X1, columns, xx = np.c_[X, np.ones(len(X))], X.T.copy(), float((X**2).sum())
    for _ in range(max_iter):
        mm = (centroids**2).sum(axis=1)
        # assignment step: argmin_j ||x - mu_j||^2 = argmin_j (||mu_j||^2 - 2 x.mu_j)
        new = (X1 @ np.r_[-2 * centroids.T, [mm]]).argmin(axis=1)
        counts = np.bincount(new, minlength=k)
        sums = np.array([np.bincount(new, weights=x, minlength=k) for x in columns]).T
        # J = sum_i ||x_i||^2 - 2 sum_j mu_j . (sum of its x) + sum_j n_j ||mu_j||^2
        J = xx - 2 * float((sums * centroids).sum()) + float(counts @ mm)
        history.append(max(J, 0.0))
        if labels is not None and np.array_equal(new, labels):
            break
        labels, moved = new, counts > 0        # move-centroid step: each group's mean
        centroids[moved] = sums[moved] / counts[moved, None]
    return labels, centroids + offset, history


@validate(X=matrix, k=_K, n_init=_ITER, max_iter=_ITER, rng=rng, _=_k_at_most_distinct)
def kmeans(X, k, n_init=10, max_iter=300, rng=0):
    """k-means with k-means++ seeding, restarted ``n_init`` times; the lowest distortion wins.

    Parameters
    ----------
    X : array of shape (m, n)
    k : int, at most the number of distinct rows of X
    n_init : int
        Number of restarts.
    max_iter : int
        Lloyd iterations per restart.
    rng : numpy.random.Generator or int

    Returns
    -------
    labels : int array of shape (m,)
    centroids : array of shape (k, n)
    history : list of float
        The distortion history of the winning restart.

    Examples
    --------
    >>> X = [[0, 0], [0, 1], [10, 0], [10, 1]]
    >>> labels, mu, J = kmeans(X, 2, n_init=3, rng=0)
    >>> sorted(mu.tolist()), J[-1]
    ([[0.0, 0.5], [10.0, 0.5]], 1.0)
    """
    seed, run = kmeans_plusplus.__wrapped__, lloyd.__wrapped__
    runs = [run(X, seed(X, k, rng), max_iter) for _ in range(n_init)]
    return min(runs, key=lambda run: run[2][-1])


@validate(_k_at_most_distinct, X=matrix, k=_K, batch_size=_BATCH, n_iter=_ITER, rng=rng)
def minibatch_kmeans(X, k, batch_size=100, n_iter=100, rng=0):
    r"""Mini-batch k-means (Sculley, 2010): each centroid moves with step 1/(its count).

    Start from k-means++ seeds; then ``n_iter`` times draw ``batch_size`` points
    (with replacement), assign each to its nearest centroid, and move each centroid
    towards its points with the per-centre learning rate :math:`\eta = 1/v_j`, where
    :math:`v_j` counts every point ever assigned to centroid :math:`j`:

    .. math:: \mu_j \leftarrow (1 - \eta)\,\mu_j + \eta\, x .

    With the assignments of a batch fixed, these one-point updates add up to one
    step: the running mean of all points the centroid has seen,
    :math:`\mu_j \leftarrow (v_j \mu_j + \sum_{x \to j} x) / (v_j + n_j)`.

    Parameters
    ----------
    X : array of shape (m, n)
    k : int, at most the number of distinct rows of X
    batch_size : int
    n_iter : int
        Number of mini-batches.
    rng : numpy.random.Generator or int

    Returns
    -------
    labels : int array of shape (m,)
        The nearest final centroid of every point.
    centroids : array of shape (k, n)
    history : list of float
        Each batch's estimate of the distortion J (m times its mean squared distance
        to the centroids before the update).

    Examples
    --------
    >>> X = [[0, 0], [0, 1], [10, 0], [10, 1]]
    >>> labels, mu, J = minibatch_kmeans(X, 2, batch_size=4, n_iter=50, rng=0)
    >>> sorted(mu.round(1).tolist()), len(J)
    ([[0.0, 0.5], [10.0, 0.5]], 50)
    """
    centroids = kmeans_plusplus.__wrapped__(X, k, rng).astype(float)
    seen, history = np.zeros(k), []
    for _ in range(n_iter):
        batch = X[rng.integers(len(X), size=batch_size)]
        d2 = _squared_distances(batch, centroids)
        nearest = d2.argmin(axis=1)                 # cached before any centroid moves
        history.append(len(X) * float(d2.min(axis=1).mean()))
        n = np.bincount(nearest, minlength=k)
        sums = np.array([np.bincount(nearest, x, k) for x in batch.T]).T
        seen += n                          # v_j, then the running mean (eta = 1/v_j):
        hit = n > 0                        # mu_j += (sum of its x - n_j mu_j) / v_j
        centroids[hit] += (sums[hit] - n[hit, None] * centroids[hit]) / seen[hit, None]
    return _squared_distances(X, centroids).argmin(axis=1), centroids, history


def _sse(A):
    """The sum of squared distances of the rows of ``A`` to their mean."""
    return float(((A - A.mean(axis=0)) ** 2).sum())


@validate(X=matrix, k=_K, n_init=_ITER, rng=rng, _=_k_at_most_distinct)
def bisecting_kmeans(X, k, n_init=3, rng=0):
    """Bisecting k-means: split one cluster in two with 2-means until there are ``k``.

    As Ng's course notes describe it: start with one cluster; at each step try a
    2-means split of every cluster and keep the split that lowers the distortion most.

    Parameters
    ----------
    X : array of shape (m, n)
    k : int, at most the number of distinct rows of X
    n_init : int
        Restarts of each 2-means split.
    rng : numpy.random.Generator or int

    Returns
    -------
    labels : int array of shape (m,)
    centroids : array of shape (k, n)
    history : list of float
        The distortion after each split (k values, the first for one cluster).

    Examples
    --------
    >>> X = [[0, 0], [0, 1], [10, 0], [10, 1], [30, 0], [30, 1]]
    >>> labels, mu, J = bisecting_kmeans(X, 3, rng=0)
    >>> sorted(mu.tolist()), J
    ([[0.0, 0.5], [10.0, 0.5], [30.0, 0.5]], [934.8333333333333, 101.5, 1.5])
    """
    fit, labels, history = kmeans.__wrapped__, np.zeros(len(X), dtype=int), [_sse(X)]
    for new in range(1, k):
        best = None
        for c in range(new):                                 # try to split each cluster
            members = np.flatnonzero(labels == c)
            if len(np.unique(X[members], axis=0)) < 2:
                continue
            halves, _, J = fit(X[members], 2, n_init, 300, rng)
            gain = _sse(X[members]) - J[-1]                  # what the split saves
            if best is None or gain > best[0]:
                best = (gain, members, halves)
        gain, members, halves = best
        labels[members[halves == 1]] = new
        history.append(history[-1] - gain)
    centroids = np.array([X[labels == c].mean(axis=0) for c in range(k)])
    return labels, centroids, history


def _labels_fit(args):
    """Relation: one integer label per row of ``X``, with at least two clusters."""
    labels, X = np.asarray(args["labels"]), args["X"]
    if labels.shape != (len(X),) or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"labels must be {len(X)} integers, one per row of X; "
                         f"got shape {labels.shape}, dtype {labels.dtype}")
    if not 2 <= len(np.unique(labels)) < len(X):
        raise ValueError("labels must name at least 2 clusters and fewer than the number of "
                         f"points; got {len(np.unique(labels))}")
    return {"labels": labels}


@validate(X=matrix, _=_labels_fit)
def silhouette_samples(X, labels):
    """The silhouette s = (b - a) / max(a, b) of every point, in [-1, 1].

    ``a`` is the mean distance to the other points of its own cluster, ``b`` the
    smallest mean distance to the points of another cluster; a point alone in its
    cluster gets 0.

    Parameters
    ----------
    X : array of shape (m, n)
    labels : int array of shape (m,)

    Returns
    -------
    array of shape (m,)

    Examples
    --------
    >>> silhouette_samples([[0.0], [1.0], [10.0], [11.0]], [0, 0, 1, 1]).round(3).tolist()
    [0.905, 0.895, 0.895, 0.905]
    """
    D = np.sqrt(_squared_distances(X, X))
    names, idx = np.unique(labels, return_inverse=True)
    onehot = np.eye(len(names))[idx]
    size = onehot.sum(axis=0)
    mean_to = D @ onehot / size                          # mean distance to each cluster
    own = size[idx]
    a = (mean_to[np.arange(len(X)), idx] * own) / np.maximum(own - 1, 1)
    mean_to[np.arange(len(X)), idx] = np.inf
    b = mean_to.min(axis=1)
    s = (b - a) / np.maximum(a, b)
    return np.where(own > 1, s, 0.0)


@validate(X=matrix, _=_labels_fit)
def silhouette_score(X, labels):
    """The mean silhouette over all points: one number per clustering, higher is better.

    Parameters
    ----------
    X : array of shape (m, n)
    labels : int array of shape (m,)

    Returns
    -------
    float

    Examples
    --------
    >>> round(silhouette_score([[0.0], [1.0], [10.0], [11.0]], [0, 0, 1, 1]), 3)
    0.9
    """
    return float(silhouette_samples.__wrapped__(X, labels).mean())


@validate(X=matrix, k=_K, n_init=_ITER, rng=rng, _=_k_at_most_distinct)
def elbow(X, k, n_init=10, rng=0):
    """The best distortion found for each K = 1, ..., ``k`` (for the elbow plot).

    Parameters
    ----------
    X : array of shape (m, n)
    k : int, the largest K; at most the number of distinct rows of X
    n_init : int
    rng : numpy.random.Generator or int

    Returns
    -------
    array of shape (k,)

    Examples
    --------
    >>> elbow([[0, 0], [0, 1], [10, 0], [10, 1]], 3, rng=0).tolist()
    [101.0, 1.0, 0.5]
    """
    fit = kmeans.__wrapped__
    return np.array([fit(X, j, n_init, 300, rng)[2][-1] for j in range(1, k + 1)])


def _not_constant(args):
    """Relation: ``X`` has at least two distinct rows (else there is no variance to explain)."""
    if len(np.unique(args["X"], axis=0)) < 2:
        raise ValueError("X must have at least two distinct rows; all its rows are equal")


@validate(_k_at_most_distinct, _not_constant, X=matrix, k=_K, n_init=_ITER, rng=rng)
def variance_explained(X, k, n_init=10, rng=0):
    """The share of the total sum of squares the best K clusters explain, K = 1, ..., ``k``.

    ``1 - J(K) / J(1)``: the between-cluster sum of squares over the total; it is 0
    at K = 1 and grows towards 1. The elbow method reads its bend.

    Parameters
    ----------
    X : array of shape (m, n)
    k : int, the largest K; at most the number of distinct rows of X
    n_init : int
    rng : numpy.random.Generator or int

    Returns
    -------
    array of shape (k,)

    Examples
    --------
    >>> variance_explained([[0, 0], [0, 1], [10, 0], [10, 1]], 2, rng=0).round(4).tolist()
    [0.0, 0.9901]
    """
    J = elbow.__wrapped__(X, k, n_init, rng)
    return 1 - J / J[0]
