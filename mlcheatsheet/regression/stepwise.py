r"""Stepwise selection: grow or shrink a least-squares model one feature at a time.

- :func:`ols` fits least squares with an intercept on some of the columns;
- :func:`information_criterion` is the Gaussian AIC or BIC of such a fit;
- :func:`subset_criterion` scores a subset of features by cross-validated mean
  squared error, AIC or BIC (lower is better for all three);
- :func:`stepwise` adds (forward) or removes (backward) the feature whose step
  lowers the criterion most, until ``n_features`` remain or no step lowers it.

Forward selection with ``criterion="cv"`` and a fixed ``n_features`` makes the
same choices as scikit-learn's ``SequentialFeatureSelector`` with
``LinearRegression``, ``scoring="neg_mean_squared_error"`` and the same folds.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import integer, matrix, optional, options, same_length, validate, vector
from ..model_selection import cross_validation as cv

__all__ = ["ols", "information_criterion", "subset_criterion", "StepwiseResult", "stepwise"]

_DATA = dict(X=matrix, y=vector)
_rows = same_length("X", "y")


def _features(value, name):
    """Spec: a list of distinct column indices (may be empty)."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__"):
        raise TypeError(f"{name} must be a list of column indices; got {type(value).__name__}")
    idx = np.asarray(value)
    if idx.size and (idx.ndim != 1 or idx.dtype.kind not in "iu"):
        raise TypeError(f"{name} must be a list of integer column indices; got {value!r:.40}")
    if len(set(idx.tolist())) != idx.size:
        raise ValueError(f"{name} must not repeat a column; got {idx.tolist()}")
    return idx.astype(int)


_features.kind = "features"


def _columns_of_X(args):
    """Relation: every index of ``features`` is a column of ``X``."""
    p, idx = args["X"].shape[1], args["features"]
    if idx.size and (idx.min() < 0 or idx.max() >= p):
        raise ValueError(f"features must be columns of X (0 to {p - 1}); got {idx.tolist()}")


def _fit(X, y):
    """Least squares with an intercept: ``(coef, intercept)``."""
    A = np.column_stack([np.ones(len(y)), X])
    w = np.linalg.lstsq(A, y, rcond=None)[0]
    return w[1:], float(w[0])


def _rss(X, y):
    coef, intercept = _fit(X, y)
    return float(np.sum((y - X @ coef - intercept) ** 2))


@validate(_columns_of_X, _rows, **_DATA, features=_features)
def ols(X, y, features):
    r"""Least squares with an intercept on the columns ``features`` of ``X``.

    Returns
    -------
    coef : ndarray of shape (len(features),)
    intercept : float

    Examples
    --------
    >>> X = np.array([[0.0, 5.0], [1.0, 3.0], [2.0, 8.0]])
    >>> coef, intercept = ols(X, [1.0, 3.0, 5.0], [0])
    >>> np.round(coef, 12).tolist(), round(intercept, 12)
    ([2.0], 1.0)
    """
    return _fit(X[:, features], y)


def _positive_rss(value, name):
    if isinstance(value, (bool, np.bool_)) or not np.isscalar(value) \
            or np.asarray(value).dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a number > 0; got {type(value).__name__} {value!r:.40}")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite number > 0; got {value!r}")
    return float(value)


_positive_rss.kind = "real"


def _fits(args):
    """Relation: the model has fewer parameters than samples, and a positive RSS."""
    if args["n_params"] >= args["n_samples"]:
        raise ValueError(f"n_params ({args['n_params']}) must be less than n_samples "
                         f"({args['n_samples']}): the fit would be exact")


_IC = dict(rss=_positive_rss, n_samples=integer(2), n_params=integer(1),
           kind=options("aic", "bic"))


@validate(_fits, **_IC)
def information_criterion(rss, n_samples, n_params, kind="aic"):
    r"""Gaussian AIC or BIC of a least-squares fit from its residual sum of squares.

    With the noise variance at its maximum-likelihood value :math:`\mathrm{RSS}/n`,
    the log-likelihood is :math:`\ell = -\frac n2\bigl(\log(2\pi\,\mathrm{RSS}/n) + 1\bigr)`, and

    .. math:: \mathrm{AIC} = -2\ell + 2k, \qquad \mathrm{BIC} = -2\ell + k\log n,

    with :math:`k` the fitted coefficients, intercept included (statsmodels'
    ``OLS(...).fit().aic`` and ``.bic``). Lower is better; only differences matter.

    Examples
    --------
    >>> n = 10
    >>> aic = information_criterion(10.0, n, 2)          # RSS/n = 1
    >>> bool(np.isclose(aic, n * (np.log(2 * np.pi) + 1) + 4))
    True
    """
    minus_2_loglik = n_samples * (np.log(2 * np.pi * rss / n_samples) + 1)
    penalty = 2 * n_params if kind == "aic" else n_params * np.log(n_samples)
    return float(minus_2_loglik + penalty)


def _neg_mse(m, X, y):
    return -float(np.mean((y - X @ m[0] - m[1]) ** 2))


def _criterion(X, y, features, criterion, folds):
    Xs = X[:, features]
    if criterion == "cv":
        return -float(np.mean([_neg_mse(_fit(Xs[tr], y[tr]), Xs[te], y[te])
                               for tr, te in folds]))        # cross_validate, unchecked
    return information_criterion(_rss(Xs, y), len(y), len(features) + 1, criterion)


def _folds_rows(args):
    """Relation: the folds index the rows of X (default: 5 consecutive folds)."""
    n = args["X"].shape[0]
    if args["folds"] is None:
        return {"folds": cv.kfold(n, min(5, n))}
    for i, (train, test) in enumerate(args["folds"]):
        if min(train.min(), test.min()) < 0 or max(train.max(), test.max()) >= n:
            raise ValueError(f"folds[{i}] has indices outside the {n} rows of X")


_CRITERION = dict(criterion=options("cv", "aic", "bic"), folds=optional(cv._folds))


@validate(_columns_of_X, _rows, _folds_rows, **_DATA, features=_features, **_CRITERION)
def subset_criterion(X, y, features, criterion="cv", folds=None):
    r"""Score the least-squares model on the columns ``features``; lower is better.

    ``"cv"`` is the mean squared error on the validation folds (each fold fitted
    on the others; default: 5 consecutive folds), ``"aic"`` and ``"bic"`` the
    information criteria of the fit to all rows (:func:`information_criterion`).
    An empty ``features`` is the intercept-only model, which predicts the mean.

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> subset_criterion(X, [0.0, 2.0, 4.0, 6.0], [0], "cv", cv.kfold(4, 2)) < 1e-20
    True
    >>> round(subset_criterion(X, [0.0, 2.0, 4.0, 6.0], [], "cv", cv.kfold(4, 2)), 9)
    17.0
    """
    return _criterion(X, y, features, criterion, folds)


@dataclass(frozen=True)
class StepwiseResult:
    """What :func:`stepwise` chose.

    Attributes
    ----------
    features : list of int
        The chosen columns, in the order they were added (forward) or, backward,
        the columns left, in increasing order.
    steps : list of int
        The column added (forward) or removed (backward) at each step.
    path : list of float
        The criterion of the starting model, then after each step (lower is better).
    """

    features: list
    steps: list
    path: list


def _how_many(args):
    """Relation: ``n_features`` is at most the number of columns."""
    k, p = args["n_features"], args["X"].shape[1]
    if k is not None and k > p:
        raise ValueError(f"n_features ({k}) must be at most the number of columns of X ({p})")


_HOW = dict(direction=options("forward", "backward"), n_features=optional(integer(0)))


@validate(_rows, _how_many, _folds_rows, **_DATA, **_HOW, **_CRITERION)
def stepwise(X, y, direction="forward", criterion="cv", n_features=None, folds=None):
    r"""Forward or backward stepwise selection of least-squares features by a criterion.

    Forward starts from the intercept alone and adds, at each step, the column
    whose addition gives the lowest criterion; backward starts from all columns
    and removes the one whose removal does. With ``n_features`` it stops when
    that many columns are in the model; without, when no step lowers the criterion.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    direction : {"forward", "backward"}, default="forward"
    criterion : {"cv", "aic", "bic"}, default="cv"
        See :func:`subset_criterion`.
    n_features : int, optional
    folds : list of (train, test) index pairs, optional
        For ``criterion="cv"``; default 5 consecutive folds (scikit-learn's ``KFold(5)``).

    Returns
    -------
    StepwiseResult

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(60, 4))
    >>> y = 3 * X[:, 2] - 2 * X[:, 0] + rng.normal(scale=0.5, size=60)
    >>> stepwise(X, y, "forward", "bic").features
    [2, 0]
    >>> stepwise(X, y, "backward", "bic").features
    [0, 2]
    """
    chosen = [] if direction == "forward" else list(range(X.shape[1]))
    path, steps = [_criterion(X, y, chosen, criterion, folds)], []
    while len(chosen) != n_features:                  # None: until no step helps
        if direction == "forward":
            moves = [j for j in range(X.shape[1]) if j not in chosen]
            trials = [chosen + [j] for j in moves]
        else:
            moves = list(chosen)
            trials = [[c for c in chosen if c != j] for j in moves]
        values = [_criterion(X, y, t, criterion, folds) for t in trials]
        if not trials or (n_features is None and min(values) >= path[-1]):
            break
        best = int(np.argmin(values))                 # the first of equal values
        chosen, path, steps = trials[best], path + [values[best]], steps + [moves[best]]
    return StepwiseResult(chosen, steps, path)
