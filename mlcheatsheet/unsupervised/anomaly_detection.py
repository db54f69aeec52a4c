r"""Anomaly detection: Gaussian density models with a threshold, and isolation forests.

The density approach of Ng's course notes fits :math:`p(x)` to normal examples and
flags :math:`x` as an anomaly when :math:`p(x) < \varepsilon`, with
:math:`\varepsilon` chosen by :math:`F_1` on a labelled validation set. The
**isolation forest** instead isolates points with random splits: anomalies are
few and different, so they are separated after few splits.
"""

import numpy as np

from .._validation import integer, matrix, rng, validate, vector
from ..classification.metrics import f1

__all__ = ["fit_gaussian", "gaussian_density", "fit_multivariate_gaussian",
           "multivariate_density", "select_threshold", "average_path_length",
           "fit_isolation_forest", "mean_path_length", "isolation_scores"]

_EULER_GAMMA = 0.5772156649015329


def _varying(args):
    if len(args["X"]) < 2 or np.any(args["X"].var(axis=0) == 0):
        raise ValueError("X must have at least 2 rows and no constant column (a zero variance "
                         "makes the density infinite); drop or transform the constant feature")


@validate(X=matrix, _=_varying)
def fit_gaussian(X):
    r"""Per-feature means and variances :math:`\mu_j, \sigma_j^2` (dividing by m, as the notes do).

    Examples
    --------
    >>> mu, var = fit_gaussian([[0.0, 1.0], [2.0, 3.0]])
    >>> mu.tolist(), var.tolist()
    ([1.0, 2.0], [1.0, 1.0])
    """
    return X.mean(axis=0), X.var(axis=0)


def _mu_var(args):
    X, mu, var = args["X"], args["mu"], args["var"]
    if not (mu.shape == var.shape == (X.shape[1],)) or np.any(var <= 0):
        raise ValueError(f"mu and var must have X's {X.shape[1]} columns, var > 0; "
                         f"got shapes {mu.shape} and {var.shape}")


@validate(X=matrix, mu=vector, var=vector, _=_mu_var)
def gaussian_density(X, mu, var):
    r"""The independent-Gaussian density :math:`p(x) = \prod_j \mathcal N(x_j; \mu_j, \sigma_j^2)`.

    Examples
    --------
    >>> round(float(gaussian_density([[0.0]], [0.0], [1.0])[0]), 6)   # 1 / sqrt(2 pi)
    0.398942
    """
    log_p = -0.5 * (np.log(2 * np.pi * var) + (X - mu) ** 2 / var)
    return np.exp(log_p.sum(axis=1))


@validate(X=matrix, _=_varying)
def fit_multivariate_gaussian(X):
    r"""The mean and the covariance :math:`\Sigma = \frac1m \sum_i (x_i - \mu)(x_i - \mu)^\top`.

    Examples
    --------
    >>> mu, Sigma = fit_multivariate_gaussian([[0.0, 0.0], [2.0, 2.0]])
    >>> mu.tolist(), Sigma.tolist()
    ([1.0, 1.0], [[1.0, 1.0], [1.0, 1.0]])
    """
    mu = X.mean(axis=0)
    return mu, (X - mu).T @ (X - mu) / len(X)


def _mu_sigma(args):
    X, mu, S = args["X"], args["mu"], args["Sigma"]
    n = X.shape[1]
    if mu.shape != (n,) or S.shape != (n, n) or not np.allclose(S, S.T):
        raise ValueError(f"mu must have shape ({n},) and Sigma be a symmetric ({n}, {n}) matrix; "
                         f"got {mu.shape} and {S.shape}")
    if np.linalg.eigvalsh(S)[0] <= 1e-12 * np.abs(S).max():
        raise ValueError("Sigma is singular (features are linearly dependent, or m <= n): "
                         "the density is not defined; drop redundant features")


@validate(X=matrix, mu=vector, Sigma=matrix, _=_mu_sigma)
def multivariate_density(X, mu, Sigma):
    r"""The multivariate Gaussian density :math:`\mathcal N(x; \mu, \Sigma)` of every row.

    .. math:: p(x) = (2\pi)^{-n/2} \lvert\Sigma\rvert^{-1/2}
              \exp\bigl(-\tfrac12 (x - \mu)^\top \Sigma^{-1} (x - \mu)\bigr)

    Examples
    --------
    >>> round(float(multivariate_density([[0.0, 0.0]], [0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]])[0]), 6)
    0.159155
    """
    L = np.linalg.cholesky(Sigma)
    z = np.linalg.solve(L, (X - mu).T)                        # L^{-1} (x - mu)
    log_det = 2 * np.log(np.diag(L)).sum()
    n = X.shape[1]
    return np.exp(-0.5 * (n * np.log(2 * np.pi) + log_det + (z**2).sum(axis=0)))


def _validation_set(args):
    p, y = args["p_val"], args["y_val"]
    if p.shape != y.shape or not set(np.unique(y)) <= {0.0, 1.0} or len(np.unique(y)) < 2:
        raise ValueError("y_val must hold 0 (normal) and 1 (anomaly), both present, one per "
                         f"density in p_val; got shapes {p.shape} and {y.shape}")


@validate(p_val=vector, y_val=vector, _=_validation_set)
def select_threshold(p_val, y_val):
    r"""The :math:`\varepsilon` that maximizes :math:`F_1` of "anomaly if p < ε" on a validation set.

    Every distinct density value is tried as the largest one flagged, so the best
    threshold is found exactly (ties: the smallest such ε).

    Parameters
    ----------
    p_val : array of shape (m,)
        Densities of the validation examples.
    y_val : array of shape (m,)
        1 for an anomaly, 0 for a normal example.

    Returns
    -------
    epsilon : float
    best_f1 : float

    Examples
    --------
    >>> select_threshold([0.01, 0.02, 0.5, 0.6, 0.7], [1, 1, 0, 0, 0])
    (0.020000000000000004, 1.0)
    """
    candidates = np.nextafter(np.unique(p_val), np.inf)     # flag p <= each value
    scores = [f1(y_val, (p_val < eps).astype(float)) for eps in candidates]
    best = int(np.argmax(scores))
    return float(candidates[best]), float(scores[best])


def _c(n):
    n = np.asarray(n, dtype=float)
    safe = np.maximum(n, 3.0)
    harmonic = np.log(safe - 1) + _EULER_GAMMA
    return np.where(n <= 1, 0.0, np.where(n == 2, 1.0, 2 * harmonic - 2 * (safe - 1) / safe))


@validate(n=integer(minimum=1))
def average_path_length(n):
    r"""c(n): the average path length of an unsuccessful search in a binary search tree of n keys.

    The isolation forest normalizes path lengths by it:
    :math:`c(n) = 2H(n - 1) - 2(n - 1)/n` with :math:`H(i) \approx \ln i + \gamma`,
    :math:`c(2) = 1`, :math:`c(1) = 0`.

    Examples
    --------
    >>> average_path_length(1), average_path_length(2), round(average_path_length(256), 4)
    (0.0, 1.0, 10.2447)
    """
    return float(_c(n))


def _grow(X, depth, limit, rng, nodes):
    """Grow one isolation tree on ``X``; nodes are [feature, threshold, left, right, size]."""
    here = len(nodes)
    nodes.append([-1, 0.0, -1, -1, len(X)])
    spread = X.max(axis=0) - X.min(axis=0)
    if depth >= limit or len(X) <= 1 or not np.any(spread > 0):
        return here                                             # a leaf
    q = rng.choice(np.flatnonzero(spread > 0))                  # a random varying feature
    p = rng.uniform(X[:, q].min(), X[:, q].max())               # a random split value
    go_left = X[:, q] < p
    left = _grow(X[go_left], depth + 1, limit, rng, nodes)
    right = _grow(X[~go_left], depth + 1, limit, rng, nodes)
    nodes[here][:4] = [q, p, left, right]
    return here


def _samples(args):
    if args["max_samples"] > len(args["X"]):
        args["max_samples"] = len(args["X"])
    return {"max_samples": args["max_samples"]}


@validate(X=matrix, n_trees=integer(minimum=1, maximum=10_000),
          max_samples=integer(minimum=2, maximum=2**20), rng=rng, _=_samples)
def fit_isolation_forest(X, n_trees=100, max_samples=256, rng=0):
    r"""An isolation forest: ``n_trees`` random trees, each on ``max_samples`` points.

    Each tree splits a random subsample on a random feature at a random value
    until every point is alone or the depth reaches :math:`\lceil \log_2 \psi \rceil`
    (:math:`\psi` = ``max_samples``, at most the number of rows).

    Returns
    -------
    forest : dict
        ``trees`` (a list of node arrays), ``max_samples`` and ``n_features``.

    Examples
    --------
    >>> forest = fit_isolation_forest([[0.0], [0.1], [0.2], [5.0]], n_trees=50, max_samples=4)
    >>> scores = isolation_scores(forest, [[0.1], [5.0]])
    >>> bool(scores[1] > scores[0])
    True
    """
    limit = int(np.ceil(np.log2(max_samples)))
    trees = []
    for _ in range(n_trees):
        sample = X[rng.choice(len(X), size=max_samples, replace=False)]
        nodes = []
        _grow(sample, 0, limit, rng, nodes)
        trees.append(np.array(nodes, dtype=float))
    return {"trees": trees, "max_samples": max_samples, "n_features": X.shape[1]}


def _forest(value, name):
    if not (isinstance(value, dict) and {"trees", "max_samples", "n_features"} <= set(value)):
        raise TypeError(f"{name} must be a forest from fit_isolation_forest; "
                        f"got {type(value).__name__}")
    return value


_forest.kind = "model"


def _path_lengths(tree, X):
    """h(x): the depth at which each row lands in a leaf, plus c(size of that leaf)."""
    node, depth = np.zeros(len(X), dtype=int), np.zeros(len(X))
    while True:
        inner = tree[node, 0] >= 0
        if not inner.any():
            return depth + _c(tree[node, 4])
        feature = tree[node[inner], 0].astype(int)
        left = X[inner, feature] < tree[node[inner], 1]
        node[inner] = np.where(left, tree[node[inner], 2], tree[node[inner], 3]).astype(int)
        depth[inner] += 1


def _forest_width(args):
    n = args["forest"]["n_features"]
    if args["X"].shape[1] != n:
        raise ValueError(f"X must have {n} columns, as the forest's data; got shape {args['X'].shape}")


@validate(forest=_forest, X=matrix, _=_forest_width)
def mean_path_length(forest, X):
    r"""E[h(x)]: the path length of each row of ``X``, averaged over the trees.

    Examples
    --------
    >>> forest = fit_isolation_forest([[0.0], [1.0], [2.0], [9.0]], n_trees=30, max_samples=4)
    >>> h = mean_path_length(forest, [[1.0], [9.0]])
    >>> bool(h[1] < h[0])
    True
    """
    return np.mean([_path_lengths(tree, X) for tree in forest["trees"]], axis=0)


@validate(forest=_forest, X=matrix, _=_forest_width)
def isolation_scores(forest, X):
    r"""The anomaly score :math:`s(x) = 2^{-E[h(x)] / c(\psi)}`: near 1 for anomalies.

    Points with scores well below 0.5 are normal; :math:`\psi` is the subsample size.

    Examples
    --------
    >>> forest = fit_isolation_forest([[0.0], [1.0], [2.0], [3.0]], n_trees=10, max_samples=4)
    >>> bool(np.all((isolation_scores(forest, [[1.5], [9.0]]) > 0)))
    True
    """
    return 2.0 ** (-mean_path_length.__wrapped__(forest, X) / _c(forest["max_samples"]))
