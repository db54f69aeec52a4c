"""Tests of mlcheatsheet.neural_networks.backpropagation: the chain rule against SymPy and
finite differences (and the 2017 cheatsheet's stray f'(A) factor), every derivative of its
table, the layer errors and weight gradients by finite differences, a hand-worked SGD step of
a 2-2-1 network, and regression tests for its backpropagation snippet (CONTENT.md #49)."""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from _gradcheck import numerical_gradient
from mlcheatsheet.neural_networks import backpropagation as bp
from mlcheatsheet.neural_networks import forward_propagation as fp
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.neural_networks.activations import relu_grad

TOL = 1e-7

# The 2017 cheatsheet's code, as printed (section 13.4), with the scalar feed_forward of 12.1.2.
SNIPPET_BACKPROP = '''
def relu(z):
    return max(0, z)

def feed_forward(x, Wh, Wo):
    Zh = x * Wh
    H = relu(Zh)
    Zo = H * Wo
    output = relu(Zo)
    return output

def relu_prime(z):
    if z > 0:
        return z
    return 1

def cost(yHat, y):
    return 0.5 * (yHat - y)**2

def cost_prime(yHat, y):
    return yHat - y

def backprop(x, y, Wh, Wo, lr):
    yHat = feed_forward(x, Wh, Wo)

    # Layer Error
    Eo = (O - y) * relu_prime(Zo)
    Eh = Eo * Wo * relu_prime(Zh)

    # Cost derivative for weights
    dWo = Eo * H
    dWh = Eh * x

    # Update weights
    Wh -= lr * dWh
    Wo -= lr * dWo
'''


def run_2017(source=SNIPPET_BACKPROP):
    namespace = {}
    exec(source, namespace)  # noqa: S102 - the quoted snippet, nothing else
    return namespace


def rel_err(a, b):
    scale = max(np.linalg.norm(a) + np.linalg.norm(b), 1e-8)
    return float(np.linalg.norm(np.asarray(a) - np.asarray(b)) / scale)


# ------------------------------------------------------------------ the chain rule

A, A_ = math.sin, math.cos
B, B_ = math.exp, math.exp
C, C_ = (lambda u: u * u), (lambda u: 2 * u)


def test_chain_rule_equals_sympys_derivative():
    x = sp.Symbol("x")
    f = sp.sin(sp.exp(x ** 2))
    for x0 in [-1.2, 0.3, 0.9]:
        value, partials = bp.chain_rule([A, B, C], [A_, B_, C_], x0)
        assert value == pytest.approx(float(f.subs(x, x0)), rel=1e-14)
        assert partials[-1] == pytest.approx(float(sp.diff(f, x).subs(x, x0)), rel=1e-13)


def test_chain_rule_partials_are_the_derivatives_with_respect_to_each_intermediate():
    x0 = 0.7
    _, partials = bp.chain_rule([A, B, C], [A_, B_, C_], x0)
    c = C(x0)
    b = B(c)
    # df/dA = 1, df/dB = A'(B), df/dC by perturbing C's output, df/dx by perturbing x
    assert partials[0] == 1.0
    assert partials[1] == pytest.approx(numerical_gradient(lambda v: A(float(v)), b), rel=1e-8)
    assert partials[2] == pytest.approx(numerical_gradient(lambda v: A(B(float(v))), c), rel=1e-8)
    assert partials[3] == pytest.approx(
        numerical_gradient(lambda v: A(B(C(float(v)))), x0), rel=1e-8)


def test_the_stray_factor_read_as_a_derivative_of_A_gives_a_wrong_slope():
    """f'(x) = f'(A) A'(B) B'(C) C'(x): f'(A) = df/dA is 1; read as A'(B) the result is wrong."""
    for x0 in [0.3, 0.7, 1.1]:
        numeric = float(numerical_gradient(lambda v: A(B(C(float(v)))), x0))
        _, partials = bp.chain_rule([A, B, C], [A_, B_, C_], x0)
        stray = A_(B(C(x0))) * partials[-1]
        assert partials[-1] == pytest.approx(numeric, rel=1e-8)
        assert abs(stray - numeric) > 0.05 * abs(numeric)


def test_chain_rule_checks_its_arguments():
    with pytest.raises(ValueError, match="derivatives must have one entry per function"):
        bp.chain_rule([A, B], [A_], 1.0)
    with pytest.raises(ValueError, match=r"functions\[0\]"):
        bp.chain_rule([lambda u: math.nan], [A_], 1.0)


# ------------------------------------------------------------------ the derivative table


def test_the_2017_derivative_table_row_by_row_with_sympy():
    X, W, Z, y, yhat = sp.symbols("X W Z y yhat", real=True)
    assert sp.diff(X * W, X) == W and sp.diff(X * W, W) == X               # weighted input
    dR = sp.diff(sp.Max(0, Z), Z)                                         # ReLU
    assert dR.subs(Z, -2) == 0 and dR.subs(Z, 3) == 1
    assert sp.simplify(sp.diff(sp.Rational(1, 2) * (yhat - y) ** 2, yhat) - (yhat - y)) == 0
    for z in [-2.0, -0.1, 0.1, 3.0]:
        assert relu_grad(z) == float(dR.subs(Z, z))
    O, Y = np.array([[0.3, 2.0]]), np.array([[1.0, -1.0]])
    assert bp.cost_prime(O, Y).tolist() == (O - Y).tolist()
    assert rel_err(bp.cost_prime(O, Y), numerical_gradient(lambda o: bp.cost(o, Y), O)) < TOL


@pytest.mark.parametrize("z_sign", [1, -1])
def test_single_neuron_chain_rule_matches_sympy(z_sign):
    """C'(W) = (yhat - y) R'(Z) X for Cost = C(R(Z(XW))), on each side of the ReLU's kink."""
    X, W, y = sp.symbols("X W y", real=True)
    R = (X * W) if z_sign > 0 else sp.Integer(0)   # ReLU on the side where XW has this sign
    cost_ = sp.Rational(1, 2) * (R - y) ** 2
    x0, w0, y0 = 1.5, 0.8 * z_sign, 0.2
    symbolic = float(sp.diff(cost_, W).subs({X: x0, W: w0, y: y0}))
    g = bp.backprop([[x0]], [[y0]], [[1.0]], [[0.0]], [[w0]], [[0.0]])   # H = x0, Zo = x0 * w0
    assert g.dWo[0, 0] == pytest.approx(symbolic, abs=1e-15)
    yhat = max(0.0, x0 * w0)
    assert symbolic == pytest.approx((yhat - y0) * relu_grad(x0 * w0) * x0, abs=1e-15)


# ------------------------------------------------------------------ the layer errors and gradients


def network(rng, n_in=3, n_hidden=5, n_out=2, n=6):
    Wh, Wo = fp.init_weights(n_in, n_hidden, n_out, rng)
    Bh, Bo = rng.normal(size=(1, n_hidden)), rng.normal(size=(1, n_out)) + 1.0
    return rng.normal(size=(n, n_in)), rng.normal(size=(n, n_out)), Wh, Bh, Wo, Bo


def test_every_weight_gradient_by_finite_differences(rng):
    X, y, Wh, Bh, Wo, Bo = network(rng)
    g = bp.backprop(X, y, Wh, Bh, Wo, Bo)
    parts = dict(Wh=Wh, Bh=Bh, Wo=Wo, Bo=Bo)
    for name, analytic in [("Wh", g.dWh), ("Bh", g.dBh), ("Wo", g.dWo), ("Bo", g.dBo)]:
        def c(v, name=name):
            return bp.cost(fp.feed_forward(X, **{**parts, name: v}).O, y)

        assert rel_err(analytic, numerical_gradient(c, parts[name])) < TOL, name


def test_layer_errors_are_the_derivatives_of_the_cost_with_respect_to_each_weighted_input(rng):
    X, y, Wh, Bh, Wo, Bo = network(rng)
    g = bp.backprop(X, y, Wh, Bh, Wo, Bo)
    relu = lambda z: np.maximum(z, 0.0)  # noqa: E731
    Zh = X @ Wh + Bh
    numeric_Eo = numerical_gradient(lambda zo: bp.cost(relu(zo), y), relu(Zh) @ Wo + Bo)
    numeric_Eh = numerical_gradient(lambda zh: bp.cost(relu(relu(zh) @ Wo + Bo), y), Zh)
    assert rel_err(g.Eo, numeric_Eo) < TOL
    assert rel_err(g.Eh, numeric_Eh) < TOL


def test_backprop_equals_the_network_modules_gradients(rng):
    """The network's "mse" loss is the same cost divided by the number of samples."""
    X, y, Wh, Bh, Wo, Bo = network(rng)
    net = nn.Sequential([nn.Dense(3, 5, rng=0), nn.Activation("relu"), nn.Dense(5, 2, rng=0),
                         nn.Activation("relu")], loss="mse")
    net.params = {"0.W": Wh.copy(), "0.b": Bh.ravel().copy(), "2.W": Wo.copy(),
                  "2.b": Bo.ravel().copy()}
    net.loss_and_grads(X, y)
    g = bp.backprop(X, y, Wh, Bh, Wo, Bo)
    n = len(X)
    np.testing.assert_allclose(g.dWh, n * net.grads["0.W"], atol=1e-13)
    np.testing.assert_allclose(g.dBo.ravel(), n * net.grads["2.b"], atol=1e-13)


def test_sgd_step_lowers_the_cost_and_leaves_its_inputs_alone(rng):
    X, y, Wh, Bh, Wo, Bo = network(rng)
    before = [a.copy() for a in (Wh, Bh, Wo, Bo)]
    new = bp.sgd_step(X, y, Wh, Bh, Wo, Bo, lr=0.01)
    assert all(np.array_equal(a, b) for a, b in zip(before, (Wh, Bh, Wo, Bo)))
    assert bp.cost(fp.feed_forward(X, *new).O, y) < bp.cost(fp.feed_forward(X, Wh, Bh, Wo, Bo).O, y)


def test_y_must_match_the_output_layer():
    with pytest.raises(ValueError, match=r"y must have shape \(1, 1\)"):
        bp.backprop([[1.0]], [[0.0, 1.0]], [[2.0]], [[0.0]], [[3.0]], [[0.0]])


# ------------------------------------------------------------------ golden: one SGD step by hand


def test_one_sgd_step_of_a_2_2_1_relu_network_worked_by_hand():
    """x = (1, 2), y = 1, lr = 0.1. Worked on paper, then in exact fractions below.

    Zh = (0.5 + 0.5 + 0.1, -1 + 0.5 + 0.1) = (1.1, -0.4), so H = (1.1, 0): the second unit is off.
    Zo = 1.1 * 1 + 0 * 2 + 0.1 = 1.2 = O; Eo = (1.2 - 1) * 1 = 0.2.
    dWo = H Eo = (0.22, 0); dBo = 0.2. Eh = Eo Wo * R'(Zh) = (0.2, 0).
    dWh = x^T Eh = [[0.2, 0], [0.4, 0]]; dBh = (0.2, 0).
    New: Wh = [[0.48, -1], [0.21, 0.25]], Bh = (0.08, 0.1), Wo = (1 - 0.022, 2) = (0.978, 2),
    Bo = 0.08. Cost 0.02 before; after, Zh1 = 0.48 + 0.42 + 0.08 = 0.98,
    O = 0.98 * 0.978 + 0.08 = 1.03844 and cost = 0.03844**2 / 2.
    """
    F = Fraction
    x, y, lr = [F(1), F(2)], F(1), F(1, 10)
    Wh, Bh = [[F(1, 2), F(-1)], [F(1, 4), F(1, 4)]], [F(1, 10), F(1, 10)]
    Wo, Bo = [F(1), F(2)], F(1, 10)
    zh = [x[0] * Wh[0][j] + x[1] * Wh[1][j] + Bh[j] for j in range(2)]
    h = [max(F(0), z) for z in zh]
    o = max(F(0), h[0] * Wo[0] + h[1] * Wo[1] + Bo)
    eo = (o - y) * (1 if o > 0 else 0)
    eh = [eo * Wo[j] * (1 if zh[j] > 0 else 0) for j in range(2)]
    by_fractions = ([[Wh[i][j] - lr * x[i] * eh[j] for j in range(2)] for i in range(2)],
                    [Bh[j] - lr * eh[j] for j in range(2)],
                    [Wo[j] - lr * h[j] * eo for j in range(2)], Bo - lr * eo)
    by_paper = ([[0.48, -1.0], [0.21, 0.25]], [0.08, 0.1], [0.978, 2.0], 0.08)
    assert [[float(v) for v in r] for r in by_fractions[0]] == by_paper[0]
    assert [float(v) for v in by_fractions[1]] == by_paper[1]
    assert [float(v) for v in by_fractions[2]] == by_paper[2]
    assert float(by_fractions[3]) == by_paper[3]

    args = (np.array([[1.0, 2.0]]), np.array([[1.0]]), np.array([[0.5, -1.0], [0.25, 0.25]]),
            np.array([[0.1, 0.1]]), np.array([[1.0], [2.0]]), np.array([[0.1]]))
    assert bp.cost(fp.feed_forward(*args[:1], *args[2:]).O, args[1]) == pytest.approx(0.02,
                                                                                      abs=1e-16)
    Wh1, Bh1, Wo1, Bo1 = bp.sgd_step(*args, lr=0.1)
    np.testing.assert_allclose(Wh1, by_paper[0], atol=1e-15)
    np.testing.assert_allclose(Bh1, [by_paper[1]], atol=1e-15)
    np.testing.assert_allclose(Wo1, np.array(by_paper[2])[:, None], atol=1e-15)
    np.testing.assert_allclose(Bo1, [[by_paper[3]]], atol=1e-15)
    after = bp.cost(fp.feed_forward(args[0], Wh1, Bh1, Wo1, Bo1).O, args[1])
    assert after == pytest.approx(0.03844 ** 2 / 2, abs=1e-15)


# ------------------------------------------------------------------ the 2017 snippet (#49)


def test_2017_49_relu_prime_returns_z_and_one_instead_of_one_and_zero():
    old = run_2017()["relu_prime"]
    assert [old(z) for z in (-2.0, 0.5, 3.0)] == [1, 0.5, 3.0]
    assert [relu_grad(z) for z in (-2.0, 0.5, 3.0)] == [0.0, 1.0, 1.0]


def test_2017_49_backprop_uses_names_it_never_defines():
    old = run_2017()
    with pytest.raises(NameError, match="'O'"):
        old["backprop"](1.0, 0.5, 0.8, 1.2, 0.1)


def test_2017_49_backprop_given_the_names_returns_nothing_and_a_wrong_gradient():
    """Supply O, Zo, Zh, H as globals: it runs, but returns None and moves no weight of the
    caller's; its dWo is (O - y) * Zo * H, not (O - y) * 1 * H."""
    old = run_2017(SNIPPET_BACKPROP.replace("    Wo -= lr * dWo", "    Wo -= lr * dWo\n"
                                            "    global LAST\n    LAST = dWo, dWh"))
    x, y, Wh, Wo = 1.5, 0.2, 0.8, 1.2
    Zh = x * Wh
    H = max(0.0, Zh)
    Zo = H * Wo
    old.update(O=max(0.0, Zo), Zo=Zo, Zh=Zh, H=H)
    assert old["backprop"](x, y, Wh, Wo, 0.1) is None
    assert (Wh, Wo) == (0.8, 1.2)
    dWo_2017, dWh_2017 = old["LAST"]
    g = bp.backprop([[x]], [[y]], [[Wh]], [[0.0]], [[Wo]], [[0.0]])
    numeric_dWo = numerical_gradient(lambda w: 0.5 * (max(0.0, H * float(w)) - y) ** 2, Wo)
    numeric_dWh = numerical_gradient(lambda w: 0.5 * (max(0.0, x * float(w)) * Wo - y) ** 2, Wh)
    assert g.dWo[0, 0] == pytest.approx(float(numeric_dWo), rel=1e-8)
    assert g.dWh[0, 0] == pytest.approx(float(numeric_dWh), rel=1e-8)
    assert dWo_2017 == pytest.approx(float(numeric_dWo) * Zo)        # an extra factor Zo
    assert abs(dWh_2017 - float(numeric_dWh)) > 0.1 * abs(float(numeric_dWh))
