r"""Collaborative filtering by low-rank matrix factorization, fitted by alternating least squares.

Ratings form a matrix :math:`Y` of shape (items, users) of which only some entries
are observed (:math:`r(i, j) = 1`). Collaborative filtering learns a feature vector
:math:`x^{(i)} \in \mathbb R^r` for every item and a preference vector
:math:`\theta^{(j)}` for every user so that :math:`(\theta^{(j)})^\top x^{(i)}`
predicts the observed ratings, minimizing

.. math:: J = \frac12 \sum_{r(i,j)=1} \bigl((\theta^{(j)})^\top x^{(i)} - y^{(i,j)}\bigr)^2
          + \frac\lambda2 \sum_i \lVert x^{(i)} \rVert^2
          + \frac\lambda2 \sum_j \lVert \theta^{(j)} \rVert^2 .

With :math:`\Theta` fixed, each :math:`x^{(i)}` is a ridge regression on the users
who rated item :math:`i`; with :math:`X` fixed, the same holds for each
:math:`\theta^{(j)}`. Alternating the two exact solves never raises :math:`J`.

A recommendation is then a ranking: :func:`top_n` lists, for every user, the items
they have not rated with the highest predicted ratings.
"""

import numpy as np

from .._validation import array, integer, matrix, nonnegative, rng, validate

__all__ = ["mean_normalize", "als", "predict", "cost", "top_n"]

_mask = array(ndim=2, bool_ok=True)


def _ratings(args):
    Y, R = args["Y"], args["R"]
    if R.shape != Y.shape or not np.isin(R, (0.0, 1.0)).all():
        raise ValueError(f"R must be a 0/1 mask of observed entries with Y's shape {Y.shape}; "
                         f"got shape {R.shape}")
    unrated = np.flatnonzero(R.sum(axis=1) == 0)
    if unrated.size:
        raise ValueError(f"item {int(unrated[0])} has no rating at all (row {int(unrated[0])} "
                         "of R is all zero): its mean, and any prediction for it, is undefined")
    return {"R": R.astype(bool)}


@validate(Y=matrix, R=_mask, _=_ratings)
def mean_normalize(Y, R):
    r"""Subtract each item's mean observed rating, so that a user with no ratings is predicted the mean.

    Parameters
    ----------
    Y : array of shape (n_items, n_users)
        Ratings; entries where ``R`` is 0 are ignored.
    R : 0/1 array of shape (n_items, n_users)
        Which entries are observed. Every item needs at least one rating.

    Returns
    -------
    Y_norm : array of shape (n_items, n_users)
        :math:`y^{(i,j)} - \mu_i` where observed, 0 elsewhere.
    mu : array of shape (n_items,)

    Examples
    --------
    >>> Y_norm, mu = mean_normalize([[5, 1, 0], [4, 0, 0]], [[1, 1, 0], [1, 0, 0]])
    >>> Y_norm.tolist(), mu.tolist()
    ([[2.0, -2.0, 0.0], [0.0, 0.0, 0.0]], [3.0, 4.0])
    """
    mu = (Y * R).sum(axis=1) / R.sum(axis=1)
    return np.where(R, Y - mu[:, None], 0.0), mu


def _ridge_rows(A, Y, R, lam):
    """For every row i: argmin_b ||R_i * (A b - Y_i)||^2 + lam ||b||^2 (a stack of ridge solves)."""
    r = A.shape[1]
    gram = np.einsum("ij,jk,jl->ikl", R, A, A) + lam * np.eye(r)   # sum_j R_ij a_j a_j^T + lam I
    rhs = (R * Y) @ A                                                 # sum_j R_ij y_ij a_j
    return np.linalg.solve(gram, rhs[..., None])[..., 0]


_ALS = dict(rank=integer(minimum=1, maximum=10_000), lam=nonnegative,
            n_iter=integer(minimum=1, maximum=10_000), rng=rng)


@validate(Y=matrix, R=_mask, **_ALS, _=_ratings)
def als(Y, R, rank, lam=1.0, n_iter=20, rng=0):
    r"""Alternating least squares for :math:`Y \approx X \Theta^\top` on the observed entries.

    Parameters
    ----------
    Y : array of shape (n_items, n_users)
    R : 0/1 array of shape (n_items, n_users)
    rank : int
        The number of latent features r.
    lam : float >= 0
        The L2 penalty on X and Theta. A user with no ratings gets :math:`\theta = 0`.
    n_iter : int
        Rounds of (solve every x, solve every theta).
    rng : numpy.random.Generator or int
        For the random start of Theta.

    Returns
    -------
    X : array of shape (n_items, rank)
    Theta : array of shape (n_users, rank)
    history : list of float
        The cost J after each round; it never increases.

    Examples
    --------
    >>> Y = np.outer([1.0, 2.0, 3.0], [1.0, -1.0, 2.0])          # rank 1
    >>> X, Theta, J = als(Y, np.ones((3, 3)), rank=1, lam=0.0, n_iter=5)
    >>> bool(np.allclose(X @ Theta.T, Y)), J[-1] < 1e-20
    (True, True)
    """
    Theta, history = rng.normal(scale=0.1, size=(Y.shape[1], rank)), []
    for _ in range(n_iter):
        X = _ridge_rows(Theta, Y, R, lam)            # every item's x, Theta fixed
        Theta = _ridge_rows(X, Y.T, R.T, lam)        # every user's theta, X fixed
        history.append(cost.__wrapped__(X, Theta, Y, R, lam))
    return X, Theta, history


def _factors(args):
    X, Theta, Y = args["X"], args["Theta"], args["Y"]
    if X.shape[1] != Theta.shape[1] or (len(X), len(Theta)) != Y.shape:
        raise ValueError(f"X (items, r) and Theta (users, r) must match Y {Y.shape}; "
                         f"got {X.shape} and {Theta.shape}")
    return _ratings(args)


@validate(X=matrix, Theta=matrix, Y=matrix, R=_mask, lam=nonnegative, _=_factors)
def cost(X, Theta, Y, R, lam=1.0):
    r"""The collaborative-filtering cost J on the observed entries, with the L2 penalty.

    Examples
    --------
    >>> cost([[1.0]], [[2.0]], [[3.0]], [[1]], lam=0.0)     # (2 - 3)^2 / 2
    0.5
    """
    error = np.where(R, X @ Theta.T - Y, 0.0)
    return float(0.5 * (error**2).sum() + 0.5 * lam * ((X**2).sum() + (Theta**2).sum()))


def _shapes(args):
    X, Theta, mu = args["X"], args["Theta"], args["mu"]
    if X.shape[1] != Theta.shape[1] or mu.shape != (len(X),):
        raise ValueError(f"X (items, r), Theta (users, r) and mu (items,) must agree; "
                         f"got {X.shape}, {Theta.shape} and {mu.shape}")


@validate(X=matrix, Theta=matrix, mu=array(ndim=1), _=_shapes)
def predict(X, Theta, mu):
    r"""Predicted ratings :math:`X \Theta^\top + \mu` for every item and user.

    Examples
    --------
    >>> predict([[1.0], [2.0]], [[0.5], [0.0]], [3.0, 4.0]).tolist()   # user 2: the means
    [[3.5, 3.0], [5.0, 4.0]]
    """
    return X @ Theta.T + mu[:, None]


def _enough_unrated(args):
    """Relation: ``scores`` and ``R`` have one shape, and every user has ``n`` unrated items."""
    scores, R, n = args["scores"], args["R"], args["n"]
    if R.shape != scores.shape or not np.isin(R, (0.0, 1.0)).all():
        raise ValueError(f"R must be a 0/1 mask of rated entries with the shape of scores "
                         f"{scores.shape}; got shape {R.shape}")
    unrated = (R == 0).sum(axis=0)
    short = np.flatnonzero(unrated < n)
    if short.size:
        j = int(short[0])
        raise ValueError(f"n ({n}) must be at most the number of items every user has not "
                         f"rated; user {j} has {int(unrated[j])}")
    return {"R": R.astype(bool)}


@validate(scores=matrix, R=_mask, n=integer(minimum=1), _=_enough_unrated)
def top_n(scores, R, n):
    r"""For every user, the ``n`` items they have not rated with the highest scores.

    Parameters
    ----------
    scores : array of shape (n_items, n_users)
        Predicted ratings (:func:`predict`) or any score where higher is better.
    R : 0/1 array of shape (n_items, n_users)
        The rated entries: they are never recommended.
    n : int
        How many items to recommend to each user.

    Returns
    -------
    ndarray of int, shape (n_users, n)
        Row ``j`` holds user ``j``'s items, best first; equal scores go to the
        lower item index first.

    Examples
    --------
    >>> scores = [[4.0, 1.0], [5.0, 2.0], [3.0, 2.0]]
    >>> top_n(scores, [[0, 0], [1, 0], [0, 0]], n=2).tolist()   # user 0 rated item 1
    [[0, 2], [1, 2]]
    """
    eligible = np.where(R, -np.inf, scores)            # rated items sink to the bottom
    return np.argsort(-eligible, axis=0, kind="stable")[:n].T
