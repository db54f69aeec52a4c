"""Input checks shared by every module.

Each helper raises a ``TypeError`` or ``ValueError`` whose message names the
argument, says what it received and what was expected, so that a reader who
passes the wrong thing learns how to fix the call.
"""

import numbers

import numpy as np

__all__ = [
    "as_float_array",
    "check_consistent_length",
    "check_interval",
    "check_positive",
    "check_positive_int",
    "check_rng",
]


def _describe(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return f"{type(value).__name__} {value!r}"


def as_float_array(value, name, ndim=None, allow_empty=False):
    """Convert ``value`` to a finite float64 array, or raise a clear error.

    Parameters
    ----------
    value : array_like
        What the caller passed.
    name : str
        The argument's name, used in error messages.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    allow_empty : bool, default=False
        Whether an array with no elements is acceptable.

    Returns
    -------
    ndarray of float64
        A new array (never a view of the caller's data).

    Examples
    --------
    >>> as_float_array([1, 2], "x").dtype
    dtype('float64')
    >>> as_float_array([[1.0, float("nan")]], "X")
    Traceback (most recent call last):
    ...
    ValueError: X must contain only finite numbers; it has 1 NaN or infinite value(s)
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be an array of numbers; got {_describe(value)}")
    try:
        arr = np.array(value, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must be an array of numbers; got {_describe(value)} ({exc})"
        ) from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(d) for d in allowed)
            raise ValueError(
                f"{name} must be {want}-dimensional; got {arr.ndim} dimension(s) "
                f"with shape {arr.shape}"
            )
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty; got shape {arr.shape}")
    bad = int(np.count_nonzero(~np.isfinite(arr)))
    if bad:
        raise ValueError(
            f"{name} must contain only finite numbers; it has {bad} NaN or infinite value(s)"
        )
    return arr


def check_consistent_length(**arrays):
    """Raise ``ValueError`` unless all arrays have the same number of rows.

    Examples
    --------
    >>> check_consistent_length(x=[1, 2, 3], y=[1, 2])
    Traceback (most recent call last):
    ...
    ValueError: x and y must have the same number of samples; got x: 3, y: 2
    """
    lengths = {name: len(a) for name, a in arrays.items()}
    if len(set(lengths.values())) > 1:
        names = list(lengths)
        got = ", ".join(f"{k}: {v}" for k, v in lengths.items())
        raise ValueError(
            f"{' and '.join([', '.join(names[:-1]), names[-1]])} must have the same "
            f"number of samples; got {got}"
        )


def check_positive(value, name):
    """Return ``value`` as a float, raising unless it is a finite number > 0.

    Examples
    --------
    >>> check_positive(0.1, "lr")
    0.1
    >>> check_positive(0, "lr")
    Traceback (most recent call last):
    ...
    ValueError: lr must be a finite number > 0; got 0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {_describe(value)}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0; got {value!r}")
    return float(value)


def check_positive_int(value, name, minimum=1):
    """Return ``value`` as an int, raising unless it is an integer >= ``minimum``.

    Examples
    --------
    >>> check_positive_int(10, "n_iter")
    10
    >>> check_positive_int(2.5, "n_iter")
    Traceback (most recent call last):
    ...
    TypeError: n_iter must be an integer; got float 2.5
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {_describe(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value!r}")
    return int(value)


def check_interval(value, name, low, high, closed="left"):
    """Return ``value`` as a float, raising unless it lies in the interval from ``low`` to ``high``.

    Parameters
    ----------
    value : real number
        What the caller passed.
    name : str
        The argument's name, used in error messages.
    low, high : float
        The ends of the interval; ``high`` may be ``inf``.
    closed : {"left", "right", "both", "neither"}, default="left"
        Which ends belong to the interval: ``"left"`` is :math:`[low, high)`.

    Examples
    --------
    >>> check_interval(0.9, "beta1", 0, 1)
    0.9
    >>> check_interval(1.0, "beta1", 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: beta1 must be a number in [0, 1); got 1.0
    >>> check_interval(-0.1, "weight_decay", 0, float("inf"))
    Traceback (most recent call last):
    ...
    ValueError: weight_decay must be a finite number >= 0; got -0.1
    """
    if closed not in {"left", "right", "both", "neither"}:
        raise ValueError(f"closed must be 'left', 'right', 'both' or 'neither'; got {closed!r}")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {_describe(value)}")
    low_ok = value >= low if closed in {"left", "both"} else value > low
    high_ok = value <= high if closed in {"right", "both"} else value < high
    if not (np.isfinite(value) and low_ok and high_ok):
        if high == np.inf and low == -np.inf:
            want = "a finite number"
        elif high == np.inf:
            want = f"a finite number {'>=' if closed in {'left', 'both'} else '>'} {low:g}"
        else:
            left = "[" if closed in {"left", "both"} else "("
            right = "]" if closed in {"right", "both"} else ")"
            want = f"a number in {left}{low:g}, {high:g}{right}"
        raise ValueError(f"{name} must be {want}; got {value!r}")
    return float(value)


def check_rng(rng, name="rng"):
    """Return a ``numpy.random.Generator`` for ``rng``: a Generator or an integer seed.

    Randomness in this library is always explicit, so ``None`` (which would mean
    "seed from the operating system") is refused.

    Examples
    --------
    >>> int(check_rng(0).integers(10)) == int(np.random.default_rng(0).integers(10))
    True
    >>> check_rng(None)
    Traceback (most recent call last):
    ...
    TypeError: rng must be a numpy Generator or an integer seed, e.g. np.random.default_rng(0); got NoneType None
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        if rng < 0:
            raise ValueError(f"{name} must be a seed >= 0; got {rng!r}")
        return np.random.default_rng(int(rng))
    raise TypeError(
        f"{name} must be a numpy Generator or an integer seed, e.g. np.random.default_rng(0); "
        f"got {_describe(rng)}"
    )
