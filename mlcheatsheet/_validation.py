r"""Input checks shared by every module: one declarative layer.

A public function says what each argument must be in **one line** above its
signature, so that its body is the computation and nothing else::

    @validate(y_true=vector, y_pred=vector, _=same_shape("y_true", "y_pred"))
    def accuracy(y_true, y_pred):
        return float(np.mean(y_true == y_pred))

:func:`validate` binds the call's arguments, passes each one through its *spec*
(a callable ``spec(value, name) -> value`` that converts it or raises), then runs
the *relations* (checks between arguments), and only then calls the function
with the converted values. Every error is a ``TypeError`` (wrong kind of thing)
or a ``ValueError`` (right kind, wrong value) whose message names the argument,
says what it got and what was expected.

The specs refuse, for every argument of the library: complex numbers (never
silently truncated to their real part), strings (also strings of digits), bytes,
``datetime64``/``timedelta64``, booleans where a number is meant and anything but
a boolean where a flag is meant, ``None`` unless the argument is optional,
Python integers or fractions too large for float64, ``Decimal``, ragged lists,
NaN and infinities, and sizes too large to allocate (more than
:data:`MAX_ELEMENTS` entries), before anything is allocated. Callables given by
the user (objectives, gradients, schedules) can be wrapped so that what they
*return* is checked too, and a bad return value names the argument.

The older helper functions (:func:`as_float_array`, :func:`check_positive`, ...)
are the same checks called one at a time.
"""

import decimal
import functools
import inspect
import numbers

import numpy as np

__all__ = [
    "MAX_ELEMENTS",
    "validate",
    "array",
    "vector",
    "matrix",
    "real",
    "positive",
    "nonnegative",
    "interval",
    "probability",
    "integer",
    "size",
    "shape",
    "flag",
    "options",
    "function",
    "optional",
    "either",
    "rng",
    "same_shape",
    "same_length",
    "finite_start",
    "as_float_array",
    "check_consistent_length",
    "check_interval",
    "check_positive",
    "check_positive_int",
    "check_rng",
]

#: The largest number of entries an array built by the library may have (8 GiB of float64):
#: a shape, a class count or a number of bins beyond it is refused before allocating.
MAX_ELEMENTS = 2**30

_INT64_MAX = np.iinfo(np.int64).max


def _describe(value):
    """A short description of ``value`` for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    if len(text) > 60:
        text = text[:40] + "..." + text[-10:]
    return f"{type(value).__name__} {text}"


# --------------------------------------------------------------------------
# The decorator
# --------------------------------------------------------------------------


def validate(*relations, **specs):
    """Check and convert a function's arguments before its body runs.

    Parameters
    ----------
    *relations : callable
        Checks between arguments, run after every spec, each called with the dict
        of (converted) arguments; it may raise or return a dict of replacements.
        A relation can also be passed by keyword under a name starting with
        ``_`` (``_=same_shape("a", "b")``), which keeps the decorator on one line.
    **specs : callable
        For each argument name, a spec ``spec(value, name) -> converted value``.

    Returns
    -------
    decorator
        The wrapped function keeps its name, docstring and signature; its specs
        are in ``__validated__`` (used by the test that sweeps bad input over
        every public callable: a spec's ``kind`` says what bad values to try, and
        ``bool_ok = True`` that booleans are good input, e.g. for labels).

    Examples
    --------
    >>> @validate(x=vector, lr=positive)
    ... def step(x, lr=0.1):
    ...     return x - lr * x
    >>> step([1, 2]).tolist()
    [0.9, 1.8]
    >>> step([1, 2], lr=-1)
    Traceback (most recent call last):
    ...
    ValueError: lr must be a finite number > 0; got -1
    """
    relations = list(relations) + [v for k, v in specs.items() if k.startswith("_")]
    specs = {k: v for k, v in specs.items() if not k.startswith("_")}

    def decorator(fn):
        signature = inspect.signature(fn)
        unknown = set(specs) - set(signature.parameters)
        if unknown:
            raise TypeError(f"validate: {fn.__qualname__} has no argument(s) {sorted(unknown)}")

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as exc:
                raise TypeError(f"{fn.__name__}(): {exc}") from None
            bound.apply_defaults()
            arguments = bound.arguments
            for name, spec in specs.items():
                arguments[name] = spec(arguments[name], name)
            for relation in relations:
                changed = relation(arguments)
                if changed:
                    arguments.update(changed)
            return fn(*bound.args, **bound.kwargs)

        wrapper.__validated__ = dict(specs)
        return wrapper

    return decorator


# --------------------------------------------------------------------------
# Specs: arrays
# --------------------------------------------------------------------------


def _as_numeric_array(value, name, bool_ok):
    """``value`` as a float64 array (a new one), refusing anything that is not numbers."""
    if value is None or isinstance(value, (str, bytes, decimal.Decimal)) or callable(value):
        raise TypeError(f"{name} must be an array of numbers; got {_describe(value)}")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError) as exc:  # ragged lists
        raise ValueError(f"{name} must be a rectangular array of numbers; got {_describe(value)} "
                         f"({exc})") from None
    kind = raw.dtype.kind
    if kind == "O":
        flat = raw.ravel().tolist()
        if not all(isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))
                   for v in flat):
            bad = next(v for v in flat if not isinstance(v, numbers.Real)
                       or isinstance(v, (bool, np.bool_)))
            raise TypeError(f"{name} must be an array of real numbers; it holds {_describe(bad)}")
        try:
            return np.array([float(v) for v in flat], dtype=np.float64).reshape(raw.shape)
        except OverflowError:
            raise ValueError(f"{name} holds a number too large for float64 (beyond 1.8e308)") from None
    if kind == "b" and not bool_ok:
        raise TypeError(f"{name} must be an array of numbers, not booleans; got {_describe(raw)}")
    if kind not in "biuf":
        what = {"c": "complex numbers (their imaginary part would be lost)",
                "U": "strings", "S": "bytes", "M": "dates (datetime64)",
                "m": "time spans (timedelta64)"}.get(kind, f"values of dtype {raw.dtype}")
        raise TypeError(f"{name} must be an array of real numbers; got {what}: {_describe(raw)}")
    return np.array(raw, dtype=np.float64, copy=True)


def as_float_array(value, name, ndim=None, allow_empty=False, bool_ok=False):
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
    bool_ok : bool, default=False
        Whether booleans are acceptable (as 0 and 1; for labels).

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
    >>> as_float_array([1 + 5j], "y_pred")
    Traceback (most recent call last):
    ...
    TypeError: y_pred must be an array of real numbers; got complex numbers (their imaginary part would be lost): an array of shape (1,) and dtype complex128
    """
    arr = _as_numeric_array(value, name, bool_ok)
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


def array(ndim=None, *, allow_empty=False, bool_ok=False):
    """Spec: a finite float64 array (a new copy) with ``ndim`` dimensions (any if None).

    Examples
    --------
    >>> array(ndim=2)([[1, 2]], "X").shape
    (1, 2)
    >>> array()(["1", "2"], "z")
    Traceback (most recent call last):
    ...
    TypeError: z must be an array of real numbers; got strings: an array of shape (2,) and dtype <U1
    """
    def spec(value, name):
        return as_float_array(value, name, ndim=ndim, allow_empty=allow_empty, bool_ok=bool_ok)

    spec.kind = "array"
    spec.bool_ok = bool_ok
    return spec


#: Spec: a non-empty finite 1-D float array.
vector = array(ndim=1)
#: Spec: a non-empty finite 2-D float array.
matrix = array(ndim=2)


# --------------------------------------------------------------------------
# Specs: numbers
# --------------------------------------------------------------------------


def _scalar(value):
    """A 0-d numeric array becomes its Python scalar; anything else is returned as is.

    numpy's dates and time spans claim to be integers (``timedelta64`` subclasses
    ``numpy.signedinteger``); they are never numbers here.
    """
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        return value.item()
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return str(value)  # refused below, described as what it is
    return value


def _real_number(value, name):
    value = _scalar(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {_describe(value)}")
    try:
        return value, float(value)
    except OverflowError:
        raise ValueError(f"{name} must be a finite number; got {_describe(value)}, "
                         "too large for float64") from None


def check_interval(value, name, low, high, closed="left"):
    """Return ``value`` as a float, raising unless it lies in the interval from ``low`` to ``high``.

    Parameters
    ----------
    value : real number
        What the caller passed.
    name : str
        The argument's name, used in error messages.
    low, high : float
        The ends of the interval; either may be infinite.
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
    original, x = _real_number(value, name)
    low_ok = x >= low if closed in {"left", "both"} else x > low
    high_ok = x <= high if closed in {"right", "both"} else x < high
    if not (np.isfinite(x) and low_ok and high_ok):
        if high == np.inf and low == -np.inf:
            want = "a finite number"
        elif high == np.inf:
            want = f"a finite number {'>=' if closed in {'left', 'both'} else '>'} {low:g}"
        elif low == -np.inf:
            want = f"a finite number {'<=' if closed in {'right', 'both'} else '<'} {high:g}"
        else:
            left = "[" if closed in {"left", "both"} else "("
            right = "]" if closed in {"right", "both"} else ")"
            want = f"a number in {left}{low:g}, {high:g}{right}"
        raise ValueError(f"{name} must be {want}; got {original!r}")
    return x


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
    return check_interval(value, name, 0, np.inf, closed="neither")


def interval(low, high, closed="left"):
    """Spec: a real number in an interval, returned as a float (see :func:`check_interval`).

    Examples
    --------
    >>> interval(0, 1)(0.5, "beta1")
    0.5
    """
    def spec(value, name):
        return check_interval(value, name, low, high, closed)

    spec.kind = "real"
    return spec


#: Spec: any finite real number, as a float.
real = interval(-np.inf, np.inf, closed="neither")
#: Spec: a finite number > 0, as a float.
positive = interval(0, np.inf, closed="neither")
#: Spec: a finite number >= 0, as a float.
nonnegative = interval(0, np.inf, closed="left")
#: Spec: a number in [0, 1], as a float.
probability = interval(0, 1, closed="both")


def check_positive_int(value, name, minimum=1, maximum=_INT64_MAX):
    """Return ``value`` as an int, raising unless it is an integer in ``[minimum, maximum]``.

    Examples
    --------
    >>> check_positive_int(10, "n_iter")
    10
    >>> check_positive_int(2.5, "n_iter")
    Traceback (most recent call last):
    ...
    TypeError: n_iter must be an integer; got float 2.5
    """
    value = _scalar(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {_describe(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value!r}")
    if value > maximum:
        raise ValueError(f"{name} must be <= {maximum}; got {_describe(value)}")
    return int(value)


def integer(minimum=0, maximum=_INT64_MAX):
    """Spec: an integer (not a bool, not a float) in ``[minimum, maximum]``.

    Examples
    --------
    >>> integer(minimum=1)(3, "n_iter")
    3
    >>> integer(minimum=1)(10**400, "n_iter")
    Traceback (most recent call last):
    ...
    ValueError: n_iter must be <= 9223372036854775807; got int 1000000000000000000000000000000000000000...0000000000
    """
    def spec(value, name):
        return check_positive_int(value, name, minimum=minimum, maximum=maximum)

    spec.kind = "integer"
    return spec


def size(minimum=1):
    """Spec: a count of things to allocate (classes, bins, samples): at most :data:`MAX_ELEMENTS`.

    Examples
    --------
    >>> size()(2**62, "n_classes")
    Traceback (most recent call last):
    ...
    ValueError: n_classes must be <= 1073741824; got int 4611686018427387904
    """
    return integer(minimum=minimum, maximum=MAX_ELEMENTS)


def shape(value, name):
    """Spec: an array shape (an int or a tuple of ints >= 1) of at most :data:`MAX_ELEMENTS` entries.

    Examples
    --------
    >>> shape(3, "shape"), shape((2, 3), "shape")
    ((3,), (2, 3))
    >>> shape((2**20, 2**20), "shape")
    Traceback (most recent call last):
    ...
    ValueError: shape (1048576, 1048576) has 1099511627776 entries, more than can be allocated (at most 1073741824)
    """
    dims = (value,) if isinstance(_scalar(value), numbers.Integral) else value
    if not isinstance(dims, (tuple, list)) or not dims:
        raise TypeError(f"{name} must be an integer or a non-empty tuple of integers; "
                        f"got {_describe(value)}")
    dims = tuple(check_positive_int(d, f"{name}[{i}]") for i, d in enumerate(dims))
    if int(np.prod([float(d) for d in dims])) > MAX_ELEMENTS:
        total = functools.reduce(lambda a, b: a * b, dims, 1)
        raise ValueError(f"{name} {dims} has {total} entries, more than can be allocated "
                         f"(at most {MAX_ELEMENTS})")
    return dims


shape.kind = "shape"


# --------------------------------------------------------------------------
# Specs: flags, options, callables, random generators, combinators
# --------------------------------------------------------------------------


def flag(value, name):
    """Spec: a boolean flag (``True``/``False``; strings, numbers and None are refused).

    Examples
    --------
    >>> flag(True, "training")
    True
    >>> flag("no", "training")
    Traceback (most recent call last):
    ...
    TypeError: training must be True or False; got str 'no'
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {_describe(value)}")
    return bool(value)


flag.kind = "flag"


def options(*choices):
    """Spec: one of a few strings.

    Examples
    --------
    >>> options("mean", "sum")("sum", "reduction")
    'sum'
    >>> options("mean", "sum")("max", "reduction")
    Traceback (most recent call last):
    ...
    ValueError: reduction must be one of 'mean', 'sum'; got str 'max'
    """
    allowed = ", ".join(repr(c) for c in choices)

    def spec(value, name):
        if not isinstance(value, str) or value not in choices:
            kind = ValueError if isinstance(value, str) else TypeError
            raise kind(f"{name} must be one of {allowed}; got {_describe(value)}")
        return value

    spec.kind = "options"
    return spec


def function(returns=None):
    """Spec: a callable; with ``returns`` (a spec), what it returns is checked on every call.

    The check's message names the argument: ``the value returned by grad must ...``.

    Examples
    --------
    >>> f = function(returns=real)(lambda x: float("nan"), "fun")
    >>> f(1.0)
    Traceback (most recent call last):
    ...
    ValueError: the value returned by fun must be a finite number; got nan
    """
    def spec(value, name):
        if not callable(value) or isinstance(value, type):
            raise TypeError(f"{name} must be a function; got {_describe(value)}")
        if returns is None:
            return value

        @functools.wraps(value)
        def checked(*args, **kwargs):
            return returns(value(*args, **kwargs), f"the value returned by {name}")

        return checked

    spec.kind = "function"
    return spec


def instance_of(cls, example):
    """Spec: an instance of ``cls`` (not the class itself); ``example`` shows one in the message.

    Examples
    --------
    >>> from fractions import Fraction
    >>> instance_of(Fraction, "Fraction(1, 3)")(Fraction, "ratio")
    Traceback (most recent call last):
    ...
    TypeError: ratio must be a Fraction instance, e.g. Fraction(1, 3) (an instance, not the class); got the class Fraction
    """
    def spec(value, name):
        if not isinstance(value, cls):
            hint = (" (an instance, not the class)"
                    if isinstance(value, type) and issubclass(value, cls) else "")
            name_ = cls.__name__
            acronym = name_[:2].isupper()  # MDP is read "em-dee-pee": an MDP
            article = "an" if name_[:1] in ("AEFHILMNORSX" if acronym else "AEIOU") else "a"
            got = f"the class {value.__name__}" if isinstance(value, type) else _describe(value)
            raise TypeError(f"{name} must be {article} {cls.__name__} instance, e.g. {example}{hint}; "
                            f"got {got}")
        return value

    spec.kind = "instance"
    spec.cls = cls
    return spec


def optional(inner):
    """Spec: ``None``, or what ``inner`` accepts.

    Examples
    --------
    >>> optional(positive)(None, "max_norm") is None
    True
    """
    def spec(value, name):
        return None if value is None else inner(value, name)

    spec.kind = "optional"
    spec.inner = inner
    return spec


def either(*specs, expected):
    """Spec: the first of ``specs`` that accepts the value; otherwise one error saying ``expected``.

    A value of the wrong *kind* for every spec is a ``TypeError``; the right kind
    with a bad value raises that spec's own ``ValueError``.

    Examples
    --------
    >>> lr = either(positive, function(), expected="a number > 0 or a schedule")
    >>> lr(0.1, "lr")
    0.1
    >>> lr("fast", "lr")
    Traceback (most recent call last):
    ...
    TypeError: lr must be a number > 0 or a schedule; got str 'fast'
    """
    def spec(value, name):
        for inner in specs:
            try:
                return inner(value, name)
            except TypeError:
                continue
        raise TypeError(f"{name} must be {expected}; got {_describe(value)}")

    spec.kind = "either"
    return spec


def check_rng(value, name="rng"):
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
    if isinstance(value, np.random.Generator):
        return value
    value = _scalar(value)
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        if value < 0:
            raise ValueError(f"{name} must be a seed >= 0; got {value!r}")
        return np.random.default_rng(int(value))
    raise TypeError(
        f"{name} must be a numpy Generator or an integer seed, e.g. np.random.default_rng(0); "
        f"got {_describe(value)}"
    )


#: Spec: a ``numpy.random.Generator`` or a seed (see :func:`check_rng`).
rng = check_rng
rng.kind = "rng"


# --------------------------------------------------------------------------
# Relations: checks between arguments
# --------------------------------------------------------------------------


def same_shape(*names):
    """Relation: the (converted) arrays ``names`` have one shape; nothing is broadcast.

    Examples
    --------
    >>> @validate(y_true=vector, y_pred=vector, _=same_shape("y_true", "y_pred"))
    ... def diff(y_true, y_pred):
    ...     return y_true - y_pred
    >>> diff([1, 2], [1, 2, 3])
    Traceback (most recent call last):
    ...
    ValueError: y_true and y_pred must have the same shape; got (2,) and (3,) (they are not broadcast: reshape one of them)
    """
    def relation(args):
        shapes = [np.shape(args[n]) for n in names if args[n] is not None]
        if len(set(shapes)) > 1:
            raise ValueError(
                f"{' and '.join(names)} must have the same shape; got "
                f"{' and '.join(str(s) for s in shapes)} (they are not broadcast: reshape one of them)"
            )

    return relation


def same_length(*names):
    """Relation: the arrays ``names`` have the same number of samples (rows).

    Examples
    --------
    >>> same_length("X", "y")({"X": np.zeros((3, 2)), "y": np.zeros(2)})
    Traceback (most recent call last):
    ...
    ValueError: X and y must have the same number of samples; got X: 3, y: 2
    """
    def relation(args):
        check_consistent_length(**{n: args[n] for n in names if args[n] is not None})

    return relation


def finite_start(start="x0", fun="fun", grad="grad", hess=None, grad_too=False):
    """Relation for minimizers: ``fun`` is finite at the start point, and ``grad`` (and
    ``hess``) keep its shape at every call.

    ``grad`` (and ``hess``) are replaced by versions that check the shape of what
    they return: ``grad(x)`` has the shape of ``start``, ``hess(x)`` is ``(n, n)``.
    Whether the values are finite numbers is the job of their ``function(returns=...)``
    specs. With ``grad_too``, the gradient must be finite at the start as well.

    Examples
    --------
    >>> @validate(finite_start("x0"), fun=function(), grad=function(), x0=vector)
    ... def first_gradient(fun, grad, x0):
    ...     return grad(x0)
    >>> first_gradient(lambda x: float(x @ x), lambda x: 2 * x, [1.0, 2.0]).tolist()
    [2.0, 4.0]
    >>> first_gradient(lambda x: float(x @ x), lambda x: np.zeros(3), [1.0, 2.0])
    Traceback (most recent call last):
    ...
    ValueError: grad(x) must have the shape of x0 (2,); got (3,)
    >>> first_gradient(lambda x: float("inf"), lambda x: 2 * x, [1.0, 2.0])
    Traceback (most recent call last):
    ...
    ValueError: fun(x0) must be finite; got inf
    """
    def relation(args):
        x = args[start]
        cost = args[fun](x)
        if not np.all(np.isfinite(cost)):
            raise ValueError(f"{fun}({start}) must be finite; got {cost}")
        replaced = {grad: _returning_shape(args[grad], grad, np.shape(x), f"the shape of {start} ")}
        if grad_too:
            first = replaced[grad](x)
            if not np.all(np.isfinite(first)):
                raise ValueError(f"{grad}({start}) must be finite; got {first}"[:200])
        if hess is not None and args.get(hess) is not None:
            n = int(np.size(x))
            replaced[hess] = _returning_shape(args[hess], hess, (n, n), "shape ")
        return replaced

    return relation


def _returning_shape(fn, name, want, what):
    """``fn`` wrapped so that what it returns must have the shape ``want``."""
    @functools.wraps(fn)
    def checked(point):
        out = fn(point)
        if np.shape(out) != want:
            raise ValueError(f"{name}(x) must have {what}{want}; got {np.shape(out)}")
        return out

    return checked


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
