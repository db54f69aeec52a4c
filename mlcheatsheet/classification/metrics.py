r"""Classification metrics: the confusion matrix and everything computed from it,
threshold curves (ROC, precision--recall), log loss, prediction bias and calibration.

Conventions:

* **Argument order** ``metric(y_true, y_pred)`` (or ``y_score`` / ``y_prob``), as in
  scikit-learn.
* **Labels** are numbers, booleans or names (text such as ``"cat"``; text that
  reads as a number, ``"1"``, is refused); classes are ordered as ``np.unique``
  orders them, as in scikit-learn.
* **Binary metrics** take two classes, by default 0 and 1 (or booleans) with 1 the
  positive class; ``pos_label`` names another (``-1``/``1``, ``"spam"``).
* **More than two classes**: precision, recall, specificity and the F scores take
  scikit-learn's ``average`` (``None`` for one score per class, ``"micro"``,
  ``"macro"``, ``"weighted"``; ``"binary"``, the default, needs at most two
  classes) and ``labels``; :func:`roc_auc` takes rows of class probabilities with
  ``multi_class="ovr"`` or ``"ovo"``. ``sample_weight`` (weights >= 0, not all 0)
  is taken wherever scikit-learn takes it: confusion matrix, accuracy, precision,
  recall, specificity, F scores, ROC and precision--recall curves and their areas,
  log loss.
* ``y_pred`` holds predicted labels, ``y_score`` any real-valued score where larger
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

import decimal
import itertools
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


def _known_classes(args):
    """Relation: ``labels`` (if given) has each class once and every label of the data."""
    _PRED(args)
    _one_kind("y_true", "y_pred", "labels")(args)
    _weights_match(args)
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
            raise ValueError(f"{name} contains the label {_show(args[name][unknown][0])}, "
                             f"which is not in labels {labels.tolist()}")


def _class_labels(value, name):
    """Spec: 1-D class labels: numbers or booleans (as float64), or text (as a str array).

    Text labels are names (``"cat"``, ``"setosa"``); text that reads as a number
    (``"1"``) is refused, since ``"1"`` and ``1`` would be two different classes.
    """
    strings = None
    if isinstance(value, np.ndarray) and value.dtype.kind == "U":
        strings = value
    elif isinstance(value, (list, tuple, np.ndarray)) and len(value) and all(
            isinstance(v, str) for v in (value.ravel().tolist() if isinstance(value, np.ndarray)
                                         else value)):
        strings = np.asarray(list(np.asarray(value, dtype=object).ravel()), dtype=str).reshape(
            np.shape(value))
    elif isinstance(value, (list, tuple)) and any(isinstance(v, str) for v in value):
        raise TypeError(f"{name} mixes text and other labels; got {list(value)[:4]!r:.60}: "
                        "class labels are all numbers or all text")
    if strings is None:
        return _labels(value, name)
    if strings.ndim != 1:
        raise ValueError(f"{name} must be 1-dimensional; got {strings.ndim} dimensions")
    for text in strings.tolist():
        try:
            float(text)
        except ValueError:
            continue
        raise TypeError(f"{name} holds the text {text!r}, which reads as a number: pass numeric "
                        "labels as numbers (the text '1' and the number 1 would be two classes)")
    return strings.copy()


_class_labels.kind = "array"
_class_labels.bool_ok = True


def _is_text(y):
    return y.dtype.kind == "U"


def _one_kind(*names):
    """Relation: the named label arrays are all numbers or all text."""

    def relation(args):
        given = [(n, args[n]) for n in names if args.get(n) is not None]
        kinds = {_is_text(v) for _, v in given}
        if len(kinds) > 1:
            text = next(n for n, v in given if _is_text(v))
            other = next(n for n, v in given if not _is_text(v))
            raise ValueError(f"{text} holds text labels but {other} numbers: the classes of "
                             "both must be of one kind")

    return relation


def _pos_label(value, name):
    """Spec: one class label: a finite number, a boolean or a name (text)."""
    if isinstance(value, str):
        return _class_labels([value], name)[0]
    if isinstance(value, (bool, np.bool_)):
        return float(value)
    if isinstance(value, numbers.Real) and not isinstance(value, decimal.Decimal):
        return _labels([value], name)[0]
    raise TypeError(f"{name} must be a class label (a number or a name); got "
                    f"{type(value).__name__} {value!r:.60}")


_pos_label.kind = "label"


def _weights(value, name):
    """Spec: sample weights: a 1-D array of finite numbers >= 0, not all zero."""
    w = array(ndim=1)(value, name)
    if np.any(w < 0):
        raise ValueError(f"{name} must hold weights >= 0; got {float(w[w < 0][0])!r}")
    if not w.any():
        raise ValueError(f"{name} must not be all zeros (no sample would count)")
    return w


_weights.kind = "array"

_WEIGHTS = optional(_weights)
_AVERAGE = optional(options("binary", "micro", "macro", "weighted"))


def _weights_match(args):
    """Relation: one weight per sample of ``y_true``."""
    w = args.get("sample_weight")
    if w is not None and len(w) != len(args["y_true"]):
        raise ValueError(f"sample_weight must have one weight per sample: {len(args['y_true'])}; "
                         f"got {len(w)}")


def _show(label):
    """A label as an error message shows it."""
    return repr(str(label)) if isinstance(label, (str, np.str_)) else repr(float(label))


def _set_wise(args):
    """Relation of the averaged label metrics (scikit-learn's ``_check_set_wise_labels``).

    Returns the classes to score: ``[pos_label]`` for ``average="binary"``, else
    ``labels`` or the sorted union of the labels of ``y_true`` and ``y_pred``.
    """
    _PRED(args)
    _one_kind("y_true", "y_pred", "labels")(args)
    _weights_match(args)
    y_true, y_pred, labels = args["y_true"], args["y_pred"], args["labels"]
    present = np.unique(np.r_[y_true, y_pred])
    if labels is not None and len(np.unique(labels)) != len(labels):
        raise ValueError(f"labels must not repeat a class; got {labels.tolist()}")
    if args["average"] != "binary":
        return {"labels": present if labels is None else labels}
    if len(present) > 2:
        raise ValueError(f"average='binary' (the default) needs at most two classes, but y_true "
                         f"and y_pred hold {len(present)}; choose average=None, 'micro', "
                         "'macro' or 'weighted'")
    pos = args["pos_label"]
    if _is_text(present) != isinstance(pos, str) or (pos not in present and len(present) == 2):
        shown = [str(v) if _is_text(present) else float(v) for v in present]
        raise ValueError(f"pos_label={_show(pos)} is not among the labels {shown}: set pos_label "
                         "to the positive class")
    return {"labels": np.array([pos])}


def _some_samples(args):
    """Relation: the four counts of :func:`labels_from_counts` make 1 to MAX_ELEMENTS samples."""
    total = args["tp"] + args["fp"] + args["fn"] + args["tn"]
    if not 1 <= total <= MAX_ELEMENTS:
        got = "all zeros" if total == 0 else f"{total}, more than can be allocated"
        raise ValueError(f"tp + fp + fn + tn must be at least 1 and at most {MAX_ELEMENTS}; "
                         f"got {got}")


def _label_pair(args):
    """Relation: ``y_true`` and ``y_pred`` match in shape and kind, weights in number."""
    _PRED(args)
    _one_kind("y_true", "y_pred")(args)
    _weights_match(args)


def _classes_of(args, default):
    """``labels`` if given (each class once, of the kind of ``y_true``), else ``default``."""
    _one_kind("y_true", "labels")(args)
    labels = args["labels"]
    if labels is None:
        return default
    if len(np.unique(labels)) != len(labels):
        raise ValueError(f"labels must not repeat a class; got {labels.tolist()}")
    unknown = ~np.isin(args["y_true"], labels)
    if unknown.any():
        raise ValueError(f"y_true contains the label {_show(args['y_true'][unknown][0])}, "
                         f"which is not in labels {labels.tolist()}")
    return labels


def _log_loss_inputs(args):
    """Relation: one label per row of ``y_prob``, and labels that name its classes."""
    y_true, y_prob = args["y_true"], args["y_prob"]
    if len(y_true) != len(y_prob):
        raise ValueError(f"y_true and y_prob must have the same number of samples; got "
                         f"{len(y_true)} and {len(y_prob)}")
    _weights_match(args)
    text = _is_text(y_true)
    if y_prob.ndim == 1:
        classes = _classes_of(args, np.unique(y_true) if text else None)
        if classes is None:  # numbers: 0 and 1, 1 the positive class
            return {"y_true": _binary(y_true, "y_true")}
        if len(classes) != 2:
            raise ValueError(f"y_prob of shape (n_samples,) is the probability of the second of "
                             f"two classes, but there are {len(classes)}: "
                             f"{classes.tolist()[:5]} (pass labels=[negative, positive])")
        return {"y_true": (y_true == classes[1]).astype(np.intp)}
    n_classes = y_prob.shape[1]
    if n_classes == 1:
        raise ValueError("y_prob of shape (n_samples, 1) is ambiguous: pass the probabilities of "
                         "class 1 with shape (n_samples,), or all class probabilities with shape "
                         "(n_samples, n_classes)")
    sums = y_prob.sum(axis=1)
    if np.any(np.abs(sums - 1.0) > 1e-5):
        raise ValueError(f"y_prob must have rows that sum to 1 (one probability per class); "
                         f"got a row summing to {float(sums[np.abs(sums - 1) > 1e-5][0])!r}")
    classes = _classes_of(args, np.unique(y_true) if text else None)
    if classes is None:  # numbers: the column index of each sample's class
        bad = (y_true != np.round(y_true)) | (y_true < 0) | (y_true >= n_classes)
        if bad.any():
            raise ValueError(f"y_true must hold integer class labels in 0..{n_classes - 1} (one "
                             f"per column of y_prob); got {float(y_true[bad][0])!r}")
        return {"y_true": y_true.astype(np.intp)}
    if len(classes) != n_classes:
        raise ValueError(f"y_prob has {n_classes} columns but there are {len(classes)} classes "
                         f"{classes.tolist()[:5]}: pass labels= with one class per column")
    return {"y_true": _position(classes, y_true)}


def _positive_of(y_true, pos_label, sample_weight):
    """``y_true == pos_label`` as 0/1, after checking that both classes carry weight."""
    classes = np.unique(y_true)
    numeric = not _is_text(classes)
    if pos_label is None:
        if not numeric or not (set(classes) <= {0.0, 1.0} or set(classes) <= {-1.0, 1.0}):
            raise ValueError(f"y_true holds the labels {classes.tolist()[:5]}: pass pos_label "
                             "(only 0/1 and -1/1 labels have a default positive class, 1)")
        pos_label = 1.0
    y = (y_true == pos_label).astype(np.int64)
    w = np.ones(len(y)) if sample_weight is None else sample_weight
    shown = f"{pos_label:g}" if numeric and isinstance(pos_label, float) else repr(pos_label)
    if not np.any(w[y == 1] > 0):
        raise ValueError(f"y_true has no positive ({shown}) samples; a ROC curve needs both "
                         "classes")
    if not np.any(w[y == 0] > 0):
        neg = "-1" if numeric and -1.0 in classes else "0" if numeric else f"not {shown}"
        raise ValueError(f"y_true has no negative ({neg}) samples; a ROC curve needs both classes")
    return y


def _roc_inputs(args):
    """Relation of :func:`roc_curve`: matching shapes, weights, and a positive class."""
    _SCORE(args)
    _weights_match(args)
    if args["pos_label"] is not None and (_is_text(args["y_true"]) != isinstance(
            args["pos_label"], str)):
        raise ValueError(f"pos_label={_show(args['pos_label'])} is not among the labels of y_true")
    return {"y_true": _positive_of(args["y_true"], args["pos_label"], args["sample_weight"])}


def _auc_inputs(args):
    """Relation of :func:`roc_auc`: binary (1-D scores) or multiclass (probability rows)."""
    y_true, y_score, w = args["y_true"], args["y_score"], args["sample_weight"]
    if len(y_true) != len(y_score):
        raise ValueError(f"y_true and y_score must have the same number of samples; got "
                         f"{len(y_true)} and {len(y_score)}")
    _weights_match(args)
    if y_score.ndim == 1:
        classes = np.unique(y_true)
        if len(classes) > 2:
            raise ValueError(f"y_score of shape (n_samples,) scores one class, but y_true holds "
                             f"{len(classes)} classes: pass probabilities of shape (n_samples, "
                             "n_classes) for a multiclass AUC")
        numeric01 = not _is_text(classes) and set(classes) <= {0.0, 1.0}
        if len(classes) == 1 and not numeric01:
            raise ValueError(f"y_true holds only the class {_show(classes[0])}; a ROC curve needs "
                             "both classes")
        pos = 1.0 if numeric01 else classes[-1]  # as scikit-learn: the larger label is positive
        return {"y_true": _positive_of(y_true, pos, w)}
    n_classes = y_score.shape[1]
    if n_classes == 1:
        raise ValueError("y_score of shape (n_samples, 1) is ambiguous: pass the scores of the "
                         "positive class with shape (n_samples,), or class probabilities with "
                         "shape (n_samples, n_classes)")
    classes = _classes_of(args, np.unique(y_true))
    if len(classes) != n_classes:
        raise ValueError(f"y_score has {n_classes} columns but there are {len(classes)} classes "
                         f"{classes.tolist()[:5]}: pass labels= with one class per column")
    sums = y_score.sum(axis=1)
    off = np.abs(sums - 1.0) > 1e-5 + 1e-8
    if off.any():
        raise ValueError(f"y_score must have rows that sum to 1 (class probabilities) for a "
                         f"multiclass AUC; got a row summing to {float(sums[off][0])!r}")
    index = _position(classes, y_true)
    missing = np.setdiff1d(np.arange(n_classes), index)
    if len(missing):
        raise ValueError(f"y_true has no sample of the class {_show(classes[missing[0]])} (column "
                         f"{missing[0]} of y_score): its AUC is undefined")
    if args["multi_class"] == "ovo":
        if w is not None:
            raise ValueError("sample_weight is not supported with multi_class='ovo' (nor in "
                             "scikit-learn): use multi_class='ovr'")
        if args["average"] not in ("macro", "weighted"):
            raise ValueError(f"average must be 'macro' or 'weighted' with multi_class='ovo'; got "
                             f"{args['average']!r}")
    return {"y_true": index}


def _a_positive(args):
    """Relation: ``y_true`` and ``y_score`` match, and ``y_true`` has a positive (``pos_label``)."""
    _SCORE(args)
    _weights_match(args)
    y, pos = args["y_true"], args["pos_label"]
    if pos is None:
        classes = np.unique(y)
        if _is_text(classes) or not (set(classes) <= {0.0, 1.0} or set(classes) <= {-1.0, 1.0}):
            raise ValueError(f"y_true holds the labels {classes.tolist()[:5]}: pass pos_label "
                             "(only 0/1 and -1/1 labels have a default positive class, 1)")
        pos = 1.0
    elif _is_text(y) != isinstance(pos, str):
        raise ValueError(f"pos_label={_show(pos)} is not among the labels of y_true")
    positive = (y == pos).astype(np.int64)
    w = args["sample_weight"]
    if not np.any(positive if w is None else w[positive == 1] > 0):
        shown = f"{pos:g}" if isinstance(pos, float) else repr(str(pos))
        raise ValueError(f"y_true has no positive ({shown}) samples; recall is undefined")
    return {"y_true": positive}


#: Spec bundles, so that each function declares its checks in one short line.
_LABEL_PAIR = {"y_true": _class_labels, "y_pred": _class_labels, "sample_weight": _WEIGHTS,
               "_": _label_pair}
_CONFUSION = {**_LABEL_PAIR, "labels": optional(_class_labels), "_": _known_classes}
_LOG_LOSS = {"y_true": _class_labels, "y_prob": _probabilities(ndim=(1, 2)),
             "labels": optional(_class_labels), "sample_weight": _WEIGHTS, "_": _log_loss_inputs}
_CURVE = {"y_true": _class_labels, "y_score": vector, "pos_label": optional(_pos_label),
          "sample_weight": _WEIGHTS}
_AUC = {"y_true": _class_labels, "y_score": array(ndim=(1, 2)), "labels": optional(_class_labels),
        "multi_class": options("ovr", "ovo"), "sample_weight": _WEIGHTS,
        "average": optional(options("macro", "weighted", "micro")), "_": _auc_inputs}


# --------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------


def _position(classes, values):
    """The index in ``classes`` of each of ``values`` (all of which are among them)."""
    order = np.argsort(classes, kind="stable")
    return order[np.searchsorted(classes, values, sorter=order)]


def _ratio(numerator, denominator, zero_division):
    return float(numerator / denominator) if denominator else zero_division


def _class_counts(y_true, y_pred, classes, sample_weight=None):
    """TP, FP, FN, TN of each of ``classes`` (one against the rest), weighted."""
    w = np.ones(len(y_true)) if sample_weight is None else sample_weight
    every = np.unique(np.r_[classes, y_true, y_pred])
    t, p = _position(every, y_true), _position(every, y_pred)
    hit = t == p
    true_sum = np.bincount(t, weights=w, minlength=len(every))
    pred_sum = np.bincount(p, weights=w, minlength=len(every))
    tp = np.bincount(t[hit], weights=w[hit], minlength=len(every))
    at = _position(every, classes)
    tp, fp, fn = tp[at], (pred_sum - tp)[at], (true_sum - tp)[at]
    return tp, fp, fn, w.sum() - tp - fp - fn


def _divide(numerator, denominator, zero_division):
    """``numerator / denominator`` elementwise, ``zero_division`` where the denominator is 0."""
    out = np.full(np.shape(numerator), zero_division, dtype=np.float64)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def _average(scores, support, average):
    """Per-class ``scores`` (``average=None``), or their average (scikit-learn's ``_nanaverage``).

    ``nan`` scores (``zero_division=nan``) are left out of the average; for
    ``"weighted"`` each class counts as its (weighted) number of true samples.
    """
    if average is None:
        return scores
    keep = ~np.isnan(scores)
    if not keep.any():
        return float("nan")
    weights = support[keep] if average == "weighted" and support[keep].sum() > 0 else None
    return float(np.average(scores[keep], weights=weights))


def _scores(y_true, y_pred, labels, average, sample_weight, zero_division, numerator, denominator):
    """A ratio of confusion counts, per class of ``labels`` or averaged."""
    tp, fp, fn, tn = _class_counts(y_true, y_pred, labels, sample_weight)
    num, den = numerator(tp, fp, fn, tn), denominator(tp, fp, fn, tn)
    if average == "micro":
        num, den = np.array([num.sum()]), np.array([den.sum()])
    return _average(_divide(num, den, zero_division), tp + fn, average)


def _counts(y_true, y_pred):
    """TP, FP, FN, TN of two 0/1 arrays."""
    tp = int(np.sum((y_true == 1) & (y_pred == 1)))
    fp = int(np.sum((y_true == 0) & (y_pred == 1)))
    fn = int(np.sum((y_true == 1) & (y_pred == 0)))
    return tp, fp, fn, len(y_true) - tp - fp - fn


# --------------------------------------------------------------------------
# The confusion matrix
# --------------------------------------------------------------------------


@validate(**_CONFUSION)
def confusion_matrix(y_true, y_pred, labels=None, *, sample_weight=None):
    r"""Count every (true class, predicted class) pair.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True class labels (any numbers, booleans, or names such as ``"cat"``).
    y_pred : array_like of shape (n_samples,)
        Predicted class labels, of the same kind.
    labels : array_like of shape (n_classes,), optional
        The classes, in the order of the rows and columns. By default the sorted
        union of the labels in ``y_true`` and ``y_pred`` (``np.unique`` order).
    sample_weight : array_like of shape (n_samples,), optional
        Weights >= 0: each sample adds its weight instead of 1 (the matrix is then
        float).

    Returns
    -------
    ndarray of int (float if weighted) of shape (n_classes, n_classes)
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
    >>> confusion_matrix(["dog", "cat"], ["cat", "cat"]).tolist()   # rows: cat, dog
    [[1, 0], [1, 0]]
    """
    classes = np.unique(np.r_[y_true, y_pred]) if labels is None else labels
    weighted = sample_weight is not None
    counts = np.zeros((len(classes),) * 2, dtype=np.float64 if weighted else np.int64)
    np.add.at(counts, (_position(classes, y_true), _position(classes, y_pred)),
              sample_weight if weighted else 1)
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


@validate(**_LABEL_PAIR)
def accuracy(y_true, y_pred, *, sample_weight=None):
    r"""Fraction of correct predictions: :math:`\frac{TP + TN}{TP + TN + FP + FN}`.

    Works for any number of classes (the fraction of samples with ``y_pred == y_true``).

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        Class labels: numbers, booleans or names.
    sample_weight : array_like of shape (n_samples,), optional
        Weights >= 0: the weighted fraction of correct predictions.

    Returns
    -------
    float in [0, 1]

    Examples
    --------
    >>> accuracy([0, 1, 1, 2], [0, 1, 0, 2])
    0.75
    >>> accuracy(["a", "b"], ["a", "a"], sample_weight=[3, 1])
    0.75
    """
    return float(np.average(y_true == y_pred, weights=sample_weight))


@validate(y_true=_class_labels)
def null_accuracy(y_true):
    r"""Accuracy of always predicting the most frequent class: the baseline to beat.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        True labels (any number of classes; numbers, booleans or names).

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


#: The arguments shared by precision, recall, specificity and the F scores.
_AVERAGED = {"y_true": _class_labels, "y_pred": _class_labels, "zero_division": _zero_division,
             "average": _AVERAGE, "labels": optional(_class_labels), "pos_label": _pos_label,
             "sample_weight": _WEIGHTS, "_": _set_wise}

_AVERAGING_DOC = r"""average : {"binary", "micro", "macro", "weighted"} or None, default="binary"
        ``"binary"``: the score of the class ``pos_label`` (at most two classes);
        ``None``: one score per class of ``labels``; ``"micro"``: the ratio of the
        counts summed over the classes; ``"macro"``: the unweighted mean of the
        per-class scores; ``"weighted"``: their mean weighted by each class's number
        of true samples (its support). As scikit-learn's ``average``.
    labels : array_like, optional
        The classes to score (not with ``"binary"``), in the order of the result;
        by default the sorted union of the labels of ``y_true`` and ``y_pred``.
        A subset leaves classes out of the average (their samples still count).
    pos_label : number or str, default=1
        The positive class, for ``average="binary"``; ignored otherwise.
    sample_weight : array_like of shape (n_samples,), optional
        Weights >= 0: a sample of weight 2 counts as two."""


def _labels_doc(fn):
    fn.__doc__ = fn.__doc__.replace("    {averaging}", "    " + _AVERAGING_DOC)
    return fn


@_labels_doc
@validate(**_AVERAGED)
def precision(y_true, y_pred, zero_division=0.0, *, average="binary", labels=None,
              pos_label=1, sample_weight=None):
    r"""Of the samples predicted positive, the fraction that are: :math:`\frac{TP}{TP + FP}`.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        Class labels: numbers, booleans or names. With the default
        ``average="binary"``, at most two classes, ``pos_label`` the positive one.
    zero_division : float, default=0.0
        Returned when nothing is predicted positive (:math:`TP + FP = 0`); a number
        in :math:`[0, 1]` or ``nan``.
    {averaging}

    Returns
    -------
    float, or ndarray of shape (n_labels,) if ``average=None``

    Examples
    --------
    >>> precision([1, 0, 1, 0], [1, 1, 0, 0])
    0.5
    >>> precision([1, 0], [0, 0])   # nothing predicted positive
    0.0
    >>> precision(["a", "b", "c", "c"], ["a", "c", "c", "b"], average=None).tolist()
    [1.0, 0.0, 0.5]
    >>> precision(["a", "b", "c", "c"], ["a", "c", "c", "b"], average="macro")
    0.5
    """
    return _scores(y_true, y_pred, labels, average, sample_weight, zero_division,
                   lambda tp, fp, fn, tn: tp, lambda tp, fp, fn, tn: tp + fp)


@_labels_doc
@validate(**_AVERAGED)
def recall(y_true, y_pred, zero_division=0.0, *, average="binary", labels=None,
           pos_label=1, sample_weight=None):
    r"""Of the positive samples, the fraction predicted positive: :math:`\frac{TP}{TP + FN}`.

    Also called sensitivity, or the true positive rate (TPR).

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        Class labels (see :func:`precision`).
    zero_division : float, default=0.0
        Returned when ``y_true`` has no positives.
    {averaging}

    Returns
    -------
    float in [0, 1], or ``zero_division``; ndarray if ``average=None``

    Examples
    --------
    >>> recall([1, 1, 1, 0], [1, 0, 0, 1])
    0.3333333333333333
    >>> recall([-1, 1, 1], [1, 1, -1], pos_label=-1)
    0.0
    """
    return _scores(y_true, y_pred, labels, average, sample_weight, zero_division,
                   lambda tp, fp, fn, tn: tp, lambda tp, fp, fn, tn: tp + fn)


@_labels_doc
@validate(**_AVERAGED)
def specificity(y_true, y_pred, zero_division=0.0, *, average="binary", labels=None,
                pos_label=1, sample_weight=None):
    r"""Of the negative samples, the fraction predicted negative: :math:`\frac{TN}{TN + FP}`.

    Also called the true negative rate; :math:`1 - \text{specificity}` is the false
    positive rate (FPR) on the x-axis of a ROC curve. With more than two classes,
    each class in turn is the positive one and every other class negative.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        Class labels (see :func:`precision`).
    zero_division : float, default=0.0
        Returned when ``y_true`` has no negatives.
    {averaging}

    Returns
    -------
    float in [0, 1], or ``zero_division``; ndarray if ``average=None``

    Examples
    --------
    >>> specificity([0, 0, 0, 1], [0, 1, 0, 1])
    0.6666666666666666
    >>> specificity([0, 1, 2, 2], [0, 2, 2, 1], average=None).tolist()
    [1.0, 0.6666666666666666, 0.5]
    """
    return _scores(y_true, y_pred, labels, average, sample_weight, zero_division,
                   lambda tp, fp, fn, tn: tn, lambda tp, fp, fn, tn: tn + fp)


@_labels_doc
@validate(**_AVERAGED, beta=nonnegative)
def fbeta(y_true, y_pred, beta, zero_division=0.0, *, average="binary", labels=None,
          pos_label=1, sample_weight=None):
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
        Class labels (see :func:`precision`).
    beta : float
        Weight :math:`\beta \ge 0`.
    zero_division : float, default=0.0
        Returned when the denominator is 0: :math:`TP = FP = FN = 0` (no positives,
        none predicted); for :math:`\beta = 0`, :math:`TP = FP = 0` as in :func:`precision`.
    {averaging}

    Notes
    -----
    The count form on the right is defined whenever there is a positive or a
    positive prediction; it gives 0 when :math:`TP = 0` even if :math:`P` or
    :math:`R` alone is undefined. For :math:`\beta > 1` the numerator and the
    denominator are divided by :math:`\beta^2`, so that no weight overflows: the
    weights :math:`(\beta^2, 1)` become :math:`(1, \beta^{-2})`, and a huge
    :math:`\beta` gives the recall, its limit (scikit-learn's ``fbeta_score``
    overflows there). ``"micro"`` applies the count form to the counts summed over
    the classes; ``"macro"`` and ``"weighted"`` average the per-class scores.

    Returns
    -------
    float in [0, 1], or ``zero_division``; ndarray if ``average=None``

    Examples
    --------
    >>> round(fbeta([1, 1, 1, 0], [1, 0, 0, 0], beta=2.0), 6)   # 5 / (5 + 4*2 + 0)
    0.384615
    >>> fbeta([1, 1, 1, 0], [1, 0, 0, 1], beta=0.0)   # the precision
    0.5
    """
    b2, c = (beta**2, 1.0) if beta <= 1 else (1.0, beta**-2)  # ∝ (β², 1); no overflow
    return _scores(y_true, y_pred, labels, average, sample_weight, zero_division,
                   lambda tp, fp, fn, tn: (b2 + c) * tp,
                   lambda tp, fp, fn, tn: (b2 + c) * tp + b2 * fn + c * fp)


@_labels_doc
@validate(**_AVERAGED)
def f1(y_true, y_pred, zero_division=0.0, *, average="binary", labels=None,
       pos_label=1, sample_weight=None):
    r"""The :math:`F_1` score, the harmonic mean of precision and recall.

    .. math:: F_1 = \frac{2PR}{P + R} = \frac{2\,TP}{2\,TP + FP + FN}

    See :func:`fbeta` (this is :math:`\beta = 1`).

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        Class labels (see :func:`precision`).
    zero_division : float, default=0.0
        Returned when :math:`TP = FP = FN = 0`.
    {averaging}

    Returns
    -------
    float in [0, 1], or ``zero_division``; ndarray if ``average=None``

    Examples
    --------
    >>> f1([1, 1, 1, 0], [1, 0, 0, 1])   # P = 1/2, R = 1/3
    0.4
    >>> f1(["no", "yes", "yes"], ["yes", "yes", "no"], pos_label="yes")
    0.5
    """
    return fbeta(y_true, y_pred, 1.0, zero_division, average=average, labels=labels,
                 pos_label=pos_label, sample_weight=sample_weight)


# --------------------------------------------------------------------------
# Metrics of predicted probabilities
# --------------------------------------------------------------------------


@validate(**_LOG_LOSS)
def log_loss(y_true, y_prob, *, labels=None, sample_weight=None):
    r"""Mean cross-entropy of predicted probabilities (log loss).

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Labels: numbers 0 and 1 if ``y_prob`` is 1-D, class indices if it is 2-D;
        names (text) are matched to the columns in sorted order, as scikit-learn does.
    y_prob : array_like of shape (n_samples,) or (n_samples, n_classes)
        Probability of class 1 (the second class), or one row of class
        probabilities per sample (each row summing to 1).
    labels : array_like, optional
        The class of each column of ``y_prob`` (for 1-D: the negative and the
        positive class); it overrides the defaults above.
    sample_weight : array_like of shape (n_samples,), optional
        Weights >= 0: the weighted mean.

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
    >>> round(log_loss(["b", "a"], [[0.2, 0.8], [0.6, 0.4]]), 6)   # columns a, b
    0.366985
    """
    if y_prob.ndim == 1:  # the probability of class 1
        p = np.clip(y_prob, 1e-15, 1 - 1e-15)
        losses = -(y_true * np.log(p) + (1 - y_true) * np.log1p(-p))
    else:
        p = y_prob[np.arange(len(y_true)), y_true]  # each one's probability of its own
        losses = -np.log(np.clip(p, 1e-15, 1.0))
    return float(np.average(losses, weights=sample_weight))


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


def _cumulative_counts(y_true, y_score, sample_weight=None):
    """TP and FP counts (weighted) when the threshold is each distinct score, high to low.

    Samples of weight 0 are left out (as in scikit-learn): they add no threshold.
    """
    if sample_weight is not None:
        kept = sample_weight != 0
        y_true, y_score, sample_weight = y_true[kept], y_score[kept], sample_weight[kept]
    order = np.argsort(-y_score, kind="stable")
    score, label = y_score[order], y_true[order]
    # the last sample of every group of equal scores: a threshold never splits a tie
    last = np.r_[np.flatnonzero(np.diff(score)), len(score) - 1]
    if sample_weight is None:
        tps = np.cumsum(label)[last]
        return tps, last + 1 - tps, score[last]
    w = sample_weight[order]
    return np.cumsum(label * w)[last], np.cumsum((1 - label) * w)[last], score[last]


def _binary_auc(y_true, y_score, sample_weight=None):
    """Trapezoidal area under the ROC curve of 0/1 labels with both classes."""
    tps, fps, _ = _cumulative_counts(y_true, y_score, sample_weight)
    fpr, tpr = np.r_[0, fps] / fps[-1], np.r_[0, tps] / tps[-1]
    # trapezoids: a tie between a positive and a negative is a diagonal step, area 1/2
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


@validate(**_CURVE, _=_roc_inputs)
def roc_curve(y_true, y_score, *, pos_label=None, sample_weight=None):
    r"""Receiver operating characteristic: true positive rate against false positive rate.

    Every distinct score, taken as the threshold (predict positive where
    ``y_score >= threshold``), gives one point :math:`(\mathrm{FPR}, \mathrm{TPR})`,
    with :math:`\mathrm{TPR} = TP/(TP+FN)` and :math:`\mathrm{FPR} = FP/(FP+TN)`.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Labels 0 and 1 (or -1 and 1, or any two classes with ``pos_label``); both
        must occur.
    y_score : array_like of shape (n_samples,)
        Scores; larger means more likely positive.
    pos_label : number or str, optional
        The positive class; by default 1, for labels 0/1 or -1/1.
    sample_weight : array_like of shape (n_samples,), optional
        Weights >= 0: the rates are fractions of the weight of each class.

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
    tps, fps, thresholds = _cumulative_counts(y_true, y_score, sample_weight)
    # the last threshold predicts every sample positive: fps[-1] is N_neg, tps[-1] N_pos
    return np.r_[0, fps] / fps[-1], np.r_[0, tps] / tps[-1], np.r_[np.inf, thresholds]


@validate(**_AUC)
def roc_auc(y_true, y_score, *, multi_class="ovr", average="macro", labels=None,
            sample_weight=None):
    r"""Area under the ROC curve; for more than two classes, averaged over classes or pairs.

    Equal to the probability that a random positive scores higher than a random
    negative, counting ties as one half:

    .. math:: \mathrm{AUC} = P(s_+ > s_-) + \tfrac12 P(s_+ = s_-)

    It depends only on the order of the scores, not on their values or on a threshold.

    With :math:`K > 2` classes and a row of class probabilities per sample:

    * ``multi_class="ovr"`` (one-vs-rest): the AUC of each class :math:`k` against
      all others, scored by column :math:`k`; averaged over the classes
      (``"macro"``), weighted by their number of samples (``"weighted"``), or
      computed once on the :math:`n K` flattened (label, score) pairs (``"micro"``).
    * ``multi_class="ovo"`` (one-vs-one, Hand & Till, 2001): for each pair of
      classes :math:`j < k`, on their samples only,
      :math:`\hat A_{jk} = \tfrac12 (A(j \mid k) + A(k \mid j))`, where
      :math:`A(j \mid k)` ranks them by the probability of :math:`j`; averaged over the
      :math:`K(K-1)/2` pairs (``"macro"``, Hand & Till's :math:`M`) or weighted by the
      fraction of samples in each pair (``"weighted"``).

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Class labels (numbers, booleans or names); with 1-D scores, two classes, the
        larger label (0/1: 1) the positive one, as in scikit-learn.
    y_score : array_like of shape (n_samples,) or (n_samples, n_classes)
        Scores of the positive class, or class probabilities (rows summing to 1,
        columns in the order of ``labels``).
    multi_class : {"ovr", "ovo"}, default="ovr"
        How to reduce more than two classes to pairs (scikit-learn's default is to
        raise; one-vs-rest is its usual choice).
    average : {"macro", "weighted", "micro"} or None, default="macro"
        How to average the class (or pair) AUCs; ``None`` gives one per class
        (``"ovr"`` only); ``"micro"`` is ``"ovr"`` only. Ignored for two classes.
    labels : array_like of shape (n_classes,), optional
        The class of each column of ``y_score``; by default the sorted classes of
        ``y_true``.
    sample_weight : array_like of shape (n_samples,), optional
        Weights >= 0 (not with ``"ovo"``, as in scikit-learn).

    Returns
    -------
    float in [0, 1], or ndarray of shape (n_classes,) if ``average=None``
        0.5 for scores unrelated to the labels, 1 for a perfect ranking.

    Examples
    --------
    >>> roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])   # 3 of the 4 pairs in order
    0.75
    >>> roc_auc([0, 1], [0.5, 0.5])                    # a tie counts one half
    0.5
    >>> p = [[0.7, 0.2, 0.1], [0.3, 0.4, 0.3], [0.2, 0.2, 0.6], [0.1, 0.6, 0.3]]
    >>> roc_auc(["a", "b", "c", "b"], p, multi_class="ovr", average=None).tolist()
    [1.0, 1.0, 1.0]
    >>> roc_auc([0, 1, 2, 0], p, multi_class="ovo")
    0.75
    """
    if y_score.ndim == 1:
        return _binary_auc(y_true, y_score, sample_weight)
    n_classes = y_score.shape[1]
    onehot = (y_true[:, None] == np.arange(n_classes)).astype(np.int64)
    if multi_class == "ovr":
        if average == "micro":
            w = None if sample_weight is None else np.repeat(sample_weight, n_classes)
            return _binary_auc(onehot.ravel(), y_score.ravel(), w)
        aucs = np.array([_binary_auc(onehot[:, k], y_score[:, k], sample_weight)
                         for k in range(n_classes)])
        w = np.ones(len(y_true)) if sample_weight is None else sample_weight
        return _average(aucs, w @ onehot, average)
    pairs, prevalence = [], []
    for j, k in itertools.combinations(range(n_classes), 2):
        both = (y_true == j) | (y_true == k)
        yj = (y_true[both] == j).astype(np.int64)
        a_jk = _binary_auc(yj, y_score[both, j])  # j against k, ranked by P(j)
        a_kj = _binary_auc(1 - yj, y_score[both, k])  # k against j, ranked by P(k)
        pairs.append((a_jk + a_kj) / 2)
        prevalence.append(both.mean())
    return _average(np.array(pairs), np.array(prevalence), average)


@validate(**_CURVE, _=_a_positive)
def precision_recall_curve(y_true, y_score, *, pos_label=None, sample_weight=None):
    r"""Precision against recall, one point per threshold.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Labels 0 and 1 (or -1 and 1, or any two classes with ``pos_label``); at
        least one must be positive.
    y_score : array_like of shape (n_samples,)
    pos_label : number or str, optional
        The positive class; by default 1, for labels 0/1 or -1/1.
    sample_weight : array_like of shape (n_samples,), optional
        Weights >= 0 (samples of weight 0 are left out, as in scikit-learn).

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
    tps, fps, thresholds = _cumulative_counts(y_true, y_score, sample_weight)
    precision_ = np.r_[1.0, tps / (tps + fps)]
    recall_ = np.r_[0.0, tps / tps[-1]]  # tps[-1]: every positive
    return precision_, recall_, np.r_[np.inf, thresholds]


@validate(**_CURVE, _=_a_positive)
def average_precision(y_true, y_score, *, pos_label=None, sample_weight=None):
    r"""Average precision: the precision at each threshold, weighted by the recall it adds.

    .. math:: \mathrm{AP} = \sum_k (R_k - R_{k-1})\, P_k

    over the points of :func:`precision_recall_curve`. This step-wise sum (as in
    scikit-learn) does not interpolate between points, which would be optimistic.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        Labels 0 and 1 (or -1 and 1, or any two classes with ``pos_label``); at
        least one must be positive.
    y_score : array_like of shape (n_samples,)
    pos_label : number or str, optional
        The positive class; by default 1, for labels 0/1 or -1/1.
    sample_weight : array_like of shape (n_samples,), optional
        Weights >= 0 (samples of weight 0 are left out, as in scikit-learn).

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
    precision_, recall_, _ = precision_recall_curve(y_true, y_score,
                                                    sample_weight=sample_weight)
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
