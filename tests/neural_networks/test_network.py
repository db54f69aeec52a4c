"""Tests of mlcheatsheet.neural_networks.network: finite-difference checks of every layer and
of whole networks, scikit-learn's MLPClassifier as an oracle, a hand-worked SGD step, errors."""

import math
import warnings

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from _gradcheck import numerical_gradient
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.neural_networks.activations import ELEMENTWISE
from mlcheatsheet.optimization.optimizers import SGD, Adam, Momentum
from mlcheatsheet.optimization.schedules import StepDecay

TOL = 1e-6


def rel_err(a, b):
    scale = max(np.linalg.norm(a) + np.linalg.norm(b), 1e-8)  # both zero up to rounding: agree
    return float(np.linalg.norm(a - b) / scale)


def check_layer(layer, X, rng, training=True):
    """dX and every parameter gradient of ``layer`` against central differences of
    L = sum(R * layer(X)) for a random R."""
    Y = layer.forward(X, training=training)
    R = rng.normal(size=Y.shape)
    dX = layer.backward(R)
    grads = {k: v.copy() for k, v in layer.grads.items()}

    def loss_of_x(x):
        return float(np.sum(R * layer.forward(x, training=training)))

    assert rel_err(dX, numerical_gradient(loss_of_x, X)) <= TOL
    for name, w in layer.params.items():
        def loss_of_w(v, name=name, w=w):
            saved = w.copy()
            w[...] = v
            value = float(np.sum(R * layer.forward(X, training=training)))
            w[...] = saved
            return value

        assert rel_err(grads[name], numerical_gradient(loss_of_w, w.copy())) <= TOL, name
    return dX


# ------------------------------------------------------------------ each layer's backward


def test_dense_backward_by_finite_differences(rng):
    check_layer(nn.Dense(4, 3, rng=rng), rng.normal(size=(5, 4)), rng)


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_activation_backward_by_finite_differences(name, rng):
    X = rng.normal(size=(6, 3))
    X[np.abs(X) < 1e-3] = 0.5  # keep away from the kinks of relu and friends
    check_layer(nn.Activation(name), X, rng)


def test_dropout_backward_with_a_fixed_mask(rng):
    layer = nn.Dropout(0.4, rng=1)
    X = rng.normal(size=(8, 5))
    layer.forward(X)
    layer.frozen = True
    mask = layer.mask.copy()
    check_layer(layer, X, rng)
    assert np.array_equal(layer.mask, mask)
    assert set(np.unique(mask).round(12)) <= {0.0, round(1 / 0.6, 12)}


def test_dropout_is_inverted_its_expectation_is_the_identity():
    layer = nn.Dropout(0.3, rng=0)
    Y = layer.forward(np.ones((20000, 10)))
    assert abs(Y.mean() - 1.0) < 0.01
    assert abs(np.mean(Y == 0) - 0.3) < 0.01
    np.testing.assert_array_equal(layer.forward(np.full((2, 3), 7.0), training=False), 7.0)


def test_batch_norm_backward_in_training_mode(rng):
    layer = nn.BatchNorm(3)
    layer.params["gamma"][...] = rng.normal(size=3)
    layer.params["beta"][...] = rng.normal(size=3)
    check_layer(layer, rng.normal(loc=2.0, size=(7, 3)), rng)


def test_batch_norm_layer_is_the_optimization_chapters_code(rng):
    from mlcheatsheet.optimization.batch_norm import batch_norm_forward
    X = rng.normal(size=(6, 2))
    layer = nn.BatchNorm(2)
    expected, _ = batch_norm_forward(X, np.ones(2), np.zeros(2), 1e-5)
    np.testing.assert_array_equal(layer.forward(X), expected)


def test_residual_backward_by_finite_differences(rng):
    block = nn.Residual([nn.Dense(3, 4, rng=0), nn.Activation("tanh"), nn.Dense(4, 3, rng=1)])
    X = rng.normal(size=(5, 3))
    Y = block.forward(X)
    np.testing.assert_allclose(Y - X, block.layers[2].forward(np.tanh(block.layers[0].forward(X))))
    R = rng.normal(size=Y.shape)
    dX = block.backward(R)
    np.testing.assert_allclose(dX, numerical_gradient(lambda x: np.sum(R * block.forward(x)), X),
                               rtol=1e-6, atol=1e-9)
    assert sorted(block.grads) == ["0.W", "0.b", "2.W", "2.b"]


# ------------------------------------------------------------------ whole networks


def network_cases():
    yield "mlp", nn.Sequential([nn.Dense(4, 6, rng=0), nn.Activation("tanh"),
                                nn.Dense(6, 5, rng=1), nn.Activation("sigmoid"),
                                nn.Dense(5, 3, rng=2)])
    yield "dropout", nn.Sequential([nn.Dense(4, 6, rng=0), nn.Activation("softplus"),
                                    nn.Dropout(0.5, rng=3), nn.Dense(6, 3, rng=2)])
    yield "batchnorm", nn.Sequential([nn.Dense(4, 6, rng=0), nn.BatchNorm(6),
                                      nn.Activation("elu"), nn.Dense(6, 3, rng=2)])
    yield "residual", nn.Sequential([nn.Dense(4, 5, rng=0), nn.Residual(
        [nn.Dense(5, 5, rng=4), nn.Activation("gelu"), nn.Dense(5, 5, rng=5)]),
        nn.Activation("silu"), nn.Dense(5, 3, rng=2)])


@pytest.mark.parametrize("case", [c for c, _ in network_cases()])
def test_whole_network_gradients_by_finite_differences(case, rng):
    net = dict(network_cases())[case]
    X, y = rng.normal(size=(8, 4)), rng.integers(0, 3, size=8)
    for d in nn._dropouts(net.layers):
        d.frozen = True
    net.loss_and_grads(X, y, l2=0.3)
    analytic = {k: v.copy() for k, v in net.grads.items()}
    for name, w in net.params.items():
        def loss(v, w=w):
            saved = w.copy()
            w[...] = v
            value = net.loss(X, y, l2=0.3, training=True)
            w[...] = saved
            return value

        assert rel_err(analytic[name], numerical_gradient(loss, w.copy())) <= TOL, name
    # the library's own gradient check agrees
    errors = nn.gradient_check(net, X, y, l2=0.3)
    assert set(errors) == set(analytic) and max(errors.values()) <= TOL


def test_gradient_check_catches_a_wrong_gradient(rng, monkeypatch):
    net = nn.Sequential([nn.Dense(3, 4, rng=0), nn.Activation("sigmoid"), nn.Dense(4, 2, rng=1)])
    X, y = rng.normal(size=(5, 3)), rng.integers(0, 2, size=5)
    assert max(nn.gradient_check(net, X, y).values()) <= TOL
    # the 2017 chain rule's stray factor: multiply by f'(Z) a second time
    layer = net.layers[1]
    monkeypatch.setattr(layer, "_backward", lambda dY: dY * layer._f_grad(layer._Z) ** 2)
    errors = nn.gradient_check(net, X, y)
    assert errors["0.W"] > 0.1 and errors["2.W"] <= TOL


def test_gradient_check_restores_the_parameters_and_dropout_flags(rng):
    net = nn.Sequential([nn.Dense(3, 4, rng=0), nn.Dropout(0.5, rng=0), nn.Dense(4, 2, rng=1)])
    before = {k: v.copy() for k, v in net.params.items()}
    nn.gradient_check(net, rng.normal(size=(4, 3)), [0, 1, 0, 1])
    for k, v in net.params.items():
        np.testing.assert_array_equal(v, before[k])
    assert net.layers[1].frozen is False


# ------------------------------------------------------------------ scikit-learn oracle


def sklearn_and_ours(activation, hidden=(6, 5), alpha=0.01):
    X, y = load_iris(return_X_y=True)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    clf = MLPClassifier(hidden_layer_sizes=hidden, activation=activation, alpha=alpha,
                        max_iter=30, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X, y)
    name = {"logistic": "sigmoid", "tanh": "tanh", "relu": "relu"}[activation]
    sizes = [X.shape[1], *hidden, 3]
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Dense(a, b, rng=i))
        if i < len(hidden):
            layers.append(nn.Activation(name))
    net = nn.Sequential(layers)
    net.params = {f"{2 * i}.{k}": v for i, (W, b) in enumerate(zip(clf.coefs_, clf.intercepts_))
                  for k, v in (("W", W.copy()), ("b", b.copy()))}
    return X, y, clf, net


@pytest.mark.parametrize("activation", ["relu", "tanh", "logistic"])
def test_predict_proba_matches_mlpclassifier(activation):
    X, y, clf, net = sklearn_and_ours(activation)
    np.testing.assert_allclose(net.predict_proba(X), clf.predict_proba(X), rtol=0, atol=1e-12)
    np.testing.assert_array_equal(net.predict(X), clf.predict(X))


@pytest.mark.parametrize("activation", ["relu", "tanh", "logistic"])
def test_loss_with_l2_and_gradients_match_mlpclassifier(activation):
    X, y, clf, net = sklearn_and_ours(activation, alpha=0.3)
    Y = clf._label_binarizer.transform(y).astype(float)
    n_layers = len(clf.coefs_) + 1
    activations = [X] + [None] * (n_layers - 1)
    deltas = [None] * (n_layers - 1)
    coef_grads = [np.empty_like(W) for W in clf.coefs_]
    intercept_grads = [np.empty_like(b) for b in clf.intercepts_]
    loss, coef_grads, intercept_grads = clf._backprop(X, Y, None, activations, deltas,
                                                      coef_grads, intercept_grads)
    assert net.loss(X, y, l2=0.3) == pytest.approx(loss, rel=1e-12, abs=1e-12)
    assert net.loss_and_grads(X, y, l2=0.3) == pytest.approx(loss, rel=1e-12, abs=1e-12)
    for i, (gW, gb) in enumerate(zip(coef_grads, intercept_grads)):
        np.testing.assert_allclose(net.grads[f"{2 * i}.W"], gW, rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(net.grads[f"{2 * i}.b"], gb, rtol=1e-10, atol=1e-13)


def test_one_sgd_step_matches_mlpclassifier_partial_fit():
    X, y, clf, net = sklearn_and_ours("tanh", alpha=0.1)
    clf.set_params(solver="sgd", learning_rate_init=0.05, momentum=0.0, batch_size=len(X),
                   shuffle=False)
    del clf._optimizer  # the next partial_fit makes a new SGD optimizer; weights are ours
    clf.partial_fit(X, y)  # one full-batch step
    nn.fit(net, X, y, SGD(lr=0.05), n_epochs=1, batch_size=len(X), l2=0.1)
    for i, (W, b) in enumerate(zip(clf.coefs_, clf.intercepts_)):
        np.testing.assert_allclose(net.params[f"{2 * i}.W"], W, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(net.params[f"{2 * i}.b"], b, rtol=1e-12, atol=1e-14)


# ------------------------------------------------------------------ golden: one SGD step by hand


def test_one_sgd_step_of_a_2_2_1_network_worked_by_hand():
    # x = (1, 2), target 1; hidden sigmoid units, linear output, L = (yhat - y)^2 / 2
    W1, b1 = np.array([[0.1, 0.3], [0.2, 0.4]]), np.array([0.0, 0.1])
    W2, b2 = np.array([[0.5], [-0.5]]), np.array([0.2])
    net = nn.Sequential([nn.Dense(2, 2, rng=0), nn.Activation("sigmoid"), nn.Dense(2, 1, rng=0)],
                        loss="mse")
    net.params = {"0.W": W1.copy(), "0.b": b1.copy(), "2.W": W2.copy(), "2.b": b2.copy()}
    # by hand, scalar by scalar
    s = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    z1 = 0.1 * 1 + 0.2 * 2 + 0.0          # 0.5
    z2 = 0.3 * 1 + 0.4 * 2 + 0.1          # 1.2
    h1, h2 = s(z1), s(z2)
    yhat = 0.5 * h1 - 0.5 * h2 + 0.2
    e = yhat - 1.0                        # dL/dyhat
    d1 = e * 0.5 * h1 * (1 - h1)          # dL/dz1
    d2 = e * -0.5 * h2 * (1 - h2)         # dL/dz2
    lr = 0.5
    expected = {
        "2.W": [[0.5 - lr * e * h1], [-0.5 - lr * e * h2]],
        "2.b": [0.2 - lr * e],
        "0.W": [[0.1 - lr * d1 * 1, 0.3 - lr * d2 * 1], [0.2 - lr * d1 * 2, 0.4 - lr * d2 * 2]],
        "0.b": [0.0 - lr * d1, 0.1 - lr * d2],
    }
    assert net.loss(np.array([[1.0, 2.0]]), np.array([1.0])) == pytest.approx(e * e / 2, rel=1e-15)
    nn.fit(net, np.array([[1.0, 2.0]]), np.array([1.0]), SGD(lr=lr), n_epochs=1, batch_size=1)
    for k, v in expected.items():
        np.testing.assert_allclose(net.params[k], v, rtol=1e-14, atol=1e-16)
    # and the numbers themselves, to 6 digits (z1 = 0.5, z2 = 1.2)
    assert (round(h1, 6), round(h2, 6), round(yhat, 6)) == (0.622459, 0.768525, 0.126967)


# ------------------------------------------------------------------ training


def blobs(rng, n=120):
    centers = np.array([[0.0, 3.0], [3.0, 0.0], [-3.0, -1.0]])
    y = rng.integers(0, 3, size=n)
    return centers[y] + rng.normal(size=(n, 2)), y


def test_fit_learns_and_records_history(rng):
    X, y = blobs(rng)
    net = nn.Sequential([nn.Dense(2, 8, rng=0), nn.Activation("relu"), nn.Dense(8, 3, rng=1)])
    h = nn.fit(net, X[:80], y[:80], Momentum(lr=0.05), n_epochs=20, batch_size=16, rng=0,
               X_val=X[80:], y_val=y[80:])
    assert len(h.train_loss) == len(h.val_loss) == len(h.val_accuracy) == 20
    assert h.train_loss[-1] < h.train_loss[0] and h.val_accuracy[-1] > 0.9


def test_fit_is_deterministic_given_the_seeds(rng):
    X, y = blobs(rng)
    runs = []
    for _ in range(2):
        net = nn.Sequential([nn.Dense(2, 8, rng=0), nn.Dropout(0.2, rng=5), nn.Dense(8, 3, rng=1)])
        nn.fit(net, X, y, Adam(lr=0.01), n_epochs=3, batch_size=10, rng=7)
        runs.append(net.params)
    for k in runs[0]:
        np.testing.assert_array_equal(runs[0][k], runs[1][k])


def test_fit_follows_a_schedule_and_counts_steps(rng):
    X, y = blobs(rng, n=50)
    opt = SGD(lr=StepDecay(0.1, step_size=5, gamma=0.5))
    net = nn.Sequential([nn.Dense(2, 3, rng=0)])
    nn.fit(net, X, y, opt, n_epochs=3, batch_size=20)  # 3 batches an epoch
    assert opt.t == 9 and opt.current_lr() == pytest.approx(0.1 * 0.5 ** 1)


def test_early_stopping_restores_the_best_epoch(rng):
    X, y = blobs(rng, n=60)
    X_val, y_val = X[:30], (y[:30] + 1) % 3  # validation labels that training makes worse
    net = nn.Sequential([nn.Dense(2, 8, rng=0), nn.Activation("tanh"), nn.Dense(8, 3, rng=1)])
    h = nn.fit(net, X[30:], y[30:], Adam(lr=0.05), n_epochs=100, batch_size=10, rng=0,
               X_val=X_val, y_val=y_val, patience=3)
    assert h.stopped_early and len(h.val_loss) == h.best_epoch + 3
    assert net.loss(X_val, y_val) == pytest.approx(min(h.val_loss), rel=1e-12)


def test_summary_counts_parameters():
    net = nn.Sequential([nn.Dense(64, 32, rng=0), nn.BatchNorm(32), nn.Activation("relu"),
                         nn.Dropout(0.1), nn.Dense(32, 10, rng=0)])
    assert net.n_params == 64 * 32 + 32 + 2 * 32 + 32 * 10 + 10
    assert net.summary().endswith(f"64 -> 10, {net.n_params} parameters")


# ------------------------------------------------------------------ bad input


def test_width_mismatch_names_both_layers_and_widths():
    with pytest.raises(ValueError, match=r"layer 3 Dense\(6 -> 2\) expects 6 inputs but layer 1 "
                                         r"Dense\(3 -> 5\) gives 5 outputs"):
        nn.Sequential([nn.Dense(2, 3, rng=0), nn.Dense(3, 5, rng=0), nn.Activation("relu"),
                       nn.Dense(6, 2, rng=0)])
    with pytest.raises(ValueError, match="expects 4 inputs but layer 0"):
        nn.Sequential([nn.Dense(2, 3, rng=0), nn.BatchNorm(4)])


def test_wrong_width_at_forward_names_the_layer():
    with pytest.raises(ValueError, match=r"X must have 3 features .* Dense\(3 -> 1\); got shape"):
        nn.Dense(3, 1, rng=0).forward(np.ones((2, 4)))
    net = nn.Sequential([nn.Activation("relu"), nn.Dense(3, 1, rng=0)])
    with pytest.raises(ValueError, match=r"input width of layer 0 Activation\('relu'\)"):
        net.predict(np.ones((2, 4)))


@pytest.mark.parametrize("layer", [nn.Dense(2, 2, rng=0), nn.Activation("tanh"), nn.Dropout(0.5),
                                   nn.BatchNorm(2), nn.Residual([nn.Dense(2, 2, rng=0)])])
def test_backward_before_forward_says_so(layer):
    with pytest.raises(RuntimeError, match="needs a training-mode forward"):
        layer.backward(np.ones((3, 2)))
    layer.forward(np.ones((3, 2)), training=False)  # inference mode keeps nothing
    with pytest.raises(RuntimeError, match="needs a training-mode forward"):
        layer.backward(np.ones((3, 2)))


def test_nan_inputs_labels_out_of_range_and_dropout_rates_are_refused():
    net = nn.Sequential([nn.Dense(2, 3, rng=0)])
    with pytest.raises(ValueError, match="X"):
        net.predict_proba([[np.nan, 1.0]])
    with pytest.raises(ValueError, match=r"y must hold class labels 0 \.\. 2; got 3"):
        net.loss(np.ones((2, 2)), [0, 3])
    with pytest.raises(ValueError, match=r"y must hold class labels"):
        nn.fit(net, np.ones((2, 2)), [0, 1.5], SGD())
    with pytest.raises(ValueError, match="y must have one entry per row of X"):
        net.loss(np.ones((2, 2)), [0, 1, 2])
    for rate in (-0.1, 1.0, 1.5):
        with pytest.raises(ValueError, match="rate"):
            nn.Dropout(rate)
    with pytest.raises(ValueError, match="X_val and y_val must be given together"):
        nn.fit(net, np.ones((2, 2)), [0, 1], SGD(), X_val=np.ones((2, 2)))
    with pytest.raises(TypeError, match="layers"):
        nn.Sequential([nn.Dense(2, 2, rng=0), "relu"])
    with pytest.raises(ValueError, match="skip connection"):
        nn.Residual([nn.Dense(2, 3, rng=0)])
