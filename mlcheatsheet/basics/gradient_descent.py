r"""Gradient descent: a small, generic minimizer reused by every chapter.

Gradient descent repeats one rule until the cost stops falling:

.. math:: \theta_{k+1} = \theta_k - \alpha \, \nabla J(\theta_k)

where :math:`\alpha` is the learning rate.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_float_array, check_positive, check_positive_int

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
    lr = check_positive(lr, "lr")
    x = np.asarray(x, dtype=float)
    grad = np.asarray(grad, dtype=float)
    if grad.shape != x.shape:
        raise ValueError(f"grad must have the shape of x {x.shape}; got {grad.shape}")
    return x - lr * grad


def gradient_descent(fun, grad, x0, lr=0.1, n_iter=1000, tol=1e-10, max_increases=5):
    r"""Minimize ``fun`` by gradient descent with a fixed learning rate.

    Parameters
    ----------
    fun : callable
        ``fun(x) -> float``, the objective (cost) :math:`J`.
    grad : callable
        ``grad(x) -> ndarray`` of the same shape as ``x``, the gradient :math:`\nabla J`.
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

    Notes
    -----
    With a convex, :math:`L`-smooth objective, any :math:`\alpha \le 1/L` makes
    the cost fall at every step; above :math:`2/L` the iterates move away from the
    minimum along the steepest direction and the cost grows geometrically.

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
    """
    if not callable(fun) or not callable(grad):
        raise TypeError("fun and grad must be callables: fun(x) -> float, grad(x) -> array")
    x = as_float_array(x0, "x0")
    lr = check_positive(lr, "lr")
    n_iter = check_positive_int(n_iter, "n_iter", minimum=0)
    max_increases = check_positive_int(max_increases, "max_increases")
    if not (np.isfinite(tol) and tol >= 0):
        raise ValueError(f"tol must be a finite number >= 0; got {tol!r}")

    cost = float(fun(x))
    if not np.isfinite(cost):
        raise ValueError(f"fun(x0) must be finite; got {cost}")
    path, history = [x.copy()], [cost]
    converged, rises = False, 0

    def result():
        return GradientDescentResult(
            x=path[-1], cost=history[-1], n_iter=len(path) - 1, converged=converged,
            path=np.array(path), history=np.array(history),
        )

    for k in range(1, n_iter + 1):
        g = np.asarray(grad(x), dtype=float)
        if g.shape != x.shape:
            raise ValueError(f"grad(x) must have the shape of x0 {x.shape}; got {g.shape}")
        with np.errstate(over="ignore", invalid="ignore"):
            x = x - lr * g
            new_cost = float(fun(x))
        path.append(x.copy())
        history.append(new_cost)
        if not np.isfinite(new_cost) or not np.all(np.isfinite(x)):
            raise DivergenceError(
                f"gradient descent diverged: the cost overflowed at update {k} with "
                f"lr={lr:g}; try a smaller learning rate", result())
        rises = rises + 1 if new_cost > cost else 0
        if rises >= max_increases:
            raise DivergenceError(
                f"gradient descent diverged: the cost rose on {rises} consecutive updates "
                f"(from {history[k - rises]:.3g} to {new_cost:.3g} at update {k}) with "
                f"lr={lr:g}; try a smaller learning rate", result())
        decrease = cost - new_cost
        cost = new_cost
        if 0 <= decrease <= tol and (tol > 0 or decrease == 0):
            converged = True
            break
    return result()
