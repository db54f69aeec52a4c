"""Convolution and pooling (2-D, 1-D, causal): against SciPy, NumPy and direct loops, shapes
and receptive fields against the formulas, every backward against finite differences, bad
input refused."""

import numpy as np
import pytest
from _gradcheck import numerical_gradient
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.signal import correlate2d

from mlcheatsheet.deep_learning import convolution as cv
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.optimization.optimizers import Adam


def _scipy_conv(X, K, b, stride, padding, dilation):
    """Oracle: zero-pad, dilate the kernel by inserting zeros, correlate each channel with
    scipy at stride 1 ('valid'), sum over channels, then keep every stride-th output."""
    n, c, _, _ = X.shape
    f, _, kh, kw = K.shape
    Kd = np.zeros((f, c, dilation * (kh - 1) + 1, dilation * (kw - 1) + 1))
    Kd[:, :, ::dilation, ::dilation] = K
    Xp = np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.array([[sum(correlate2d(Xp[i, ch], Kd[j, ch], mode="valid") for ch in range(c))
                     for j in range(f)] for i in range(n)])
    out = out[:, :, ::stride, ::stride]
    return out + b[:, None, None]


@st.composite
def conv_cases(draw):
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    dilation, padding = draw(st.integers(1, 3)), draw(st.integers(0, 2))
    stride = draw(st.integers(1, 3))
    span_h, span_w = dilation * (kh - 1) + 1, dilation * (kw - 1) + 1
    h = draw(st.integers(max(1, span_h - 2 * padding), max(1, span_h - 2 * padding) + 6))
    w = draw(st.integers(max(1, span_w - 2 * padding), max(1, span_w - 2 * padding) + 6))
    n, c, f = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    seed = draw(st.integers(0, 2**32 - 1))
    return (n, c, h, w), (f, c, kh, kw), stride, padding, dilation, seed


@settings(max_examples=60, deadline=None)
@given(conv_cases())
def test_conv2d_matches_scipy_correlate2d(case):
    xs, ks, stride, padding, dilation, seed = case
    g = np.random.default_rng(seed)
    X, K, b = g.normal(size=xs), g.normal(size=ks), g.normal(size=ks[0])
    Y = cv.conv2d(X, K, b, stride=stride, padding=padding, dilation=dilation)
    np.testing.assert_allclose(Y, _scipy_conv(X, K, b, stride, padding, dilation),
                               rtol=1e-10, atol=1e-10)
    # the output-size formula, written out here, against the actual shape
    for axis in (2, 3):
        eff = dilation * (ks[axis] - 1) + 1
        assert Y.shape[axis] == (xs[axis] - eff + 2 * padding) // stride + 1
        assert Y.shape[axis] == cv.conv_output_size(xs[axis], ks[axis], stride, padding,
                                                    dilation)


@settings(max_examples=25, deadline=None)
@given(conv_cases())
def test_conv2d_backward_matches_finite_differences(case):
    xs, ks, stride, padding, dilation, seed = case
    g = np.random.default_rng(seed)
    X, K, b = g.normal(size=xs), g.normal(size=ks), g.normal(size=ks[0])
    Y = cv.conv2d(X, K, b, stride, padding, dilation)
    R = g.normal(size=Y.shape)  # L = sum(R * Y): dL/dY = R
    dX, dK, db = cv.conv2d_backward(R, X, K, stride, padding, dilation)
    loss = lambda X_, K_, b_: np.sum(R * cv.conv2d(X_, K_, b_, stride, padding, dilation))
    np.testing.assert_allclose(dX, numerical_gradient(lambda v: loss(v, K, b), X), atol=1e-6)
    np.testing.assert_allclose(dK, numerical_gradient(lambda v: loss(X, v, b), K), atol=1e-6)
    np.testing.assert_allclose(db, numerical_gradient(lambda v: loss(X, K, v), b), atol=1e-6)


def _loop_pool(X, size, stride, reduce):
    n, c, h, w = X.shape
    ho, wo = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.empty((n, c, ho, wo))
    for i in range(n):
        for ch in range(c):
            for r in range(ho):
                for s in range(wo):
                    out[i, ch, r, s] = reduce(X[i, ch, r * stride:r * stride + size,
                                                s * stride:s * stride + size])
    return out


@pytest.mark.parametrize("shape, size, stride", [((2, 3, 6, 6), 2, None), ((1, 2, 7, 5), 3, 2),
                                                  ((1, 1, 5, 5), 2, 1), ((2, 1, 4, 9), 4, 3)])
def test_pooling_matches_a_direct_loop(rng, shape, size, stride):
    X = rng.normal(size=shape)
    s = size if stride is None else stride
    np.testing.assert_allclose(cv.max_pool2d(X, size, stride), _loop_pool(X, size, s, np.max))
    np.testing.assert_allclose(cv.avg_pool2d(X, size, stride), _loop_pool(X, size, s, np.mean))


@pytest.mark.parametrize("shape, size, stride", [((2, 2, 6, 6), 2, None), ((1, 2, 7, 5), 3, 2),
                                                  ((1, 1, 5, 5), 2, 1)])
def test_pooling_backward_matches_finite_differences(rng, shape, size, stride):
    X = rng.normal(size=shape)  # continuous values: no ties, max pooling is differentiable
    for forward, backward in [(cv.max_pool2d, cv.max_pool2d_backward),
                              (cv.avg_pool2d, cv.avg_pool2d_backward)]:
        R = rng.normal(size=forward(X, size, stride).shape)
        numeric = numerical_gradient(lambda v: np.sum(R * forward(v, size, stride)), X)
        np.testing.assert_allclose(backward(R, X, size, stride), numeric, atol=1e-7)


def test_max_pool_ties_send_the_whole_gradient_to_one_input():
    dX = cv.max_pool2d_backward(np.full((1, 1, 1, 1), 3.0), np.ones((1, 1, 2, 2)))
    assert dX.sum() == 3.0 and np.count_nonzero(dX) == 1


def test_parameter_counts_match_the_layers_and_eggs_glossary():
    # Egg's glossary: 10 filters of 5x5 over 3 channels "= 750 parameters" (no biases),
    # 6 filters 5x5 on 32x32x3 -> 28x28x6 and 450 parameters
    assert cv.conv2d_n_params(3, 10, 5, bias=False) == 10 * 5 * 5 * 3
    assert cv.conv2d_n_params(3, 6, 5, bias=False) == 5 * 5 * 3 * 6
    layer = cv.Conv2D((3, 32, 32), 6, 5, rng=0)
    assert layer.output_shape == (6, 28, 28)
    assert layer.n_params == cv.conv2d_n_params(3, 6, 5) == 5 * 5 * 3 * 6 + 6
    for c, f, k in [(1, 4, 3), (4, 8, 3), (2, 5, 1)]:
        assert cv.Conv2D((c, 9, 9), f, k, rng=0).n_params == cv.conv2d_n_params(c, f, k)


@pytest.mark.parametrize("stride, padding, dilation", [(1, 0, 1), (2, 1, 1), (1, 2, 2), (3, 0, 2)])
def test_layer_output_shapes_follow_the_formula(stride, padding, dilation):
    layer = cv.Conv2D((2, 11, 10), 3, 3, stride=stride, padding=padding, dilation=dilation, rng=0)
    Y = layer.forward(np.zeros((4, 2 * 11 * 10)))
    assert Y.shape[1:] == layer.output_shape
    assert Y.shape[2:] == tuple(cv.conv_output_size(n, 3, stride, padding, dilation)
                                for n in (11, 10))
    pool = cv.MaxPool2D(layer.output_shape, size=2, stride=1)
    assert pool.forward(Y).shape[1:] == pool.output_shape


def _small_cnn(seed=0):
    return nn.Sequential([
        cv.Conv2D((1, 6, 6), 2, 3, padding=1, rng=seed), nn.Activation("tanh"),
        cv.MaxPool2D((2, 6, 6), 2),
        cv.Conv2D((2, 3, 3), 2, 2, dilation=1, rng=seed + 1), nn.Activation("tanh"),
        cv.AvgPool2D((2, 2, 2), 2, stride=1),
        cv.Flatten(), nn.Dense(2, 3, rng=seed + 2)])


def test_layers_gradient_check_inside_a_sequential(rng):
    net = _small_cnn()
    X, y = rng.normal(size=(5, 36)), rng.integers(0, 3, size=5)
    errors = nn.gradient_check(net, X, y)
    assert set(errors) == {"0.K", "0.b", "3.K", "3.b", "7.W", "7.b"}
    assert max(errors.values()) < 1e-6


def test_layer_input_gradients_match_finite_differences(rng):
    net = _small_cnn(3)
    X, y = rng.normal(size=(3, 36)), np.array([0, 1, 2])
    net.loss_and_grads(X, y)
    _, d = nn.softmax_cross_entropy(net.forward(X, training=True), y)
    dX = net._backward(d)
    numeric = numerical_gradient(lambda v: net.loss(v, y, training=True), X)
    np.testing.assert_allclose(dX, numeric, atol=1e-7)
    assert dX.shape == X.shape


def test_flatten_round_trips():
    layer = cv.Flatten()
    X = np.arange(24.0).reshape(2, 3, 2, 2)
    Y = layer.forward(X)
    assert Y.shape == (2, 12)
    np.testing.assert_array_equal(layer.backward(Y), X)


def test_a_cnn_trains_with_fit_and_an_optimizer(rng):
    # two classes: a vertical or a horizontal bar somewhere in a noisy 6x6 image
    n = 120
    X = rng.normal(scale=0.3, size=(n, 1, 6, 6))
    y = rng.integers(0, 2, size=n)
    pos = rng.integers(0, 6, size=n)
    X[y == 0, 0, :, :] += (np.arange(6) == pos[y == 0, None])[:, None, :]
    X[y == 1, 0, :, :] += (np.arange(6) == pos[y == 1, None])[:, :, None]
    net = nn.Sequential([cv.Conv2D((1, 6, 6), 4, 3, padding=1, rng=0), nn.Activation("relu"),
                         cv.MaxPool2D((4, 6, 6), 6), cv.Flatten(), nn.Dense(4, 2, rng=1)])
    history = nn.fit(net, X.reshape(n, 36), y, Adam(lr=0.05), n_epochs=30, batch_size=20, rng=0)
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]
    assert history.train_accuracy[-1] > 0.95


@pytest.mark.parametrize("call, message", [
    (lambda: cv.conv2d(np.ones((1, 1, 3, 3)), np.ones((1, 1, 5, 5))), "kernel_size must fit"),
    (lambda: cv.conv2d(np.ones((1, 1, 3, 3)), np.ones((1, 1, 2, 2)), stride=0), "stride"),
    (lambda: cv.conv2d(np.full((1, 1, 3, 3), np.nan), np.ones((1, 1, 2, 2))), "X"),
    (lambda: cv.conv2d(np.ones((1, 2, 3, 3)), np.ones((1, 1, 2, 2))), "channels"),
    (lambda: cv.conv2d(np.ones((1, 1, 3, 3)), np.ones((2, 1, 2, 2)), b=np.ones(3)), "b must"),
    (lambda: cv.conv2d(np.ones((1, 1, 4, 4)), np.ones((1, 1, 3, 3)), dilation=2), "dilation 2"),
    (lambda: cv.conv_output_size(4, 3, stride=0), "stride"),
    (lambda: cv.max_pool2d(np.ones((1, 1, 2, 2)), 3), "kernel_size must fit"),
    (lambda: cv.Conv2D((1, 4, 4), 2, 5), "kernel_size must fit"),
    (lambda: cv.Conv2D((1, 8, 8), 2, 3).forward(np.ones((2, 3, 8, 8))),
     r"shape \(n_samples, 1, 8, 8\)"),
    (lambda: cv.Conv2D((1, 8, 8), 2, 3).forward(np.ones((2, 63))), "64 columns"),
    (lambda: cv.conv2d_backward(np.ones((1, 1, 2, 2)), np.ones((1, 1, 3, 3)),
                                np.ones((1, 1, 1, 1))), "dY must have the shape"),
])
def test_bad_input_is_refused_with_a_clear_message(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_backward_before_forward_is_refused():
    with pytest.raises(RuntimeError, match="forward"):
        cv.Conv2D((1, 4, 4), 1, 3).backward(np.ones((1, 1, 2, 2)))


@pytest.mark.parametrize("layer", [cv.Conv2D((1, 4, 4), 2, 3, rng=0), cv.MaxPool2D((1, 4, 4)),
                                   cv.AvgPool2D((1, 4, 4))])
def test_public_backward_returns_the_shape_forward_was_given(rng, layer):
    for X in (rng.normal(size=(2, 16)), rng.normal(size=(2, 1, 4, 4))):
        Y = layer.forward(X)
        assert layer.backward(np.ones_like(Y)).shape == X.shape


# --------------------------------------------------------------------------
# 1-D and causal convolution, receptive field
# --------------------------------------------------------------------------


def _numpy_conv1d(X, K, b, stride, padding, dilation):
    """Oracle: np.correlate ('valid') of each zero-padded channel with the dilated kernel
    (zeros inserted between taps), summed over channels, every stride-th output kept."""
    n, c, _ = X.shape
    f, _, k = K.shape
    Kd = np.zeros((f, c, dilation * (k - 1) + 1))
    Kd[:, :, ::dilation] = K
    Xp = np.pad(X, ((0, 0), (0, 0), (padding, padding)))
    out = np.array([[sum(np.correlate(Xp[i, ch], Kd[j, ch], mode="valid") for ch in range(c))
                     for j in range(f)] for i in range(n)])
    return out[:, :, ::stride] + b[:, None]


@st.composite
def conv1d_cases(draw):
    k, dilation = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    padding, stride = draw(st.integers(0, 3)), draw(st.integers(1, 3))
    span = dilation * (k - 1) + 1
    low = max(1, span - 2 * padding)
    length = draw(st.integers(low, low + 8))
    n, c, f = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    return (n, c, length), (f, c, k), stride, padding, dilation, draw(st.integers(0, 2**32 - 1))


@settings(max_examples=60, deadline=None)
@given(conv1d_cases())
def test_conv1d_matches_numpy_correlate(case):
    xs, ks, stride, padding, dilation, seed = case
    g = np.random.default_rng(seed)
    X, K, b = g.normal(size=xs), g.normal(size=ks), g.normal(size=ks[0])
    Y = cv.conv1d(X, K, b, stride=stride, padding=padding, dilation=dilation)
    np.testing.assert_allclose(Y, _numpy_conv1d(X, K, b, stride, padding, dilation),
                               rtol=1e-10, atol=1e-10)
    assert Y.shape[2] == cv.conv_output_size(xs[2], ks[2], stride, padding, dilation)


@settings(max_examples=40, deadline=None)
@given(k=st.integers(1, 4), dilation=st.integers(1, 4), length=st.integers(1, 12),
       seed=st.integers(0, 2**32 - 1))
def test_causal_conv1d_is_numpy_convolve_with_the_flipped_dilated_kernel(k, dilation, length,
                                                                         seed):
    # y_t = sum_u K_u x_{t - D(k-1-u)} = (x * w)_t for w_j = K_{k-1-j/D}: np.convolve's
    # 'full' output, first L entries (np.convolve flips its second argument)
    g = np.random.default_rng(seed)
    x, kern = g.normal(size=length), g.normal(size=k)
    w = np.zeros(dilation * (k - 1) + 1)
    w[::dilation] = kern[::-1]
    y = cv.causal_conv1d(x[None, None], kern[None, None], dilation=dilation)[0, 0]
    np.testing.assert_allclose(y, np.convolve(x, w)[:length], rtol=1e-10, atol=1e-12)


def test_causal_conv1d_never_reads_the_future(rng):
    X, K = rng.normal(size=(2, 3, 10)), rng.normal(size=(4, 3, 3))
    Y = cv.causal_conv1d(X, K, dilation=2)
    t0 = 6
    X2 = X.copy()
    X2[:, :, t0] += 1.0
    Y2 = cv.causal_conv1d(X2, K, dilation=2)
    np.testing.assert_array_equal(Y2[:, :, :t0], Y[:, :, :t0])     # earlier outputs unchanged
    assert np.all(np.abs(Y2[:, :, t0] - Y[:, :, t0]) > 0)          # y_t reads x_t itself


def test_conv1d_by_hand():
    # x = (1, 2, 4, 8), kernel (-1, 1): differences 1, 2, 4; dilation 2: x[t+2] - x[t] = 3, 6
    x = np.array([[[1.0, 2.0, 4.0, 8.0]]])
    assert cv.conv1d(x, [[[-1.0, 1.0]]]).tolist() == [[[1.0, 2.0, 4.0]]]
    assert cv.conv1d(x, [[[-1.0, 1.0]]], dilation=2).tolist() == [[[3.0, 6.0]]]
    # padding 1, stride 2 over (0, 1, 2, 4, 8, 0) with (1, 1): 0+1, 2+4, 8+0
    assert cv.conv1d(x, [[[1.0, 1.0]]], padding=1, stride=2).tolist() == [[[1.0, 6.0, 8.0]]]
    # causal, kernel (1, 1), dilation 2: x_t + x_{t-2} = 1, 2, 1 + 4, 2 + 8
    assert cv.causal_conv1d(x, [[[1.0, 1.0]]], dilation=2).tolist() == [[[1.0, 2.0, 5.0, 10.0]]]


@settings(max_examples=20, deadline=None)
@given(conv1d_cases())
def test_conv1d_backward_matches_finite_differences(case):
    xs, ks, stride, padding, dilation, seed = case
    g = np.random.default_rng(seed)
    X, K = g.normal(size=xs), g.normal(size=ks)
    conf = dict(stride=stride, padding=padding, dilation=dilation)
    G = g.normal(size=cv.conv1d(X, K, **conf).shape)
    dX, dK, db = cv.conv1d_backward(G, X, K, **conf)
    np.testing.assert_allclose(dX, numerical_gradient(lambda v: np.sum(G * cv.conv1d(v, K, **conf)),
                                                      X), atol=1e-7)
    np.testing.assert_allclose(dK, numerical_gradient(lambda v: np.sum(G * cv.conv1d(X, v, **conf)),
                                                      K), atol=1e-7)
    b0 = np.zeros(ks[0])
    np.testing.assert_allclose(db, numerical_gradient(
        lambda v: np.sum(G * cv.conv1d(X, K, v, **conf)), b0), atol=1e-7)


@pytest.mark.parametrize("dilation", [1, 2, 3])
def test_causal_conv1d_backward_matches_finite_differences(rng, dilation):
    X, K, b = rng.normal(size=(2, 2, 7)), rng.normal(size=(3, 2, 3)), rng.normal(size=3)
    G = rng.normal(size=(2, 3, 7))
    dX, dK, db = cv.causal_conv1d_backward(G, X, K, dilation=dilation)

    def loss(X_, K_, b_):
        return np.sum(G * cv.causal_conv1d(X_, K_, b_, dilation=dilation))

    np.testing.assert_allclose(dX, numerical_gradient(lambda v: loss(v, K, b), X), atol=1e-7)
    np.testing.assert_allclose(dK, numerical_gradient(lambda v: loss(X, v, b), K), atol=1e-7)
    np.testing.assert_allclose(db, numerical_gradient(lambda v: loss(X, K, v), b), atol=1e-7)


def _measured_receptive_field(n_layers, kernel_size, dilation_base, length=80):
    """How many inputs the last output of a stack of causal convolutions depends on,
    read off the backward pass: the inputs that receive a nonzero gradient."""
    X, kernels = np.ones((1, 1, length)), []
    for l in range(n_layers):
        kernels.append((np.ones((1, 1, kernel_size)), dilation_base**l))
        X = cv.causal_conv1d(X, kernels[-1][0], dilation=kernels[-1][1])
    dY = np.zeros((1, 1, length))
    dY[0, 0, -1] = 1.0
    for K, d in reversed(kernels):
        dY, _, _ = cv.causal_conv1d_backward(dY, np.ones((1, 1, length)), K, dilation=d)
    return int(np.count_nonzero(dY))


def _field(n_layers, kernel_size, base):
    return 1 + (kernel_size - 1) * sum(base**l for l in range(n_layers))


STACKS = [(n, k, b) for n in range(7) for k, b in [(2, 2), (2, 1), (3, 2), (3, 3)]
          if _field(n, k, b) <= 80]          # fits in the measured sequence of 80 steps


@pytest.mark.parametrize("n_layers, kernel_size, base", STACKS)
def test_receptive_field_matches_the_stack_and_doubles_with_dilation(n_layers, kernel_size,
                                                                      base):
    expected = _field(n_layers, kernel_size, base)
    assert cv.receptive_field(n_layers, kernel_size, base) == expected
    assert _measured_receptive_field(n_layers, kernel_size, base) == expected
    if (kernel_size, base) == (2, 2):
        assert expected == 2**n_layers
    if base == 1:
        assert expected == 1 + n_layers * (kernel_size - 1)     # linear, as the notes say


@pytest.mark.parametrize("call, message", [
    (lambda: cv.conv1d(np.ones((1, 1, 3)), np.ones((1, 1, 5))), "kernel_size must fit"),
    (lambda: cv.conv1d(np.ones((1, 1, 3)), np.ones((1, 1, 2)), stride=0), "stride"),
    (lambda: cv.conv1d(np.ones((1, 2, 3)), np.ones((1, 1, 2))), "channels"),
    (lambda: cv.conv1d(np.ones((1, 1, 3, 3)), np.ones((1, 1, 2))), "X"),
    (lambda: cv.causal_conv1d(np.full((1, 1, 3), np.nan), np.ones((1, 1, 2))), "X"),
    (lambda: cv.causal_conv1d(np.ones((1, 1, 3)), np.ones((2, 1, 2)), b=np.ones(3)), "b must"),
    (lambda: cv.causal_conv1d(np.ones((1, 1, 3)), np.ones((1, 1, 2)), dilation=0), "dilation"),
    (lambda: cv.causal_conv1d_backward(np.ones((1, 1, 2)), np.ones((1, 1, 3)),
                                       np.ones((1, 1, 2))), "dY must have the shape"),
    (lambda: cv.conv1d_backward(np.ones((1, 1, 3)), np.ones((1, 1, 3)), np.ones((1, 1, 2))),
     "dY must have the shape"),
    (lambda: cv.receptive_field(-1), "n_layers"),
    (lambda: cv.receptive_field(3, kernel_size=0), "kernel_size"),
])
def test_1d_bad_input_is_refused_with_a_clear_message(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


# --------------------------------------------------------------------------
# Data augmentation by one-pixel shifts
# --------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 3), st.integers(1, 6), st.integers(1, 6), st.integers(1, 4),
       st.integers(0, 2**32 - 1))
def test_shift_augment_matches_scipy_ndimage_shift(c, h, w, n, seed):
    """Oracle: scipy.ndimage.shift by whole pixels (order 0), zeros entering at the border."""
    from scipy.ndimage import shift

    X = np.random.default_rng(seed).normal(size=(n, c * h * w))
    y = np.arange(n)
    X_aug, y_aug = cv.shift_augment(X, y, (c, h, w))
    assert X_aug.shape == (5 * n, c * h * w)
    np.testing.assert_array_equal(X_aug[:n], X)
    np.testing.assert_array_equal(y_aug, np.tile(y, 5))
    images = X.reshape(n, c, h, w)
    for k, (dr, dc) in enumerate(cv.ONE_PIXEL_SHIFTS, start=1):
        want = shift(images, (0, 0, dr, dc), order=0, mode="constant", cval=0.0)
        np.testing.assert_array_equal(X_aug[k * n:(k + 1) * n].reshape(n, c, h, w), want)


def test_shift_augment_by_hand_and_keeps_most_of_the_ink_of_the_digits():
    """A 3x3 image with one lit pixel at (0, 1): each copy moves it by one, or loses it."""
    X = np.zeros((1, 9))
    X[0, 1] = 1.0
    X_aug, _ = cv.shift_augment(X, [3], (1, 3, 3))
    lit = [tuple(np.argwhere(img.reshape(3, 3)).ravel()) for img in X_aug]
    assert lit == [(0, 1), (1, 1), (), (0, 2), (0, 0)]
    # the digits' borders are mostly empty: a shift keeps most of the ink, never adds any
    from sklearn.datasets import load_digits

    digits = load_digits().data[:50]
    X_aug, _ = cv.shift_augment(digits, np.zeros(50), (1, 8, 8))
    kept = X_aug.reshape(5, 50, 64).sum(axis=2) / digits.sum(axis=1)
    assert np.median(kept) == 1.0 and kept.mean() > 0.9 and np.all(kept <= 1 + 1e-12)


@pytest.mark.parametrize("call, message", [
    (lambda: cv.shift_augment(np.zeros((2, 63)), [0, 1], (1, 8, 8)), "X must have 64 columns"),
    (lambda: cv.shift_augment(np.zeros((2, 64)), [0, 1, 2], (1, 8, 8)), "same number"),
    (lambda: cv.shift_augment(np.zeros((2, 64)), [0, 1], (8, 8)), "image_shape must be"),
    (lambda: cv.shift_augment(np.full((1, 4), np.nan), [0], (1, 2, 2)), "X"),
])
def test_shift_augment_bad_input_is_refused(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


# --------------------------------------------------------------------------
# Conv1D, the layer
# --------------------------------------------------------------------------


@pytest.mark.parametrize("conf", [dict(), dict(stride=2, padding=1, dilation=2),
                                  dict(causal=True, dilation=2)])
def test_conv1d_layer_backward_matches_finite_differences_in_a_network(conf):
    """Conv1D -> tanh -> Flatten -> Dense: every parameter's gradient against central
    differences of the network's loss, and the input gradient against those of the layer."""
    g = np.random.default_rng(0)
    conv = cv.Conv1D((2, 9), 3, 3, rng=1, **conf)
    net = nn.Sequential([conv, nn.Activation("tanh"), cv.Flatten(),
                         nn.Dense(conv.n_out, 2, rng=2)])
    X, y = g.normal(size=(4, 18)), np.array([0, 1, 1, 0])
    net.loss_and_grads(X, y)
    for name, w in net.params.items():
        def loss_at(v, name=name, w=w):
            saved = w.copy()
            w[...] = v
            value = net.loss(X, y, training=True)
            w[...] = saved
            return value
        np.testing.assert_allclose(net.grads[name], numerical_gradient(loss_at, w.copy()),
                                   atol=1e-7)
    G = g.normal(size=(4,) + conv.output_shape)
    conv.forward(X)
    dX = conv.backward(G)
    np.testing.assert_allclose(dX, numerical_gradient(lambda v: np.sum(G * conv.forward(v)), X),
                               atol=1e-7)


def test_conv1d_layer_is_the_function_and_its_shapes_follow_the_formula():
    g = np.random.default_rng(3)
    X = g.normal(size=(2, 3, 11))
    plain = cv.Conv1D((3, 11), 4, 3, stride=2, padding=1, dilation=2, rng=0)
    np.testing.assert_array_equal(
        plain.forward(X), cv.conv1d(X, plain.params["K"], plain.params["b"], stride=2,
                                    padding=1, dilation=2))
    assert plain.output_shape == (4, cv.conv_output_size(11, 3, stride=2, padding=1,
                                                         dilation=2))
    causal = cv.Conv1D((3, 11), 4, 2, dilation=4, causal=True, rng=0)
    np.testing.assert_array_equal(causal.forward(X.reshape(2, -1)),
                                  cv.causal_conv1d(X, causal.params["K"], dilation=4))
    assert causal.output_shape == (4, 11) and causal.n_params == 4 * 3 * 2 + 4


@pytest.mark.parametrize("call, message", [
    (lambda: cv.Conv1D((1, 4), 2, 7), "kernel_size must fit"),
    (lambda: cv.Conv1D((1, 8), 2, 3, padding=1, causal=True), "padding must be 0"),
    (lambda: cv.Conv1D((1, 8), 2, 3, stride=0), "stride"),
    (lambda: cv.Conv1D((1, 8, 8), 2, 3), "input_shape must be a tuple"),
    (lambda: cv.Conv1D((1, 8), 2, 3).forward(np.zeros((2, 7))), "X must have 8 columns"),
    (lambda: cv.Conv1D((1, 8), 2, 3).forward(np.zeros((2, 2, 8))), r"X must have shape"),
    (lambda: cv.Conv1D((1, 8), 2, 3).backward(np.zeros((2, 2, 6))), "needs a training-mode"),
])
def test_conv1d_layer_bad_input_is_refused(call, message):
    with pytest.raises((ValueError, TypeError, RuntimeError), match=message):
        call()


def test_l2_penalty_shrinks_the_kernels_of_conv_layers(rng):
    net = _small_cnn()
    X, y = rng.normal(size=(5, 36)), rng.integers(0, 3, size=5)
    weights = (np.sum(net.layers[0].params["K"] ** 2) + np.sum(net.layers[3].params["K"] ** 2)
               + np.sum(net.layers[7].params["W"] ** 2))
    assert net.loss(X, y, l2=0.2) == pytest.approx(net.loss(X, y) + 0.5 * 0.2 * weights / 5)
    errors = nn.gradient_check(net, X, y, l2=0.2)
    assert max(errors.values()) < 1e-6
    seq = nn.Sequential([cv.Conv1D((2, 9), 3, 3, causal=True, rng=1), cv.Flatten(),
                         nn.Dense(27, 2, rng=2)])
    Xs, ys = rng.normal(size=(4, 18)), rng.integers(0, 2, size=4)
    kernels = np.sum(seq.layers[0].params["K"] ** 2) + np.sum(seq.layers[2].params["W"] ** 2)
    assert seq.loss(Xs, ys, l2=0.2) == pytest.approx(seq.loss(Xs, ys) + 0.5 * 0.2 * kernels / 4)
    assert max(nn.gradient_check(seq, Xs, ys, l2=0.2).values()) < 1e-6
