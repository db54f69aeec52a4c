r"""Classification metrics: the confusion matrix and everything computed from it,
threshold curves (ROC, precision--recall), log loss, prediction bias and calibration.

Conventions:

* **Argument order** ``metric(y_true, y_pred)`` (or ``y_score`` / ``y_prob``), as in
  scikit-learn.
* **Binary metrics** take labels 0 and 1 (or booleans); 1 is the positive class.
  ``y_pred`` holds predicted labels, ``y_score`` any real-valued score where larger
  means "more likely positive" (a probability, a logit, a distance), ``y_prob``
  probabilities in :math:`[0, 1]`. Booleans are labels, never scores or probabilities.
* The **confusion matrix** uses scikit-learn's layout: rows are the true classes,
  columns the predicted ones, so a binary matrix is ``[[TN, FP], [FN, TP]]``.
* **Undefined ratios** (precision when nothing is predicted positive, recall when
  nothing is positive, specificity when nothing is negative) return
  ``zero_division`` (0.0 by default, scikit-learn's value) instead of dividing by 0.
  Curves and areas that need both classes (ROC) or a positive (precision--recall)
  raise ``ValueError`` when they are missing.
* **Ties** in ``y_score``: samples with equal scores are always on the same side
  of a threshold, so each distinct score gives one point of a curve.
* Inputs must be 1-D, non-empty, finite and of the same length (nothing is
  broadcast); bad input raises ``ValueError`` or ``TypeError`` naming the argument.
  Every function declares its checks in one ``@validate(...)`` line
  (``mlcheatsheet._validation``); the specs and relations it names are below.

``METRICS`` maps every scalar metric's name to its function; ``CURVES`` does the
same for the functions that return arrays.
"""

import numbers

import numpy as np

from .._validation import (MAX_ELEMENTS, array, nonnegative, optional, options, probability,
                           same_shape, size, validate, vector)

__all__ = [
    "METRICS",
    "CURVES",
    "confusion_matrix",
    "labels_from_counts",
    "accuracy",
    "null_accuracy",
    "precision",
    "recall",
    "specificity",
    "fbeta",
    "f1",
    "log_loss",
    "prediction_bias",
    "roc_curve",
    "roc_auc",
    "precision_recall_curve",
    "average_precision",
    "calibration_curve",
]

_EXACT_INTEGERS = 2.0**53  # beyond it, neighbouring integers share one float64


# --------------------------------------------------------------------------
# Specs and relations (the checks each @validate line names)
# --------------------------------------------------------------------------

_as_labels = array(ndim=1, bool_ok=True)


def _huge_integer(value):
    """The first integer of ``value`` (as given) beyond 2**53, or None."""
    raw = np.asarray(value)
    if raw.dtype.kind in "iu":
        flat = raw.ravel()
        return next((int(v) for v in flat if abs(int(v)) > _EXACT_INTEGERS), None)
    if raw.dtype.kind == "O":
        return next((v for v in raw.ravel().tolist() if isinstance(v, numbers.Integral)
                     and abs(v) > _EXACT_INTEGERS), None)
    return None


def _labels(value, name):
    """Spec: a 1-D array of class labels (numbers or booleans), as float64.

    Integer labels beyond :math:`2^{53}` are refused: as float64, two neighbouring
    ones would become one class.
    """
    y = _as_labels(value, name)
    if np.any(np.abs(y) > _EXACT_INTEGERS):
        huge = _huge_integer(value)
        if huge is not None:
            raise ValueError(f"{name} holds the integer label {huge}, beyond 2**53: as a float64 "
                             "it cannot be told from its neighbours (number the classes 0, 1, ...)")
    return y


_labels.kind = "array"
_labels.bool_ok = True  # the sweep does not offer it booleans as bad input


def _binary(value, name):
    """Spec: a 1-D array of the labels 0 and 1 (or booleans), as int64."""
    y = _as_labels(value, name)
    bad = (y != 0) & (y != 1)
    if bad.any():
        raise ValueError(f"{name} must contain only the labels 0 and 1 (1 is the positive class); "
                         f"got {float(y[bad][0])!r}")
    return y.astype(np.int64)


_binary.kind = "array"
_binary.bool_ok = True


def _probabilities(ndim=1):
    """Spec: a finite array of probabilities in [0, 1] (not booleans) with ``ndim`` dimensions."""
    as_array = array(ndim=ndim)

    def spec(value, name):
        p = as_array(value, name)
        bad = (p < 0) | (p > 1)
        if bad.any():
            raise ValueError(f"{name} must contain probabilities in [0, 1]; "
                             f"got {float(p[bad][0])!r}")
        return p

    spec.kind = "array"
    return spec


_PROBS = _probabilities(ndim=1)


def _zero_division(value, name):
    """Spec: what an undefined ratio returns: a number in [0, 1], or nan (scikit-learn's)."""
    if isinstance(value, float) and np.isnan(value):
        return float(value)
    try:
        return probability(value, name)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number in [0, 1] or nan; got {value!r:.60}") from None


_zero_division.kind = "real"

_PRED = same_shape("y_true", "y_pred")
_PROB = same_shape("y_true", "y_prob")
_SCORE = same_shape("y_true", "y_score")
_STRATEGY = options("uniform", "quantile")
_BINS = size()  # a number of bins that can be allocated
#: Specs of two binary labelings of the same samples: ``@validate(**_BINARY_PAIR, ...)``.
_BINARY_PAIR = {"y_true": _binary, "y_pred": _binary, "_same_shape": _PRED}


def _known_classes(args):
    """Relation: ``labels`` (if given) has each class once and every label of the data."""
    _PRED(args)
    y_true, y_pred, labels = args["y_true"], args["y_pred"], args["labels"]
    if labels is None:
        n = len(np.unique(np.r_[y_true, y_pred]))
        if n * n > MAX_ELEMENTS:
            raise ValueError(f"y_true and y_pred hold {n} distinct labels: a {n} x {n} confusion "
                             f"matrix has more entries than can be allocated ({MAX_ELEMENTS})")
        return
    if len(np.unique(labels)) != len(labels):
        raise ValueError(f"labels must not repeat a class; got {labels.tolist()}")
    if len(labels) ** 2 > MAX_ELEMENTS:
        raise ValueError(f"labels holds {len(labels)} classes: the confusion matrix would have "
                         f"more entries than can be allocated ({MAX_ELEMENTS})")
    for name in ("y_true", "y_pred"):
        unknown = ~np.isin(args[name], labels)
        if unknown.any():
            raise ValueError(f"{name} contains the label {float(args[name][unknown][0])!r}, "
                             f"which is not in labels {labels.tolist()}")


def _some_samples(args):
    """Relation: the four counts of :func:`labels_from_counts` make 1 to MAX_ELEMENTS samples."""
    total = args["tp"] + args["fp"] + args["fn"] + args["tn"]
    if not 1 <= total <= MAX_ELEMENTS:
        got = "all zeros" if total == 0 else f"{total}, more than can be allocated"
        raise ValueError(f"tp + fp + fn + tn must be at least 1 and at most {MAX_ELEMENTS}; "
                         f"got {got}")


def _log_loss_inputs(args):
    """Relation: one label per row of ``y_prob``, and labels that index its classes."""
    y_true, y_prob = args["y_true"], args["y_prob"]
    if len(y_true) != len(y_prob):
        raise ValueError(f"y_true and y_prob must have the same number of samples; got "
                         f"{len(y_true)} and {len(y_prob)}")
    if y_prob.ndim == 1:
        return {"y_true": _binary(y_true, "y_true")}
    n_classes = y_prob.shape[1]
    if n_classes == 1:
        raise ValueError("y_prob of shape (n_samples, 1) is ambiguous: pass the probabilities of "
                         "class 1 with shape (n_samples,), or all class probabilities with shape "
                         "(n_samples, n_classes)")
    sums = y_prob.sum(axis=1)
    if np.any(np.abs(sums - 1.0) > 1e-5):
        raise ValueError(f"y_prob must have rows that sum to 1 (one probability per class); "
                         f"got a row summing to {float(sums[np.abs(sums - 1) > 1e-5][0])!r}")
    bad = (y_true != np.round(y_true)) | (y_true < 0) | (y_true >= n_classes)
    if bad.any():
        raise ValueError(f"y_true must hold integer class labels in 0..{n_classes - 1} (one per "
                         f"column of y_prob); got {float(y_true[bad][0])!r}")
    return {"y_true": y_true.astype(np.intp)}


def _both_classes(args):
    """Relation: ``y_true`` and ``y_score`` match, and ``y_true`` has positives and negatives."""
    _SCORE(args)
    n_pos = int(args["y_true"].sum())
    if n_pos == 0 or n_pos == len(args["y_true"]):
        missing = "positive (1)" if n_pos == 0 else "negative (0)"
        raise ValueError(f"y_true has no {missing} samples; a ROC curve needs both classes")


def _a_positive(args):
    """Relation: ``y_true`` and ``y_score`` match, and ``y_true`` has a positive."""
    _SCORE(args)
    if not args["y_true"].any():
        raise ValueError("y_true has no positive (1) samples; recall is undefined")


# --------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------


def _position(classes, values):
    """The index in ``classes`` of each of ``values`` (all of which are among them)."""
    order = np.argsort(classes, kind="stable")
    return order[np.searchsorted(classes, values, sorter=order)]


def _ratio(numerator, denominator, zero_division):
    return float(numerator / denominator) if denominator else zero_division


def _counts(y_true, y_pred):
    """TP, FP, FN, TN of two 0/1 arrays."""
    tp = int(np.sum((y_true == 1) & (y_pred == 1)))
    fp = int(np.sum((y_true == 0) & (y_pred == 1)))
    fn = int(np.sum((y_true == 1) & (y_pred == 0)))
    return tp, fp, fn, len(y_true) - tp - fp - fn


# --------------------------------------------------------------------------
# The confusion matrix
# --------------------------------------------------------------------------


@validate(y_true=_labels, y_pred=_labels, labels=optional(_labels), _=_known_classes)
def confusion_matrix(y_true, y_pred, labels=None):
    r"""Count every (true class, predicted class) pair.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True class labels (any numbers).
    y_pred : array_like of shape (n_samples,)
        Predicted class labels.
    labels : array_like of shape (n_classes,), optional
        The classes, in the order of the rows and columns. By default the sorted
        union of the labels in ``y_true`` and ``y_pred``.

    Returns
    -------
    ndarray of int of shape (n_classes, n_classes)
        ``C[i, j]`` is the number of samples of class ``labels[i]`` predicted as
        ``labels[j]``: rows are true classes, columns predictions. For labels 0 and 1
        this is ``[[TN, FP], [FN, TP]]``.

    Raises
    ------
    ValueError
        If ``labels`` is given and a label of ``y_true`` or ``y_pred`` is not in it
        (scikit-learn silently drops such samples), or if the matrix would be too
        large to allocate.

    Examples
    --------
    >>> confusion_matrix([0, 0, 1, 1, 1], [0, 1, 1, 1, 0]).tolist()
    [[1, 1], [1, 2]]
    >>> confusion_matrix([2, 0], [2, 2], labels=[0, 1, 2]).tolist()
    [[0, 0, 1], [0, 0, 0], [0, 0, 1]]
    """
    classes = np.unique(np.r_[y_true, y_pred]) if labels is None else labels
    counts = np.zeros((len(classes), len(classes)), dtype=np.int64)
    np.add.at(counts, (_position(classes, y_true), _position(classes, y_pred)), 1)
    return counts


@validate(tp=size(0), fp=size(0), fn=size(0), tn=size(0), _=_some_samples)
def labels_from_counts(*, tp, fp, fn, tn):
    r"""Build label arrays with given confusion counts, for worked examples.

    Parameters
    ----------
    tp, fp, fn, tn : int
        True positives, false positives, false negatives, true negatives (>= 0,
        keyword-only so they cannot be swapped by accident).

    Returns
    -------
    y_true, y_pred : ndarray of int of shape (tp + fp + fn + tn,)
        In the order TP, FP, FN, TN.

    Examples
    --------
    >>> y_true, y_pred = labels_from_counts(tp=1, fp=1, fn=2, tn=0)
    >>> y_true.tolist(), y_pred.tolist()
    ([1, 0, 1, 1], [1, 1, 0, 0])
    """
    counts = [tp, fp, fn, tn]
    y_true = np.repeat([1, 0, 1, 0], counts)
    y_pred = np.repeat([1, 1, 0, 0], counts)
    return y_true, y_pred


# --------------------------------------------------------------------------
# Metrics of predicted labels
# --------------------------------------------------------------------------


@validate(y_true=_labels, y_pred=_labels, _=_PRED)
def accuracy(y_true, y_pred):
    r"""Fraction of correct predictions: :math:`\frac{TP + TN}{TP + TN + FP + FN}`.

    Works for any number of classes (the fraction of samples with ``y_pred == y_true``).

    Returns
    -------
    float in [0, 1]

    Examples
    --------
    >>> accuracy([0, 1, 1, 2], [0, 1, 0, 2])
    0.75
    """
    return float(np.mean(y_true == y_pred))


@validate(y_true=_labels)
def null_accuracy(y_true):
    r"""Accuracy of always predicting the most frequent class: the baseline to beat.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True labels (any number of classes).

    Returns
    -------
    float in (0, 1]

    Examples
    --------
    >>> null_accuracy([0, 0, 0, 1])
    0.75
    """
    _, counts = np.unique(y_true, return_counts=True)
    return float(counts.max() / len(y_true))


@validate(**_BINARY_PAIR, zero_division=_zero_division)
def precision(y_true, y_pred, zero_division=0.0):
    r"""Of the samples predicted positive, the fraction that are: :math:`\frac{TP}{TP + FP}`.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        Labels 0 and 1.
    zero_division : float, default=0.0
        Returned when nothing is predicted positive (:math:`TP + FP = 0`); a number
        in :math:`[0, 1]` or ``nan``.

    Returns
    -------
    float

    Examples
    --------
    >>> precision([1, 0, 1, 0], [1, 1, 0, 0])
    0.5
    >>> precision([1, 0], [0, 0])   # nothing predicted positive
    0.0
    """
    tp, fp, _, _ = _counts(y_true, y_pred)
    return _ratio(tp, tp + fp, zero_division)


@validate(**_BINARY_PAIR, zero_division=_zero_division)
def recall(y_true, y_pred, zero_division=0.0):
    r"""Of the positive samples, the fraction predicted positive: :math:`\frac{TP}{TP + FN}`.

    Also called sensitivity, or the true positive rate (TPR).

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        Labels 0 and 1.
    zero_division : float, default=0.0
        Returned when ``y_true`` has no positives.

    Returns
    -------
    float in [0, 1], or ``zero_division``

    Examples
    --------
    >>> recall([1, 1, 1, 0], [1, 0, 0, 1])
    0.3333333333333333
    """
    tp, _, fn, _ = _counts(y_true, y_pred)
    return _ratio(tp, tp + fn, zero_division)


@validate(**_BINARY_PAIR, zero_division=_zero_division)
def specificity(y_true, y_pred, zero_division=0.0):
    r"""Of the negative samples, the fraction predicted negative: :math:`\frac{TN}{TN + FP}`.

    Also called the true negative rate; :math:`1 - \text{specificity}` is the false
    positive rate (FPR) on the x-axis of a ROC curve.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        Labels 0 and 1.
    zero_division : float, default=0.0
        Returned when ``y_true`` has no negatives.

    Returns
    -------
    float in [0, 1], or ``zero_division``

    Examples
    --------
    >>> specificity([0, 0, 0, 1], [0, 1, 0, 1])
    0.6666666666666666
    """
    _, fp, _, tn = _counts(y_true, y_pred)
    return _ratio(tn, tn + fp, zero_division)


@validate(**_BINARY_PAIR, beta=nonnegative, zero_division=_zero_division)
def fbeta(y_true, y_pred, beta, zero_division=0.0):
    r"""The :math:`F_\beta` score, a weighted harmonic mean of precision and recall.

    With precision :math:`P` and recall :math:`R`:

    .. math::

        F_\beta = (1 + \beta^2)\,\frac{P R}{\beta^2 P + R}
                = \frac{(1 + \beta^2)\,TP}{(1 + \beta^2)\,TP + \beta^2 FN + FP}

    Recall counts :math:`\beta` times as much as precision: :math:`\beta = 2`
    favours recall, :math:`\beta = 0.5` precision; :math:`\beta = 0` is the
    precision and :math:`\beta \to \infty` tends to the recall.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        Labels 0 and 1.
    beta : float
        Weight :math:`\beta \ge 0`.
    zero_division : float, default=0.0
        Returned when the denominator is 0: :math:`TP = FP = FN = 0` (no positives,
        none predicted); for :math:`\beta = 0`, :math:`TP = FP = 0` as in :func:`precision`.

    Notes
    -----
    The count form on the right is defined whenever there is a positive or a
    positive prediction; it gives 0 when :math:`TP = 0` even if :math:`P` or
    :math:`R` alone is undefined. For :math:`\beta > 1` the numerator and the
    denominator are divided by :math:`\beta^2`, so that no weight overflows: the
    weights :math:`(\beta^2, 1)` become :math:`(1, \beta^{-2})`, and a huge
    :math:`\beta` gives the recall, its limit (scikit-learn's ``fbeta_score``
    overflows there).

    Returns
    -------
    float in [0, 1], or ``zero_division``

    Examples
    --------
    >>> round(fbeta([1, 1, 1, 0], [1, 0, 0, 0], beta=2.0), 6)   # 5 / (5 + 4*2 + 0)
    0.384615
    >>> fbeta([1, 1, 1, 0], [1, 0, 0, 1], beta=0.0)   # the precision
    0.5
    """
    tp, fp, fn, _ = _counts(y_true, y_pred)
    b2, c = (beta**2, 1.0) if beta <= 1 else (1.0, beta**-2)  # ∝ (β², 1); no overflow
    return _ratio((b2 + c) * tp, (b2 + c) * tp + b2 * fn + c * fp, zero_division)


@validate(**_BINARY_PAIR, zero_division=_zero_division)
def f1(y_true, y_pred, zero_division=0.0):
    r"""The :math:`F_1` score, the harmonic mean of precision and recall.

    .. math:: F_1 = \frac{2PR}{P + R} = \frac{2\,TP}{2\,TP + FP + FN}

    See :func:`fbeta` (this is :math:`\beta = 1`).

    Returns
    -------
    float in [0, 1], or ``zero_division``

    Examples
    --------
    >>> f1([1, 1, 1, 0], [1, 0, 0, 1])   # P = 1/2, R = 1/3
    0.4
    """
    return fbeta(y_true, y_pred, 1.0, zero_division)


# --------------------------------------------------------------------------
# Metrics of predicted probabilities
# --------------------------------------------------------------------------


@validate(y_true=_labels, y_prob=_probabilities(ndim=(1, 2)), _=_log_loss_inputs)
def log_loss(y_true, y_prob):
    r"""Mean cross-entropy of predicted probabilities (log loss).

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Labels: 0 and 1 if ``y_prob`` is 1-D, class indices if it is 2-D.
    y_prob : array_like of shape (n_samples,) or (n_samples, n_classes)
        Probability of class 1, or one row of class probabilities per sample
        (each row summing to 1).

    Returns
    -------
    float

    Notes
    -----
    The same function as the training cost of logistic regression, and as
    :func:`mlcheatsheet.neural_networks.losses.binary_cross_entropy` (1-D) or
    :func:`mlcheatsheet.neural_networks.losses.categorical_cross_entropy` (2-D), averaged.
    Probabilities are clipped to :math:`[10^{-15}, 1 - 10^{-15}]` (2-D: below only),
    so a confident wrong prediction costs about 34.5, not infinity.

    Examples
    --------
    >>> round(log_loss([1, 0], [0.9, 0.2]), 6)   # (-ln 0.9 - ln 0.8) / 2
    0.164252
    >>> round(log_loss([2], [[0.25, 0.25, 0.5]]), 6)   # -ln 0.5
    0.693147
    """
    if y_prob.ndim == 1:  # the probability of class 1
        p = np.clip(y_prob, 1e-15, 1 - 1e-15)
        return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log1p(-p)))
    p = y_prob[np.arange(len(y_true)), y_true]  # each sample's probability of its class
    return float(-np.mean(np.log(np.clip(p, 1e-15, 1.0))))


@validate(y_true=_binary, y_prob=_PROBS, _=_PROB)
def prediction_bias(y_true, y_prob):
    r"""Average prediction minus average label: :math:`\bar p - \bar y`.

    A well-calibrated model has a bias near 0: on average it predicts as many
    positives as there are. A large bias points to a bug, a biased training
    sample or too much regularization; a bias of 0 does not prove calibration
    (compare :func:`calibration_curve`, which looks at it bucket by bucket).

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Labels 0 and 1.
    y_prob : array_like of shape (n_samples,)
        Predicted probabilities of class 1.

    Returns
    -------
    float in [-1, 1]
        Positive when the model predicts too many positives on average.

    Examples
    --------
    >>> round(prediction_bias([0, 0, 1, 1], [0.2, 0.4, 0.6, 0.9]), 6)
    0.025
    """
    return float(np.mean(y_prob) - np.mean(y_true))


@validate(y_true=_binary, y_prob=_PROBS, n_bins=_BINS, strategy=_STRATEGY, _=_PROB)
def calibration_curve(y_true, y_prob, n_bins=10, strategy="uniform"):
    r"""Observed frequency of positives against mean predicted probability, per bin.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Labels 0 and 1.
    y_prob : array_like of shape (n_samples,)
        Predicted probabilities of class 1.
    n_bins : int, default=10
        Number of bins.
    strategy : {"uniform", "quantile"}, default="uniform"
        ``"uniform"``: bins of equal width on :math:`[0, 1]`; ``"quantile"``: bin
        edges at quantiles of ``y_prob``, so the bins hold about equally many samples.

    Returns
    -------
    frac_positive : ndarray of shape (n_nonempty_bins,)
        Fraction of positives in each non-empty bin.
    mean_predicted : ndarray of shape (n_nonempty_bins,)
        Mean predicted probability in each bin.
    counts : ndarray of int of shape (n_nonempty_bins,)
        Number of samples in each bin.

    Notes
    -----
    Bins are closed on the right, :math:`(e_{k-1}, e_k]`, except the first, which
    also holds its left edge -- scikit-learn's ``calibration_curve`` convention.
    Empty bins are left out. For a calibrated model the points lie on the diagonal.

    Examples
    --------
    >>> frac, mean, counts = calibration_curve([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.9], n_bins=2)
    >>> frac.tolist(), mean.tolist(), counts.tolist()
    ([0.0, 1.0], [0.2, 0.75], [2, 2])
    """
    q = np.linspace(0.0, 1.0, n_bins + 1)
    edges = q if strategy == "uniform" else np.percentile(y_prob, 100 * q)
    bins = np.searchsorted(edges[1:-1], y_prob)  # left side: bin k is (e_k, e_k+1]
    counts = np.bincount(bins, minlength=n_bins)
    full = counts > 0
    frac = np.bincount(bins, weights=y_true, minlength=n_bins)[full] / counts[full]
    mean = np.bincount(bins, weights=y_prob, minlength=n_bins)[full] / counts[full]
    return frac, mean, counts[full]


# --------------------------------------------------------------------------
# Threshold curves of scores
# --------------------------------------------------------------------------


def _cumulative_counts(y_true, y_score):
    """TP and FP counts when the threshold is each distinct score, from high to low."""
    order = np.argsort(-y_score, kind="stable")
    score, label = y_score[order], y_true[order]
    # the last sample of every group of equal scores: a threshold never splits a tie
    last = np.r_[np.flatnonzero(np.diff(score)), len(score) - 1]
    tps = np.cumsum(label)[last]
    fps = last + 1 - tps
    return tps, fps, score[last]


@validate(y_true=_binary, y_score=vector, _=_both_classes)
def roc_curve(y_true, y_score):
    r"""Receiver operating characteristic: true positive rate against false positive rate.

    Every distinct score, taken as the threshold (predict positive where
    ``y_score >= threshold``), gives one point :math:`(\mathrm{FPR}, \mathrm{TPR})`,
    with :math:`\mathrm{TPR} = TP/(TP+FN)` and :math:`\mathrm{FPR} = FP/(FP+TN)`.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Labels 0 and 1; both must occur.
    y_score : array_like of shape (n_samples,)
        Scores; larger means more likely positive.

    Returns
    -------
    fpr, tpr : ndarray of shape (n_thresholds,)
        Non-decreasing, from (0, 0) to (1, 1).
    thresholds : ndarray of shape (n_thresholds,)
        Decreasing; the first is ``inf`` (nothing predicted positive), then the
        distinct scores.

    Raises
    ------
    ValueError
        If ``y_true`` holds only one class: one of the two rates is then 0/0.

    Examples
    --------
    >>> fpr, tpr, thr = roc_curve([0, 1, 1, 0], [0.1, 0.5, 0.5, 0.3])  # a tie at 0.5
    >>> fpr.tolist(), tpr.tolist(), thr.tolist()
    ([0.0, 0.0, 0.5, 1.0], [0.0, 1.0, 1.0, 1.0], [inf, 0.5, 0.3, 0.1])
    """
    tps, fps, thresholds = _cumulative_counts(y_true, y_score)
    # the last threshold predicts every sample positive: fps[-1] is N_neg, tps[-1] N_pos
    return np.r_[0, fps] / fps[-1], np.r_[0, tps] / tps[-1], np.r_[np.inf, thresholds]


@validate(y_true=_binary, y_score=vector, _=_both_classes)
def roc_auc(y_true, y_score):
    r"""Area under the ROC curve.

    Equal to the probability that a random positive scores higher than a random
    negative, counting ties as one half:

    .. math:: \mathrm{AUC} = P(s_+ > s_-) + \tfrac12 P(s_+ = s_-)

    It depends only on the order of the scores, not on their values or on a threshold.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Labels 0 and 1; both must occur.
    y_score : array_like of shape (n_samples,)

    Returns
    -------
    float in [0, 1]
        0.5 for scores unrelated to the labels, 1 for a perfect ranking.

    Examples
    --------
    >>> roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])   # 3 of the 4 pairs in order
    0.75
    >>> roc_auc([0, 1], [0.5, 0.5])                    # a tie counts one half
    0.5
    """
    fpr, tpr, _ = roc_curve(y_true, y_score)
    # trapezoids: a tie between a positive and a negative is a diagonal step, area 1/2
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


@validate(y_true=_binary, y_score=vector, _=_a_positive)
def precision_recall_curve(y_true, y_score):
    r"""Precision against recall, one point per threshold.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Labels 0 and 1; at least one must be 1.
    y_score : array_like of shape (n_samples,)

    Returns
    -------
    precision, recall : ndarray of shape (n_thresholds,)
        The first point is (precision 1, recall 0) at threshold ``inf``, a
        convention (nothing is predicted positive); recall then rises to 1.
    thresholds : ndarray of shape (n_thresholds,)
        Decreasing: ``inf``, then the distinct scores.

    Notes
    -----
    scikit-learn returns the same points in the reverse order, with the
    convention point last and no ``inf`` threshold.

    Examples
    --------
    >>> p, r, thr = precision_recall_curve([0, 1, 1, 0], [0.1, 0.5, 0.5, 0.3])
    >>> p.round(4).tolist(), r.tolist(), thr.tolist()
    ([1.0, 1.0, 0.6667, 0.5], [0.0, 1.0, 1.0, 1.0], [inf, 0.5, 0.3, 0.1])
    """
    tps, fps, thresholds = _cumulative_counts(y_true, y_score)
    precision_ = np.r_[1.0, tps / (tps + fps)]
    recall_ = np.r_[0.0, tps / tps[-1]]  # tps[-1]: every positive
    return precision_, recall_, np.r_[np.inf, thresholds]


@validate(y_true=_binary, y_score=vector, _=_a_positive)
def average_precision(y_true, y_score):
    r"""Average precision: the precision at each threshold, weighted by the recall it adds.

    .. math:: \mathrm{AP} = \sum_k (R_k - R_{k-1})\, P_k

    over the points of :func:`precision_recall_curve`. This step-wise sum (as in
    scikit-learn) does not interpolate between points, which would be optimistic.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Labels 0 and 1; at least one must be 1.
    y_score : array_like of shape (n_samples,)

    Returns
    -------
    float in [0, 1]
        1 for a perfect ranking; about the fraction of positives for random scores.

    Examples
    --------
    Positives ranked 1st and 3rd: precision 1/1 and 2/3, each adding recall 1/2:

    >>> round(average_precision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]), 6)
    0.833333
    """
    precision_, recall_, _ = precision_recall_curve(y_true, y_score)
    return float(np.sum(np.diff(recall_) * precision_[1:]))


METRICS = {
    "accuracy": accuracy,
    "null_accuracy": null_accuracy,
    "precision": precision,
    "recall": recall,
    "specificity": specificity,
    "fbeta": fbeta,
    "f1": f1,
    "log_loss": log_loss,
    "prediction_bias": prediction_bias,
    "roc_auc": roc_auc,
    "average_precision": average_precision,
}
"""Every scalar metric: name -> function."""

CURVES = {
    "confusion_matrix": confusion_matrix,
    "roc_curve": roc_curve,
    "precision_recall_curve": precision_recall_curve,
    "calibration_curve": calibration_curve,
}
"""Every metric that returns arrays: name -> function."""
