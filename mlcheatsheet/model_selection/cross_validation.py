r"""Splits and cross-validation: hold data out, fit on the rest, score what was held out.

Every splitter returns **indices**, never copies of the data, so one split serves
``X``, ``y`` and anything else aligned with them:

- :func:`split` cuts ``n_samples`` into parts of given fractions (70/30, 60/20/20),
  shuffled, optionally stratified by a label so each part keeps the class ratios;
- :func:`time_split` does the same without shuffling: the past trains, the future tests;
- :func:`group_split` cuts whole groups (patients, users, sessions), never one group in two;
- :func:`kfold`, :func:`stratified_kfold`, :func:`group_kfold`, :func:`leave_one_out`,
  :func:`repeated_kfold` and :func:`time_series_folds` return lists of
  ``(train, test)`` index pairs, the folds of scikit-learn's splitters of the same names;
- :func:`cross_validate` fits a model on each fold's training part and scores both parts;
- :func:`validation_curve` does that for each value of one hyperparameter;
- :func:`grid_search` does that for every combination of hyperparameters and keeps
  the best mean validation score.

A model is two functions: ``fit(X, y, **params) -> params_of_the_fitted_model`` and
``score(fitted, X, y) -> float`` (higher is better; return minus an error).
"""

import inspect
import itertools
import numbers
from dataclasses import dataclass

import numpy as np

from .._validation import (array, flag, function, integer, matrix, optional, rng, same_length,
                           size, validate, vector)

__all__ = [
    "split",
    "time_split",
    "group_split",
    "kfold",
    "stratified_kfold",
    "group_kfold",
    "leave_one_out",
    "repeated_kfold",
    "time_series_folds",
    "cross_validate",
    "validation_curve",
    "SearchResult",
    "grid_search",
]

labels = array(ndim=1, bool_ok=True)
labels.bool_ok = True


def _fractions(value, name):
    """Spec: two or more fractions > 0 that sum to 1."""
    f = vector(value, name)
    if f.size < 2 or np.any(f <= 0) or abs(f.sum() - 1) > 1e-9:
        raise ValueError(f"{name} must be two or more fractions > 0 that sum to 1; "
                         f"got {f.tolist()}")
    return f


_fractions.kind = "array"


def _fitted(value, name):
    """Spec for what ``fit`` returns: finite numbers (an array, a number, or a tuple of them)."""
    parts = value if isinstance(value, tuple) else (value,)
    for part in parts:
        if isinstance(part, (str, bytes)) or np.asarray(part).dtype.kind not in "biuf":
            raise TypeError(f"{name} must be the fitted parameters (arrays of numbers); "
                            f"got {type(part).__name__} {part!r:.40}")
        if not np.all(np.isfinite(part)):
            raise ValueError(f"{name} must be finite fitted parameters; got non-finite values")
    return value


def _score(value, name):
    """Spec for what ``score`` returns: a finite number."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {type(value).__name__} {value!r:.40}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value}")
    return float(value)


_MODEL = dict(fit=function(returns=_fitted), score=function(returns=_score))


def _folds(value, name):
    """Spec: a non-empty list of ``(train, test)`` pairs of integer index arrays."""
    if isinstance(value, (str, bytes, np.ndarray)) or not hasattr(value, "__len__") \
            or len(value) == 0:
        raise TypeError(f"{name} must be a non-empty list of (train, test) index pairs, as "
                        f"kfold returns; got {type(value).__name__}")
    checked = []
    for i, pair in enumerate(value):
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"{name}[{i}] must be a (train, test) pair; got {type(pair).__name__}")
        parts = [np.asarray(p) for p in pair]
        if any(p.ndim != 1 or p.size == 0 or p.dtype.kind not in "iu" for p in parts):
            raise ValueError(f"{name}[{i}] must hold two non-empty 1-D arrays of integer indices")
        checked.append(tuple(parts))
    return checked


_folds.kind = "folds"


def _folds_fit_X(args):
    """Relation: every index of ``folds`` is a row of ``X``."""
    n = args["X"].shape[0]
    for i, (train, test) in enumerate(args["folds"]):
        if min(train.min(), test.min()) < 0 or max(train.max(), test.max()) >= n:
            raise ValueError(f"folds[{i}] has indices outside the {n} rows of X")


def _grid(value, name):
    """Spec: a dict from parameter names to non-empty lists of values."""
    if not isinstance(value, dict) or not value or not all(
            isinstance(k, str) and isinstance(v, (list, tuple)) and len(v) > 0
            for k, v in value.items()):
        raise TypeError(f"{name} must be a dict from parameter names to non-empty lists of "
                        f"values, e.g. {{'l2': [0.0, 0.1]}}; got {type(value).__name__}")
    return value


_grid.kind = "grid"


def _counts(n, fractions):
    """Largest-remainder rounding: integer sizes that sum to ``n``, each within 1 of f*n."""
    exact = fractions * n
    counts = np.floor(exact).astype(int)
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[: n - counts.sum()]] += 1
    return counts


def _cut(indices, fractions):
    return np.split(indices, np.cumsum(_counts(len(indices), fractions))[:-1])


def _enough_samples(args):
    """Relation: every part of the split gets at least one sample (of every class)."""
    y = args.get("stratify")
    groups = [np.flatnonzero(y == c) for c in np.unique(y)] if y is not None \
        else [np.arange(args["n_samples"])]
    for members in groups:
        if np.any(_counts(len(members), args["fractions"]) == 0):
            what = f"class {y[members[0]]:g} of stratify" if y is not None else "n_samples"
            raise ValueError(f"{what} has {len(members)} sample(s), too few to put one in every "
                             f"part of fractions {args['fractions'].tolist()}")
    if y is not None and len(y) != args["n_samples"]:
        raise ValueError(f"stratify must have n_samples ({args['n_samples']}) labels; "
                         f"got {len(y)}")


_SPLIT = dict(n_samples=size(), fractions=_fractions, rng=rng, stratify=optional(labels))


@validate(_enough_samples, **_SPLIT)
def split(n_samples, fractions=(0.7, 0.3), rng=0, stratify=None):
    r"""Shuffle ``range(n_samples)`` and cut it into parts of the given fractions.

    Parameters
    ----------
    n_samples : int
    fractions : sequence of float, default=(0.7, 0.3)
        One fraction per part, summing to 1: ``(0.7, 0.3)`` for train/test,
        ``(0.6, 0.2, 0.2)`` for train/validation/test.
    rng : numpy.random.Generator or int, default=0
    stratify : array_like of shape (n_samples,), optional
        Class labels: each class is cut by the same fractions, so every part
        keeps the class ratios (each class's count in a part is within one sample
        of its fraction).

    Returns
    -------
    tuple of ndarray
        The indices of each part, sorted. Sizes are the fractions times the
        count, rounded so that they sum to it (largest remainders first).

    Examples
    --------
    >>> train, test = split(10, (0.7, 0.3), rng=0)
    >>> len(train), len(test), sorted(np.concatenate([train, test]).tolist()) == list(range(10))
    (7, 3, True)
    >>> train, test = split(8, (0.5, 0.5), rng=0, stratify=[0, 0, 0, 0, 1, 1, 1, 1])
    >>> int(np.sum(train >= 4)), int(np.sum(test >= 4))
    (2, 2)
    """
    members = [np.arange(n_samples)] if stratify is None else \
        [np.flatnonzero(stratify == c) for c in np.unique(stratify)]
    parts = zip(*(_cut(rng.permutation(m), fractions) for m in members))
    return tuple(np.sort(np.concatenate(p)) for p in parts)


@validate(_enough_samples, n_samples=size(), fractions=_fractions)
def time_split(n_samples, fractions=(0.7, 0.3)):
    r"""Cut ``range(n_samples)`` in order: the first part is the past, the last the future.

    Use it when the samples are in time order: a shuffled split would let the model
    train on the future it is tested on.

    Examples
    --------
    >>> [p.tolist() for p in time_split(5, (0.6, 0.2, 0.2))]
    [[0, 1, 2], [3], [4]]
    """
    return tuple(_cut(np.arange(n_samples), fractions))


def _enough_groups(args):
    """Relation: every part of the split gets at least one whole group."""
    n_groups = len(np.unique(args["groups"]))
    if np.any(_counts(n_groups, args["fractions"]) == 0):
        raise ValueError(f"groups has {n_groups} distinct group(s), too few to put one in every "
                         f"part of fractions {args['fractions'].tolist()}")


@validate(_enough_groups, groups=labels, fractions=_fractions, rng=rng)
def group_split(groups, fractions=(0.7, 0.3), rng=0):
    r"""Shuffle the distinct groups and cut *them* into parts of the given fractions.

    Samples of one group (one patient, one user, one session) are alike: if some
    train and others test, the test score is too optimistic. Here every group
    lands whole in one part. The fractions are fractions of the **groups**, as in
    scikit-learn's ``GroupShuffleSplit``; the parts' sample counts follow the
    sizes of the groups they drew.

    Parameters
    ----------
    groups : array_like of shape (n_samples,)
        The group of each sample.
    fractions : sequence of float, default=(0.7, 0.3)
    rng : numpy.random.Generator or int, default=0

    Returns
    -------
    tuple of ndarray
        The sample indices of each part, sorted.

    Examples
    --------
    >>> patient = np.array([11, 11, 12, 12, 12, 13, 14, 14, 15, 16])
    >>> train, test = group_split(patient, (0.5, 0.5), rng=0)
    >>> np.unique(patient[train]).tolist(), np.unique(patient[test]).tolist()
    ([13, 14, 16], [11, 12, 15])
    """
    names, inverse = np.unique(groups, return_inverse=True)
    parts = _cut(rng.permutation(len(names)), fractions)
    return tuple(np.flatnonzero(np.isin(inverse, p)) for p in parts)


def _k_at_most(name):
    def relation(args):
        n = args[name] if name == "n_samples" else len(args[name])
        if args["n_splits"] > n:
            raise ValueError(f"n_splits ({args['n_splits']}) must be at most the number of "
                             f"samples ({n})")
    return relation


def _complement(n, test_sets):
    return [(np.setdiff1d(np.arange(n), t), np.sort(t)) for t in test_sets]


_KFOLD = dict(n_samples=size(2), n_splits=integer(2), shuffle=flag, rng=rng)


@validate(_k_at_most("n_samples"), **_KFOLD)
def kfold(n_samples, n_splits=5, shuffle=False, rng=0):
    r"""k-fold cross-validation: ``n_splits`` disjoint test folds that cover every sample once.

    The first ``n_samples % n_splits`` folds have one sample more than the others
    (scikit-learn's ``KFold``). Without ``shuffle`` the folds are consecutive blocks.

    Returns
    -------
    list of (train, test) pairs of sorted index arrays

    Examples
    --------
    >>> [test.tolist() for _, test in kfold(7, n_splits=3)]
    [[0, 1, 2], [3, 4], [5, 6]]
    >>> kfold(7, n_splits=3)[0][0].tolist()
    [3, 4, 5, 6]
    """
    order = rng.permutation(n_samples) if shuffle else np.arange(n_samples)
    return _complement(n_samples, np.array_split(order, n_splits))


@validate(_k_at_most("y"), y=labels, n_splits=integer(2), shuffle=flag, rng=rng)
def stratified_kfold(y, n_splits=5, shuffle=False, rng=0):
    r"""k-fold cross-validation in which every fold keeps the class ratios of ``y``.

    The classes, in the order they first appear, are dealt round-robin over the
    folds (scikit-learn's ``StratifiedKFold``): a class of :math:`n_c` samples puts
    :math:`\lfloor n_c/k\rfloor` or :math:`\lceil n_c/k\rceil` of them in each fold.

    Raises
    ------
    ValueError
        If a class has fewer members than ``n_splits``: some fold would have none
        of it to test, and a class of one sample would be missing from training.

    Examples
    --------
    >>> y = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    >>> [np.asarray(y)[test].tolist() for _, test in stratified_kfold(y, n_splits=2)]
    [[0, 0, 1, 1, 1], [0, 0, 1, 1, 1]]
    """
    _, first, inverse = np.unique(y, return_index=True, return_inverse=True)
    encoded = np.argsort(np.argsort(first))[inverse]          # classes by first appearance
    counts = np.bincount(encoded)
    if counts.min() < n_splits:
        raise ValueError(f"every class of y needs at least n_splits ({n_splits}) samples; "
                         f"class {y[np.flatnonzero(encoded == counts.argmin())[0]]:g} has "
                         f"{counts.min()}")
    dealt = np.sort(encoded)
    allocation = np.array([np.bincount(dealt[i::n_splits], minlength=len(counts))
                           for i in range(n_splits)])
    fold_of = np.empty(len(y), dtype=int)
    for c in range(len(counts)):
        folds = np.repeat(np.arange(n_splits), allocation[:, c])
        fold_of[encoded == c] = rng.permutation(folds) if shuffle else folds
    return _complement(len(y), [np.flatnonzero(fold_of == i) for i in range(n_splits)])


@validate(groups=labels, n_splits=integer(2))
def group_kfold(groups, n_splits=5):
    r"""k-fold cross-validation that never puts one group in both training and test.

    Samples of one group (one patient, one user, one session) are alike; if some of
    them train and others test, the score is too optimistic. Groups go, largest
    first, to the fold with the fewest samples so far.

    Examples
    --------
    >>> folds = group_kfold([7, 7, 7, 8, 8, 9], n_splits=2)
    >>> [test.tolist() for _, test in folds]
    [[0, 1, 2], [3, 4, 5]]
    """
    names, inverse = np.unique(groups, return_inverse=True)
    if len(names) < n_splits:
        raise ValueError(f"n_splits ({n_splits}) must be at most the number of distinct "
                         f"groups ({len(names)})")
    sizes = np.bincount(inverse)
    load, fold_of_group = np.zeros(n_splits), np.empty(len(names), dtype=int)
    for g in np.argsort(-sizes, kind="stable"):
        fold_of_group[g] = np.argmin(load)
        load[fold_of_group[g]] += sizes[g]
    fold_of = fold_of_group[inverse]
    return _complement(len(groups), [np.flatnonzero(fold_of == i) for i in range(n_splits)])


@validate(n_samples=size(2))
def leave_one_out(n_samples):
    r"""Leave-one-out: ``n_samples`` folds, each testing one sample (k-fold with k = n).

    Examples
    --------
    >>> [(train.tolist(), test.tolist()) for train, test in leave_one_out(3)]
    [([1, 2], [0]), ([0, 2], [1]), ([0, 1], [2])]
    """
    return kfold(n_samples, n_splits=n_samples)


@validate(_k_at_most("n_samples"), n_samples=size(2), n_splits=integer(2),
          n_repeats=size(), rng=rng)
def repeated_kfold(n_samples, n_splits=5, n_repeats=10, rng=0):
    r"""k-fold repeated ``n_repeats`` times, each time on a new shuffle.

    Averaging over repeats lowers the variance that comes from one particular cut.

    Examples
    --------
    >>> folds = repeated_kfold(6, n_splits=3, n_repeats=2, rng=0)
    >>> len(folds), sorted(np.concatenate([t for _, t in folds[:3]]).tolist())
    (6, [0, 1, 2, 3, 4, 5])
    """
    return [pair for _ in range(n_repeats)
            for pair in kfold(n_samples, n_splits, shuffle=True, rng=rng)]


@validate(n_samples=size(2), n_splits=integer(1))
def time_series_folds(n_samples, n_splits=5):
    r"""Forward-chaining folds: train on everything before a block, test on the block.

    The ``n_splits`` test blocks of ``n_samples // (n_splits + 1)`` samples end
    the series (scikit-learn's ``TimeSeriesSplit``); each training set is all
    that comes before its block, so it grows from fold to fold.

    Examples
    --------
    >>> [(tr.tolist(), te.tolist()) for tr, te in time_series_folds(6, n_splits=2)]
    [([0, 1], [2, 3]), ([0, 1, 2, 3], [4, 5])]
    """
    block = n_samples // (n_splits + 1)
    if block == 0:
        raise ValueError(f"n_splits ({n_splits}) must be less than n_samples ({n_samples})")
    starts = range(n_samples - n_splits * block, n_samples, block)
    return [(np.arange(s), np.arange(s, s + block)) for s in starts]


_DATA = dict(X=matrix, y=labels, folds=_folds)
#: Relation: one target per row of X.
_rows = same_length("X", "y")


@validate(_folds_fit_X, _rows, **_MODEL, **_DATA)
def cross_validate(fit, score, X, y, folds, **params):
    r"""Fit on each fold's training rows and score the fit on both its parts.

    Parameters
    ----------
    fit : callable
        ``fit(X, y, **params)`` returns the fitted parameters (arrays of numbers).
    score : callable
        ``score(fitted, X, y)`` returns a number, higher is better.
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    folds : list of (train, test) index pairs
        From :func:`kfold` and the other splitters.
    **params
        Hyperparameters passed on to ``fit``.

    Returns
    -------
    train_scores, test_scores : ndarray of shape (n_folds,)

    Examples
    --------
    >>> fit = lambda X, y: y.mean(keepdims=True)                # predict the mean
    >>> score = lambda m, X, y: -float(((y - m[0]) ** 2).mean())
    >>> X, y = np.zeros((4, 1)), np.array([1.0, 1.0, 3.0, 3.0])
    >>> train, test = cross_validate(fit, score, X, y, kfold(4, n_splits=2))
    >>> train.tolist(), test.tolist()
    ([0.0, 0.0], [-4.0, -4.0])
    """
    fitted = [fit(X[tr], y[tr], **params) for tr, _ in folds]
    return (np.array([score(m, X[tr], y[tr]) for m, (tr, _) in zip(fitted, folds)]),
            np.array([score(m, X[te], y[te]) for m, (_, te) in zip(fitted, folds)]))


def _values(value, name):
    """Spec: a non-empty list or tuple of hyperparameter values."""
    if not isinstance(value, (list, tuple)) or len(value) == 0:
        raise TypeError(f"{name} must be a non-empty list of values to try; "
                        f"got {type(value).__name__}")
    return value


_values.kind = "grid"


def _param_name(value, name):
    """Spec: a hyperparameter's name (a non-empty string)."""
    if not isinstance(value, str) or not value:
        raise TypeError(f"{name} must be the name of a hyperparameter of fit; got {value!r:.40}")
    return value


_param_name.kind = "name"


def _fit_takes_param(args):
    """Relation: ``fit`` has a keyword parameter called ``param_name`` (or takes ``**kwargs``)."""
    try:
        parameters = inspect.signature(args["fit"]).parameters.values()
    except (TypeError, ValueError):           # a builtin without a signature: let fit decide
        return
    names = {p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    if args["param_name"] not in names and not any(p.kind == p.VAR_KEYWORD for p in parameters):
        raise TypeError(f"param_name must be a keyword parameter of fit; got "
                        f"{args['param_name']!r}, fit takes {sorted(names)}")


@validate(_folds_fit_X, _rows, _fit_takes_param, **_MODEL, **_DATA, param_name=_param_name,
          values=_values)
def validation_curve(fit, score, X, y, folds, param_name, values):
    r"""Training and validation scores of every fold, for each value of one hyperparameter.

    Plotted against the values, the two curves show where a model underfits
    (both scores poor) and where it overfits (training good, validation poor);
    scikit-learn's ``validation_curve``.

    Returns
    -------
    train_scores, test_scores : ndarray of shape (len(values), n_folds)

    Examples
    --------
    >>> fit = lambda X, y, shrink: shrink * y.mean(keepdims=True)
    >>> score = lambda m, X, y: -float(((y - m[0]) ** 2).mean())
    >>> X, y = np.zeros((4, 1)), np.array([1.0, 1.0, 3.0, 3.0])
    >>> train, test = validation_curve(fit, score, X, y, kfold(4, 2), "shrink", [0.0, 1.0])
    >>> (-train).tolist(), (-test).tolist()               # squared errors per fold
    ([[9.0, 1.0], [0.0, 0.0]], [[1.0, 9.0], [4.0, 4.0]])
    """
    scores = []
    for i, v in enumerate(values):
        try:
            scores.append(cross_validate(fit, score, X, y, folds, **{param_name: v}))
        except (TypeError, ValueError) as exc:
            kind = TypeError if isinstance(exc, TypeError) else ValueError
            raise kind(f"values[{i}] ({v!r}) was refused by fit as {param_name}: "
                            f"{exc}") from exc
    return np.array([tr for tr, _ in scores]), np.array([te for _, te in scores])


@dataclass(frozen=True)
class SearchResult:
    """What :func:`grid_search` found.

    Attributes
    ----------
    best_params : dict
        The combination with the highest mean validation score (the first one on ties).
    best_score : float
    params : list of dict
        Every combination tried, in the grid's order.
    mean_train_scores, mean_test_scores : ndarray of shape (n_combinations,)
        Means over the folds, one per combination (a validation curve when the
        grid has one parameter).
    """

    best_params: dict
    best_score: float
    params: list
    mean_train_scores: np.ndarray
    mean_test_scores: np.ndarray


@validate(_folds_fit_X, _rows, **_MODEL, **_DATA, grid=_grid)
def grid_search(fit, score, X, y, folds, grid):
    r"""Cross-validate every combination of the grid's values; keep the best mean score.

    The search picks the hyperparameters on validation folds only; the chosen
    model's error must then be measured on a test set the search never saw.

    Examples
    --------
    >>> fit = lambda X, y, shrink: shrink * y.mean(keepdims=True)
    >>> score = lambda m, X, y: -float(((y - m[0]) ** 2).mean())
    >>> X, y = np.zeros((6, 1)), np.array([1.0, 2.0, 3.0, 1.0, 2.0, 3.0])
    >>> result = grid_search(fit, score, X, y, kfold(6, 3), {"shrink": [0.0, 0.5, 1.0]})
    >>> result.best_params, np.round(result.mean_test_scores, 4).tolist()
    ({'shrink': 1.0}, [-4.6667, -1.7604, -0.875])
    """
    names = list(grid)
    params = [dict(zip(names, values)) for values in itertools.product(*grid.values())]
    scores = np.array([cross_validate(fit, score, X, y, folds, **p) for p in params])
    means = scores.mean(axis=2)                      # (combination, train/test)
    best = int(np.argmax(means[:, 1]))
    return SearchResult(params[best], float(means[best, 1]), params,
                        mean_train_scores=means[:, 0], mean_test_scores=means[:, 1])
