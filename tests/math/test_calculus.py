"""Calculus: derivatives against SymPy, integration rules against scipy.integrate.quad,
the error orders as properties, the 2017 cheatsheet's worked numbers and errata."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from mlcheatsheet.math import calculus as calc

x_ = sp.Symbol("x", real=True)

# (sympy expression, the same as a numpy function): smooth test functions
FUNCTIONS = {
    "x^2": (x_**2, lambda x: x**2),
    "x^3 - 2x": (x_**3 - 2 * x_, lambda x: x**3 - 2 * x),
    "sin(4 (4x)^2)": (sp.sin(4 * (4 * x_) ** 2), lambda x: np.sin(4 * (4 * x) ** 2)),
    "exp(x) cos(x)": (sp.exp(x_) * sp.cos(x_), lambda x: np.exp(x) * np.cos(x)),
    "1/(1+e^-x)": (1 / (1 + sp.exp(-x_)), lambda x: 1 / (1 + np.exp(-x))),
}


def exact_derivative(expr, at, order=1):
    return float(sp.diff(expr, x_, order).subs(x_, at))


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("at", [-0.7, 0.3, 1.1])
def test_numerical_derivatives_against_sympy(name, at):
    expr, f = FUNCTIONS[name]
    exact = exact_derivative(expr, at)
    scale = max(1.0, abs(exact), abs(exact_derivative(expr, at, 2)), abs(exact_derivative(expr, at, 3)))
    assert calc.forward_difference(f, at, h=1e-7) == pytest.approx(exact, abs=1e-5 * scale)
    assert calc.central_difference(f, at, h=1e-5) == pytest.approx(exact, abs=1e-7 * scale)
    assert calc.complex_step(f, at) == pytest.approx(exact, rel=1e-14, abs=1e-14)


def test_forward_error_is_order_h_and_central_order_h_squared():
    expr, f = FUNCTIONS["exp(x) cos(x)"]
    exact = exact_derivative(expr, 0.5)
    hs = np.array([1e-1, 5e-2, 2.5e-2, 1.25e-2])
    fwd = np.array([abs(calc.forward_difference(f, 0.5, h) - exact) for h in hs])
    ctr = np.array([abs(calc.central_difference(f, 0.5, h) - exact) for h in hs])
    # halving h halves the forward error and quarters the central error
    np.testing.assert_allclose(fwd[:-1] / fwd[1:], 2.0, rtol=0.1)
    np.testing.assert_allclose(ctr[:-1] / ctr[1:], 4.0, rtol=0.02)
    # and the leading terms are the ones the docstrings state: h/2 f'' and h^2/6 f'''
    f2, f3 = exact_derivative(expr, 0.5, 2), exact_derivative(expr, 0.5, 3)
    assert fwd[-1] == pytest.approx(abs(hs[-1] / 2 * f2), rel=0.02)
    assert ctr[-1] == pytest.approx(abs(hs[-1] ** 2 / 6 * f3), rel=0.01)


def test_central_difference_hits_round_off_below_the_optimal_step():
    f = np.exp
    errors = {h: abs(calc.central_difference(f, 1.0, h) - np.e) for h in (1e-5, 1e-12)}
    assert errors[1e-12] > 100 * errors[1e-5]          # round-off wins for tiny h
    assert calc.complex_step(f, 1.0, h=1e-200) == pytest.approx(np.e, rel=1e-15)


def test_worked_numbers_of_the_2017_cheatsheet_derivatives():
    # slope of x^2 + 3 between (1, 4) and (3, 12) is 4
    assert (12 - 4) / (3 - 1) == 4
    # the limit definition gives 2x
    h = sp.Symbol("h")
    assert sp.limit(((x_ + h) ** 2 - x_**2) / h, h, 0) == 2 * x_
    # its forward difference at 3 with h = 1e-4 is 6.0001 (exactly 6 + h, up to round-off)
    assert calc.forward_difference(lambda x: x**2, 3.0) == pytest.approx(6.0001, abs=1e-10)


def test_chain_rule_examples_and_the_erratum():
    assert sp.diff((x_**2) ** 3, x_) == 6 * x_**5
    A, B, C = sp.sin, (lambda u: 4 * u**2), (lambda u: 4 * u)
    f = A(B(C(x_)))
    right = sp.diff(f, x_)
    assert sp.expand(right - 128 * x_ * sp.cos(64 * x_**2)) == 0
    printed = 8 * x_ * sp.cos(16 * x_**2)                    # the 2017 cheatsheet's answer
    assert float(right.subs(x_, 0.1)) != pytest.approx(float(printed.subs(x_, 0.1)))
    # its slip: B'(C(x)) = 8 (4x) = 32x, not 2 (4x) = 8x; and B(C(x)) = 64 x^2, not 16 x^2
    assert sp.expand(sp.diff(B(x_), x_).subs(x_, C(x_))) == 32 * x_
    assert sp.expand(B(C(x_))) == 64 * x_**2


def test_gradient_of_2z3x2_against_sympy():
    x, z = sp.symbols("x z")
    f = 2 * z**3 * x**2
    grad = [sp.diff(f, v) for v in (x, z)]
    assert grad == [4 * z**3 * x, 6 * x**2 * z**2]
    rng = np.random.default_rng(0)
    fn = sp.lambdify([(x, z)], f)
    for point in rng.uniform(-2, 2, size=(5, 2)):
        exact = [float(g.subs({x: point[0], z: point[1]})) for g in grad]
        np.testing.assert_allclose(calc.gradient(fn, point), exact, rtol=1e-8, atol=1e-8)


def test_gradient_matches_numpy_on_a_quadratic_form():
    rng = np.random.default_rng(1)
    A = rng.normal(size=(4, 4))
    x = rng.normal(size=4)
    np.testing.assert_allclose(calc.gradient(lambda v: v @ A @ v, x), (A + A.T) @ x, rtol=1e-7)


def test_directional_derivative_normalizes_and_the_unit_vector_erratum():
    x, y, z = sp.symbols("x y z")
    f = x**2 * y + sp.sin(z)
    point = {x: 1.0, y: 2.0, z: 0.5}
    g = np.array([float(sp.diff(f, v).subs(point)) for v in (x, y, z)])
    v = np.array([2.0, 3.0, -1.0])
    assert np.linalg.norm(v) == pytest.approx(np.sqrt(14))       # not a unit vector
    unnormalized = 2 * g[0] + 3 * g[1] - g[2]                      # the 2017 cheatsheet's sum
    assert calc.directional_derivative(g, v) == pytest.approx(unnormalized / np.sqrt(14))
    # the limit definition along the unit vector agrees
    u = v / np.sqrt(14)
    fn = sp.lambdify([(x, y, z)], f)
    p = np.array([1.0, 2.0, 0.5])
    t = 1e-6
    numeric = (fn(p + t * u) - fn(p - t * u)) / (2 * t)
    assert calc.directional_derivative(g, v) == pytest.approx(numeric, rel=1e-8)
    # the largest rate of change is along the gradient, and equals its norm
    assert calc.directional_derivative(g, g) == pytest.approx(np.linalg.norm(g))


QUAD_CASES = [
    (lambda x: x**2, 1.0, 3.0),
    (np.sin, 0.0, np.pi),
    (lambda x: np.exp(-x**2 / 2), -2.0, 1.5),
    (lambda x: 1 / (1 + x**2), -1.0, 4.0),
]


@pytest.mark.parametrize("case", range(len(QUAD_CASES)))
def test_integration_rules_against_quad_and_their_orders(case):
    f, a, b = QUAD_CASES[case]
    exact, _ = integrate.quad(f, a, b)
    err = {rule: [abs(fn(n) - exact) for n in (64, 128)] for rule, fn in {
        "left": lambda n: calc.riemann_sum(f, a, b, n),
        "midpoint": lambda n: calc.riemann_sum(f, a, b, n, rule="midpoint"),
        "trapezoid": lambda n: calc.trapezoid(f, a, b, n),
        "simpson": lambda n: calc.simpson(f, a, b, n),
    }.items()}
    assert calc.simpson(f, a, b, 128) == pytest.approx(exact, rel=1e-8)
    assert calc.trapezoid(f, a, b, 1024) == pytest.approx(exact, rel=1e-5)
    assert err["simpson"][1] < err["trapezoid"][1] and err["midpoint"][1] < err["left"][1]
    assert err["trapezoid"][0] / err["trapezoid"][1] == pytest.approx(4.0, rel=0.05)
    assert err["midpoint"][0] / err["midpoint"][1] == pytest.approx(4.0, rel=0.05)


def test_rules_agree_with_scipy_composite_rules():
    xs = np.linspace(0.0, 2.0, 9)
    f = lambda x: np.exp(x) * np.sin(3 * x)  # noqa: E731
    assert calc.trapezoid(f, 0.0, 2.0, 8) == pytest.approx(integrate.trapezoid(f(xs), xs), rel=1e-13)
    assert calc.simpson(f, 0.0, 2.0, 8) == pytest.approx(integrate.simpson(f(xs), x=xs), rel=1e-13)


@settings(max_examples=60, deadline=None)
@given(coefs=st.lists(st.floats(-5, 5), min_size=4, max_size=4),
       a=st.floats(-3, 0), width=st.floats(0.1, 4), n=st.sampled_from([2, 4, 6, 10]))
def test_simpson_is_exact_for_cubics(coefs, a, width, n):
    poly = np.polynomial.Polynomial(coefs)
    antiderivative = poly.integ()
    b = a + width
    exact = antiderivative(b) - antiderivative(a)
    scale = 1 + np.abs(coefs).sum() * max(abs(a), abs(b)) ** 3 * width
    assert calc.simpson(poly, a, b, n) == pytest.approx(exact, abs=1e-12 * scale)


def test_worked_numbers_of_the_2017_cheatsheet_integrals():
    square = lambda x: x**2  # noqa: E731
    # four strips of width 0.5 on [1, 3]: by hand 0.5 (1 + 2.25 + 4 + 6.25) and 0.5 (2.25 + ... + 9)
    assert calc.riemann_sum(square, 1.0, 3.0, 4) == 0.5 * (1 + 2.25 + 4 + 6.25) == 6.75
    assert calc.riemann_sum(square, 1.0, 3.0, 4, rule="right") == 10.75
    assert sp.integrate(x_**2, (x_, 1, 3)) == sp.Rational(26, 3)
    # its loop (x from a while x <= b, step 1e-4) is a left sum of 20000 strips: 8.6662...
    assert calc.riemann_sum(square, 1.0, 3.0, 20000) == pytest.approx(8.66627, abs=1e-5)
    # the variance integral, with its dx restored, for a normal density
    mu, s = sp.symbols("mu", real=True), sp.Symbol("sigma", positive=True)
    p = sp.exp(-(x_ - mu) ** 2 / (2 * s**2)) / sp.sqrt(2 * sp.pi * s**2)
    assert sp.simplify(sp.integrate((x_ - mu) ** 2 * p, (x_, -sp.oo, sp.oo))) == s**2


def test_compound_growth_tends_to_e_and_matches_the_binomial_form():
    n = sp.Symbol("n", positive=True)
    assert sp.limit((1 + 1 / n) ** n, n, sp.oo) == sp.E
    assert sp.limit((1 + sp.Rational(1, 20) / n) ** (n * 3), n, sp.oo) == sp.exp(sp.Rational(3, 20))
    assert calc.compound_growth(10) == pytest.approx(1.1**10, rel=1e-15)
    assert calc.compound_growth(100) == pytest.approx(float(sp.Rational(101, 100) ** 100), rel=1e-14)
    values = [calc.compound_growth(10**k) for k in range(7)]
    assert all(u < v for u, v in zip(values, values[1:])) and values[-1] < np.e
    assert calc.compound_growth(10**12) == pytest.approx(np.e, rel=1e-11)
    assert calc.compound_growth(10**6, rate=0.05, t=3) == pytest.approx(np.exp(0.15), rel=1e-7)
    # the series e = sum 1/k! agrees
    assert float(sum(sp.Rational(1, sp.factorial(k)) for k in range(20))) == pytest.approx(np.e)


def test_the_naive_power_loses_the_limit():
    # (1 + 1/n)^n in float64 drifts away from e for huge n: 1 + 1/n is rounded first
    naive = (1 + 1 / 10**15) ** 10**15
    assert abs(naive - np.e) > 1e-2
    assert calc.compound_growth(10**15) == pytest.approx(np.e, rel=1e-14)


def test_derivative_rules_table_symbolically():
    f, g, h = sp.Function("f"), sp.Function("g"), sp.Function("h")
    ns = {"f": f, "g": g, "h": h, "x": x_, "y": sp.Symbol("y"), "c": sp.Symbol("c"),
          "r": sp.Symbol("r"), "a": sp.Symbol("a", positive=True)}
    assert len(calc.DERIVATIVE_RULES) >= 12
    for name, _, _, fun, derivative in calc.DERIVATIVE_RULES:
        got = sp.diff(sp.sympify(fun, locals=ns), x_).doit()
        want = sp.sympify(derivative, locals=ns).doit()
        assert sp.simplify(got - want) == 0, name


def test_integrals_table_symbolically():
    assert len(calc.INTEGRALS) >= 8
    for x in (sp.Symbol("x", positive=True), sp.Symbol("x", negative=True)):
        ns = {"x": x, "a": sp.Symbol("a", nonzero=True), "r": sp.Symbol("r")}
        for _, _, fun, antiderivative, where in calc.INTEGRALS:
            if where == "x > 0" and x.is_negative:
                continue
            F = sp.sympify(antiderivative, locals=ns)
            assert sp.simplify(sp.diff(F, x) - sp.sympify(fun, locals=ns)) == 0, fun


@pytest.mark.parametrize("call, message", [
    (lambda: calc.simpson(np.sin, 0.0, 1.0, 3), "n must be even"),
    (lambda: calc.riemann_sum(np.sin, 1.0, 0.0, 4), "a must be less than b"),
    (lambda: calc.directional_derivative([1.0, 2.0], [0.0, 0.0]), "non-zero"),
    (lambda: calc.directional_derivative([1.0, 2.0], [1.0, 0.0, 0.0]),
     "grad and v must have the same shape"),
    (lambda: calc.central_difference(lambda x: float("nan"), 1.0), "returned by f"),
    (lambda: calc.trapezoid(lambda x: 1.0, 0.0, 1.0, 4), "returned by f"),
    (lambda: calc.forward_difference(np.sin, 1.0, h=0.0), "h must be"),
    (lambda: calc.compound_growth(0), "n must be >= 1"),
])
def test_bad_input(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
