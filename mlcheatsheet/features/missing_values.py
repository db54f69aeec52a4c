r"""Missing values and correlation: imputation with indicator columns, pairwise-complete correlations.

A missing entry is ``NaN``. :class:`SimpleImputer` learns one fill value per
column from the observed training entries (their mean, median or most frequent
value, or a constant) and, with ``add_indicator=True``, appends a 0/1 column
per feature that had missing training entries, so a model can learn that
*being missing* says something — it often does, when the chance of a value
being missing depends on the value. :func:`missing_indicator` is that mask on
its own. The results equal scikit-learn's ``SimpleImputer`` and
``MissingIndicator``.

:func:`correlation_matrix` is ``pandas.DataFrame.corr``: Pearson's or
Spearman's correlation of every pair of columns
(:func:`mlcheatsheet.math.statistics.pearson`, :func:`~mlcheatsheet.math.statistics.spearman`),
each computed on the rows where both are observed.
:func:`mutual_information_score` measures dependence of any shape between two
discrete features (a category, a bin number, a class), in nats, exactly as
scikit-learn's ``mutual_info_score``.
"""

import numpy as np

from .._validation import (_as_numeric_array, _describe, array, flag, options, real,
                           same_length, validate)
from ..math.information import mutual_information
from ..math.statistics import pearson, spearman

__all__ = ["missing_indicator", "SimpleImputer", "correlation_matrix", "mutual_information_score"]


def _with_missing(value, name):
    """Spec: a non-empty 2-D float array; NaN marks a missing entry, infinities are refused."""
    X = _as_numeric_array(value, name, bool_ok=False)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array (n_samples, n_features), NaN "
                         f"for a missing entry; got {_describe(X)}")
    if np.isinf(X).any():
        raise ValueError(f"{name} must not contain infinities (NaN marks a missing entry); it "
                         f"has {int(np.isinf(X).sum())}")
    return X


_with_missing.kind = "array"


@validate(X=_with_missing)
def missing_indicator(X):
    """The 0/1 mask of the missing entries of the columns that have any.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        ``NaN`` marks a missing entry.

    Returns
    -------
    mask : ndarray of shape (n_samples, n_missing_features)
        1.0 where an entry is missing, for the columns ``features`` only.
    features : ndarray of int
        The columns with at least one missing entry (scikit-learn's
        ``MissingIndicator(features="missing-only").features_``).

    Examples
    --------
    >>> mask, features = missing_indicator([[1.0, np.nan], [2.0, 3.0], [np.nan, np.nan]])
    >>> mask.tolist(), features.tolist()
    ([[0.0, 1.0], [0.0, 0.0], [1.0, 1.0]], [0, 1])
    """
    missing = np.isnan(X)
    features = np.flatnonzero(missing.any(axis=0))
    return missing[:, features].astype(float), features


def _most_frequent(column):
    """The most frequent value; the smallest of those tied (scikit-learn's rule)."""
    values, counts = np.unique(column, return_counts=True)
    return values[np.argmax(counts)]


def _fitted(args):
    """Relation: the imputer was fitted, on rows with as many columns as ``X``."""
    self, X = args["self"], args["X"]
    if self.statistics_ is None:
        raise ValueError("X cannot be imputed yet: call fit(X_train) on the training rows first")
    if X.shape[1] != len(self.statistics_):
        raise ValueError(f"X must have {len(self.statistics_)} columns, as the rows the imputer "
                         f"was fitted on; got shape {X.shape}")


def _observed_somewhere(args):
    """Relation: every column has an observed entry to learn from (unless filling a constant)."""
    X = args["X"]
    empty = np.flatnonzero(np.isnan(X).all(axis=0))
    if empty.size and args["self"].strategy != "constant":
        raise ValueError(f"X[:, {int(empty[0])}] has no observed entry, so there is no "
                         f"{args['self'].strategy} to fill it with; drop the column or use "
                         "strategy='constant'")


class SimpleImputer:
    """Fill each column's missing entries with a statistic of its observed training entries.

    Parameters
    ----------
    strategy : {"mean", "median", "most_frequent", "constant"}, default="mean"
    fill_value : float, default=0.0
        The value for ``strategy="constant"``.
    add_indicator : bool, default=False
        Append :func:`missing_indicator`'s columns, for the features that had
        missing entries in the training rows.

    Attributes
    ----------
    statistics_ : ndarray of shape (n_features,) or None
        The fill values learned by :meth:`fit`.
    indicator_features_ : ndarray of int or None
        The columns whose indicators :meth:`transform` appends.

    Examples
    --------
    >>> imputer = SimpleImputer("median", add_indicator=True).fit([[1.0], [np.nan], [10.0], [4.0]])
    >>> imputer.statistics_.tolist()
    [4.0]
    >>> imputer.transform([[np.nan], [2.0]]).tolist()      # filled, then the indicator
    [[4.0, 1.0], [2.0, 0.0]]
    """

    @validate(strategy=options("mean", "median", "most_frequent", "constant"), fill_value=real,
              add_indicator=flag)
    def __init__(self, strategy="mean", fill_value=0.0, add_indicator=False):
        self.strategy, self.fill_value, self.add_indicator = strategy, fill_value, add_indicator
        self.statistics_ = self.indicator_features_ = None

    @validate(_observed_somewhere, X=_with_missing)
    def fit(self, X):
        """Learn the fill value of every column from its observed training entries; return ``self``.

        Examples
        --------
        >>> SimpleImputer("most_frequent").fit([[2.0], [1.0], [2.0], [np.nan]]).statistics_.tolist()
        [2.0]
        """
        observed = [column[~np.isnan(column)] for column in X.T]
        if self.strategy == "mean":
            self.statistics_ = np.array([column.mean() for column in observed])
        elif self.strategy == "median":
            self.statistics_ = np.array([np.median(column) for column in observed])
        elif self.strategy == "most_frequent":
            self.statistics_ = np.array([_most_frequent(column) for column in observed])
        else:
            self.statistics_ = np.full(X.shape[1], self.fill_value)
        self.indicator_features_ = missing_indicator(X)[1]
        return self

    @validate(_fitted, X=_with_missing)
    def transform(self, X):
        """Fill the missing entries with ``statistics_``; append the indicators if asked.

        Examples
        --------
        >>> SimpleImputer().fit([[1.0], [3.0]]).transform([[np.nan]]).tolist()
        [[2.0]]
        """
        missing = np.isnan(X)
        filled = np.where(missing, self.statistics_, X)
        if not self.add_indicator:
            return filled
        return np.hstack([filled, missing[:, self.indicator_features_].astype(float)])

    @validate(_observed_somewhere, X=_with_missing)
    def fit_transform(self, X):
        """:meth:`fit` on ``X``, then :meth:`transform` it: for the training rows only.

        Examples
        --------
        >>> SimpleImputer("constant", fill_value=-1.0).fit_transform([[np.nan, 2.0]]).tolist()
        [[-1.0, 2.0]]
        """
        return self.fit(X).transform(X)


def _pair(x, y, method):
    """The correlation of two columns on their complete rows; NaN if it is undefined."""
    both = ~(np.isnan(x) | np.isnan(y))
    a, b = x[both], y[both]
    if len(a) < 2 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return np.nan
    return pearson(a, b) if method == "pearson" else spearman(a, b)


@validate(X=_with_missing, method=options("pearson", "spearman"))
def correlation_matrix(X, method="pearson"):
    r"""The correlation of every pair of columns, each pair on the rows where both are observed.

    .. math:: R_{jk} = \operatorname{corr}\bigl(x_{\cdot j}, x_{\cdot k}\bigr)
              \text{ over } \{i : x_{ij}, x_{ik} \text{ observed}\}

    This is ``pandas.DataFrame.corr(method)``, the MLCC notes' ``dataframe.corr()``:
    *pairwise-complete* correlations. Different entries can therefore rest on
    different rows, and the matrix need not be positive semidefinite when
    many entries are missing.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        ``NaN`` marks a missing entry.
    method : {"pearson", "spearman"}, default="pearson"

    Returns
    -------
    ndarray of shape (n_features, n_features)
        Symmetric; ``NaN`` where a pair has fewer than two complete rows or a
        column is constant on them (so is the diagonal of such a column).

    Examples
    --------
    >>> correlation_matrix([[1.0, 2.0], [2.0, np.nan], [3.0, 7.0], [4.0, 8.0]]).round(3).tolist()
    [[1.0, 0.99], [0.99, 1.0]]
    """
    p = X.shape[1]
    R = np.empty((p, p))
    for j in range(p):
        for k in range(j, p):
            R[j, k] = R[k, j] = _pair(X[:, j], X[:, k], method)
    return R


_codes = array(ndim=1, bool_ok=True)


@validate(x=_codes, y=_codes, _=same_length("x", "y"))
def mutual_information_score(x, y):
    r"""The mutual information of two discrete features, from paired samples, in nats.

    The table of how often each pair of values occurs, divided by the number
    of samples, is the empirical joint distribution :math:`\hat P(x, y)`, and
    :math:`I = \sum \hat P(x, y) \ln \frac{\hat P(x, y)}{\hat P(x)\hat P(y)}`
    (:func:`mlcheatsheet.math.information.mutual_information` of that table).
    It is 0 exactly when the table is the product of its margins, and at most
    the smaller of the two entropies. Estimated from few samples per cell it
    is biased upwards: about :math:`(K_x - 1)(K_y - 1) / (2n)` for independent
    features with :math:`K_x` and :math:`K_y` values.

    Parameters
    ----------
    x, y : array_like of shape (n_samples,)
        Codes of the values: categories as integers, bin numbers, class labels.

    Returns
    -------
    float
        scikit-learn's ``sklearn.metrics.mutual_info_score(x, y)``.

    Examples
    --------
    >>> round(mutual_information_score([0, 0, 1, 1], [5, 5, 7, 7]), 6)  # a copy: ln 2
    0.693147
    >>> mutual_information_score([0, 0, 1, 1], [5, 7, 5, 7])           # independent
    0.0
    """
    _, x_codes = np.unique(x, return_inverse=True)
    _, y_codes = np.unique(y, return_inverse=True)
    counts = np.zeros((x_codes.max() + 1, y_codes.max() + 1))
    np.add.at(counts, (x_codes, y_codes), 1)
    return float(mutual_information(counts / len(x), base=np.e))
