r"""Gradient descent: a small, generic minimizer reused by every chapter.

Gradient descent repeats one rule until the cost stops falling:

.. math:: \theta_{k+1} = \theta_k - \alpha \, \nabla J(\theta_k)

where :math:`\alpha` is the learning rate.
"""

import math
from dataclasses import dataclass

import numpy as np

from .._validation import (array, finite_start, function, integer, nonnegative, positive, real,
                           same_shape, validate)

__all__ = ["DivergenceError", "GradientDescentResult", "gradient_descent", "gradient_step"]


class DivergenceError(RuntimeError):
    """Raised when gradient descent diverges, usually because ``lr`` is too large.

    The partial run is kept in the ``result`` attribute -- what the raising
    function would have returned, a :class:`GradientDescentResult` for the
    minimizers -- so the divergent path can still be inspected or plotted.
    """

    def __init__(self, message, result):
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class GradientDescentResult:
    """What :func:`gradient_descent` returns.

    Attributes
    ----------
    x : ndarray
        The last iterate (the minimizer found, if ``converged``).
    cost : float
        The objective at ``x``.
    n_iter : int
        Number of updates made.
    converged : bool
        Whether the stopping test on ``tol`` was met before ``n_iter`` ran out.
    path : ndarray of shape (n_iter + 1, ...)
        Every iterate, starting with ``x0``; ``path[k]`` has the shape of ``x0``.
    history : ndarray of shape (n_iter + 1,)
        The objective at every iterate: ``history[k] == fun(path[k])``.
    """

    x: np.ndarray
    cost: float
    n_iter: int
    converged: bool
    path: np.ndarray
    history: np.ndarray


# --------------------------------------------------------------------------
# Input specs (see mlcheatsheet/_validation.py) and the record of one run
# --------------------------------------------------------------------------


def _cost_value(value, name):
    """Spec: what ``fun`` returns, a real number, as a float.

    Infinity and NaN pass: once the steps overshoot, the cost overflows, and
    :func:`gradient_descent` reports that as a :class:`DivergenceError`, not as
    bad input (a cost that is not finite at ``x0`` is refused by ``finite_start``).
    """
    if isinstance(value, (float, np.floating)):  # the common case, checked fast
        return float(value)
    return real(value, name)


_cost_value.kind = "real"

#: Spec: the objective, ``fun(x) -> float``; what it returns is checked on every call.
_COST = function(returns=_cost_value)
#: Spec: the gradient, ``grad(x) -> array``: finite numbers (its shape: ``finite_start``).
_GRADIENT = function(returns=array())
#: Relation: ``fun`` is finite at ``x0`` and ``grad`` keeps the shape of ``x0``.
_START = finite_start()
#: Specs of the stopping rules.
_STOPPING = dict(n_iter=integer(minimum=0), tol=nonnegative, max_increases=integer(minimum=1))


class _Run:
    """The path and the costs of one run of gradient descent, and its divergence test.

    Not an input check: :meth:`record` raises :class:`DivergenceError` when the
    run itself goes wrong (the cost overflows, or rises ``max_increases`` times in
    a row), with the partial run attached.
    """

    def __init__(self, x0, cost, lr, max_increases):
        self.path, self.history = [x0.copy()], [cost]
        self.lr, self.max_increases, self.rises = lr, max_increases, 0

    def record(self, x, cost):
        """Append one update; raise :class:`DivergenceError` if the run diverges."""
        previous = self.history[-1]
        self.path.append(x.copy())
        self.history.append(cost)
        k = len(self.history) - 1
        if not (math.isfinite(cost) and np.isfinite(x).all()):
            raise DivergenceError(
                f"gradient descent diverged: the cost overflowed at update {k} with "
                f"lr={self.lr:g}; try a smaller learning rate", self.result(converged=False))
        self.rises = self.rises + 1 if cost > previous else 0
        if self.rises >= self.max_increases:
            raise DivergenceError(
                f"gradient descent diverged: the cost rose on {self.rises} consecutive updates "
                f"(from {self.history[k - self.rises]:.3g} to {cost:.3g} at update {k}) with "
                f"lr={self.lr:g}; try a smaller learning rate", self.result(converged=False))

    def result(self, converged):
        """The run so far, as a :class:`GradientDescentResult`."""
        return GradientDescentResult(
            x=self.path[-1], cost=self.history[-1], n_iter=len(self.path) - 1,
            converged=converged, path=np.array(self.path), history=np.array(self.history),
        )


@validate(x=array(), grad=array(), lr=positive, _=same_shape("x", "grad"))
def gradient_step(x, grad, lr):
    r"""Take one gradient-descent step: return ``x - lr * grad``.

    Parameters
    ----------
    x : ndarray
        Current parameters.
    grad : ndarray of the same shape as ``x``
        Gradient of the objective at ``x``.
    lr : float
        Learning rate (step size), > 0.

    Returns
    -------
    ndarray
        The updated parameters (a new array).

    Examples
    --------
    >>> gradient_step(np.array([1.0, 2.0]), np.array([10.0, -10.0]), lr=0.1).tolist()
    [0.0, 3.0]
    """
    return x - lr * grad


@validate(_START, fun=_COST, grad=_GRADIENT, x0=array(), lr=positive, **_STOPPING)
def gradient_descent(fun, grad, x0, lr=0.1, n_iter=1000, tol=1e-10, max_increases=5):
    r"""Minimize ``fun`` by gradient descent with a fixed learning rate.

    Parameters
    ----------
    fun : callable
        ``fun(x) -> float``, the objective (cost) :math:`J`; finite at ``x0``.
    grad : callable
        ``grad(x) -> ndarray`` of the same shape as ``x``, the gradient :math:`\nabla J`.
        What ``fun`` and ``grad`` return is checked on every call: a string, a
        complex number or (from ``grad``) a NaN is an error that names them.
    x0 : array_like
        Starting point. Not modified.
    lr : float, default=0.1
        Learning rate :math:`\alpha > 0`.
    n_iter : int, default=1000
        Maximum number of updates.
    tol : float, default=1e-10
        Stop once one update lowers the objective by less than ``tol`` (the
        "automatic convergence test" of Ng's course). ``tol=0`` runs exactly
        ``n_iter`` updates unless the cost stops changing altogether.
    max_increases : int, default=5
        Raise :class:`DivergenceError` after the objective has *risen* on this
        many consecutive updates. A rising cost under plain gradient descent means
        the steps overshoot: the learning rate is too large.

    Returns
    -------
    GradientDescentResult
        The final iterate, its cost, the whole path and the cost history.

    Raises
    ------
    DivergenceError
        If the objective becomes NaN or infinite, or rises ``max_increases`` times
        in a row. The partial run is in the exception's ``result`` attribute.
    ValueError, TypeError
        On bad input, or when ``fun`` or ``grad`` returns something that is not
        a real number or a finite array of the shape of ``x0``.

    Notes
    -----
    With a convex, :math:`L`-smooth objective, any :math:`\alpha \le 1/L` makes
    the cost fall at every step. Above :math:`2/L` convergence is no longer
    guaranteed; on a *quadratic* the iterates then move away from the minimum
    along the steepest direction and the cost grows geometrically (and this
    function raises :class:`DivergenceError`). Other functions need not diverge:
    :math:`\log\cosh x` (:math:`L = 1`) at :math:`\alpha = 2.5` settles into a
    bounded 2-cycle around its minimum, which neither converges nor raises.

    Examples
    --------
    Minimize :math:`J(\theta) = (\theta - 3)^2`, whose gradient is :math:`2(\theta - 3)`:

    >>> res = gradient_descent(lambda t: float((t[0] - 3) ** 2),
    ...                        lambda t: 2 * (t - 3), x0=[0.0], lr=0.1)
    >>> round(float(res.x[0]), 6), res.converged
    (3.0, True)

    A learning rate above :math:`2/L = 1` diverges, and says so:

    >>> gradient_descent(lambda t: float((t[0] - 3) ** 2),
    ...                  lambda t: 2 * (t - 3), x0=[0.0], lr=1.1)
    Traceback (most recent call last):
    ...
    mlcheatsheet.basics.gradient_descent.DivergenceError: gradient descent diverged: the cost rose on 5 consecutive updates (from 9 to 55.7 at update 5) with lr=1.1; try a smaller learning rate

    A gradient that returns NaN is caught at once, and named:

    >>> gradient_descent(lambda t: float(t @ t), lambda t: t + np.nan, x0=[1.0])
    Traceback (most recent call last):
    ...
    ValueError: the value returned by grad must contain only finite numbers; it has 1 NaN or infinite value(s)
    """
    x, cost = x0, fun(x0)
    run = _Run(x0, cost, lr, max_increases)  # the path and the costs
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is divergence
        for _ in range(n_iter):
            x = x - lr * grad(x)
            new_cost = fun(x)
            run.record(x, new_cost)  # raises DivergenceError if the run diverges
            decrease, cost = cost - new_cost, new_cost
            if 0 <= decrease <= tol and (tol > 0 or decrease == 0):
                return run.result(converged=True)
    return run.result(converged=False)
