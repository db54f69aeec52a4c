r"""Penalized least squares: ridge, lasso and elastic net.

All three fit :math:`\hat y = Xw + b` and leave the intercept :math:`b`
unpenalized: the data are centred, the penalized problem is solved for
:math:`w`, and :math:`b = \bar y - \bar x^\top w`. The objectives are
scikit-learn's, so the fits match ``Ridge``, ``Lasso`` and ``ElasticNet``:

* **ridge** (closed form): :math:`\lVert y - Xw - b\rVert^2 + \alpha\lVert w\rVert_2^2`;
* **elastic net** (cyclic coordinate descent), with :math:`\rho` = ``l1_ratio``:

  .. math:: \frac1{2n}\lVert y - Xw - b\rVert^2
            + \alpha\Bigl(\rho\lVert w\rVert_1 + \frac{1-\rho}{2}\lVert w\rVert_2^2\Bigr);

* **lasso**: the elastic net with :math:`\rho = 1`.

Ridge's penalty is not divided by :math:`n` while the elastic net's loss is:
the same :math:`\alpha` means different strengths in the two families, as in
scikit-learn.
"""

import numpy as np

from .._validation import (integer, interval, matrix, nonnegative, positive, same_length,
                           validate, vector, array)
from ..basics.linear_regression import normal_equation

__all__ = [
    "soft_threshold",
    "ridge",
    "elastic_net",
    "lasso",
    "alpha_max",
    "elastic_net_path",
    "ridge_path",
]

#: Relation: one target per row of X.
_samples = same_length("X", "y")
#: Specs of the data.
_DATA = dict(X=matrix, y=vector)
#: Spec: the mixing parameter rho of the elastic net, in [0, 1].
_L1_RATIO = interval(0, 1, closed="both")
#: Specs of the coordinate-descent settings.
_DESCENT = dict(max_iter=integer(minimum=1), tol=positive)


def _centre(X, y):
    """Centred copies of ``X`` and ``y`` and the means removed (the intercept is not penalized)."""
    x_mean, y_mean = X.mean(axis=0), y.mean()
    return X - x_mean, y - y_mean, x_mean, y_mean


@validate(z=array(), t=nonnegative)
def soft_threshold(z, t):
    r"""The soft-thresholding operator :math:`S_t(z) = \operatorname{sign}(z)\max(|z| - t, 0)`.

    It is the minimizer of :math:`\frac12(w - z)^2 + t|w|`: values within
    :math:`t` of zero become exactly zero, the others move :math:`t` towards it.

    Parameters
    ----------
    z : array_like
        Values to shrink.
    t : float
        Threshold, at least 0.

    Returns
    -------
    ndarray of the shape of ``z``

    Examples
    --------
    >>> soft_threshold([-3.0, -0.5, 0.0, 0.5, 3.0], 1.0).tolist()
    [-2.0, 0.0, 0.0, 0.0, 2.0]
    """
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


@validate(_samples, **_DATA, alpha=nonnegative)
def ridge(X, y, alpha=1.0):
    r"""Ridge regression in closed form, the intercept unpenalized.

    Minimizes :math:`\lVert y - Xw - b\rVert^2 + \alpha\lVert w\rVert^2`. On
    centred data :math:`X_c, y_c` the minimizer solves
    :math:`(X_c^\top X_c + \alpha I)\,w = X_c^\top y_c`, which is the least-squares
    problem of :math:`X_c` stacked on :math:`\sqrt\alpha I` (targets :math:`y_c`
    stacked on zeros), solved by :func:`~mlcheatsheet.basics.linear_regression.normal_equation`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float, default=1.0
        Penalty strength, at least 0 (0 is ordinary least squares).

    Returns
    -------
    coef : ndarray of shape (n_features,)
    intercept : float

    Examples
    --------
    >>> coef, intercept = ridge([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0], alpha=2.0)
    >>> coef.tolist(), intercept
    ([1.0], 2.0)
    """
    Xc, yc, x_mean, y_mean = _centre(X, y)
    p = X.shape[1]
    w = normal_equation(np.vstack([Xc, np.sqrt(alpha) * np.eye(p)]),
                        np.concatenate([yc, np.zeros(p)]))
    return w, float(y_mean - x_mean @ w)


def _coordinate_descent(Xc, yc, l1, l2, w, max_iter, tol):
    """Cyclic coordinate descent on centred data from ``w``.

    ``l1`` is :math:`\alpha\rho` and ``l2`` is :math:`\alpha(1 - \rho)`.

    Works on the Gram matrix :math:`G = X^\top X / n` and :math:`c = X^\top y / n`:
    :math:`\tfrac1n x_j^\top r_{(j)} = c_j - G_j w + G_{jj} w_j`, a cost of
    :math:`p` per coordinate instead of :math:`n`.
    """
    n = len(yc)
    G, c = Xc.T @ Xc / n, Xc.T @ yc / n
    w = w.copy()
    active = np.flatnonzero(np.diag(G) > 0)      # a constant column keeps w_j = 0
    for _ in range(max_iter):
        largest_step = 0.0
        for j in active:
            old = w[j]
            rho_j = c[j] - G[j] @ w + G[j, j] * old   # correlation with the partial residual
            w[j] = np.sign(rho_j) * max(abs(rho_j) - l1, 0.0) / (G[j, j] + l2)
            largest_step = max(largest_step, abs(w[j] - old))
        if largest_step <= tol * max(1.0, np.abs(w).max()):
            break
    return w


@validate(_samples, **_DATA, alpha=nonnegative, l1_ratio=_L1_RATIO, **_DESCENT)
def elastic_net(X, y, alpha=1.0, l1_ratio=0.5, max_iter=10_000, tol=1e-10):
    r"""Elastic net by cyclic coordinate descent with soft-thresholding.

    Minimizes :math:`\frac1{2n}\lVert y - Xw - b\rVert^2 + \alpha\bigl(\rho\lVert w\rVert_1
    + \frac{1-\rho}2\lVert w\rVert_2^2\bigr)` with :math:`\rho` = ``l1_ratio``.
    With every other coordinate fixed, the objective in :math:`w_j` is minimized by

    .. math:: w_j = \frac{S_{\alpha\rho}\bigl(\tfrac1n x_j^\top r_{(j)}\bigr)}
                         {\tfrac1n x_j^\top x_j + \alpha(1-\rho)},

    where :math:`r_{(j)} = y - \sum_{k\ne j} x_k w_k` is the partial residual
    (:func:`soft_threshold`). The sweeps over :math:`j = 1, \dots, p` repeat
    until no coefficient moves by more than ``tol`` (relative to the largest).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alpha : float, default=1.0
        Penalty strength, at least 0.
    l1_ratio : float, default=0.5
        :math:`\rho`, in [0, 1]: 1 is the lasso, 0 a ridge penalty.
    max_iter : int, default=10000
        Most sweeps over the coordinates.
    tol : float, default=1e-10
        Stop once a sweep moves no coefficient by more than ``tol`` times the
        largest coefficient's size (or ``tol`` when all are below 1).

    Returns
    -------
    coef : ndarray of shape (n_features,)
    intercept : float

    Examples
    --------
    >>> X = [[-1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, -1.0]]
    >>> coef, intercept = elastic_net(X, [-2.0, 1.0, 2.0, -1.0], alpha=0.5, l1_ratio=0.5)
    >>> np.round(coef, 10).tolist(), intercept
    ([1.0, 0.3333333333], 0.0)
    """
    Xc, yc, x_mean, y_mean = _centre(X, y)
    w = _coordinate_descent(Xc, yc, alpha * l1_ratio, alpha * (1 - l1_ratio),
                            np.zeros(X.shape[1]), max_iter, tol)
    return w, float(y_mean - x_mean @ w)


@validate(_samples, **_DATA, alpha=nonnegative, **_DESCENT)
def lasso(X, y, alpha=1.0, max_iter=10_000, tol=1e-10):
    r"""The lasso: :func:`elastic_net` with ``l1_ratio=1``.

    Minimizes :math:`\frac1{2n}\lVert y - Xw - b\rVert^2 + \alpha\lVert w\rVert_1`.
    Coefficients whose correlation with the residual stays within
    :math:`\alpha` are exactly zero.

    Returns
    -------
    coef : ndarray of shape (n_features,)
    intercept : float

    Examples
    --------
    >>> X = [[-1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, -1.0]]
    >>> coef, intercept = lasso(X, [-2.0, 0.25, 2.0, -0.25], alpha=0.2)
    >>> np.round(coef, 10).tolist(), intercept
    ([1.6, 0.0], 0.0)
    """
    return elastic_net(X, y, alpha, l1_ratio=1.0, max_iter=max_iter, tol=tol)


@validate(_samples, **_DATA, l1_ratio=interval(0, 1, closed="right"))
def alpha_max(X, y, l1_ratio=1.0):
    r"""The smallest :math:`\alpha` at which every elastic-net coefficient is zero.

    At :math:`w = 0` the residual is :math:`y_c`, and zero is optimal exactly when
    :math:`\frac1n|x_j^\top y_c| \le \alpha\rho` for every feature, so

    .. math:: \alpha_{\max} = \frac{\max_j |x_j^\top y_c|}{n\rho}.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    l1_ratio : float, default=1.0
        :math:`\rho`, in (0, 1] (with no L1 part no coefficient is ever exactly zero).

    Returns
    -------
    float

    Examples
    --------
    >>> alpha_max([[-1.0], [0.0], [1.0]], [-2.0, 0.0, 2.0])
    1.3333333333333333
    """
    Xc, yc, _, _ = _centre(X, y)
    return float(np.abs(Xc.T @ yc).max() / (len(y) * l1_ratio))


@validate(_samples, **_DATA, alphas=vector, l1_ratio=_L1_RATIO, **_DESCENT)
def elastic_net_path(X, y, alphas, l1_ratio=1.0, max_iter=10_000, tol=1e-10):
    r"""Elastic-net coefficients for every :math:`\alpha` of a grid, with warm starts.

    The grid is solved from the largest :math:`\alpha` down, each fit starting
    from the previous one's coefficients, which are close: the path is cheap.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    alphas : array_like of shape (n_alphas,)
        Penalty strengths, each at least 0, in any order.
    l1_ratio : float, default=1.0
        :math:`\rho` in [0, 1]; the default is the lasso path.
    max_iter, tol
        As in :func:`elastic_net`, for every fit.

    Returns
    -------
    coefs : ndarray of shape (n_alphas, n_features)
        ``coefs[i]`` are the coefficients at ``alphas[i]``.

    Examples
    --------
    >>> X = [[-1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, -1.0]]
    >>> elastic_net_path(X, [-2.0, 0.25, 2.0, -0.25], [0.2, 2.0]).round(10).tolist()
    [[1.6, 0.0], [0.0, 0.0]]
    """
    if np.any(alphas < 0):
        raise ValueError(f"alphas must all be >= 0; got {alphas.min()!r}")
    Xc, yc, _, _ = _centre(X, y)
    coefs = np.zeros((len(alphas), X.shape[1]))
    w = np.zeros(X.shape[1])
    for i in np.argsort(-alphas, kind="stable"):
        w = _coordinate_descent(Xc, yc, alphas[i] * l1_ratio, alphas[i] * (1 - l1_ratio),
                                w, max_iter, tol)
        coefs[i] = w
    return coefs


@validate(_samples, **_DATA, alphas=vector)
def ridge_path(X, y, alphas):
    r"""Ridge coefficients (:func:`ridge`) for every :math:`\alpha` of a grid.

    Returns
    -------
    coefs : ndarray of shape (n_alphas, n_features)

    Examples
    --------
    >>> ridge_path([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0], [0.0, 2.0]).tolist()
    [[2.0], [1.0]]
    """
    if np.any(alphas < 0):
        raise ValueError(f"alphas must all be >= 0; got {alphas.min()!r}")
    return np.array([ridge(X, y, a)[0] for a in alphas])
