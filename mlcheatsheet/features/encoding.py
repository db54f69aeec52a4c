r"""Encoding categories and bins: one-hot, ordinal, the hashing trick, binning and feature crosses.

A linear model multiplies every feature by a weight, so a category must become
numbers first. :class:`OneHotEncoder` gives each category seen in training its
own 0/1 column (and an unseen category either an error or a row of zeros);
:class:`OrdinalEncoder` gives it one integer code, which only makes sense when
the categories have an order. :func:`hash_features` (the *hashing trick*) maps
``column=value`` tokens to a fixed number of columns with MurmurHash3
(:func:`murmurhash3_32`, the hash scikit-learn's ``FeatureHasher`` uses, so the
columns agree with it exactly) and never needs the list of categories.
:func:`bin_edges` and :func:`bin_index` cut a number into uniform or quantile
bins, and :func:`cross` multiplies indicator columns pairwise so that a linear
model can weigh combinations (latitude bin × longitude bin, or the sign of
:math:`x_1` × the sign of :math:`x_2`, which is XOR). :func:`cyclical` puts a
periodic value (an hour, a month, a weekday) on the unit circle, so that 23:00
and 01:00 are neighbours.
"""

import numbers

import numpy as np

from .._validation import (_describe, flag, integer, matrix, optional, options, positive, real,
                           size, validate, vector)

__all__ = ["OneHotEncoder", "OrdinalEncoder", "murmurhash3_32", "hash_features",
           "bin_edges", "bin_index", "cross", "cyclical"]


def _categories(value, name):
    """Spec: a 2-D array of categories (strings or integers), one column per feature."""
    if isinstance(value, (str, bytes)) or value is None or callable(value):
        raise TypeError(f"{name} must be a 2-D array of categories (strings or integers); "
                        f"got {_describe(value)}")
    try:
        X = np.asarray(value, dtype=object)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a rectangular 2-D array; got {exc}") from None
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array (n_samples, n_features) of "
                         f"categories; got shape {X.shape}")
    for v in X.ravel():
        is_int = isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))
        if not (isinstance(v, str) or is_int):
            raise TypeError(f"{name} must hold strings or integers (bin numbers first with "
                            f"bin_index); it holds {_describe(v)}")
    return X


_categories.kind = "array"


class _Fitted:
    """Shared check: transform after fit, with the fitted number of columns."""

    categories_ = None

    def _check(self, X):
        if self.categories_ is None:
            raise ValueError("X cannot be transformed yet: call fit(X_train) first")
        if X.shape[1] != len(self.categories_):
            raise ValueError(f"X must have {len(self.categories_)} columns, as the rows the "
                             f"encoder was fitted on; got shape {X.shape}")


def _known(args):
    """Relation: every category of ``X`` was seen by ``fit``, unless unknown ones are allowed."""
    self, X = args["self"], args["X"]
    self._check(X)
    if getattr(self, "handle_unknown", "error") == "ignore" or \
            getattr(self, "unknown_value", None) is not None:
        return
    hint = ("use handle_unknown='ignore' to encode it as zeros" if hasattr(self, "handle_unknown")
            else "set unknown_value to encode it")
    for j, known in enumerate(self.categories_):
        unknown = [v for v in X[:, j] if v not in known]
        if unknown:
            raise ValueError(f"X[:, {j}] holds the category {unknown[0]!r}, which fit never saw; "
                             f"known: {known} ({hint})")


def _sorted_categories(X):
    """Per column, the distinct values in sorted order (scikit-learn's ``categories='auto'``)."""
    return [sorted(set(column.tolist()), key=lambda v: (isinstance(v, str), v)) for column in X.T]


class OneHotEncoder(_Fitted):
    r"""One 0/1 column per category seen in training; an unknown category raises or is all zeros.

    Parameters
    ----------
    handle_unknown : {"error", "ignore"}, default="error"
        What :meth:`transform` does with a category :meth:`fit` never saw:
        raise a ``ValueError`` naming it, or give it zeros in every column of
        its feature.
    drop_first : bool, default=False
        Leave out each feature's first category (its rows are all zeros). With
        an intercept, the full set of columns of a feature sums to the
        intercept's column of ones, so their weights are not identifiable; one
        column less removes that.

    Attributes
    ----------
    categories_ : list of lists
        The sorted categories of each column, learned by :meth:`fit`.

    Examples
    --------
    >>> enc = OneHotEncoder(handle_unknown="ignore").fit([["red"], ["green"], ["red"]])
    >>> enc.categories_
    [['green', 'red']]
    >>> enc.transform([["red"], ["blue"]]).tolist()       # blue was never seen: zeros
    [[0.0, 1.0], [0.0, 0.0]]
    """

    @validate(handle_unknown=options("error", "ignore"), drop_first=flag)
    def __init__(self, handle_unknown="error", drop_first=False):
        self.handle_unknown, self.drop_first = handle_unknown, drop_first

    @validate(X=_categories)
    def fit(self, X):
        """Learn the sorted categories of every column of the training rows; return ``self``.

        Examples
        --------
        >>> OneHotEncoder().fit([[3, "a"], [1, "b"], [3, "a"]]).categories_
        [[1, 3], ['a', 'b']]
        """
        self.categories_ = _sorted_categories(X)
        return self

    @validate(_known, X=_categories)
    def transform(self, X):
        r"""The indicator matrix: column ``(j, c)`` is 1 where feature ``j`` equals ``c``.

        Returns
        -------
        ndarray of shape (n_samples, :math:`\sum_j K_j`)
            :math:`K_j` categories of feature :math:`j` (one less with ``drop_first``),
            the columns of feature 0 first.

        Examples
        --------
        >>> OneHotEncoder().fit([["a"], ["b"]]).transform([["c"]])
        Traceback (most recent call last):
        ...
        ValueError: X[:, 0] holds the category 'c', which fit never saw; known: ['a', 'b'] (use handle_unknown='ignore' to encode it as zeros)
        """
        blocks = []
        for j, known in enumerate(self.categories_):
            block = np.array([[float(v == c) for c in known] for v in X[:, j]])
            blocks.append(block[:, 1:] if self.drop_first else block)
        return np.hstack(blocks)

    @validate(X=_categories)
    def fit_transform(self, X):
        """:meth:`fit` on ``X``, then :meth:`transform` it.

        Examples
        --------
        >>> OneHotEncoder(drop_first=True).fit_transform([["a"], ["b"], ["c"]]).tolist()
        [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]
        """
        return self.fit(X).transform(X)


class OrdinalEncoder(_Fitted):
    """One integer code per category, 0, 1, 2, ... in sorted order; for ordered categories.

    Parameters
    ----------
    unknown_value : float, optional
        The code :meth:`transform` gives a category :meth:`fit` never saw
        (e.g. -1); by default an unknown category raises a ``ValueError``.

    Attributes
    ----------
    categories_ : list of lists
        The sorted categories of each column; a category's code is its position.

    Examples
    --------
    >>> enc = OrdinalEncoder(unknown_value=-1).fit([["low"], ["high"], ["mid"]])
    >>> enc.categories_, enc.transform([["mid"], ["huge"]]).tolist()
    ([['high', 'low', 'mid']], [[2.0], [-1.0]])
    """

    @validate(unknown_value=optional(real))
    def __init__(self, unknown_value=None):
        self.unknown_value = unknown_value

    @validate(X=_categories)
    def fit(self, X):
        """Learn the sorted categories of every column of the training rows; return ``self``.

        Examples
        --------
        >>> OrdinalEncoder().fit([[2], [0], [2]]).categories_
        [[0, 2]]
        """
        self.categories_ = _sorted_categories(X)
        return self

    @validate(_known, X=_categories)
    def transform(self, X):
        """Each category's position in ``categories_`` (``unknown_value`` if it is not there).

        Examples
        --------
        >>> OrdinalEncoder().fit([["b"], ["a"]]).transform([["a"], ["b"]]).tolist()
        [[0.0], [1.0]]
        """
        codes = np.empty(X.shape)
        for j, known in enumerate(self.categories_):
            lookup = {c: i for i, c in enumerate(known)}
            codes[:, j] = [lookup.get(v, self.unknown_value) for v in X[:, j]]
        return codes

    @validate(X=_categories)
    def fit_transform(self, X):
        """:meth:`fit` on ``X``, then :meth:`transform` it.

        Examples
        --------
        >>> OrdinalEncoder().fit_transform([["b"], ["a"], ["b"]]).ravel().tolist()
        [1.0, 0.0, 1.0]
        """
        return self.fit(X).transform(X)


def _bytes(value, name):
    """Spec: a ``bytes`` object (text must be encoded first, e.g. ``"cat".encode()``)."""
    if not isinstance(value, (bytes, bytearray)):
        raise TypeError(f"{name} must be bytes, e.g. 'cat'.encode('utf-8'); got {_describe(value)}")
    return bytes(value)


_M32 = 0xFFFFFFFF


def _rotl(x, r):
    return ((x << r) | (x >> (32 - r))) & _M32


def _fmix(h):
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _M32
    return h ^ (h >> 16)


@validate(data=_bytes, seed=integer(0, _M32))
def murmurhash3_32(data, seed=0):
    """MurmurHash3 (x86, 32-bit) of ``data``, as a signed 32-bit integer.

    Austin Appleby's hash, the one scikit-learn's ``FeatureHasher`` and
    ``sklearn.utils.murmurhash3_32`` use: the body mixes each 4-byte
    little-endian block into the state, the tail takes the last 1–3 bytes, and
    a final avalanche (``_fmix``) spreads every input bit over the output.

    Parameters
    ----------
    data : bytes
        What to hash (text: ``text.encode("utf-8")``).
    seed : int, default=0
        The initial state, from 0 to 2**32 - 1.

    Returns
    -------
    int
        From -2**31 to 2**31 - 1.

    Examples
    --------
    >>> murmurhash3_32(b"cat"), murmurhash3_32(b""), murmurhash3_32(b"abcd", seed=5)
    (1751422759, 0, -1451817656)
    """
    c1, c2 = 0xCC9E2D51, 0x1B873593
    h = seed
    n_blocks = len(data) // 4
    for i in range(n_blocks):
        k = int.from_bytes(data[4 * i: 4 * i + 4], "little")
        k = (_rotl((k * c1) & _M32, 15) * c2) & _M32
        h = (_rotl(h ^ k, 13) * 5 + 0xE6546B64) & _M32
    tail = data[4 * n_blocks:]
    if tail:
        k = int.from_bytes(tail, "little")
        h ^= (_rotl((k * c1) & _M32, 15) * c2) & _M32
    h = _fmix(h ^ len(data))
    return h - 2**32 if h >= 2**31 else h


@validate(X=_categories, n_features=size(), alternate_sign=flag)
def hash_features(X, n_features=2**20, alternate_sign=True):
    r"""The hashing trick: each token ``"j=value"`` adds :math:`\pm 1` to column :math:`|h| \bmod m`.

    .. math:: \phi_k(x_i) = \sum_{j:\ |h(t_{ij})| \bmod m = k} \operatorname{sign} h(t_{ij}),
              \qquad t_{ij} = \texttt{"j=}x_{ij}\texttt{"}

    with :math:`h` = :func:`murmurhash3_32` of the UTF-8 token and
    :math:`m` = ``n_features``. No list of categories is stored, an unseen
    category gets a column like any other, and the width is fixed; the price is
    that tokens which land in the same column share a weight (a *collision*).
    The sign (``alternate_sign``) makes collisions cancel on average instead of
    adding up, so inner products are preserved in expectation.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features_in)
        Categories (strings or integers).
    n_features : int, default=2**20
        The number of columns :math:`m`.
    alternate_sign : bool, default=True
        Add :math:`\operatorname{sign} h` instead of 1.

    Returns
    -------
    ndarray of shape (n_samples, n_features)
        The same as scikit-learn's ``FeatureHasher(n_features,
        input_type="dict").transform`` of the rows ``{"j": str(x_ij)}``, densified.

    Examples
    --------
    >>> hash_features([["cat", "red"], ["dog", "red"]], n_features=4).tolist()
    [[-1.0, -1.0, 0.0, 0.0], [-1.0, 1.0, 0.0, 0.0]]
    """
    out = np.zeros((X.shape[0], n_features))
    for (i, j), value in np.ndenumerate(X):
        h = murmurhash3_32(f"{j}={value}".encode("utf-8"))
        index = abs(h) % n_features if h > -2**31 else (2**31 - n_features) % n_features
        sign = (1.0 if h >= 0 else -1.0) if alternate_sign else 1.0
        out[i, index] += sign
    return out


@validate(x=vector, n_bins=integer(1, 10_000), strategy=options("uniform", "quantile"))
def bin_edges(x, n_bins=5, strategy="uniform"):
    r"""The :math:`K + 1` edges of ``n_bins`` = :math:`K` bins of a training feature.

    ``"uniform"``: equal widths from :math:`\min x` to :math:`\max x`.
    ``"quantile"``: the :math:`k/K` quantiles (linear interpolation), so every
    bin holds about the same number of training values; repeated edges (from
    tied values) are merged, so there may be fewer bins.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
        Training values.
    n_bins : int, default=5
    strategy : {"uniform", "quantile"}, default="uniform"

    Returns
    -------
    ndarray of shape (n_bins + 1,) or shorter

    Examples
    --------
    >>> bin_edges([0.0, 1.0, 2.0, 10.0], n_bins=2).tolist()
    [0.0, 5.0, 10.0]
    >>> bin_edges([0.0, 1.0, 2.0, 10.0], n_bins=2, strategy="quantile").tolist()
    [0.0, 1.5, 10.0]
    """
    if strategy == "uniform":
        return np.linspace(x.min(), x.max(), n_bins + 1)
    return np.unique(np.quantile(x, np.linspace(0.0, 1.0, n_bins + 1)))


def _increasing(value, name):
    """Spec: a vector of at least two strictly increasing edges."""
    edges = vector(value, name)
    if edges.size < 2 or np.any(np.diff(edges) <= 0):
        raise ValueError(f"{name} must hold at least two strictly increasing edges; "
                         f"got {edges.tolist()[:6]}")
    return edges


_increasing.kind = "array"


@validate(x=vector, edges=_increasing)
def bin_index(x, edges):
    """The bin of each value: 0 to ``len(edges) - 2``; values outside the edges go to the end bins.

    Only the inner edges decide (``searchsorted`` on them, ``side="right"``, as
    scikit-learn's ``KBinsDiscretizer``): a value equal to an inner edge goes to
    the bin on its right, and a new value below the training minimum or above
    the maximum lands in the first or last bin rather than in none.

    Examples
    --------
    >>> bin_index([-3.0, 0.0, 4.9, 5.0, 99.0], [0.0, 5.0, 10.0]).tolist()
    [0, 0, 0, 1, 1]
    """
    return np.searchsorted(edges[1:-1], x, side="right")


def _same_rows(args):
    """Relation: ``A`` and ``B`` describe the same samples."""
    if args["A"].shape[0] != args["B"].shape[0]:
        raise ValueError(f"A and B must have the same number of rows; got {args['A'].shape[0]} "
                         f"and {args['B'].shape[0]}")


@validate(_same_rows, A=matrix, B=matrix)
def cross(A, B):
    r"""The feature cross of two blocks: every product :math:`a_{ij}\,b_{ik}`, ``A``'s index outer.

    For one-hot blocks each product is the indicator of a *pair* of categories
    (a logical AND): crossing 4 latitude bins with 5 longitude bins gives 20 grid
    cells. For numbers it is the interaction :math:`x_1 x_2`.

    Returns
    -------
    ndarray of shape (n_samples, A.shape[1] * B.shape[1])
        Column ``j * B.shape[1] + k`` is ``A[:, j] * B[:, k]``.

    Examples
    --------
    >>> cross([[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [0.0, 1.0]]).tolist()
    [[0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]]
    """
    return (A[:, :, None] * B[:, None, :]).reshape(len(A), -1)


@validate(x=vector, period=positive)
def cyclical(x, period):
    r"""A periodic value as a point on the unit circle: sin and cos of 2π x / period.

    An hour of the day as one number puts 23 and 0 at opposite ends of the
    scale, although they are an hour apart. On the circle the distance between
    two values is the chord :math:`2\,\lvert\sin(\pi\,\Delta / P)\rvert`, which
    depends only on how far apart they are around the cycle, and a linear model
    on the two columns can place the peak of a daily (or yearly) pattern at any
    phase: :math:`a\sin\theta + b\cos\theta = r\cos(\theta - \varphi)`.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
        The values: hours 0 to 23 with ``period=24``, months 1 to 12 as
        ``month - 1`` with ``period=12``, angles in degrees with ``period=360``.
    period : float
        The length :math:`P` of one cycle.

    Returns
    -------
    ndarray of shape (n_samples, 2)
        Columns :math:`\sin(2\pi x / P)` and :math:`\cos(2\pi x / P)`.

    Examples
    --------
    >>> cyclical([6.0], period=24).round(3).tolist()         # 06:00: a quarter turn
    [[1.0, 0.0]]
    >>> points = cyclical([23.0, 1.0, 12.0], period=24)
    >>> round(float(np.linalg.norm(points[0] - points[1])), 4)  # 23:00 to 01:00
    0.5176
    >>> round(float(np.linalg.norm(points[1] - points[2])), 4)  # 01:00 to 12:00
    1.9829
    """
    angle = 2 * np.pi * x / period
    return np.column_stack([np.sin(angle), np.cos(angle)])
