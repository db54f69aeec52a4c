r"""Layers, a sequential network (a multilayer perceptron), its training loop and gradient check.

Every layer speaks one interface:

* ``forward(X, training=True)`` maps a batch ``X`` of shape ``(n_samples, n_in)``
  to ``(n_samples, n_out)`` and remembers what its backward pass needs;
* ``backward(dY)`` takes :math:`\partial L/\partial Y` and returns
  :math:`\partial L/\partial X`, storing :math:`\partial L/\partial \theta` in
  ``grads``;
* ``params`` and ``grads`` are dicts of arrays with the same keys, the structure
  that :meth:`mlcheatsheet.optimization.optimizers.Optimizer.step` updates.

:class:`Sequential` chains layers, checks at construction that each layer's input
width is the previous one's output width, and ends in a loss computed in the
numerically stable form: softmax cross-entropy straight from the logits
(through :func:`~mlcheatsheet.neural_networks.activations.log_softmax`), or half
the mean squared error. Its ``params``/``grads`` are flat dicts keyed
``"<layer index>.<name>"`` (``"0.W"``, ``"0.b"``, ``"2.gamma"``, ...).

:func:`fit` trains with mini-batches drawn through an ``rng``, any optimizer of
:mod:`mlcheatsheet.optimization.optimizers` (with a learning-rate schedule if its
``lr`` is one), an L2 penalty, early stopping on a validation set and a
:class:`History`. :func:`gradient_check` compares every analytic parameter
gradient with central differences.
"""

import copy
from dataclasses import dataclass, field

import numpy as np

from .._validation import (
    as_float_array,
    instance_of,
    flag,
    integer,
    interval,
    matrix,
    nonnegative,
    optional,
    options,
    positive,
    rng,
    size,
    validate,
)
from ..optimization import initializers
from ..optimization.batch_norm import BatchNorm as _BatchNormMath
from ..optimization.optimizers import _optimizer, _unchecked
from .activations import ACTIVATIONS, ELEMENTWISE, _log_softmax, _softmax

__all__ = [
    "Layer",
    "Dense",
    "Activation",
    "Dropout",
    "BatchNorm",
    "Residual",
    "Sequential",
    "History",
    "softmax_cross_entropy",
    "fit",
    "gradient_check",
]


# --------------------------------------------------------------------------
# Specs and relations
# --------------------------------------------------------------------------


def _layers(value, name):
    """Spec: a non-empty list or tuple of layers."""
    if not isinstance(value, (list, tuple)) or not value:
        raise TypeError(f"{name} must be a non-empty list of layers; got "
                        f"{type(value).__name__} {value!r}"[:200])
    return [_layer(v, f"{name}[{i}]") for i, v in enumerate(value)]


_layers.kind = "layers"


def _widths_chain(layers):
    """The input width of a chain of layers, checking that consecutive widths match."""
    width, source = None, None
    for i, layer in enumerate(layers):
        if layer.n_in is not None:
            if width is not None and layer.n_in != width:
                raise ValueError(f"layer {i} {layer!r} expects {layer.n_in} inputs but layer "
                                 f"{source[0]} {source[1]!r} gives {width} outputs")
        if layer.n_out is not None:
            width, source = layer.n_out, (i, layer)
    return width


def _input_width(layers):
    """The first fixed input width of a chain of layers (None if every layer adapts)."""
    for layer in layers:
        if layer.n_in is not None:
            return layer.n_in
    return None


def _fits_the_layer(args):
    """Relation: ``X`` has the width the layer was built for."""
    layer, X = args["self"], args["X"]
    if layer.n_in is not None and X.shape[1] != layer.n_in:
        raise ValueError(f"X must have {layer.n_in} features (columns) for {layer!r}; "
                         f"got shape {X.shape}")


def _after_forward(args):
    """Relation: ``backward`` comes after a training-mode ``forward`` of the same width."""
    layer, dY = args["self"], args["dY"]
    if layer._out_shape is None:
        raise RuntimeError(f"backward() of {layer!r} needs a training-mode forward() first")
    if dY.shape != layer._out_shape:
        raise ValueError(f"dY must have the shape of the last forward output "
                         f"{layer._out_shape} of {layer!r}; got {dY.shape}")


def _initializer(value, name):
    """Spec: the name of a weight initializer of :mod:`mlcheatsheet.optimization.initializers`."""
    names = sorted(set(initializers.INITIALIZERS) - {"constant"})
    return options(*names)(value, name)


_initializer.kind = "options"


# --------------------------------------------------------------------------
# Layers
# --------------------------------------------------------------------------


class Layer:
    """Base class: ``params``, ``grads``, widths ``n_in``/``n_out`` (None: any width).

    A subclass defines ``_forward(X, training)`` and ``_backward(dY)``; the public
    :meth:`forward` and :meth:`backward` check their input and call them.
    ``penalized`` names the parameters that the L2 penalty of :func:`fit` shrinks:
    the weights, never the biases.

    Examples
    --------
    >>> Layer().n_params, Layer().n_in
    (0, None)
    >>> Activation("relu").forward(np.array([[-1.0, 2.0]])).tolist()
    [[0.0, 2.0]]
    """

    n_in = n_out = None
    penalized = ()

    def __init__(self):
        self.params, self.grads = {}, {}
        self._out_shape = None

    def __repr__(self):
        return type(self).__name__ + "()"

    @validate(_fits_the_layer, X=matrix, training=flag)
    def forward(self, X, training=True):
        """Output of the layer for a batch ``X`` (kept for :meth:`backward` if ``training``).

        Examples
        --------
        >>> Dense(2, 1, rng=0).forward(np.zeros((3, 2))).tolist()
        [[0.0], [0.0], [0.0]]
        """
        Y = self._forward(X, training)
        self._out_shape = Y.shape if training else self._out_shape
        return Y

    @validate(_after_forward, dY=matrix)
    def backward(self, dY):
        """:math:`\\partial L/\\partial X` from :math:`\\partial L/\\partial Y`; fills ``grads``.

        Examples
        --------
        >>> layer = Activation("relu")
        >>> _ = layer.forward(np.array([[-1.0, 2.0]]))
        >>> layer.backward(np.array([[5.0, 5.0]])).tolist()
        [[0.0, 5.0]]
        >>> Activation("relu").backward(np.ones((1, 2)))
        Traceback (most recent call last):
        ...
        RuntimeError: backward() of Activation('relu') needs a training-mode forward() first
        """
        return self._backward(dY)

    @property
    def n_params(self):
        """Number of scalar parameters."""
        return int(sum(p.size for p in self.params.values()))


#: Spec: a :class:`Layer` instance (Dense, Activation, Dropout, BatchNorm, Residual).
_layer = instance_of(Layer, "Dense(64, 10)")


class Dense(Layer):
    r"""Affine layer :math:`Y = XW + b`, ``W`` of shape ``(n_in, n_out)``.

    .. math::
        \frac{\partial L}{\partial W} = X^\top \frac{\partial L}{\partial Y}, \quad
        \frac{\partial L}{\partial b} = \mathbf 1^\top \frac{\partial L}{\partial Y}, \quad
        \frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} W^\top

    Parameters
    ----------
    n_in, n_out : int
    rng : numpy.random.Generator or int, optional
        For the initial weights (a fresh unseeded Generator if omitted).
    init : str, default="he_normal"
        A name of :data:`mlcheatsheet.optimization.initializers.INITIALIZERS`;
        biases start at zero.

    Examples
    --------
    >>> layer = Dense(2, 3, rng=0)
    >>> layer.params["W"].shape, layer.params["b"].tolist(), layer.n_params
    ((2, 3), [0.0, 0.0, 0.0], 9)
    """

    penalized = ("W",)

    @validate(n_in=size(), n_out=size(), rng=optional(rng), init=_initializer)
    def __init__(self, n_in, n_out, rng=None, init="he_normal"):
        super().__init__()
        self.n_in, self.n_out, self.init = n_in, n_out, init
        gen = np.random.default_rng() if rng is None else rng
        self.params = {"W": initializers.INITIALIZERS[init]((n_in, n_out), gen),
                       "b": np.zeros(n_out)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def __repr__(self):
        return f"Dense({self.n_in} -> {self.n_out})"

    def _forward(self, X, training):
        self._X = X
        return X @ self.params["W"] + self.params["b"]

    def _backward(self, dY):
        self.grads = {"W": self._X.T @ dY, "b": dY.sum(axis=0)}
        return dY @ self.params["W"].T


class Activation(Layer):
    """An elementwise activation of :mod:`mlcheatsheet.neural_networks.activations` as a layer.

    ``backward`` multiplies by :math:`f'(Z)` at the layer's own input ``Z``, once.

    Parameters
    ----------
    name : str
        One of :data:`~mlcheatsheet.neural_networks.activations.ELEMENTWISE`
        (``"relu"``, ``"sigmoid"``, ``"tanh"``, ...).

    Examples
    --------
    >>> Activation("sigmoid").forward(np.zeros((1, 2))).tolist()
    [[0.5, 0.5]]
    """

    @validate(name=options(*sorted(ELEMENTWISE)))
    def __init__(self, name):
        super().__init__()
        self.name = name
        self._f, self._f_grad = (fn.__wrapped__ for fn in ACTIVATIONS[name])

    def __repr__(self):
        return f"Activation({self.name!r})"

    def _forward(self, X, training):
        self._Z = X
        return self._f(X)

    def _backward(self, dY):
        return dY * self._f_grad(self._Z)


class Dropout(Layer):
    r"""Inverted dropout: in training, zero each unit with probability ``rate`` and scale by
    :math:`1/(1-\text{rate})`, so that inference is the identity.

    Parameters
    ----------
    rate : float in [0, 1)
    rng : numpy.random.Generator or int, optional

    Attributes
    ----------
    mask : ndarray or None
        The last mask, already scaled (values 0 or :math:`1/(1-\text{rate})`).
    frozen : bool
        If True, training-mode forward passes reuse ``mask`` instead of drawing a new
        one (used by :func:`gradient_check`).

    Examples
    --------
    >>> layer = Dropout(0.5, rng=0)
    >>> Y = layer.forward(np.ones((1000, 1)))
    >>> sorted(set(Y.ravel().tolist())), bool(abs(Y.mean() - 1) < 0.1)
    ([0.0, 2.0], True)
    >>> layer.forward(np.ones((2, 1)), training=False).tolist()
    [[1.0], [1.0]]
    >>> Dropout(1.0)
    Traceback (most recent call last):
    ...
    ValueError: rate must be a number in [0, 1); got 1.0
    """

    @validate(rate=interval(0, 1), rng=optional(rng))
    def __init__(self, rate, rng=None):
        super().__init__()
        self.rate = rate
        self.rng = np.random.default_rng() if rng is None else rng
        self.mask, self.frozen = None, False

    def __repr__(self):
        return f"Dropout({self.rate})"

    def _forward(self, X, training):
        if not training:
            return X
        if not (self.frozen and self.mask is not None and self.mask.shape == X.shape):
            self.mask = (self.rng.random(X.shape) >= self.rate) / (1 - self.rate)
        return X * self.mask

    def _backward(self, dY):
        return dY * self.mask


class BatchNorm(Layer):
    """Batch normalization as a layer: :class:`mlcheatsheet.optimization.batch_norm.BatchNorm`
    (the same code), in the interface of this module.

    Parameters
    ----------
    n_features : int
    momentum : float, default=0.1
    eps : float, default=1e-5

    Examples
    --------
    >>> layer = BatchNorm(1)
    >>> layer.forward(np.array([[1.0], [3.0]])).round(3).tolist()
    [[-1.0], [1.0]]
    """

    @validate(n_features=size(), momentum=interval(0, 1, closed="both"), eps=positive)
    def __init__(self, n_features, momentum=0.1, eps=1e-5):
        super().__init__()
        self.n_in = self.n_out = n_features
        self.bn = _BatchNormMath(n_features, momentum, eps)
        self.params = self.bn.params  # the same dict: an update here is an update there

    def __repr__(self):
        return f"BatchNorm({self.n_in})"

    def _forward(self, X, training):
        return _unchecked(self.bn.forward)(X, training)

    def _backward(self, dY):
        dX = _unchecked(self.bn.backward)(dY)
        self.grads = self.bn.grads
        return dX


class Residual(Layer):
    r"""A skip connection around a chain of layers: :math:`Y = X + F(X)`.

    .. math:: \frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y}
              + \frac{\partial L}{\partial F}\,\frac{\partial F}{\partial X}

    The identity path carries the gradient back unchanged, whatever ``F`` does to it.

    Parameters
    ----------
    layers : list of Layer
        ``F``; its output width must equal its input width.

    Examples
    --------
    >>> block = Residual([Dense(2, 2, rng=0), Activation("relu")])
    >>> block.n_in, block.n_out, len(block.params)
    (2, 2, 2)
    >>> Residual([Dense(2, 3, rng=0)])
    Traceback (most recent call last):
    ...
    ValueError: layers must map a width to itself for the skip connection; got 2 -> 3
    """

    @validate(layers=_layers)
    def __init__(self, layers):
        super().__init__()
        out, width_in = _widths_chain(layers), _input_width(layers)
        if out is not None and width_in is not None and out != width_in:
            raise ValueError(f"layers must map a width to itself for the skip connection; "
                             f"got {width_in} -> {out}")
        self.layers = list(layers)
        self.n_in = self.n_out = width_in if width_in is not None else out

    def __repr__(self):
        return "Residual(" + ", ".join(map(repr, self.layers)) + ")"

    @property
    def params(self):
        return {f"{i}.{k}": v for i, l in enumerate(self.layers) for k, v in l.params.items()}

    @params.setter
    def params(self, value):  # the base class starts with {}; parameters live in the layers
        pass

    @property
    def grads(self):
        return {f"{i}.{k}": v for i, l in enumerate(self.layers) for k, v in l.grads.items()}

    @grads.setter
    def grads(self, value):
        pass

    def _forward(self, X, training):
        Y = X
        for layer in self.layers:
            Y = layer._forward(Y, training)
        return X + Y

    def _backward(self, dY):
        dF = dY
        for layer in reversed(self.layers):
            dF = layer._backward(dF)
        return dY + dF


def _leaves(layers, prefix=""):
    """``(name, layer)`` of every layer holding parameters, residual blocks opened."""
    for i, layer in enumerate(layers):
        if isinstance(layer, Residual):
            yield from _leaves(layer.layers, f"{prefix}{i}.")
        else:
            yield f"{prefix}{i}", layer


# --------------------------------------------------------------------------
# Losses on the output
# --------------------------------------------------------------------------


def _labels_for(n_classes):
    def spec(value, name):
        y = as_float_array(value, name, ndim=1)
        bad = (y != np.round(y)) | (y < 0) | (y >= n_classes)
        if np.any(bad):
            raise ValueError(f"{name} must hold class labels 0 .. {n_classes - 1}; got "
                             f"{y[bad][0]:g} at index {int(np.argmax(bad))}")
        return y.astype(int)

    return spec


def _labels(args):
    """Relation: ``y`` holds integer labels below the number of columns of ``logits``,
    one per row."""
    logits, y = args["logits"], args["y"]
    y = _labels_for(logits.shape[1])(y, "y")
    if len(y) != len(logits):
        raise ValueError(f"y must have one label per row of logits ({len(logits)}); "
                         f"got {len(y)}")
    return {"y": y}


def _any_array(value, name):
    return as_float_array(value, name)


_any_array.kind = "array"


@validate(_labels, logits=matrix, y=_any_array)
def softmax_cross_entropy(logits, y):
    r"""Mean cross-entropy of a softmax output, computed from the logits, and its gradient.

    .. math::
        L = -\frac1N \sum_i \log \operatorname{softmax}(z_i)_{y_i}, \qquad
        \frac{\partial L}{\partial z_i} = \frac1N\bigl(\operatorname{softmax}(z_i)
        - \operatorname{onehot}(y_i)\bigr)

    The log-probabilities come from ``log_softmax`` (a shifted log-sum-exp), so
    no probability is ever rounded to 0 and then logged.

    Parameters
    ----------
    logits : array_like of shape (n_samples, n_classes)
    y : array_like of int, shape (n_samples,)
        Labels in ``0 .. n_classes - 1``.

    Returns
    -------
    loss : float
    dlogits : ndarray of shape (n_samples, n_classes)

    Examples
    --------
    Equal logits give :math:`\log K`, however large they are:

    >>> loss, d = softmax_cross_entropy([[1000.0, 1000.0]], [0])
    >>> round(loss, 6), d.tolist()
    (0.693147, [[-0.5, 0.5]])
    >>> softmax_cross_entropy([[0.0, 0.0]], [2])
    Traceback (most recent call last):
    ...
    ValueError: y must hold class labels 0 .. 1; got 2 at index 0
    """
    n = len(y)
    log_p = _log_softmax(logits, -1)
    d = _softmax(logits, -1)
    d[np.arange(n), y] -= 1.0
    return float(-log_p[np.arange(n), y].mean()), d / n


def _half_mse(outputs, y):
    """Half the mean squared error over samples, summed over outputs, and its gradient."""
    n = len(y)
    r = outputs - y
    return float(0.5 * np.sum(r * r) / n), r / n


# --------------------------------------------------------------------------
# The network
# --------------------------------------------------------------------------


def _targets(args):
    """Relation: ``y`` fits the network's loss and has one entry per row of ``X``."""
    net, X, y = args["self"], args["X"], args["y"]
    if net.loss_name == "cross_entropy":
        y = _labels_for(net.n_out)(y, "y")
    else:
        y = y.reshape(-1, 1) if y.ndim == 1 and net.n_out == 1 else y
        if y.ndim != 2 or y.shape[1] != net.n_out:
            raise ValueError(f"y must have shape (n_samples, {net.n_out}) for the "
                             f"network's {net.n_out} output(s); got {y.shape}")
    if len(y) != len(X):
        raise ValueError(f"y must have one entry per row of X ({len(X)}); got {len(y)}")
    return {"y": y}


def _fits_the_network(args):
    """Relation: ``X`` has the network's input width."""
    net, X = args["self"], args["X"]
    if net.n_in is not None and X.shape[1] != net.n_in:
        raise ValueError(f"X must have {net.n_in} features (columns), the input width of "
                         f"layer 0 {net.layers[0]!r}; got shape {X.shape}")


class Sequential:
    r"""A chain of layers ending in a loss: a multilayer perceptron.

    Parameters
    ----------
    layers : list of Layer
        Consecutive widths must match; the last layer's output are the logits
        (``loss="cross_entropy"``) or the predictions (``loss="mse"``).
    loss : {"cross_entropy", "mse"}, default="cross_entropy"
        Softmax cross-entropy from the logits (:func:`softmax_cross_entropy`), or
        half the mean squared error :math:`\frac{1}{2N}\sum_i \lVert \hat y_i - y_i\rVert^2`.

    Attributes
    ----------
    params, grads : dict of ndarray
        Every layer's parameters, keyed ``"<layer>.<name>"``; assigning ``params``
        writes the arrays back into the layers.

    Examples
    --------
    >>> net = Sequential([Dense(4, 8, rng=0), Activation("relu"), Dense(8, 3, rng=1)])
    >>> net.summary()
    'Dense(4 -> 8) -> Activation(relu) -> Dense(8 -> 3): 4 -> 3, 67 parameters'
    >>> Sequential([Dense(4, 8, rng=0), Dense(5, 3, rng=0)])
    Traceback (most recent call last):
    ...
    ValueError: layer 1 Dense(5 -> 3) expects 5 inputs but layer 0 Dense(4 -> 8) gives 8 outputs
    """

    @validate(layers=_layers, loss=options("cross_entropy", "mse"))
    def __init__(self, layers, loss="cross_entropy"):
        self.n_out = _widths_chain(layers)
        if self.n_out is None:
            raise ValueError("layers must include a layer of fixed width (a Dense layer) to "
                             "fix the number of outputs")
        self.layers, self.loss_name = list(layers), loss
        self.n_in = _input_width(layers)
        self._ready = False

    def __repr__(self):
        return f"Sequential({self.layers!r}, loss={self.loss_name!r})"

    @property
    def params(self):
        return {f"{name}.{k}": v for name, layer in _leaves(self.layers)
                for k, v in layer.params.items()}

    @params.setter
    def params(self, value):
        for name, layer in _leaves(self.layers):
            for k in layer.params:
                layer.params[k] = value[f"{name}.{k}"]

    @property
    def grads(self):
        return {f"{name}.{k}": v for name, layer in _leaves(self.layers)
                for k, v in layer.grads.items()}

    @property
    def n_params(self):
        """Number of scalar parameters."""
        return int(sum(p.size for p in self.params.values()))

    def summary(self):
        """One line: the layers, the widths in and out, the number of parameters.

        Examples
        --------
        >>> Sequential([Dense(2, 1, rng=0)], loss="mse").summary()
        'Dense(2 -> 1): 2 -> 1, 3 parameters'
        """
        names = " -> ".join(repr(l).replace("'", "") for l in self.layers)
        return f"{names}: {self.n_in} -> {self.n_out}, {self.n_params} parameters"

    # unchecked internals, for loops of the library
    def _forward(self, X, training):
        for layer in self.layers:
            X = layer._forward(X, training)
        return X

    def _backward(self, d):
        for layer in reversed(self.layers):
            d = layer._backward(d)
        return d

    def _l2(self):
        return float(sum(np.sum(l.params[name] ** 2) for _, l in _leaves(self.layers)
                         for name in l.penalized))

    def _loss(self, X, y, l2=0.0, training=False):
        out = self._forward(X, training)
        loss = (softmax_cross_entropy.__wrapped__(out, y) if self.loss_name == "cross_entropy"
                else _half_mse(out, y))[0]
        return loss + 0.5 * l2 * self._l2() / len(X)

    def _loss_and_grads(self, X, y, l2=0.0):
        out = self._forward(X, True)
        loss, d = (softmax_cross_entropy.__wrapped__(out, y)
                   if self.loss_name == "cross_entropy" else _half_mse(out, y))
        self._backward(d)
        n = len(X)
        for _, layer in _leaves(self.layers):
            for name in layer.penalized if l2 else ():
                layer.grads[name] = layer.grads[name] + l2 * layer.params[name] / n
        return loss + 0.5 * l2 * self._l2() / n

    @validate(_fits_the_network, X=matrix, training=flag)
    def forward(self, X, training=False):
        """The last layer's output (logits, or predictions for ``loss="mse"``).

        Examples
        --------
        >>> net = Sequential([Dense(3, 2, rng=0)])
        >>> net.forward(np.zeros((1, 3))).tolist()
        [[0.0, 0.0]]
        >>> net.forward(np.zeros((1, 4)))
        Traceback (most recent call last):
        ...
        ValueError: X must have 3 features (columns), the input width of layer 0 Dense(3 -> 2); got shape (1, 4)
        """
        return self._forward(X, training)

    @validate(_fits_the_network, X=matrix)
    def predict_proba(self, X):
        """Class probabilities, the softmax of the logits (cross-entropy networks).

        Examples
        --------
        >>> Sequential([Dense(3, 2, rng=0)]).predict_proba(np.zeros((1, 3))).tolist()
        [[0.5, 0.5]]
        """
        return _softmax(self._forward(X, False), -1)

    @validate(_fits_the_network, X=matrix)
    def predict(self, X):
        """Class labels (the largest logit), or the outputs of an ``"mse"`` network.

        Examples
        --------
        >>> net = Sequential([Dense(1, 2, rng=0)])
        >>> net.params = {"0.W": np.array([[1.0, -1.0]]), "0.b": np.zeros(2)}
        >>> net.predict(np.array([[2.0], [-2.0]])).tolist()
        [0, 1]
        """
        out = self._forward(X, False)
        return out.argmax(axis=1) if self.loss_name == "cross_entropy" else out

    @validate(_fits_the_network, _targets, X=matrix, y=_any_array, l2=nonnegative,
              training=flag)
    def loss(self, X, y, l2=0.0, training=False):
        r"""The loss on ``(X, y)`` plus the L2 penalty :math:`\frac{\alpha}{2N}\sum \lVert W\rVert^2`.

        The penalty covers the weights of the dense layers (not the biases) and is
        divided by the number of samples, as in scikit-learn's ``MLPClassifier``.

        Examples
        --------
        >>> net = Sequential([Dense(3, 2, rng=0)])
        >>> round(net.loss(np.zeros((2, 3)), [0, 1]), 6)     # log 2
        0.693147
        """
        return self._loss(X, y, l2, training)

    @validate(_fits_the_network, _targets, X=matrix, y=_any_array, l2=nonnegative)
    def loss_and_grads(self, X, y, l2=0.0):
        """Training-mode loss (as :meth:`loss`); fills ``grads`` by backpropagation.

        Examples
        --------
        >>> net = Sequential([Dense(1, 1, rng=0)], loss="mse")
        >>> net.params = {"0.W": np.array([[2.0]]), "0.b": np.array([0.0])}
        >>> net.loss_and_grads(np.array([[1.0]]), np.array([3.0]))   # (2 - 3)**2 / 2
        0.5
        >>> net.grads["0.W"].tolist(), net.grads["0.b"].tolist()
        ([[-1.0]], [-1.0])
        """
        return self._loss_and_grads(X, y, l2)


# --------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------


#: Spec: a :class:`Sequential` network.
_network = instance_of(Sequential, "Sequential([Dense(64, 10)])")


@dataclass
class History:
    """What :func:`fit` records after every epoch (accuracies only for classifiers).

    Attributes
    ----------
    train_loss, val_loss, train_accuracy, val_accuracy : list of float
        Losses include the L2 penalty; validation lists are empty without a
        validation set.
    best_epoch : int
        The epoch (counted from 1) whose parameters the network keeps: the best
        validation loss with a validation set, otherwise the last.
    stopped_early : bool
    """

    train_loss: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    train_accuracy: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    best_epoch: int = 0
    stopped_early: bool = False


def _validation_set(args):
    """Relation: ``X_val`` and ``y_val`` come together and fit the network."""
    net, X_val, y_val = args["net"], args["X_val"], args["y_val"]
    if (X_val is None) != (y_val is None):
        raise ValueError("X_val and y_val must be given together; got only "
                         + ("X_val" if y_val is None else "y_val"))
    if X_val is None:
        return None
    if net.n_in is not None and X_val.shape[1] != net.n_in:
        raise ValueError(f"X_val must have {net.n_in} features (columns); got shape "
                         f"{X_val.shape}")
    return {"y_val": _targets({"self": net, "X": X_val, "y": y_val})["y"]}


def _training_set(args):
    """Relation: ``X`` fits the network, ``y`` its loss."""
    _fits_the_network({"self": args["net"], "X": args["X"]})
    return _targets({"self": args["net"], "X": args["X"], "y": args["y"]})


def _accuracy(net, X, y):
    return float(np.mean(net._forward(X, False).argmax(axis=1) == y))


_FIT = dict(net=_network, X=matrix, y=_any_array, optimizer=_optimizer,
            n_epochs=integer(minimum=1), batch_size=integer(minimum=1), l2=nonnegative,
            rng=optional(rng), X_val=optional(matrix), y_val=optional(_any_array),
            patience=optional(integer(minimum=1)), _t=_training_set, _v=_validation_set)


@validate(**_FIT)
def fit(net, X, y, optimizer, n_epochs=10, batch_size=32, l2=0.0, rng=None,
        X_val=None, y_val=None, patience=None):
    """Train ``net`` in place by mini-batch gradient descent and return its :class:`History`.

    Each epoch shuffles the training set with ``rng``, takes one optimizer step per
    mini-batch (the gradient of the batch's loss plus the L2 penalty
    :math:`\\frac{\\alpha}{2n}\\sum\\lVert W\\rVert^2` of the batch's size ``n``, as
    scikit-learn does), then records the losses and accuracies in inference mode.

    Parameters
    ----------
    net : Sequential
    X, y : training inputs and targets
    optimizer : Optimizer
        Any optimizer of :mod:`mlcheatsheet.optimization.optimizers`; a schedule as its
        ``lr`` is followed step by step. Used as it is (not reset).
    n_epochs : int, default=10
    batch_size : int, default=32
    l2 : float, default=0.0
        :math:`\\alpha`, scikit-learn's ``alpha``. It shrinks every layer's
        ``penalized`` parameters: dense weights, convolution kernels, recurrent
        ``Wx`` and ``Wh``; never biases.
    rng : numpy.random.Generator or int, optional
        Shuffles every epoch (no shuffling if omitted).
    X_val, y_val : optional
        A validation set, evaluated after every epoch.
    patience : int, optional
        With a validation set: stop after ``patience`` epochs without a better
        validation loss. With a validation set the network ends with the
        parameters of its best epoch (lowest validation loss).

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> y = np.array([0, 1, 1, 0])                           # XOR
    >>> net = Sequential([Dense(2, 8, rng=0), Activation("tanh"), Dense(8, 2, rng=1)])
    >>> from mlcheatsheet.optimization.optimizers import Adam
    >>> history = fit(net, X, y, Adam(lr=0.05), n_epochs=300, batch_size=4, rng=0)
    >>> net.predict(X).tolist(), history.train_accuracy[-1]
    ([0, 1, 1, 0], 1.0)
    """
    step = _unchecked(optimizer.step)
    history = History()
    best, best_params, waited = np.inf, None, 0
    classify = net.loss_name == "cross_entropy"
    for epoch in range(1, n_epochs + 1):
        order = np.arange(len(X)) if rng is None else rng.permutation(len(X))
        for i in range(0, len(X), batch_size):
            batch = order[i:i + batch_size]
            net._loss_and_grads(X[batch], y[batch], l2)
            net.params = step(net.params, net.grads)
        history.train_loss.append(net._loss(X, y, l2))
        if classify:
            history.train_accuracy.append(_accuracy(net, X, y))
        history.best_epoch = epoch
        if X_val is None:
            continue
        history.val_loss.append(net._loss(X_val, y_val, l2))
        if classify:
            history.val_accuracy.append(_accuracy(net, X_val, y_val))
        if history.val_loss[-1] < best:
            best, best_params, waited = history.val_loss[-1], copy.deepcopy(net.params), 0
        else:
            waited += 1
        history.best_epoch = epoch - waited
        if patience is not None and waited >= patience:
            history.stopped_early = True
            break
    if best_params is not None:
        net.params = best_params
    return history


def _dropouts(layers):
    for layer in layers:
        if isinstance(layer, Residual):
            yield from _dropouts(layer.layers)
        elif isinstance(layer, Dropout):
            yield layer


@validate(_training_set, net=_network, X=matrix, y=_any_array, l2=nonnegative, eps=positive)
def gradient_check(net, X, y, l2=0.0, eps=1e-6):
    r"""Relative error of every backpropagated parameter gradient against central differences.

    .. math::
        \frac{\partial L}{\partial \theta_i} \approx
        \frac{L(\theta + \varepsilon e_i) - L(\theta - \varepsilon e_i)}{2\varepsilon},
        \qquad
        \text{error} = \frac{\lVert g_{\text{backprop}} - g_{\text{numeric}}\rVert}
        {\lVert g_{\text{backprop}}\rVert + \lVert g_{\text{numeric}}\rVert}

    The loss is taken in training mode (batch statistics for batch norm); every
    dropout layer keeps one mask for the whole check. Costs two forward passes per
    scalar parameter: use a small network and batch.

    Parameters
    ----------
    net : Sequential
    X, y : a batch and its targets
    l2 : float, default=0.0
    eps : float, default=1e-6

    Returns
    -------
    dict
        ``{parameter name: relative error}``. The denominator is at least 1e-8, so
        two gradients that are exactly zero agree; a gradient that is zero in
        exact arithmetic (a bias just before batch normalization) meets the
        rounding noise of the differences, about 1e-10, and shows a large error.

    Examples
    --------
    >>> net = Sequential([Dense(3, 4, rng=0), Activation("tanh"), Dense(4, 2, rng=1)])
    >>> X = np.random.default_rng(2).normal(size=(5, 3))
    >>> errors = gradient_check(net, X, [0, 1, 1, 0, 1], l2=0.1)
    >>> sorted(errors), max(errors.values()) < 1e-7
    (['0.W', '0.b', '2.W', '2.b'], True)
    """
    drops = list(_dropouts(net.layers))
    frozen = [d.frozen for d in drops]
    for d in drops:
        d.frozen = True
    try:
        net._loss_and_grads(X, y, l2)
        analytic = {k: v.copy() for k, v in net.grads.items()}
        errors = {}
        for name, w in net.params.items():  # the layers' own arrays: perturbed in place
            numeric = np.empty_like(w)
            flat, out = w.reshape(-1), numeric.reshape(-1)
            for i in range(flat.size):
                original = flat[i]
                flat[i] = original + eps
                plus = net._loss(X, y, l2, training=True)
                flat[i] = original - eps
                minus = net._loss(X, y, l2, training=True)
                flat[i] = original
                out[i] = (plus - minus) / (2 * eps)
            scale = max(np.linalg.norm(analytic[name]) + np.linalg.norm(numeric), 1e-8)
            errors[name] = float(np.linalg.norm(analytic[name] - numeric) / scale)
    finally:
        for d, f in zip(drops, frozen):
            d.frozen = f
    return errors
