r"""Regularization for neural networks: penalties, constraints, noise, soft labels,
augmented data and ensembles, and a training loop that applies them.

Penalties on a weight array :math:`w` (their gradients are ``*_grad``):

.. math::
    \Omega_{L1} = \lambda \sum_i |w_i|, \qquad
    \Omega_{L2} = \frac{\lambda}{2} \sum_i w_i^2, \qquad
    \Omega_{EN} = \lambda\Bigl(\rho \sum_i |w_i| + \frac{1 - \rho}{2} \sum_i w_i^2\Bigr)

Weight decay shrinks the weights in the update itself, :math:`w \leftarrow w -
\eta\,\nabla L - \eta\lambda w`. For plain SGD that is the L2 penalty's step; for
Adam it is not (:class:`~mlcheatsheet.optimization.optimizers.AdamW`). A max-norm
constraint rescales every unit's incoming weights to a norm of at most :math:`c`
after each step. :class:`GaussianNoise` perturbs a layer's input in training;
:func:`smooth_labels` replaces one-hot targets by :math:`(1-\varepsilon)e_y +
\varepsilon/K`; :func:`augment_digits` makes shifted, flipped or noisy copies of 8×8
images; :func:`ensemble_proba` averages several networks' probabilities.
"""

import numpy as np

from .._validation import (
    flag,
    integer,
    interval,
    matrix,
    nonnegative,
    optional,
    options,
    positive,
    probability,
    rng,
    validate,
)
from ..optimization.optimizers import _optimizer, _unchecked
from .activations import _log_softmax, _softmax
from .network import (
    Dense,
    History,
    Layer,
    _any_array,
    _labels_for,
    _leaves,
    _network,
    _training_set,
    _validation_set,
)

__all__ = [
    "PENALTIES",
    "l1_penalty",
    "l1_penalty_grad",
    "l2_penalty",
    "l2_penalty_grad",
    "elastic_net_penalty",
    "elastic_net_penalty_grad",
    "max_norm",
    "GaussianNoise",
    "smooth_labels",
    "augment_digits",
    "ensemble_proba",
    "fit_regularized",
]

_W = matrix


@validate(w=_W, lam=nonnegative)
def l1_penalty(w, lam):
    r""":math:`\lambda \sum |w_i|`.

    Examples
    --------
    >>> l1_penalty([[1.0, -2.0]], 0.5)
    1.5
    """
    return float(lam * np.sum(np.abs(w)))


@validate(w=_W, lam=nonnegative)
def l1_penalty_grad(w, lam):
    r""":math:`\lambda\,\operatorname{sign}(w)` (0 at :math:`w = 0`, a subgradient).

    Examples
    --------
    >>> l1_penalty_grad([[1.0, -2.0, 0.0]], 0.5).tolist()
    [[0.5, -0.5, 0.0]]
    """
    return lam * np.sign(w)


@validate(w=_W, lam=nonnegative)
def l2_penalty(w, lam):
    r""":math:`\frac{\lambda}{2} \sum w_i^2`.

    Examples
    --------
    >>> l2_penalty([[1.0, -2.0]], 0.5)
    1.25
    """
    return float(0.5 * lam * np.sum(w * w))


@validate(w=_W, lam=nonnegative)
def l2_penalty_grad(w, lam):
    r""":math:`\lambda w`.

    Examples
    --------
    >>> l2_penalty_grad([[1.0, -2.0]], 0.5).tolist()
    [[0.5, -1.0]]
    """
    return lam * w


@validate(w=_W, lam=nonnegative, l1_ratio=probability)
def elastic_net_penalty(w, lam, l1_ratio=0.5):
    r""":math:`\lambda\bigl(\rho\sum|w_i| + \frac{1-\rho}{2}\sum w_i^2\bigr)`, :math:`\rho` = ``l1_ratio``.

    Examples
    --------
    >>> elastic_net_penalty([[1.0, -2.0]], 1.0, l1_ratio=0.5)     # 0.5 * 3 + 0.25 * 5
    2.75
    """
    return float(lam * (l1_ratio * np.sum(np.abs(w)) + 0.5 * (1 - l1_ratio) * np.sum(w * w)))


@validate(w=_W, lam=nonnegative, l1_ratio=probability)
def elastic_net_penalty_grad(w, lam, l1_ratio=0.5):
    r""":math:`\lambda\bigl(\rho\,\operatorname{sign}(w) + (1 - \rho)\,w\bigr)`.

    Examples
    --------
    >>> elastic_net_penalty_grad([[1.0, -2.0]], 1.0).tolist()
    [[1.0, -1.5]]
    """
    return lam * (l1_ratio * np.sign(w) + (1 - l1_ratio) * w)


PENALTIES = {
    "l1": (l1_penalty, l1_penalty_grad),
    "l2": (l2_penalty, l2_penalty_grad),
    "elastic_net": (elastic_net_penalty, elastic_net_penalty_grad),
}
"""Penalty name -> ``(penalty, gradient)``."""


@validate(W=matrix, c=positive)
def max_norm(W, c):
    r"""Rescale every column of ``W`` (one unit's incoming weights) to a norm of at most ``c``.

    .. math:: w_{:,j} \leftarrow w_{:,j} \cdot \min\bigl(1, c / \lVert w_{:,j}\rVert\bigr)

    Examples
    --------
    >>> max_norm([[3.0, 0.3], [4.0, 0.4]], 1.0).tolist()      # norms 5 and 0.5
    [[0.6, 0.3], [0.8, 0.4]]
    """
    norms = np.linalg.norm(W, axis=0)
    return W * np.minimum(1.0, c / np.maximum(norms, 1e-300))


class GaussianNoise(Layer):
    r"""Add :math:`\mathcal N(0, \sigma^2)` noise to the input in training; identity at inference.

    Parameters
    ----------
    std : float
        :math:`\sigma`.
    rng : numpy.random.Generator or int, optional

    Examples
    --------
    >>> layer = GaussianNoise(0.5, rng=0)
    >>> Y = layer.forward(np.zeros((2000, 1)))
    >>> round(float(Y.std()), 1), layer.forward(np.ones((1, 1)), training=False).tolist()
    (0.5, [[1.0]])
    """

    @validate(std=positive, rng=optional(rng))
    def __init__(self, std, rng=None):
        super().__init__()
        self.std = std
        self.rng = np.random.default_rng() if rng is None else rng

    def __repr__(self):
        return f"GaussianNoise({self.std})"

    def _forward(self, X, training):
        return X + self.rng.normal(0.0, self.std, size=X.shape) if training else X

    def _backward(self, dY):
        return dY


def _labels_in(args):
    """Relation: ``y`` holds labels ``0 .. n_classes - 1``."""
    return {"y": _labels_for(args["n_classes"])(args["y"], "y")}


_N_CLASSES, _EPS = integer(minimum=2, maximum=2**20), interval(0, 1)


@validate(_labels_in, y=_any_array, n_classes=_N_CLASSES, eps=_EPS)
def smooth_labels(y, n_classes, eps=0.1):
    r"""Smoothed one-hot targets :math:`(1 - \varepsilon)\,e_y + \varepsilon / K`.

    Examples
    --------
    >>> smooth_labels([1], 4, eps=0.2).tolist()
    [[0.05, 0.85, 0.05, 0.05]]
    """
    return (1 - eps) * np.eye(n_classes)[y] + eps / n_classes


def _images(args):
    """Relation: ``X`` holds flattened 8×8 images, one per row."""
    if args["X"].shape[1] != 64:
        raise ValueError(f"X must hold flattened 8x8 images (64 columns); got shape "
                         f"{args['X'].shape}")


_SHIFT = integer(maximum=7)


@validate(_images, X=matrix, rng=rng, max_shift=_SHIFT, flip=flag, noise=nonnegative)
def augment_digits(X, rng, max_shift=1, flip=False, noise=0.0):
    """One augmented copy of each 8×8 image: a random shift, optional flip, Gaussian noise.

    Each image moves by a random whole number of pixels in ``-max_shift .. max_shift``
    in each direction (pixels shifted in are 0); with ``flip`` each is mirrored left to
    right with probability 1/2; ``noise`` is the standard deviation of added noise.

    Examples
    --------
    >>> X = np.zeros((1, 64)); X[0, 27] = 1.0                  # pixel (3, 3)
    >>> moved = augment_digits(X, rng=0, max_shift=1)
    >>> float(moved.sum()), moved.shape
    (1.0, (1, 64))
    """
    images = X.reshape(-1, 8, 8)
    out = np.zeros_like(images)
    shifts = rng.integers(-max_shift, max_shift + 1, size=(len(X), 2))
    for i, (dy, dx) in enumerate(shifts):
        src = images[i][max(0, -dy):8 - max(0, dy), max(0, -dx):8 - max(0, dx)]
        top, left = max(0, dy), max(0, dx)
        out[i][top:top + src.shape[0], left:left + src.shape[1]] = src
    if flip:
        mirror = rng.random(len(X)) < 0.5
        out[mirror] = out[mirror][:, :, ::-1]
    if noise:
        out = out + rng.normal(0.0, noise, size=out.shape)
    return out.reshape(len(X), 64)


def _networks(value, name):
    """Spec: a non-empty list of networks with the same input and output widths."""
    if not isinstance(value, (list, tuple)) or not value:
        raise TypeError(f"{name} must be a non-empty list of Sequential networks; got "
                        f"{type(value).__name__} {value!r}"[:200])
    nets = [_network(v, f"{name}[{i}]") for i, v in enumerate(value)]
    if len({(n.n_in, n.n_out) for n in nets}) > 1:
        raise ValueError(f"{name} must share their input and output widths; got "
                         f"{[(n.n_in, n.n_out) for n in nets]}")
    return nets


_networks.kind = "networks"


def _fits_ensemble(args):
    net = args["nets"][0]
    if net.n_in is not None and args["X"].shape[1] != net.n_in:
        raise ValueError(f"X must have {net.n_in} features (columns); got shape "
                         f"{args['X'].shape}")


@validate(_fits_ensemble, nets=_networks, X=matrix)
def ensemble_proba(nets, X):
    r"""The average of the networks' class probabilities, :math:`\frac1M \sum_m p_m(x)`.

    Examples
    --------
    >>> from mlcheatsheet.neural_networks.network import Sequential
    >>> a, b = Sequential([Dense(1, 2, rng=0)]), Sequential([Dense(1, 2, rng=1)])
    >>> a.params = {"0.W": np.array([[1.0, -1.0]]), "0.b": np.zeros(2)}
    >>> b.params = {"0.W": np.array([[-1.0, 1.0]]), "0.b": np.zeros(2)}
    >>> ensemble_proba([a, b], np.array([[3.0]])).round(6).tolist()
    [[0.5, 0.5]]
    """
    return np.mean([_softmax(n._forward(X, False), -1) for n in nets], axis=0)


def _soft_cross_entropy(logits, targets):
    """Mean cross-entropy against target distributions, and its gradient."""
    n = len(logits)
    return (float(-np.sum(targets * _log_softmax(logits, -1)) / n),
            (_softmax(logits, -1) - targets) / n)


def _penalty(name, W, lam, l1_ratio, which):
    fn = PENALTIES[name][which].__wrapped__
    return fn(W, lam, l1_ratio) if name == "elastic_net" else fn(W, lam)


def _classifier(args):
    """Relation: a softmax cross-entropy network, and ``y`` fits it."""
    if args["net"].loss_name != "cross_entropy":
        raise ValueError(f"net must be a classifier (loss='cross_entropy'); got "
                         f"loss={args['net'].loss_name!r}")
    return _training_set(args)


_FIT = dict(net=_network, X=matrix, y=_any_array, optimizer=_optimizer,
            n_epochs=integer(minimum=1), batch_size=integer(minimum=1), rng=optional(rng),
            X_val=optional(matrix), y_val=optional(_any_array),
            penalty=options("none", *PENALTIES), lam=nonnegative, l1_ratio=probability,
            c=optional(positive), label_smoothing=interval(0, 1), _t=_classifier,
            _v=_validation_set)


@validate(**_FIT)
def fit_regularized(net, X, y, optimizer, n_epochs=10, batch_size=32, rng=None, X_val=None,
                    y_val=None, penalty="none", lam=0.0, l1_ratio=0.5, c=None,
                    label_smoothing=0.0):
    r"""Train a classifier like :func:`~mlcheatsheet.neural_networks.network.fit`, with a
    penalty, a max-norm constraint and label smoothing.

    Each step: forward in training mode, the cross-entropy against the (smoothed)
    targets, backpropagation, the penalty's gradient added to every dense layer's
    ``W`` (the penalty is on the mean loss, not divided by the batch size), one
    optimizer step, then :func:`max_norm` with ``c``. Noise and dropout are layers
    of ``net``; weight decay is an optimizer (``AdamW``). The history records the
    cross-entropy against the true labels (without the penalty, so that runs with
    different regularizers compare) and the accuracy.

    Parameters
    ----------
    net : Sequential
        A ``"cross_entropy"`` network.
    X, y, optimizer, n_epochs, batch_size, rng, X_val, y_val
        As for :func:`~mlcheatsheet.neural_networks.network.fit` (no early stopping).
    penalty : {"none", "l1", "l2", "elastic_net"}, default="none"
    lam : float, default=0.0
    l1_ratio : float in [0, 1], default=0.5
    c : float, optional
        The max-norm bound.
    label_smoothing : float in [0, 1), default=0.0

    Returns
    -------
    History

    Examples
    --------
    >>> from mlcheatsheet.neural_networks.network import Activation, Sequential
    >>> from mlcheatsheet.optimization.optimizers import Adam
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> net = Sequential([Dense(2, 8, rng=0), Activation("tanh"), Dense(8, 2, rng=1)])
    >>> h = fit_regularized(net, X, [0, 1, 1, 0], Adam(lr=0.05), n_epochs=300, batch_size=4,
    ...                     penalty="l2", lam=1e-3, c=3.0, label_smoothing=0.1)
    >>> h.train_accuracy[-1]
    1.0
    """
    step, history = _unchecked(optimizer.step), History()
    K = net.n_out
    for epoch in range(1, n_epochs + 1):
        order = np.arange(len(X)) if rng is None else rng.permutation(len(X))
        for i in range(0, len(X), batch_size):
            batch = order[i:i + batch_size]
            targets = (1 - label_smoothing) * np.eye(K)[y[batch]] + label_smoothing / K
            net._backward(_soft_cross_entropy(net._forward(X[batch], True), targets)[1])
            for _, layer in _leaves(net.layers):
                if isinstance(layer, Dense) and penalty != "none":
                    layer.grads["W"] = layer.grads["W"] + _penalty(
                        penalty, layer.params["W"], lam, l1_ratio, 1)
            net.params = step(net.params, net.grads)
            for _, layer in _leaves(net.layers):
                if isinstance(layer, Dense) and c is not None:
                    layer.params["W"] = max_norm.__wrapped__(layer.params["W"], c)
        history.best_epoch = epoch
        for Xs, ys, losses, accs in [(X, y, history.train_loss, history.train_accuracy),
                                     (X_val, y_val, history.val_loss, history.val_accuracy)]:
            if Xs is not None:
                logits = net._forward(Xs, False)
                losses.append(_soft_cross_entropy(logits, np.eye(K)[ys])[0])
                accs.append(float(np.mean(logits.argmax(axis=1) == ys)))
    return history
