r"""Second-order and quasi-Newton methods: Newton, conjugate gradients, BFGS.

First-order methods see only the slope. These methods also use (or build up)
the *curvature* of the function, so that they can take long steps along flat
directions and short ones along steep ones:

* :func:`newton` solves :math:`\nabla^2 f(x)\, p = -\nabla f(x)` with the exact
  Hessian at every step;
* :func:`conjugate_gradient` solves :math:`Ax = b` (minimizes a quadratic) in
  at most :math:`n` steps, using only products with :math:`A`;
  :func:`nonlinear_conjugate_gradient` carries the idea over to any smooth
  function;
* :func:`bfgs` learns an approximation of the *inverse* Hessian from the
  gradients it has seen (:func:`bfgs_update`), needing no second derivatives.

The iterative methods here choose their step lengths with :func:`line_search`,
and return a :class:`~mlcheatsheet.basics.gradient_descent.GradientDescentResult`
(final point, cost, path and cost history), like the first-order minimizers.
"""

import math

import numpy as np

from .._validation import (check_interval, finite_start, flag, function, integer, interval, matrix,
                           nonnegative, optional, options, positive, real, validate, vector)
from ..basics.gradient_descent import GradientDescentResult

__all__ = [
    "second_order_test",
    "line_search",
    "newton",
    "conjugate_gradient",
    "nonlinear_conjugate_gradient",
    "bfgs_update",
    "bfgs",
]


# --------------------------------------------------------------------------
# What the arguments must be
# --------------------------------------------------------------------------


def _cost(value, name):
    """Spec: what an objective returns, a real number.

    ``inf`` and ``NaN`` pass: at a trial point of a line search they mean "outside
    the function's domain, too far" and the step is shortened. At the start point
    they are refused by ``finite_start`` of the validation layer.
    """
    if isinstance(value, (float, np.floating)):  # the usual case, checked in no time
        return float(value)
    return real(value, name)


_cost.kind = "real"

_FUN = function(returns=_cost)
_GRAD = function(returns=vector)
_HESS = function(returns=matrix)
#: The arguments every minimizer here shares.
_MINIMIZER = dict(fun=_FUN, grad=_GRAD, x0=vector, n_iter=integer(minimum=0), gtol=nonnegative)
_UNIT = interval(0, 1, closed="neither")
#: The line search's own arguments.
_WOLFE = dict(direction=vector, c1=_UNIT, c2=_UNIT, alpha0=positive, max_iter=integer(minimum=1))
_BETA = options("polak-ribiere", "fletcher-reeves")
_START = optional(vector)
_STEPS = optional(integer(minimum=0))
#: Relations: ``fun`` finite at ``x0``; ``grad`` (and ``hess``) keep its shape.
_FINITE_START = finite_start("x0")
_NEWTON = finite_start("x0", hess="hess")


def _invertible_hessian(args):
    """Relation: without the safeguard, Newton's method needs every Hessian to be invertible.

    ``hess`` is replaced by a version that refuses a Hessian singular to rounding.
    """
    if args["safeguarded"]:
        return None
    hess = args["hess"]

    def invertible(point):
        H = hess(point)
        if np.linalg.cond(H) * np.finfo(float).eps >= 1:
            raise ValueError(f"the Hessian is singular at x = {point.tolist()} (hess(x) has "
                             f"condition number {np.linalg.cond(H):.3g}); Newton's method "
                             "needs an invertible Hessian: use safeguarded=True")
        return H

    return {"hess": invertible}


def _search_direction(args):
    """Relation: ``direction`` has the shape of ``x``, goes downhill there; ``c1 < c2``."""
    x, d = args["x"], args["direction"]
    if d.shape != x.shape:
        raise ValueError(f"direction must have the shape of x {x.shape}; got {d.shape}")
    check_interval(args["c2"], "c2", args["c1"], 1, closed="neither")
    slope = args["grad"](x) @ d
    if not slope < 0:
        raise ValueError(f"direction must be a descent direction (grad(x) @ direction < 0); "
                         f"got {slope:g}")


def _spd_system(args):
    """Relation: ``A`` is symmetric positive definite, ``b`` and ``x0`` match it; defaults."""
    A, b, x0 = args["A"], args["b"], args["x0"]
    n = A.shape[0]
    if A.shape != (n, n):
        raise ValueError(f"A must be square; got shape {A.shape}")
    if not np.allclose(A, A.T, rtol=1e-12, atol=1e-14 * np.abs(A).max()):
        raise ValueError("A must be symmetric; conjugate gradients needs a symmetric "
                         "positive definite matrix")
    if b.shape != (n,):
        raise ValueError(f"b must have shape ({n},) to match A; got {b.shape}")
    if x0 is not None and x0.shape != (n,):
        raise ValueError(f"x0 must have shape ({n},) to match A; got {x0.shape}")
    smallest = np.linalg.eigvalsh(A)[0]
    if not smallest > 0:
        raise ValueError(f"A must be positive definite: found a direction p (an eigenvector "
                         f"of A) with p @ A @ p = {smallest:.3g} <= 0")
    return {"x0": np.zeros(n) if x0 is None else x0,
            "n_iter": 10 * n if args["n_iter"] is None else args["n_iter"]}


def _symmetric_hessian(args):
    """Relation: ``hessian`` is a square, symmetric matrix."""
    H = args["hessian"]
    if H.shape[0] != H.shape[1]:
        raise ValueError(f"hessian must be square; got shape {H.shape}")
    if not np.allclose(H, H.T, rtol=1e-12, atol=1e-14 * np.abs(H).max()):
        raise ValueError("hessian must be symmetric (a matrix of second partial derivatives "
                         "of a twice continuously differentiable function)")


def _secant_pair(args):
    """Relation: ``H``, ``s`` and ``y`` match, and ``y @ s > 0`` (beyond rounding)."""
    H, s, y = args["H"], args["s"], args["y"]
    n = len(s)
    if H.shape != (n, n) or y.shape != (n,):
        raise ValueError(f"H must have shape ({n}, {n}) and y shape ({n},) to match s; "
                         f"got {H.shape} and {y.shape}")
    ys = y @ s
    if not ys > np.finfo(float).eps * np.linalg.norm(y) * np.linalg.norm(s):
        why = "" if ys <= 0 else ", which is zero to rounding for these s and y"
        raise ValueError(f"the curvature condition y @ s > 0 fails (y @ s = {ys:.3g}{why}); "
                         "the update would not stay positive definite")


class _Run:
    """Records the path and the cost history of an iterative method."""

    def __init__(self, fun, x):
        self.path, self.history = [x.copy()], [float(fun(x))]

    def add(self, x, cost):
        self.path.append(x.copy())
        self.history.append(float(cost))

    def result(self, converged):
        return GradientDescentResult(x=self.path[-1], cost=self.history[-1],
                                     n_iter=len(self.path) - 1, converged=converged,
                                     path=np.array(self.path), history=np.array(self.history))


# --------------------------------------------------------------------------
# Line search
# --------------------------------------------------------------------------


@validate(finite_start("x"), _search_direction, fun=_FUN, grad=_GRAD, x=vector, **_WOLFE)
def line_search(fun, grad, x, direction, c1=1e-4, c2=0.9, alpha0=1.0, max_iter=30):
    r"""Find a step length that satisfies the strong Wolfe conditions.

    Along :math:`\phi(\alpha) = f(x + \alpha d)` the step :math:`\alpha` must
    lower the function enough (*sufficient decrease*) and leave a slope flatter
    than at the start (*curvature*):

    .. math::
        \phi(\alpha) \le \phi(0) + c_1\, \alpha\, \phi'(0), \qquad
        \lvert \phi'(\alpha) \rvert \le c_2\, \lvert \phi'(0) \rvert

    Parameters
    ----------
    fun, grad : callable
        The function and its gradient. ``fun`` must be finite at ``x``; at a
        trial point, ``inf`` or ``NaN`` (outside the function's domain) mean
        "too far" and the step is shortened.
    x : array_like of shape (n,)
        The current point.
    direction : array_like of the shape of ``x``
        A descent direction :math:`d`: ``grad(x) @ d < 0``.
    c1, c2 : float, default=1e-4 and 0.9
        :math:`0 < c_1 < c_2 < 1`. Use :math:`c_2 = 0.9` for (quasi-)Newton
        methods and :math:`c_2 = 0.1` for nonlinear conjugate gradients.
    alpha0 : float, default=1.0
        First trial step (1 is the natural step of Newton-type methods).
    max_iter : int, default=30
        Trial steps allowed in each of the two phases.

    Returns
    -------
    float or None
        The step length, or ``None`` if none was found (usually because the
        function no longer changes in floating point: the point is as good as
        it gets).

    Notes
    -----
    Algorithms 3.5 and 3.6 of Nocedal and Wright (2006): double the step until
    it brackets an acceptable one, then shrink the bracket ("zoom") by
    minimizing the quadratic through :math:`\phi(lo)`, :math:`\phi'(lo)` and
    :math:`\phi(hi)`, kept away from the ends of the bracket. The minimizer is
    computed as a fraction of the bracket, so brackets of any width (down to
    the smallest floats) are fine: a step scales exactly with the direction.

    Examples
    --------
    On :math:`f(x) = x^2` from 1 along :math:`d = -1`, :math:`\alpha = 1` is exact:

    >>> line_search(lambda x: float(x @ x), lambda x: 2 * x, [1.0], [-1.0])
    1.0
    """
    d = direction

    def phi(a):
        with np.errstate(over="ignore", invalid="ignore"):
            value = fun(x + a * d)
        return value if np.isfinite(value) else np.inf  # outside the domain: too far

    def dphi(a):
        return float(grad(x + a * d) @ d)

    f0, slope0 = phi(0.0), dphi(0.0)
    if not slope0 < 0:  # (from the minimizers below) no step can go downhill along d
        return None

    def armijo(a, f_a):
        return f_a <= f0 + c1 * a * slope0

    def zoom(lo, hi, f_lo, f_hi, d_lo):
        for _ in range(max_iter):
            # The minimizer of the quadratic through phi(lo), phi'(lo), phi(hi), as the
            # fraction t of the way from lo to hi (no division by a squared tiny width);
            # kept 10 % away from both ends, else the bracket is halved.
            width = hi - lo
            excess = f_hi - f_lo - d_lo * width  # curvature * width**2: > 0 when convex
            t = -d_lo * width / (2 * excess) if 0 < excess < np.inf else 0.5
            a = lo + (t if 0.1 <= t <= 0.9 else 0.5) * width
            f_a = phi(a)
            if not armijo(a, f_a) or f_a >= f_lo:
                hi, f_hi = a, f_a
            else:
                d_a = dphi(a)
                if abs(d_a) <= -c2 * slope0:
                    return a
                if d_a * (hi - lo) >= 0:
                    hi, f_hi = lo, f_lo
                lo, f_lo, d_lo = a, f_a, d_a
            if abs(hi - lo) <= 1e-16 * max(abs(lo), abs(hi)):
                break
        return None

    a_prev, f_prev, d_prev = 0.0, f0, slope0
    a = alpha0
    for i in range(max_iter):
        f_a = phi(a)
        if not armijo(a, f_a) or (i > 0 and f_a >= f_prev):
            return zoom(a_prev, a, f_prev, f_a, d_prev)
        d_a = dphi(a)
        if abs(d_a) <= -c2 * slope0:
            return a
        if d_a >= 0:
            return zoom(a, a_prev, f_a, f_prev, d_a)
        a_prev, f_prev, d_prev = a, f_a, d_a
        a *= 2.0
    return None


#: The same search without the checks, for the minimizers' loops (their arguments are checked).
_line_search = line_search.__wrapped__


# --------------------------------------------------------------------------
# Newton's method
# --------------------------------------------------------------------------


@validate(_NEWTON, _invertible_hessian, hess=_HESS, safeguarded=flag, **_MINIMIZER)
def newton(fun, grad, hess, x0, n_iter=100, gtol=1e-8, safeguarded=False):
    r"""Minimize with Newton's method: jump to the minimum of the local quadratic model.

    .. math:: x_{k+1} = x_k - \bigl[\nabla^2 f(x_k)\bigr]^{-1} \nabla f(x_k)

    In one dimension this is :math:`x_{k+1} = x_k - f'(x_k)/f''(x_k)`: Newton's
    root-finding iteration applied to :math:`f'`.

    Parameters
    ----------
    fun : callable
        ``fun(x) -> float`` (used only to record the cost history).
    grad : callable
        ``grad(x) -> ndarray of shape (n,)``.
    hess : callable
        ``hess(x) -> ndarray of shape (n, n)``.
    x0 : array_like of shape (n,)
        Starting point. Not modified.
    n_iter : int, default=100
        Maximum number of steps.
    gtol : float, default=1e-8
        Stop once the gradient's Euclidean norm is at most ``gtol``.
    safeguarded : bool, default=False
        ``False`` runs the *pure* method: full steps, no safeguard. ``True``
        first makes the Hessian positive definite
        and then picks the step length by :func:`line_search`, so that every
        step goes downhill.

    Returns
    -------
    ~mlcheatsheet.basics.gradient_descent.GradientDescentResult

    Raises
    ------
    ValueError
        If the Hessian is singular (to working precision) at an iterate of the
        pure method, or ``fun``, ``grad`` or ``hess`` return something that is
        not a finite number, or array of the right shape.

    Notes
    -----
    Close to a minimum with a positive definite Hessian the pure method
    converges quadratically (the number of correct digits doubles at every
    step). Far from one it can step uphill, or towards a maximum or a saddle
    point: it only looks for a point where the gradient vanishes. The
    safeguarded variant adds :math:`\tau I` to an indefinite Hessian, with
    :math:`\tau` doubled until a Cholesky factorization succeeds (Nocedal and
    Wright, 2006, Algorithm 3.3), and accepts the full step whenever it
    satisfies the Wolfe conditions, so near the minimum it is pure Newton again.

    Examples
    --------
    On a quadratic the model is exact, so one step lands on the minimum:

    >>> from mlcheatsheet.optimization.objectives import make_quadratic
    >>> bowl = make_quadratic([[3.0, 1.0], [1.0, 2.0]], x_min=[0.2, 0.4])
    >>> res = newton(bowl.fun, bowl.grad, bowl.hess, x0=[10.0, -10.0])
    >>> res.n_iter, res.x.round(12).tolist()
    (1, [0.2, 0.4])

    What the functions return is checked too:

    >>> newton(bowl.fun, bowl.grad, lambda x: np.full((2, 2), np.nan), x0=[1.0, 1.0])
    Traceback (most recent call last):
    ...
    ValueError: the value returned by hess must contain only finite numbers; it has 4 NaN or infinite value(s)
    """
    x = x0
    run = _Run(fun, x)
    for k in range(n_iter + 1):
        g = grad(x)
        if np.linalg.norm(g) <= gtol:
            return run.result(True)
        if k == n_iter:
            break
        if safeguarded:
            d = -np.linalg.solve(_positive_definite(hess(x)), g)
            alpha = _line_search(fun, grad, x, d, c2=0.9)
            if alpha is None:
                break
            x = x + alpha * d
        else:
            x = x - np.linalg.solve(hess(x), g)
        run.add(x, fun(x))
    return run.result(bool(np.linalg.norm(grad(x)) <= gtol))


def _positive_definite(H, beta=1e-3):
    """``H + tau * I`` with the smallest ``tau`` in 0, beta, 2 beta, ... that admits a Cholesky factor.

    If no finite ``tau`` does (entries too large for float64, or not finite), the
    identity: the safeguarded step then falls back to steepest descent.
    """
    H = 0.5 * H + 0.5 * H.T  # halves first, so that huge entries do not overflow
    smallest = float(np.min(np.diag(H)))
    tau = 0.0 if smallest > 0 else beta - smallest
    eye = np.eye(len(H))
    while math.isfinite(tau):  # doubling from beta reaches inf after some 1000 tries
        try:
            np.linalg.cholesky(H + tau * eye)
            return H + tau * eye
        except np.linalg.LinAlgError:
            tau = max(2.0 * tau, beta)
    return eye


# --------------------------------------------------------------------------
# What the Hessian says about a stationary point
# --------------------------------------------------------------------------


@validate(_symmetric_hessian, hessian=matrix, tol=nonnegative)
def second_order_test(hessian, tol=1e-10):
    r"""Classify a stationary point (:math:`\nabla f = 0`) by the eigenvalues of its Hessian.

    * every eigenvalue :math:`> 0` (positive definite): a strict local **minimum**;
    * every eigenvalue :math:`< 0` (negative definite): a strict local **maximum**;
    * eigenvalues of both signs (indefinite): a **saddle** — even when some
      eigenvalues are zero, because the function falls along one eigenvector and
      rises along another;
    * otherwise (semidefinite with a zero eigenvalue): **inconclusive** — higher
      derivatives decide (:math:`x^4` has a minimum, :math:`-x^4` a maximum and
      :math:`x^3` neither, all with Hessian 0).

    So positive *definiteness* is sufficient for a minimum, and positive
    *semidefiniteness* is necessary.

    Parameters
    ----------
    hessian : array_like of shape (n, n)
        Symmetric.
    tol : float, default=1e-10
        Eigenvalues within :math:`\mathrm{tol}\cdot\max(1, |\lambda|_{\max})` of zero
        count as zero.

    Returns
    -------
    str
        ``"minimum"``, ``"maximum"``, ``"saddle"`` or ``"inconclusive"``.

    Examples
    --------
    >>> second_order_test([[2.0, 0.0], [0.0, 6.0]])
    'minimum'
    >>> second_order_test([[2.0, 0.0, 0.0], [0.0, -2.0, 0.0], [0.0, 0.0, 0.0]])   # singular
    'saddle'
    >>> second_order_test([[0.0]])    # x**4, -x**4 and x**3 at 0 alike
    'inconclusive'
    """
    eigenvalues = np.linalg.eigvalsh(0.5 * (hessian + hessian.T))
    zero = tol * max(float(np.abs(eigenvalues).max()), 1.0)
    positive = bool(np.any(eigenvalues > zero))
    negative = bool(np.any(eigenvalues < -zero))
    if positive and negative:
        return "saddle"
    if np.all(np.abs(eigenvalues) > zero):
        return "minimum" if positive else "maximum"
    return "inconclusive"


# --------------------------------------------------------------------------
# Conjugate gradients
# --------------------------------------------------------------------------


@validate(_spd_system, A=matrix, b=vector, x0=_START, n_iter=_STEPS, tol=nonnegative)
def conjugate_gradient(A, b, x0=None, n_iter=None, tol=1e-10):
    r"""Solve :math:`Ax = b` for symmetric positive definite :math:`A` by conjugate gradients.

    Equivalently, minimize the quadratic :math:`f(x) = \tfrac12 x^\top A x - b^\top x`,
    whose gradient is the negative residual :math:`-(b - Ax)`. Each step
    minimizes :math:`f` exactly along a direction that is *conjugate*
    (:math:`p_i^\top A p_j = 0`) to all the previous ones, so no step undoes the
    work of an earlier one:

    .. math::
        \alpha_k = \frac{r_k^\top r_k}{p_k^\top A p_k}, \quad
        x_{k+1} = x_k + \alpha_k p_k, \quad
        r_{k+1} = r_k - \alpha_k A p_k, \quad
        p_{k+1} = r_{k+1} + \frac{r_{k+1}^\top r_{k+1}}{r_k^\top r_k}\, p_k

    Parameters
    ----------
    A : array_like of shape (n, n)
        Symmetric positive definite.
    b : array_like of shape (n,)
    x0 : array_like of shape (n,), optional
        Starting point; zeros by default.
    n_iter : int, optional
        Maximum number of steps; ``10 * n`` by default. In exact arithmetic at
        most :math:`n` are needed (at most as many as :math:`A` has distinct eigenvalues).
    tol : float, default=1e-10
        Stop once :math:`\lVert b - Ax\rVert \le` ``tol`` :math:`\cdot \lVert b\rVert`
        (or ``tol`` times the first residual :math:`\lVert b - Ax_0\rVert` when
        :math:`b = 0`, whose solution is :math:`x = 0`).

    Returns
    -------
    ~mlcheatsheet.basics.gradient_descent.GradientDescentResult
        ``x`` is the solution; ``cost`` and ``history`` are values of
        :math:`\tfrac12 x^\top A x - b^\top x`.

    Raises
    ------
    ValueError
        If ``A`` is not symmetric, or not positive definite (its smallest
        eigenvalue is checked before the first step).

    Notes
    -----
    Hestenes and Stiefel (1952); Nocedal and Wright (2006), Algorithm 5.2.

    Examples
    --------
    >>> res = conjugate_gradient([[4.0, 1.0], [1.0, 3.0]], [1.0, 2.0])
    >>> res.n_iter, res.x.round(10).tolist()    # (1/11, 7/11)
    (2, [0.0909090909, 0.6363636364])
    """
    def quadratic(v):
        return 0.5 * v @ A @ v - b @ v

    x = x0
    run = _Run(quadratic, x)
    r = b - A @ x
    p, rr = r.copy(), r @ r
    target = tol * (np.linalg.norm(b) if np.any(b) else np.sqrt(rr))
    for _ in range(n_iter):
        if np.sqrt(rr) <= target:
            return run.result(True)
        Ap = A @ p
        alpha = rr / (p @ Ap)
        x = x + alpha * p
        r = r - alpha * Ap
        rr_new = r @ r
        p = r + (rr_new / rr) * p
        rr = rr_new
        run.add(x, quadratic(x))
    return run.result(bool(np.sqrt(rr) <= target))


@validate(_FINITE_START, method=_BETA, **_MINIMIZER)
def nonlinear_conjugate_gradient(fun, grad, x0, method="polak-ribiere", n_iter=1000,
                                 gtol=1e-8):
    r"""Minimize a smooth function by nonlinear conjugate gradients.

    The directions follow the linear method's recipe, with a line search in
    place of the exact step and the gradient in place of the residual:

    .. math::
        x_{k+1} = x_k + \alpha_k d_k, \qquad d_{k+1} = -g_{k+1} + \beta_{k+1} d_k

    with :math:`\beta^{FR} = \dfrac{g_{k+1}^\top g_{k+1}}{g_k^\top g_k}` (Fletcher--Reeves)
    or :math:`\beta^{PR+} = \max\!\left(0, \dfrac{g_{k+1}^\top (g_{k+1} - g_k)}{g_k^\top g_k}\right)`
    (Polak--Ribière, restarted when negative).

    Parameters
    ----------
    fun, grad : callable
    x0 : array_like of shape (n,)
    method : {"polak-ribiere", "fletcher-reeves"}, default="polak-ribiere"
    n_iter : int, default=1000
    gtol : float, default=1e-8
        Stop once the gradient's Euclidean norm is at most ``gtol``.

    Returns
    -------
    ~mlcheatsheet.basics.gradient_descent.GradientDescentResult

    Notes
    -----
    Step lengths come from :func:`line_search` with :math:`c_2 = 0.1`. Whenever
    :math:`d_k` is not a descent direction the method restarts with
    :math:`d_k = -g_k`. Nocedal and Wright (2006), section 5.2.

    Examples
    --------
    >>> from mlcheatsheet.optimization.objectives import rosenbrock, rosenbrock_grad
    >>> res = nonlinear_conjugate_gradient(rosenbrock, rosenbrock_grad, [-1.2, 1.0])
    >>> res.converged, res.x.round(6).tolist()
    (True, [1.0, 1.0])
    """
    x = x0
    run = _Run(fun, x)
    g = grad(x)
    d = -g
    for _ in range(n_iter):
        if np.linalg.norm(g) <= gtol:
            return run.result(True)
        if g @ d >= 0:
            d = -g
        alpha = _line_search(fun, grad, x, d, c2=0.1)
        if alpha is None:
            break
        x = x + alpha * d
        g_new = grad(x)
        if method == "fletcher-reeves":
            beta = (g_new @ g_new) / (g @ g)
        else:
            beta = max(0.0, g_new @ (g_new - g) / (g @ g))
        d = -g_new + beta * d
        g = g_new
        run.add(x, fun(x))
    return run.result(bool(np.linalg.norm(g) <= gtol))


# --------------------------------------------------------------------------
# BFGS
# --------------------------------------------------------------------------


@validate(_secant_pair, H=matrix, s=vector, y=vector)
def bfgs_update(H, s, y):
    r"""Update an inverse-Hessian approximation with one step and its change in gradient.

    .. math::
        H_{k+1} = (I - \rho\, s y^\top)\, H_k\, (I - \rho\, y s^\top) + \rho\, s s^\top,
        \qquad \rho = \frac{1}{y^\top s}

    where :math:`s = x_{k+1} - x_k` and :math:`y = \nabla f(x_{k+1}) - \nabla f(x_k)`.
    The result satisfies the *secant equation* :math:`H_{k+1} y = s` (it
    reproduces the curvature just observed), stays symmetric, and stays
    positive definite when :math:`H_k` is and :math:`y^\top s > 0`.

    Parameters
    ----------
    H : array_like of shape (n, n)
        Current approximation of the inverse Hessian.
    s, y : array_like of shape (n,)

    Returns
    -------
    ndarray of shape (n, n)

    Raises
    ------
    ValueError
        If :math:`y^\top s \le 0` (the curvature condition fails), or
        :math:`y^\top s` is zero to rounding (at most machine epsilon times
        :math:`\lVert y\rVert \lVert s\rVert`).

    Examples
    --------
    In one dimension the update is the secant slope: :math:`H = s/y`.

    >>> bfgs_update([[1.0]], [0.5], [2.0]).tolist()
    [[0.25]]
    """
    rho = 1.0 / (y @ s)
    V = np.eye(len(s)) - rho * np.outer(s, y)
    return V @ H @ V.T + rho * np.outer(s, s)


#: The same update without the checks, for the loop of :func:`bfgs`.
_bfgs_update = bfgs_update.__wrapped__


@validate(_FINITE_START, **_MINIMIZER)
def bfgs(fun, grad, x0, n_iter=1000, gtol=1e-8):
    r"""Minimize with BFGS, the quasi-Newton method that learns the inverse Hessian.

    .. math:: x_{k+1} = x_k - \alpha_k H_k \nabla f(x_k)

    where :math:`H_k` starts as the identity and is refined after every step by
    :func:`bfgs_update`, and :math:`\alpha_k` comes from :func:`line_search`
    (which tries the full step :math:`\alpha = 1` first).

    Parameters
    ----------
    fun, grad : callable
    x0 : array_like of shape (n,)
    n_iter : int, default=1000
    gtol : float, default=1e-8
        Stop once the gradient's Euclidean norm is at most ``gtol``.

    Returns
    -------
    ~mlcheatsheet.basics.gradient_descent.GradientDescentResult

    Notes
    -----
    Before the first update :math:`H_0` is rescaled to
    :math:`\frac{y^\top s}{y^\top y} I`, a guess of the inverse curvature along
    the first step (Nocedal and Wright, 2006, eq. 6.20). The method stores an
    :math:`n \times n` matrix, fine for hundreds of parameters; L-BFGS keeps only
    the last few :math:`(s, y)` pairs instead.

    Examples
    --------
    >>> from mlcheatsheet.optimization.objectives import beale, beale_grad
    >>> res = bfgs(beale, beale_grad, [1.0, 1.4])
    >>> res.converged, res.x.round(6).tolist()
    (True, [3.0, 0.5])
    """
    x = x0
    run = _Run(fun, x)
    H = np.eye(len(x))
    g = grad(x)
    for k in range(n_iter):
        if np.linalg.norm(g) <= gtol:
            return run.result(True)
        d = -H @ g
        alpha = _line_search(fun, grad, x, d, c2=0.9)
        if alpha is None:
            break
        s = alpha * d
        x = x + s
        g_new = grad(x)
        y = g_new - g
        if y @ s > 0:  # always true after a Wolfe step; skipped otherwise
            if k == 0:
                H = (y @ s) / (y @ y) * np.eye(len(x))
            H = _bfgs_update(H, s, y)
        g = g_new
        run.add(x, fun(x))
    return run.result(bool(np.linalg.norm(g) <= gtol))
