r"""Vanishing and exploding gradients: measure them layer by layer, and count dead ReLUs.

Backpropagation multiplies, at every layer, by the layer's weights and by the
derivative of its activation. Over many layers the product shrinks geometrically
when those factors are below one (sigmoid: :math:`\sigma' \le 1/4`; weights too
small) and grows geometrically when they are above one (weights too large):

.. math::
    \frac{\partial L}{\partial Z_k} = \Bigl(\frac{\partial L}{\partial Z_{k+1}}
    W_{k+1}^\top\Bigr) \odot g'(Z_k)

:func:`gradient_norms` measures :math:`\lVert \partial L/\partial W_k\rVert` for every
dense layer of a network, :func:`dead_units` counts the ReLU units that output zero
for every example of a batch (and so pass no gradient back), and :func:`deep_mlp`
builds the deep, narrow networks in which both effects show.
"""

import numpy as np

from .._validation import matrix, optional, options, positive, rng, size, validate
from ..optimization import initializers
from .activations import ELEMENTWISE
from .network import Activation, Dense, Sequential, _any_array, _network, _training_set

__all__ = ["deep_mlp", "gradient_norms", "dead_units"]

_ACTIVATION = options(*sorted(ELEMENTWISE))
_INIT = options(*sorted(set(initializers.INITIALIZERS) - {"constant"}))


@validate(n_in=size(), width=size(), depth=size(), n_out=size(), activation=_ACTIVATION,
          init=_INIT, gain=positive, rng=optional(rng))
def deep_mlp(n_in, width, depth, n_out, activation="relu", init="he_normal", gain=1.0,
             rng=None):
    """A classifier with ``depth`` hidden layers of ``width`` units, weights times ``gain``.

    Parameters
    ----------
    n_in, width, depth, n_out : int
    activation : str, default="relu"
        The activation of every hidden layer.
    init : str, default="he_normal"
        A name of :data:`mlcheatsheet.optimization.initializers.INITIALIZERS`.
    gain : float, default=1.0
        Every initial weight matrix is multiplied by it (2 doubles the scale).
    rng : numpy.random.Generator or int, optional

    Examples
    --------
    >>> net = deep_mlp(4, 8, 3, 2, rng=0)
    >>> len(net.layers), net.summary().split(": ")[1]
    (7, '4 -> 2, 202 parameters')
    """
    gen = np.random.default_rng() if rng is None else rng
    widths = [n_in] + [width] * depth
    layers = []
    for a, b in zip(widths, widths[1:]):
        layers += [Dense(a, b, rng=gen, init=init), Activation(activation)]
    layers.append(Dense(width, n_out, rng=gen, init=init))
    for layer in layers[::2]:
        layer.params["W"] *= gain
    return Sequential(layers)


@validate(_training_set, net=_network, X=matrix, y=_any_array)
def gradient_norms(net, X, y):
    r"""The Frobenius norm :math:`\lVert \partial L/\partial W_k\rVert` of every dense layer.

    Returns
    -------
    ndarray of shape (n_dense_layers,)
        Input side first.

    Examples
    --------
    >>> net = deep_mlp(4, 8, 3, 2, rng=0)
    >>> X = np.random.default_rng(1).normal(size=(16, 4))
    >>> gradient_norms(net, X, np.arange(16) % 2).shape
    (4,)
    """
    net._loss_and_grads(X, y)
    return np.array([np.linalg.norm(layer.grads["W"]) for layer in net.layers
                     if isinstance(layer, Dense)])


def _fits(args):
    """Relation: ``X`` has the network's input width."""
    net, X = args["net"], args["X"]
    if net.n_in is not None and X.shape[1] != net.n_in:
        raise ValueError(f"X must have {net.n_in} features (columns); got shape {X.shape}")


@validate(_fits, net=_network, X=matrix)
def dead_units(net, X):
    """For every ReLU layer, the number of units that output 0 on every row of ``X``.

    Such a unit passes no gradient to its weights for this batch; if it is dead on
    the whole data set, nothing brings it back.

    Returns
    -------
    ndarray of int, one entry per ReLU layer

    Examples
    --------
    >>> net = deep_mlp(2, 3, 1, 2, rng=0)
    >>> net.layers[0].params["b"][:] = [-100.0, 0.0, 0.0]     # unit 0 never fires
    >>> int(dead_units(net, np.random.default_rng(0).uniform(size=(20, 2)))[0]) >= 1
    True
    """
    counts, A = [], X
    for layer in net.layers:
        A = layer._forward(A, False)
        if isinstance(layer, Activation) and layer.name == "relu":
            counts.append(int(np.sum(np.all(A == 0, axis=0))))
    return np.array(counts, dtype=int)
