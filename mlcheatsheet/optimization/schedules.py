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
from dataclasses import dataclass

import numpy as np

from .._validation import check_interval, check_positive, check_positive_int

__all__ = [
    "SCHEDULES",
    "StepDecay",
    "ExponentialDecay",
    "InverseTimeDecay",
    "CosineDecay",
    "LinearWarmup",
]


def _steps(t):
    """Validate step counts: a non-negative integer, or an array of them."""
    if isinstance(t, numbers.Integral) and not isinstance(t, bool):
        if t < 0:
            raise ValueError(f"t must be a step count >= 0; got {t!r}")
        return int(t)
    arr = np.asarray(t)
    if arr.dtype.kind not in "iu" or arr.ndim == 0:
        raise TypeError(f"t must be an integer step count or an integer array; got {t!r}")
    if arr.size and arr.min() < 0:
        raise ValueError(f"t must contain step counts >= 0; got a minimum of {arr.min()}")
    return arr


def _out(value):
    return float(value) if np.ndim(value) == 0 else np.asarray(value, dtype=float)


@dataclass(frozen=True)
class StepDecay:
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

    lr0: float
    step_size: int
    gamma: float = 0.1

    def __post_init__(self):
        check_positive(self.lr0, "lr0")
        check_positive_int(self.step_size, "step_size")
        check_interval(self.gamma, "gamma", 0, 1, closed="right")

    def __call__(self, t):
        t = _steps(t)
        return _out(self.lr0 * self.gamma ** (t // self.step_size))


@dataclass(frozen=True)
class ExponentialDecay:
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

    lr0: float
    rate: float

    def __post_init__(self):
        check_positive(self.lr0, "lr0")
        check_positive(self.rate, "rate")

    def __call__(self, t):
        t = _steps(t)
        return _out(self.lr0 * np.exp(-self.rate * t))


@dataclass(frozen=True)
class InverseTimeDecay:
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

    lr0: float
    rate: float

    def __post_init__(self):
        check_positive(self.lr0, "lr0")
        check_positive(self.rate, "rate")

    def __call__(self, t):
        t = _steps(t)
        return _out(self.lr0 / (1.0 + self.rate * t))


@dataclass(frozen=True)
class CosineDecay:
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

    lr0: float
    n_steps: int
    lr_min: float = 0.0

    def __post_init__(self):
        check_positive(self.lr0, "lr0")
        check_positive_int(self.n_steps, "n_steps")
        check_interval(self.lr_min, "lr_min", 0, self.lr0, closed="both")

    def __call__(self, t):
        t = np.minimum(_steps(t), self.n_steps)
        cos = np.cos(math.pi * t / self.n_steps)
        return _out(self.lr_min + 0.5 * (self.lr0 - self.lr_min) * (1.0 + cos))


@dataclass(frozen=True)
class LinearWarmup:
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

    after: object
    n_warmup: int

    def __post_init__(self):
        if not callable(self.after):
            check_positive(self.after, "after")
        check_positive_int(self.n_warmup, "n_warmup")

    def _after(self, t):
        if callable(self.after):
            return self.after(t)
        return self.after * np.ones(np.shape(t)) if np.ndim(t) else float(self.after)

    def __call__(self, t):
        t = _steps(t)
        peak = self._after(0)
        if np.ndim(t) == 0:
            return float(peak * (t + 1) / self.n_warmup) if t < self.n_warmup \
                else float(self._after(t - self.n_warmup))
        warm = t < self.n_warmup
        later = self._after(np.where(warm, 0, t - self.n_warmup))
        return _out(np.where(warm, peak * (t + 1) / self.n_warmup, later))


SCHEDULES = {
    "step": StepDecay,
    "exponential": ExponentialDecay,
    "inverse_time": InverseTimeDecay,
    "cosine": CosineDecay,
    "warmup": LinearWarmup,
}
