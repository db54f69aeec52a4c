r"""Polynomial regression: polynomial features, least-squares fits, R² and the degree chosen by CV.

A polynomial in :math:`x` is a *linear* model in the features
:math:`1, x, x^2, \dots, x^d`, so polynomial regression is linear regression
on :func:`polynomial_features`, solved by the normal equation of
:mod:`mlcheatsheet.basics.linear_regression`. The degree is a hyperparameter:
:func:`choose_degree` picks it by k-fold cross-validation
(:mod:`mlcheatsheet.model_selection.cross_validation`), and :func:`r2_score` and
:func:`adjusted_r2` say how much of the variance of ``y`` a fit explains.
"""

import itertools

import numpy as np

from .._validation import (flag, integer, matrix, nonnegative, rng, same_shape,
                           size, validate, vector)
from ..basics.linear_regression import normal_equation
from ..model_selection import cross_validation as cv

__all__ = [
    "polynomial_features",
    "sine_data",
    "fit_polynomial",
    "predict_polynomial",
    "r2_score",
    "adjusted_r2",
    "choose_degree",
]

#: Spec: a polynomial degree (0 is a constant).
_DEGREE = integer(minimum=0, maximum=50)


def _degrees(value, name):
    """Spec: a non-empty list of distinct degrees, each an integer from 0 to 50."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) == 0:
        raise TypeError(f"{name} must be a non-empty list of degrees; got {type(value).__name__}")
    degrees = [_DEGREE(d, f"{name}[{i}]") for i, d in enumerate(value)]
    if len(set(degrees)) != len(degrees):
        raise ValueError(f"{name} must not repeat a degree; got {degrees}")
    return degrees


_degrees.kind = "array"


def _terms(n_features, degree, interaction_only, include_bias):
    """The monomials as tuples of column indices, in scikit-learn's order."""
    combine = itertools.combinations if interaction_only else \
        itertools.combinations_with_replacement
    start = 0 if include_bias else 1
    return [t for d in range(start, degree + 1) for t in combine(range(n_features), d)]


def _not_too_many_terms(args):
    """Relation: the feature matrix fits in memory."""
    X = args["X"]
    count = sum(1 for _ in itertools.islice(
        _terms(X.shape[1], args["degree"], args["interaction_only"], True), 10_001))
    if count > 10_000:
        raise ValueError(f"degree={args['degree']} on {X.shape[1]} features makes more than "
                         f"10000 polynomial features; lower degree or use fewer features")


#: Specs of the two switches of :func:`polynomial_features`.
_SWITCHES = dict(interaction_only=flag, include_bias=flag)


@validate(_not_too_many_terms, X=matrix, degree=_DEGREE, **_SWITCHES)
def polynomial_features(X, degree=2, interaction_only=False, include_bias=True):
    r"""Every monomial of the features up to ``degree``: :math:`1, x_1, x_2, x_1^2, x_1x_2, \dots`

    The columns come in scikit-learn's ``PolynomialFeatures`` order: by degree,
    and within a degree in lexicographic order of the features' indices.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    degree : int, default=2
        Highest total degree, from 0 to 50.
    interaction_only : bool, default=False
        Only products of distinct features (:math:`x_1x_2`, never :math:`x_1^2`).
    include_bias : bool, default=True
        Start with the column of ones (degree 0).

    Returns
    -------
    ndarray of shape (n_samples, n_output_features)

    Examples
    --------
    >>> polynomial_features([[2.0, 3.0]], degree=2).tolist()
    [[1.0, 2.0, 3.0, 4.0, 6.0, 9.0]]
    >>> polynomial_features([[2.0, 3.0]], degree=2, interaction_only=True).tolist()
    [[1.0, 2.0, 3.0, 6.0]]
    """
    terms = _terms(X.shape[1], degree, interaction_only, include_bias)
    return np.column_stack([np.prod(X[:, list(t)], axis=1) for t in terms]) if terms \
        else np.empty((X.shape[0], 0))


@validate(n_samples=size(2), noise=nonnegative, rng=rng)
def sine_data(n_samples=20, noise=0.2, rng=0):
    r"""Noisy sine points :math:`y = \sin x + \varepsilon`, :math:`x` uniform on :math:`[0, 2\pi]`.

    The points are sorted by :math:`x`.

    Parameters
    ----------
    n_samples : int, default=20
    noise : float, default=0.2
        Standard deviation of the Gaussian noise :math:`\varepsilon`.
    rng : int or numpy.random.Generator, default=0

    Returns
    -------
    x, y : ndarray of shape (n_samples,)

    Examples
    --------
    >>> x, y = sine_data(5, noise=0.0)
    >>> bool(np.all(np.diff(x) > 0)), bool(np.allclose(y, np.sin(x)))
    (True, True)
    """
    x = np.sort(rng.uniform(0, 2 * np.pi, n_samples))
    return x, np.sin(x) + noise * rng.normal(size=n_samples)


#: Relation: one target per sample.
_paired = same_shape("x", "y")
#: Specs of one feature and its target.
_XY = dict(x=vector, y=vector)


@validate(_paired, **_XY, degree=_DEGREE)
def fit_polynomial(x, y, degree):
    r"""Least-squares polynomial :math:`\hat y = w_0 + w_1 x + \dots + w_d x^d`.

    Linear regression on the features :math:`1, x, \dots, x^d`.

    Returns
    -------
    w : ndarray of shape (degree + 1,)
        :math:`w_0, \dots, w_d`, lowest power first.

    Examples
    --------
    >>> fit_polynomial([0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 5.0, 10.0], 2).round(10).tolist()
    [1.0, 0.0, 1.0]
    """
    return normal_equation(polynomial_features(x[:, None], degree), y)


@validate(x=vector, w=vector)
def predict_polynomial(x, w):
    r"""Evaluate :math:`w_0 + w_1 x + \dots + w_d x^d` at every ``x``.

    Examples
    --------
    >>> predict_polynomial([0.0, 2.0], [1.0, 0.0, 1.0]).tolist()
    [1.0, 5.0]
    """
    return polynomial_features(x[:, None], len(w) - 1) @ w


#: Relation: one prediction per target.
_predictions = same_shape("y_true", "y_pred")
#: Specs of a target and its predictions.
_SCORED = dict(y_true=vector, y_pred=vector)


@validate(_predictions, **_SCORED)
def r2_score(y_true, y_pred):
    r"""The coefficient of determination :math:`R^2 = 1 - \mathrm{SS}_{res} / \mathrm{SS}_{tot}`.

    .. math:: R^2 = 1 - \frac{\sum_i (y_i - \hat y_i)^2}{\sum_i (y_i - \bar y)^2}

    1 is a perfect fit, 0 is no better than predicting the mean :math:`\bar y`,
    and a model worse than the mean has :math:`R^2 < 0`. When ``y_true`` is
    constant, :math:`R^2` is 1 for a perfect fit and 0 otherwise (scikit-learn's
    convention).

    Examples
    --------
    >>> r2_score([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    1.0
    >>> r2_score([1.0, 2.0, 3.0], [2.0, 2.0, 2.0])
    0.0
    """
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return float(1 - ss_res / ss_tot)


def _more_samples_than_features(args):
    """Relation: n > p + 1, or the correction divides by zero or flips sign."""
    n, p = len(args["y_true"]), args["n_features"]
    if n <= p + 1:
        raise ValueError(f"adjusted_r2 needs more samples than n_features + 1; got "
                         f"{n} samples and n_features={p}")


@validate(_predictions, _more_samples_than_features, **_SCORED, n_features=integer(0))
def adjusted_r2(y_true, y_pred, n_features):
    r"""R² corrected for the number of features :math:`p`: :math:`1 - (1 - R^2)\frac{n-1}{n-p-1}`.

    Plain :math:`R^2` never falls when a feature is added, even a useless one;
    the adjusted value does unless the feature explains enough variance.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
    n_features : int
        Features of the model, not counting the intercept (the degree, for a polynomial).

    Examples
    --------
    >>> adjusted_r2([1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 6.0], n_features=1)
    0.8666666666666667
    """
    n = len(y_true)
    return float(1 - (1 - r2_score(y_true, y_pred)) * (n - 1) / (n - n_features - 1))


def _fit(X, y, degree):
    return fit_polynomial(X[:, 0], y, degree)


def _neg_mse(w, X, y):
    return -float(np.mean((y - predict_polynomial(X[:, 0], w)) ** 2))


def _k_fits(args):
    """Relation: each training part has more points than the largest degree has weights."""
    n, k, top = len(args["x"]), args["n_splits"], max(args["degrees"])
    if k > n:
        raise ValueError(f"n_splits={k} is more than the {n} samples")
    if n - int(np.ceil(n / k)) < top + 1:
        raise ValueError(f"degree {top} needs {top + 1} training points per fold; "
                         f"{n} samples in {k} folds leave {n - int(np.ceil(n / k))}")


@validate(_paired, _k_fits, **_XY, degrees=_degrees, n_splits=integer(2), rng=rng)
def choose_degree(x, y, degrees, n_splits=5, rng=0):
    r"""The degree with the lowest mean squared error over shuffled k-fold cross-validation.

    Every degree is fitted on the same folds
    (:func:`~mlcheatsheet.model_selection.cross_validation.kfold`,
    :func:`~mlcheatsheet.model_selection.cross_validation.grid_search`).

    Parameters
    ----------
    x, y : array_like of shape (n_samples,)
    degrees : list of int
        The candidate degrees.
    n_splits : int, default=5
    rng : int or numpy.random.Generator, default=0
        Shuffles the samples before cutting the folds.

    Returns
    -------
    best : int
        The chosen degree (the smaller one on ties).
    cv_mse, train_mse : ndarray of shape (n_degrees,)
        Mean validation and training errors, one per candidate, in the order of ``degrees``.

    Examples
    --------
    >>> x = np.linspace(-1, 1, 20)
    >>> best, cv_mse, _ = choose_degree(x, x**2 - x, degrees=[1, 2, 3], n_splits=4)
    >>> best, bool(cv_mse[1] < 1e-20 < cv_mse[0])
    (2, True)
    """
    order = sorted(degrees)
    folds = cv.kfold(len(x), n_splits, shuffle=True, rng=rng)
    result = cv.grid_search(_fit, _neg_mse, x[:, None], y, folds, {"degree": order})
    back = [order.index(d) for d in degrees]
    return (int(result.best_params["degree"]), -result.mean_test_scores[back],
            -result.mean_train_scores[back])
