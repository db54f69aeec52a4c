r"""t-SNE: a 2-D map whose neighbours are the data's neighbours (exact, no Barnes–Hut).

t-distributed stochastic neighbour embedding (van der Maaten and Hinton, 2008) turns
the squared distances :math:`d_{ij} = \lVert x_i - x_j\rVert^2` of the rows of ``X``
into joint probabilities

.. math:: p_{j\mid i} = \frac{e^{-d_{ij} / 2\sigma_i^2}}{\sum_{k\ne i} e^{-d_{ik} / 2\sigma_i^2}},
          \qquad p_{ij} = \frac{p_{j\mid i} + p_{i\mid j}}{2m},

each :math:`\sigma_i` found by bisection so that row :math:`i` has the chosen
**perplexity** :math:`2^{H_i}` (:math:`H_i` its entropy in bits), and places points
:math:`y_i` so that the Student-t probabilities

.. math:: q_{ij} = \frac{(1 + \lVert y_i - y_j\rVert^2)^{-1}}
                        {\sum_{k\ne l} (1 + \lVert y_k - y_l\rVert^2)^{-1}}

match them: it minimizes :math:`\mathrm{KL}(P\,\Vert\,Q)` by gradient descent with
momentum, starting from a small random map drawn with ``rng``. Every function is
exact and costs :math:`O(m^2)` memory: for a few thousand points at most.
"""

from typing import NamedTuple

import numpy as np

from .._validation import integer, interval, matrix, positive, rng, size, validate

__all__ = ["Embedding", "squared_distances", "conditional_probabilities", "row_perplexities",
           "joint_probabilities", "embedding_probabilities", "kl_divergence", "kl_gradient",
           "tsne", "trustworthiness"]


class Embedding(NamedTuple):
    """The result of :func:`tsne`: the map and :math:`\\mathrm{KL}(P\\Vert Q)` after each step."""

    Y: np.ndarray
    kl: np.ndarray


def _squared_distances(X):
    """All squared Euclidean distances between the rows of ``X`` (exact for integer data)."""
    norms = (X**2).sum(axis=1)
    return np.maximum(norms[:, None] + norms[None, :] - 2 * X @ X.T, 0)


@validate(X=matrix)
def squared_distances(X):
    r"""The matrix of squared Euclidean distances :math:`\lVert x_i - x_j\rVert^2` between rows.

    Parameters
    ----------
    X : array of shape (m, n)

    Returns
    -------
    array of shape (m, m)

    Examples
    --------
    >>> squared_distances([[0.0, 0.0], [3.0, 4.0]]).tolist()
    [[0.0, 25.0], [25.0, 0.0]]
    """
    return _squared_distances(X)


def _square_distances(args):
    """Relation: ``sq_distances`` is square with at least 3 rows and no negative entry."""
    D = args["sq_distances"]
    if D.shape[0] != D.shape[1] or D.shape[0] < 3:
        raise ValueError(f"sq_distances must be a square matrix of at least 3 x 3 squared "
                         f"distances; got shape {D.shape}")
    if (D < 0).any():
        raise ValueError(f"sq_distances must be >= 0 (squared distances); got {D.min()!r}")


def _perplexity_fits(rows):
    """Relation: ``1 < perplexity < m - 1``, what a row of m - 1 neighbours can reach."""
    def relation(args):
        m = len(args[rows])
        if m < 3:
            raise ValueError(f"{rows} must have at least 3 rows (points); got {m}")
        if not 1 < args["perplexity"] < m - 1:
            raise ValueError(f"perplexity must lie strictly between 1 and m - 1 = {m - 1} "
                             f"for m = {m} points; got {args['perplexity']!r}")
    return relation


_DISTANCES = dict(sq_distances=matrix, perplexity=positive, _=_square_distances,
                  _fits=_perplexity_fits("sq_distances"))


@validate(**_DISTANCES)
def conditional_probabilities(sq_distances, perplexity):
    r"""The rows :math:`p_{\cdot\mid i}` of Gaussian neighbour probabilities at a perplexity.

    Bisection on the precision :math:`\beta_i = 1/2\sigma_i^2` of every row at once
    (doubling or halving until the target is bracketed), until the row's entropy is
    within :math:`10^{-10}` bits of :math:`\log_2` ``perplexity``; the entropy falls as
    :math:`\beta_i` grows. The diagonal of ``sq_distances`` is ignored.

    Parameters
    ----------
    sq_distances : array of shape (m, m)
        Squared distances, m >= 3.
    perplexity : float, 1 < perplexity < m - 1

    Returns
    -------
    P : array of shape (m, m)
        Row i is :math:`p_{j\mid i}`: zero diagonal, rows sum to 1.
    sigma : array of shape (m,)
        The bandwidth :math:`\sigma_i` of every row.

    Examples
    --------
    >>> D = [[0, 1, 1, 2], [1, 0, 2, 1], [1, 2, 0, 1], [2, 1, 1, 0]]   # a unit square
    >>> P, sigma = conditional_probabilities(D, perplexity=2.8717)
    >>> P[0].round(3).tolist()
    [0.0, 0.4, 0.4, 0.2]
    """
    m = len(sq_distances)
    off = ~np.eye(m, dtype=bool)
    D = sq_distances - np.where(off, sq_distances, np.inf).min(axis=1, keepdims=True)
    D[~off] = 0                          # nearest neighbour at 0: no underflow
    scale = D.sum(axis=1) / (m - 1)
    target = np.log2(perplexity)
    beta, low, high = 1 / np.where(scale > 0, scale, 1), np.zeros(m), np.full(m, np.inf)
    for _ in range(200):
        W = np.exp(-beta[:, None] * D) * off
        P = W / W.sum(axis=1, keepdims=True)
        H = (np.log(W.sum(axis=1)) + beta * (P * D).sum(axis=1)) / np.log(2)
        if np.all(np.abs(H - target) < 1e-10):
            break
        flat = H > target                        # too flat: raise the precision
        low, high = np.where(flat, beta, low), np.where(flat, high, beta)
        beta = np.where(np.isinf(high), 2 * beta, (low + high) / 2)
    return P, np.sqrt(1 / (2 * beta))


@validate(P=matrix)
def row_perplexities(P):
    r"""The perplexity :math:`2^{H_i}` of every row of ``P``.

    :math:`H_i = -\sum_j p_{ij}\log_2 p_{ij}` is the row's entropy in bits.

    Parameters
    ----------
    P : array of shape (m, k)
        Rows that are probability distributions.

    Returns
    -------
    array of shape (m,)

    Examples
    --------
    >>> row_perplexities([[0.5, 0.5, 0.0], [0.25, 0.25, 0.5]]).tolist()
    [2.0, 2.8284271247461903]
    """
    logs = np.log2(np.where(P > 0, P, 1))
    return 2 ** -(P * logs).sum(axis=1)


@validate(**_DISTANCES)
def joint_probabilities(sq_distances, perplexity=30.0):
    r"""The symmetric t-SNE probabilities :math:`p_{ij} = (p_{j\mid i} + p_{i\mid j}) / 2m`.

    Parameters
    ----------
    sq_distances : array of shape (m, m)
        Squared distances, m >= 3.
    perplexity : float, 1 < perplexity < m - 1

    Returns
    -------
    array of shape (m, m)
        Symmetric, zero diagonal, entries summing to 1.

    Examples
    --------
    >>> D = [[0, 1, 1, 2], [1, 0, 2, 1], [1, 2, 0, 1], [2, 1, 1, 0]]
    >>> (joint_probabilities(D, perplexity=2.8717) * 40).round(3)[0].tolist()
    [0.0, 4.0, 4.0, 2.0]
    """
    P, _ = conditional_probabilities.__wrapped__(sq_distances, perplexity)
    return (P + P.T) / (2 * len(P))


def _student_t(Y):
    """The kernel :math:`(1 + \\lVert y_i - y_j\\rVert^2)^{-1}` with a zero diagonal."""
    W = 1 / (1 + _squared_distances(Y))
    np.fill_diagonal(W, 0)
    return W


@validate(Y=matrix)
def embedding_probabilities(Y):
    r"""The Student-t probabilities :math:`q_{ij}` of a map ``Y`` (one degree of freedom).

    Parameters
    ----------
    Y : array of shape (m, d)

    Returns
    -------
    array of shape (m, m)
        Symmetric, zero diagonal, entries summing to 1.

    Examples
    --------
    >>> (embedding_probabilities([[0.0], [1.0], [2.0]]) * 24).round(6).tolist()
    [[0.0, 5.0, 2.0], [5.0, 0.0, 5.0], [2.0, 5.0, 0.0]]
    """
    W = _student_t(Y)
    return W / W.sum()


def _same_points(args):
    """Relation: ``P`` is m x m, non-negative, for the m rows of ``Y``."""
    P, m = args["P"], len(args["Y"])
    if P.shape != (m, m):
        raise ValueError(f"P must have shape ({m}, {m}) for the {m} rows of Y; got {P.shape}")
    if (P < 0).any():
        raise ValueError(f"P must be >= 0 (probabilities); got {P.min()!r}")
    if m < 2:
        raise ValueError(f"Y must have at least 2 rows (points); got {m}")


@validate(P=matrix, Y=matrix, _=_same_points)
def kl_divergence(P, Y):
    r"""The t-SNE objective, the Kullback–Leibler divergence of the map's Q from P.

    .. math:: \mathrm{KL}(P\,\Vert\,Q) = \sum_{i\ne j} p_{ij}\log(p_{ij}/q_{ij})

    Natural logarithm; terms with :math:`p_{ij} = 0` count zero; the diagonal of
    ``P`` is ignored.

    Parameters
    ----------
    P : array of shape (m, m)
    Y : array of shape (m, d)

    Returns
    -------
    float

    Examples
    --------
    >>> Y = [[0.0], [1.0], [2.0]]
    >>> kl_divergence(embedding_probabilities(Y), Y)
    0.0
    """
    Q = embedding_probabilities.__wrapped__(Y)
    keep = (P > 0) & ~np.eye(len(P), dtype=bool)
    return float(np.sum(P[keep] * np.log(P[keep] / Q[keep])))


@validate(P=matrix, Y=matrix, _=_same_points)
def kl_gradient(P, Y):
    r"""The gradient of :func:`kl_divergence` with respect to every point of the map.

    .. math:: \frac{\partial\,\mathrm{KL}}{\partial y_i} = 4\sum_j (p_{ij} - q_{ij})
              (y_i - y_j)(1 + \lVert y_i - y_j\rVert^2)^{-1}

    Parameters
    ----------
    P : array of shape (m, m)
        Symmetric.
    Y : array of shape (m, d)

    Returns
    -------
    array of shape (m, d)

    Examples
    --------
    >>> P = np.full((3, 3), 1 / 6) - np.eye(3) / 6          # every pair alike
    >>> kl_gradient(P, [[0.0], [1.0], [2.0]]).round(12).tolist()
    [[-0.05], [0.0], [0.05]]
    """
    return _gradient(P, Y, _student_t(Y))


def _gradient(P, Y, W):
    """The KL gradient with the Student-t kernel ``W`` of ``Y`` already computed."""
    M = (P - W / W.sum()) * W
    return 4 * (M.sum(axis=1, keepdims=True) * Y - M @ Y)


_ITER = integer(minimum=1, maximum=100_000)


_TSNE = dict(X=matrix, n_components=size(), perplexity=positive, n_iter=_ITER,
             learning_rate=positive, early_exaggeration=interval(1, np.inf),
             exaggeration_iter=integer(maximum=100_000), rng=rng, _=_perplexity_fits("X"))


@validate(**_TSNE)
def tsne(X, n_components=2, perplexity=30.0, n_iter=300, learning_rate=50.0,
         early_exaggeration=12.0, exaggeration_iter=100, rng=0):
    r"""Embed the rows of ``X`` by exact t-SNE.

    Gradient descent with momentum 0.5 for the first ``exaggeration_iter`` steps,
    during which :math:`P` is multiplied by ``early_exaggeration`` (the clusters form
    while the map is loose), then momentum 0.8. Each coordinate's step is scaled by a
    gain that grows by 0.2 while the gradient keeps its sign and shrinks by a factor
    0.8 when it flips (at least 0.01), as in the original implementation. The map
    starts as :math:`\mathcal N(0, 10^{-8})` draws from ``rng``.

    Parameters
    ----------
    X : array of shape (m, n)
    n_components : int
    perplexity : float, 1 < perplexity < m - 1
    n_iter : int
    learning_rate : float > 0
    early_exaggeration : float >= 1
    exaggeration_iter : int >= 0
    rng : numpy Generator or int seed

    Returns
    -------
    Embedding
        ``Y`` of shape (m, n_components) and ``kl`` of shape (n_iter + 1,): the
        objective (with the true :math:`P`) at the start and after every step.

    Examples
    --------
    >>> X = [[0.0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10]]
    >>> Y, kl = tsne(X, perplexity=2.0, learning_rate=1.0, rng=0)   # tiny data, small steps
    >>> far = np.linalg.norm(Y[:3].mean(0) - Y[3:].mean(0))
    >>> near = np.linalg.norm(Y[:3] - Y[:3].mean(0), axis=1).max()
    >>> bool(far > 3 * near), bool(kl[-1] < kl[0])
    (True, True)
    """
    P = joint_probabilities.__wrapped__(_squared_distances(X), perplexity)
    P_log_P = float(np.sum(P * np.log(np.where(P > 0, P, 1))))
    Y = 1e-4 * rng.standard_normal((len(X), n_components))
    step, gains, kl = np.zeros_like(Y), np.ones_like(Y), np.empty(n_iter + 1)
    for t in range(n_iter + 1):
        W = _student_t(Y)                        # KL = sum p log p - sum p log q
        kl[t] = P_log_P - np.sum(P * np.log(W + np.eye(len(W)))) + np.log(W.sum())
        if t == n_iter:
            break
        early = t < exaggeration_iter
        grad = _gradient(early_exaggeration * P if early else P, Y, W)
        flipped = np.sign(grad) == np.sign(step)     # the last step overshot
        gains = np.maximum(np.where(flipped, gains * 0.8, gains + 0.2), 0.01)
        step = (0.5 if early else 0.8) * step - learning_rate * gains * grad
        Y = Y + step
    return Embedding(Y, kl)


def _neighbour_count(args):
    """Relation: ``X`` and ``Y`` have the same rows, and ``k < m / 2``."""
    m, k = len(args["X"]), args["k"]
    if len(args["Y"]) != m:
        raise ValueError(f"Y must have one row per row of X ({m}); got {len(args['Y'])}")
    if not k < m / 2:
        raise ValueError(f"k must be less than m / 2 = {m / 2} for m = {m} points; got {k}")


@validate(X=matrix, Y=matrix, k=integer(minimum=1), _=_neighbour_count)
def trustworthiness(X, Y, k=5):
    r"""How far the map's k nearest neighbours are true neighbours in the data (1 is best).

    .. math:: T(k) = 1 - \frac{2}{m k (2m - 3k - 1)} \sum_i \sum_{j \in N_k^Y(i)}
              \max\bigl(0,\, r_{ij} - k\bigr),

    with :math:`N_k^Y(i)` the k nearest neighbours of point i in the map ``Y`` and
    :math:`r_{ij}` the rank of j among i's neighbours in ``X`` (1 for the nearest).
    An intruder that is far away in the data costs by how far.

    Parameters
    ----------
    X : array of shape (m, n)
    Y : array of shape (m, d)
    k : int, k < m / 2

    Returns
    -------
    float in [0, 1]

    Examples
    --------
    >>> X = [[0.0], [1.0], [3.0], [7.0], [15.0]]
    >>> trustworthiness(X, X, k=1)
    1.0
    >>> # swap the 2nd and 3rd points: four nearest neighbours are now 2nd, not 1st, in X
    >>> round(trustworthiness(X, [[0.0], [3.0], [1.0], [7.0], [15.0]], k=1), 4)   # 1 - 8/30
    0.7333
    """
    m = len(X)
    DX, DY = _squared_distances(X), _squared_distances(Y)
    np.fill_diagonal(DX, np.inf)
    np.fill_diagonal(DY, np.inf)
    rank = np.empty((m, m), dtype=int)
    rank[np.arange(m)[:, None], np.argsort(DX, axis=1)] = np.arange(1, m + 1)
    intruders = rank[np.arange(m)[:, None], np.argsort(DY, axis=1)[:, :k]] - k
    return float(1 - 2 / (m * k * (2 * m - 3 * k - 1)) * intruders[intruders > 0].sum())
