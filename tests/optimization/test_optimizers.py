"""Tests of mlcheatsheet.optimization.optimizers: golden steps, convergence, properties, clipping, mini-batches.

Every optimizer in ``OPTIMIZERS`` goes through the generic tests below; the first
test makes sure a new one cannot be added without its hand-worked golden steps,
its paper defaults and its convergence settings.
"""

from collections import namedtuple
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mlcheatsheet.optimization import optimizers as opt
from mlcheatsheet.datasets import load_advertising
from mlcheatsheet.basics.gradient_descent import DivergenceError, gradient_descent
from mlcheatsheet.basics.linear_regression import add_bias_column, normalize_features
from mlcheatsheet.optimization.objectives import make_quadratic
from mlcheatsheet.optimization.optimizers import OPTIMIZERS
from mlcheatsheet.optimization.schedules import ExponentialDecay, InverseTimeDecay, StepDecay

SETTINGS = settings(max_examples=60, deadline=None, database=None)

# ------------------------------------------------------------------ hand-worked golden steps
# theta0 = 1, first gradient 2, second gradient 1. Each pair was worked out by hand
# from the update rule of the paper (values with roots checked to 15 digits with mpmath).
GOLDEN = {
    # lr = 0.1: 1 - 0.1 * 2 = 0.8; 0.8 - 0.1 * 1 = 0.7
    "sgd": ({"lr": 0.1}, 0.8, 0.7),
    # lr = 0.1, mu = 0.9: v1 = -0.2 -> 0.8; v2 = 0.9 * -0.2 - 0.1 = -0.28 -> 0.52
    "momentum": ({"lr": 0.1}, 0.8, 0.52),
    # look-ahead form: w1 = 1 + 0.9 * (-0.2) - 0.2 = 0.62; w2 = 0.62 + 0.9 * (-0.28) - 0.1 = 0.268
    "nesterov": ({"lr": 0.1}, 0.62, 0.268),
    # G1 = 4: 1 - 0.1 * 2 / (2 + 1e-10); G2 = 5: 0.9 - 0.1 / sqrt(5)
    "adagrad": ({"lr": 0.1}, 0.900000000005, 0.855278640457004),
    # v1 = 0.1 * 4 = 0.4: 1 - 0.01 * 2 / sqrt(0.4); v2 = 0.9 * 0.4 + 0.1 = 0.46: - 0.01 / sqrt(0.46)
    "rmsprop": ({"lr": 0.01}, 0.968377223898316, 0.953633028500218),
    # E[g2] = 0.2, delta1 = -sqrt(1e-6) / sqrt(0.2 + 1e-6) * 2; E[d2] = 0.05 * delta1^2;
    # E[g2] = 0.95 * 0.2 + 0.05 = 0.24, delta2 = -sqrt(E[d2] + 1e-6) / sqrt(0.24 + 1e-6)
    "adadelta": ({}, 0.995527875225298, 0.992641133501813),
    # m-hat1 = 2, v-hat1 = 4: 1 - 0.001 * 2 / (2 + 1e-8);
    # m-hat2 = 0.28 / 0.19, v-hat2 = 0.004996 / 0.001999: - 0.001 * m-hat2 / (sqrt(v-hat2) + 1e-8)
    "adam": ({}, 0.999000000005, 0.998067820372085),
    # as Adam, minus 0.001 * 0.01 * w before the step: 1 - 0.001 * (1 + 0.01 * 1), ...
    "adamw": ({}, 0.998990000005, 0.998047830472085),
}

# The defaults, as printed in each paper (or, where the paper gives none, the
# customary value the class docstring names).
DEFAULTS = {
    "sgd": {"lr": 0.01},
    "momentum": {"lr": 0.01, "momentum": 0.9},
    "nesterov": {"lr": 0.01, "momentum": 0.9},
    "adagrad": {"lr": 0.01, "eps": 1e-10},
    "rmsprop": {"lr": 0.001, "rho": 0.9, "eps": 1e-8},          # Hinton, lecture 6e
    "adadelta": {"lr": 1.0, "rho": 0.95, "eps": 1e-6},          # Zeiler 2012, section 4
    "adam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},  # Kingma & Ba, Alg. 1
    "adamw": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01},
}

# Settings under which each optimizer reaches the minimum of a convex quadratic with
# curvatures in [0.5, 5]. RMSProp's steps stay near lr * sign(g), and Adadelta's
# effective step grows until it sits at the edge of stability (2 / L): both need a
# decaying learning rate to settle. AdamW's decay is tested separately (see below).
CONVERGENCE = {
    "sgd": (lambda: opt.SGD(lr=0.2), 1000),
    "momentum": (lambda: opt.Momentum(lr=0.05), 1000),
    "nesterov": (lambda: opt.Nesterov(lr=0.05), 1000),
    "adagrad": (lambda: opt.Adagrad(lr=0.5), 3000),
    "rmsprop": (lambda: opt.RMSProp(lr=ExponentialDecay(0.02, rate=0.004)), 5000),
    "adadelta": (lambda: opt.Adadelta(lr=InverseTimeDecay(1.0, rate=1e-3)), 20000),
    "adam": (lambda: opt.Adam(lr=0.05), 5000),
    "adamw": (lambda: opt.AdamW(lr=0.05, weight_decay=0.0), 5000),
}


def test_every_optimizer_is_registered_and_covered():
    public = [getattr(opt, n) for n in opt.__all__]
    classes = {c for c in public if isinstance(c, type) and issubclass(c, opt.Optimizer)}
    assert classes - {opt.Optimizer} == set(OPTIMIZERS.values())
    assert set(GOLDEN) == set(DEFAULTS) == set(CONVERGENCE) == set(OPTIMIZERS)
    for name, cls in OPTIMIZERS.items():
        assert name == cls.__name__.lower()


def golden_run(name, kwargs, grads=(2.0, 1.0)):
    optimizer = OPTIMIZERS[name](**kwargs)
    w, out = np.array([1.0]), []
    for g in grads:
        w = optimizer.step(w, np.array([g]))
        out.append(float(w[0]))
    return out


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_first_two_steps_by_hand(name):
    kwargs, first, second = GOLDEN[name]
    assert golden_run(name, kwargs) == pytest.approx([first, second], rel=1e-13, abs=0)


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_defaults_are_the_papers(name):
    optimizer = OPTIMIZERS[name]()
    assert {k: getattr(optimizer, k) for k in DEFAULTS[name]} == DEFAULTS[name]
    assert set(DEFAULTS[name]) == {"lr", *optimizer._hyperparameters}
    assert repr(optimizer).startswith(f"{OPTIMIZERS[name].__name__}(lr=")


# ------------------------------------------------------------------ convergence


def random_quadratic(seed, n=3):
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    A = Q @ np.diag(rng.uniform(0.5, 5.0, n)) @ Q.T
    return make_quadratic(A, rng.normal(size=n))


@pytest.mark.parametrize("name", sorted(CONVERGENCE))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reaches_the_minimum_of_a_convex_quadratic(name, seed):
    q = random_quadratic(seed)
    make, n_iter = CONVERGENCE[name]
    res = opt.minimize(q.fun, q.grad, np.zeros(3), make(), n_iter=n_iter, gtol=1e-10)
    np.testing.assert_allclose(res.x, q.x_min, atol=1e-8)
    assert res.cost == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize("weight_decay", [1e-3, 1e-2, 1e-1])
def test_adamw_settles_within_a_distance_proportional_to_its_decay(weight_decay):
    # Decoupled decay keeps pulling every weight towards 0, so on a deterministic
    # problem AdamW settles near, not at, the minimizer; the gap shrinks with the
    # decay (and is 0 without it, see CONVERGENCE).
    gaps = []
    for seed in range(3):
        q = random_quadratic(seed)
        res = opt.minimize(q.fun, q.grad, np.zeros(3), opt.AdamW(lr=0.05, weight_decay=weight_decay),
                           n_iter=5000)
        gaps.append(np.abs(res.x - q.x_min).max())
    assert weight_decay / 100 < max(gaps) < weight_decay


def test_sgd_through_minimize_is_gradient_descent():
    q = random_quadratic(3)
    ours = opt.minimize(q.fun, q.grad, np.ones(3), opt.SGD(lr=0.1), n_iter=50, gtol=0.0)
    theirs = gradient_descent(q.fun, q.grad, np.ones(3), lr=0.1, n_iter=50, tol=0.0)
    np.testing.assert_allclose(ours.path, theirs.path, rtol=0, atol=0)
    np.testing.assert_allclose(ours.history, theirs.history, rtol=0, atol=0)


def test_nesterov_look_ahead_form_matches_sutskevers_form():
    # Sutskever et al.: v <- mu v - lr grad(theta + mu v); theta <- theta + v.
    # The class keeps w = theta + mu v, so w_t must equal theta_t + mu v_t.
    q, mu, lr = random_quadratic(4), 0.9, 0.05
    theta, v = np.ones(3), np.zeros(3)
    nesterov, w = opt.Nesterov(lr=lr, momentum=mu), np.ones(3)
    for _ in range(60):
        v = mu * v - lr * q.grad(theta + mu * v)
        theta = theta + v
        w = nesterov.step(w, q.grad(w))
        np.testing.assert_allclose(w, theta + mu * v, rtol=1e-12, atol=1e-14)


def test_nesterov_beats_momentum_on_an_ill_conditioned_quadratic():
    q = make_quadratic(np.diag([1.0, 100.0]), [1.0, -1.0])
    runs = {cls.__name__: opt.minimize(q.fun, q.grad, [0.0, 0.0], cls(lr=0.01), n_iter=3000)
            for cls in (opt.Momentum, opt.Nesterov)}
    assert runs["Nesterov"].converged and runs["Momentum"].converged
    assert runs["Nesterov"].n_iter < runs["Momentum"].n_iter


def test_minimize_reports_divergence_with_the_partial_path():
    q = make_quadratic(np.diag([1.0, 10.0]), [0.0, 0.0])
    with pytest.raises(DivergenceError, match="SGD diverged.*try a smaller learning rate") as info:
        opt.minimize(q.fun, q.grad, [1.0, 1.0], opt.SGD(lr=1.0), n_iter=10_000)
    partial = info.value.result
    assert partial.n_iter == len(partial.path) - 1 == len(partial.history) - 1 > 100
    assert partial.history[-2] > partial.history[0]


def test_minimize_resets_the_optimizer():
    q, adam = random_quadratic(5), opt.Adam(lr=0.05)
    first = opt.minimize(q.fun, q.grad, np.zeros(3), adam, n_iter=20)
    second = opt.minimize(q.fun, q.grad, np.zeros(3), adam, n_iter=20)
    np.testing.assert_array_equal(first.path, second.path)


# ------------------------------------------------------------------ properties (hypothesis)

values = st.floats(-100, 100, allow_nan=False).filter(lambda v: abs(v) > 1e-3)
vectors = arrays(np.float64, st.integers(1, 5), elements=values)


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
@SETTINGS
@given(w=vectors, data=st.data())
def test_each_coordinate_is_updated_on_its_own(name, w, data):
    g1 = data.draw(arrays(np.float64, w.shape, elements=values))
    g2 = data.draw(arrays(np.float64, w.shape, elements=values))
    together, optimizer = w, OPTIMIZERS[name]()
    for g in (g1, g2):
        together = optimizer.step(together, g)
    for i in range(len(w)):
        single, optimizer = w[i:i + 1], OPTIMIZERS[name]()
        for g in (g1, g2):
            single = optimizer.step(single, g[i:i + 1])
        assert single[0] == together[i]


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
@SETTINGS
@given(g=vectors)
def test_first_step_goes_against_the_gradient(name, g):
    w0 = np.zeros_like(g)  # at w = 0 AdamW's decay has nothing to pull
    w1 = OPTIMIZERS[name]().step(w0, g)
    assert np.all(np.sign(w1 - w0) == -np.sign(g))


@pytest.mark.parametrize("name", ["adagrad", "rmsprop", "adam"])
@SETTINGS
@given(g=vectors, scale=st.floats(1e-2, 1e2))
def test_adaptive_steps_ignore_the_scale_of_the_gradient(name, g, scale):
    steps = []
    for factor in (1.0, scale):
        optimizer, w = OPTIMIZERS[name](eps=1e-300), np.zeros_like(g)  # no eps: exact invariance
        for _ in range(3):
            w = optimizer.step(w, factor * g)
        steps.append(w)
    np.testing.assert_allclose(steps[0], steps[1], rtol=1e-12)


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_a_zero_gradient_leaves_the_parameters_alone_except_under_decay(name):
    w = np.array([2.0, -3.0])
    stepped = OPTIMIZERS[name]().step(w, np.zeros(2))
    if name == "adamw":  # shrinks by lr * weight_decay = 1e-5
        np.testing.assert_allclose(stepped, w * (1 - 1e-5), rtol=1e-15)
    else:
        np.testing.assert_array_equal(stepped, w)


def test_adamw_without_decay_is_adam(rng):
    adam, adamw = opt.Adam(lr=0.01), opt.AdamW(lr=0.01, weight_decay=0.0)
    wa = wb = rng.normal(size=4)
    for _ in range(5):
        g = rng.normal(size=4)
        wa, wb = adam.step(wa, g), adamw.step(wb, g)
    np.testing.assert_array_equal(wa, wb)


# ------------------------------------------------------------------ the interface

Pair = namedtuple("Pair", "W b")


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_structures_are_kept_and_inputs_never_modified(name, rng):
    W, b = rng.normal(size=(3, 2)), rng.normal(size=2)
    gW, gb = rng.normal(size=(3, 2)), rng.normal(size=2)
    reference = OPTIMIZERS[name]().step(W, gW)
    for params, grads in [({"W": W, "b": b}, {"b": gb, "W": gW}), ([W, b], [gW, gb]),
                          ((W, b), (gW, gb)), (Pair(W, b), Pair(gW, gb))]:
        before = [W.copy(), b.copy(), gW.copy(), gb.copy()]
        out = OPTIMIZERS[name]().step(params, grads)
        assert type(out) is type(params)
        first = out["W"] if isinstance(out, dict) else out[0]
        np.testing.assert_array_equal(first, reference)  # state is kept per parameter
        for arr, copy in zip([W, b, gW, gb], before):
            np.testing.assert_array_equal(arr, copy)
        assert not any(np.shares_memory(first, a) for a in (W, b, gW, gb))


def test_state_is_kept_per_parameter():
    adam = opt.Adam()
    adam.step({"W": np.ones((2, 2)), "b": np.zeros(2)}, {"W": np.ones((2, 2)), "b": np.ones(2)})
    assert set(adam.state) == {"W", "b"} and adam.t == 1
    assert adam.state["W"]["m"].shape == (2, 2) and adam.state["b"]["sqrt_v"].shape == (2,)
    adam.reset()
    assert adam.state == {} and adam.t == 0


def test_a_schedule_sets_the_learning_rate_of_each_step():
    # lr(t) = 0.5, 0.5, 0.25, 0.25, ...; gradient 1 every time: 1 -> 0.5 -> 0 -> -0.25 -> -0.5
    sgd, w, path = opt.SGD(lr=StepDecay(0.5, step_size=2, gamma=0.5)), np.array([1.0]), []
    for _ in range(4):
        w = sgd.step(w, np.array([1.0]))
        path.append(float(w[0]))
    assert path == [0.5, 0.0, -0.25, -0.5]
    assert sgd.current_lr() == 0.125


def test_a_constant_learning_rate_and_a_constant_schedule_agree(rng):
    w, g = rng.normal(size=3), rng.normal(size=3)
    fixed, scheduled = opt.Adam(lr=0.01), opt.Adam(lr=lambda t: 0.01)
    for _ in range(3):
        np.testing.assert_array_equal(fixed.step(w, g), scheduled.step(w, g))


# ------------------------------------------------------------------ clipping


@SETTINGS
@given(g=vectors, limit=st.floats(1e-3, 1e3))
def test_clip_by_value_is_np_clip(g, limit):
    np.testing.assert_array_equal(opt.clip_by_value(g, limit), np.clip(g, -limit, limit))


@SETTINGS
@given(a=vectors, b=vectors, max_norm=st.floats(1e-3, 1e3))
def test_clip_by_norm_caps_the_joint_norm_and_keeps_the_direction(a, b, max_norm):
    clipped = opt.clip_by_norm({"a": a, "b": b}, max_norm)
    norm = np.sqrt(np.sum(a**2) + np.sum(b**2))
    new_norm = np.sqrt(np.sum(clipped["a"] ** 2) + np.sum(clipped["b"] ** 2))
    if norm <= max_norm:
        # one ulp: the library scales before squaring, so when the norm equals max_norm
        # to rounding it may multiply by 1 - 2**-53 instead of 1
        np.testing.assert_allclose(clipped["a"], a, rtol=2**-52, atol=0)
    else:
        assert new_norm == pytest.approx(max_norm, rel=1e-12)
        factor = max_norm / norm
        np.testing.assert_allclose(clipped["b"], b * factor, rtol=1e-12)


def test_clip_by_norm_by_hand_and_without_overflow():
    assert opt.clip_by_norm([np.array([3.0]), np.array([4.0])], 2.5)[1].tolist() == [2.0]
    huge = np.array([3e200, 4e200])  # its squared norm overflows float64
    np.testing.assert_allclose(opt.clip_by_norm(huge, 5.0), [3.0, 4.0], rtol=1e-15)
    assert opt.clip_by_norm(np.zeros(3), 1.0).tolist() == [0.0, 0.0, 0.0]


def test_clipping_rescues_an_exploding_gradient():
    # f(x) = x^4 from x = 10 with lr = 0.01: the first step is -40 and runs away;
    # with the gradient norm clipped to 1 every step is at most lr and the run settles.
    x, clipped = np.array([10.0]), np.array([10.0])
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(1200):  # clipped steps have length lr = 0.01 until |4 x^3| < 1
            x = x - 0.01 * 4 * x**3
            clipped = clipped - 0.01 * opt.clip_by_norm(4 * clipped**3, 1.0)
    assert not np.isfinite(x[0]) and abs(clipped[0]) < 0.8


# ------------------------------------------------------------------ mini-batches


@SETTINGS
@given(n=st.integers(1, 200), batch_size=st.integers(1, 250), seed=st.integers(0, 2**32 - 1))
def test_minibatches_use_every_sample_exactly_once(n, batch_size, seed):
    for rng in (None, seed):
        batches = opt.minibatches(n, batch_size, rng=rng)
        assert sorted(np.concatenate(batches).tolist()) == list(range(n))
        assert [len(b) for b in batches[:-1]] == [batch_size] * (len(batches) - 1)
        assert 1 <= len(batches[-1]) <= batch_size


def test_minibatches_shuffle_only_with_an_rng():
    assert np.concatenate(opt.minibatches(10, 3)).tolist() == list(range(10))
    first = opt.minibatches(10, 3, rng=7)
    again = opt.minibatches(10, 3, rng=7)
    assert [b.tolist() for b in first] == [b.tolist() for b in again]
    gen = np.random.default_rng(7)
    epoch1, epoch2 = (np.concatenate(opt.minibatches(10, 3, rng=gen)) for _ in range(2))
    assert epoch1.tolist() != epoch2.tolist() and epoch1.tolist() != list(range(10))


def advertising_problem():
    ads = load_advertising()
    X = add_bias_column(normalize_features(ads.data, method="std")[0])

    def loss(w, X, y):
        return float(np.mean((X @ w - y) ** 2) / 2)

    def grad(w, X, y):
        return X.T @ (X @ w - y) / len(y)

    return X, ads.target, loss, grad


def test_full_batch_training_is_gradient_descent():
    X, y, loss, grad = advertising_problem()
    w, history = opt.train_minibatch(loss, grad, np.zeros(4), X, y, opt.SGD(lr=0.1),
                                     batch_size=len(y), n_epochs=30)
    ref = gradient_descent(lambda v: loss(v, X, y), lambda v: grad(v, X, y), np.zeros(4), lr=0.1,
                           n_iter=30, tol=0.0)
    np.testing.assert_allclose(w, ref.x, rtol=1e-14)
    np.testing.assert_allclose(history, ref.history, rtol=1e-14)


@pytest.mark.parametrize(("batch_size", "lr0", "decay"), [
    (1, 0.05, 100),    # stochastic: noisy steps, the learning rate must fall further
    (10, 0.1, 20),     # mini-batch
    (200, 0.5, None),  # batch: a constant learning rate converges
])
def test_every_batch_size_reaches_least_squares(batch_size, lr0, decay):
    X, y, loss, grad = advertising_problem()
    X_before = X.copy()
    w_ls = np.linalg.lstsq(X, y, rcond=None)[0]
    n_updates = 60 * -(-len(y) // batch_size)
    lr = InverseTimeDecay(lr0, rate=decay / n_updates) if decay else lr0
    w, history = opt.train_minibatch(loss, grad, np.zeros(4), X, y, opt.SGD(lr=lr),
                                     batch_size=batch_size, n_epochs=60, rng=0)
    assert len(history) == n_updates + 1
    assert history[-1] - loss(w_ls, X, y) < 1e-6 * (history[0] - loss(w_ls, X, y))
    np.testing.assert_allclose(w, w_ls, atol=0.01)
    np.testing.assert_array_equal(X, X_before)


def test_training_is_reproducible_with_a_seed():
    X, y, loss, grad = advertising_problem()
    runs = [opt.train_minibatch(loss, grad, np.zeros(4), X, y, opt.Momentum(lr=0.01),
                                batch_size=16, n_epochs=2, rng=3)[0] for _ in range(2)]
    np.testing.assert_array_equal(*runs)


def test_training_reports_divergence():
    X, y, loss, grad = advertising_problem()
    with pytest.raises(DivergenceError, match="training diverged") as info:
        opt.train_minibatch(loss, grad, np.zeros(4), X, y, opt.SGD(lr=10.0), batch_size=50,
                            n_epochs=100)
    params, history = info.value.result
    assert params.shape == (4,) and not np.isfinite(history[-1])


# ------------------------------------------------------------------ the seeds' mistakes


def seed_sgd(data, batch_size, lr, backprop):
    """The 2017 cheatsheet's SGD (§16.2.10), with its np.random.shuffle made explicit."""
    N = len(data)
    np.random.default_rng(0).shuffle(data)
    mini_batches = np.array([data[i:i + batch_size] for i in range(0, N, batch_size)])
    for X, y in mini_batches:
        backprop(X, y, lr)


def covers_every_sample_once(make_batches, n, batch_size):
    seen = []
    try:
        for X_batch, y_batch in make_batches(np.arange(n, dtype=float)[:, None], batch_size):
            seen.extend(X_batch[:, 0].tolist())
    except ValueError:
        return False
    return sorted(seen) == list(range(n))


def seed_batches(data, batch_size):
    collected = []
    seed_sgd(data, batch_size, 0.1, lambda X, y, lr: collected.append((np.atleast_2d(X),
                                                                       np.atleast_2d(y))))
    return collected


def our_batches(data, batch_size):
    return [(data[b], data[b]) for b in opt.minibatches(len(data), batch_size, rng=0)]


def test_the_seed_sgd_snippet_crashes_and_ours_covers_every_sample():
    # 10 samples in batches of 4: numpy refuses the ragged array of batches.
    with pytest.raises(ValueError, match="inhomogeneous"):
        seed_sgd(np.zeros((10, 2)), 4, 0.1, lambda *args: None)
    # 9 samples in batches of 3: `for X, y in mini_batches` unpacks each batch's 3 rows.
    with pytest.raises(ValueError, match="too many values to unpack"):
        seed_sgd(np.zeros((9, 2)), 3, 0.1, lambda *args: None)
    for n, batch_size in [(10, 4), (9, 3), (7, 1), (5, 5)]:
        assert not covers_every_sample_once(seed_batches, n, batch_size)
        assert covers_every_sample_once(our_batches, n, batch_size)


def seed_adagrad_step(x, dx, cache, learning_rate):
    """Glossary (seed 003) Adagrad update, verbatim apart from returning its results."""
    cache += dx**2
    x += learning_rate * dx / (np.sqrt(cache) + 1e-7)
    return x, cache


def descends_on_a_parabola(step):
    """Run 100 steps on f(x) = x^2 from x = 3 with lr = 0.5; did f fall?"""
    x = 3.0
    state = step(None, None, init=True)
    for _ in range(100):
        x, state = step(x, 2 * x, state=state)
    return x**2 < 9.0, x


def seed_rule(x, dx, state=None, init=False):
    return 0.0 if init else seed_adagrad_step(x, dx, state, 0.5)


def our_rule(x, dx, state=None, init=False):
    if init:
        return opt.Adagrad(lr=0.5)
    return float(state.step(np.array([x]), np.array([dx]))[0]), state


def test_the_seed_adagrad_snippet_climbs_and_ours_descends():
    falls, x = descends_on_a_parabola(seed_rule)
    assert not falls and x == pytest.approx(14.8075, abs=1e-4)  # the sign bug: gradient ascent
    falls, x = descends_on_a_parabola(our_rule)
    assert falls and abs(x) < 0.1


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(("make", "error", "match"), [
    (lambda: opt.SGD(lr=0), ValueError, "lr must be a finite number > 0; got 0"),
    (lambda: opt.SGD(lr="0.1"), TypeError, "lr must be a number > 0 or a schedule"),
    (lambda: opt.SGD(lr=True), TypeError, "lr must be a number > 0 or a schedule"),
    (lambda: opt.Momentum(momentum=1.0), ValueError, r"momentum must be a number in \[0, 1\)"),
    (lambda: opt.Nesterov(momentum=-0.1), ValueError, r"momentum must be a number in \[0, 1\)"),
    (lambda: opt.Adagrad(eps=0.0), ValueError, "eps must be a finite number > 0"),
    (lambda: opt.RMSProp(rho=1.5), ValueError, r"rho must be a number in \[0, 1\)"),
    (lambda: opt.Adadelta(rho=1.0), ValueError, r"rho must be a number in \[0, 1\)"),
    (lambda: opt.Adam(beta1=1.0), ValueError, r"beta1 must be a number in \[0, 1\)"),
    (lambda: opt.Adam(beta2="x"), TypeError, "beta2 must be a real number"),
    (lambda: opt.AdamW(weight_decay=-1.0), ValueError, "weight_decay must be a finite number >= 0"),
])
def test_bad_hyperparameters(make, error, match):
    with pytest.raises(error, match=match):
        make()


@pytest.mark.parametrize(("params", "grads", "error", "match"), [
    (np.ones(3), np.ones(2), ValueError, r"grads must have the shape of params \(3,\); got \(2,\)"),
    ({"W": np.ones(2)}, {"w": np.ones(2)}, ValueError, r"grads must have the keys of params \['W'\]"),
    ([np.ones(2), np.ones(1)], [np.ones(2)], ValueError, "grads must hold as many arrays as params"),
    ({"W": np.ones(2)}, [np.ones(2)], TypeError, "grads must have the structure of params"),
    ([np.ones(2)], [np.array([1.0, np.nan])], ValueError, r"grads\[0\] must contain only finite"),
    ({"b": np.ones(2)}, {"b": np.ones(3)}, ValueError,
     r"grads\['b'\] must have the shape of params\['b'\] \(2,\); got \(3,\)"),
    ([], [], ValueError, "params must hold at least one array"),
    ("abc", "abc", TypeError, "params must be an array of numbers"),
])
def test_bad_params_or_grads(params, grads, error, match):
    with pytest.raises(error, match=match):
        opt.SGD().step(params, grads)


def test_changing_parameters_between_steps_asks_for_reset():
    adam = opt.Adam()
    adam.step(np.ones(3), np.ones(3))
    with pytest.raises(ValueError, match=r"params changed since the first step.*call reset\(\)"):
        adam.step(np.ones(4), np.ones(4))
    adam.reset()
    assert adam.step(np.ones(4), np.ones(4)).shape == (4,)


def test_a_bad_schedule_is_reported():
    # tried at step 0 as soon as the optimizer is made ...
    with pytest.raises(ValueError, match="schedule must return a finite number >= 0.*-0.1 at step 0"):
        opt.SGD(lr=lambda t: -0.1)
    with pytest.raises(TypeError, match="schedule must return a finite number >= 0; lr=.*'fast'"):
        opt.Adam(lr=lambda t: "fast")
    # ... and at every step
    sgd = opt.SGD(lr=lambda t: 0.1 if t == 0 else float("nan"))
    sgd.step(np.ones(1), np.ones(1))
    with pytest.raises(ValueError, match="schedule must return a finite number >= 0; lr=.*nan at step 1"):
        sgd.step(np.ones(1), np.ones(1))


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"n_samples": 0}, ValueError, "n_samples must be >= 1"),
    ({"batch_size": 2.5}, TypeError, "batch_size must be an integer"),
    ({"rng": np.random.RandomState(0)}, TypeError, "rng must be a numpy Generator or an integer seed"),
    ({"rng": -1}, ValueError, "rng must be a seed >= 0"),
])
def test_bad_minibatch_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        opt.minibatches(**({"n_samples": 10, "batch_size": 3} | kwargs))


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"optimizer": "sgd"}, TypeError, r"optimizer must be an Optimizer instance, e.g. SGD\(lr=0.01\); got str"),
    ({"y": np.ones(3)}, ValueError, "X and y must have the same number of samples"),
    ({"loss": None}, TypeError, "loss must be a function; got NoneType None"),
    ({"n_epochs": -1}, ValueError, "n_epochs must be >= 0"),
])
def test_bad_training_arguments(kwargs, error, match):
    X, y, loss, grad = advertising_problem()
    args = {"loss": loss, "grad": grad, "params": np.zeros(4), "X": X, "y": y,
            "optimizer": opt.SGD()} | kwargs
    with pytest.raises(error, match=match):
        opt.train_minibatch(**args)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"optimizer": opt.SGD}, TypeError, r"an Optimizer instance, e.g. SGD\(lr=0.01\) \(an instance, not the class\)"),
    ({"fun": 3}, TypeError, "fun must be a function; got int 3"),
    ({"gtol": -1.0}, ValueError, "gtol must be a finite number >= 0"),
    ({"x0": [np.inf]}, ValueError, "x0 must contain only finite numbers"),
    ({"grad": lambda x: np.ones(3)}, ValueError, r"grad\(x\) must have the shape of x0"),
])
def test_bad_minimize_arguments(kwargs, error, match):
    args = {"fun": lambda x: float(x @ x), "grad": lambda x: 2 * x, "x0": [1.0],
            "optimizer": opt.SGD()} | kwargs
    with pytest.raises(error, match=match):
        opt.minimize(**args)


@pytest.mark.parametrize("f", [opt.clip_by_value, opt.clip_by_norm])
def test_bad_clipping_arguments(f):
    with pytest.raises(ValueError, match="must be a finite number > 0; got 0"):
        f(np.ones(2), 0)
    with pytest.raises(ValueError, match="grads must contain only finite numbers"):
        f(np.array([np.nan]), 1.0)


# ------------------------------------------------------------------ numerical edges


def paper_run(name, grads, w0=1.0):
    """The paper's update rule for one scalar, in 50-digit decimal arithmetic (g**2 of a
    gradient of 1e300 is 1e600 there, far beyond float64): the oracle for huge gradients."""
    with localcontext() as ctx:
        ctx.prec = 50
        h = {k: Decimal(v) for k, v in DEFAULTS[name].items()}
        w, a, b, m, path = Decimal(w0), Decimal(0), Decimal(0), Decimal(0), []
        for t, g in enumerate(map(Decimal, grads), start=1):
            if name == "adagrad":
                a += g * g
                w -= h["lr"] * g / (a.sqrt() + h["eps"])
            elif name == "rmsprop":
                a = h["rho"] * a + (1 - h["rho"]) * g * g
                w -= h["lr"] * g / (a.sqrt() + h["eps"])
            elif name == "adadelta":
                a = h["rho"] * a + (1 - h["rho"]) * g * g
                delta = -(b + h["eps"]).sqrt() / (a + h["eps"]).sqrt() * g
                b = h["rho"] * b + (1 - h["rho"]) * delta * delta
                w += h["lr"] * delta
            else:  # adam, adamw
                m = h["beta1"] * m + (1 - h["beta1"]) * g
                a = h["beta2"] * a + (1 - h["beta2"]) * g * g
                m_hat, v_hat = m / (1 - h["beta1"] ** t), a / (1 - h["beta2"] ** t)
                w -= h["lr"] * (m_hat / (v_hat.sqrt() + h["eps"]) + h.get("weight_decay", 0) * w)
            path.append(float(w))
    return path


ADAPTIVE = ["adagrad", "rmsprop", "adadelta", "adam", "adamw"]


@pytest.mark.parametrize("name", ADAPTIVE)
@pytest.mark.parametrize("scale", [1.0, 1e-200, 1e150, 1e200, 1e300, -1e300])
def test_adaptive_steps_match_the_paper_for_gradients_whose_square_overflows(name, scale):
    # g**2 overflows float64 beyond 1e154: computed naively, v is inf and the step is lost
    grads = [2.0 * scale, -1.0 * scale, 0.5 * scale, 3.0 * scale]
    optimizer, w, path = OPTIMIZERS[name](), np.array([1.0]), []
    for g in grads:
        w = optimizer.step(w, np.array([g]))
        path.append(float(w[0]))
    assert path == pytest.approx(paper_run(name, grads), rel=1e-13, abs=0)


@pytest.mark.parametrize("g", [1.0, 1e200, 1e300, 1.7e308, -1e200])
def test_adam_first_step_is_lr_against_the_sign_of_any_gradient(g):
    # the seed's bug report: Adam().step([1.], [1e200]) returned [1.0], no step at all
    w = opt.Adam().step([1.0], [g])
    assert type(w) is list and float(w[0]) == pytest.approx(1.0 - 0.001 * np.sign(g), abs=1e-10)


@pytest.mark.parametrize(("grads", "max_norm", "expected"), [
    (np.full(4, 1e308), 1.0, np.full(4, 0.5)),                  # the norm 2e308 overflows
    ([np.array([3e307]), np.array([-4e307])], 5.0, [[3.0], [-4.0]]),
    (np.array([1e300, 0.0]), 1e-300, [1e-300, 0.0]),             # max_norm / norm underflows
    (np.array([3e-320, 4e-320]), 1e-320, [6e-321, 8e-321]),      # subnormal gradients
])
def test_clip_by_norm_of_huge_or_tiny_gradients(grads, max_norm, expected):
    clipped = opt.clip_by_norm(grads, max_norm)
    for got, want in zip(clipped, expected):
        np.testing.assert_allclose(got, want, rtol=1e-15 if np.max(np.abs(want)) > 1e-300 else 0.2)


@SETTINGS
@given(g=vectors, exponent=st.integers(-300, 300), max_norm=st.floats(1e-3, 1e3))
def test_clip_by_norm_is_scale_free(g, exponent, max_norm):
    # clipping s g to c gives c times the unit vector of g, for any s: np.linalg.norm of
    # the (moderate) g is the oracle
    scale = 10.0**exponent
    clipped = opt.clip_by_norm(g * scale, max_norm)
    if np.linalg.norm(g) * scale > max_norm * (1 + 1e-12):
        np.testing.assert_allclose(clipped, max_norm * g / np.linalg.norm(g), rtol=1e-13)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"fun": lambda x: "low"}, TypeError, "the value returned by fun must be a real number"),
    ({"fun": lambda x: float("nan")}, ValueError, r"fun\(x0\) must be finite; got nan"),
    ({"fun": lambda x: np.ones(2)}, TypeError, "the value returned by fun must be a real number"),
    ({"grad": lambda x: np.array(["1"])}, TypeError, "the value returned by grad must be an array"),
    ({"grad": lambda x: np.array([np.nan])}, ValueError, r"grad\(x0\) must be finite"),
    ({"grad": lambda x: [float("nan")]}, ValueError, "the value returned by grad must contain only"),
    ({"grad": lambda x: None}, TypeError, "the value returned by grad must be an array"),
])
def test_minimize_checks_what_fun_and_grad_return(kwargs, error, match):
    args = {"fun": lambda x: float(x @ x), "grad": lambda x: 2 * x, "x0": [1.0],
            "optimizer": opt.SGD()} | kwargs
    with pytest.raises(error, match=match):
        opt.minimize(**args)


def test_minimize_still_reports_an_overflowing_gradient_as_divergence():
    # f(x) = x^4 from x = 10 with lr = 1: the gradient overflows to inf after a few steps
    with pytest.raises(DivergenceError, match="SGD diverged"):
        opt.minimize(lambda x: float(np.sum(x**4)), lambda x: 4 * x**3, [10.0], opt.SGD(lr=1.0),
                     n_iter=100)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"loss": lambda w, X, y: "low"}, TypeError, "the value returned by loss must be a real"),
    ({"loss": lambda w, X, y: float("nan")}, ValueError,
     r"loss\(params, X, y\) must be finite at the starting params; got nan"),
    ({"grad": lambda w, X, y: np.full(4, np.nan)}, ValueError,
     "the value returned by grad must contain only finite numbers"),
    ({"grad": lambda w, X, y: "0"}, TypeError, "the value returned by grad must be an array"),
    ({"grad": lambda w, X, y: np.ones(3)}, ValueError,
     r"the value returned by grad must have the shape of params \(4,\); got \(3,\)"),
    ({"grad": lambda w, X, y: {"w": np.ones(4)}}, TypeError,
     "the value returned by grad must have the structure of params"),
])
def test_training_checks_what_loss_and_grad_return(kwargs, error, match):
    X, y, loss, grad = advertising_problem()
    args = {"loss": loss, "grad": grad, "params": np.zeros(4), "X": X, "y": y,
            "optimizer": opt.SGD()} | kwargs
    with pytest.raises(error, match=match):
        opt.train_minibatch(**args)


@pytest.mark.parametrize(("change", "error", "match"), [
    ({"grad": np.ones(2)}, ValueError, r"grad must have the shape of w \(3,\); got \(2,\)"),
    ({"state": {"m": np.zeros(3)}}, ValueError, r"state must have the keys \['m', 'sqrt_v'\]"),
    ({"state": {"m": np.zeros(3), "sqrt_v": np.zeros(2)}}, ValueError,
     r"state\['sqrt_v'\] must have the shape of w"),
    ({"state": {"m": np.zeros(3), "sqrt_v": [0.0, 0.0, 0.0]}}, ValueError,
     r"state\['sqrt_v'\] must be a finite float array"),
    ({"state": None}, TypeError, "state must be a dict of arrays"),
    ({"t": 0}, ValueError, "t must be >= 1"),
    ({"lr": -0.1}, ValueError, "lr must be a finite number >= 0"),
])
def test_update_checks_its_arguments(change, error, match):
    adam = opt.Adam()
    args = {"w": np.ones(3), "grad": np.ones(3), "state": adam.init_state(np.ones(3)),
            "lr": 0.1, "t": 1} | change
    with pytest.raises(error, match=match):
        adam.update(**args)


def test_update_changes_the_state_it_is_given_in_place():
    adam = opt.Adam()
    state = adam.init_state(np.zeros(2))
    adam.update(np.zeros(2), np.array([1.0, -2.0]), state, lr=0.1, t=1)
    np.testing.assert_allclose(state["m"], [0.1, -0.2])
    np.testing.assert_allclose(state["sqrt_v"], np.sqrt(0.001) * np.array([1.0, 2.0]))


def test_adamw_is_loshchilov_and_hutters_rule_with_their_decay_equal_to_ours_times_lr0():
    """The page: the paper multiplies lambda w by the schedule multiplier only; PyTorch (and the
    library) by the learning rate. Written from the paper's Algorithm 2, with a step schedule."""
    from mlcheatsheet.optimization import schedules as sch

    lr0, decay, b1, b2, eps = 0.05, 0.1, 0.9, 0.999, 1e-8
    schedule = sch.StepDecay(lr0, step_size=20, gamma=0.5)
    c = np.array([1.0, -2.0, 3.0])
    ours, w = opt.AdamW(lr=schedule, weight_decay=decay), np.zeros(3)
    paper, m, v = np.zeros(3), np.zeros(3), np.zeros(3)
    for t in range(1, 61):
        w = ours.step(w, 2 * (w - c))
        g = 2 * (paper - c)
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        multiplier = float(schedule(t - 1)) / lr0                   # eta_t, the schedule factor
        paper = paper - multiplier * (lr0 * m_hat / (np.sqrt(v_hat) + eps) + decay * lr0 * paper)
        np.testing.assert_allclose(w, paper, rtol=1e-7, atol=1e-12)


# --- formulas the optimizers page states ---------------------------------------------------


@pytest.mark.parametrize("mu", [0.5, 0.9, 0.99])
def test_momentum_on_a_constant_gradient_reaches_one_over_one_minus_mu_times_the_plain_step(mu):
    lr, g = 0.01, np.array([2.0])
    optimizer, w = opt.Momentum(lr=lr, momentum=mu), np.zeros(1)
    for _ in range(3000):
        previous, w = w, optimizer.step(w, g)
    assert (previous - w)[0] == pytest.approx(lr * g[0] / (1 - mu), rel=1e-9)


def test_polyaks_heavy_ball_needs_about_sqrt_kappa_times_fewer_steps_than_gradient_descent():
    """Asymptotic rates: (sqrt k - 1)/(sqrt k + 1) against (k - 1)/(k + 1) at their best settings."""
    mu_c, L = 1.0, 400.0
    kappa = L / mu_c
    A = np.diag([mu_c, L])
    grad = lambda w: A @ w  # noqa: E731

    def rate(optimizer, n=400):
        w, norms = np.array([1.0, 1.0]), []
        for _ in range(n):
            w = optimizer.step(w, grad(w))
            norms.append(np.linalg.norm(w))
        return (norms[-1] / norms[-201]) ** (1 / 200)

    gd = rate(opt.SGD(lr=2 / (L + mu_c)))
    hb = rate(opt.Momentum(lr=4 / (np.sqrt(L) + np.sqrt(mu_c)) ** 2,
                           momentum=((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2))
    assert gd == pytest.approx((kappa - 1) / (kappa + 1), rel=1e-6)
    assert hb == pytest.approx((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1), rel=0.02)
    assert np.log(hb) / np.log(gd) == pytest.approx(np.sqrt(kappa), rel=0.05)
