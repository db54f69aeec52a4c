r"""Test problems for optimizers: functions with a known minimum, their gradients and Hessians.

Three two-dimensional landscapes, each hard in its own way:

* the **Rosenbrock** function, a long curved valley whose floor falls only
  gently towards the minimum at :math:`(1, 1)`;
* the **Beale** function, flat plateaus and steep walls, minimum at :math:`(3, 0.5)`;
* an **ill-conditioned quadratic**, a narrow tilted bowl: the curvature along one
  axis is 50 times the curvature along the other.

Each is an :class:`Objective` bundling the function, its gradient, its Hessian,
the minimizer, a customary starting point and a plotting window; ``OBJECTIVES``
lists them by name. The functions are vectorized over the *first* axis, so
``rosenbrock(np.stack([X, Y]))`` evaluates a whole grid for a contour plot.
"""

import functools
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .._validation import as_float_array, matrix, optional, validate, vector

__all__ = [
    "OBJECTIVES",
    "Objective",
    "rosenbrock",
    "rosenbrock_grad",
    "rosenbrock_hess",
    "beale",
    "beale_grad",
    "beale_hess",
    "make_quadratic",
]


@dataclass(frozen=True)
class Objective:
    """A test problem: a function with its derivatives and its known minimum.

    Attributes
    ----------
    name : str
    fun : callable
        ``fun(x) -> float`` for ``x`` of shape ``(n,)``; also accepts ``(n, ...)``
        arrays (a grid of points) and then returns an array of shape ``(...)``.
    grad : callable
        ``grad(x) -> ndarray of shape (n,)``.
    hess : callable
        ``hess(x) -> ndarray of shape (n, n)``.
    x_min : ndarray of shape (n,)
        The minimizer.
    f_min : float
        The minimum value, ``fun(x_min)``.
    x0 : ndarray of shape (n,)
        A customary starting point.
    window : tuple of two (low, high) pairs
        A plotting window around ``x0`` and ``x_min`` (for two-dimensional problems).
    """

    name: str
    fun: Callable
    grad: Callable
    hess: Callable
    x_min: np.ndarray
    f_min: float
    x0: np.ndarray
    window: tuple


def _points(n=None, one=False):
    """Spec: points with ``n`` coordinates (at least 2 if None) along the first axis.

    A grid of points stacked along the first axis is accepted, unless ``one``
    asks for a single point, of shape ``(n,)``.
    """
    def spec(value, name):
        x = as_float_array(value, name)
        if x.ndim == 0 or (n is not None and x.shape[0] != n) or (n is None and x.shape[0] < 2):
            want = f"{n}" if n is not None else "at least 2"
            raise ValueError(f"{name} must have {want} coordinates along its first axis; "
                             f"got shape {x.shape}")
        if one and x.ndim != 1:
            raise ValueError(f"{name} must be one point, of shape (n,); got shape {x.shape}")
        return x

    spec.kind = "array"
    return spec


_GRID, _POINT = _points(), _points(one=True)
_PAIRS, _PAIR = _points(2), _points(2, one=True)


def _text(value, name):
    """Spec: a non-empty string (a name to show)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string; got {type(value).__name__} {value!r:.40}")
    if not value.strip():
        raise ValueError(f"{name} must not be empty; got {value!r}")
    return value


_text.kind = "text"


def _window(value, name):
    """Spec: a plotting window, (low, high) pairs with low < high; a tuple of float pairs."""
    w = as_float_array(value, name, ndim=2)
    if w.shape[1] != 2 or not np.all(w[:, 0] < w[:, 1]):
        raise ValueError(f"{name} must be (low, high) pairs with low < high, e.g. "
                         f"((-2, 2), (-1, 3)); got {w.tolist()}")
    return tuple((float(low), float(high)) for low, high in w)


_window.kind = "array"
_START, _WINDOW = optional(vector), optional(_window)


def _bowl(args):
    """Relation: ``A`` is symmetric positive definite and matches ``x_min``, ``x0``, ``window``."""
    A, x_min, x0, window = args["A"], args["x_min"], args["x0"], args["window"]
    n = len(x_min)
    if A.shape != (n, n):
        raise ValueError(f"A must have shape ({n}, {n}) to match x_min; got {A.shape}")
    if not np.allclose(A, A.T):
        raise ValueError("A must be symmetric")
    if np.linalg.eigvalsh(A).min() <= 0:
        raise ValueError("A must be positive definite (all eigenvalues > 0)")
    if x0 is not None and x0.shape != (n,):
        raise ValueError(f"x0 must have shape ({n},) to match x_min; got {x0.shape}")
    if window is not None and len(window) != min(n, 2):
        raise ValueError(f"window must have {min(n, 2)} (low, high) pair(s), one per plotted "
                         f"coordinate; got {len(window)}")


def _scalar(value):
    return float(value) if np.ndim(value) == 0 else value


# --------------------------------------------------------------------------
# Rosenbrock
# --------------------------------------------------------------------------


@validate(x=_GRID)
def rosenbrock(x):
    r"""The Rosenbrock function in :math:`n \ge 2` dimensions.

    .. math:: f(x) = \sum_{i=1}^{n-1} 100\,(x_{i+1} - x_i^2)^2 + (1 - x_i)^2

    Its minimum is 0, at :math:`x = (1, \dots, 1)`.

    Parameters
    ----------
    x : array_like of shape (n, ...)
        One point, or a grid of points stacked along the first axis.

    Returns
    -------
    float or ndarray of shape (...)

    Examples
    --------
    >>> rosenbrock([1.0, 1.0]), rosenbrock([0.0, 0.0])
    (0.0, 1.0)
    """
    return _scalar(np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2, axis=0))


@validate(x=_GRID)
def rosenbrock_grad(x):
    r"""Gradient of :func:`rosenbrock`.

    .. math::
        \frac{\partial f}{\partial x_j} = -400\,x_j (x_{j+1} - x_j^2) - 2(1 - x_j)
        + 200\,(x_j - x_{j-1}^2)

    (the first term and the second exist for :math:`j < n`, the last for :math:`j > 1`).

    Examples
    --------
    >>> rosenbrock_grad([0.0, 0.0]).tolist()
    [-2.0, 0.0]
    """
    inner = x[1:] - x[:-1] ** 2
    g = np.zeros_like(x)
    g[:-1] += -400.0 * x[:-1] * inner - 2.0 * (1.0 - x[:-1])
    g[1:] += 200.0 * inner
    return g


@validate(x=_POINT)
def rosenbrock_hess(x):
    r"""Hessian of :func:`rosenbrock` at one point: a tridiagonal :math:`n \times n` matrix.

    Examples
    --------
    >>> rosenbrock_hess([1.0, 1.0]).tolist()
    [[802.0, -400.0], [-400.0, 200.0]]
    """
    n = len(x)
    diag = np.zeros(n)
    diag[:-1] += 1200.0 * x[:-1] ** 2 - 400.0 * x[1:] + 2.0
    diag[1:] += 200.0
    off = -400.0 * x[:-1]
    return np.diag(diag) + np.diag(off, 1) + np.diag(off, -1)


# --------------------------------------------------------------------------
# Beale
# --------------------------------------------------------------------------

_BEALE_C = (1.5, 2.25, 2.625)


@validate(x=_PAIRS)
def beale(x):
    r"""The Beale function of two variables.

    .. math:: f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2

    Its minimum is 0, at :math:`(3, 0.5)`.

    Examples
    --------
    >>> beale([3.0, 0.5])
    0.0
    >>> beale([0.0, 0.0])  # 1.5**2 + 2.25**2 + 2.625**2
    14.203125
    """
    x, y = x
    return _scalar(sum((c - x + x * y**k) ** 2 for k, c in enumerate(_BEALE_C, start=1)))


@validate(x=_PAIRS)
def beale_grad(x):
    r"""Gradient of :func:`beale`.

    With :math:`r_k = c_k - x + x y^k`: :math:`\partial f/\partial x = \sum_k 2 r_k (y^k - 1)`
    and :math:`\partial f/\partial y = \sum_k 2 r_k\, k x y^{k-1}`.

    Examples
    --------
    >>> beale_grad([3.0, 0.5]).tolist()
    [0.0, 0.0]
    """
    x, y = x
    gx = sum(2 * (c - x + x * y**k) * (y**k - 1) for k, c in enumerate(_BEALE_C, start=1))
    gy = sum(2 * (c - x + x * y**k) * k * x * y ** (k - 1) for k, c in enumerate(_BEALE_C, 1))
    return np.array([gx, gy])


@validate(x=_PAIR)
def beale_hess(x):
    r"""Hessian of :func:`beale` at one point, a :math:`2 \times 2` matrix.

    Examples
    --------
    At the minimum every residual :math:`r_k` is 0, so only products of first
    derivatives remain; :math:`H_{xx} = 2\sum_k (0.5^k - 1)^2 = 3.15625`:

    >>> beale_hess([3.0, 0.5]).tolist()
    [[3.15625, -11.4375], [-11.4375, 46.125]]
    """
    x, y = x
    hxx = hxy = hyy = 0.0
    for k, c in enumerate(_BEALE_C, start=1):
        r = c - x + x * y**k
        rx, ry = y**k - 1, k * x * y ** (k - 1)
        ryy = k * (k - 1) * x * y ** (k - 2) if k > 1 else 0.0
        hxx += 2 * rx * rx
        hxy += 2 * (rx * ry + r * k * y ** (k - 1))
        hyy += 2 * (ry * ry + r * ryy)
    return np.array([[hxx, hxy], [hxy, hyy]])


# --------------------------------------------------------------------------
# Quadratics
# --------------------------------------------------------------------------


@validate(_bowl, A=matrix, x_min=vector, name=_text, x0=_START, window=_WINDOW)
def make_quadratic(A, x_min, name="quadratic", x0=None, window=None):
    r"""The quadratic bowl :math:`f(x) = \tfrac12 (x - x^*)^\top A\,(x - x^*)` as an :class:`Objective`.

    Its gradient is :math:`A(x - x^*)`, its Hessian the constant :math:`A`, and the
    ratio of the largest to the smallest eigenvalue of :math:`A` (the *condition
    number*) says how elongated the bowl is.

    Parameters
    ----------
    A : array_like of shape (n, n)
        Symmetric positive definite.
    x_min : array_like of shape (n,)
        The minimizer :math:`x^*`.
    name : str, default="quadratic"
    x0 : array_like of shape (n,), optional
        Starting point; defaults to ``x_min`` minus one in every coordinate.
    window : tuple, optional
        Plotting window; defaults to three units around ``x_min``.

    Examples
    --------
    >>> q = make_quadratic([[2.0, 0.0], [0.0, 8.0]], x_min=[1.0, 1.0])
    >>> q.fun([0.0, 0.0]), q.grad([0.0, 0.0]).tolist()
    (5.0, [-2.0, -8.0])
    """
    n = len(x_min)
    grid, point = _points(n), _points(n, one=True)

    def fun(x):
        d = grid(x, "x") - x_min.reshape((n,) + (1,) * (np.ndim(x) - 1))
        return _scalar(0.5 * np.einsum("i...,ij,j...->...", d, A, d))

    def grad(x):
        return A @ (point(x, "x") - x_min)

    def hess(x):
        point(x, "x")
        return A.copy()

    x0 = x_min - 1.0 if x0 is None else x0
    if window is None:
        window = tuple((float(c) - 3.0, float(c) + 3.0) for c in x_min[:2])
    return Objective(name, fun, grad, hess, x_min, 0.0, x0, window)


def _ill_conditioned():
    # Curvatures 1 and 50 along axes turned by 30 degrees, so that no coordinate
    # axis lines up with the valley (which would flatter per-coordinate methods).
    angle = np.pi / 6
    R = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    A = R @ np.diag([1.0, 50.0]) @ R.T
    return make_quadratic(A, x_min=[0.0, 0.0], name="ill-conditioned quadratic",
                          x0=[-4.0, 1.5], window=((-5.0, 2.0), (-2.0, 2.5)))


def _quick(fn):
    """``fn`` with the same check of ``x`` (the same errors), minus the decorator's binding.

    An optimizer calls an objective thousands of times; binding the arguments of
    a one-argument function would be most of the cost of the check.
    """
    spec, body = fn.__validated__["x"], fn.__wrapped__

    @functools.wraps(body)
    def checked(x):
        return body(spec(x, "x"))

    return checked


OBJECTIVES = {
    "rosenbrock": Objective("Rosenbrock", *map(_quick, (rosenbrock, rosenbrock_grad,
                                                        rosenbrock_hess)),
                            np.array([1.0, 1.0]), 0.0, np.array([-1.2, 1.0]),
                            ((-2.0, 2.0), (-1.0, 3.0))),
    "beale": Objective("Beale", *map(_quick, (beale, beale_grad, beale_hess)),
                       np.array([3.0, 0.5]), 0.0, np.array([1.0, 1.4]),
                       ((-0.5, 4.0), (-1.0, 2.0))),
    "quadratic": _ill_conditioned(),
}
