r"""Loss functions and their gradients with respect to the prediction.

Conventions shared by every function here:

* **Argument order** ``loss(y_true, y_pred)``, as in scikit-learn. (The 2017
  cheatsheet used ``(yHat, y)``, the other way round; PyTorch uses ``(input, target)``.)
* **reduction** -- ``"mean"`` (default), ``"sum"`` or ``"none"``. ``"none"`` returns the
  per-sample losses. For the elementwise losses (regression, hinge, binary
  cross-entropy) every element is a sample; for the distribution losses
  (categorical cross-entropy, KL divergence, negative log-likelihood) the last
  axis holds the classes and every row is a sample.
* **Gradients** ``<name>_grad(y_true, y_pred, ...)`` return :math:`\partial L/\partial
  \hat y`, an array of the shape of ``y_pred``: the gradient of the *reduced* loss,
  so ``"mean"`` divides by the number of samples and ``"sum"`` does not. A sample's
  loss depends only on its own prediction, so for ``"none"`` the gradient is each
  sample's own derivative (which is the gradient of the sum).
* At a kink (``mae`` at zero error, ``hinge`` at margin 1) the gradient returned is
  the subgradient 0.
* Inputs must be finite and non-empty; ``y_true`` and ``y_pred`` must have the
  same shape (nothing is broadcast), except that class losses also accept integer
  labels. Bad input raises ``ValueError`` or ``TypeError`` naming the argument.

``LOSSES`` maps each name to its ``(loss, gradient)`` pair.

Every public function checks its arguments with ``@validate``; its body is the
computation, available unchecked as ``f.__wrapped__`` for loops inside the library
(it expects float arrays, and the class losses expect ``y_true`` as one-hot rows).
"""

import numpy as np

from .._validation import array, as_float_array, interval, positive, same_shape, validate
from .activations import _sigmoid

__all__ = [
    "LOSSES",
    "REDUCTIONS",
    "mse",
    "mse_grad",
    "mae",
    "mae_grad",
    "l2",
    "l2_grad",
    "huber",
    "huber_grad",
    "log_cosh",
    "log_cosh_grad",
    "hinge",
    "hinge_grad",
    "squared_hinge",
    "squared_hinge_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "categorical_cross_entropy",
    "categorical_cross_entropy_grad",
    "kl_divergence",
    "kl_divergence_grad",
    "negative_log_likelihood",
    "negative_log_likelihood_grad",
]

REDUCTIONS = ("mean", "sum", "none")
"""The accepted values of every ``reduction`` argument."""

_SUM_TOL = 1e-5  # how far a probability row's sum may be from 1


# --------------------------------------------------------------------------
# Input checks (specs and relations for @validate) and reductions
# --------------------------------------------------------------------------

#: Relation: ``y_true`` and ``y_pred`` have one shape; nothing is broadcast.
_SAME = same_shape("y_true", "y_pred")
#: Spec of ``eps``: from the smallest normal float (so that ``1 / eps`` in the
#: gradients is finite) to just below 1/2 (so that ``[eps, 1 - eps]`` is not empty).
_EPS = interval(np.finfo(np.float64).tiny, 0.5)


def _reduction(value, name):
    """Spec: one of :data:`REDUCTIONS`."""
    if not (isinstance(value, str) and value in REDUCTIONS):
        raise ValueError(f"{name} must be one of 'mean', 'sum' or 'none'; got {value!r}")
    return value


_reduction.kind = "options"


def _first_bad(values, bad):
    return float(values[bad].flat[0])


def _check_probabilities(p, name):
    bad = (p < 0) | (p > 1)
    if bad.any():
        raise ValueError(
            f"{name} must contain probabilities in [0, 1]; got {int(bad.sum())} value(s) "
            f"outside, e.g. {_first_bad(p, bad)!r}"
        )


def _check_rows_sum_to_one(p, name):
    sums = p.sum(axis=-1)
    bad = np.abs(sums - 1.0) > _SUM_TOL
    if bad.any():
        raise ValueError(
            f"{name} must sum to 1 along the last (class) axis; got a row summing to "
            f"{_first_bad(sums, bad)!r}"
        )


def _class_axis(value, name):
    arr = as_float_array(value, name)
    if arr.ndim == 0:
        raise ValueError(f"{name} must have a class axis (shape (n_classes,) or "
                         "(n_samples, n_classes)); got a scalar")
    return arr


def _probabilities(value, name):
    """Spec: an array of probabilities, each in [0, 1]."""
    p = as_float_array(value, name)
    _check_probabilities(p, name)
    return p


def _probability_rows(value, name):
    """Spec: rows of class probabilities (the last axis holds the classes), each summing to 1."""
    p = _class_axis(value, name)
    _check_probabilities(p, name)
    _check_rows_sum_to_one(p, name)
    return p


def _log_probability_rows(value, name):
    """Spec: rows of class log-probabilities: <= 0, their exponentials summing to 1."""
    log_p = _class_axis(value, name)
    if np.any(log_p > 0):
        raise ValueError(f"{name} must contain log-probabilities (<= 0); got "
                         f"{_first_bad(log_p, log_p > 0)!r}")
    _check_rows_sum_to_one(np.exp(log_p), f"exp({name})")
    return log_p


def _binary_labels(value, name):
    """Spec: an array of the labels 0 and 1."""
    y = as_float_array(value, name)
    bad = (y != 0) & (y != 1)
    if bad.any():
        raise ValueError(
            f"{name} must contain only the labels 0 and 1; got {_first_bad(y, bad)!r} "
            "(the argument order is (y_true, y_pred); for soft targets use kl_divergence)"
        )
    return y


def _sign_labels(value, name):
    """Spec: an array of the labels -1 and +1."""
    y = as_float_array(value, name)
    bad = (y != -1) & (y != 1)
    if bad.any():
        zero_one = np.all((y == 0) | (y == 1))
        hint = " (convert 0/1 labels with 2 * y - 1)" if zero_one else ""
        raise ValueError(
            f"{name} must contain only the labels -1 and +1; got {_first_bad(y, bad)!r}{hint}"
        )
    return y


for _spec in (_probabilities, _probability_rows, _log_probability_rows, _binary_labels,
              _sign_labels):
    _spec.kind = "array"
del _spec

# Short names, so that every @validate(...) line fits the code column.
_REDUCTION, _PROBS, _ROWS, _LOG_ROWS = (_reduction, _probabilities, _probability_rows,
                                         _log_probability_rows)
_BINARY, _SIGNS = _binary_labels, _sign_labels


def _one_hot(args):
    """Relation: ``y_true``, integer labels or one-hot rows, as one-hot rows like ``y_pred``."""
    y_true, y_pred = args["y_true"], args["y_pred"]
    n_classes = y_pred.shape[-1]
    if y_true.shape == y_pred.shape:
        bad = (y_true != 0) & (y_true != 1)
        if bad.any() or np.any(y_true.sum(axis=-1) != 1):
            raise ValueError(
                "y_true of the same shape as y_pred must be one-hot (0s and a single 1 per "
                "row); for soft targets use kl_divergence"
            )
        return None
    if y_true.shape == y_pred.shape[:-1]:
        bad = (y_true != np.round(y_true)) | (y_true < 0) | (y_true >= n_classes)
        if bad.any():
            raise ValueError(
                f"y_true must hold integer class labels in 0..{n_classes - 1}; got "
                f"{_first_bad(y_true, bad)!r}"
            )
        return {"y_true": np.eye(n_classes)[y_true.astype(np.intp)]}
    raise ValueError(
        f"y_true must be integer labels of shape {y_pred.shape[:-1]} or one-hot rows of "
        f"shape {y_pred.shape} (the shape of y_pred); got shape {y_true.shape}"
    )


def _clipped(p, eps):
    r"""``(clip(p, eps, 1 - eps), 1 - that)``, each to full relative accuracy.

    For ``eps`` below :math:`1.1\times10^{-16}`, ``1 - eps`` rounds to 1, so clipping
    ``p`` itself at ``1 - eps`` would leave :math:`1 - p = 0`. The smaller of the
    two probabilities is clipped at ``eps`` instead: ``p`` where :math:`p < 1/2`, and
    :math:`1 - p` (exact in floating point for :math:`p \ge 1/2`) elsewhere.
    """
    low = p < 0.5
    small = np.where(low, np.clip(p, eps, 0.5), np.clip(1.0 - p, eps, 0.5))
    return np.where(low, small, 1.0 - small), np.where(low, 1.0 - small, small)


def _clipped_logs(p, eps):
    """``log`` of both values of :func:`_clipped`: ``log1p`` for the one near 1."""
    low = p < 0.5
    small = np.where(low, np.clip(p, eps, 0.5), np.clip(1.0 - p, eps, 0.5))
    log_small, log_large = np.log(small), np.log1p(-small)  # small <= 1/2: both finite
    return np.where(low, log_small, log_large), np.where(low, log_large, log_small)


def _out(arr):
    return float(arr) if arr.ndim == 0 else arr


def _reduce(losses, reduction):
    if reduction == "mean":
        return float(np.mean(losses))
    if reduction == "sum":
        return float(np.sum(losses))
    return _out(losses)


def _scale(grad, reduction, n_samples):
    """Turn per-sample derivatives into the gradient of the reduced loss."""
    return _out(grad / n_samples if reduction == "mean" else grad)


def _n_rows(y_pred):
    return y_pred.size // y_pred.shape[-1]


# --------------------------------------------------------------------------
# Regression losses (elementwise)
# --------------------------------------------------------------------------


@validate(y_true=array(), y_pred=array(), reduction=_REDUCTION, _=_SAME)
def mse(y_true, y_pred, *, reduction="mean"):
    r"""Mean squared error :math:`\frac1N\sum_i (\hat y_i - y_i)^2`.

    Parameters
    ----------
    y_true : array_like
        Targets.
    y_pred : array_like of the shape of ``y_true``
        Predictions.
    reduction : {"mean", "sum", "none"}, default="mean"
        ``"sum"`` gives the sum of squared errors (:func:`l2`), ``"none"`` the squared
        error of every element.

    Returns
    -------
    float, or ndarray of the shape of ``y_true`` if ``reduction="none"``

    Examples
    --------
    >>> round(mse([1.0, 2.0, 3.0], [1.0, 2.0, 5.0]), 4)
    1.3333
    """
    return _reduce((y_pred - y_true) ** 2, reduction)


@validate(y_true=array(), y_pred=array(), reduction=_REDUCTION, _=_SAME)
def mse_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`mse` with respect to ``y_pred``: :math:`\frac2N(\hat y - y)`.

    Parameters
    ----------
    y_true, y_pred : array_like of the same shape
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float or ndarray of the shape of ``y_pred``

    Examples
    --------
    The factor is :math:`2/N`, not 1 (the 2017 cheatsheet's ``MSE_prime`` returned
    :math:`\hat y - y`, which is the gradient of half the *sum*, not of the mean):

    >>> mse_grad([0.0, 0.0, 0.0, 0.0], [1.0, 2.0, 3.0, 4.0]).tolist()
    [0.5, 1.0, 1.5, 2.0]
    """
    return _scale(2.0 * (y_pred - y_true), reduction, y_pred.size)


@validate(y_true=array(), y_pred=array(), reduction=_REDUCTION, _=_SAME)
def mae(y_true, y_pred, *, reduction="mean"):
    r"""Mean absolute error, the L1 loss: :math:`\frac1N\sum_i |\hat y_i - y_i|`.

    Parameters
    ----------
    y_true : array_like
    y_pred : array_like of the shape of ``y_true``
    reduction : {"mean", "sum", "none"}, default="mean"
        ``"sum"`` gives the L1 loss as a plain sum, :math:`\sum_i |\hat y_i - y_i|`.

    Returns
    -------
    float, or ndarray of the shape of ``y_true`` if ``reduction="none"``

    Examples
    --------
    >>> round(mae([1.0, 2.0, 3.0], [1.0, 2.0, 5.0]), 4)
    0.6667
    >>> mae([1.0, 2.0, 3.0], [1.0, 2.0, 5.0], reduction="sum")
    2.0
    """
    return _reduce(np.abs(y_pred - y_true), reduction)


@validate(y_true=array(), y_pred=array(), reduction=_REDUCTION, _=_SAME)
def mae_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`mae` w.r.t. ``y_pred``: :math:`\frac1N\operatorname{sign}(\hat y - y)`.

    :math:`|r|` has no derivative at :math:`r = 0`; the subgradient 0 is returned there.

    Parameters
    ----------
    y_true, y_pred : array_like of the same shape
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float or ndarray of the shape of ``y_pred``

    Examples
    --------
    >>> mae_grad([1.0, 2.0, 3.0], [0.0, 2.0, 5.0], reduction="sum").tolist()
    [-1.0, 0.0, 1.0]
    """
    return _scale(np.sign(y_pred - y_true), reduction, y_pred.size)


@validate(y_true=array(), y_pred=array(), reduction=_REDUCTION, _=_SAME)
def l2(y_true, y_pred, *, reduction="sum"):
    r"""L2 loss, the sum of squared errors :math:`\sum_i (\hat y_i - y_i)^2`.

    The same elementwise loss as :func:`mse`, but *summed* by default, as the 2017
    cheatsheet defined it. ``l2(..., reduction="mean")`` equals :func:`mse`.

    Parameters
    ----------
    y_true : array_like
    y_pred : array_like of the shape of ``y_true``
    reduction : {"sum", "mean", "none"}, default="sum"

    Returns
    -------
    float, or ndarray of the shape of ``y_true`` if ``reduction="none"``

    Examples
    --------
    >>> l2([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])
    4.0
    """
    return _reduce((y_pred - y_true) ** 2, reduction)


@validate(y_true=array(), y_pred=array(), reduction=_REDUCTION, _=_SAME)
def l2_grad(y_true, y_pred, *, reduction="sum"):
    r"""Gradient of :func:`l2` with respect to ``y_pred``: :math:`2(\hat y - y)`.

    Parameters
    ----------
    y_true, y_pred : array_like of the same shape
    reduction : {"sum", "mean", "none"}, default="sum"

    Returns
    -------
    float or ndarray of the shape of ``y_pred``

    Examples
    --------
    >>> l2_grad([1.0, 2.0, 3.0], [1.0, 2.0, 5.0]).tolist()
    [0.0, 0.0, 4.0]
    """
    return _scale(2.0 * (y_pred - y_true), reduction, y_pred.size)


@validate(y_true=array(), y_pred=array(), delta=positive, reduction=_REDUCTION, _=_SAME)
def huber(y_true, y_pred, *, delta=1.0, reduction="mean"):
    r"""Huber loss: squared for small errors, absolute for large ones.

    With :math:`r = \hat y - y`,

    .. math::

        L_\delta(r) = \begin{cases} \tfrac12 r^2 & |r| \le \delta \\
                      \delta\,(|r| - \tfrac12\delta) & |r| > \delta \end{cases}

    Parameters
    ----------
    y_true : array_like
    y_pred : array_like of the shape of ``y_true``
    delta : float, default=1.0
        Where the quadratic turns linear, > 0. Errors beyond ``delta`` count only
        linearly, so outliers pull less than under :func:`mse`.
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float, or ndarray of the shape of ``y_true`` if ``reduction="none"``

    Examples
    --------
    >>> huber([0.0, 0.0], [0.5, 3.0], reduction="none").tolist()
    [0.125, 2.5]
    """
    a = np.abs(y_pred - y_true)
    m = np.minimum(a, delta)  # = a where squared (a**2 overflows for a > 1.3e154)
    losses = np.where(a <= delta, 0.5 * m**2, delta * (a - 0.5 * delta))
    return _reduce(losses, reduction)


@validate(y_true=array(), y_pred=array(), delta=positive, reduction=_REDUCTION, _=_SAME)
def huber_grad(y_true, y_pred, *, delta=1.0, reduction="mean"):
    r"""Gradient of :func:`huber` w.r.t. ``y_pred``: the error clipped to :math:`[-\delta, \delta]`.

    Parameters
    ----------
    y_true, y_pred : array_like of the same shape
    delta : float, default=1.0
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float or ndarray of the shape of ``y_pred``

    Examples
    --------
    >>> huber_grad([0.0, 0.0], [0.5, 3.0], reduction="sum").tolist()
    [0.5, 1.0]
    """
    return _scale(np.clip(y_pred - y_true, -delta, delta), reduction, y_pred.size)


@validate(y_true=array(), y_pred=array(), reduction=_REDUCTION, _=_SAME)
def log_cosh(y_true, y_pred, *, reduction="mean"):
    r"""Log-cosh loss :math:`\log\cosh(\hat y - y)`, a smooth Huber-like loss.

    With :math:`r = \hat y - y` it is about :math:`\tfrac12 r^2` near 0 and about
    :math:`|r| - \log 2` far away.

    Parameters
    ----------
    y_true : array_like
    y_pred : array_like of the shape of ``y_true``
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float, or ndarray of the shape of ``y_true`` if ``reduction="none"``

    Notes
    -----
    ``np.log(np.cosh(r))`` overflows for :math:`|r| > 710`. For :math:`|r| \ge 1` this
    uses :math:`|r| + \log(1 + e^{-2|r|}) - \log 2`, which cannot overflow; below 1,
    where that form cancels, it uses :math:`\log(1 + 2\sinh^2(r/2))`, accurate to
    the last digit even for tiny errors.

    Examples
    --------
    >>> log_cosh(0.0, 0.0)
    0.0
    >>> round(log_cosh(0.0, 1e4), 6)
    9999.306853
    """
    a = np.abs(y_pred - y_true)
    small = np.log1p(2.0 * np.sinh(np.minimum(a, 1.0) / 2.0) ** 2)
    large = a + np.log1p(np.exp(-2.0 * a)) - np.log(2.0)
    return _reduce(np.where(a < 1.0, small, large), reduction)


@validate(y_true=array(), y_pred=array(), reduction=_REDUCTION, _=_SAME)
def log_cosh_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`log_cosh` with respect to ``y_pred``: :math:`\tanh(\hat y - y)`.

    Parameters
    ----------
    y_true, y_pred : array_like of the same shape
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float or ndarray of the shape of ``y_pred``

    Examples
    --------
    >>> log_cosh_grad([0.0, 0.0], [0.0, 1e4], reduction="sum").tolist()
    [0.0, 1.0]
    """
    return _scale(np.tanh(y_pred - y_true), reduction, y_pred.size)


# --------------------------------------------------------------------------
# Margin losses: labels -1 / +1, predictions are real-valued scores
# --------------------------------------------------------------------------


@validate(y_true=_SIGNS, y_pred=array(), reduction=_REDUCTION, _=_SAME)
def hinge(y_true, y_pred, *, reduction="mean"):
    r"""Hinge loss :math:`\max(0,\ 1 - y\,\hat y)` for labels :math:`y \in \{-1, +1\}`.

    Parameters
    ----------
    y_true : array_like
        Labels, each -1 or +1 (0/1 labels raise an error: convert with ``2 * y - 1``).
    y_pred : array_like of the shape of ``y_true``
        Real-valued decision scores (e.g. :math:`w^\top x + b`), not probabilities.
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float, or ndarray of the shape of ``y_true`` if ``reduction="none"``

    Examples
    --------
    >>> hinge([1.0, -1.0, 1.0], [0.5, 0.3, 2.0], reduction="none").tolist()
    [0.5, 1.3, 0.0]
    """
    return _reduce(np.maximum(0.0, 1.0 - y_true * y_pred), reduction)


@validate(y_true=_SIGNS, y_pred=array(), reduction=_REDUCTION, _=_SAME)
def hinge_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`hinge` w.r.t. ``y_pred``: :math:`-y` where :math:`y\hat y < 1`, else 0.

    Parameters
    ----------
    y_true, y_pred : array_like of the same shape
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float or ndarray of the shape of ``y_pred``

    Examples
    --------
    >>> hinge_grad([1.0, -1.0, 1.0], [0.5, 0.3, 2.0], reduction="sum").tolist()
    [-1.0, 1.0, 0.0]
    """
    return _scale(np.where(y_true * y_pred < 1.0, -y_true, 0.0), reduction, y_pred.size)


@validate(y_true=_SIGNS, y_pred=array(), reduction=_REDUCTION, _=_SAME)
def squared_hinge(y_true, y_pred, *, reduction="mean"):
    r"""Squared hinge loss :math:`\max(0,\ 1 - y\,\hat y)^2` for labels :math:`y \in \{-1, +1\}`.

    Parameters
    ----------
    y_true : array_like
        Labels, each -1 or +1.
    y_pred : array_like of the shape of ``y_true``
        Real-valued decision scores.
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float, or ndarray of the shape of ``y_true`` if ``reduction="none"``

    Examples
    --------
    >>> squared_hinge([1.0, -1.0, 1.0], [0.5, 0.3, 2.0], reduction="none").round(6).tolist()
    [0.25, 1.69, 0.0]
    """
    return _reduce(np.maximum(0.0, 1.0 - y_true * y_pred) ** 2, reduction)


@validate(y_true=_SIGNS, y_pred=array(), reduction=_REDUCTION, _=_SAME)
def squared_hinge_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`squared_hinge` w.r.t. ``y_pred``: :math:`-2y\max(0,\ 1 - y\hat y)`.

    Parameters
    ----------
    y_true, y_pred : array_like of the same shape
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float or ndarray of the shape of ``y_pred``

    Examples
    --------
    >>> squared_hinge_grad([1.0, -1.0, 1.0], [0.5, 0.5, 2.0], reduction="sum").tolist()
    [-1.0, 3.0, 0.0]
    """
    margin = np.maximum(0.0, 1.0 - y_true * y_pred)
    grad = np.where(margin > 0, -2.0 * y_true * margin, 0.0)
    return _scale(grad, reduction, y_pred.size)


# --------------------------------------------------------------------------
# Binary cross-entropy (log loss): labels 0 / 1
# --------------------------------------------------------------------------


@validate(y_true=_BINARY, y_pred=_PROBS, eps=_EPS, reduction=_REDUCTION, _=_SAME)
def binary_cross_entropy(y_true, y_pred, *, eps=1e-15, reduction="mean"):
    r"""Binary cross-entropy (log loss) :math:`-\bigl(y\log p + (1-y)\log(1-p)\bigr)`.

    Parameters
    ----------
    y_true : array_like
        Labels, each 0 or 1.
    y_pred : array_like of the shape of ``y_true``
        Predicted probabilities :math:`p = P(y = 1)`, in :math:`[0, 1]`.
    eps : float, default=1e-15
        Probabilities are clipped to :math:`[\varepsilon, 1-\varepsilon]` so that a
        confident wrong prediction costs :math:`-\log\varepsilon \approx 34.5` instead
        of infinity. Any value from the smallest normal float (about 2.2e-308) to
        just below 1/2.
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float, or ndarray of the shape of ``y_true`` if ``reduction="none"``

    See Also
    --------
    binary_cross_entropy_with_logits : the same loss from scores, without clipping.

    Notes
    -----
    For :math:`\varepsilon < 1.1\times10^{-16}`, :math:`1 - \varepsilon` rounds to 1, so
    clipping :math:`p` there would leave :math:`\log(1 - p) = \log 0`. The smaller of
    :math:`p` and :math:`1 - p` (the latter exact in floating point for
    :math:`p \ge 1/2`) is clipped at :math:`\varepsilon` instead, and the logarithm
    of the larger is taken with ``log1p``: both terms are accurate for every
    :math:`\varepsilon`.

    Examples
    --------
    >>> round(binary_cross_entropy(1, 0.9), 6)   # -ln 0.9
    0.105361
    >>> round(binary_cross_entropy(0, 0.9), 6)   # -ln 0.1
    2.302585
    >>> round(binary_cross_entropy(0, 1.0, eps=1e-20), 6)   # -ln 1e-20, though 1 - 1e-20 == 1
    46.051702
    """
    log_p, log_q = _clipped_logs(y_pred, eps)  # log p and log(1 - p), p clipped
    return _reduce(-(y_true * log_p + (1.0 - y_true) * log_q), reduction)


@validate(y_true=_BINARY, y_pred=_PROBS, eps=_EPS, reduction=_REDUCTION, _=_SAME)
def binary_cross_entropy_grad(y_true, y_pred, *, eps=1e-15, reduction="mean"):
    r"""Gradient of :func:`binary_cross_entropy` w.r.t. ``y_pred``: :math:`\frac{p - y}{p(1-p)}`.

    Evaluated at the clipped probability (so it stays finite at 0 and 1, and a
    confident wrong prediction still gets a large push instead of the zero slope
    of the clip), as :math:`\frac{1-y}{1-p} - \frac{y}{p}`, which keeps its digits
    when :math:`1 - p` is tiny (:math:`p - y` would round to 0 there).

    Parameters
    ----------
    y_true, y_pred : array_like of the same shape
    eps : float, default=1e-15
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float or ndarray of the shape of ``y_pred``

    Examples
    --------
    >>> binary_cross_entropy_grad([1.0, 0.0], [0.5, 0.5], reduction="sum").tolist()
    [-2.0, 2.0]
    """
    p, q = _clipped(y_pred, eps)  # p clipped to [eps, 1 - eps], and q = 1 - p
    return _scale((1.0 - y_true) / q - y_true / p, reduction, y_pred.size)


@validate(y_true=_BINARY, y_pred=array(), reduction=_REDUCTION, _=_SAME)
def binary_cross_entropy_with_logits(y_true, y_pred, *, reduction="mean"):
    r"""Binary cross-entropy from a score :math:`z` (logit), with :math:`p = \sigma(z)`.

    .. math:: L = -\bigl(y\log\sigma(z) + (1-y)\log(1-\sigma(z))\bigr)
                = \log(1 + e^{z}) - y\,z

    Parameters
    ----------
    y_true : array_like
        Labels, each 0 or 1.
    y_pred : array_like of the shape of ``y_true``
        Logits :math:`z` (any real numbers), not probabilities.
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float, or ndarray of the shape of ``y_true`` if ``reduction="none"``

    Notes
    -----
    Computed as ``np.logaddexp(0, -z)`` where :math:`y = 1` and ``np.logaddexp(0, z)``
    where :math:`y = 0`: exact for every logit, with no clipping and no cancellation
    (the form :math:`\log(1+e^z) - yz` rounds :math:`\log(1+e^{-40}) \approx 4\cdot10^{-18}`
    to 0, and gives ``inf - inf`` for an infinite logit). Prefer this to ``binary_cross_entropy(y,
    sigmoid(z))``, which loses everything beyond :math:`|z| \approx 34.5` to the clip.

    Examples
    --------
    >>> round(binary_cross_entropy_with_logits(1, 0.0), 6)   # ln 2
    0.693147
    >>> binary_cross_entropy_with_logits(0, 1e4)   # confidently wrong: costs z
    10000.0
    """
    # -log σ(z) = log(1 + e^-z) where y = 1, -log(1 - σ(z)) = log(1 + e^z) where y = 0
    return _reduce(np.logaddexp(0.0, np.where(y_true == 1, -y_pred, y_pred)), reduction)


@validate(y_true=_BINARY, y_pred=array(), reduction=_REDUCTION, _=_SAME)
def binary_cross_entropy_with_logits_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`binary_cross_entropy_with_logits`: :math:`\sigma(z) - y` per logit.

    Parameters
    ----------
    y_true, y_pred : array_like of the same shape
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    float or ndarray of the shape of ``y_pred``

    Examples
    --------
    >>> binary_cross_entropy_with_logits_grad([1.0, 0.0], [0.0, 1e4], reduction="sum").tolist()
    [-0.5, 1.0]
    """
    return _scale(_sigmoid(y_pred) - y_true, reduction, y_pred.size)


# --------------------------------------------------------------------------
# Losses over class distributions: the last axis holds the classes
# --------------------------------------------------------------------------


@validate(y_true=array(), y_pred=_ROWS, eps=_EPS, reduction=_REDUCTION, _=_one_hot)
def categorical_cross_entropy(y_true, y_pred, *, eps=1e-15, reduction="mean"):
    r"""Categorical cross-entropy :math:`-\sum_c y_c \log p_c = -\log p_{\text{true class}}`.

    Parameters
    ----------
    y_true : array_like
        Either integer class labels of shape ``(n_samples,)`` or one-hot rows of
        shape ``(n_samples, n_classes)``.
    y_pred : array_like of shape (n_samples, n_classes)
        Predicted probabilities (e.g. a softmax output): in :math:`[0, 1]`, each row
        summing to 1 (within 1e-5). A single sample may be given as shape
        ``(n_classes,)`` with a scalar label.
    eps : float, default=1e-15
        Probabilities are clipped below at :math:`\varepsilon`, from the smallest
        normal float (so that the gradient's :math:`1/\varepsilon` is finite) to
        just below 1/2.
    reduction : {"mean", "sum", "none"}, default="mean"
        Over samples (rows).

    Returns
    -------
    float, or ndarray of shape (n_samples,) if ``reduction="none"``

    Examples
    --------
    >>> p = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]
    >>> categorical_cross_entropy([0, 2], p, reduction="none").round(6).tolist()  # -ln .7, -ln .8
    [0.356675, 0.223144]
    >>> categorical_cross_entropy([[1, 0, 0], [0, 0, 1]], p) == categorical_cross_entropy([0, 2], p)
    True
    """
    log_p = np.log(np.clip(y_pred, eps, 1.0))
    return _reduce(-(y_true * log_p).sum(axis=-1), reduction)


@validate(y_true=array(), y_pred=_ROWS, eps=_EPS, reduction=_REDUCTION, _=_one_hot)
def categorical_cross_entropy_grad(y_true, y_pred, *, eps=1e-15, reduction="mean"):
    r"""Gradient of :func:`categorical_cross_entropy` w.r.t. ``y_pred``: :math:`-y_c / p_c`.

    Every probability is treated as a free variable (the constraint that a row sums
    to 1 is not projected out), so only the true class gets a non-zero entry.
    Through a softmax, the gradient with respect to the logits is the simpler
    :math:`p - y`: compute it from the logits with
    :func:`mlcheatsheet.neural_networks.network.softmax_cross_entropy`, not by
    chaining this gradient through
    :func:`~mlcheatsheet.neural_networks.activations.softmax_vjp`. The chain
    loses the gradient wherever the clip at ``eps`` is active: for logits
    :math:`z = (0, 40)` and true class 0, :math:`p_0 = e^{-40}` is clipped, and the
    chain gives about :math:`\mp 0.004` instead of :math:`\mp 1`.

    Parameters
    ----------
    y_true : array_like
        Integer labels or one-hot rows, as in :func:`categorical_cross_entropy`.
    y_pred : array_like of shape (n_samples, n_classes)
    eps : float, default=1e-15
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    ndarray of the shape of ``y_pred``

    Examples
    --------
    >>> categorical_cross_entropy_grad([0, 1], [[0.5, 0.5], [0.75, 0.25]]).tolist()
    [[-1.0, 0.0], [0.0, -2.0]]
    """
    return _scale(0.0 - y_true / np.clip(y_pred, eps, 1.0), reduction, _n_rows(y_pred))


@validate(y_true=_ROWS, y_pred=_ROWS, eps=_EPS, reduction=_REDUCTION, _=_SAME)
def kl_divergence(y_true, y_pred, *, eps=1e-15, reduction="mean"):
    r"""Kullback--Leibler divergence :math:`D_{\mathrm{KL}}(P\,\|\,Q) = \sum_c p_c \log(p_c / q_c)`.

    ``y_true`` is the reference distribution :math:`P`, ``y_pred`` the model's
    :math:`Q`. Terms with :math:`p_c = 0` contribute 0. KL is not symmetric.

    Parameters
    ----------
    y_true : array_like of shape (n_samples, n_classes) or (n_classes,)
        Target distributions (soft labels allowed): in :math:`[0, 1]`, rows summing to 1.
    y_pred : array_like of the shape of ``y_true``
        Predicted distributions, likewise.
    eps : float, default=1e-15
        :math:`q` is clipped below at :math:`\varepsilon`, so a class that :math:`P`
        allows and :math:`Q` rules out costs about :math:`p\cdot 34.5` instead of infinity.
    reduction : {"mean", "sum", "none"}, default="mean"
        Over samples (rows); ``"mean"`` is PyTorch's ``"batchmean"``.

    Returns
    -------
    float, or ndarray of shape (n_samples,) if ``reduction="none"``

    Notes
    -----
    :math:`D_{\mathrm{KL}}(P\|Q) = H(P, Q) - H(P)`: cross-entropy minus the entropy
    of the targets, which does not depend on :math:`Q`. So minimizing either over
    :math:`Q` gives the same gradient, and KL is 0 exactly when :math:`Q = P`.

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    >>> round(kl_divergence([0.5, 0.5], [0.25, 0.75]), 6)   # (ln 2 + ln 2/3) / 2
    0.143841
    """
    p, q = y_true, y_pred
    log_ratio = np.log(np.where(p > 0, p, 1.0)) - np.log(np.clip(q, eps, 1.0))
    return _reduce(np.where(p > 0, p * log_ratio, 0.0).sum(axis=-1), reduction)


@validate(y_true=_ROWS, y_pred=_ROWS, eps=_EPS, reduction=_REDUCTION, _=_SAME)
def kl_divergence_grad(y_true, y_pred, *, eps=1e-15, reduction="mean"):
    r"""Gradient of :func:`kl_divergence` with respect to ``y_pred``: :math:`-p_c / q_c`.

    Parameters
    ----------
    y_true, y_pred : array_like of the same shape
    eps : float, default=1e-15
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    ndarray of the shape of ``y_pred``

    Examples
    --------
    >>> kl_divergence_grad([0.5, 0.5], [0.25, 0.75]).round(6).tolist()
    [-2.0, -0.666667]
    """
    return _scale(0.0 - y_true / np.clip(y_pred, eps, 1.0), reduction, _n_rows(y_pred))


@validate(y_true=array(), y_pred=_LOG_ROWS, reduction=_REDUCTION, _=_one_hot)
def negative_log_likelihood(y_true, y_pred, *, reduction="mean"):
    r"""Negative log-likelihood of the true classes, from log-probabilities: :math:`-\log p_y`.

    The same loss as :func:`categorical_cross_entropy`, but ``y_pred`` holds
    **log**-probabilities (as PyTorch's ``NLLLoss``). With
    ``y_pred = log_softmax(logits)`` this is cross-entropy from logits, finite
    for any logits and with no clipping.

    Parameters
    ----------
    y_true : array_like
        Integer class labels of shape ``(n_samples,)`` or one-hot rows of the shape
        of ``y_pred``.
    y_pred : array_like of shape (n_samples, n_classes)
        Log-probabilities: :math:`\le 0`, with :math:`\sum_c e^{y_{\text{pred}, c}} = 1`
        in every row (within 1e-5).
    reduction : {"mean", "sum", "none"}, default="mean"
        Over samples (rows).

    Returns
    -------
    float, or ndarray of shape (n_samples,) if ``reduction="none"``

    Examples
    --------
    >>> import numpy as np
    >>> round(negative_log_likelihood(0, np.log([0.5, 0.5])), 6)   # ln 2
    0.693147
    """
    return _reduce(-(y_true * y_pred).sum(axis=-1), reduction)


@validate(y_true=array(), y_pred=_LOG_ROWS, reduction=_REDUCTION, _=_one_hot)
def negative_log_likelihood_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`negative_log_likelihood` w.r.t. the log-probabilities: :math:`-y_c`.

    Parameters
    ----------
    y_true : array_like
        Integer labels or one-hot rows.
    y_pred : array_like of shape (n_samples, n_classes)
        Log-probabilities.
    reduction : {"mean", "sum", "none"}, default="mean"

    Returns
    -------
    ndarray of the shape of ``y_pred``

    Examples
    --------
    >>> import numpy as np
    >>> negative_log_likelihood_grad([1, 0], np.log([[0.5, 0.5], [0.5, 0.5]])).tolist()
    [[0.0, -0.5], [-0.5, 0.0]]
    """
    return _scale(0.0 - y_true, reduction, _n_rows(y_pred))


# The same computations, unchecked, for loops inside the library (a training loop checks
# its data once). They expect float arrays; y_true of the class losses as one-hot rows.
_binary_cross_entropy_with_logits = binary_cross_entropy_with_logits.__wrapped__
_binary_cross_entropy_with_logits_grad = binary_cross_entropy_with_logits_grad.__wrapped__
_negative_log_likelihood = negative_log_likelihood.__wrapped__

LOSSES = {
    "mse": (mse, mse_grad),
    "mae": (mae, mae_grad),
    "l2": (l2, l2_grad),
    "huber": (huber, huber_grad),
    "log_cosh": (log_cosh, log_cosh_grad),
    "hinge": (hinge, hinge_grad),
    "squared_hinge": (squared_hinge, squared_hinge_grad),
    "binary_cross_entropy": (binary_cross_entropy, binary_cross_entropy_grad),
    "binary_cross_entropy_with_logits": (binary_cross_entropy_with_logits,
                                         binary_cross_entropy_with_logits_grad),
    "categorical_cross_entropy": (categorical_cross_entropy, categorical_cross_entropy_grad),
    "kl_divergence": (kl_divergence, kl_divergence_grad),
    "negative_log_likelihood": (negative_log_likelihood, negative_log_likelihood_grad),
}
"""Every loss: name -> ``(loss, gradient with respect to y_pred)``."""
