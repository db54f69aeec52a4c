r"""Learning-rate schedules: the learning rate as a function of the step count.

A schedule is a callable ``schedule(t) -> float`` of the number of steps already
taken, :math:`t = 0, 1, 2, \dots`; pass one as the ``lr`` of any optimizer in
:mod:`mlcheatsheet.optimization.optimizers` and step :math:`t + 1` uses ``schedule(t)``. Each
schedule here also accepts an integer array of steps and returns an array, which
is how the pages plot them.

``SCHEDULES`` maps a name to each schedule class.
"""

import math
import numbers

import numpy as np

from .._validation import either, integer, interval, nonnegative, positive, validate

__all__ = [
    "SCHEDULES",
    "StepDecay",
    "ExponentialDecay",
    "InverseTimeDecay",
    "CosineDecay",
    "LinearWarmup",
]

_INT64_MAX = np.iinfo(np.int64).max


# --------------------------------------------------------------------------
# Specs: step counts and learning rates
# --------------------------------------------------------------------------


def _steps(t, name):
    """Spec: a step count (an integer >= 0), or an integer array of them."""
    if isinstance(t, numbers.Integral) and not isinstance(t, (bool, np.bool_)):
        if not 0 <= t <= _INT64_MAX:
            bound = ">= 0" if t < 0 else f"<= {_INT64_MAX}"
            raise ValueError(f"{name} must be a step count {bound}; got {t!r}"[:200])
        return int(t)
    arr = None if callable(t) or isinstance(t, (str, bytes)) else np.asarray(t)
    if arr is None or arr.dtype.kind not in "iu" or arr.ndim == 0:
        raise TypeError(f"{name} must be an integer step count or an integer array; "
                        f"got {type(t).__name__} {t!r}"[:200])
    if arr.size and arr.min() < 0:
        raise ValueError(f"{name} must contain step counts >= 0; got a minimum of {arr.min()}")
    return arr


_steps.kind = "integer"


def _rate_at(schedule, t, name):
    """``schedule(t)`` as a float; raises unless it is a finite number >= 0."""
    value = schedule(t)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    number = isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))
    if not (number and np.isfinite(value) and value >= 0):
        raise (ValueError if number else TypeError)(
            "the learning-rate schedule must return a finite number >= 0; "
            f"{name}={schedule!r} returned {value!r} at step {t}"[:300])
    return float(value)


_FACTOR = interval(0, 1, closed="right")
_POSITIVE = either(positive, expected="a number > 0 or a schedule (a callable of the step count)")


def _learning_rate(value, name):
    """Spec: a learning rate > 0, or a schedule, which is tried at step 0 at once.

    Trying it at once reports a schedule that returns nonsense (NaN, a string)
    where it is given, not at the first step of training.
    """
    if callable(value) and not isinstance(value, type):
        _rate_at(value, 0, name)
        return value
    return _POSITIVE(value, name)


_learning_rate.kind = "either"


def _floor(args):
    """Relation: the floor ``lr_min`` of a decay is at most its start ``lr0``."""
    interval(0, args["lr0"], closed="both")(args["lr_min"], "lr_min")


def _out(value):
    return float(value) if np.ndim(value) == 0 else np.asarray(value, dtype=float)


# --------------------------------------------------------------------------
# The schedules
# --------------------------------------------------------------------------


class _Schedule:
    """What every schedule shares: settings fixed when it is made, a repr, and the call.

    A subclass's ``__init__`` declares and checks its settings; its ``_lr(t)`` is
    the formula, for a step count or an array of them.
    """

    def __init__(self, **settings):
        vars(self).update(settings)

    def __setattr__(self, name, value=None):
        raise AttributeError(f"{type(self).__name__} is immutable; make a new one "
                             f"to change {name}")

    __delattr__ = __setattr__

    def __repr__(self):
        args = ", ".join(f"{name}={value!r}" for name, value in vars(self).items())
        return f"{type(self).__name__}({args})"

    def __eq__(self, other):
        return type(other) is type(self) and vars(other) == vars(self)

    def __hash__(self):
        return hash((type(self), *vars(self).values()))

    @validate(t=_steps)
    def __call__(self, t):
        """The learning rate for step count ``t`` (a float), or an array for an array."""
        return _out(self._lr(t))


class StepDecay(_Schedule):
    r"""Multiply the learning rate by ``gamma`` every ``step_size`` steps.

    .. math:: \eta_t = \eta_0\, \gamma^{\lfloor t / s \rfloor}

    Parameters
    ----------
    lr0 : float
        Initial learning rate :math:`\eta_0 > 0`.
    step_size : int
        :math:`s`, the number of steps between drops.
    gamma : float, default=0.1
        :math:`\gamma \in (0, 1]`, the factor of each drop (dividing by 10 is the
        classic choice).

    Examples
    --------
    >>> StepDecay(0.1, step_size=2, gamma=0.5)(np.arange(6)).tolist()
    [0.1, 0.1, 0.05, 0.05, 0.025, 0.025]
    """

    @validate(lr0=positive, step_size=integer(minimum=1), gamma=_FACTOR)
    def __init__(self, lr0, step_size, gamma=0.1):
        super().__init__(lr0=lr0, step_size=step_size, gamma=gamma)

    def _lr(self, t):
        return self.lr0 * self.gamma ** (t // self.step_size)


class ExponentialDecay(_Schedule):
    r"""Shrink the learning rate by a constant factor at every step.

    .. math:: \eta_t = \eta_0\, e^{-k t}

    Parameters
    ----------
    lr0 : float
        :math:`\eta_0 > 0`.
    rate : float
        :math:`k > 0`; the learning rate halves every :math:`\ln 2 / k` steps.

    Examples
    --------
    >>> sched = ExponentialDecay(1.0, rate=np.log(2) / 10)
    >>> round(sched(10), 12), round(sched(20), 12)
    (0.5, 0.25)
    """

    @validate(lr0=positive, rate=positive)
    def __init__(self, lr0, rate):
        super().__init__(lr0=lr0, rate=rate)

    def _lr(self, t):
        return self.lr0 * np.exp(-self.rate * t)


class InverseTimeDecay(_Schedule):
    r"""Decay as :math:`1/t`, the classic schedule of stochastic approximation.

    .. math:: \eta_t = \frac{\eta_0}{1 + k t}

    With it :math:`\sum_t \eta_t = \infty` but :math:`\sum_t \eta_t^2 < \infty`,
    the conditions under which Robbins and Monro (1951) prove that
    stochastic gradient descent converges.

    Parameters
    ----------
    lr0 : float
        :math:`\eta_0 > 0`.
    rate : float
        :math:`k > 0`; the learning rate halves after :math:`1/k` steps.

    Examples
    --------
    >>> InverseTimeDecay(1.0, rate=0.5)(np.arange(4)).tolist()
    [1.0, 0.6666666666666666, 0.5, 0.4]
    """

    @validate(lr0=positive, rate=positive)
    def __init__(self, lr0, rate):
        super().__init__(lr0=lr0, rate=rate)

    def _lr(self, t):
        return self.lr0 / (1.0 + self.rate * t)


class CosineDecay(_Schedule):
    r"""Follow half a cosine from ``lr0`` down to ``lr_min`` over ``n_steps`` steps.

    .. math::
        \eta_t = \eta_{\min} + \tfrac12 (\eta_0 - \eta_{\min})
        \left(1 + \cos\frac{\pi \min(t, T)}{T}\right)

    Flat at the start, steepest in the middle, flat again at the end; after
    :math:`T` steps it stays at :math:`\eta_{\min}`. From
    Loshchilov and Hutter (2017) (without their warm restarts).

    Parameters
    ----------
    lr0 : float
        :math:`\eta_0 > 0`.
    n_steps : int
        :math:`T`, the length of the decay (usually the whole training run).
    lr_min : float, default=0.0
        :math:`\eta_{\min} \in [0, \eta_0]`.

    Examples
    --------
    >>> CosineDecay(1.0, n_steps=4)(np.arange(6)).round(6).tolist()
    [1.0, 0.853553, 0.5, 0.146447, 0.0, 0.0]
    """

    @validate(lr0=positive, n_steps=integer(minimum=1), lr_min=nonnegative, _=_floor)
    def __init__(self, lr0, n_steps, lr_min=0.0):
        super().__init__(lr0=lr0, n_steps=n_steps, lr_min=lr_min)

    def _lr(self, t):
        cos = np.cos(math.pi * np.minimum(t, self.n_steps) / self.n_steps)
        return self.lr_min + 0.5 * (self.lr0 - self.lr_min) * (1.0 + cos)


class LinearWarmup(_Schedule):
    r"""Ramp the learning rate up linearly, then hand over to another schedule.

    .. math::
        \eta_t = \begin{cases}
            \dfrac{t + 1}{W}\, \eta_{\text{after}}(0) & t < W \\[4pt]
            \eta_{\text{after}}(t - W) & t \ge W
        \end{cases}

    Large learning rates can wreck a freshly initialized network in its first
    steps (with Adam, while :math:`v` is still a poor estimate); a short ramp
    avoids that. Popularized by Goyal et al. (2017) for large batches.

    Parameters
    ----------
    after : float or callable
        The learning rate (or schedule) to reach and then follow; its step
        count starts at 0 when the warm-up ends.
    n_warmup : int
        :math:`W`, the number of warm-up steps.

    Examples
    --------
    >>> LinearWarmup(0.4, n_warmup=4)(np.arange(6)).round(6).tolist()
    [0.1, 0.2, 0.3, 0.4, 0.4, 0.4]
    >>> sched = LinearWarmup(StepDecay(1.0, step_size=2, gamma=0.5), n_warmup=2)
    >>> [sched(t) for t in range(6)]
    [0.5, 1.0, 1.0, 1.0, 0.5, 0.5]
    """

    @validate(after=_learning_rate, n_warmup=integer(minimum=1))
    def __init__(self, after, n_warmup):
        super().__init__(after=after, n_warmup=n_warmup)

    def _after(self, t):
        if callable(self.after):
            return self.after(t)
        return self.after * np.ones(np.shape(t)) if np.ndim(t) else self.after

    def _lr(self, t):
        peak, n = self._after(0), self.n_warmup
        if np.ndim(t) == 0:
            return peak * (t + 1) / n if t < n else self._after(t - n)
        warm = t < n
        return np.where(warm, peak * (t + 1) / n, self._after(np.where(warm, 0, t - n)))


SCHEDULES = {
    "step": StepDecay,
    "exponential": ExponentialDecay,
    "inverse_time": InverseTimeDecay,
    "cosine": CosineDecay,
    "warmup": LinearWarmup,
}
