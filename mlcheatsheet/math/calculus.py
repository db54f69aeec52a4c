r"""Calculus in a few lines each: numerical derivatives, gradients, integration rules, *e*.

Every function here approximates something a formula gives exactly, so every one
of them is tested against the formula (SymPy) or against SciPy.
"""

import numpy as np

from .._validation import (array, function, integer, interval, options, positive, real,
                           same_shape, validate, vector)

__all__ = [
    "forward_difference",
    "central_difference",
    "complex_step",
    "gradient",
    "directional_derivative",
    "riemann_sum",
    "trapezoid",
    "simpson",
    "compound_growth",
    "DERIVATIVE_RULES",
    "INTEGRALS",
]

#: The derivative rules a page tabulates: (name, f in LaTeX, f' in LaTeX, f and f' as SymPy
#: text). ``f``, ``g`` and ``h`` stand for functions of x, ``a``, ``c``, ``r`` for constants;
#: the test suite differentiates every ``f`` with SymPy and compares it with ``f'``.
DERIVATIVE_RULES = [
    ("constant", "c", "0", "c", "0"),
    ("power", "x^r", "r x^{r-1}", "x**r", "r*x**(r - 1)"),
    ("constant factor", "c f(x)", "c f'(x)", "c*f(x)", "c*Derivative(f(x), x)"),
    ("sum", "f(x) + g(x)", "f'(x) + g'(x)", "f(x) + g(x)",
     "Derivative(f(x), x) + Derivative(g(x), x)"),
    ("difference", "f(x) - g(x)", "f'(x) - g'(x)", "f(x) - g(x)",
     "Derivative(f(x), x) - Derivative(g(x), x)"),
    ("product", "f(x) g(x)", "f'(x) g(x) + f(x) g'(x)", "f(x)*g(x)",
     "Derivative(f(x), x)*g(x) + f(x)*Derivative(g(x), x)"),
    ("quotient", r"\frac{f(x)}{g(x)}", r"\frac{f'(x) g(x) - f(x) g'(x)}{g(x)^2}", "f(x)/g(x)",
     "(Derivative(f(x), x)*g(x) - f(x)*Derivative(g(x), x))/g(x)**2"),
    ("chain", "f(g(x))", "f'(g(x))\\, g'(x)", "f(g(x))",
     "Subs(Derivative(f(y), y), y, g(x))*Derivative(g(x), x)"),
    ("chain, three links", "f(g(h(x)))", "f'(g(h(x)))\\, g'(h(x))\\, h'(x)", "f(g(h(x)))",
     "Subs(Derivative(f(y), y), y, g(h(x)))*Subs(Derivative(g(y), y), y, h(x))"
     "*Derivative(h(x), x)"),
    ("exponential", "e^x", "e^x", "exp(x)", "exp(x)"),
    ("exponential, base a", "a^x", r"a^x \ln a", "a**x", "a**x*log(a)"),
    ("natural log", r"\ln x", r"\frac1x", "log(x)", "1/x"),
    ("sine", r"\sin x", r"\cos x", "sin(x)", "cos(x)"),
    ("cosine", r"\cos x", r"-\sin x", "cos(x)", "-sin(x)"),
    ("sigmoid", r"\sigma(x) = \frac1{1 + e^{-x}}", r"\sigma(x)\,(1 - \sigma(x))",
     "1/(1 + exp(-x))", "1/(1 + exp(-x))*(1 - 1/(1 + exp(-x)))"),
    ("tanh", r"\tanh x", r"1 - \tanh^2 x", "tanh(x)", "1 - tanh(x)**2"),
]

#: Indefinite integrals a page tabulates: (f in LaTeX, its antiderivative F in LaTeX, both as
#: SymPy text, valid where). The test suite checks F' = f with SymPy.
INTEGRALS = [
    ("x^r", r"\frac{x^{r+1}}{r+1}", "x**r", "x**(r + 1)/(r + 1)", r"r \ne -1"),
    ("x^2", r"\frac13 x^3", "x**2", "x**3/3", "all x"),
    (r"\frac1x", r"\ln\lvert x\rvert", "1/x", "log(Abs(x))", r"x \ne 0"),
    ("e^x", "e^x", "exp(x)", "exp(x)", "all x"),
    ("e^{ax}", r"\frac1a e^{ax}", "exp(a*x)", "exp(a*x)/a", r"a \ne 0"),
    (r"\sin x", r"-\cos x", "sin(x)", "-cos(x)", "all x"),
    (r"\cos x", r"\sin x", "cos(x)", "sin(x)", "all x"),
    (r"\frac1{1 + x^2}", r"\arctan x", "1/(1 + x**2)", "atan(x)", "all x"),
    (r"\ln x", r"x \ln x - x", "log(x)", "x*log(x) - x", "x > 0"),
]


def _number(value, name):
    """Spec for what a function of one number returns: a finite real number, as a float."""
    return real(value, name)


def _complex_number(value, name):
    """Spec for what ``f(x + ih)`` returns: a finite (complex) number."""
    if isinstance(value, (bool, np.bool_)) or not np.isscalar(value) or \
            not np.issubdtype(np.asarray(value).dtype, np.number):
        raise TypeError(f"{name} must be a number; got {type(value).__name__} {value!r}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    return complex(value)


def _nonzero(name):
    def relation(args):
        if not np.any(args[name]):
            raise ValueError(f"{name} must be a non-zero vector (it gives a direction); got all zeros")
    return relation


def _ordered(args):
    if not args["a"] < args["b"]:
        raise ValueError(f"a must be less than b; got a = {args['a']!r}, b = {args['b']!r}")


def _even_n(args):
    _ordered(args)
    if args["n"] % 2:
        raise ValueError(f"n must be even for Simpson's rule (strips come in pairs); got {args['n']}")


_F = function(returns=_number)
_F_ARRAY = function(returns=array(ndim=1))
_RATE, _YEARS = interval(0, 1, "both"), interval(0, 100, "right")
_INTEGRAL = dict(f=_F_ARRAY, a=real, b=real, n=integer(minimum=1, maximum=10**7), _=_ordered)


@validate(f=_F, x=real, h=positive)
def forward_difference(f, x, h=1e-4):
    r"""Slope of ``f`` at ``x`` by rise over run over one step forward: error of order h.

    Parameters
    ----------
    f : callable
        A function of one real number returning a real number.
    x : float
        Where to take the derivative.
    h : float, default 1e-4
        Step size (the 2017 cheatsheet's choice).

    Returns
    -------
    float

    Notes
    -----
    .. math:: f'(x) \approx \frac{f(x + h) - f(x)}{h} = f'(x) + \tfrac h2 f''(x) + O(h^2)

    Examples
    --------
    >>> round(forward_difference(lambda x: x**2, 3.0), 6)      # exact: 6, error h = 1e-4
    6.0001
    """
    return (f(x + h) - f(x)) / h


@validate(f=_F, x=real, h=positive)
def central_difference(f, x, h=1e-5):
    r"""Slope of ``f`` at ``x`` from one step either side: error of order h².

    Parameters
    ----------
    f : callable
        A function of one real number returning a real number.
    x : float
        Where to take the derivative.
    h : float, default 1e-5
        Step size.

    Returns
    -------
    float

    Notes
    -----
    .. math:: f'(x) \approx \frac{f(x + h) - f(x - h)}{2h} = f'(x) + \tfrac{h^2}6 f'''(x) + O(h^4)

    Examples
    --------
    >>> round(central_difference(lambda x: x**2, 3.0, h=0.5), 12)  # exact for quadratics
    6.0
    """
    return (f(x + h) - f(x - h)) / (2 * h)


@validate(f=function(returns=_complex_number), x=real, h=positive)
def complex_step(f, x, h=1e-20):
    r"""Slope of ``f`` at ``x`` from one complex step: no subtraction, so no round-off.

    Parameters
    ----------
    f : callable
        A function that accepts complex numbers and is real on the real line
        (built from ``+ - * /``, powers, ``np.exp``, ``np.sin``, ...).
    x : float
        Where to take the derivative.
    h : float, default 1e-20
        Imaginary step; it can be tiny because nothing is subtracted.

    Returns
    -------
    float

    Notes
    -----
    .. math:: f(x + ih) = f(x) + ih f'(x) - \tfrac{h^2}2 f''(x) + \dots
              \quad\Rightarrow\quad f'(x) \approx \frac{\operatorname{Im} f(x + ih)}{h}

    Examples
    --------
    >>> import numpy as np
    >>> complex_step(np.sin, 0.0)
    1.0
    """
    return f(x + 1j * h).imag / h


@validate(f=function(returns=_number), x=vector, h=positive)
def gradient(f, x, h=1e-6):
    r"""The vector of partial derivatives of ``f`` at ``x``, one central difference each.

    Parameters
    ----------
    f : callable
        A function of a vector of shape (n,) returning a real number.
    x : array-like of shape (n,)
        The point.
    h : float, default 1e-6
        Step size.

    Returns
    -------
    ndarray of shape (n,)

    Notes
    -----
    .. math:: (\nabla f)_i \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h}

    Examples
    --------
    >>> f = lambda p: 2 * p[1]**3 * p[0]**2            # 2 z^3 x^2, p = (x, z)
    >>> gradient(f, [1.0, 2.0]).round(5).tolist()       # [4 z^3 x, 6 x^2 z^2]
    [32.0, 24.0]
    """
    steps = h * np.eye(x.size)
    return np.array([(f(x + e) - f(x - e)) / (2 * h) for e in steps])


@validate(grad=vector, v=vector, _=same_shape("grad", "v"), __=_nonzero("v"))
def directional_derivative(grad, v):
    r"""Rate of change along the direction of ``v``: the gradient dotted with ``v / ‖v‖``.

    Parameters
    ----------
    grad : array-like of shape (n,)
        The gradient at the point.
    v : array-like of shape (n,)
        A direction; any non-zero length (it is normalized).

    Returns
    -------
    float

    Notes
    -----
    .. math:: \nabla_{\hat v} f = \nabla f \cdot \frac{v}{\lVert v\rVert}

    Examples
    --------
    >>> directional_derivative([1.0, 0.0], [3.0, 4.0])
    0.6
    """
    return float(grad @ (v / np.linalg.norm(v)))


@validate(**_INTEGRAL, rule=options("left", "right", "midpoint"))
def riemann_sum(f, a, b, n, rule="left"):
    r"""Area under ``f`` from ``a`` to ``b`` as ``n`` rectangles of width h = (b − a)/n.

    Parameters
    ----------
    f : callable
        A vectorized function: an array of x values in, an array of f(x) out.
    a, b : float
        The interval, a < b.
    n : int
        Number of strips.
    rule : {"left", "right", "midpoint"}
        Where each rectangle takes its height.

    Returns
    -------
    float

    Notes
    -----
    .. math:: \int_a^b f(x)\,dx \approx h \sum_{i=0}^{n-1} f(a + (i + s) h),
              \quad s = 0, 1, \tfrac12

    Examples
    --------
    >>> square = lambda x: x**2
    >>> riemann_sum(square, 1.0, 3.0, 4), riemann_sum(square, 1.0, 3.0, 4, rule="right")
    (6.75, 10.75)
    """
    h = (b - a) / n
    shift = {"left": 0.0, "right": 1.0, "midpoint": 0.5}[rule]
    return float(h * np.sum(f(a + (np.arange(n) + shift) * h)))


@validate(**_INTEGRAL)
def trapezoid(f, a, b, n):
    r"""Area under ``f`` as ``n`` trapezoids: the average of the left and right sums.

    Parameters
    ----------
    f : callable
        A vectorized function.
    a, b : float
        The interval, a < b.
    n : int
        Number of strips.

    Returns
    -------
    float

    Notes
    -----
    .. math:: \int_a^b f\,dx \approx h\Bigl(\tfrac12 f(x_0) + f(x_1) + \dots
              + f(x_{n-1}) + \tfrac12 f(x_n)\Bigr), \quad x_i = a + ih

    Examples
    --------
    >>> trapezoid(lambda x: x**2, 1.0, 3.0, 4)
    8.75
    """
    y = f(np.linspace(a, b, n + 1))
    return float((b - a) / n * (y.sum() - (y[0] + y[-1]) / 2))


@validate(**{**_INTEGRAL, "_": _even_n})
def simpson(f, a, b, n):
    r"""Area under ``f`` by fitting a parabola through each pair of strips (``n`` even).

    Parameters
    ----------
    f : callable
        A vectorized function.
    a, b : float
        The interval, a < b.
    n : int
        Number of strips, even.

    Returns
    -------
    float

    Notes
    -----
    .. math:: \int_a^b f\,dx \approx \frac h3 \bigl(f(x_0) + f(x_n)\bigr)
              + \frac{4h}3 \sum_{i\ \mathrm{odd}} f(x_i) + \frac{2h}3 \sum_{i\ \mathrm{even}}^{0<i<n} f(x_i)

    Exact for polynomials of degree up to 3.

    Examples
    --------
    >>> round(simpson(lambda x: x**2, 1.0, 3.0, 2), 12)      # exact: 26/3
    8.666666666667
    """
    y = f(np.linspace(a, b, n + 1))
    weights = np.where(np.arange(n + 1) % 2, 4.0, 2.0)
    weights[[0, -1]] = 1.0
    return float((b - a) / n / 3 * (weights @ y))


@validate(n=integer(minimum=1), rate=_RATE, t=_YEARS)
def compound_growth(n, rate=1.0, t=1.0):
    r"""Growth factor of money compounded ``n`` times per year at ``rate`` for ``t`` years.

    Parameters
    ----------
    n : int
        Compounding periods per year.
    rate : float in [0, 1], default 1.0
        Yearly interest rate (1.0 is 100 %).
    t : float in (0, 100], default 1.0
        Years.

    Returns
    -------
    float

    Notes
    -----
    .. math:: \Bigl(1 + \frac rn\Bigr)^{nt} \xrightarrow[n\to\infty]{} e^{rt}

    Computed as ``exp(n t log1p(r/n))``, which stays accurate for huge ``n``.

    Examples
    --------
    >>> compound_growth(1), compound_growth(2), compound_growth(4)
    (2.0, 2.25, 2.44140625)
    """
    return float(np.exp(n * t * np.log1p(rate / n)))
