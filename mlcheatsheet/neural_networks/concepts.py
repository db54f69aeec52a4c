r"""The first ideas of a neural network: a neuron, why a non-linearity, one-hot outputs,
and the vocabulary of training (epoch, batch, step).

A **neuron** computes a weighted sum of its inputs plus a bias and applies an
activation, :math:`a = g(x^\top w + b)`. Without the activation, layers do not add
up to anything new: two affine layers are one (:func:`collapse_linear`). A network
with :math:`K` classes has :math:`K` outputs and learns from one-hot targets
(:func:`one_hot`). Training counts in **steps** (one mini-batch, one update) and
**epochs** (one pass over the data, :math:`\lceil N/B\rceil` steps):
:func:`training_schedule`.
"""

import math
from typing import NamedTuple

import numpy as np

from .._validation import integer, matrix, options, real, size, validate, vector
from .activations import ACTIVATIONS, ELEMENTWISE

__all__ = ["neuron", "collapse_linear", "one_hot", "TrainingSchedule", "training_schedule"]


def _weights_fit(args):
    """Relation: one weight per column of ``X``."""
    if args["w"].shape[0] != args["X"].shape[1]:
        raise ValueError(f"w must have one weight per column of X ({args['X'].shape[1]}); "
                         f"got {args['w'].shape[0]}")


_ACTIVATION = options(*sorted(ELEMENTWISE))


@validate(_weights_fit, X=matrix, w=vector, b=real, activation=_ACTIVATION)
def neuron(X, w, b, activation="sigmoid"):
    r"""One neuron on every row of ``X``: :math:`a = g(Xw + b)`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_inputs)
    w : array_like of shape (n_inputs,)
    b : float
    activation : str, default="sigmoid"
        A name of :data:`~mlcheatsheet.neural_networks.activations.ELEMENTWISE`.

    Returns
    -------
    ndarray of shape (n_samples,)

    Examples
    --------
    >>> neuron([[1.0, 2.0]], [0.5, -0.25], 0.0).tolist()         # g(0) = 0.5
    [0.5]
    >>> neuron([[1.0, 2.0]], [0.5, 0.25], -2.0, activation="relu").tolist()
    [0.0]
    """
    z = X @ w + b
    return ACTIVATIONS[activation][0](z)


def _stackable(args):
    """Relation: ``W1`` feeds ``W2``; each bias has one entry per column of its matrix."""
    W1, b1, W2, b2 = (args[k] for k in ("W1", "b1", "W2", "b2"))
    if W1.shape[1] != W2.shape[0]:
        raise ValueError(f"W2 must have {W1.shape[1]} rows, one per column of W1; got "
                         f"shape {W2.shape}")
    for name, b, W in [("b1", b1, W1), ("b2", b2, W2)]:
        if b.shape != (W.shape[1],):
            raise ValueError(f"{name} must have {W.shape[1]} entries; got shape {b.shape}")


@validate(_stackable, W1=matrix, b1=vector, W2=matrix, b2=vector)
def collapse_linear(W1, b1, W2, b2):
    r"""The one affine layer equal to two stacked ones without an activation.

    .. math:: (XW_1 + b_1)W_2 + b_2 = X\,(W_1W_2) + (b_1W_2 + b_2)

    Returns
    -------
    W : ndarray of shape (n_in, n_out)
    b : ndarray of shape (n_out,)

    Examples
    --------
    >>> W, b = collapse_linear([[2.0]], [1.0], [[3.0]], [-1.0])   # 3(2x + 1) - 1 = 6x + 2
    >>> W.tolist(), b.tolist()
    ([[6.0]], [2.0])
    """
    return W1 @ W2, b1 @ W2 + b2


def _labels_below(args):
    """Relation: ``y`` holds integer labels ``0 .. n_classes - 1``."""
    y, k = args["y"], args["n_classes"]
    bad = (y != np.round(y)) | (y < 0) | (y >= k)
    if bad.any():
        raise ValueError(f"y must hold class labels 0 .. {k - 1}; got {y[bad][0]:g} at index "
                         f"{int(np.argmax(bad))}")
    return {"y": y.astype(np.intp)}


@validate(_labels_below, y=vector, n_classes=size(minimum=2))
def one_hot(y, n_classes):
    """One-hot rows: row ``i`` has a 1 in column ``y[i]`` and 0 elsewhere.

    Examples
    --------
    >>> one_hot([2, 0], 4).tolist()      # e.g. truck, car of car/pedestrian/truck/motorcycle
    [[0.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0]]
    """
    return np.eye(n_classes)[y]


class TrainingSchedule(NamedTuple):
    """What one training run of mini-batch gradient descent amounts to."""

    steps_per_epoch: int
    total_steps: int
    examples_seen: int
    last_batch_size: int


@validate(n_samples=size(), batch_size=size(), n_epochs=integer(minimum=1))
def training_schedule(n_samples, batch_size, n_epochs):
    r"""Steps (iterations) per epoch and in total for ``n_samples`` in batches of ``batch_size``.

    One **step** (or **iteration**) processes one mini-batch and updates the weights
    once; one **epoch** is one pass over the training set, :math:`\lceil N/B\rceil`
    steps, the last batch holding what is left.

    Examples
    --------
    >>> training_schedule(1000, 32, 10)
    TrainingSchedule(steps_per_epoch=32, total_steps=320, examples_seen=10000, last_batch_size=8)
    """
    steps = math.ceil(n_samples / batch_size)
    last = n_samples - (steps - 1) * batch_size
    return TrainingSchedule(steps, steps * n_epochs, n_samples * n_epochs, last)
