r"""Feature scaling: standardization, min–max and robust scaling, log and clipping transforms.

Every scaler is an affine map per column, :math:`x \mapsto (x - c_j)/s_j`, and
differs only in the centre :math:`c_j` and scale :math:`s_j` it learns:
:func:`standard_params` (mean and standard deviation), :func:`minmax_params`
(so that the training column spans a chosen interval) and :func:`robust_params`
(median and interquartile range). :class:`Scaler` learns them with
:meth:`Scaler.fit` on the **training rows only** and applies the same numbers to
any later rows with :meth:`Scaler.transform`, which is what keeps the test rows
out of training. :func:`log1p_transform` compresses a long right tail, and
:func:`clip_bounds` / :func:`clip` cap outliers at quantiles of the training
rows. The results agree with scikit-learn's ``StandardScaler``, ``MinMaxScaler``
and ``RobustScaler`` (the tests check them to :math:`10^{-12}`).
"""

import numpy as np

from .._validation import array, as_float_array, matrix, options, validate
from ..basics.linear_regression import normalize_features

__all__ = ["standard_params", "minmax_params", "robust_params", "Scaler",
           "log1p_transform", "clip_bounds", "clip"]


def _increasing_pair(low, high, what):
    """Spec: two finite numbers ``(a, b)`` with ``low <= a < b <= high``."""
    def spec(value, name):
        pair = as_float_array(value, name, ndim=1)
        if pair.shape != (2,) or not (low <= pair[0] < pair[1] <= high):
            raise ValueError(f"{name} must be a pair (a, b) with {what}; got {pair.tolist()}")
        return float(pair[0]), float(pair[1])

    spec.kind = "array"
    return spec


_RANGE = _increasing_pair(-np.inf, np.inf, "a < b")
_PERCENTILES = _increasing_pair(0.0, 100.0, "0 <= a < b <= 100 (percentiles)")
_QUANTILES = _increasing_pair(0.0, 1.0, "0 <= a < b <= 1 (quantiles)")


def _nonzero(spread):
    """A constant column has spread 0: scale it by 1 instead (scikit-learn's rule)."""
    return np.where(spread == 0, 1.0, spread)


@validate(X=matrix)
def standard_params(X):
    r"""Centre and scale of standardization (z-scores): each column's mean and standard deviation.

    .. math:: z_{ij} = \frac{x_{ij} - \mu_j}{\sigma_j},\qquad
              \sigma_j^2 = \frac1n\sum_i (x_{ij} - \mu_j)^2

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Training rows.

    Returns
    -------
    center, scale : ndarray of shape (n_features,)
        The mean and the population standard deviation (divided by :math:`n`, as
        scikit-learn's ``StandardScaler``); a constant column gets scale 1.

    Examples
    --------
    >>> center, scale = standard_params([[90.0], [100.0], [110.0], [100.0]])
    >>> center.tolist(), scale.round(4).tolist()
    ([100.0], [7.0711])
    """
    _, center, scale = normalize_features(X, method="std")
    return center, scale


@validate(X=matrix, feature_range=_RANGE)
def minmax_params(X, feature_range=(0.0, 1.0)):
    r"""Centre and scale that map each column's minimum to ``a`` and its maximum to ``b``.

    .. math:: x' = a + (b - a)\,\frac{x - \min_j}{\max_j - \min_j}
              = \frac{x - c_j}{s_j},\quad s_j = \frac{\max_j - \min_j}{b - a},\
              c_j = \min_j - a\,s_j

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Training rows.
    feature_range : (float, float), default=(0, 1)
        The interval ``(a, b)``, ``a < b``, the training column is mapped onto.

    Returns
    -------
    center, scale : ndarray of shape (n_features,)
        A constant column gets range 1 (it maps to ``a``).

    Examples
    --------
    >>> center, scale = minmax_params([[2.0], [4.0], [10.0]], feature_range=(-1, 1))
    >>> center.tolist(), scale.tolist()
    ([6.0], [4.0])
    """
    a, b = feature_range
    low = X.min(axis=0)
    scale = _nonzero(X.max(axis=0) - low) / (b - a)
    return low - a * scale, scale


@validate(X=matrix, quantile_range=_PERCENTILES)
def robust_params(X, quantile_range=(25.0, 75.0)):
    r"""Centre and scale of robust scaling: each column's median and interquartile range.

    .. math:: x' = \frac{x - \operatorname{median}_j}{Q_3(x_j) - Q_1(x_j)}

    A few huge values move the mean and the standard deviation a lot, the median
    and the quartiles hardly at all.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Training rows.
    quantile_range : (float, float), default=(25, 75)
        The percentiles whose difference is the scale (linear interpolation, as
        ``numpy.percentile`` and scikit-learn's ``RobustScaler``).

    Returns
    -------
    center, scale : ndarray of shape (n_features,)
        A column whose two percentiles coincide gets scale 1.

    Examples
    --------
    >>> center, scale = robust_params([[1.0], [2.0], [3.0], [4.0], [1000.0]])
    >>> center.tolist(), scale.tolist()
    ([3.0], [2.0])
    """
    low, high = quantile_range
    q_low, median, q_high = np.percentile(X, [low, 50.0, high], axis=0)
    return median, _nonzero(q_high - q_low)


def _fitted_width(args):
    """Relation: ``X`` has as many columns as the rows the scaler was fitted on."""
    self, X = args["self"], args["X"]
    if self.center_ is None:
        raise ValueError("X cannot be transformed yet: call fit(X_train) on the training rows first")
    if X.shape[1] != len(self.center_):
        raise ValueError(f"X must have {len(self.center_)} columns, as the rows the scaler was "
                         f"fitted on; got shape {X.shape}")


class Scaler:
    r"""Learn a per-column centre and scale on training rows; apply them to any rows.

    Parameters
    ----------
    method : {"standard", "minmax", "robust"}, default="standard"
        Which of :func:`standard_params`, :func:`minmax_params` or
        :func:`robust_params` :meth:`fit` uses.
    feature_range : (float, float), default=(0, 1)
        For ``"minmax"``: the interval the training columns are mapped onto.
    quantile_range : (float, float), default=(25, 75)
        For ``"robust"``: the percentiles whose difference is the scale.

    Attributes
    ----------
    center_, scale_ : ndarray of shape (n_features,) or None
        Learned by :meth:`fit`; ``None`` before.

    Examples
    --------
    >>> scaler = Scaler("minmax").fit([[0.0], [10.0]])      # learned on the training rows
    >>> scaler.transform([[5.0], [20.0]]).tolist()          # a new row may fall outside [0, 1]
    [[0.5], [2.0]]
    """

    @validate(method=options("standard", "minmax", "robust"), feature_range=_RANGE,
              quantile_range=_PERCENTILES)
    def __init__(self, method="standard", feature_range=(0.0, 1.0), quantile_range=(25.0, 75.0)):
        self.method, self.feature_range, self.quantile_range = method, feature_range, quantile_range
        self.center_ = self.scale_ = None

    @validate(X=matrix)
    def fit(self, X):
        """Learn the centre and scale of every column of the training rows ``X``; return ``self``.

        Examples
        --------
        >>> Scaler("robust").fit([[1.0], [2.0], [3.0], [100.0]]).center_.tolist()
        [2.5]
        """
        if self.method == "standard":
            self.center_, self.scale_ = standard_params(X)
        elif self.method == "minmax":
            self.center_, self.scale_ = minmax_params(X, self.feature_range)
        else:
            self.center_, self.scale_ = robust_params(X, self.quantile_range)
        return self

    @validate(_fitted_width, X=matrix)
    def transform(self, X):
        """Return ``(X - center_) / scale_``, with the numbers learned by :meth:`fit`.

        Examples
        --------
        >>> Scaler().fit([[1.0], [3.0]]).transform([[2.0], [5.0]]).tolist()
        [[0.0], [3.0]]
        """
        return (X - self.center_) / self.scale_

    @validate(_fitted_width, X=matrix)
    def inverse_transform(self, X):
        """Undo :meth:`transform`: return ``X * scale_ + center_``.

        Examples
        --------
        >>> Scaler().fit([[1.0], [3.0]]).inverse_transform([[3.0]]).tolist()
        [[5.0]]
        """
        return X * self.scale_ + self.center_

    @validate(X=matrix)
    def fit_transform(self, X):
        """:meth:`fit` on ``X``, then :meth:`transform` it: for the training rows only.

        Examples
        --------
        >>> Scaler("minmax", feature_range=(-1, 1)).fit_transform([[2.0], [4.0], [10.0]]).tolist()
        [[-1.0], [-0.5], [1.0]]
        """
        return self.fit(X).transform(X)


def _above_minus_one(value, name):
    """Spec: a finite array whose entries are all greater than -1 (the domain of log1p)."""
    x = as_float_array(value, name)
    if np.any(x <= -1):
        raise ValueError(f"{name} must be greater than -1 everywhere (log1p's domain); its "
                         f"smallest entry is {x.min():g}")
    return x


_above_minus_one.kind = "array"


@validate(x=_above_minus_one)
def log1p_transform(x):
    r"""The log transform for nonnegative, right-skewed features: :math:`\log(1 + x)`.

    The ``1 +`` keeps zeros finite (:math:`\log 0 = -\infty`) and, for small
    :math:`x`, :math:`\log(1+x) \approx x`; ``numpy.log1p`` computes it
    without the rounding of ``log(1 + x)`` for tiny :math:`x`.

    Parameters
    ----------
    x : array_like
        Values greater than -1 (counts, amounts, durations).

    Returns
    -------
    ndarray of the same shape

    Examples
    --------
    >>> log1p_transform([0.0, 9.0, 99.0, 999.0]).round(3).tolist()
    [0.0, 2.303, 4.605, 6.909]
    """
    return np.log1p(x)


@validate(X=matrix, quantiles=_QUANTILES)
def clip_bounds(X, quantiles=(0.01, 0.99)):
    """Per-column lower and upper quantiles of the training rows: where :func:`clip` caps.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Training rows.
    quantiles : (float, float), default=(0.01, 0.99)
        The two quantile levels (linear interpolation, as ``numpy.quantile``).

    Returns
    -------
    low, high : ndarray of shape (n_features,)

    Examples
    --------
    >>> low, high = clip_bounds([[0.0], [1.0], [2.0], [3.0], [400.0]], quantiles=(0.0, 0.75))
    >>> low.tolist(), high.tolist()
    ([0.0], [3.0])
    """
    low, high = np.quantile(X, quantiles, axis=0)
    return low, high


def _bounds_fit_X(args):
    """Relation: one bound per column of ``X`` (or one for all), and ``low <= high``."""
    X, low, high = args["X"], args["low"], args["high"]
    for name, bound in (("low", low), ("high", high)):
        if bound.ndim > 1 or bound.size not in (1, X.shape[1]):
            raise ValueError(f"{name} must be one number or one per column of X ({X.shape[1]}); "
                             f"got shape {bound.shape}")
    if np.any(low > high):
        raise ValueError(f"low must not exceed high; got low={low.tolist()}, high={high.tolist()}")


@validate(_bounds_fit_X, X=matrix, low=array(), high=array())
def clip(X, low, high):
    """Cap every column of ``X`` at ``low`` from below and ``high`` from above.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    low, high : array_like of shape (n_features,) or a number
        The caps, e.g. from :func:`clip_bounds` on the training rows.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> clip([[-5.0, 1.0], [50.0, 2.0]], low=[0.0, 0.0], high=[10.0, 10.0]).tolist()
    [[0.0, 1.0], [10.0, 2.0]]
    """
    return np.clip(X, low, high)
