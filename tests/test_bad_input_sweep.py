"""Bad input, swept over every public callable of the package.

The registry is the package itself: every name in a public module's ``__all__``
that can be called (functions, classes, and the public methods and ``__call__``
of those classes) is swept, so a new function cannot skip this test. A valid
call of each one is taken from its own docstring examples (they are run here with
every public callable recording the first call that returned normally); the few
callables whose examples do not call them directly get one in ``EXTRA_CALLS``.

Then every argument of that call is replaced, one at a time, by each value of a
catalogue of bad input (complex numbers, strings of digits, dates, objects, NaN,
integers and fractions too large for float64, ``Decimal``, ``None``, callables
returning NaN or a string, and, by the kind of argument the function declares,
booleans, wrong flags, unknown options, sizes too large to allocate). Each call
must raise ``ValueError`` or ``TypeError`` whose message names the argument:
never another exception, never a warning, never a silent result.
"""

import copy
import dataclasses
import decimal
import doctest
import fractions
import importlib
import inspect
import pkgutil
import signal
import warnings
from contextlib import contextmanager

import numpy as np
import pytest

import mlcheatsheet

# --- the registry: every public callable --------------------------------------------------


def _public_modules():
    for info in pkgutil.walk_packages(mlcheatsheet.__path__, "mlcheatsheet."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            yield importlib.import_module(info.name)


def _is_record(cls):
    """Result records and exceptions: built by the library, not called with user input."""
    return (issubclass(cls, BaseException) or dataclasses.is_dataclass(cls)
            or (issubclass(cls, tuple) and hasattr(cls, "_fields")))


def public_callables():
    """``{key: (owner, attribute)}`` for every public callable; ``owner`` is a module or class."""
    found = {}
    for module in _public_modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            key = f"{module.__name__}.{name}"
            if inspect.isclass(obj):
                if _is_record(obj):
                    continue
                found[key] = (module, name)
                for attr, value in vars(obj).items():
                    if inspect.isfunction(value) and (not attr.startswith("_") or attr == "__call__"):
                        found[f"{key}.{attr}"] = (obj, attr)
            elif callable(obj):
                found[key] = (module, name)
    return found


# Abstract methods: no call of theirs is valid (they raise NotImplementedError), so there is
# nothing to sweep; test_abstract_methods_are_really_abstract keeps this list honest.
ABSTRACT = {"mlcheatsheet.optimization.optimizers.Optimizer.update"}

ALL_CALLABLES = public_callables()
CALLABLES = {k: v for k, v in ALL_CALLABLES.items() if k not in ABSTRACT}

# Valid calls for the callables whose docstring examples do not call them directly:
# key -> (args, kwargs); a method's first argument is the instance.
EXTRA_CALLS = {}


# --- valid calls, recorded from the docstring examples ----------------------------------------


def _recorder(key, original, store, is_init=False):
    def record(*args, **kwargs):
        try:
            snapshot = copy.deepcopy((args, kwargs))
        except Exception:  # noqa: BLE001 - an argument that cannot be copied is not recorded
            snapshot = None
        result = original(*args, **kwargs)
        if snapshot is not None:
            store.setdefault(key, snapshot)
        return result

    record.__wrapped__ = original
    return record


def _record_doctest_calls():
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = [(module, test) for module in _public_modules() for test in finder.find(module)]
    store, patched = {}, []
    classes = {}
    for key, (owner, attr) in CALLABLES.items():
        original = inspect.getattr_static(owner, attr)
        if inspect.isclass(original):
            classes[original] = key  # recorded through __init__, below
            continue
        patched.append((owner, attr, original))
        setattr(owner, attr, _recorder(key, original, store))
    building = set()  # instances whose outermost __init__ is running

    def init_recorder(original):
        def init(self, *args, **kwargs):
            outermost = id(self) not in building
            key = classes.get(type(self)) if outermost else None
            snapshot = copy.deepcopy((args, kwargs)) if key else None
            building.add(id(self))
            try:
                original(self, *args, **kwargs)
            finally:
                if outermost:
                    building.discard(id(self))
            if key:
                store.setdefault(key, snapshot)

        return init

    for cls in {c for cls in classes for c in cls.__mro__
                if "__init__" in vars(c) and c.__module__.startswith("mlcheatsheet")}:
        patched.append((cls, "__init__", vars(cls)["__init__"]))
        setattr(cls, "__init__", init_recorder(vars(cls)["__init__"]))
    try:
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for module, test in tests:
                test.globs.update(vars(module))  # the recording versions of its functions
                runner.run(test, out=lambda text: None)
    finally:
        for owner, attr, original in reversed(patched):
            setattr(owner, attr, original)
    return store


VALID_CALLS = {**_record_doctest_calls(), **EXTRA_CALLS}


# --- the catalogue of bad input ----------------------------------------------------------------


def _returns_nan(*args, **kwargs):
    return float("nan")


def _returns_text(*args, **kwargs):
    return "not a number"


BAD_FOR_EVERY_ARGUMENT = {
    "a string of digits": "1",
    "an array of digit strings": np.array(["1", "2"]),
    "a list of digit strings": ["1", "2"],
    "a complex number": 1 + 5j,
    "a complex array": np.array([1 + 5j, 2.0]),
    "a datetime64 array": np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]"),
    "a timedelta64": np.timedelta64(1, "D"),
    "an object": object(),
    "an object array": np.array([object(), object()], dtype=object),
    "an int too large for float64": 10**400,
    "a fraction too large for float64": fractions.Fraction(10**400, 3),
    "a Decimal": decimal.Decimal("1.5"),
    "NaN": float("nan"),
    "a callable returning NaN": _returns_nan,
    "a callable returning a string": _returns_text,
}

BAD_BY_KIND = {
    "array": {"True": True, "a boolean array": np.array([True, False])},
    "real": {"True": True},
    "integer": {"True": True, "2.5": 2.5},
    "flag": {"the string 'no'": "no", "the integer 1": 1},
    "options": {"an unknown option": "no-such-option"},
    "shape": {"a shape of 2**40 entries": (2**20, 2**20), "2**62": 2**62},
    "rng": {"True": True, "a float seed": 1.5},
}

# Catalogue values that are legitimate for one argument: (callable or "*", argument, value).
ALLOWED = {
    ("*", "zero_division", "NaN"),  # scikit-learn's convention: nan is a valid zero_division
    ("*", "rng", "an int too large for float64"),  # a seed is any int >= 0 (numpy's SeedSequence)
    ("*", "average", "None"),  # scikit-learn's average=None: one score per class, not an average
    # column titles are text, and "1", "2" are good ones (a year, a fold number)
    ("mlcheatsheet.report.markdown_table", "headers", "a list of digit strings"),
    ("mlcheatsheet.report.markdown_table", "headers", "an array of digit strings"),
    # a problem's name is text: "1" is a fine one
    ("mlcheatsheet.optimization.objectives.make_quadratic", "name", "a string of digits"),
}


def _spec(fn, name):
    spec = getattr(fn, "__validated__", {}).get(name)
    return spec.inner if getattr(spec, "kind", None) == "optional" else spec


BOOLEANS = {"True", "a boolean array"}


def _cases(key):
    """(argument, description, value) for every bad value of every argument of ``key``."""
    owner, attr = CALLABLES[key]
    fn = getattr(owner, attr)
    target = fn.__init__ if inspect.isclass(fn) else fn
    signature = inspect.signature(target)
    params = [p for p in signature.parameters.values()
              if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name != "self"]
    for param in params:
        catalogue = dict(BAD_FOR_EVERY_ARGUMENT)
        spec = _spec(target, param.name)
        catalogue.update(BAD_BY_KIND.get(getattr(spec, "kind", None), {}))
        if getattr(spec, "kind", None) == "instance":  # SGD for SGD(), Dense for Dense(2, 3)
            catalogue["the class, not an instance"] = spec.cls
        if getattr(spec, "bool_ok", False):  # booleans are labels here (0 and 1)
            catalogue = {k: v for k, v in catalogue.items() if k not in BOOLEANS}
        if param.default is not None or param.default is param.empty:
            catalogue["None"] = None
        for description, value in catalogue.items():
            if not {("*", param.name, description), (key, param.name, description)} & ALLOWED:
                yield param, description, value


class Hang(Exception):
    """A call ran for more than CALL_SECONDS: bad input must be refused before any work."""


CALL_SECONDS = 10


@contextmanager
def time_limit(seconds=CALL_SECONDS):
    def alarm(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _call(key, replace, value):
    """Call ``key`` with its recorded valid arguments, ``replace`` set to ``value``."""
    owner, attr = CALLABLES[key]
    args, kwargs = copy.deepcopy(VALID_CALLS[key])
    fn = getattr(owner, attr)
    if inspect.isclass(owner):  # a method: the instance is the first argument
        self, args = args[0], args[1:]
        signature = inspect.signature(getattr(type(self), attr))
        bound = signature.bind(self, *args, **kwargs)
        bound.arguments[replace] = value
        return getattr(type(self), attr)(*bound.args, **bound.kwargs)
    signature = inspect.signature(fn)
    bound = signature.bind(*args, **kwargs)
    bound.arguments[replace] = value
    return fn(*bound.args, **bound.kwargs)


# --- the tests ----------------------------------------------------------------------------------


def test_every_public_callable_is_swept():
    missing = sorted(set(CALLABLES) - set(VALID_CALLS))
    assert not missing, (f"no valid call recorded for {missing}: give each an Examples section "
                         "that calls it, or an entry in EXTRA_CALLS")
    assert len(CALLABLES) >= 150


@pytest.mark.parametrize("key", sorted(ABSTRACT))
def test_abstract_methods_are_really_abstract(key):
    owner, attr = ALL_CALLABLES[key]
    source = inspect.getsource(getattr(owner, attr))
    assert "raise NotImplementedError" in source and source.count("\n") < 12


@pytest.mark.parametrize("key", sorted(CALLABLES))
def test_bad_input_is_refused_with_a_message_naming_the_argument(key):
    if key not in VALID_CALLS:
        pytest.skip("no valid call (test_every_public_callable_is_swept fails)")
    failures = []
    for param, description, value in _cases(key):
        with warnings.catch_warnings(), time_limit():
            warnings.simplefilter("error")
            try:
                result = _call(key, param.name, value)
            except (TypeError, ValueError) as exc:
                if param.name not in str(exc):
                    failures.append(f"{param.name}={description}: {type(exc).__name__} does not "
                                    f"name the argument: {exc}")
                continue
            except Exception as exc:  # noqa: BLE001 - this is what the test looks for
                failures.append(f"{param.name}={description}: {type(exc).__name__}: {exc}")
                continue
        if param.default is not inspect.Parameter.empty and _same(value, param.default):
            continue
        failures.append(f"{param.name}={description}: accepted, returned {_short(result)}")
    assert not failures, f"{len(failures)} bad outcome(s):\n" + "\n".join(failures)


def _same(a, b):
    try:
        return a is b or bool(a == b)
    except Exception:  # noqa: BLE001
        return False


def _short(value):
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "..."
