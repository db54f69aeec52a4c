r"""Mean shift: move every point uphill on a kernel density estimate until it stops.

Each step replaces a point :math:`y` by the kernel-weighted mean of the data,

.. math:: m(y) = \frac{\sum_i K(x^{(i)} - y)\, x^{(i)}}{\sum_i K(x^{(i)} - y)},

with the **flat** kernel (the plain mean of the points within distance ``bandwidth``
:math:`h` of :math:`y`) or the **Gaussian** kernel
:math:`K(d) = e^{-\lVert d\rVert^2 / 2h^2}`. The step :math:`m(y) - y` points up the
gradient of a kernel density estimate, so the points climb to its modes; points that
reach the same mode form a cluster, and the number of clusters comes from
:math:`h`. Points are the rows of ``X``; there is no randomness.
"""

import math

import numpy as np

from .._validation import integer, matrix, options, positive, validate

__all__ = ["shift", "density", "mean_shift"]

_ITER = integer(minimum=1, maximum=100_000)
_KERNEL = options("flat", "gaussian")
_DENSITY = options("gaussian", "epanechnikov")


def _same_columns(args):
    """Relation: ``points`` has as many columns as ``X``."""
    if args["points"].shape[1] != args["X"].shape[1]:
        raise ValueError(f"points must have {args['X'].shape[1]} columns, as X has; "
                         f"got shape {args['points'].shape}")


def _weights(X, points, bandwidth, kernel):
    """Kernel weight of every data point (columns) for every point (rows)."""
    d2 = ((points[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1)
    if kernel == "flat":
        return (d2 <= bandwidth**2).astype(float)
    return np.exp(-d2 / (2 * bandwidth**2))


@validate(_same_columns, X=matrix, points=matrix, bandwidth=positive, kernel=_KERNEL)
def shift(X, points, bandwidth, kernel="flat"):
    """One mean-shift step: every point moves to the kernel-weighted mean of ``X``.

    A point with no data within ``bandwidth`` (flat kernel) stays where it is.

    Parameters
    ----------
    X : array of shape (m, n)
        The data.
    points : array of shape (p, n)
        The points to move.
    bandwidth : float > 0
    kernel : {"flat", "gaussian"}

    Returns
    -------
    array of shape (p, n)

    Examples
    --------
    >>> shift([[0.0], [1.0], [5.0]], [[0.2]], bandwidth=1.5).tolist()
    [[0.5]]
    >>> shift([[0.0], [2.0]], [[1.0]], bandwidth=1.0, kernel="gaussian").tolist()
    [[1.0]]
    """
    W = _weights(X, points, bandwidth, kernel)
    total = W.sum(axis=1, keepdims=True)
    return np.where(total > 0, W @ X / np.where(total > 0, total, 1), points)


@validate(_same_columns, X=matrix, points=matrix, bandwidth=positive, kernel=_DENSITY)
def density(X, points, bandwidth, kernel="gaussian"):
    r"""The kernel density estimate of ``X`` at each of ``points``.

    Gaussian and Epanechnikov kernels, with :math:`r_i = \lVert x^{(i)} - y\rVert / h`:

    .. math:: \hat f(y) = \frac{1}{m (2\pi h^2)^{n/2}} \sum_i e^{-r_i^2 / 2}, \qquad
              \hat f(y) = \frac{c}{m h^n} \sum_i (1 - r_i^2)_+ ,

    with :math:`c = (n + 2) / (2 V_n)`, :math:`V_n` the volume of the unit ball. The
    Gaussian mean-shift step is :math:`h^2 \nabla \log \hat f`; the flat kernel's
    step points up the gradient of the Epanechnikov estimate.

    Parameters
    ----------
    X : array of shape (m, n)
    points : array of shape (p, n)
    bandwidth : float > 0
    kernel : {"gaussian", "epanechnikov"}

    Returns
    -------
    array of shape (p,)

    Examples
    --------
    >>> round(float(density([[0.0]], [[0.0]], bandwidth=1.0)[0]), 4)   # 1/sqrt(2 pi)
    0.3989
    >>> density([[0.0]], [[0.0], [2.0]], bandwidth=1.0, kernel="epanechnikov").tolist()
    [0.75, 0.0]
    """
    (m, n), h = X.shape, bandwidth
    d2 = ((points[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1) / h**2
    if kernel == "gaussian":
        return np.exp(-d2 / 2).sum(axis=1) / (m * (2 * math.pi * h**2) ** (n / 2))
    ball = math.pi ** (n / 2) / math.gamma(n / 2 + 1)       # volume of the unit ball
    return (n + 2) / (2 * ball) * np.maximum(1 - d2, 0).sum(axis=1) / (m * h**n)


@validate(X=matrix, bandwidth=positive, kernel=_KERNEL, max_iter=_ITER)
def mean_shift(X, bandwidth, kernel="flat", max_iter=300):
    """Mean-shift clustering: climb from every point, merge modes within ``bandwidth``.

    As in scikit-learn: each point climbs until a step is shorter than
    ``1e-3 * bandwidth`` (at most ``max_iter + 1`` steps); modes are ranked by the
    kernel weight around them (for the flat kernel, the number of points within
    ``bandwidth``); a mode within ``bandwidth`` of a stronger one already kept is
    dropped; every point joins the nearest centre.

    Parameters
    ----------
    X : array of shape (m, n)
    bandwidth : float > 0
    kernel : {"flat", "gaussian"}
    max_iter : int

    Returns
    -------
    labels : int array of shape (m,)
    centres : array of shape (k, n)
        Strongest first.

    Examples
    --------
    >>> labels, centres = mean_shift([[0.0], [0.5], [1.0], [9.0], [9.5]], bandwidth=2.0)
    >>> labels.tolist(), centres.tolist()
    ([0, 0, 0, 1, 1], [[0.5], [9.25]])
    """
    modes, climbing = X.copy(), np.ones(len(X), dtype=bool)
    for _ in range(max_iter + 1):
        new = shift.__wrapped__(X, modes[climbing], bandwidth, kernel)
        step = np.linalg.norm(new - modes[climbing], axis=1)
        modes[climbing] = new
        climbing[climbing] = step > 1e-3 * bandwidth
        if not climbing.any():
            break
    modes = np.unique(modes, axis=0)             # points that met at exactly one mode
    weight = _weights(X, modes, bandwidth, kernel).sum(axis=1)
    order = np.lexsort([*modes.T[::-1], weight])[::-1]   # strongest first; ties: by x
    centres = []
    for mode in modes[order][weight[order] > 0]:
        if all(np.linalg.norm(mode - c) > bandwidth for c in centres):
            centres.append(mode)
    centres = np.array(centres)
    labels = ((X[:, None, :] - centres[None]) ** 2).sum(axis=-1).argmin(axis=1)
    return labels, centres
