r"""Gaussian mixture models fitted by expectation–maximization (EM).

A mixture of :math:`K` Gaussians has density

.. math:: p(x) = \sum_{k=1}^K \pi_k\, \mathcal N(x;\, \mu_k, \Sigma_k),

with weights :math:`\pi_k \ge 0` summing to one. EM (Dempster, Laird and Rubin, 1977) alternates
the **E-step** (each point's responsibilities :math:`r_{ik} = P(k \mid x_i)`) and
the **M-step** (weighted means, covariances and weights); the log-likelihood
never decreases. Covariances are ``"full"`` (any ellipse) or ``"diag"``
(axis-aligned). A fitted model is a :class:`GaussianMixture` record.
"""

import dataclasses

import numpy as np

from .._validation import (integer, matrix, nonnegative, optional, options, positive, rng,
                           validate)
from .kmeans import kmeans

__all__ = ["GaussianMixture", "fit_gmm", "e_step", "m_step", "score", "predict",
           "ellipse"]

_LOG_2PI = np.log(2 * np.pi)


@dataclasses.dataclass(frozen=True)
class GaussianMixture:
    """A fitted Gaussian mixture: weights (K,), means (K, n), covariances, and the EM history.

    ``covariances`` has shape (K, n, n) for ``"full"`` and (K, n) (the variances) for
    ``"diag"``; ``history`` holds the mean log-likelihood per point of every EM iterate,
    the last one being this model's.
    """

    weights: np.ndarray
    means: np.ndarray
    covariances: np.ndarray
    covariance_type: str
    history: tuple = ()

    def __post_init__(self):
        _singular(self.covariances, self.covariance_type)   # no mixture with a flat component


def _log_gaussians(model, X):
    """log N(x_i; mu_k, Sigma_k) for every row i and component k: shape (m, K)."""
    diff = X[:, None, :] - model.means[None]                       # (m, K, n)
    n = X.shape[1]
    if model.covariance_type == "diag":
        var = model.covariances
        return -0.5 * (n * _LOG_2PI + np.log(var).sum(1) + (diff**2 / var).sum(2))
    L = np.linalg.cholesky(model.covariances)                      # Sigma = L L^T
    y = np.einsum("kij,mkj->mki", np.linalg.inv(L), diff)           # L^{-1} (x - mu)
    log_det = 2 * np.log(np.diagonal(L, axis1=1, axis2=2)).sum(1)
    return -0.5 * (n * _LOG_2PI + log_det + (y**2).sum(2))


def _logsumexp(A):
    top = A.max(axis=1, keepdims=True)
    return (top + np.log(np.exp(A - top).sum(axis=1, keepdims=True)))[:, 0]


def _model(value, name):
    if not isinstance(value, GaussianMixture):
        raise TypeError(f"{name} must be a GaussianMixture from fit_gmm or m_step; "
                        f"got {type(value).__name__}")
    return value


_model.kind = "model"


def _width(args):
    n = args["model"].means.shape[1]
    if args["X"].shape[1] != n:
        raise ValueError(f"X must have {n} columns, as the model's means; got shape {args['X'].shape}")


@validate(model=_model, X=matrix, _=_width)
def e_step(model, X):
    r"""The E-step: the mean log-likelihood and every point's responsibilities.

    Parameters
    ----------
    model : GaussianMixture
    X : array of shape (m, n)

    Returns
    -------
    log_likelihood : float
        :math:`\frac1m \sum_i \log \sum_k \pi_k \mathcal N(x_i; \mu_k, \Sigma_k)`.
    resp : array of shape (m, K)
        :math:`r_{ik} = \pi_k \mathcal N(x_i; \mu_k, \Sigma_k) / p(x_i)`; rows sum to 1.

    Examples
    --------
    >>> model = m_step([[0.0], [1.0], [10.0], [11.0]], [[1, 0], [1, 0], [0, 1], [0, 1]])
    >>> ll, resp = e_step(model, [[0.5], [10.5]])
    >>> resp.round(3).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    log_joint = np.log(model.weights) + _log_gaussians(model, X)   # log pi_k N_k(x_i)
    log_px = _logsumexp(log_joint)
    return float(log_px.mean()), np.exp(log_joint - log_px[:, None])


def _responsibilities(args):
    X, R = args["X"], args["resp"]
    if R.shape[0] != len(X) or R.shape[1] < 1:
        raise ValueError(f"resp must have shape ({len(X)}, K), one row per row of X; got {R.shape}")
    if np.any(R < 0) or not np.allclose(R.sum(axis=1), 1.0, atol=1e-8):
        raise ValueError("resp must hold responsibilities: entries >= 0, each row summing to 1")
    if np.any(R.sum(axis=0) <= 10 * np.finfo(float).eps * len(X)):
        raise ValueError("resp gives a component no weight (a column of zeros); "
                         "every component needs responsibility for some point")


def _singular(covariances, covariance_type):
    """Raise clearly if a covariance is singular (not positive definite)."""
    if covariance_type == "diag":
        bad = np.flatnonzero((covariances <= 0).any(axis=1))
    else:
        eig_min = np.linalg.eigvalsh(covariances)[:, 0]
        scale = np.abs(covariances).max(axis=(1, 2))
        bad = np.flatnonzero(eig_min <= 1e-12 * np.maximum(scale, 1e-300))
    if bad.size:
        raise ValueError(f"the covariance of component {int(bad[0])} is singular (its points lie "
                         "in a lower-dimensional set, e.g. duplicates or a constant feature); "
                         "use reg_covar > 0 or fewer components")


_EM = dict(covariance_type=options("full", "diag"), reg_covar=nonnegative)


@validate(X=matrix, resp=matrix, **_EM, _=_responsibilities)
def m_step(X, resp, covariance_type="full", reg_covar=1e-6):
    r"""The M-step: weights, means and covariances weighted by the responsibilities.

    Parameters
    ----------
    X : array of shape (m, n)
    resp : array of shape (m, K), rows summing to 1
    covariance_type : {"full", "diag"}
    reg_covar : float >= 0
        Added to every variance (the covariance's diagonal) so that no component
        collapses onto a point or a line; as scikit-learn's ``reg_covar``.

    Returns
    -------
    GaussianMixture

    Notes
    -----
    .. math:: N_k = \sum_i r_{ik}, \quad \pi_k = \frac{N_k}{m}, \quad
              \mu_k = \frac1{N_k} \sum_i r_{ik} x_i, \quad
              \Sigma_k = \frac1{N_k} \sum_i r_{ik} (x_i - \mu_k)(x_i - \mu_k)^\top

    Examples
    --------
    >>> model = m_step([[0.0], [2.0], [10.0]], [[1, 0], [1, 0], [0, 1]], reg_covar=0.5)
    >>> model.weights.round(3).tolist(), model.means.tolist(), model.covariances.tolist()
    ([0.667, 0.333], [[1.0], [10.0]], [[[1.5]], [[0.5]]])
    """
    N = resp.sum(axis=0)                                           # N_k
    means = resp.T @ X / N[:, None]
    diff = X[:, None, :] - means[None]                             # (m, K, n)
    if covariance_type == "diag":
        cov = np.einsum("mk,mkj->kj", resp, diff**2) / N[:, None] + reg_covar
    else:
        cov = np.einsum("mk,mki,mkj->kij", resp, diff, diff) / N[:, None, None]
        cov = cov + reg_covar * np.eye(X.shape[1])
    return GaussianMixture(N / len(X), means, cov, covariance_type)


def _fit_args(args):
    X, k = args["X"], args["k"]
    distinct = len(np.unique(X, axis=0))
    if k > distinct:
        raise ValueError(f"k must be at most the number of distinct points in X ({distinct}); "
                         f"got k={k}")
    if args["resp"] is not None:
        if args["resp"].shape[1] != k:
            raise ValueError(f"resp must have k={k} columns; got shape {args['resp'].shape}")
        _responsibilities(args)


_FIT = dict(_EM, k=integer(minimum=1), max_iter=integer(minimum=1, maximum=100_000),
            tol=nonnegative, resp=optional(matrix), rng=rng)


@validate(X=matrix, **_FIT, _=_fit_args)
def fit_gmm(X, k, covariance_type="full", max_iter=100, tol=1e-10, reg_covar=1e-6,
            resp=None, rng=0):
    r"""Fit a ``k``-component Gaussian mixture by EM, from k-means or from given responsibilities.

    Parameters
    ----------
    X : array of shape (m, n)
    k : int, at most the number of distinct rows of X
    covariance_type : {"full", "diag"}
    max_iter : int
        At most this many M-steps.
    tol : float >= 0
        Stop when the mean log-likelihood rises by at most ``tol``.
    reg_covar : float >= 0
        See :func:`m_step`.
    resp : array of shape (m, k), optional
        Starting responsibilities; by default the k-means partition (one-hot).
    rng : numpy.random.Generator or int
        For the k-means start.

    Returns
    -------
    GaussianMixture
        With ``history``: the mean log-likelihood of the start and of every iterate.

    Examples
    --------
    >>> X = [[0.0], [0.5], [1.0], [10.0], [10.5], [11.0]]
    >>> model = fit_gmm(X, 2, rng=0)
    >>> sorted(model.means.ravel().round(3).tolist())
    [0.5, 10.5]
    >>> labels = predict(model, X)
    >>> bool(len(set(labels[:3])) == len(set(labels[3:])) == 1 and labels[0] != labels[3])
    True
    """
    if resp is None:
        resp = np.eye(k)[kmeans.__wrapped__(X, k, 1, 300, rng)[0]]
    model, history = m_step.__wrapped__(X, resp, covariance_type, reg_covar), []
    for _ in range(max_iter):
        log_likelihood, resp = e_step.__wrapped__(model, X)           # E-step
        history.append(log_likelihood)
        if len(history) > 1 and history[-1] - history[-2] <= tol:
            break
        model = m_step.__wrapped__(X, resp, covariance_type, reg_covar)  # M-step
    else:
        history.append(e_step.__wrapped__(model, X)[0])
    return dataclasses.replace(model, history=tuple(history))


@validate(model=_model, X=matrix, _=_width)
def score(model, X):
    r"""The mean log-likelihood :math:`\frac1m \sum_i \log p(x_i)` of the rows of ``X``.

    Examples
    --------
    One component fitted to -1 and 1 is the standard normal, and
    :math:`\log \mathcal N(0; 0, 1) = -\frac12 \log 2\pi`:

    >>> model = m_step([[-1.0], [1.0]], [[1.0], [1.0]], reg_covar=0.0)
    >>> round(score(model, [[0.0]]), 6)
    -0.918939
    """
    return e_step.__wrapped__(model, X)[0]


@validate(model=_model, X=matrix, _=_width)
def predict(model, X):
    """The most responsible component of each row of ``X``.

    Examples
    --------
    >>> model = m_step([[0.0], [1.0], [10.0], [11.0]], [[1, 0], [1, 0], [0, 1], [0, 1]])
    >>> predict(model, [[0.3], [12.0]]).tolist()
    [0, 1]
    """
    return e_step.__wrapped__(model, X)[1].argmax(axis=1)


def _two_by_two(args):
    C = args["covariance"]
    if C.shape != (2, 2) or not np.allclose(C, C.T) or np.linalg.eigvalsh(C)[0] < 0:
        raise ValueError(f"covariance must be a symmetric positive semi-definite 2 x 2 matrix; "
                         f"got shape {C.shape}")


@validate(covariance=matrix, n_std=positive, _=_two_by_two)
def ellipse(covariance, n_std=1.0):
    r"""Width, height and angle (degrees) of the ``n_std``-standard-deviation ellipse of a 2-D Gaussian.

    The axes point along the eigenvectors of the covariance, with half-lengths
    ``n_std`` times the square roots of its eigenvalues (as matplotlib's ``Ellipse`` wants).

    Examples
    --------
    >>> [round(v, 6) for v in ellipse([[4.0, 0.0], [0.0, 1.0]], n_std=2)]
    [8.0, 4.0, 0.0]
    """
    lam, V = np.linalg.eigh(covariance)                 # ascending eigenvalues
    width, height = 2 * n_std * np.sqrt(lam[::-1])
    angle = np.degrees(np.arctan2(V[1, 1], V[0, 1])) % 180
    return float(width), float(height), float(angle)
