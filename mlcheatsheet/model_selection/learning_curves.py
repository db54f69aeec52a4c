r"""Learning curves and the diagnosis they support: high bias or high variance?

A **learning curve** plots a model's training error and validation error against
the number :math:`m` of training examples it was fitted to (:func:`learning_curve`).
Its shape tells which of the remedies of Ng's course notes can help (:func:`diagnose`):

- **high bias** (underfitting): the training error is high, and the validation
  error comes down to it quickly and stays there; more data will not help;
- **high variance** (overfitting): the training error is low, the validation
  error much higher; the gap closes slowly as :math:`m` grows, so more data helps.
"""

import numpy as np

from .._validation import (function, matrix, nonnegative, positive, same_length, validate,
                           vector)

__all__ = ["learning_curve", "diagnose"]


def _sizes(value, name):
    """Spec: increasing training-set sizes, each an integer >= 1."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) == 0:
        raise TypeError(f"{name} must be a non-empty list of training-set sizes; "
                        f"got {type(value).__name__}")
    sizes = np.asarray(value)
    if sizes.ndim != 1 or sizes.dtype.kind not in "iu" or sizes.min() < 1 \
            or np.any(np.diff(sizes) <= 0):
        raise ValueError(f"{name} must be increasing integers >= 1; got {value!r:.60}")
    return sizes


_sizes.kind = "sizes"


def _fits_in_training(args):
    """Relation: the largest size is at most the number of training rows."""
    if args["sizes"][-1] > len(args["X_train"]):
        raise ValueError(f"sizes goes up to {args['sizes'][-1]}, more than the "
                         f"{len(args['X_train'])} rows of X_train")


def _fitted(value, name):
    """Spec for what ``fit`` returns: finite numbers."""
    fitted = np.asarray(value)
    if isinstance(value, (str, bytes)) or fitted.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be the fitted parameters (numbers); "
                        f"got {type(value).__name__}")
    if not np.all(np.isfinite(fitted)):
        raise ValueError(f"{name} must be finite fitted parameters; got non-finite values")
    return value


_CURVE = dict(fit=function(returns=_fitted), error=function(returns=nonnegative),
              X_train=matrix, y_train=vector, X_val=matrix, y_val=vector, sizes=_sizes)
_ROWS = (same_length("X_train", "y_train"), same_length("X_val", "y_val"))


@validate(*_ROWS, _fits_in_training, **_CURVE)
def learning_curve(fit, error, X_train, y_train, X_val, y_val, sizes):
    r"""Training and validation error of the model fitted to the first ``m`` examples.

    For each ``m`` in ``sizes``: fit on ``X_train[:m]``, then measure the error on
    those same ``m`` examples and on the whole validation set (Ng's
    :math:`J_{\text{train}}(m)` and :math:`J_{\text{cv}}(m)`).

    Parameters
    ----------
    fit : callable
        ``fit(X, y)`` returns the fitted parameters (an array of numbers).
    error : callable
        ``error(fitted, X, y)`` returns an error >= 0 (lower is better).
    X_train, y_train : array_like
        Training examples, in the order they are added.
    X_val, y_val : array_like
    sizes : sequence of int
        Increasing training-set sizes.

    Returns
    -------
    train_errors, val_errors : ndarray of shape (len(sizes),)

    Examples
    --------
    >>> fit = lambda X, y: y.mean(keepdims=True)              # predict the mean
    >>> error = lambda m, X, y: float(((y - m[0]) ** 2).mean())
    >>> X, y = np.zeros((4, 1)), np.array([0.0, 2.0, 0.0, 2.0])
    >>> tr, va = learning_curve(fit, error, X, y, X, y, sizes=[1, 2, 4])
    >>> tr.tolist(), va.tolist()
    ([0.0, 1.0, 1.0], [2.0, 1.0, 1.0])
    """
    fitted = [fit(X_train[:m], y_train[:m]) for m in sizes]
    train = [error(w, X_train[:m], y_train[:m]) for w, m in zip(fitted, sizes)]
    return np.array(train), np.array([error(w, X_val, y_val) for w in fitted])


_ERRORS = dict(train_error=nonnegative, val_error=nonnegative, target_error=nonnegative)


@validate(**_ERRORS, tolerance=positive)
def diagnose(train_error, val_error, target_error, tolerance=0.5):
    r"""Name the problem a learning curve's end point shows, by Ng's rules.

    - **high bias** if the training error exceeds the target (the error one
      could hope for, e.g. the noise level or human error) by more than
      ``tolerance`` times the target;
    - **high variance** if the validation error exceeds the training error by
      more than ``tolerance`` times the target.

    Returns
    -------
    str
        ``"high bias"``, ``"high variance"``, ``"high bias and high variance"``
        or ``"neither"``.

    Examples
    --------
    >>> diagnose(train_error=0.30, val_error=0.32, target_error=0.1)
    'high bias'
    >>> diagnose(train_error=0.02, val_error=0.40, target_error=0.1)
    'high variance'
    """
    problems = [name for name, found in [
        ("high bias", train_error - target_error > tolerance * target_error),
        ("high variance", val_error - train_error > tolerance * target_error)] if found]
    return " and ".join(problems) or "neither"
