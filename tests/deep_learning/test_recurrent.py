"""Recurrent cells and layers: one step worked by hand, the equations against a per-sample,
per-step reference written here, every gradient (one step and through time) against finite
differences, truncated BPTT against chunks run separately, clipping, the 2017 cheatsheet's
model, bad input."""

import math
import string

import numpy as np
import pytest
from _gradcheck import numerical_gradient
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcheatsheet.deep_learning import recurrent as rc
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.optimization.optimizers import Adam

CELLS = [rc.RNNCell, rc.LSTMCell, rc.GRUCell]
LAYERS = [rc.RNN, rc.LSTM, rc.GRU]


def _sig(a):
    return 1.0 / (1.0 + math.exp(-a))


def _randomize(params, g, scale=0.6):
    for k in params:
        params[k][...] = g.normal(scale=scale, size=params[k].shape)


# --------------------------------------------------------------------------
# Golden values: one step of each cell, by hand
# --------------------------------------------------------------------------


def test_rnn_cell_one_step_by_hand():
    # a = 1 * (ln 2)/2 + 0.5 * ln 2 = ln 2, tanh(ln 2) = (4 - 1)/(4 + 1) = 0.6
    cell = rc.RNNCell(1, 1)
    cell.params.update(Wx=np.array([[math.log(2) / 2]]), Wh=np.array([[math.log(2)]]),
                       b=np.zeros(1))
    h = cell.forward(np.array([[1.0]]), np.array([[0.5]]))
    assert h[0, 0] == pytest.approx(0.6, abs=1e-15)
    # backward with dL/dh = 1: da = 1 - 0.6**2 = 0.64; dWh = 0.5 * 0.64; dx = 0.64 * Wx
    dx, dh = cell.backward(np.array([[1.0]]))
    assert cell.grads["Wh"][0, 0] == pytest.approx(0.32)
    assert cell.grads["Wx"][0, 0] == pytest.approx(0.64)
    assert cell.grads["b"][0] == pytest.approx(0.64)
    assert dx[0, 0] == pytest.approx(0.64 * math.log(2) / 2)
    assert dh[0, 0] == pytest.approx(0.64 * math.log(2))
    linear = rc.RNNCell(1, 1, activation="identity")
    linear.params.update(cell.params)
    assert linear.forward(np.array([[1.0]]), np.array([[0.5]]))[0, 0] == pytest.approx(
        math.log(2))


def test_lstm_cell_one_step_by_hand():
    # x = 1, h = 0.5, c = 0.4; gates i, f, g, o:
    # a_i = 0 -> i = 1/2; a_f = ln 3 -> f = 3/4; a_g = ln 2 -> g = 3/5;
    # a_o = 0.5 * (-2 ln 3) = -ln 3 -> o = 1/4
    # c' = 3/4 * 0.4 + 1/2 * 3/5 = 0.6, h' = 1/4 * tanh(0.6)
    cell = rc.LSTMCell(1, 1)
    ln2, ln3 = math.log(2), math.log(3)
    cell.params.update(Wx=np.array([[0.0, ln3, ln2, 0.0]]),
                       Wh=np.array([[0.0, 0.0, 0.0, -2 * ln3]]), b=np.zeros(4))
    s = cell.forward(np.array([[1.0]]), np.array([[0.5, 0.4]]))
    assert s[0, 1] == pytest.approx(0.6, abs=1e-15)
    assert s[0, 0] == pytest.approx(0.25 * math.tanh(0.6), abs=1e-15)
    # dL/dc' = 1 only: dc = f = 3/4 back to c; dL/da_g = i (1 - g^2) = 1/2 * 16/25 = 0.32
    dx, ds = cell.backward(np.array([[0.0, 1.0]]))
    assert ds[0, 1] == pytest.approx(0.75)
    assert cell.grads["b"][2] == pytest.approx(0.32)
    assert cell.grads["b"][3] == 0.0          # the output gate does not touch c'
    # dL/da_f = c f (1 - f) = 0.4 * 3/16 = 0.075; dL/da_i = g i (1 - i) = 3/5 * 1/4 = 0.15
    assert cell.grads["b"][1] == pytest.approx(0.075)
    assert cell.grads["b"][0] == pytest.approx(0.15)


def test_gru_cell_one_step_by_hand():
    # x = 1, h = 0.5: a_z = ln 3 -> z = 3/4; a_r = 0 -> r = 1/2;
    # a_n = (r h) * 4 ln 2 = ln 2 -> n = 3/5; h' = (1 - z) n + z h = 0.15 + 0.375 = 0.525
    cell = rc.GRUCell(1, 1)
    cell.params.update(Wx=np.array([[math.log(3), 0.0, 0.0]]),
                       Wh=np.array([[0.0, 0.0, 4 * math.log(2)]]), b=np.zeros(3))
    h = cell.forward(np.array([[1.0]]), np.array([[0.5]]))
    assert h[0, 0] == pytest.approx(0.525, abs=1e-15)
    # dL/dh' = 1: straight path z = 3/4; through n: (1 - z)(1 - n^2) r Whn = 1/4*16/25*1/2*4 ln 2
    # through z: (h - n) z (1 - z) Whz = 0 (Whz = 0); through r: ... * h * r(1-r) * Whr = 0
    _, dh = cell.backward(np.array([[1.0]]))
    assert dh[0, 0] == pytest.approx(0.75 + 0.25 * 0.64 * 0.5 * 4 * math.log(2))
    assert cell.grads["b"][0] == pytest.approx((0.5 - 0.6) * 0.75 * 0.25)


# --------------------------------------------------------------------------
# The equations, against a straightforward per-sample, per-step reference
# --------------------------------------------------------------------------


def _reference(kind, X, p, H):
    """The cell equations for one sample at a time, one step at a time, gate matrices split."""
    N, T, _ = X.shape
    out = np.zeros((N, T, H))
    Wx, Wh, b = p["Wx"], p["Wh"], p["b"]
    for n in range(N):
        h, c = np.zeros(H), np.zeros(H)
        for t in range(T):
            x = X[n, t]
            if kind == "RNN":
                h = np.tanh(x @ Wx + h @ Wh + b)
            elif kind == "LSTM":
                Wxi, Wxf, Wxg, Wxo = np.split(Wx, 4, axis=1)
                Whi, Whf, Whg, Who = np.split(Wh, 4, axis=1)
                bi, bf, bg, bo = np.split(b, 4)
                i = 1 / (1 + np.exp(-(x @ Wxi + h @ Whi + bi)))
                f = 1 / (1 + np.exp(-(x @ Wxf + h @ Whf + bf)))
                g = np.tanh(x @ Wxg + h @ Whg + bg)
                o = 1 / (1 + np.exp(-(x @ Wxo + h @ Who + bo)))
                c = f * c + i * g
                h = o * np.tanh(c)
            else:
                Wxz, Wxr, Wxn = np.split(Wx, 3, axis=1)
                Whz, Whr, Whn = np.split(Wh, 3, axis=1)
                bz, br, bn = np.split(b, 3)
                z = 1 / (1 + np.exp(-(x @ Wxz + h @ Whz + bz)))
                r = 1 / (1 + np.exp(-(x @ Wxr + h @ Whr + br)))
                cand = np.tanh(x @ Wxn + (r * h) @ Whn + bn)
                h = (1 - z) * cand + z * h
            out[n, t] = h
    return out


@pytest.mark.parametrize("layer_class", LAYERS)
def test_layers_follow_the_equations_step_by_step(rng, layer_class):
    layer = layer_class((6, 3), 4, return_sequences=True, rng=0)
    _randomize(layer.params, rng)
    X = rng.normal(size=(3, 6, 3))
    Y = layer.forward(X)
    np.testing.assert_allclose(Y, _reference(layer_class.__name__, X, layer.params, 4),
                               rtol=1e-12, atol=1e-12)
    last = layer_class((6, 3), 4, rng=0)
    last.params.update({k: v.copy() for k, v in layer.params.items()})
    np.testing.assert_allclose(last.forward(X.reshape(3, 18)), Y[:, -1], rtol=1e-12)


def test_lstm_with_a_closed_forget_gate_forgets_and_an_open_one_adds_up():
    # f = 1, i = 1, g = tanh(x), o huge: c_T = sum_t tanh(x_t); f = 0: c_T = tanh(x_T)
    layer = rc.LSTM((5, 1), 1)
    big = 50.0
    layer.params.update(Wx=np.array([[0.0, 0.0, 1.0, 0.0]]), Wh=np.zeros((1, 4)),
                        b=np.array([big, big, 0.0, big]))
    x = np.array([[0.1, -0.2, 0.3, 0.4, -0.5]])
    h = layer.forward(x)[0, 0]
    assert h == pytest.approx(np.tanh(np.tanh(x).sum()), abs=1e-12)
    layer.params["b"][1] = -big
    assert layer.forward(x)[0, 0] == pytest.approx(np.tanh(np.tanh(-0.5)), abs=1e-12)


# --------------------------------------------------------------------------
# Gradients: one step, and through time
# --------------------------------------------------------------------------


@pytest.mark.parametrize("cell_class", CELLS)
def test_cell_step_gradients_match_finite_differences(rng, cell_class):
    cell = cell_class(3, 4, rng=0)
    _randomize(cell.params, rng)
    x, s = rng.normal(size=(2, 3)), rng.normal(size=(2, cell.state_size)) * 0.5
    G = rng.normal(size=(2, cell.state_size))                     # L = sum(G * s')
    cell.forward(x, s)
    dx, ds = cell.backward(G)
    np.testing.assert_allclose(dx, numerical_gradient(lambda v: np.sum(G * cell.forward(v, s)),
                                                      x), atol=1e-8)
    np.testing.assert_allclose(ds, numerical_gradient(lambda v: np.sum(G * cell.forward(x, v)),
                                                      s), atol=1e-8)
    cell.forward(x, s)
    cell.backward(G)
    analytic = {k: v.copy() for k, v in cell.grads.items()}
    for name, w in cell.params.items():
        def loss(v, name=name):
            saved = cell.params[name]
            cell.params[name] = v
            try:
                return np.sum(G * cell.forward(x, s))
            finally:
                cell.params[name] = saved
        np.testing.assert_allclose(analytic[name], numerical_gradient(loss, w), atol=1e-8,
                                   err_msg=name)


def _layer_loss(layer, G, X):
    return np.sum(G * layer.forward(X))


@pytest.mark.parametrize("layer_class", LAYERS)
@pytest.mark.parametrize("return_sequences", [True, False])
def test_bptt_gradients_match_finite_differences(rng, layer_class, return_sequences):
    layer = layer_class((5, 2), 3, return_sequences=return_sequences, rng=0)
    _randomize(layer.params, rng)
    X = rng.normal(size=(2, 5, 2))
    G = rng.normal(size=layer.forward(X).shape)
    dX = layer.backward(G)
    np.testing.assert_allclose(dX, numerical_gradient(lambda v: _layer_loss(layer, G, v), X),
                               atol=1e-8)
    layer.forward(X)
    layer.backward(G)
    analytic = {k: v.copy() for k, v in layer.grads.items()}
    for name, w in layer.params.items():
        def loss(v, name=name):
            saved = layer.params[name].copy()
            layer.params[name][...] = v
            try:
                return _layer_loss(layer, G, X)
            finally:
                layer.params[name][...] = saved
        np.testing.assert_allclose(analytic[name], numerical_gradient(loss, w), atol=1e-8,
                                   err_msg=name)


@pytest.mark.parametrize("layer_class", LAYERS)
def test_stacked_layers_gradient_check_inside_a_sequential(rng, layer_class):
    net = nn.Sequential([layer_class((4, 3), 5, return_sequences=True, rng=0),
                         layer_class((4, 5), 4, rng=1), nn.Dense(4, 3, rng=2)])
    X, y = rng.normal(size=(5, 12)), rng.integers(0, 3, size=5)
    errors = nn.gradient_check(net, X, y)
    assert set(errors) == {"0.Wx", "0.Wh", "0.b", "1.Wx", "1.Wh", "1.b", "2.W", "2.b"}
    assert max(errors.values()) < 1e-6


# --------------------------------------------------------------------------
# Truncated BPTT
# --------------------------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(kind=st.sampled_from(LAYERS), T=st.integers(1, 6), extra=st.integers(0, 3),
       seed=st.integers(0, 2**32 - 1), sequences=st.booleans())
def test_truncation_at_least_the_length_is_full_bptt(kind, T, extra, seed, sequences):
    g = np.random.default_rng(seed)
    full = kind((T, 2), 3, return_sequences=sequences, rng=seed)
    cut = kind((T, 2), 3, return_sequences=sequences, truncate=T + extra, rng=seed)
    X = g.normal(size=(2, T * 2))
    G = g.normal(size=full.forward(X).shape)
    cut.forward(X)
    np.testing.assert_array_equal(full.backward(G), cut.backward(G))
    for k in full.grads:
        np.testing.assert_array_equal(full.grads[k], cut.grads[k])


@pytest.mark.parametrize("cell_class", CELLS)
def test_truncated_bptt_is_the_gradient_of_chunks_with_constant_first_states(rng, cell_class):
    """Oracle: run the cell step by step; each chunk of k steps starts from the state the
    previous chunk ended in, *held fixed*; sum each chunk's finite-difference gradient."""
    T, k, F, H = 7, 3, 2, 3
    layer = {rc.RNNCell: rc.RNN, rc.LSTMCell: rc.LSTM, rc.GRUCell: rc.GRU}[cell_class](
        (T, F), H, return_sequences=True, truncate=k, rng=0)
    _randomize(layer.params, rng)
    X, G = rng.normal(size=(2, T, F)), rng.normal(size=(2, T, H))
    layer.forward(X)
    layer.backward(G)
    cell = layer.cell                         # shares the layer's parameters
    starts = [np.zeros((2, cell.state_size))]
    for t in range(T):
        starts.append(cell.forward(X[:, t], starts[-1]))

    def chunk_loss(name, w, lo):
        saved = cell.params[name].copy()
        cell.params[name][...] = w
        try:
            s, total = starts[lo], 0.0
            for t in range(lo, min(lo + k, T)):
                s = cell.forward(X[:, t], s)
                total += np.sum(G[:, t] * s[:, :H])
            return total
        finally:
            cell.params[name][...] = saved

    for name, w in cell.params.items():
        oracle = sum(numerical_gradient(lambda v, lo=lo: chunk_loss(name, v, lo), w)
                     for lo in range(0, T, k))
        np.testing.assert_allclose(layer.grads[name], oracle, atol=1e-8, err_msg=name)
    # and truncation really changes the gradient here
    full = type(layer)((T, F), H, return_sequences=True, rng=0)
    full.params.update({n: v.copy() for n, v in layer.params.items()})
    full.forward(X)
    full.backward(G)
    assert not np.allclose(full.grads["Wh"], layer.grads["Wh"])


# --------------------------------------------------------------------------
# Clipping, training, vanishing gradients
# --------------------------------------------------------------------------


def test_clip_norm_rescales_the_layer_gradient_keeping_its_direction(rng):
    plain = rc.LSTM((6, 2), 4, rng=0)
    clipped = rc.LSTM((6, 2), 4, clip_norm=0.1, rng=0)
    X = rng.normal(size=(3, 12))
    G = rng.normal(size=(3, 4)) * 10
    plain.forward(X)
    plain.backward(G)
    clipped.forward(X)
    clipped.backward(G)
    g_plain = np.concatenate([plain.grads[k].ravel() for k in ("Wx", "Wh", "b")])
    g_clip = np.concatenate([clipped.grads[k].ravel() for k in ("Wx", "Wh", "b")])
    assert np.linalg.norm(g_plain) > 0.1
    assert np.linalg.norm(g_clip) == pytest.approx(0.1)
    np.testing.assert_allclose(g_clip, g_plain * 0.1 / np.linalg.norm(g_plain))


@pytest.mark.parametrize("layer_class", [rc.LSTM, rc.GRU])
def test_gated_layers_learn_a_long_range_dependency_with_fit(rng, layer_class):
    # the class is the sign of the first of 12 noisy steps: only memory solves it
    n, T = 200, 12
    X = rng.normal(scale=0.5, size=(n, T, 1))
    y = rng.integers(0, 2, size=n)
    X[:, 0, 0] = 2.0 * y - 1.0
    net = nn.Sequential([layer_class((T, 1), 8, clip_norm=5.0, rng=0), nn.Dense(8, 2, rng=1)])
    history = nn.fit(net, X.reshape(n, T), y, Adam(lr=0.03), n_epochs=30, batch_size=50,
                     rng=0)
    assert history.train_accuracy[-1] > 0.95


def test_lstm_keeps_the_gradient_through_time_where_a_vanilla_rnn_loses_it(rng):
    T = 30
    X = rng.normal(size=(16, T, 4))
    ratios = {}
    for layer_class in (rc.RNN, rc.LSTM):
        layer = layer_class((T, 4), 16, rng=0)
        layer.forward(X)
        dX = layer.backward(rng.normal(size=(16, 16)))
        norms = np.linalg.norm(dX, axis=(0, 2))            # per step t
        ratios[layer_class] = norms[0] / norms[-1]          # lag T-1 against lag 0
    assert ratios[rc.RNN] < 1e-3 < ratios[rc.LSTM]


# --------------------------------------------------------------------------
# The 2017 cheatsheet's RNN
# --------------------------------------------------------------------------


def test_the_2017_models_185_inputs_are_57_letters_and_128_hidden_units():
    # nn.Linear(185, 128) reads torch.cat([one-hot letter, hidden]): the PyTorch tutorial's
    # alphabet, ascii letters plus " .,;'", and 128 hidden units
    assert len(string.ascii_letters + " .,;'") + 128 == 185


def test_the_2017_recurrence_without_a_nonlinearity_is_affine_in_its_inputs(rng):
    """hidden = hid_fc(cat(x, hidden)) has no activation: the final state, hence the logits,
    are affine in the whole sequence, so the model is a linear classifier over the letters.
    Affine: f((u + v)/2) = (f(u) + f(v))/2 for every u, v."""
    def net(activation):
        layer = rc.RNN((6, 3), 5, activation=activation, rng=0)
        _randomize(layer.params, rng)
        return nn.Sequential([layer, nn.Dense(5, 2, rng=1)])

    u, v = rng.normal(size=(4, 18)), rng.normal(size=(4, 18))
    linear, tanh = net("identity"), net("tanh")
    np.testing.assert_allclose(linear.forward((u + v) / 2),
                               (linear.forward(u) + linear.forward(v)) / 2, atol=1e-12)
    assert not np.allclose(tanh.forward((u + v) / 2), (tanh.forward(u) + tanh.forward(v)) / 2)


def test_a_linear_recurrence_cannot_learn_xor_of_two_steps_but_tanh_can():
    X = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]] * 8)
    y = (X[:, 0] != X[:, 1]).astype(int)
    accuracy = {}
    for activation in ("identity", "tanh"):
        net = nn.Sequential([rc.RNN((2, 1), 8, activation=activation, rng=0),
                             nn.Dense(8, 2, rng=1)])
        history = nn.fit(net, X, y, Adam(lr=0.05), n_epochs=150, batch_size=32, rng=0)
        accuracy[activation] = history.train_accuracy[-1]
    assert accuracy["identity"] <= 0.75   # a line separates at most 3 of the 4 corners
    assert accuracy["tanh"] == 1.0


# --------------------------------------------------------------------------
# Shapes and bad input
# --------------------------------------------------------------------------


@pytest.mark.parametrize("layer_class", LAYERS)
def test_public_backward_returns_the_shape_forward_was_given(rng, layer_class):
    for sequences in (False, True):
        layer = layer_class((3, 2), 4, return_sequences=sequences, rng=0)
        for X in (rng.normal(size=(2, 6)), rng.normal(size=(2, 3, 2))):
            Y = layer.forward(X)
            assert Y.shape == ((2, 3, 4) if sequences else (2, 4))
            assert layer.backward(np.ones_like(Y)).shape == X.shape


def test_parameter_counts_follow_the_gate_counts():
    F, H = 8, 16
    for layer_class, gates in ((rc.RNN, 1), (rc.LSTM, 4), (rc.GRU, 3)):
        assert layer_class((8, F), H).n_params == gates * (F * H + H * H + H)


@pytest.mark.parametrize("call, message", [
    (lambda: rc.LSTM((8, 8), 4).forward(np.ones((2, 63))), "64 columns"),
    (lambda: rc.LSTM((8, 8), 4).forward(np.ones((2, 7, 8))), r"shape \(n_samples, 8, 8\)"),
    (lambda: rc.GRU((2, 2), 4).forward(np.full((1, 4), np.nan)), "X"),
    (lambda: rc.GRU((2, 2), 4).forward([[[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0]]]), "X"),
    (lambda: rc.RNN((2, 2), 4, truncate=0), "truncate"),
    (lambda: rc.RNN((2, 2), 4, clip_norm=0.0), "clip_norm"),
    (lambda: rc.RNN((2, 2, 1), 4), "input_shape"),
    (lambda: rc.RNN((2, 2), 4, activation="relu"), "activation"),
    (lambda: rc.LSTMCell(2, 3).forward(np.ones((4, 2)), np.zeros((4, 3))), r"\(4, 6\)"),
    (lambda: rc.GRUCell(2, 3).forward(np.ones((4, 5)), np.zeros((4, 3))), "x must have 2"),
    (lambda: nn.Sequential([rc.LSTM((8, 8), 4), nn.Dense(5, 2)]), "expects 5 inputs"),
])
def test_bad_input_is_refused_with_a_clear_message(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_backward_before_forward_or_with_the_wrong_shape_is_refused():
    with pytest.raises(RuntimeError, match="forward"):
        rc.LSTM((3, 2), 4).backward(np.ones((1, 4)))
    with pytest.raises(RuntimeError, match="forward"):
        rc.GRUCell(2, 3).backward(np.ones((1, 3)))
    layer = rc.RNN((3, 2), 4)
    layer.forward(np.ones((2, 6)))
    with pytest.raises(ValueError, match="dY must have the shape"):
        layer.backward(np.ones((2, 3, 4)))


# --------------------------------------------------------------------------
# The memory task
# --------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 20), st.integers(1, 12), st.integers(2, 6), st.integers(0, 2**32 - 1))
def test_memory_task_is_one_hot_and_labelled_by_its_first_step(n, T, K, seed):
    X, y = rc.make_memory_task(n, T, n_symbols=K, rng=seed)
    assert X.shape == (n, T * K) and y.shape == (n,)
    steps = X.reshape(n, T, K)
    assert set(np.unique(steps)) <= {0.0, 1.0}
    np.testing.assert_array_equal(steps.sum(axis=2), 1.0)
    np.testing.assert_array_equal(steps[:, 0].argmax(axis=1), y)
    X2, y2 = rc.make_memory_task(n, T, n_symbols=K, rng=seed)     # seeded: the same draw
    np.testing.assert_array_equal(X, X2)


def test_memory_task_symbols_are_uniform_and_independent_of_the_label():
    """Chi-square (SciPy) on the label counts; a later step tells nothing of the label."""
    from scipy.stats import chi2_contingency, chisquare

    X, y = rc.make_memory_task(4000, 5, n_symbols=4, rng=0)
    assert chisquare(np.bincount(y, minlength=4)).pvalue > 1e-3
    later = X.reshape(4000, 5, 4)[:, 3].argmax(axis=1)
    table = np.array([[np.sum((y == a) & (later == b)) for b in range(4)] for a in range(4)])
    assert chi2_contingency(table).pvalue > 1e-3


def test_memory_task_is_learnt_by_an_lstm_when_short():
    X, y = rc.make_memory_task(300, 4, n_symbols=3, rng=0)
    net = nn.Sequential([rc.LSTM((4, 3), 8, rng=0), nn.Dense(8, 3, rng=1)])
    history = nn.fit(net, X, y, Adam(lr=2e-2), n_epochs=30, batch_size=50, rng=0)
    assert history.train_accuracy[-1] == 1.0


@pytest.mark.parametrize("kwargs, message", [
    (dict(n_samples=0, n_steps=5), "n_samples"),
    (dict(n_samples=5, n_steps=0), "n_steps"),
    (dict(n_samples=5, n_steps=5, n_symbols=1), "n_symbols"),
    (dict(n_samples=5, n_steps=2.5), "n_steps"),
    (dict(n_samples=5, n_steps=5, rng="seed"), "rng"),
])
def test_memory_task_bad_input_is_refused(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        rc.make_memory_task(**kwargs)


@pytest.mark.parametrize("layer_class", LAYERS)
def test_l2_penalty_covers_both_recurrent_weight_matrices(rng, layer_class):
    net = nn.Sequential([layer_class((4, 3), 5, rng=0), nn.Dense(5, 3, rng=2)])
    X, y = rng.normal(size=(6, 12)), rng.integers(0, 3, size=6)
    cell, dense = net.layers[0].params, net.layers[1].params
    weights = np.sum(cell["Wx"] ** 2) + np.sum(cell["Wh"] ** 2) + np.sum(dense["W"] ** 2)
    assert net.loss(X, y, l2=0.3) == pytest.approx(net.loss(X, y) + 0.5 * 0.3 * weights / 6)
    errors = nn.gradient_check(net, X, y, l2=0.3)       # the penalty's gradient included
    assert max(errors.values()) < 1e-6
    net.loss_and_grads(X, y, l2=0.3)
    bias_with = net.layers[0].grads["b"].copy()
    net.loss_and_grads(X, y)
    np.testing.assert_array_equal(net.layers[0].grads["b"], bias_with)   # biases are not shrunk
