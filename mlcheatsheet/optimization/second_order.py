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

import numpy as np

from .._validation import as_float_array, check_interval, check_positive_int
from ..basics.gradient_descent import GradientDescentResult

__all__ = [
    "line_search",
    "newton",
    "conjugate_gradient",
    "nonlinear_conjugate_gradient",
    "bfgs_update",
    "bfgs",
]


def _check_callables(**functions):
    bad = [name for name, f in functions.items() if not callable(f)]
    if bad:
        raise TypeError(f"{' and '.join(bad)} must be callable; got "
                        + ", ".join(f"{type(functions[n]).__name__}" for n in bad))


def _gradient(grad, x):
    g = np.asarray(grad(x), dtype=float)
    if g.shape != x.shape:
        raise ValueError(f"grad(x) must have the shape of x0 {x.shape}; got {g.shape}")
    return g


class _Run:
    """Records the path and the cost history of an iterative method."""

    def __init__(self, fun, x):
        cost = float(fun(x))
        if not np.isfinite(cost):
            raise ValueError(f"fun(x0) must be finite; got {cost}")
        self.path, self.history = [x.copy()], [cost]

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
        The function and its gradient.
    x : array_like
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
    :math:`\phi(hi)`, kept away from the ends of the bracket.

    Examples
    --------
    On :math:`f(x) = x^2` from 1 along :math:`d = -1`, :math:`\alpha = 1` is exact:

    >>> line_search(lambda x: float(x @ x), lambda x: 2 * x, [1.0], [-1.0])
    1.0
    """
    _check_callables(fun=fun, grad=grad)
    x = as_float_array(x, "x")
    d = as_float_array(direction, "direction")
    if d.shape != x.shape:
        raise ValueError(f"direction must have the shape of x {x.shape}; got {d.shape}")
    c1 = check_interval(c1, "c1", 0, 1, closed="neither")
    c2 = check_interval(c2, "c2", c1, 1, closed="neither")
    max_iter = check_positive_int(max_iter, "max_iter")

    def phi(a):
        with np.errstate(over="ignore", invalid="ignore"):
            value = float(fun(x + a * d))
        return value if np.isfinite(value) else np.inf

    def dphi(a):
        return float(_gradient(grad, x + a * d) @ d)

    f0, slope0 = phi(0.0), dphi(0.0)
    if not slope0 < 0:
        raise ValueError(f"direction must be a descent direction (grad(x) @ direction < 0); "
                         f"got {slope0:g}")

    def armijo(a, f_a):
        return f_a <= f0 + c1 * a * slope0

    def zoom(lo, hi, f_lo, f_hi, d_lo):
        for _ in range(max_iter):
            width = hi - lo
            curvature = (f_hi - f_lo - d_lo * width) / width**2 if np.isfinite(f_hi) else np.inf
            a = lo - d_lo / (2 * curvature) if 0 < curvature < np.inf else lo + width / 2
            left, right = sorted((lo + 0.1 * width, hi - 0.1 * width))
            if not left <= a <= right:
                a = lo + width / 2
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
            if abs(hi - lo) <= 1e-16 * max(1.0, abs(lo)):
                break
        return None

    a_prev, f_prev, d_prev = 0.0, f0, slope0
    a = check_interval(alpha0, "alpha0", 0, np.inf, closed="neither")
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


# --------------------------------------------------------------------------
# Newton's method
# --------------------------------------------------------------------------


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
        If the Hessian is singular at an iterate (pure method).

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

    >>> A, b = np.array([[3.0, 1.0], [1.0, 2.0]]), np.array([1.0, 1.0])
    >>> res = newton(lambda x: 0.5 * x @ A @ x - b @ x, lambda x: A @ x - b,
    ...              lambda x: A, x0=[10.0, -10.0])
    >>> res.n_iter, res.x.round(12).tolist()   # A^-1 b = (0.2, 0.4)
    (1, [0.2, 0.4])
    """
    _check_callables(fun=fun, grad=grad, hess=hess)
    x = as_float_array(x0, "x0", ndim=1)
    n_iter = check_positive_int(n_iter, "n_iter", minimum=0)
    gtol = check_interval(gtol, "gtol", 0, np.inf)
    run = _Run(fun, x)
    for k in range(n_iter + 1):
        g = _gradient(grad, x)
        if np.linalg.norm(g) <= gtol:
            return run.result(True)
        if k == n_iter:
            break
        H = np.asarray(hess(x), dtype=float)
        if H.shape != (len(x), len(x)):
            raise ValueError(f"hess(x) must have shape {(len(x), len(x))}; got {H.shape}")
        if safeguarded:
            d = -np.linalg.solve(_positive_definite(H), g)
            alpha = line_search(fun, grad, x, d, c2=0.9)
            if alpha is None:
                break
            x = x + alpha * d
        else:
            try:
                x = x - np.linalg.solve(H, g)
            except np.linalg.LinAlgError:
                raise ValueError(f"the Hessian is singular at x = {x.tolist()}; Newton's "
                                 "method needs an invertible Hessian") from None
        run.add(x, fun(x))
    return run.result(bool(np.linalg.norm(_gradient(grad, x)) <= gtol))


def _positive_definite(H, beta=1e-3):
    """``H + tau * I`` with the smallest ``tau`` in 0, beta, 2 beta, ... that admits a Cholesky factor."""
    H = 0.5 * (H + H.T)
    smallest = float(np.min(np.diag(H)))
    tau = 0.0 if smallest > 0 else beta - smallest
    eye = np.eye(len(H))
    while True:
        try:
            np.linalg.cholesky(H + tau * eye)
            return H + tau * eye
        except np.linalg.LinAlgError:
            tau = max(2.0 * tau, beta)


# --------------------------------------------------------------------------
# Conjugate gradients
# --------------------------------------------------------------------------


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
        most :math:`n` are needed (as many as :math:`A` has distinct eigenvalues).
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
        If ``A`` is not symmetric, or turns out not to be positive definite.

    Notes
    -----
    Hestenes and Stiefel (1952); Nocedal and Wright (2006), Algorithm 5.2.

    Examples
    --------
    >>> res = conjugate_gradient([[4.0, 1.0], [1.0, 3.0]], [1.0, 2.0])
    >>> res.n_iter, res.x.round(10).tolist()    # (1/11, 7/11)
    (2, [0.0909090909, 0.6363636364])
    """
    A = as_float_array(A, "A", ndim=2)
    n = A.shape[0]
    if A.shape != (n, n):
        raise ValueError(f"A must be square; got shape {A.shape}")
    if not np.allclose(A, A.T, rtol=1e-12, atol=1e-14 * np.abs(A).max()):
        raise ValueError("A must be symmetric; conjugate gradients needs a symmetric "
                         "positive definite matrix")
    b = as_float_array(b, "b", ndim=1)
    if b.shape != (n,):
        raise ValueError(f"b must have shape ({n},) to match A; got {b.shape}")
    x = np.zeros(n) if x0 is None else as_float_array(x0, "x0", ndim=1)
    if x.shape != (n,):
        raise ValueError(f"x0 must have shape ({n},) to match A; got {x.shape}")
    n_iter = 10 * n if n_iter is None else check_positive_int(n_iter, "n_iter", minimum=0)
    tol = check_interval(tol, "tol", 0, np.inf)

    def quadratic(v):
        return 0.5 * v @ A @ v - b @ v

    run = _Run(quadratic, x)
    r = b - A @ x
    p = r.copy()
    rr = r @ r
    target = tol * (np.linalg.norm(b) if np.any(b) else np.sqrt(rr))
    for _ in range(n_iter):
        if np.sqrt(rr) <= target:
            return run.result(True)
        Ap = A @ p
        curvature = p @ Ap
        if curvature <= 0:
            raise ValueError(f"A must be positive definite: found a direction p with "
                             f"p @ A @ p = {curvature:.3g} <= 0")
        alpha = rr / curvature
        x = x + alpha * p
        r = r - alpha * Ap
        rr_new = r @ r
        p = r + (rr_new / rr) * p
        rr = rr_new
        run.add(x, quadratic(x))
    return run.result(bool(np.sqrt(rr) <= target))


def nonlinear_conjugate_gradient(fun, grad, x0, method="polak-ribiere", n_iter=1000, gtol=1e-8):
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
    _check_callables(fun=fun, grad=grad)
    if method not in {"polak-ribiere", "fletcher-reeves"}:
        raise ValueError(f"method must be 'polak-ribiere' or 'fletcher-reeves'; got {method!r}")
    x = as_float_array(x0, "x0", ndim=1)
    n_iter = check_positive_int(n_iter, "n_iter", minimum=0)
    gtol = check_interval(gtol, "gtol", 0, np.inf)
    run = _Run(fun, x)
    g = _gradient(grad, x)
    d = -g
    for _ in range(n_iter):
        if np.linalg.norm(g) <= gtol:
            return run.result(True)
        if g @ d >= 0:
            d = -g
        alpha = line_search(fun, grad, x, d, c2=0.1)
        if alpha is None:
            break
        x = x + alpha * d
        g_new = _gradient(grad, x)
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
        If :math:`y^\top s \le 0` (the curvature condition fails).

    Examples
    --------
    In one dimension the update is the secant slope: :math:`H = s/y`.

    >>> bfgs_update([[1.0]], [0.5], [2.0]).tolist()
    [[0.25]]
    """
    H = as_float_array(H, "H", ndim=2)
    s = as_float_array(s, "s", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    n = len(s)
    if H.shape != (n, n) or y.shape != (n,):
        raise ValueError(f"H must have shape ({n}, {n}) and y shape ({n},) to match s; "
                         f"got {H.shape} and {y.shape}")
    ys = y @ s
    if not ys > 0:
        raise ValueError(f"the curvature condition y @ s > 0 fails (y @ s = {ys:.3g}); "
                         "the update would not stay positive definite")
    rho = 1.0 / ys
    V = np.eye(n) - rho * np.outer(s, y)
    return V @ H @ V.T + rho * np.outer(s, s)


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
    _check_callables(fun=fun, grad=grad)
    x = as_float_array(x0, "x0", ndim=1)
    n_iter = check_positive_int(n_iter, "n_iter", minimum=0)
    gtol = check_interval(gtol, "gtol", 0, np.inf)
    run = _Run(fun, x)
    H = np.eye(len(x))
    g = _gradient(grad, x)
    for k in range(n_iter):
        if np.linalg.norm(g) <= gtol:
            return run.result(True)
        d = -H @ g
        alpha = line_search(fun, grad, x, d, c2=0.9)
        if alpha is None:
            break
        s = alpha * d
        x = x + s
        g_new = _gradient(grad, x)
        y = g_new - g
        if y @ s > 0:  # always true after a Wolfe step; skipped otherwise
            if k == 0:
                H = (y @ s) / (y @ y) * np.eye(len(x))
            H = bfgs_update(H, s, y)
        g = g_new
        run.add(x, fun(x))
    return run.result(bool(np.linalg.norm(g) <= gtol))
