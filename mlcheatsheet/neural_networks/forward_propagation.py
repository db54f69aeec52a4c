r"""Forward propagation: the 2017 cheatsheet's networks, scalar and matrix, with their shapes.

The simple network has one input, one hidden and one output neuron and no biases:
:math:`\hat y = R(R(x\,w_h)\,w_o)` with :math:`R = \operatorname{ReLU}`. The larger
network is the same computation on matrices, with biases:

.. math::
    Z_h = X W_h + B_h, \quad H = R(Z_h), \quad Z_o = H W_o + B_o, \quad O = R(Z_o)

:func:`shape_table` runs that pass and reads the shape of every matrix off the
arrays, rather than stating them. Ng's course notes write the same layer as
:math:`a^{(j+1)} = g(\Theta^{(j)} [1; a^{(j)}])` with
:math:`\Theta^{(j)} \in \mathbb R^{s_{j+1} \times (s_j + 1)}`: :func:`to_theta`
builds :math:`\Theta` from :math:`W` and :math:`b`, :func:`feed_forward_theta`
propagates with it.
"""

from typing import NamedTuple

import numpy as np

from .._validation import matrix, options, real, rng, size, validate, vector
from ..optimization.initializers import he_normal
from .activations import ACTIVATIONS, ELEMENTWISE, relu

__all__ = [
    "feed_forward_scalar",
    "init_weights",
    "init_bias",
    "Forward",
    "feed_forward",
    "shape_table",
    "to_theta",
    "feed_forward_theta",
]


@validate(x=real, w_h=real, w_o=real)
def feed_forward_scalar(x, w_h, w_o):
    r"""The simple network's prediction :math:`R(R(x\,w_h)\,w_o)`, one number at a time.

    Examples
    --------
    >>> feed_forward_scalar(2.0, 1.5, 0.5)       # R(R(3) * 0.5)
    1.5
    >>> feed_forward_scalar(2.0, -1.5, 0.5)      # the hidden neuron is off
    0.0
    """
    z_h = x * w_h
    h = relu(z_h)
    z_o = h * w_o
    return relu(z_o)


@validate(n_in=size(), n_hidden=size(), n_out=size(), rng=rng)
def init_weights(n_in, n_hidden, n_out, rng):
    r"""He-scaled random weights :math:`W_h`, :math:`W_o`, returned (the 2017 code forgot to).

    Each entry is drawn from :math:`\mathcal N(0, 2/n)` with :math:`n` the number of
    inputs of its layer (:func:`mlcheatsheet.optimization.initializers.he_normal`),
    which is what the 2017 cheatsheet's ``randn(...) * sqrt(2.0 / n)`` computes.

    Returns
    -------
    W_h : ndarray of shape (n_in, n_hidden)
    W_o : ndarray of shape (n_hidden, n_out)

    Examples
    --------
    >>> W_h, W_o = init_weights(1, 2, 2, rng=0)
    >>> W_h.shape, W_o.shape
    ((1, 2), (2, 2))
    """
    return he_normal((n_in, n_hidden), rng), he_normal((n_hidden, n_out), rng)


@validate(n_hidden=size(), n_out=size(), value=real)
def init_bias(n_hidden, n_out, value=0.1):
    """Bias rows :math:`B_h`, :math:`B_o` filled with ``value`` (the 2017 code's 0.1).

    Returns
    -------
    B_h : ndarray of shape (1, n_hidden)
    B_o : ndarray of shape (1, n_out)

    Examples
    --------
    >>> B_h, B_o = init_bias(2, 2)
    >>> B_h.tolist(), B_o.shape
    ([[0.1, 0.1]], (1, 2))
    """
    return np.full((1, n_hidden), value), np.full((1, n_out), value)


class Forward(NamedTuple):
    """Every intermediate of a forward pass (backpropagation needs all of them)."""

    Zh: np.ndarray
    H: np.ndarray
    Zo: np.ndarray
    O: np.ndarray  # noqa: E741 - the 2017 cheatsheet's name for the output


def _chain(args):
    """Relation: consecutive matrices have matching inner dimensions; biases are rows."""
    X, Wh, Bh, Wo, Bo = (args[k] for k in ("X", "Wh", "Bh", "Wo", "Bo"))
    for left, right, a, b in [("X", "Wh", X, Wh), ("Wh", "Wo", Wh, Wo)]:
        if a.shape[1] != b.shape[0]:
            raise ValueError(f"{right} must have {a.shape[1]} rows, one per column of "
                             f"{left}; got shape {b.shape}")
    for name, bias, W in [("Bh", Bh, Wh), ("Bo", Bo, Wo)]:
        if bias.shape != (1, W.shape[1]):
            raise ValueError(f"{name} must have shape {(1, W.shape[1])}, one bias per neuron; "
                             f"got {bias.shape}")


@validate(_chain, X=matrix, Wh=matrix, Bh=matrix, Wo=matrix, Bo=matrix)
def feed_forward(X, Wh, Bh, Wo, Bo):
    """The larger network's forward pass, on matrices, returning every intermediate.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_in)
    Wh, Bh : hidden weights (n_in, n_hidden) and biases (1, n_hidden)
    Wo, Bo : output weights (n_hidden, n_out) and biases (1, n_out)

    Returns
    -------
    Forward
        ``(Zh, H, Zo, O)``; ``O`` is the prediction.

    Examples
    --------
    >>> out = feed_forward([[1.0], [2.0]], [[1.0, -1.0]], [[0.0, 0.0]],
    ...                    [[1.0], [1.0]], [[0.5]])
    >>> out.H.tolist(), out.O.tolist()
    ([[1.0, 0.0], [2.0, 0.0]], [[1.5], [2.5]])
    """
    Zh = X @ Wh + Bh
    H = relu(Zh)
    Zo = H @ Wo + Bo
    O = relu(Zo)  # noqa: E741
    return Forward(Zh, H, Zo, O)


_NAMES = {"X": "input", "Wh": "hidden weights", "Bh": "hidden bias",
          "Zh": "hidden weighted input", "H": "hidden activations", "Wo": "output weights",
          "Bo": "output bias", "Zo": "output weighted input", "O": "output activations"}


@validate(n_samples=size(), n_in=size(), n_hidden=size(), n_out=size())
def shape_table(n_samples, n_in, n_hidden, n_out):
    """The shape of every matrix of the larger network, read off a real forward pass.

    Returns
    -------
    list of (str, str, tuple)
        ``(variable, name, shape)`` in the order of the 2017 cheatsheet's table.

    Examples
    --------
    >>> {var: shape for var, _, shape in shape_table(3, 1, 2, 2)}["Zh"]
    (3, 2)
    """
    X = np.zeros((n_samples, n_in))
    Wh, Wo = init_weights(n_in, n_hidden, n_out, rng=0)
    Bh, Bo = init_bias(n_hidden, n_out)
    forward = feed_forward(X, Wh, Bh, Wo, Bo)._asdict()
    arrays = dict(X=X, Wh=Wh, Bh=Bh, Wo=Wo, Bo=Bo, **forward)
    return [(var, _NAMES[var], arrays[var].shape) for var in _NAMES]


def _bias_fits(args):
    """Relation: one bias per column of ``W``."""
    if args["b"].shape != (args["W"].shape[1],):
        raise ValueError(f"b must have one entry per column of W ({args['W'].shape[1]}); "
                         f"got shape {args['b'].shape}")


@validate(_bias_fits, W=matrix, b=vector)
def to_theta(W, b):
    r"""Ng's :math:`\Theta` of a layer :math:`XW + b`: the biases, then :math:`W^\top`.

    .. math:: \Theta = \begin{bmatrix} b & W^\top \end{bmatrix}
              \in \mathbb R^{s_{j+1} \times (s_j + 1)}

    Column 0 multiplies the bias unit :math:`a_0 = 1`.

    Examples
    --------
    >>> to_theta(np.zeros((2, 4)), np.zeros(4)).shape     # 2 units in, 4 out
    (4, 3)
    """
    return np.column_stack([b, W.T])


def _thetas(value, name):
    """Spec: a non-empty list of matrices, each taking the previous one's units plus a bias."""
    if not isinstance(value, (list, tuple)) or not value:
        raise TypeError(f"{name} must be a non-empty list of Theta matrices; got "
                        f"{type(value).__name__} {value!r}"[:200])
    thetas = [matrix(t, f"{name}[{i}]") for i, t in enumerate(value)]
    for i in range(1, len(thetas)):
        if thetas[i].shape[1] != thetas[i - 1].shape[0] + 1:
            raise ValueError(f"{name}[{i}] must have {thetas[i - 1].shape[0] + 1} columns "
                             f"(s_j + 1: {thetas[i - 1].shape[0]} units and the bias unit); "
                             f"got shape {thetas[i].shape}")
    return thetas


_thetas.kind = "thetas"


def _fits_theta(args):
    """Relation: ``X`` has one column per input unit of the first ``Theta``."""
    X, first = args["X"], args["thetas"][0]
    if X.shape[1] + 1 != first.shape[1]:
        raise ValueError(f"X must have {first.shape[1] - 1} features for thetas[0] of shape "
                         f"{first.shape}; got shape {X.shape}")


_ACTIVATION = options(*sorted(ELEMENTWISE))


@validate(_fits_theta, X=matrix, thetas=_thetas, activation=_ACTIVATION)
def feed_forward_theta(X, thetas, activation="sigmoid"):
    r"""Forward propagation in Ng's notation: :math:`a^{(j+1)} = g(\Theta^{(j)}[1; a^{(j)}])`.

    Every layer applies ``activation`` (Ng's :math:`g` is the sigmoid). One sample per
    row of ``X``, so each step computes :math:`[\mathbf 1, A]\,\Theta^\top`.

    Examples
    --------
    >>> theta = np.array([[-30.0, 20.0, 20.0]])            # AND, from Ng's course notes
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> feed_forward_theta(X, [theta]).round().ravel().tolist()
    [0.0, 0.0, 0.0, 1.0]
    """
    g = ACTIVATIONS[activation][0]
    A = X
    for theta in thetas:
        A = g(np.column_stack([np.ones(len(A)), A]) @ theta.T)
    return A
