r"""Linear regression: predictions, the mean-squared-error cost, its gradient,
gradient-descent training and the closed-form normal equation.

Two forms are implemented, following the chapter:

* **simple** regression, one feature, :math:`\hat y = w x + b`, with the cost
  :math:`\mathrm{MSE} = \frac1N\sum_i (y_i - (w x_i + b))^2`;
* **vectorized** (multivariable) regression, :math:`\hat y = X w`, where ``X``
  usually carries a leading column of ones for the bias, with the *halved* cost
  :math:`J(w) = \frac1{2N}\lVert Xw - y\rVert^2`.

The two costs differ only by the constant factor :math:`\tfrac12`, which leaves
the minimizer unchanged and removes the 2 from the gradient. Each function's
docstring says which convention it uses.
"""

import numpy as np

from .._numerics import binary_exponent
from .._validation import (integer, matrix, nonnegative, optional, options, positive, real,
                           same_length, same_shape, validate, vector)
from .gradient_descent import gradient_descent

__all__ = [
    "predict_simple",
    "mse_simple",
    "mse_simple_gradient",
    "update_simple",
    "train_simple",
    "normalize_features",
    "add_bias_column",
    "predict",
    "cost",
    "cost_gradient",
    "update_weights",
    "train",
    "normal_equation",
]


# --------------------------------------------------------------------------
# Simple regression: one feature x, weight w and bias b
# --------------------------------------------------------------------------


#: Relation: one target per sample, nothing broadcast.
_paired = same_shape("x", "y")
#: Spec: a number of updates, at least one.
_UPDATES = integer(minimum=1)


@validate(x=vector, w=real, b=real)
def predict_simple(x, w, b):
    r"""Predict :math:`\hat y = w x + b` for every sample of one feature.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
        The feature (e.g. radio advertising budget).
    w : float
        Weight (slope).
    b : float
        Bias (intercept).

    Returns
    -------
    ndarray of shape (n_samples,)

    Examples
    --------
    >>> predict_simple([0.0, 1.0, 2.0], w=2.0, b=1.0).tolist()
    [1.0, 3.0, 5.0]
    """
    return w * x + b


@validate(_paired, x=vector, y=vector, w=real, b=real)
def mse_simple(x, y, w, b):
    r"""Mean squared error of the line :math:`w x + b` (the :math:`\frac1N` convention).

    .. math:: \mathrm{MSE}(w, b) = \frac1N \sum_{i=1}^N \bigl(y_i - (w x_i + b)\bigr)^2

    Parameters
    ----------
    x, y : array_like of shape (n_samples,)
        Feature and target.
    w, b : float
        Weight and bias.

    Returns
    -------
    float

    Examples
    --------
    >>> mse_simple([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], w=0.5, b=0.0)
    1.1666666666666667
    """
    residual = y - (w * x + b)
    return float(np.mean(residual**2))


_mse_simple = mse_simple.__wrapped__  # without the input checks, for the training loop


@validate(_paired, x=vector, y=vector, w=real, b=real)
def mse_simple_gradient(x, y, w, b):
    r"""Gradient of :func:`mse_simple` with respect to ``(w, b)``.

    .. math::

        \frac{\partial\,\mathrm{MSE}}{\partial w} = \frac1N\sum_i -2x_i\bigl(y_i - (w x_i + b)\bigr),
        \qquad
        \frac{\partial\,\mathrm{MSE}}{\partial b} = \frac1N\sum_i -2\bigl(y_i - (w x_i + b)\bigr)

    Returns
    -------
    dw, db : float

    Examples
    --------
    At the exact fit of :math:`y = 2x + 1` both partial derivatives vanish:

    >>> mse_simple_gradient([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], w=2.0, b=1.0)
    (0.0, 0.0)
    >>> mse_simple_gradient([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], w=0.0, b=0.0)
    (-8.666666666666666, -6.0)
    """
    residual = y - (w * x + b)
    return float(np.mean(-2 * x * residual)), float(np.mean(-2 * residual))


_mse_simple_gradient = mse_simple_gradient.__wrapped__  # without the input checks


@validate(_paired, x=vector, y=vector, w=real, b=real, lr=positive)
def update_simple(x, y, w, b, lr):
    r"""One gradient-descent step on ``(w, b)``: move against :func:`mse_simple_gradient`.

    Returns
    -------
    w, b : float
        The updated weight and bias.

    Examples
    --------
    >>> w, b = update_simple([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], w=0.0, b=0.0, lr=0.1)
    >>> round(w, 4), round(b, 4)
    (0.8667, 0.6)
    """
    dw, db = mse_simple_gradient(x, y, w, b)
    return w - lr * dw, b - lr * db


@validate(_paired, x=vector, y=vector, w=real, b=real, lr=positive, n_iter=_UPDATES)
def train_simple(x, y, w=0.0, b=0.0, lr=0.01, n_iter=100):
    r"""Fit :math:`\hat y = w x + b` by ``n_iter`` steps of gradient descent on :func:`mse_simple`.

    Parameters
    ----------
    x, y : array_like of shape (n_samples,)
        Feature and target.
    w, b : float, default=0.0
        Starting weight and bias.
    lr : float, default=0.01
        Learning rate.
    n_iter : int, default=100
        Number of updates (no early stopping, as in the chapter's training log).

    Returns
    -------
    w, b : float
        The trained weight and bias.
    cost_history : ndarray of shape (n_iter,)
        ``cost_history[k]`` is the MSE after update ``k + 1``.

    Raises
    ------
    mlcheatsheet.basics.gradient_descent.DivergenceError
        If ``lr`` is so large that the cost grows.

    Examples
    --------
    >>> w, b, costs = train_simple([0.0, 1.0, 2.0], [1.0, 3.0, 5.0], lr=0.1, n_iter=2000)
    >>> round(w, 6), round(b, 6), len(costs)
    (2.0, 1.0, 2000)
    """
    res = gradient_descent(
        fun=lambda p: _mse_simple(x, y, *p),
        grad=lambda p: _mse_simple_gradient(x, y, *p),
        x0=[w, b], lr=lr, n_iter=n_iter, tol=0.0,
    )
    history = np.concatenate([res.history[1:], np.full(n_iter - res.n_iter, res.cost)])
    return float(res.x[0]), float(res.x[1]), history


# --------------------------------------------------------------------------
# Multivariable regression, vectorized
# --------------------------------------------------------------------------


def _power_of_two_scale(X):
    """Per column, a power of two near ``max |x|``: dividing by it is exact, and it
    brings the column to [-2, 2], where squares neither overflow nor underflow."""
    return np.ldexp(1.0, binary_exponent(X, axis=0) - 1)


@validate(X=matrix, method=options("range", "std"))
def normalize_features(X, method="range"):
    r"""Centre every column on its mean and divide it by its range (or standard deviation).

    .. math:: x_j \leftarrow \frac{x_j - \mu_j}{s_j},\qquad
              s_j = \max_i x_{ij} - \min_i x_{ij}\ \text{(range)}\ \text{or}\ \sigma_j\ \text{(std)}

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Features. Never modified (the seed's version rescaled its argument in
        place and failed on integer input).
    method : {"range", "std"}, default="range"
        ``"range"``: mean normalization plus feature scaling, as in the chapter.
        Each column then has mean 0 and spans an interval of length exactly 1 that
        contains 0, so every value lies strictly between -1 and 1 -- but the column
        does *not* fill [-1, 1]. ``"std"``: standardization to mean 0, standard
        deviation 1 (values are unbounded).

    Returns
    -------
    X_scaled : ndarray of shape (n_samples, n_features)
    mean : ndarray of shape (n_features,)
    scale : ndarray of shape (n_features,)
        Apply the same transform to new data with ``(X_new - mean) / scale``.
        A constant column has scale 0; it is given scale 1 (so it becomes all
        zeros) instead of producing NaNs, as scikit-learn's scalers do.

    Notes
    -----
    The mean, range and standard deviation are computed on every column divided
    by a power of two near its largest magnitude, then multiplied back. The
    rescaling is exact, so moderate inputs give the same values to the last bit,
    but the squares in the standard deviation of entries near :math:`10^{300}`
    no longer overflow, nor those of entries near :math:`10^{-300}` underflow:
    the standardized values are those of the same data at any scale.

    Examples
    --------
    >>> X_scaled, mean, scale = normalize_features([[100.0], [1000.0], [2000.0]])
    >>> mean.tolist(), scale.tolist()
    ([1033.3333333333333], [1900.0])
    >>> float(X_scaled.max() - X_scaled.min())
    1.0
    """
    unit = _power_of_two_scale(X)  # statistics of X / unit, scaled back: no overflow
    Z = X / unit
    mean = unit * Z.mean(axis=0)
    if method == "range":
        spread = Z.max(axis=0) - Z.min(axis=0)
    else:
        spread = Z.std(axis=0)
    scale = np.where(spread == 0, 1.0, unit * spread)
    return (X - mean) / scale, mean, scale


@validate(X=matrix)
def add_bias_column(X):
    r"""Prepend a column of ones, so that ``w[0]`` of :func:`predict` acts as the bias.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)

    Returns
    -------
    ndarray of shape (n_samples, n_features + 1)

    Examples
    --------
    >>> add_bias_column([[2.0, 3.0], [4.0, 5.0]]).tolist()
    [[1.0, 2.0, 3.0], [1.0, 4.0, 5.0]]
    """
    return np.hstack([np.ones((X.shape[0], 1)), X])


def _w_fits_X(args):
    """Relation: ``w`` has one weight per column of ``X``; ``w=None`` means zeros."""
    X, w = args["X"], args["w"]
    if w is None:
        return {"w": np.zeros(X.shape[1])}
    if w.shape[0] != X.shape[1]:
        raise ValueError(
            f"w must have one weight per column of X ({X.shape[1]}); got {w.shape[0]}"
        )


#: Relation: one target per row of X.
_samples = same_length("X", "y")
#: Specs of the gradient-descent settings of :func:`train`.
_DESCENT = dict(lr=positive, n_iter=integer(minimum=0), tol=nonnegative)


@validate(_w_fits_X, X=matrix, w=vector)
def predict(X, w):
    r"""Predict :math:`\hat y = X w`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    w : array_like of shape (n_features,)

    Returns
    -------
    ndarray of shape (n_samples,)

    Examples
    --------
    >>> predict([[1.0, 2.0], [1.0, 3.0]], [0.5, 2.0]).tolist()
    [4.5, 6.5]
    """
    return X @ w


@validate(_w_fits_X, _samples, X=matrix, y=vector, w=vector)
def cost(X, y, w):
    r"""Halved mean squared error (the :math:`\frac1{2N}` convention).

    .. math:: J(w) = \frac1{2N}\sum_{i=1}^N \bigl(x_i^\top w - y_i\bigr)^2
                   = \frac1{2N}\lVert Xw - y\rVert^2

    Examples
    --------
    >>> cost([[1.0, 0.0], [1.0, 1.0]], [1.0, 3.0], [0.0, 0.0])
    2.5
    """
    residual = X @ w - y
    return float(residual @ residual / (2 * len(y)))


_cost = cost.__wrapped__  # without the input checks, for the training loop


@validate(_w_fits_X, _samples, X=matrix, y=vector, w=vector)
def cost_gradient(X, y, w):
    r"""Gradient of :func:`cost`: :math:`\nabla J(w) = \frac1N X^\top (Xw - y)`.

    Returns
    -------
    ndarray of shape (n_features,)

    Examples
    --------
    >>> cost_gradient([[1.0, 0.0], [1.0, 1.0]], [1.0, 3.0], [0.0, 0.0]).tolist()
    [-2.0, -1.5]
    """
    return X.T @ (X @ w - y) / len(y)


_cost_gradient = cost_gradient.__wrapped__  # without the input checks


@validate(_w_fits_X, _samples, X=matrix, y=vector, w=vector, lr=positive)
def update_weights(X, y, w, lr):
    r"""One vectorized gradient-descent step: :math:`w \leftarrow w - \alpha \frac1N X^\top(Xw - y)`.

    Returns a new array; ``w`` is not modified.

    Examples
    --------
    >>> update_weights([[1.0, 0.0], [1.0, 1.0]], [1.0, 3.0], [0.0, 0.0], lr=0.1).tolist()
    [0.2, 0.15000000000000002]
    """
    return w - lr * cost_gradient(X, y, w)


@validate(_w_fits_X, _samples, X=matrix, y=vector, w=optional(vector), **_DESCENT)
def train(X, y, w=None, lr=0.01, n_iter=1000, tol=0.0):
    r"""Fit :math:`\hat y = Xw` by vectorized gradient descent on :func:`cost`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Features, usually normalized and with a bias column (:func:`add_bias_column`).
    y : array_like of shape (n_samples,)
        Targets.
    w : array_like of shape (n_features,), optional
        Starting weights; zeros by default.
    lr : float, default=0.01
        Learning rate.
    n_iter : int, default=1000
        Maximum number of updates.
    tol : float, default=0.0
        Stop early once an update lowers the cost by less than ``tol``.

    Returns
    -------
    w : ndarray of shape (n_features,)
    cost_history : ndarray of shape (n_updates + 1,)
        ``cost_history[0]`` is the cost of the starting weights,
        ``cost_history[k]`` the cost after update ``k``.

    Examples
    --------
    >>> X = add_bias_column([[0.0], [1.0], [2.0]])
    >>> w, costs = train(X, [1.0, 3.0, 5.0], lr=0.5, n_iter=500)
    >>> np.round(w, 6).tolist(), bool(costs[0] > costs[-1])
    ([1.0, 2.0], True)
    """
    res = gradient_descent(
        fun=lambda v: _cost(X, y, v), grad=lambda v: _cost_gradient(X, y, v),
        x0=w, lr=lr, n_iter=n_iter, tol=tol,
    )
    return res.x, res.history


@validate(_samples, X=matrix, y=vector)
def normal_equation(X, y):
    r"""Least-squares weights in closed form, the solution of :math:`X^\top X w = X^\top y`.

    When :math:`X^\top X` is invertible this is :math:`w = (X^\top X)^{-1} X^\top y`.
    When it is singular (duplicated features, or more features than samples)
    the minimum-norm solution :math:`w = X^+ y` is returned, the one the
    pseudo-inverse gives -- the advice of Ng's course to prefer ``pinv`` over ``inv``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Features, with a bias column if an intercept is wanted. No scaling needed.
    y : array_like of shape (n_samples,)

    Returns
    -------
    ndarray of shape (n_features,)

    Notes
    -----
    The code never forms :math:`X^\top X`: it solves the least-squares problem
    :math:`\min_w \lVert Xw - y\rVert` with ``numpy.linalg.lstsq``, an SVD of
    :math:`X` itself. Forming :math:`X^\top X` squares the condition number of
    :math:`X` (so an ill-conditioned problem loses twice as many digits), and its
    entries underflow to zero for features near :math:`10^{-200}` or overflow
    for features near :math:`10^{200}`. Solving costs :math:`O(n\,p^2 + p^3)`
    for :math:`p` features, against :math:`O(k\,n\,p)` for :math:`k`
    gradient-descent steps.

    Examples
    --------
    >>> X = add_bias_column([[0.0], [1.0], [2.0]])
    >>> np.round(normal_equation(X, [1.0, 3.0, 5.0]), 10).tolist()
    [1.0, 2.0]
    """
    return np.linalg.lstsq(X, y, rcond=None)[0]
